"""Aggregate figures, made once every document is in: W3C RDF Data Cube observations the library queries read.

Counting every clause of a national corpus at question time takes seconds; counting once at build time and
reading the counts takes milliseconds. Each data set of the ontology (``qg:DomainEmphasis``,
``qg:ClauseCounts`` …, a ``qb:DataSet`` with its ``qb:DataStructureDefinition``) has one aggregation query,
``queries/aggregates/NAME.rq``, run over the store the build loaded; each of its rows becomes one
``qb:Observation`` whose dimensions and measures are the row's columns (a column is named by its property's
local name: ``?refJurisdiction`` → ``qg:refJurisdiction``). An observation's IRI derives from its data set and
its dimensions' values, so a build is byte-deterministic.

A build counts a document at a time instead (:class:`DocumentCounter`, in its worker, on the document's own
triples, its jurisdiction's shared ones and the few ontology triples the queries read), and the parent sums
the rows (:class:`AggregateSum`) into the same observations, byte for byte. This is exact because a clause,
an assignment and a target belong to one document, so the counts of ``ClauseCounts``, ``DomainEmphasis``,
``DomainLeadCounts``, ``DepartmentLeadCounts`` and ``TargetDeadlines`` (COUNT DISTINCT over clauses
included) add up over documents: their reference queries run unchanged on one document. Two data sets count
what spans documents, so their per-document part is a query of its own (``queries/aggregates/document/``):
``LeadPartnerPairs`` keeps the lead's jurisdiction as a column, and the parent counts the distinct ones;
``DepartmentTypeSpread`` gives each type's (jurisdiction, id, place, name) rows, which the parent joins in
the reference's order (the jurisdictions' ids, then the names). No aggregation query reads the text-reuse
triples added after the documents (``qg:TextReuse`` nodes and ``prov:wasDerivedFrom``), so they change no
count. tests/test_aggregates.py compares both ways triple for triple.

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
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

import pyoxigraph as ox

from qgraph.graph.spool import SortedLines
from qgraph.model import DocumentCounts
from qgraph.resources import resource_path
from qgraph.vocab import DCTERMS, QB, QG, RDF, XSD, Triple, observation_iri

AGGREGATES = "aggregates"   # queries/aggregates/NAME.rq: one per data set qg:NAME
DOCUMENT = "document"       # queries/aggregates/document/NAME.rq: a data set's part of one document, when not NAME.rq
# the ontology's triples the aggregation queries read: the lead bases' and the department types' successors
ONTOLOGY_PREDICATES = (QG.countsAsLead, QG.leadRank, DCTERMS.isReplacedBy)
DISTINCT_COUNTS = {"LeadPartnerPairs": ("j", "jurisdictionCount")}   # a column counted over every document
SPREAD = "DepartmentTypeSpread"
_INTEGER = f"^^<{XSD.integer.value}>"


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


# --- a document at a time ---------------------------------------------------------------------------

class DocumentCounter:
    """The aggregation queries of one worker, a document at a time, each on a store of its own triples (N-Triples),
    its shared ones and the ontology triples of :data:`ONTOLOGY_PREDICATES`, taken once from ONTOLOGY (N-Triples).

    >>> from qgraph.vocab import QG, document_iri
    >>> clause, doc = f"<{document_iri('d').value}/clause/1>", f"<{document_iri('d').value}>"
    >>> own = "".join(f"{clause} <{QG[p].value}> {o} .\\n" for p, o in [
    ...     ("document", doc), ("level", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ...     ("kind", f"<{QG.NumberedClause.value}>"), ("text", '"加强监管"')])
    >>> found = {name: rows for name, _columns, rows in DocumentCounter(b"").count(own.encode(), b"").datasets}
    >>> [value.split("^^")[0] for value in found["ClauseCounts"][0][1:]]
    ['"1"', '<https://w3id.org/qgraph/ontology#NumberedClause>', '"1"', '"4"']
    """

    def __init__(self, ontology: bytes) -> None:
        keep = {f"<{p.value}>".encode() for p in ONTOLOGY_PREDICATES}
        self.ontology = b"".join(line for line in ontology.splitlines(keepends=True)
                                 if line.split(b" ", 2)[1:2] and line.split(b" ", 2)[1] in keep)
        self.queries = tuple((name, document_query(name)) for name in datasets())

    def count(self, own: bytes, shared: bytes) -> DocumentCounts:
        """One document's rows of every data set."""
        store = ox.Store()
        for data in (self.ontology, own, shared):
            store.load(data, format=ox.RdfFormat.N_TRIPLES)
        return self.count_in(store)

    def count_in(self, store: ox.Store, graphs: Sequence[ox.NamedNode] | None = None) -> DocumentCounts:
        """The rows of every data set on a store already holding the document's triples, its shared ones and
        the ontology (or at least its triples of :data:`ONTOLOGY_PREDICATES`): in its default graph, or the
        union of GRAPHS (the worker's checker has them loaded; their triples must not overlap)."""
        found = []
        for name, query in self.queries:
            answer = store.query(query) if graphs is None else store.query(query, default_graph=list(graphs))
            assert isinstance(answer, ox.QuerySolutions)
            columns = tuple(v.value for v in answer.variables)
            rows = tuple(tuple("" if row[c] is None else str(row[c]) for c in columns) for row in answer)
            found.append((name, columns, rows))
        return DocumentCounts(tuple(found))


def document_query(name: str) -> str:
    """The query of a data set's part of one document: ``document/NAME.rq`` if there is one, else NAME.rq."""
    own = resource_path("queries", AGGREGATES, DOCUMENT, f"{name}.rq")
    return (own if own.is_file() else resource_path("queries", AGGREGATES, f"{name}.rq")).read_text(encoding="utf-8")


class AggregateSum:
    """The documents' rows (:class:`DocumentCounter`) summed over the corpus, in the parent: a column named
    ``ref…`` is a dimension, any other is added up (``xsd:integer``), but for :data:`DISTINCT_COUNTS` and
    :data:`SPREAD`, which join sets.

    A national corpus has a group per jurisdiction and department (and :data:`SPREAD` a row per department),
    so the rows are not summed as they come but kept in an external sort (one line per row, keyed by its data
    set and group, then the document's number so that equal rows of two documents both count) and summed a
    group at a time when the observations are made."""

    def __init__(self) -> None:
        self.columns: dict[str, tuple[str, ...]] = {}
        self.rows = SortedLines()
        self.documents = 0

    def add(self, counts: DocumentCounts) -> None:
        """Add one document's rows."""
        self.documents += 1
        number = f"{self.documents:012d}"
        for name, columns, rows in counts.datasets:
            self.columns.setdefault(name, columns)
            keys, measures = _keys(columns), _measures(name, columns)
            for row in rows:   # a measure that is no integer fails here, naming its query
                for i in measures:
                    if row[i]:
                        _integer(row[i], name, columns[i])
            self.rows.add("".join(_FIELD.join((name, *(row[i] for i in keys), number, *row)) + "\n"
                                  for row in rows).encode("utf-8"))

    def ntriples(self, ontology: ox.Store) -> bytes:
        """The observations as :func:`aggregate_ntriples` makes them, the data sets' dimensions read from
        ONTOLOGY (a store holding the ontology)."""
        return b"".join(self.lines(ontology))

    def lines(self, ontology: ox.Store) -> Iterator[bytes]:
        """The lines of :meth:`ntriples`, sorted and each once, streamed: a national corpus has hundreds of
        thousands of observations, more than a build holds at once (they go through an external sort)."""
        dimensions = {}
        for name in datasets():
            dimensions[name] = _dimensions(ontology, name)
            missing = set(dimensions[name]) - set(self.columns.get(name, dimensions[name]))
            if missing:
                raise ValueError(f"queries/{AGGREGATES}/{name}.rq: no column for the dimension(s) {sorted(missing)}")
        lines = SortedLines()
        for name, values in self._observations():
            if name not in dimensions:
                continue
            key = "\n".join(values.get(d, "") for d in dimensions[name])
            node = f"<{observation_iri(_kebab(name), hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]).value}>"
            lines.add("".join([f"{node} <{RDF.type.value}> <{QB.Observation.value}> .\n",
                               f"{node} <{QB.dataSet.value}> <{QG[name].value}> .\n",
                               *(f"{node} <{QG[c].value}> {v} .\n" for c, v in values.items() if v)]).encode())
        return iter(lines)

    def _observations(self) -> Iterator[tuple[str, dict[str, str]]]:
        """Each data set's observations as its columns' values (N-Triples), a group of rows at a time."""
        fields = (line[:-1].decode("utf-8").split(_FIELD) for line in self.rows)
        width = {name: len(_keys(columns)) for name, columns in self.columns.items()}   # a row's dimensions
        for (name, *key), group in groupby(fields, lambda f: (f[0], *f[1:1 + width[f[0]]])):
            columns = self.columns[name]
            rows = [tuple(f[2 + len(key):]) for f in group]
            if name == SPREAD:
                yield name, _spread(columns, tuple(key), set(rows))
                continue
            counted = DISTINCT_COUNTS.get(name, ("", ""))[0]
            sums: list[int | None] = [None] * len(columns)
            measures = _measures(name, columns)
            for row in rows:
                for i in measures:
                    if row[i]:
                        sums[i] = (sums[i] or 0) + _integer(row[i], name, columns[i])
            values = dict(zip([columns[i] for i in _keys(columns)], key, strict=True))
            values.update((c, f'"{n}"{_INTEGER}') for c, n in zip(columns, sums, strict=True) if n is not None)
            if counted:
                distinct = {row[columns.index(counted)] for row in rows}
                values[DISTINCT_COUNTS[name][1]] = f'"{len(distinct)}"{_INTEGER}'
            yield name, values


_FIELD = "\x1f"   # between a row's fields: N-Triples terms escape control characters


def _keys(columns: tuple[str, ...]) -> list[int]:
    """The positions of a data set's dimension columns (``ref…``)."""
    return [i for i, c in enumerate(columns) if c.startswith("ref")]


def _measures(name: str, columns: tuple[str, ...]) -> list[int]:
    """The positions of a data set's columns that are added up: neither a dimension nor the column whose
    distinct values are counted (:data:`DISTINCT_COUNTS`); none for :data:`SPREAD`, which joins its rows."""
    counted = DISTINCT_COUNTS.get(name, ("", ""))[0]
    return [] if name == SPREAD else [i for i, c in enumerate(columns) if not c.startswith("ref") and c != counted]


def _spread(columns: tuple[str, ...], key: tuple[str, ...], rows: set[tuple[str, ...]]) -> dict[str, str]:
    """One ``DepartmentTypeSpread`` observation from its (type, jurisdiction, id, place, name) rows: as the
    reference's GROUP_CONCAT(DISTINCT) over them ordered by the id, then the name."""
    at = {c: i for i, c in enumerate(columns)}
    ordered = sorted(rows, key=lambda r: (_text(r[at["jid"]]), _text(r[at["name"]])))
    return {"refDepartmentType": key[0], "jurisdictionCount": f'"{len({r[at["j"]] for r in rows})}"{_INTEGER}',
            "jurisdictionPlaces": _joined(r[at["jname"]] for r in ordered),
            "departmentNames": _joined(r[at["name"]] for r in ordered)}


def _joined(terms: Iterable[str]) -> str:
    """GROUP_CONCAT(DISTINCT …; separator="、") of literals (N-Triples) as Oxigraph makes it: the distinct texts in
    order, in the language all of them share, if they share one."""
    terms = list(terms)
    texts = list(dict.fromkeys(_text(t) for t in terms))
    languages = {t[t.rindex('"') + 1:] for t in terms}
    language = languages.pop() if len(languages) == 1 else ""
    if language.startswith("@"):
        return str(ox.Literal("、".join(texts), language=language[1:]))
    return str(ox.Literal("、".join(texts)))


def _text(term: str) -> str:
    """The lexical form of a literal in its N-Triples form (``"市体育局"@zh`` → 市体育局)."""
    return json.loads(term[:term.rindex('"') + 1])


def _integer(term: str, name: str, column: str) -> int:
    """The value of an ``xsd:integer`` literal in its N-Triples form: a measure to add up."""
    if not term.endswith(_INTEGER):
        raise ValueError(f"queries/{AGGREGATES}/{name}.rq: the column {column} is not an xsd:integer to sum ({term})")
    return int(term[1:term.index('"', 1)])
