"""Extract: everything qgraph reads out of one parsed document, as values, before any RDF is made.

:func:`extract` is the stage: per part of the document, the units its responsibility statements
assign (with the lead basis decided where the statement is read), its domains with their evidence,
its keywords and its targets (each with the year in force and its own domains); per document, the
type of every department it names. The modules beside this one each find one kind of thing:
:mod:`.departments`, :mod:`.department_types`, :mod:`.domains`, :mod:`.keywords`, :mod:`.targets`,
:mod:`.deadlines` (a task table's row).

>>> from qgraph.pipeline import parse_text
>>> found = extract(parse_text("一、加强监管\\n（一）强化抽检。到2025年，抽检合格率达到98%以上。（县市场监管局负责）"))
>>> part = next(c for c in found.clauses if c.clause.number == "一.(一)")
>>> [(a.label, a.basis.value) for a in part.assignments], [(t.target.value, t.target.year) for t in part.targets]
([('县市场监管局', 'SoleResponsible')], [(Decimal('98'), 2025)])
"""
from __future__ import annotations

from dataclasses import replace

from qgraph.extract.deadlines import row_deadline
from qgraph.extract.department_types import department_type
from qgraph.extract.departments import convention, extract_assignments, table_assignments, unify_labels
from qgraph.extract.document import disagreements, document_facts
from qgraph.extract.domains import classify, domain_for_phrase, domain_rules, phrase_domains
from qgraph.extract.keywords import keywords
from qgraph.extract.targets import extract_targets, governing_year, indicator_domain, title_year
from qgraph.model import (
    Assignment,
    Clause,
    ClauseExtraction,
    DepartmentType,
    DocumentExtraction,
    DocumentSpec,
    DomainLabel,
    ParsedDocument,
    PartKind,
    Target,
    TargetExtraction,
)
from qgraph.rules import RuleSet, default_rules

__all__ = ["extract"]


def extract(parsed: ParsedDocument, rule_set: RuleSet | None = None) -> DocumentExtraction:
    """Assignments, department types, domains, keywords and targets of one parsed document."""
    rule_set = rule_set or default_rules()
    spec = parsed.spec
    domains: dict[str, list[DomainLabel]] = {}
    for label in classify(parsed.clauses, rule_set):
        domains.setdefault(label.clause, []).append(label)
    # A target's year: its sentence's, else the nearest lead-in above it in its clause, else the one
    # its headings leave in force, else the manifest's target_year, else the title's (2019年…工作要点).
    years: dict[str | None, int | None] = {None: spec.target_year or title_year(spec.title, rule_set)}
    present = _present_year(spec, rule_set)
    assigned, merges = _assignments(parsed, rule_set)
    types: dict[str, DepartmentType] = {}
    warnings: list[str] = []
    parts = []
    for clause, assignments in zip(parsed.clauses, assigned, strict=True):
        for assignment in assignments:
            if not assignment.is_group and assignment.label not in types:
                types[assignment.label] = department_type(assignment.label, rule_set)
                if not types[assignment.label].known:
                    warnings.append(f"{spec.id} {clause.number}: department {assignment.label} has no known "
                                    f"type (add a qg:namePattern to ontology/department-types.ttl)")
        own = tuple(domains.get(clause.slug, ()))
        if not clause.numbered:
            parts.append(ClauseExtraction(clause, tuple(assignments), own))
            continue
        inherited = years.get(clause.parent)
        years[clause.slug] = governing_year(clause.text, rule_set) or inherited
        targets = tuple(TargetExtraction(target, _target_domains(clause, target, own, rule_set))
                        for target in extract_targets(clause.text, clause.slug, inherited, rule_set,
                                                       present))
        parts.append(ClauseExtraction(clause, tuple(assignments), own,
                                      keywords(clause.text, rule_set=rule_set), targets,
                                      row_deadline(clause, rule_set)))
    facts = parsed.facts or document_facts(parsed.clauses, rule_set)
    warnings.extend(disagreements(spec, facts))
    return DocumentExtraction(parsed, tuple(parts), tuple(types.items()), tuple(warnings), facts, merges)


def _assignments(parsed: ParsedDocument, rule_set: RuleSet
                 ) -> tuple[list[tuple[Assignment, ...]], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Each part's assignments, read under the document's stated convention (排在第一位的为牵头单位 in
    its notice or preamble), with one label per unit across the document; and the names merged."""
    stated = "\n".join(c.text for c in parsed.clauses if c.kind in (PartKind.NOTICE, PartKind.PREAMBLE))
    first_leads = convention(stated, rule_set) if stated else None
    found: list[list[Assignment]] = []
    jurisdiction = parsed.spec.jurisdiction
    for clause in parsed.clauses:
        # a task table's row: its unit columns, else (no unit in them) statements in its text
        own = table_assignments(clause.text, clause.cells, clause.slug, jurisdiction, rule_set, first_leads)
        found.append([replace(a, task_domain=domain_for_phrase(a.task, rule_set)) if a.task else a
                      for a in own or extract_assignments(clause.text, clause.slug, jurisdiction, rule_set,
                                                          first_leads)])
    unified, merges = unify_labels([a for part in found for a in part], rule_set)
    per_part, at = [], 0
    for part in found:
        per_part.append(tuple(unified[at:at + len(part)]))
        at += len(part)
    return _from_headings(parsed.clauses, per_part), merges


def _from_headings(clauses: tuple[Clause, ...], assigned: list[tuple[Assignment, ...]]
                   ) -> list[tuple[Assignment, ...]]:
    """A statement in a section's heading (一、加强质量基础（X牵头）) governs the numbered clauses below it
    that carry none of their own: they take its units, marked as inherited from the heading."""
    own = {clause.slug: found for clause, found in zip(clauses, assigned, strict=True) if found}
    parents = {clause.slug: clause.parent for clause in clauses}
    result = []
    for clause, found in zip(clauses, assigned, strict=True):
        ancestor = clause.parent
        while not found and clause.numbered and ancestor is not None:
            if ancestor in own:
                found = tuple(replace(a, clause=clause.slug, inherited_from=ancestor) for a in own[ancestor])
            ancestor = parents.get(ancestor)
        result.append(found)
    return result


def _target_domains(clause: Clause, target: Target, clause_domains: tuple[DomainLabel, ...],
                    rule_set: RuleSet) -> tuple[DomainLabel, ...]:
    """A target's own domain: stated by its line's label (产品质量：…), else the domain of its indicator
    (ontology/indicators.ttl qg:domain), else those its metric's words name (the domain lexicon; of
    several equally named, those its clause shares when it shares any), else its clause's, inherited.
    A 工程…合格率 in a clause about products is engineering quality, and no target is counted under
    every domain of its clause just for being written there."""
    line_start = clause.text.rfind("\n", 0, target.start) + 1
    found = domain_rules(rule_set).label_line.match(clause.text, line_start)
    if found:
        domain = domain_for_phrase(found.group("label"), rule_set)
        if domain:
            return (DomainLabel(clause.slug, domain, "Stated", (found.group("label"),), "label-line"),)
    domain = indicator_domain(target.indicator, rule_set)
    if domain:
        return (DomainLabel(clause.slug, domain, "Inferred", (target.metric,), "indicator"),)
    named = phrase_domains(target.metric, rule_set)
    shared = [(d, terms) for d, terms in named if d in {label.domain for label in clause_domains}]
    if named:
        return tuple(DomainLabel(clause.slug, d, "Inferred", terms, "metric-lexicon") for d, terms in shared or named)
    return tuple(DomainLabel(clause.slug, label.domain, "Inherited", label.terms, label.rule)
                 for label in clause_domains)


def _present_year(spec: DocumentSpec, rule_set: RuleSet) -> int | None:
    """The year a document speaks from: the year its plan is for (manifest target_year, else an
    annual title's), else its year of issue. A year before it opens a review of past work."""
    issued = int(spec.issued[:4]) if spec.issued[:4].isdigit() else None
    planned = spec.target_year or title_year(spec.title, rule_set, annual_only=True)
    return max(y for y in (issued, planned) if y) if (issued or planned) else None
