"""Graph: parsed documents as RDF under qgraph's ontology, with the ontology and taxonomies.

Every clause keeps its provenance: its text as written and its offsets into the decoded
source. IRIs are derived from ids and clause numbers only, so builds are stable.

>>> from qgraph.pipeline import parse_corpus
>>> g = build_graph(parse_corpus(repo_data_dir() / "documents.yaml", only="gansu-2015"))
>>> g.value(clause_iri("gansu-2015", "2-7"), QG.heading)
rdflib.term.Literal('加强消费品等重点产品质量安全监管')
"""
from __future__ import annotations

import re
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, XSD

from .manifest import DocumentSpec
from .namespaces import (ELI, PREFIXES, QG, clause_iri, document_iri, government_iri,
                         jurisdiction_iri, notice_iri)
from .numerals import chinese_to_int
from .pipeline import ParsedDocument
from .resources import repo_data_dir, resource_path  # noqa: F401  (doctest)
from .segment import Clause, PartKind

ONTOLOGY_FILES = ("qgraph.ttl", "domains.ttl")
_LEVELS = {"province": QG.ProvinceLevel, "prefecture": QG.PrefectureLevel, "county": QG.CountyLevel}
_DOC_NUMBER = re.compile(r"\S{1,12}〔\d{4}〕\d+号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def load_ontology(graph: Graph) -> Graph:
    """Add the ontology and the taxonomies (``ontology/*.ttl`` but the shapes) to ``graph``."""
    for name in ONTOLOGY_FILES:
        graph.parse(resource_path("ontology", name), format="turtle")
    return graph


def build_graph(documents: Iterable[ParsedDocument], with_ontology: bool = True) -> Graph:
    """One graph holding the ontology, the taxonomies and every document's data."""
    graph = new_graph()
    if with_ontology:
        load_ontology(graph)
    for parsed in documents:
        add_document(graph, parsed)
    return graph


def add_jurisdiction(graph: Graph, spec: DocumentSpec) -> URIRef:
    j = spec.jurisdiction
    node = jurisdiction_iri(j.id)
    graph.add((node, RDF.type, QG.Jurisdiction))
    if j.level == "province":
        graph.add((node, RDF.type, QG.Province))
    elif j.name_zh.endswith("市"):
        graph.add((node, RDF.type, QG.City))
    graph.add((node, RDFS.label, Literal(j.name_zh, lang="zh")))
    graph.add((node, RDFS.label, Literal(j.name_en, lang="en")))
    graph.add((node, QG.adminLevel, _LEVELS[j.level]))
    graph.add((node, QG.adminCode, Literal(j.code)))
    government = government_iri(j.id)
    graph.add((node, QG.government, government))
    graph.add((government, RDF.type, QG.Government))
    graph.add((government, RDF.type, ORG.FormalOrganization))
    graph.add((government, RDFS.label, Literal(f"{j.name_zh}人民政府", lang="zh")))
    graph.add((government, RDFS.label, Literal(f"{j.name_en} People's Government", lang="en")))
    graph.add((government, QG.jurisdiction, node))
    return node


def _issued(value: str) -> Literal:
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYear)


def add_document(graph: Graph, parsed: ParsedDocument) -> None:
    spec = parsed.spec
    doc = document_iri(spec.id)
    jurisdiction = add_jurisdiction(graph, spec)
    graph.add((doc, RDF.type, QG.PolicyDocument))
    graph.add((doc, RDF.type, ELI.LegalResource))
    graph.add((doc, QG.jurisdiction, jurisdiction))
    graph.add((doc, DCTERMS.identifier, Literal(spec.id)))
    graph.add((doc, DCTERMS.title, Literal(spec.title, lang="zh")))
    graph.add((doc, DCTERMS.issued, _issued(spec.issued)))
    if spec.number:
        graph.add((doc, ELI.id_local, Literal(spec.number)))
    graph.add((doc, QG.sourceFile, Literal(spec.path.name)))
    graph.add((doc, QG.sourceSha256, Literal(parsed.text.source.sha256)))
    graph.add((doc, QG.script, Literal(parsed.text.script)))
    source = parsed.text.source.text
    for clause in parsed.clauses:
        add_clause(graph, clause, source)
    notice = [c for c in parsed.clauses if c.kind is PartKind.NOTICE]
    if notice:
        add_notice(graph, spec.id, notice)


def add_clause(graph: Graph, clause: Clause, source: str) -> URIRef:
    node = clause_iri(clause.doc_id, clause.slug)
    doc = document_iri(clause.doc_id)
    graph.add((node, RDF.type, QG.Clause))
    graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
    graph.add((node, QG.document, doc))
    parent = clause_iri(clause.doc_id, clause.parent) if clause.parent else doc
    graph.add((node, DCTERMS.isPartOf, parent))
    graph.add((node, QG.number, Literal(clause.number)))
    graph.add((node, QG.order, Literal(clause.order)))
    graph.add((node, QG.level, Literal(clause.level)))
    graph.add((node, QG.kind, QG[clause.kind.value]))
    if clause.marker:
        graph.add((node, QG.marker, Literal(clause.marker)))
    if clause.heading:
        graph.add((node, QG.heading, Literal(clause.heading)))
    graph.add((node, QG.text, Literal(clause.text)))
    graph.add((node, QG.sourceText, Literal(source[clause.source_start:clause.source_end])))
    graph.add((node, QG.charStart, Literal(clause.source_start)))
    graph.add((node, QG.charEnd, Literal(clause.source_end)))
    graph.add((node, QG.rule, Literal(clause.rule)))
    return node


def add_notice(graph: Graph, doc_id: str, parts: list[Clause]) -> None:
    """A covering notice (通知) that issues the document: its own number and date, its parts."""
    node = notice_iri(doc_id)
    graph.add((node, RDF.type, QG.CoveringNotice))
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, QG.promulgates, document_iri(doc_id)))
    graph.add((node, DCTERMS.title, Literal(parts[0].text, lang="zh")))
    for part in parts:
        graph.add((node, DCTERMS.hasPart, clause_iri(doc_id, part.slug)))
        number = _DOC_NUMBER.fullmatch(part.text)
        if number:
            graph.add((node, ELI.id_local, Literal(part.text)))
        date = _DATE.match(part.text)
        if date:
            year, month, day = (int(x) for x in date.groups())
            graph.add((node, DCTERMS.issued, Literal(f"{year:04d}-{month:02d}-{day:02d}", datatype=XSD.date)))


__all__ = ["build_graph", "load_ontology", "new_graph", "chinese_to_int"]
