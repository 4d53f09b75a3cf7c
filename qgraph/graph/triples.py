"""Triples: the values of one document's extraction mapped to RDF under qgraph's ontology.

This module decides nothing about the text: it only maps values (:mod:`qgraph.model`) to triples.
Each document yields its own triples (the document, its clauses, what was extracted from them) and
shared ones (its jurisdiction, government and departments, which other documents of the same
jurisdiction state too). Every clause keeps its provenance: its text as written and its offsets
into the decoded source. IRIs derive from ids and clause numbers only (:mod:`qgraph.vocab`).

>>> from qgraph.extract import extract
>>> from qgraph.pipeline import parse_corpus
>>> from qgraph.resources import repo_data_dir
>>> parsed = parse_corpus(repo_data_dir() / "documents.yaml")[3]
>>> triples = document_triples(extract(parsed))
>>> [str(t.object) for t in triples.own if t.subject == clause_iri(parsed.spec.id, "2-7")
...  and t.predicate == QG.heading]
['"加强消费品等重点产品质量安全监管"']
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from qgraph.graph.topics import index_terms, topic_index_triples
from qgraph.model import (
    Assignment,
    Clause,
    Deadline,
    DepartmentType,
    DocumentExtraction,
    DocumentSpec,
    DomainLabel,
    ParsedDocument,
    PartKind,
    Reuse,
    Role,
    SourceText,
    Target,
)
from qgraph.resources import resource_path
from qgraph.rules import RuleSet
from qgraph.vocab import (
    DCTERMS,
    ELI,
    ORG,
    PROV,
    QG,
    RDF,
    RDFS,
    SKOS,
    XSD,
    Triple,
    assignment_iri,
    clause_iri,
    department_iri,
    document_iri,
    domain_assignment_iri,
    government_iri,
    group_iri,
    jurisdiction_iri,
    literal,
    notice_iri,
    reuse_iri,
    target_iri,
    to_rdflib,
    topic_iri,
    typed,
)

ONTOLOGY_FILE = "qgraph.ttl"
_LEVELS = {"province": QG.ProvinceLevel, "prefecture": QG.PrefectureLevel, "county": QG.CountyLevel}


@dataclass(frozen=True, slots=True)
class DocumentTriples:
    """One document's triples: its own, its jurisdiction's, and what the build reports of it."""
    doc_id: str
    clauses: int                 # the document's parts
    own: tuple[Triple, ...]      # only this document states them
    shared: tuple[Triple, ...]   # its jurisdiction's nodes, which other documents may state too
    warnings: tuple[str, ...] = ()
    departments: frozenset[str] = frozenset()   # labels of the units it names (departments and bodies)
    unknown: frozenset[str] = frozenset()       # … of those, the departments of unknown type


def ontology_graph(rule_set: RuleSet) -> rdflib.Graph:
    """The ontology, the taxonomies (shipped and overlaid), the topic synonyms and the terms of the topic
    index (:mod:`.topics`), as an rdflib Graph (its blank nodes, the ontology's lists, are serialised
    canonically by :mod:`.export`), so that every answer can be given from the graph alone."""
    graph = rdflib.Graph()
    graph.parse(resource_path("ontology", ONTOLOGY_FILE), format="turtle")
    for name in ("domains.ttl", "department-types.ttl", "indicators.ttl"):
        for path in rule_set.taxonomy_turtle(name):
            graph.parse(path, format="turtle")
    to_rdflib(topic_triples(rule_set), into=graph)
    return to_rdflib(topic_index_triples(index_terms(graph)), into=graph)


def topic_triples(rule_set: RuleSet) -> list[Triple]:
    """``topics.yaml`` as SKOS: a concept per synonym group in ``qg:Topics``, its first term preferred."""
    triples: list[Triple] = []
    for entry in rule_set.file("topics.yaml").entries("synonyms"):
        terms = [str(t) for t in entry.get("terms") or ()]
        if not terms:
            continue
        node = topic_iri(entry["id"].removeprefix("topic."))
        triples += [Triple(node, RDF.type, SKOS.Concept), Triple(node, SKOS.inScheme, QG.Topics),
                    Triple(node, SKOS.prefLabel, literal(terms[0], lang="zh")),
                    *(Triple(node, SKOS.altLabel, literal(term, lang="zh")) for term in terms[1:])]
    return triples


def document_triples(extraction: DocumentExtraction) -> DocumentTriples:
    """Every triple of one document's extraction, its own and its jurisdiction's."""
    parsed = extraction.parsed
    spec = parsed.spec
    doc = document_iri(spec.id)
    own: list[Triple] = [
        Triple(doc, RDF.type, QG.PolicyDocument),
        Triple(doc, RDF.type, ELI.LegalResource),
        Triple(doc, QG.jurisdiction, jurisdiction_iri(spec.jurisdiction.id)),
        Triple(doc, DCTERMS.identifier, literal(spec.id)),
        Triple(doc, DCTERMS.title, literal(spec.title, lang="zh")),
        Triple(doc, DCTERMS.issued, typed(spec.issued, XSD.date if len(spec.issued) == 10 else XSD.gYear)),
        Triple(doc, QG.sourceFile, literal(spec.path.name)),
        Triple(doc, QG.sourceSha256, literal(parsed.text.source.sha256)),
        Triple(doc, QG.script, literal(parsed.text.script)),
    ]
    if spec.number:
        own.append(Triple(doc, ELI.id_local, literal(spec.number)))
    if extraction.facts.issuer:
        own.append(Triple(doc, DCTERMS.creator, literal(extraction.facts.issuer, lang="zh")))
    source = parsed.text.source.text
    shared = jurisdiction_triples(spec)
    types = dict(extraction.department_types)
    variants = dict(extraction.merges)
    units: set[str] = set()
    for part in extraction.clauses:
        clause = part.clause
        own.extend(clause_triples(clause, source))
        own.extend(page_triples(clause, parsed.text.source))
        for n, assignment in enumerate(part.assignments, start=1):
            own.extend(assignment_triples(parsed, clause, assignment, n))
            if assignment.label not in units:
                units.add(assignment.label)
                shared.extend(agent_triples(spec, assignment, types.get(assignment.label),
                                            variants.get(assignment.label, ())))
        node = clause_iri(spec.id, clause.slug)
        for label in part.domains:
            own.extend(domain_triples(node, label))
        own.extend(Triple(node, QG.keyword, literal(word)) for word in part.keywords)
        if part.deadline:
            own.extend(deadline_triples(node, part.deadline))
        for n, found in enumerate(part.targets, start=1):
            target = target_iri(spec.id, clause.slug, n)
            own.extend(target_triples(parsed, clause, found.target, target))
            for label in found.domains:
                own.extend(domain_triples(target, label))
    notice = [c for c in parsed.clauses if c.kind is PartKind.NOTICE]
    if notice:
        own.extend(notice_triples(spec.id, notice, extraction.facts.notice_number, extraction.facts.notice_issued))
    unknown = frozenset(label for label, kind in types.items() if not kind.known)
    return DocumentTriples(spec.id, len(parsed.clauses), tuple(own), tuple(shared), extraction.warnings,
                           frozenset(units), unknown)


def jurisdiction_triples(spec: DocumentSpec) -> list[Triple]:
    """The jurisdiction and its people's government."""
    j = spec.jurisdiction
    node, government = jurisdiction_iri(j.id), government_iri(j.id)
    triples = [Triple(node, RDF.type, QG.Jurisdiction)]
    if j.level == "province":
        triples.append(Triple(node, RDF.type, QG.Province))
    elif j.name_zh.endswith("市"):
        triples.append(Triple(node, RDF.type, QG.City))
    triples += [
        Triple(node, RDFS.label, literal(j.name_zh, lang="zh")),
        Triple(node, RDFS.label, literal(j.name_en, lang="en")),
        Triple(node, QG.adminLevel, _LEVELS[j.level]),
        Triple(node, QG.adminCode, literal(j.code)),
        Triple(node, DCTERMS.identifier, literal(j.id)),
        Triple(node, QG.government, government),
        Triple(government, RDF.type, QG.Government),
        Triple(government, RDF.type, ORG.FormalOrganization),
        Triple(government, RDFS.label, literal(f"{j.name_zh}人民政府", lang="zh")),
        Triple(government, RDFS.label, literal(f"{j.name_en} People's Government", lang="en")),
        Triple(government, QG.jurisdiction, node),
    ]
    return triples


def page_triples(clause: Clause, source: SourceText) -> list[Triple]:
    """The PDF page(s) a part of a document stands on (qg:page); none for a file that has no pages."""
    node = clause_iri(clause.doc_id, clause.slug)
    return [Triple(node, QG.page, literal(page)) for page in source.pages(clause.source_start, clause.source_end)]


def clause_triples(clause: Clause, source: str) -> list[Triple]:
    """A part of a document: its place in the tree, its text as normalised and as written, its offsets."""
    node = clause_iri(clause.doc_id, clause.slug)
    doc = document_iri(clause.doc_id)
    parent = clause_iri(clause.doc_id, clause.parent) if clause.parent else doc
    triples = [
        Triple(node, RDF.type, QG.Clause),
        Triple(node, RDF.type, ELI.LegalResourceSubdivision),
        Triple(node, QG.document, doc),
        Triple(node, DCTERMS.isPartOf, parent),
        Triple(node, QG.number, literal(clause.number)),
        Triple(node, QG.order, literal(clause.order)),
        Triple(node, QG.level, literal(clause.level)),
        Triple(node, QG.kind, QG[clause.kind.value]),
        Triple(node, QG.text, literal(clause.text)),
        Triple(node, QG.sourceText, literal(source[clause.source_start:clause.source_end])),
        Triple(node, QG.charStart, literal(clause.source_start)),
        Triple(node, QG.charEnd, literal(clause.source_end)),
        Triple(node, QG.rule, literal(clause.rule)),
    ]
    if clause.marker:
        triples.append(Triple(node, QG.marker, literal(clause.marker)))
    if clause.heading:
        triples.append(Triple(node, QG.heading, literal(clause.heading)))
    return triples


def deadline_triples(node: ox.NamedNode, deadline: Deadline) -> list[Triple]:
    """A task table row's deadline: as written (qg:deadline) and, where it names one, the last day of
    the period (qg:deadlineDate, xsd:date)."""
    triples = [Triple(node, QG.deadline, literal(deadline.text))]
    if deadline.date:
        triples.append(Triple(node, QG.deadlineDate, typed(deadline.date, XSD.date)))
    return triples


_ROLE_PROPERTY = {Role.LEAD: QG.leadDepartment, Role.SUPPORT: QG.supportDepartment,
                  Role.RESPONSIBLE: QG.responsibleDepartment}


def agent_node(spec: DocumentSpec, assignment: Assignment) -> ox.NamedNode:
    """The IRI of the unit an assignment names: a department, or a collective body."""
    make = group_iri if assignment.is_group else department_iri
    return make(spec.jurisdiction.id, assignment.label)


def agent_triples(spec: DocumentSpec, assignment: Assignment, kind: DepartmentType | None,
                  alt_labels: tuple[str, ...] = ()) -> list[Triple]:
    """A department (typed, in its jurisdiction's government) or a collective body; ``alt_labels``:
    the other spellings of the department merged into this node (skos:altLabel)."""
    node = agent_node(spec, assignment)
    jurisdiction = jurisdiction_iri(spec.jurisdiction.id)
    label = literal(assignment.label, lang="zh")
    if assignment.is_group or kind is None:
        return [Triple(node, RDF.type, QG.CollectiveBody), Triple(node, RDF.type, ORG.Organization),
                Triple(node, RDFS.label, label), Triple(node, QG.jurisdiction, jurisdiction)]
    return [Triple(node, RDF.type, QG.Department), Triple(node, RDF.type, ORG.Organization),
            Triple(node, RDFS.label, label), Triple(node, QG.jurisdiction, jurisdiction),
            Triple(node, QG.departmentType, ox.NamedNode(kind.iri)),
            Triple(node, ORG.subOrganizationOf, government_iri(spec.jurisdiction.id)),
            *(Triple(node, SKOS.altLabel, literal(alt, lang="zh")) for alt in sorted(set(alt_labels)))]


def _stated_in(parsed: ParsedDocument, clause: Clause, assignment: Assignment) -> Clause:
    """The part whose text holds the statement: the clause, or the heading it inherits it from."""
    if assignment.inherited_from is None:
        return clause
    return next(c for c in parsed.clauses if c.slug == assignment.inherited_from)


def assignment_triples(parsed: ParsedDocument, clause: Clause, assignment: Assignment, n: int) -> list[Triple]:
    """The clause's role link to the unit, and the assignment node that keeps its evidence."""
    spec = parsed.spec
    clause_node = clause_iri(spec.id, clause.slug)
    agent = agent_node(spec, assignment)
    node = assignment_iri(spec.id, clause.slug, n)
    stated = _stated_in(parsed, clause, assignment)
    start, end = parsed.text.source_span(stated.start + assignment.start, stated.start + assignment.end)
    triples = [
        Triple(clause_node, QG.responsibleGroup if assignment.is_group else _ROLE_PROPERTY[assignment.role], agent),
        Triple(clause_node, QG.assignment, node),
        Triple(node, RDF.type, QG.Assignment),
        Triple(node, QG.assignedIn, clause_node),
        Triple(node, QG.agent, agent),
        Triple(node, QG.role, QG[assignment.role.value]),
        Triple(node, QG.leadBasis, QG[assignment.basis.value]),
        Triple(node, QG.listPosition, literal(assignment.position)),
        Triple(node, QG.charStart, literal(start)),
        Triple(node, QG.charEnd, literal(end)),
        Triple(node, QG.sourceText, literal(parsed.text.source.text[start:end])),
        Triple(node, QG.rule, literal(assignment.rule)),
    ]
    if assignment.open_list:
        triples.append(Triple(node, QG.openList, literal(True)))
    if assignment.task:
        triples.append(Triple(node, QG.task, literal(assignment.task)))
    if assignment.task_domain:
        triples.append(Triple(node, QG.domain, ox.NamedNode(assignment.task_domain)))
    if assignment.inherited_from is not None:
        triples.append(Triple(node, QG.inheritedFrom, clause_iri(spec.id, assignment.inherited_from)))
    return triples


def target_triples(parsed: ParsedDocument, clause: Clause, target: Target, node: ox.NamedNode) -> list[Triple]:
    """A target: metric, value, unit, comparator, year, change and provenance."""
    start, end = parsed.text.source_span(clause.start + target.start, clause.start + target.end)
    triples = [
        Triple(node, RDF.type, QG.Target),
        Triple(node, QG.statedIn, clause_iri(parsed.spec.id, clause.slug)),
        Triple(node, QG.metric, literal(target.metric, lang="zh")),
        Triple(node, QG.value, literal(target.value)),
        Triple(node, QG.unit, literal(target.unit)),
        Triple(node, QG.comparator, QG[target.comparator.value]),
        Triple(node, QG.sourceText, literal(parsed.text.source.text[start:end])),
        Triple(node, QG.charStart, literal(start)),
        Triple(node, QG.charEnd, literal(end)),
        Triple(node, QG.rule, literal(target.rule)),
    ]
    if target.value_max is not None:
        triples.append(Triple(node, QG.valueMax, literal(target.value_max)))
    if target.year:
        triples.append(Triple(node, QG.targetYear, typed(str(target.year), XSD.gYear)))
    if target.annual:
        triples.append(Triple(node, QG.period, QG.Annual))
    if target.change is not None:
        triples.append(Triple(node, QG.change, QG[target.change.value]))
    if target.baseline_year:
        triples.append(Triple(node, QG.baselineYear, typed(str(target.baseline_year), XSD.gYear)))
    if target.reference:
        triples.append(Triple(node, QG.reference, literal(target.reference)))
    if target.indicator:
        triples.append(Triple(node, QG.indicator, ox.NamedNode(target.indicator)))
    return triples


def domain_triples(subject: ox.NamedNode, label: DomainLabel) -> list[Triple]:
    """The subject's domain, and the node that says how it was obtained (stated, inherited, inferred)."""
    domain = ox.NamedNode(label.domain)
    node = domain_assignment_iri(subject, label.domain)
    return [Triple(subject, QG.domain, domain), Triple(subject, QG.domainAssignment, node),
            Triple(node, RDF.type, QG.DomainAssignment), Triple(node, QG.subject, subject),
            Triple(node, QG.domain, domain), Triple(node, QG.method, QG[label.method]),
            Triple(node, QG.rule, literal(label.rule)),
            *(Triple(node, QG.matchedTerm, literal(term)) for term in label.terms)]


def notice_triples(doc_id: str, parts: list[Clause], number: str | None, issued: str | None) -> list[Triple]:
    """A covering notice (通知) that issues the document: its own number and date, its parts."""
    node = notice_iri(doc_id)
    triples = [
        Triple(node, RDF.type, QG.CoveringNotice),
        Triple(node, RDF.type, ELI.LegalResource),
        Triple(node, QG.promulgates, document_iri(doc_id)),
        Triple(node, DCTERMS.title, literal(parts[0].text, lang="zh")),
    ]
    triples.extend(Triple(node, DCTERMS.hasPart, clause_iri(doc_id, part.slug)) for part in parts)
    if number:
        triples.append(Triple(node, ELI.id_local, literal(number)))
    if issued:
        triples.append(Triple(node, DCTERMS.issued, typed(issued, XSD.date)))
    return triples


def reuse_triples(reuses: Iterable[Reuse]) -> list[Triple]:
    """One qg:TextReuse node per aligned passage pair, with both clauses and both source spans;
    the later clause prov:wasDerivedFrom the earlier where the issue dates tell the direction."""
    triples: list[Triple] = []
    counts: dict[tuple[str, str], int] = {}
    for reuse in sorted(reuses, key=lambda r: (r.later_doc, r.earlier_doc, r.later_span, r.earlier_span)):
        pair = (reuse.later_doc, reuse.earlier_doc)
        counts[pair] = counts.get(pair, 0) + 1
        node = reuse_iri(reuse.later_doc, reuse.earlier_doc, counts[pair])
        later = clause_iri(reuse.later_doc, reuse.later_clause)
        earlier = clause_iri(reuse.earlier_doc, reuse.earlier_clause)
        triples += [
            Triple(node, RDF.type, QG.TextReuse),
            Triple(node, QG.reusedClause, later),
            Triple(node, QG.sourceClause, earlier),
            Triple(node, QG.reusedStart, literal(reuse.later_source_span[0])),
            Triple(node, QG.reusedEnd, literal(reuse.later_source_span[1])),
            Triple(node, QG.reusedTextStart, literal(reuse.later_span[0])),
            Triple(node, QG.reusedTextEnd, literal(reuse.later_span[1])),
            Triple(node, QG.sourceStart, literal(reuse.earlier_source_span[0])),
            Triple(node, QG.sourceEnd, literal(reuse.earlier_source_span[1])),
            Triple(node, QG.alignedLength, literal(reuse.aligned_length)),
            Triple(node, QG.similarity, literal(reuse.similarity)),
            Triple(node, QG.reusedText, literal(reuse.later_text)),
            Triple(node, QG.sourcePassage, literal(reuse.earlier_text)),
            Triple(node, QG.boilerplate, literal(reuse.boilerplate)),
        ]
        if reuse.directed and not reuse.boilerplate:
            triples.append(Triple(later, PROV.wasDerivedFrom, earlier))
    return triples


def reuse_ntriples(reuses: Iterable[Reuse]) -> bytes:
    """The triples of :func:`reuse_triples` as N-Triples lines, in the same order, written as text: a
    national corpus has millions of them, and making each an Oxigraph term first takes most of the time.
    Texts are escaped by Oxigraph's own literal (its N-Triples form)."""
    lines: list[str] = []
    counts: dict[tuple[str, str], int] = {}
    p = {name: f"<{QG[name].value}>" for name in (
        "reusedClause", "sourceClause", "reusedStart", "reusedEnd", "reusedTextStart", "reusedTextEnd",
        "sourceStart", "sourceEnd", "alignedLength", "similarity", "reusedText", "sourcePassage", "boilerplate")}
    a, reuse_class, derived = f"<{RDF.type.value}>", f"<{QG.TextReuse.value}>", f"<{PROV.wasDerivedFrom.value}>"
    integer, decimal, boolean = (f"^^<{XSD[t].value}>" for t in ("integer", "decimal", "boolean"))
    for reuse in sorted(reuses, key=lambda r: (r.later_doc, r.earlier_doc, r.later_span, r.earlier_span)):
        pair = (reuse.later_doc, reuse.earlier_doc)
        counts[pair] = counts.get(pair, 0) + 1
        node = f"<{reuse_iri(reuse.later_doc, reuse.earlier_doc, counts[pair]).value}>"
        later = f"<{clause_iri(reuse.later_doc, reuse.later_clause).value}>"
        earlier = f"<{clause_iri(reuse.earlier_doc, reuse.earlier_clause).value}>"
        numbers = (("reusedStart", reuse.later_source_span[0]), ("reusedEnd", reuse.later_source_span[1]),
                   ("reusedTextStart", reuse.later_span[0]), ("reusedTextEnd", reuse.later_span[1]),
                   ("sourceStart", reuse.earlier_source_span[0]), ("sourceEnd", reuse.earlier_source_span[1]),
                   ("alignedLength", reuse.aligned_length))
        lines += [f"{node} {a} {reuse_class} .", f"{node} {p['reusedClause']} {later} .",
                  f"{node} {p['sourceClause']} {earlier} ."]
        lines += [f'{node} {p[name]} "{value}"{integer} .' for name, value in numbers]
        lines += [f'{node} {p["similarity"]} "{format(reuse.similarity, "f")}"{decimal} .',
                  f"{node} {p['reusedText']} {ox.Literal(reuse.later_text)} .",
                  f"{node} {p['sourcePassage']} {ox.Literal(reuse.earlier_text)} .",
                  f'{node} {p["boilerplate"]} "{"true" if reuse.boilerplate else "false"}"{boolean} .']
        if reuse.directed and not reuse.boilerplate:
            lines.append(f"{later} {derived} {earlier} .")
    return "".join(line + "\n" for line in lines).encode("utf-8")
