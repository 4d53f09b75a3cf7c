"""Checking in one place (qgraph/check/__init__.py): the shapes and queries/checks/*-violation.rq together."""
from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
import rdflib

from qgraph.graph.index import IndexBuilder
from qgraph.check import check_graph_file, check_queries, check_queries_on, check_store
from qgraph.errors import ValidationFailed

QG = "https://w3id.org/qgraph/ontology#"
ID = "https://w3id.org/qgraph/id/"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
PREFIXES = ("PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
            "BASE <https://w3id.org/qgraph/id/> ")
OVERLAP = "queries/checks/clause-overlap-violation.rq"

# Each breakage of the built corpus, the check file that must fail, and the start of its one violation.
BREAKAGES = [
    ("DELETE { ?a qg:charEnd ?e } INSERT { ?a qg:charEnd ?new } WHERE { "
     "?a qg:document <doc/gansu-2015> ; qg:order 3 ; qg:charEnd ?e . "
     "?b qg:document <doc/gansu-2015> ; qg:order 4 ; qg:charStart ?s . BIND (?s + 1 AS ?new) }",
     OVERLAP, f"<{ID}doc/gansu-2015/clause/"),
    ("DELETE { ?a qg:order 5 } INSERT { ?a qg:order 4 } WHERE { ?a qg:document <doc/hefei-2021> ; qg:order 5 }",
     "queries/checks/clause-order-violation.rq", f"<{ID}doc/hefei-2021> -: its "),
    ("DELETE { <doc/gansu-2015/clause/2-7> qg:document ?d } INSERT { <doc/gansu-2015/clause/2-7> qg:document "
     "<doc/hefei-2021> } WHERE { <doc/gansu-2015/clause/2-7> qg:document ?d }",
     "queries/checks/clause-outside-document-violation.rq", f"<{ID}doc/gansu-2015/clause/2-7> -: its parent "),
]


@pytest.fixture(scope="module")
def corpus_graph(built_graph):
    return rdflib.Graph().parse(built_graph, format="turtle")


def _broken(corpus_graph, tmp_path, breakage: str):
    graph = rdflib.Graph()
    for triple in corpus_graph:
        graph.add(triple)
    graph.update(PREFIXES + breakage)
    path = tmp_path / "broken.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


def test_check_corpus_passes_every_check(built_graph):
    report = check_graph_file(built_graph)
    assert report.conforms and report.violations == ()
    assert [q.name for q in check_queries()] == [
        "queries/checks/clause-order-violation.rq", "queries/checks/clause-outside-document-violation.rq",
        OVERLAP]


@pytest.mark.parametrize("breakage,name,violation", BREAKAGES, ids=["overlap", "order", "outside"])
@pytest.mark.parametrize("fast", [False, True], ids=["pyshacl", "fast"])
def test_check_validate_fails_on_a_check_query(run, corpus_graph, tmp_path, breakage, name, violation, fast):
    broken = _broken(corpus_graph, tmp_path, breakage)
    result = run("validate", str(broken), *(["--fast"] if fast else []))
    assert result.exit_code == 3
    *violations, last = result.stderr.splitlines()
    check_lines = [line.strip() for line in violations if line.strip().endswith(f"({name})")]
    assert len(check_lines) == 1 and check_lines[0].startswith(violation), violations
    if name == OVERLAP:  # only the offsets changed: the shapes still hold
        assert last == f"Error: {broken}: [QG302] the graph fails {name} (1 row(s))"
    else:
        assert name in last


def test_check_build_index_fails_on_overlapping_clauses(corpus_graph, tmp_path):
    broken = _broken(corpus_graph, tmp_path, BREAKAGES[0][0])
    with IndexBuilder(tmp_path / "qgraph.nt") as index:
        index.load_ntriples(broken.read_bytes())
        with pytest.raises(ValidationFailed) as caught:
            index.validate("data/documents.yaml")
    assert caught.value.exit_code == 3
    assert str(caught.value) == f"data/documents.yaml: [QG302] the graph fails {OVERLAP} (1 row(s))"
    assert caught.value.violations[0].endswith(f"({OVERLAP})")


def test_check_shape_violation_names_document_and_clause():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{ID}doc/gansu-2015/clause/2-7"),
                      ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(f"{QG}Clause")))
    with pytest.raises(ValidationFailed) as caught:
        check_store(store, where="g.ttl")
    assert caught.value.code == "QG301"
    assert any(v.startswith(f"<{ID}doc/gansu-2015/clause/2-7> qg:text: ") for v in caught.value.violations)


@pytest.mark.parametrize("documents,parts", [(100, 200)])
def test_check_queries_stay_fast_on_a_large_store(documents, parts):
    """20,000 parts in 100 documents: no check may compare pairs of parts (that took minutes)."""
    lines = []
    for d in range(documents):
        doc = f"<{ID}doc/d{d}>"
        for c in range(1, parts + 1):
            node = f"<{ID}doc/d{d}/clause/{c}>"
            lines += [f"{node} <{QG}document> {doc} .", f"{node} <{QG}order> \"{c}\"^^<{INTEGER}> .",
                      f"{node} <{QG}charStart> \"{c * 10}\"^^<{INTEGER}> .",
                      f"{node} <{QG}charEnd> \"{c * 10 + 10}\"^^<{INTEGER}> ."]
    store = ox.Store()
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES)
    started = time.perf_counter()
    assert check_queries_on(store) == ()
    assert time.perf_counter() - started < 10
