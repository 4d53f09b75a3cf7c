"""Checking a build a document at a time, in the workers, and in the parent only what the corpus shows.

A build's graph is the ontology, each document's own triples, its jurisdiction's shared triples (the
jurisdiction, its government, the departments and bodies it names), the text reuse found across documents
and the aggregate observations. Checking all of it at the end costs more than building it at 1,000
documents, and grows faster than the corpus; so each check runs where what it reads is:

**In the worker, on one document** (:class:`DocumentChecker`): a store holding the ontology (loaded once
per worker), the document's own triples and its shared triples. There run the shapes of
:data:`DOCUMENT_SHAPES` — documents and covering notices, clauses, assignments, targets, domain
assignments, and whatever has a ``qg:domain`` or a ``qg:mentions`` — and the check queries of
:data:`DOCUMENT_QUERIES` (clause order, clause overlap, a parent clause in another document). A violation
is kept when its focus is a subject of the document's own triples (the ontology's indicators, which have
a ``qg:domain``, are checked once in the parent). The shapes' checks are decided in Python
(:mod:`qgraph.check.native`: each path read once, each target's focus nodes found once), to the
violations their SPARQL gives; a check of another form, and a document not contained, are checked by
the SPARQL.

This gives what the whole graph gives because a document's own triples describe only nodes under its
IRI (``…/doc/ID`` and ``…/doc/ID/…``; ids are unique and hold no ``/``), so no other block states
anything of them that a check reads (reuse adds ``prov:wasDerivedFrom`` between clauses, which none
reads), and every node they point to that a check reads (its clauses, its jurisdiction and departments,
the ontology's classes and concepts) is in that store. Both are verified for each document: a document
whose own triples describe a node outside its IRIs, or name a node of qgraph's ids that its store does
not describe (another document's clause, another jurisdiction's department), is not ``contained``, and the
parent then checks the whole graph as before.

**In the parent, on the whole store** (:func:`check_corpus`): the shapes of nodes that several documents
or the whole corpus make — ``qgs:JurisdictionShape``, ``qgs:DepartmentShape`` and
``qgs:CollectiveBodyShape`` (every document of a jurisdiction states them, so only their union shows two
documents giving conflicting values, a second ``qg:adminCode`` or ``qg:departmentType``),
``qgs:TextReuseShape`` (a passage points at clauses of two documents) and ``qgs:ObservationShape``
(counted over the corpus) — and any shape or check query not listed here (a new one runs on the whole
graph until it is placed). **In the parent, on the ontology alone**: the document shapes and queries
again, for the ontology's own nodes.

The result is the whole-graph check's (:func:`qgraph.check.check_store`): the same violations in the same
order for the shapes, the same rows for the check queries (a document at a time, in manifest order), the
same error and exit code. ``qgraph check`` on a built graph file still checks the whole graph.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import pyoxigraph as ox

from qgraph.check import check_queries, check_queries_on, check_store, verdict
from qgraph.check.blocks import PLACED_SHAPES, target_classes
from qgraph.check.compiled import compile_shapes, focus_text, select, validate_store
from qgraph.check.native import NativeChecks, plan
from qgraph.check.shacl import shapes_graph
from qgraph.model import DocumentCheck, Report, Violation
from qgraph.vocab import ID, QG, RDF, clause_iri, document_iri

DOCUMENT_SHAPES = frozenset({
    "qgs:PolicyDocumentShape", "qgs:CoveringNoticeShape", "qgs:ClauseShape", "qgs:AssignmentShape",
    "qgs:TargetShape", "qgs:DomainAssignmentShape", "qgs:DomainValueShape", "qgs:MentionShape"})
DOCUMENT_QUERIES = frozenset({
    "queries/checks/clause-order-violation.rq", "queries/checks/clause-overlap-violation.rq",
    "queries/checks/clause-outside-document-violation.rq"})

T = TypeVar("T")
_ONTOLOGY = ox.NamedNode("urn:qgraph:check:ontology")
# A row is a reason the document is not contained: a subject outside its IRIs, or a node of qgraph's ids
# it names (other than a type) that its store does not describe.
# A node it types with a class the parent checks on its own blocks (a jurisdiction, a text reuse …:
# :mod:`qgraph.check.blocks`) is one too.
_CONTAINED = """SELECT ?s WHERE {{
  {{ GRAPH <{own}> {{ ?s ?p ?o }}
     FILTER (!(STR(?s) = "{doc}" || STRSTARTS(STR(?s), "{doc}/"))
             || (isIRI(?o) && STRSTARTS(STR(?o), "{ids}") && ?p != <{type}> && NOT EXISTS {{ ?o ?q ?x }})) }}
  UNION
  {{ GRAPH <{own}> {{ ?s <{type}> ?c }} ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?t
     VALUES ?t {{ {placed} }} }}
}} LIMIT 1"""
# The clauses of its reuse signature that are not typed qg:Clause (VALUES ?c gives them).
_UNTYPED = """SELECT ?c WHERE {{ VALUES ?c {{ {clauses} }}
  FILTER NOT EXISTS {{ ?c <{type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{clause}> }} }} LIMIT 1"""


def _split(checks: Iterable, names: frozenset[str], attribute: str) -> tuple[tuple, tuple]:
    """CHECKS in two: those whose ATTRIBUTE is one of NAMES, and the others."""
    checks = tuple(checks)
    return (tuple(c for c in checks if getattr(c, attribute) in names),
            tuple(c for c in checks if getattr(c, attribute) not in names))


class DocumentChecker:
    """The document checks of one worker: a store holding the ontology, into which each document is
    loaded (in graphs of its own, so that threads may check documents at once) and then removed. An
    in-memory Oxigraph store keeps what was removed (its versions), and each query on it gets slower, so
    the store is made afresh every :attr:`RENEW` documents.

    >>> from qgraph.vocab import QG
    >>> checker = DocumentChecker(b"")
    >>> doc = document_iri("d").value
    >>> own = f'<{doc}/clause/1> <{RDF.type.value}> <{QG.Clause.value}> .'.encode()
    >>> found = checker.check("d", own, b"")
    >>> found.contained, sorted({v.path for v in found.shapes})[:3]
    (True, ['dcterms:isPartOf', 'qg:charEnd', 'qg:charStart'])
    """

    RENEW = 4

    def __init__(self, ontology: bytes) -> None:
        self.ontology = ontology
        self.store = self._fresh()
        self.count = 0
        self.shapes = _split(compile_shapes(shapes_graph()), DOCUMENT_SHAPES, "shape")[0]
        native, self.sparql = plan(self.shapes)
        self.native = NativeChecks(native, ontology)
        self.queries = _split(check_queries(), DOCUMENT_QUERIES, "name")[0]
        self.placed = " ".join(f"<{c}>" for c in target_classes(PLACED_SHAPES))

    def _fresh(self) -> ox.Store:
        store = ox.Store()
        store.load(self.ontology, format=ox.RdfFormat.N_TRIPLES, to_graph=_ONTOLOGY)
        return store

    def check(self, doc_id: str, own: bytes, shared: bytes, clauses: Sequence[str] = ()) -> DocumentCheck:
        """Check one document: its own triples and its jurisdiction's (N-Triples) with the ontology; and
        whether the CLAUSES of its reuse signature (their slugs) are all typed qg:Clause there."""
        return self.check_and_read(doc_id, own, shared, clauses, None)[0]

    def check_and_read(self, doc_id: str, own: bytes, shared: bytes, clauses: Sequence[str],
                       read: Callable[[ox.Store, Sequence[ox.NamedNode]], T] | None) -> tuple[DocumentCheck, T | None]:
        """:meth:`check`, and READ's answer on the same store while the document is in it (READ gets the store
        and the graphs whose union is the document with the ontology): a worker loads a document once for
        its checks and its counts."""
        self.count += 1
        if self.count % self.RENEW == 0:
            self.store = self._fresh()   # a thread still checking keeps the store it started with
        store = self.store
        doc = document_iri(doc_id).value
        own_graph, shared_graph = ox.NamedNode(f"{doc}#check-own"), ox.NamedNode(f"{doc}#check-shared")
        graphs = [_ONTOLOGY, own_graph, shared_graph]
        try:
            store.load(own, format=ox.RdfFormat.N_TRIPLES, to_graph=own_graph)
            store.load(shared, format=ox.RdfFormat.N_TRIPLES, to_graph=shared_graph)
            outside = select(store, _CONTAINED.format(own=own_graph.value, doc=doc, ids=ID, type=RDF.type.value,
                                                      placed=self.placed), graphs)
            values = " ".join(f"<{clause_iri(doc_id, slug).value}>" for slug in clauses)
            untyped = select(store, _UNTYPED.format(clauses=values, type=RDF.type.value, clause=QG.Clause.value),
                             graphs)
            typed = next(iter(untyped), None) is None
            contained = next(iter(outside), None) is None
            if contained:
                native = self.native.run(store, doc, own_graph, [shared_graph])
                shapes = validate_store(store, self.sparql, workers=1, graphs=graphs)
            else:   # the parent checks the whole graph; this is kept as SPARQL gives it
                native, shapes = [], validate_store(store, self.shapes, workers=1, graphs=graphs)
            rows = check_queries_on(store, self.queries, graphs)
            answer = read(store, graphs) if read is not None else None
            if shapes or rows:
                subjects = {focus_text(row["s"]) for row in
                            select(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", [own_graph])}
                shapes = tuple(v for v in shapes if v.focus in subjects)
                rows = tuple(v for v in rows if v.focus in subjects)
        finally:
            store.remove_graph(own_graph)
            store.remove_graph(shared_graph)
        return DocumentCheck(doc_id, tuple(sorted((*native, *shapes), key=str)), tuple(rows), contained, typed), answer


def check_corpus(store: ox.Store, documents: Iterable[DocumentCheck], ontology: bytes, *, where: str,
                 blocks: tuple[frozenset[str], tuple[Violation, ...]] = (frozenset(), ())) -> Report:
    """The build's check, given each document's (DOCUMENTS, in manifest order) and the parent's blocks'
    (BLOCKS: the shapes placed on them and their violations, :meth:`~qgraph.check.blocks.BlockChecks.finish`):
    the other corpus shapes and queries on STORE (the whole graph), the document and placed ones on the
    ONTOLOGY (N-Triples) alone, with the documents' and blocks' violations; ValidationFailed (at WHERE)
    unless it all passes, as :func:`~qgraph.check.check_store` would. A document not contained makes it
    check the whole store."""
    documents = tuple(documents)
    if not all(d.contained for d in documents):
        return check_store(store, where=where)
    placed, found = blocks
    local, corpus = _split(compile_shapes(shapes_graph()), DOCUMENT_SHAPES | placed, "shape")
    alone = ox.Store()
    alone.load(ontology, format=ox.RdfFormat.N_TRIPLES)
    shapes = [*validate_store(store, corpus), *validate_store(alone, local, workers=1), *found]
    shapes += [v for d in documents for v in d.shapes]
    rows: list = []
    for query in check_queries():
        if query.name in DOCUMENT_QUERIES:
            rows += [v for d in documents for v in d.rows if v.constraint == query.name]
            rows += check_queries_on(alone, [query])
        else:
            rows += check_queries_on(store, [query])
    return verdict(tuple(sorted(shapes, key=str)), tuple(rows), where)
