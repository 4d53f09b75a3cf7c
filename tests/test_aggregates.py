"""Aggregate figures made at build time (RDF Data Cube observations, qgraph/graph/aggregates.py): the library queries
that read them answer exactly what the queries that counted every clause answered (tests/fixtures/scanning/*.rq,
the library's queries as they were on main before the observations: numbered clauses with dash items apart, the
jurisdiction's place), on the bundled corpus."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from qgraph.graph.aggregates import aggregate_triples, datasets

SCANNING = Path(__file__).parent / "fixtures" / "scanning"
QUERIES = Path(__file__).parent.parent / "queries"
QB = "http://purl.org/linked-data/cube#"
QG = "https://w3id.org/qgraph/ontology#"


@pytest.fixture(scope="module")
def store(built_graph) -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(path=str(built_graph), format=ox.RdfFormat.TURTLE)
    return loaded


def _rows(store: ox.Store, text: str) -> list[list[str | None]]:
    answer = store.query(text)
    return [[None if row[v] is None else str(row[v]) for v in range(len(answer.variables))] for row in answer]


@pytest.mark.parametrize("name", sorted(p.stem for p in SCANNING.glob("*.rq")))
def test_library_query_reading_observations_answers_as_the_scan(store, name):
    scanned = _rows(store, (SCANNING / f"{name}.rq").read_text(encoding="utf-8"))
    read = _rows(store, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    assert "qb:dataSet" in (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    if name == "department-types-across-jurisdictions":
        # GROUP_CONCAT's order is the engine's: the lists hold the same ids and names; the build sorts them
        def as_sets(rows):
            return [[r[0], r[1], sorted(r[2].split('"')[1].split("、")), sorted(r[3].split('"')[1].split("、"))]
                    for r in rows]
        scanned, read = as_sets(scanned), as_sets(read)
    assert read == scanned and len(read) > 4


def test_every_observation_has_one_value_per_dimension_of_its_structure(store):
    missing = _rows(store, f"""PREFIX qb: <{QB}>
        SELECT ?o ?d WHERE {{ ?o a qb:Observation ; qb:dataSet ?ds . ?ds qb:structure/qb:component/qb:dimension ?d .
          FILTER NOT EXISTS {{ ?o ?d ?v }} }}""")
    counts = dict((r[0], int(r[1].split('"')[1])) for r in _rows(store, f"""PREFIX qb: <{QB}>
        SELECT ?ds (COUNT(?o) AS ?n) WHERE {{ ?o qb:dataSet ?ds }} GROUP BY ?ds"""))
    assert missing == []
    assert sorted(counts) == sorted(f"<{QG}{name}>" for name in datasets())
    # 5 documents × their (level, kind) pairs; 8 (year, jurisdiction) pairs with targets (checked with the scan)
    assert counts[f"<{QG}ClauseCounts>"] == 29 and counts[f"<{QG}TargetDeadlines>"] == 8


def test_aggregates_are_made_once_and_the_same_again(store):
    again = aggregate_triples(store)
    assert {str(t) for t in again} == {str(q.triple) for q in store.quads_for_pattern(None, None, None)
                                       if q.subject.value.startswith("https://w3id.org/qgraph/id/observation/")}
    assert again == sorted(again, key=str)


def test_targets_of_jurisdiction_lists_each_targets_domains_by_name(store):
    # the rewrite that looks a target's domains up from it (not every qg:domain triple) listed them in the store's
    # order (service quality / product quality / industry quality); the domains are ordered by name first
    rows = _rows(store, (QUERIES / "targets-of-jurisdiction.rq").read_text(encoding="utf-8"))
    lists = [r[2].split('"')[1].split(" / ") for r in rows if r[2] is not None]
    assert len(rows) == 118 and all(names == sorted(names) for names in lists)
    assert ["industry quality", "product quality", "service quality"] in lists
