"""Graph: a parsed document as RDF triples under qgraph's ontology.

Each document yields its own triples (the document, its clauses, what was extracted from
them) and shared ones (its jurisdiction and government, which other documents of the same
jurisdiction state too). Every clause keeps its provenance: its text as written and its
offsets into the decoded source. IRIs derive from ids and clause numbers only.

>>> from qgraph.pipeline import parse_corpus
>>> parsed = parse_corpus(repo_data_dir() / "documents.yaml")[3]
>>> triples = document_triples(parsed)
>>> [str(t.object) for t in triples.own if t.subject == clause_iri(parsed.spec.id, "2-7")
...  and t.predicate == QG.heading]
['"加强消费品等重点产品质量安全监管"']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox

from qgraph.extract.department_types import UNKNOWN, department_type
from qgraph.extract.departments import extract_assignments
from qgraph.extract.domains import classify, domain_for_phrase
from qgraph.extract.keywords import keywords
from qgraph.extract.targets import extract_targets, governing_year
from qgraph.vocab import (DCTERMS, ELI, ORG, QG, RDF, RDFS, XSD, Triple, assignment_iri, clause_iri,
                         department_iri, document_iri, domain_assignment_iri, government_iri, group_iri,
                         jurisdiction_iri, literal, notice_iri, reuse_iri, target_iri, to_rdflib, typed)
from qgraph.model import Assignment, Clause, DocumentSpec, DomainLabel, ParsedDocument, PartKind, Role, Target
from qgraph.resources import repo_data_dir, resource_path  # noqa: F401  (doctest)

ONTOLOGY_FILES = ("qgraph.ttl", "domains.ttl", "department-types.ttl", "indicators.ttl")
_LEVELS = {"province": QG.ProvinceLevel, "prefecture": QG.PrefectureLevel, "county": QG.CountyLevel}
_DOC_NUMBER = re.compile(r"\S{1,12}〔\d{4}〕\d+号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


@dataclass(frozen=True, slots=True)
class DocumentTriples:
    doc_id: str
    own: tuple[Triple, ...]      # only this document states them
    shared: tuple[Triple, ...]   # its jurisdiction's nodes, which other documents may state too
    warnings: tuple[str, ...] = ()
    departments: frozenset[str] = frozenset()   # labels of the departments it names
    unknown: frozenset[str] = frozenset()       # … of those, the ones of unknown type


@lru_cache(maxsize=1)
def ontology_graph():
    """The ontology and the taxonomies (``ontology/*.ttl`` but the shapes), as an rdflib Graph."""
    import rdflib

    graph = rdflib.Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(resource_path("ontology", name), format="turtle")
    return graph


def document_triples(parsed: ParsedDocument) -> DocumentTriples:
    spec = parsed.spec
    own: list[Triple] = []
    add = own.append
    doc = document_iri(spec.id)
    add(Triple(doc, RDF.type, QG.PolicyDocument))
    add(Triple(doc, RDF.type, ELI.LegalResource))
    add(Triple(doc, QG.jurisdiction, jurisdiction_iri(spec.jurisdiction.id)))
    add(Triple(doc, DCTERMS.identifier, literal(spec.id)))
    add(Triple(doc, DCTERMS.title, literal(spec.title, lang="zh")))
    add(Triple(doc, DCTERMS.issued, typed(spec.issued, XSD.date if len(spec.issued) == 10 else XSD.gYear)))
    if spec.number:
        add(Triple(doc, ELI.id_local, literal(spec.number)))
    add(Triple(doc, QG.sourceFile, literal(spec.path.name)))
    add(Triple(doc, QG.sourceSha256, literal(parsed.text.source.sha256)))
    add(Triple(doc, QG.script, literal(parsed.text.script)))
    source = parsed.text.source.text
    shared = jurisdiction_triples(spec)
    departments: dict[str, bool] = {}
    warnings: list[str] = []
    for clause in parsed.clauses:
        own.extend(clause_triples(clause, source))
        assignments = extract_assignments(clause.text, clause.slug, spec.jurisdiction)
        for n, assignment in enumerate(assignments, start=1):
            own.extend(assignment_triples(parsed, clause, assignment, n))
            if assignment.label not in departments:
                triples, known = agent_triples(spec, assignment)
                shared.extend(triples)
                departments[assignment.label] = known
                if not known:
                    warnings.append(f"{spec.id} {clause.number}: department {assignment.label} "
                                    f"has no known type (add a qg:namePattern to ontology/department-types.ttl)")
    labels = classify(parsed.clauses)
    for label in labels:
        own.extend(domain_triples(clause_iri(spec.id, label.clause), label))
    own.extend(all_target_triples(parsed, labels))
    for clause in parsed.clauses:
        if clause.kind in (PartKind.CLAUSE, PartKind.DASH_ITEM):
            node = clause_iri(spec.id, clause.slug)
            own.extend(Triple(node, QG.keyword, literal(word)) for word in keywords(clause.text))
    notice = [c for c in parsed.clauses if c.kind is PartKind.NOTICE]
    if notice:
        own.extend(notice_triples(spec.id, notice))
    return DocumentTriples(spec.id, tuple(own), tuple(shared), tuple(warnings),
                           frozenset(label for label in departments),
                           frozenset(label for label, known in departments.items() if not known))


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


def clause_triples(clause: Clause, source: str) -> list[Triple]:
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


_ROLE_PROPERTY = {Role.LEAD: QG.leadDepartment, Role.SUPPORT: QG.supportDepartment,
                  Role.RESPONSIBLE: QG.responsibleDepartment}


def agent_node(spec: DocumentSpec, assignment: Assignment) -> ox.NamedNode:
    make = group_iri if assignment.is_group else department_iri
    return make(spec.jurisdiction.id, assignment.label)


def agent_triples(spec: DocumentSpec, assignment: Assignment) -> tuple[list[Triple], bool]:
    """A department (typed, in its jurisdiction's government) or a collective body; whether its type is known."""
    node = agent_node(spec, assignment)
    jurisdiction = jurisdiction_iri(spec.jurisdiction.id)
    label = literal(assignment.label, lang="zh")
    if assignment.is_group:
        return [Triple(node, RDF.type, QG.CollectiveBody), Triple(node, RDF.type, ORG.Organization),
                Triple(node, RDFS.label, label), Triple(node, QG.jurisdiction, jurisdiction)], True
    kind = department_type(assignment.label)
    return [Triple(node, RDF.type, QG.Department), Triple(node, RDF.type, ORG.Organization),
            Triple(node, RDFS.label, label), Triple(node, QG.jurisdiction, jurisdiction),
            Triple(node, QG.departmentType, ox.NamedNode(kind.iri)),
            Triple(node, ORG.subOrganizationOf, government_iri(spec.jurisdiction.id))], kind.iri != UNKNOWN


def assignment_triples(parsed: ParsedDocument, clause: Clause, assignment: Assignment, n: int) -> list[Triple]:
    """The clause's role link to the unit, and the assignment node that keeps its evidence."""
    spec = parsed.spec
    clause_node = clause_iri(spec.id, clause.slug)
    agent = agent_node(spec, assignment)
    node = assignment_iri(spec.id, clause.slug, n)
    start, end = parsed.text.source_span(clause.start + assignment.start, clause.start + assignment.end)
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
        domain = domain_for_phrase(assignment.task)
        if domain:
            triples.append(Triple(node, QG.domain, ox.NamedNode(domain)))
    return triples


def all_target_triples(parsed: ParsedDocument, labels: list[DomainLabel]) -> list[Triple]:
    """Every target of the document, with the year its heading leaves in force and its domains."""
    spec = parsed.spec
    years: dict[str | None, int | None] = {None: spec.target_year}
    domains: dict[str, list[DomainLabel]] = {}
    for label in labels:
        domains.setdefault(label.clause, []).append(label)
    triples: list[Triple] = []
    for clause in parsed.clauses:
        if clause.kind not in (PartKind.CLAUSE, PartKind.DASH_ITEM):
            continue
        inherited = years.get(clause.parent)
        years[clause.slug] = governing_year(clause.text) or inherited
        for n, target in enumerate(extract_targets(clause.text, clause.slug, inherited), start=1):
            node = target_iri(spec.id, clause.slug, n)
            triples.extend(target_triples(parsed, clause, target, node))
            for label in target_domains(clause, target, domains.get(clause.slug, [])):
                triples.extend(domain_triples(node, label))
    return triples


def target_domains(clause: Clause, target: Target, clause_domains: list[DomainLabel]) -> list[DomainLabel]:
    """A target's domain: stated by its line's label (产品质量：…), else those of its clause, inherited."""
    from qgraph.extract.domains import domain_rules

    line_start = clause.text.rfind("\n", 0, target.start) + 1
    found = domain_rules().label_line.match(clause.text, line_start)
    if found:
        domain = domain_for_phrase(found.group("label"))
        if domain:
            return [DomainLabel(clause.slug, domain, "Stated", (found.group("label"),), "label-line")]
    return [DomainLabel(clause.slug, l.domain, "Inherited", l.terms, l.rule) for l in clause_domains]


def target_triples(parsed: ParsedDocument, clause: Clause, target: Target, node: ox.NamedNode) -> list[Triple]:
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


def notice_triples(doc_id: str, parts: list[Clause]) -> list[Triple]:
    """A covering notice (通知) that issues the document: its own number and date, its parts."""
    node = notice_iri(doc_id)
    triples = [
        Triple(node, RDF.type, QG.CoveringNotice),
        Triple(node, RDF.type, ELI.LegalResource),
        Triple(node, QG.promulgates, document_iri(doc_id)),
        Triple(node, DCTERMS.title, literal(parts[0].text, lang="zh")),
    ]
    for part in parts:
        triples.append(Triple(node, DCTERMS.hasPart, clause_iri(doc_id, part.slug)))
        if _DOC_NUMBER.fullmatch(part.text):
            triples.append(Triple(node, ELI.id_local, literal(part.text)))
        date = _DATE.match(part.text)
        if date:
            year, month, day = (int(x) for x in date.groups())
            triples.append(Triple(node, DCTERMS.issued, typed(f"{year:04d}-{month:02d}-{day:02d}", XSD.date)))
    return triples


def build_graph(documents: Iterable[ParsedDocument], with_ontology: bool = True):
    """Ontology, taxonomies and every document's triples in one rdflib Graph (small corpora, tests)."""
    import rdflib

    graph = rdflib.Graph()
    if with_ontology:
        graph += ontology_graph()
    triples: set[Triple] = set()
    for parsed in documents:
        result = document_triples(parsed)
        triples.update(result.own)
        triples.update(result.shared)
    return to_rdflib(triples, into=graph)


def reuse_triples(reuses) -> list[Triple]:
    """One qg:TextReuse node per aligned passage pair, with both clauses and both source spans;
    the later clause prov:wasDerivedFrom the earlier where the issue dates tell the direction."""
    from qgraph.vocab import PROV

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
