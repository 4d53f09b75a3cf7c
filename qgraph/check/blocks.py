"""The parent's corpus checks on the blocks it makes, not on the whole store.

Besides the documents' own triples (checked in their workers, :mod:`qgraph.check.document`), a build's
graph holds three kinds of blocks the parent makes: the jurisdictions' **shared** triples (deduplicated
over the documents), the **reuse** triples (a later document's at a time) and the aggregate
**observations**. The corpus shapes read only these: :data:`BLOCK_SHAPES` says which shapes each kind
answers. :class:`BlockChecks` checks each block as it is made on a small in-memory store holding the
ontology and the block, keeping the violations whose focus is a subject of the block; the result is the
whole store's because

- each kind describes nodes of its own IRIs only (``…/id/jurisdiction/…``, ``…/id/reuse/…`` — plus the
  ``prov:wasDerivedFrom`` between clauses a reuse block states, which no shape reads — and
  ``…/id/observation/…``), and no document describes a node outside its own IRIs (its worker's
  ``contained``), so every triple the shapes read of a focus node is in its block;
- no other block, and no document (its worker checks it too), types a node with a class the kind's
  shapes target, so every focus node of the whole store is a focus node of some block;
- the values whose class the shapes test are described in the same store: the jurisdictions in the
  shared block, the department types and data sets in the ontology, and the clauses a passage points at,
  which are stated to be clauses here (a ``qg:Clause`` type added to the block) when they are clauses
  of a reuse signature whose document's worker found every such clause typed ``qg:Clause``; a block
  naming any other node waits for the whole store (:meth:`BlockChecks.finish`), which says with one
  ``VALUES`` query which of those nodes are clauses.

A block breaking one of these conditions (its kind is then not *placed*) has its kind's shapes run on the
whole store, as before. The ontology's own nodes are checked once, on the ontology alone.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
from rdflib.namespace import SH

from qgraph.check.compiled import compile_shapes, focus_text, select, validate_store
from qgraph.check.shacl import shapes_graph
from qgraph.model import Violation
from qgraph.vocab import ID, PROV, QG, RDF

BLOCK_SHAPES = {
    "shared": frozenset({"qgs:JurisdictionShape", "qgs:DepartmentShape", "qgs:CollectiveBodyShape"}),
    "reuse": frozenset({"qgs:TextReuseShape"}),
    "observations": frozenset({"qgs:ObservationShape"}),
}
PLACED_SHAPES = frozenset().union(*BLOCK_SHAPES.values())
# The IRIs each kind of block describes (a reuse block also states prov:wasDerivedFrom between clauses).
_SUBJECTS = {"shared": f"{ID}jurisdiction/", "reuse": f"{ID}reuse/", "observations": f"{ID}observation/"}
_BLOCK = ox.NamedNode("urn:qgraph:check:block")
_ONTOLOGY = ox.NamedNode("urn:qgraph:check:ontology")
_CLAUSE_PREFIX = f"{ID}doc/"
# A row is a reason the block is not placed: a subject outside its IRIs, or a node typed with a class
# the shapes of another kind target.
_STRAY = """SELECT ?s WHERE {{
  {{ GRAPH <{block}> {{ ?s ?p ?o }}
     FILTER (!STRSTARTS(STR(?s), "{prefix}") && !(?p = <{derived}> && STRSTARTS(STR(?s), "{doc}"))) }}
  UNION
  {{ GRAPH <{block}> {{ ?s <{type}> ?c }} ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?t
     VALUES ?t {{ {others} }} }}
}} LIMIT 1"""


def target_classes(shape_names: Iterable[str]) -> tuple[str, ...]:
    """The IRIs of the classes the named shapes (``qgs:…``) target with sh:targetClass."""
    graph = shapes_graph()
    names = set(shape_names)
    return tuple(sorted(str(c) for shape, c in graph.subject_objects(SH.targetClass)
                        if graph.namespace_manager.normalizeUri(str(shape)) in names))


def _target_subjects(shape_names: Iterable[str]) -> bool:
    graph = shapes_graph()
    names = set(shape_names)
    return any(graph.namespace_manager.normalizeUri(str(s)) in names for s in graph.subjects(SH.targetSubjectsOf))


class BlockChecks:
    """The corpus shapes checked block by block as the parent makes the blocks (see the module's
    docstring); :meth:`finish` gives the shapes placed and their violations. Reuse blocks are gathered
    to about :attr:`BATCH` bytes and checked together."""

    BATCH = 4 << 20

    def __init__(self, ontology: bytes) -> None:
        self.ontology = ontology
        checks = compile_shapes(shapes_graph())
        self.checks = {kind: tuple(c for c in checks if c.shape in names) for kind, names in BLOCK_SHAPES.items()}
        self.others = {kind: target_classes(PLACED_SHAPES - names) for kind, names in BLOCK_SHAPES.items()}
        self.placed = {kind: not _target_subjects(names) for kind, names in BLOCK_SHAPES.items()}
        self.violations: dict[str, list[Violation]] = {kind: [] for kind in BLOCK_SHAPES}
        self.pending: list[bytes] = []      # reuse lines gathered for a batch
        self.pending_size = 0
        self.waiting: list[bytes] = []      # reuse batches naming nodes not known to be clauses
        self.seen: set[str] = set()          # the kinds whose blocks were all given

    def shared(self, data: bytes) -> None:
        """Check the jurisdictions' shared triples (N-Triples)."""
        self._check("shared", data)

    def observations(self, data: bytes) -> None:
        """Check the aggregate observations (N-Triples)."""
        self._check("observations", data)

    def reuse(self, data: bytes, is_clause: Callable[[str], bool]) -> None:
        """Check reuse triples (N-Triples), IS_CLAUSE telling the IRIs known to be clauses; the batch is
        checked when it is large enough, or at :meth:`flush`."""
        if not data:
            return
        self.pending.append(data)
        self.pending_size += len(data)
        if self.pending_size >= self.BATCH:
            self.flush(is_clause)

    def flush(self, is_clause: Callable[[str], bool], *, last: bool = False) -> None:
        """Check the reuse triples gathered so far (LAST: they are all given)."""
        if last:
            self.seen.add("reuse")
        if not self.pending:
            return
        data, self.pending, self.pending_size = b"".join(self.pending), [], 0
        clauses = _clause_values(data)
        if all(is_clause(iri) for iri in clauses):
            self._check("reuse", data, clauses)
        else:
            self.waiting.append(data)

    def finish(self, store: ox.Store) -> tuple[frozenset[str], tuple[Violation, ...]]:
        """The shapes placed (checked on their blocks) and their violations; STORE (the whole graph)
        tells which of the nodes the waiting reuse blocks name are clauses."""
        for data in self.waiting:
            names = _clause_values(data)
            values = " ".join(f"<{iri}>" for iri in sorted(names))
            query = (f"SELECT ?c WHERE {{ VALUES ?c {{ {values} }} "
                     f"?c <{RDF.type.value}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{QG.Clause.value}> }}")
            self._check("reuse", data, {row["c"].value for row in select(store, query)} if names else set())
        self.waiting = []
        kinds = [kind for kind in BLOCK_SHAPES if self.placed[kind] and kind in self.seen]
        return (frozenset(s for kind in kinds for s in BLOCK_SHAPES[kind]),
                tuple(v for kind in kinds for v in self.violations[kind]))

    def _check(self, kind: str, data: bytes, clauses: Iterable[str] = ()) -> None:
        if kind != "reuse":
            self.seen.add(kind)
        if not self.placed[kind]:
            return
        store = ox.Store()
        store.load(self.ontology, format=ox.RdfFormat.N_TRIPLES, to_graph=_ONTOLOGY)
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=_BLOCK)
        typed = "".join(f"<{iri}> <{RDF.type.value}> <{QG.Clause.value}> .\n" for iri in sorted(clauses))
        store.load(typed.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=_ONTOLOGY)
        others = " ".join(f"<{c}>" for c in self.others[kind])
        stray = _STRAY.format(block=_BLOCK.value, prefix=_SUBJECTS[kind], derived=PROV.wasDerivedFrom.value,
                              doc=_CLAUSE_PREFIX, type=RDF.type.value, others=others)
        if next(iter(select(store, stray)), None) is not None:
            self.placed[kind] = False
            return
        subjects = {focus_text(row["s"]) for row in
                    select(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", [_BLOCK])}
        found = validate_store(store, self.checks[kind], graphs=[_ONTOLOGY, _BLOCK])
        self.violations[kind] += [v for v in found if v.focus in subjects]


def _clause_values(data: bytes) -> set[str]:
    """The IRIs reuse triples give as qg:reusedClause or qg:sourceClause."""
    found = set()
    for predicate in (QG.reusedClause, QG.sourceClause):
        marker = f" <{predicate.value}> <".encode()
        for line in data.split(b"\n"):
            at = line.find(marker)
            if at >= 0:
                found.add(line[at + len(marker):line.rindex(b">")].decode("utf-8"))
    return found

