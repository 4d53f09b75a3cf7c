"""The engines answer alike: embedded Oxigraph, rdflib, and a real Oxigraph server over HTTP."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from qgraph.ask.engine import (EndpointError, InputError, OxigraphEngine, QueryError, RdflibEngine,
                           RemoteEngine, Results, open_engine, push_graph)

PREFIXES = """PREFIX qg: <https://w3id.org/qgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
P = "PREFIX qg: <https://w3id.org/qgraph/ontology#>\n"  # one line, so that line numbers are easy to read

# Questions an analyst asks, each needing only the contract's terms. ORDER BY is total where present.
QUERIES = {
    "count-per-class": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class",
    "clauses-in-order": """SELECT ?clause ?number ?order ?heading ?start WHERE {
        ?clause a qg:Clause ; qg:number ?number ; qg:order ?order ; qg:charStart ?start .
        OPTIONAL { ?clause qg:heading ?heading } } ORDER BY ?order ?clause""",
    "labels-by-language": """SELECT ?j ?zh ?en WHERE {
        ?j a qg:Jurisdiction ; rdfs:label ?zh , ?en FILTER(lang(?zh) = "zh" && langMatches(lang(?en), "en")) }""",
    "targets": """SELECT ?target ?value ?unit ?year ?metric WHERE {
        ?target a qg:Target ; qg:value ?value ; qg:unit ?unit ; qg:metric ?metric .
        OPTIONAL { ?target qg:targetYear ?year } } ORDER BY DESC(?value) ?target""",
    "leads-per-department": """SELECT ?department ?name (COUNT(DISTINCT ?clause) AS ?clauses) WHERE {
        ?clause qg:leadDepartment ?department . ?department rdfs:label ?name }
        GROUP BY ?department ?name ORDER BY DESC(?clauses) ?department""",
    "clause-sizes": """SELECT (COUNT(?c) AS ?clauses) (SUM(?end - ?start) AS ?chars) (MAX(?order) AS ?last) WHERE {
        ?c a qg:Clause ; qg:charStart ?start ; qg:charEnd ?end ; qg:order ?order }""",
    "domains-en": """SELECT ?domain ?label ?clause WHERE {
        ?domain skos:inScheme qg:Domains ; skos:prefLabel ?label FILTER(lang(?label) = "en")
        OPTIONAL { ?clause a qg:Clause ; qg:domain ?domain } } ORDER BY ?label ?clause""",
}

CONSTANTS = """SELECT ?int ?short ?decimal ?double ?boolean ?text ?zh ?date ?year ?iri ?unbound WHERE {
    BIND(42 AS ?int) BIND("7"^^xsd:short AS ?short) BIND(95.50 AS ?decimal) BIND(1.5e0 AS ?double)
    BIND(true AS ?boolean) BIND("质量" AS ?text) BIND("合肥"@zh AS ?zh) BIND("2021-03-12"^^xsd:date AS ?date)
    BIND("2025"^^xsd:gYear AS ?year) BIND(<https://w3id.org/qgraph/id/jurisdiction/hefei> AS ?iri) }"""
CONSTANT_VALUES = {
    "int": 42, "short": 7, "decimal": Decimal("95.5"), "double": 1.5, "boolean": True, "text": "质量",
    "zh": "合肥", "date": "2021-03-12", "year": "2025",
    "iri": "https://w3id.org/qgraph/id/jurisdiction/hefei", "unbound": None,
}

EMBEDDED = ("oxigraph", "rdflib")
ALL = (*EMBEDDED, pytest.param("remote", marks=pytest.mark.server))


def _row_key(row: dict[str, object]) -> list[tuple[bool, str, object]]:
    return [(v is None, type(v).__name__, v if isinstance(v, (int, float, Decimal)) else str(v))
            for v in row.values()]


def _canonical(results: Results, sparql: str) -> Results:
    """Rows in a fixed order when the query leaves it open."""
    if "ORDER BY" in sparql:
        return results
    return Results(results.columns, tuple(sorted(results.rows, key=_row_key)))


def _one_line(error: Exception) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


@pytest.mark.server
@pytest.mark.parametrize("query", QUERIES, ids=list(QUERIES))
def test_engine_backends_agree(query, engine_named):
    sparql = PREFIXES + QUERIES[query]
    answers = {b: _canonical(engine_named(b).select(sparql, name=f"{query}.rq"), sparql)
               for b in ("oxigraph", "rdflib", "remote")}
    assert answers["oxigraph"].rows, "the query should find something in the test graph"
    assert answers["rdflib"] == answers["oxigraph"]
    assert answers["remote"] == answers["oxigraph"]


@pytest.mark.parametrize("backend", ALL)
def test_engine_converts_values(backend, engine_named):
    results = engine_named(backend).select(PREFIXES + CONSTANTS)
    assert results.columns == tuple(CONSTANT_VALUES)
    (row,) = results.rows
    assert row == CONSTANT_VALUES
    assert {c: type(v) for c, v in row.items()} == {c: type(v) for c, v in CONSTANT_VALUES.items()}


@pytest.mark.parametrize("backend", ALL)
def test_engine_blank_nodes_keep_their_label(backend, engine_named):
    (row,) = engine_named(backend).select('SELECT ?b WHERE { BIND(BNODE("x") AS ?b) }').rows
    assert isinstance(row["b"], str) and row["b"].startswith("_:") and len(row["b"]) > 2


@pytest.mark.server
@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld"])
def test_engine_push_graph_counts_triples(suffix, graph_as, engine_graph, oxigraph_server):
    graph = engine_graph if suffix == ".ttl" else graph_as(suffix)
    named = f"https://w3id.org/qgraph/id/test/push{suffix.replace('.', '-')}"
    sent = push_graph(graph, f"{oxigraph_server}/store", named_graph=named)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{named}> {{ ?s ?p ?o }} }}"
    stored = RemoteEngine(f"{oxigraph_server}/query").select(count).rows[0]["n"]
    local = OxigraphEngine(graph).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    assert sent == stored == local > 1000


@pytest.mark.server
@pytest.mark.parametrize("replace, expected", [(True, "small only"), (False, "both")])
def test_engine_push_graph_replaces_or_appends(replace, expected, engine_graph, oxigraph_server, tmp_path):
    small = tmp_path / "small.nt"
    small.write_text('<https://w3id.org/qgraph/id/test/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh .\n'
                     '<https://w3id.org/qgraph/id/test/b> <http://www.w3.org/2000/01/rdf-schema#label> "乙"@zh .\n',
                     encoding="utf-8")
    named = f"https://w3id.org/qgraph/id/test/replace-{replace}"
    store = f"{oxigraph_server}/store"
    first = push_graph(engine_graph, store, named_graph=named)
    second = push_graph(small, store, named_graph=named, replace=replace)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{named}> {{ ?s ?p ?o }} }}"
    stored = RemoteEngine(f"{oxigraph_server}/query").select(count).rows[0]["n"]
    assert second == 2
    assert stored == {"small only": second, "both": first + second}[expected]


@pytest.mark.parametrize("backend", ALL)
@pytest.mark.parametrize("sparql, form", [
    ("ASK { ?s ?p ?o }", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/qgraph/id/jurisdiction/hefei>", "DESCRIBE"),
], ids=["ask", "construct", "describe"])
def test_engine_rejects_non_select(backend, sparql, form, engine_named):
    with pytest.raises(QueryError) as caught:
        engine_named(backend).select(sparql, name="form.rq")
    assert caught.value.code == "QG402"
    assert _one_line(caught.value).startswith("form.rq: [QG402] expected a SELECT query, not ")
    assert form in str(caught.value)


@pytest.mark.parametrize("backend", EMBEDDED)
@pytest.mark.parametrize("sparql, word", [
    (P + "INSERT DATA { qg:x qg:y 1 }", "INSERT"),
    ("# clean up\nPREFIX qg: <https://w3id.org/qgraph/ontology#>\nDELETE WHERE { ?s qg:y ?o }", "DELETE"),
    ("CLEAR DEFAULT", "CLEAR"),
], ids=["insert", "delete", "clear"])
def test_engine_rejects_update(backend, sparql, word, embedded_engines):
    with pytest.raises(QueryError) as caught:
        embedded_engines[backend].select(sparql, name="update.rq")
    assert _one_line(caught.value) == f"update.rq: [QG402] expected a SELECT query, not an update ({word})"


SYNTAX_ERRORS = {
    "missing-brace": (P + "SELECT ?c\nWHERE {\n  ?c a qg:Clause .\n", 5),
    "order-without-by": (P + "SELECT ?c\nWHERE {\n  ?c a qg:Clause .\n}\nORDER ?c", 6),
    "select-typo": ("# which clauses?\nSELEC ?c WHERE { ?c ?p ?o }", 2),
    "dangling-dot": (P + "SELECT ?c WHERE {\n  ?c a qg:Clause .\n  ?c qg:order .\n}", 4),
    "unclosed-string": (P + 'SELECT ?c WHERE {\n  ?c qg:number "二 .\n}', 3),
    "group-by-nothing": (P + "SELECT ?c (COUNT(?x) AS ?n)\nWHERE {\n  ?c qg:order ?x .\n}\nGROUP BY", 6),
}


@pytest.mark.parametrize("backend", EMBEDDED)
@pytest.mark.parametrize("case", SYNTAX_ERRORS, ids=list(SYNTAX_ERRORS))
def test_engine_reports_syntax_error_line(backend, case, embedded_engines):
    sparql, line = SYNTAX_ERRORS[case]
    with pytest.raises(QueryError) as caught:
        embedded_engines[backend].select(sparql, name="queries/broken.rq")
    assert (caught.value.code, caught.value.line) == ("QG401", line)
    assert _one_line(caught.value).startswith(f"queries/broken.rq:{line}: [QG401] syntax error at column ")


UNKNOWN_PREFIXES = {
    "dcterms-as-dct": (P + "SELECT ?c\nWHERE {\n  ?c a qg:Clause ;\n     dct:title ?t .\n}", "dct", 5),
    "undeclared-qg": ('SELECT ?c\nWHERE {\n  ?c <http://x/p> "qg:x" . # qg:y\n  ?c qg:order ?o .\n}', "qg", 4),
    "empty-prefix": (P + "SELECT ?c WHERE {\n  ?c :order ?o\n}", "", 3),
    "rdfs-rdflib-knows": (P + "SELECT ?l\nWHERE { qg:City rdfs:label ?l }", "rdfs", 3),
}


@pytest.mark.parametrize("backend", EMBEDDED)
@pytest.mark.parametrize("case", UNKNOWN_PREFIXES, ids=list(UNKNOWN_PREFIXES))
def test_engine_reports_unknown_prefix(backend, case, embedded_engines):
    sparql, prefix, line = UNKNOWN_PREFIXES[case]
    with pytest.raises(QueryError) as caught:
        embedded_engines[backend].select(sparql, name="q.rq")
    assert (caught.value.code, caught.value.line) == ("QG401", line)
    assert _one_line(caught.value).startswith(f"q.rq:{line}: [QG401] unknown prefix '{prefix}:'")


@pytest.mark.parametrize("call", ["select", "push"])
def test_engine_down_endpoint(call, free_port, engine_graph):
    url = f"http://127.0.0.1:{free_port}"
    with pytest.raises(EndpointError) as caught:
        if call == "select":
            RemoteEngine(f"{url}/query").select("SELECT * WHERE { ?s ?p ?o }")
        else:
            push_graph(engine_graph, f"{url}/store")
    assert caught.value.code == "QG501"
    endpoint = f"{url}/{'query' if call == 'select' else 'store'}"
    assert _one_line(caught.value) == f"[QG501] cannot reach SPARQL endpoint {endpoint}: Connection refused"


def test_engine_silent_endpoint_times_out(silent_endpoint):
    with pytest.raises(EndpointError) as caught:
        RemoteEngine(silent_endpoint, timeout=0.3).select("SELECT * WHERE { ?s ?p ?o }")
    assert _one_line(caught.value) == f"[QG501] cannot reach SPARQL endpoint {silent_endpoint}: timed out after 0.3 s"


@pytest.mark.server
@pytest.mark.parametrize("path, sparql, expected", [
    ("/query", "SELECT * WHERE { ?s ?p ?o", "answered HTTP 400: error at 1:26: expected one of"),
    ("/nope", "SELECT * WHERE { ?s ?p ?o }", "answered HTTP 404: "),
], ids=["malformed-query", "wrong-path"])
def test_engine_endpoint_answers_error(path, sparql, expected, oxigraph_server):
    url = oxigraph_server + path
    with pytest.raises(EndpointError) as caught:
        RemoteEngine(url).select(sparql, name="bad.rq")
    assert caught.value.code == "QG502"
    message = _one_line(caught.value)
    assert message.startswith(f"bad.rq: [QG502] SPARQL endpoint {url} {expected}")
    assert len(message) < len(f"bad.rq: [QG502] SPARQL endpoint {url} answered HTTP 400: ") + 201


@pytest.mark.parametrize("path, code, expected", [
    ("/teapot", "QG502", "answered HTTP 418: short and stout"),
    ("/html", "QG503", "did not answer with SPARQL JSON results (text/html): <!DOCTYPE html>"),
    ("/json", "QG503", 'answered JSON that is not SPARQL results: {"message": "hello"}'),
], ids=["http-error", "html", "other-json"])
def test_engine_endpoint_answers_something_else(path, code, expected, canned_endpoint):
    url = canned_endpoint + path
    with pytest.raises(EndpointError) as caught:
        RemoteEngine(url).select("SELECT * WHERE { ?s ?p ?o }", name="q.rq")
    assert caught.value.code == code
    assert _one_line(caught.value) == f"q.rq: [{code}] SPARQL endpoint {url} {expected}"


@pytest.mark.parametrize("backend", [*EMBEDDED, "push"])
def test_engine_missing_graph(backend, tmp_path):
    missing = tmp_path / "build" / "qgraph.ttl"
    with pytest.raises(InputError) as caught:
        if backend == "push":
            push_graph(missing, "http://127.0.0.1:9/store")
        else:
            open_engine(missing, None, backend=backend)
    assert caught.value.code == "QG120"
    assert _one_line(caught.value) == f"{missing}: [QG120] graph file not found (run `qgraph build` first)"


@pytest.mark.parametrize("backend", [*EMBEDDED, "push"])
@pytest.mark.parametrize("name, content, line", [
    ("bad.ttl", '@prefix a: <http://a/> .\na:x a:y "1" .\na:x b:y 2 .\n', 3),
    ("bad.nt", '<http://a/x> <http://a/y> "1" .\n<http://a/x> <http://a/y> .\n', 2),
    ("bad.jsonld", '{"@id": "http://a/x", "http://a/y": [', None),
], ids=["turtle", "ntriples", "jsonld"])
def test_engine_unparsable_graph(backend, name, content, line, tmp_path):
    graph = tmp_path / name
    graph.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        if backend == "push":
            push_graph(graph, "http://127.0.0.1:9/store")
        else:
            open_engine(graph, None, backend=backend)
    assert (caught.value.code, caught.value.path) == ("QG121", str(graph))
    if line is not None:
        assert caught.value.line == line
    assert "cannot parse the graph: " in _one_line(caught.value)


@pytest.mark.parametrize("graph, endpoint, backend, expected", [
    (Path("g.ttl"), "http://localhost:7878/query", "oxigraph", RemoteEngine),
    ("graph", None, "oxigraph", OxigraphEngine),
    ("graph", None, "rdflib", RdflibEngine),
])
def test_engine_open_engine_picks(graph, endpoint, backend, expected, engine_graph):
    engine = open_engine(engine_graph if graph == "graph" else graph, endpoint, backend)
    assert type(engine) is expected


@pytest.mark.parametrize("name", ["qgraph.xml", "qgraph"])
def test_engine_unknown_graph_extension(name, tmp_path):
    graph = tmp_path / name
    graph.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_engine(graph, None)
    assert caught.value.code == "QG123"
    assert "unknown extension" in _one_line(caught.value)
