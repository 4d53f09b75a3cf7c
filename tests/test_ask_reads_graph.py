"""The asking side reads only the graph: its SPARQL lives in queries/app/*.rq, it imports nothing of the build,
and every answer comes from the graph it is given."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from qgraph.ask.library import Iri, app_queries, app_query, bind_values
from qgraph.errors import QueryError

PACKAGE = Path(__file__).resolve().parent.parent / "qgraph"
ASKING = sorted([*(PACKAGE / "ask").glob("*.py"), *(PACKAGE / "viz").glob("*.py"), *(PACKAGE / "report").glob("*.py")])


@pytest.mark.parametrize("path", ASKING, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ask_no_sparql_in_python(path):
    text = path.read_text(encoding="utf-8")
    for pattern in (r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?[?(*]", r"PREFIX\s+[\w-]*:\s*<https?:", r"\bWHERE\s*\{",
                    r"CONSTRUCT\s*\{", r"\bASK\s*\{"):
        found = re.search(pattern, text)
        assert found is None, f"{path.name} holds SPARQL ({found[0]!r}): move it into queries/app/*.rq"


@pytest.mark.parametrize("path", ASKING, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ask_imports_nothing_of_the_build_side(path):
    # doctests may open an ontology file as a small graph; the engine opens the build's on-disk index and
    # the writers use the build's atomic write (qgraph.graph.index, qgraph.graph.export), which are no knowledge
    code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith(">>>"))
    found = re.findall(r"qgraph\.(?:extract|rules|text|pipeline|build\.(?!export\b|index\b)\w+)"
                       r"|resource_path\(\"ontology\"", code)
    assert found == [], f"{path.name} reads the package's own knowledge: {found}"


# the queries that name what the nodes of another's rows say, and so answer nothing unless asked about some:
# asked about the first of those in the graph
NODES_ASKED = {"clause-facts": ("clause", "SELECT ?node WHERE { ?node a <https://w3id.org/qgraph/ontology#Clause> }"),
               "unit-facts": ("unit", "SELECT ?node WHERE { ?node <https://w3id.org/qgraph/ontology#jurisdiction> ?j ; "
                                      "a <https://w3id.org/qgraph/ontology#Department> }")}


@pytest.mark.parametrize("query", app_queries(), ids=lambda q: q.name)
def test_ask_app_query_runs_on_both_engines(query, topic_graph):
    from qgraph.ask.engine import open_engine

    values = {}
    if query.name in NODES_ASKED:
        parameter, nodes = NODES_ASKED[query.name]
        found = sorted(row["node"] for row in open_engine(topic_graph, None).select(nodes).rows)
        values = {parameter: tuple(Iri(node) for node in found[:3])}
    sparql = bind_values(query.text, values)
    oxigraph = open_engine(topic_graph, None).select(sparql, query.name).rows
    rdflib = open_engine(topic_graph, None, "rdflib").select(sparql, query.name).rows
    assert oxigraph != ()
    assert len(oxigraph) == len(rdflib)
    if query.name in NODES_ASKED:
        assert len(oxigraph) == 3   # one row a node


@pytest.mark.parametrize("query", app_queries(), ids=lambda q: q.name)
def test_ask_app_query_says_who_uses_it(query):
    assert re.match(r"# Used by: qgraph \w+", query.text), f"{query.path} does not open with '# Used by:'"
    assert query.question, f"{query.path} has no '# Question:' line"
    assert "REPLACE(STR(" not in query.text


def test_ask_library_reads_jurisdiction_ids_from_the_graph():
    from qgraph.ask.library import library

    assert [q.name for q in library() if "REPLACE(STR(" in q.text] == []


def test_ask_app_query_binds_lists_iris_and_undef():
    text = app_query("lead", term=("食品安全", "食品药品安全"), domain=(Iri("https://w3id.org/qgraph/ontology#X"),),
                     indicator=(), city=None)
    assert 'VALUES ?term { "食品安全" "食品药品安全" }' in text
    assert "VALUES ?domain { <https://w3id.org/qgraph/ontology#X> }" in text
    assert "VALUES ?indicator { UNDEF }" in text and "VALUES ?city { UNDEF }" in text


@pytest.mark.parametrize("value", ["https://x.org/a b", "https://x.org/a>b", 'https://x.org/"'])
def test_ask_app_query_refuses_a_broken_iri(value):
    with pytest.raises(QueryError, match="QG403"):
        app_query("compare", of=Iri(value))


def test_ask_app_query_unknown_parameter_is_one_error():
    with pytest.raises(QueryError, match=r"\[QG403\] unknown parameter\(s\) nope"):
        app_query("compare", nope="x")


def test_ask_comparator_symbol_comes_from_the_graph(topic_graph, tmp_path):
    import pyoxigraph as ox

    from qgraph.ask.compare import compare
    from qgraph.ask.engine import open_engine

    store = ox.Store()
    store.bulk_load(path=str(topic_graph), format=ox.RdfFormat.TURTLE)
    store.update('PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> '
                 'DELETE { qg:AtLeast skos:notation ?n } INSERT { qg:AtLeast skos:notation ">=" } '
                 'WHERE { qg:AtLeast skos:notation ?n }')
    changed = tmp_path / "qgraph.ttl"
    changed.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    rows = compare(open_engine(changed, None), "制造业产品质量合格率")
    assert {r["comparatorSymbol"] for r in rows} == {">="}
