"""Aggregate figures, made once every document is in: W3C RDF Data Cube observations the library queries read.

Counting every clause of a national corpus at question time takes seconds; counting once at build time and
reading the counts takes milliseconds. Each data set of the ontology (``qg:DomainEmphasis``,
``qg:ClauseCounts`` …, a ``qb:DataSet`` with its ``qb:DataStructureDefinition``) has one aggregation query,
``queries/aggregates/NAME.rq``, run over the store the build loaded; each of its rows becomes one
``qb:Observation`` whose dimensions and measures are the row's columns (a column is named by its property's
local name: ``?refJurisdiction`` → ``qg:refJurisdiction``). An observation's IRI derives from its data set and
its dimensions' values, so a build is byte-deterministic.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.load(path=str(resource_path("ontology", "qgraph.ttl")), format=ox.RdfFormat.TURTLE)
>>> store.load('<https://w3id.org/qgraph/id/doc/d/clause/1> <https://w3id.org/qgraph/ontology#document> '
...            '<https://w3id.org/qgraph/id/doc/d> ; <https://w3id.org/qgraph/ontology#level> 1 ; '
...            '<https://w3id.org/qgraph/ontology#kind> <https://w3id.org/qgraph/ontology#NumberedClause> ; '
...            '<https://w3id.org/qgraph/ontology#text> "加强监管" .', format=ox.RdfFormat.TURTLE)
>>> counts = [t for t in aggregate_triples(store) if t.predicate.value.endswith(("clauseCount", "characterCount"))]
>>> [(t.predicate.value.rsplit("#", 1)[1], t.object.value) for t in counts]
[('characterCount', '4'), ('clauseCount', '1')]
"""
from __future__ import annotations

import hashlib

import pyoxigraph as ox

from qgraph.resources import resource_path
from qgraph.vocab import QB, QG, RDF, Triple, observation_iri

AGGREGATES = "aggregates"   # queries/aggregates/NAME.rq: one per data set qg:NAME


def datasets() -> tuple[str, ...]:
    """The data sets the build makes: the local names of their queries, in order."""
    return tuple(p.stem for p in sorted(resource_path("queries", AGGREGATES).glob("*.rq")))


def aggregate_triples(store: ox.Store) -> list[Triple]:
    """Every observation of every data set, counted over the store (which holds every document's triples and
    the ontology, its qb:DataStructureDefinitions among them); sorted, for a deterministic output."""
    triples: list[Triple] = []
    for name in datasets():
        triples += observation_triples(store, name)
    return sorted(triples, key=str)


def aggregate_ntriples(store: ox.Store) -> bytes:
    """The triples of :func:`aggregate_triples` as N-Triples lines, in the same order (the lines' bytes): no
    sort of triples by their text."""
    lines: set[bytes] = set()
    for name in datasets():
        data = ox.serialize(observation_triples(store, name), format=ox.RdfFormat.N_TRIPLES) or b""
        lines.update(data.splitlines(keepends=True))
    return b"".join(sorted(lines))


def observation_triples(store: ox.Store, name: str) -> list[Triple]:
    """The observations of one data set: one per row of its aggregation query."""
    query = resource_path("queries", AGGREGATES, f"{name}.rq").read_text(encoding="utf-8")
    dimensions = _dimensions(store, name)
    dataset = QG[name]
    triples: list[Triple] = []
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    columns = [v.value for v in answer.variables]
    missing = set(dimensions) - set(columns)
    if missing:
        raise ValueError(f"queries/{AGGREGATES}/{name}.rq: no column for the dimension(s) {sorted(missing)}")
    for row in answer:
        values = {c: row[c] for c in columns if row[c] is not None}
        key = "\n".join(str(values.get(d, "")) for d in dimensions)
        node = observation_iri(_kebab(name), hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])
        triples += [Triple(node, RDF.type, QB.Observation), Triple(node, QB.dataSet, dataset)]
        triples += [Triple(node, QG[column], value) for column, value in values.items()]
    return triples


def _dimensions(store: ox.Store, name: str) -> list[str]:
    """The local names of a data set's dimensions, in their qb:order, read from its structure in the store."""
    answer = store.query(f"""PREFIX qb: <{QB}>
        SELECT ?d WHERE {{ <{QG}{name}> qb:structure/qb:component ?c . ?c qb:dimension ?d .
                           OPTIONAL {{ ?c qb:order ?o }} }} ORDER BY ?o ?d""")
    assert isinstance(answer, ox.QuerySolutions)
    found = [row["d"].value.removeprefix(str(QG)) for row in answer]
    if not found:
        raise ValueError(f"the data set qg:{name} has no qb:DataStructureDefinition with dimensions in the ontology")
    return found


def _kebab(name: str) -> str:
    """``DomainEmphasis`` → ``domain-emphasis``."""
    return "".join("-" + ch.lower() if ch.isupper() else ch for ch in name).lstrip("-")
