"""The graph in a real SPARQL server (Oxigraph from PyPI): `qgraph load` and `query --endpoint`."""
from __future__ import annotations

import json

import pytest

from qgraph.ask.engine import open_engine
from qgraph.ask.library import library

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def loaded_server(oxigraph_server, topic_graph, engine_graph):
    """The Oxigraph server holding the built graph (with the topic synonyms) in its default graph: its base URL.
    Afterwards the default graph holds engine_graph again, as the session's sparql_endpoint says it does (that
    fixture may have been set up before this module replaced it)."""
    from click.testing import CliRunner

    from qgraph.ask.engine import push_graph
    from qgraph.cli import cli

    result = CliRunner().invoke(cli, ["load", "--endpoint", f"{oxigraph_server}/store", "--graph", str(topic_graph)])
    assert result.exit_code == 0, result.output
    yield oxigraph_server, result.stdout
    push_graph(engine_graph, f"{oxigraph_server}/store")


def test_remote_load_reports_triples(loaded_server, topic_graph):
    base, output = loaded_server
    count = open_engine(topic_graph, None).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    assert output.strip() == f"Loaded {count} triples from {topic_graph} into {base}/store"


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_remote_library_query_matches_embedded(run, loaded_server, built_graph, query):
    # against the build's own index: GROUP_CONCAT's order is the store's (the topics are no library query's concern)
    base, _ = loaded_server
    needed = [a for name in query.required for a in ("--param", f"{name}=hefei-2021")]   # clause-tree's doc_id
    remote = run("query", query.name, *needed, "--endpoint", f"{base}/query", "--format", "json")
    local = run("query", query.name, *needed, "--graph", str(built_graph), "--format", "json")
    assert remote.exit_code == 0 and local.exit_code == 0, remote.stderr + local.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout) != []


@pytest.mark.parametrize("command", [("lead", "食品安全"), ("lead", "檢驗檢測", "--city", "yangzhou"),
                                     ("compare", "制造业产品质量合格率"), ("compare", "食品抽检合格率"),
                                     ("reuse", "yangzhou-2023"), ("analyze", "centrality")],
                         ids=lambda c: " ".join(c))
def test_remote_answers_equal_local(run, loaded_server, topic_graph, command):
    # everything an answer needs (labels, lead bases, synonyms, comparator symbols) comes from the graph
    base, _ = loaded_server
    remote = run(*command, "--endpoint", f"{base}/query", "--format", "json")
    local = run(*command, "--graph", str(topic_graph), "--format", "json")
    assert remote.exit_code == 0 and local.exit_code == 0, remote.stderr + local.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout) != []


def test_remote_down_endpoint_is_one_line(run, free_port):
    result = run("query", "clause-tree", "--param", "doc_id=hefei-2021",
                 "--endpoint", f"http://127.0.0.1:{free_port}/query")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: [QG501] cannot reach SPARQL endpoint http://127.0.0.1:{free_port}/query: "
                             "Connection refused\n")


def test_remote_error_answer_is_one_line(run, loaded_server, tmp_path):
    base, _ = loaded_server
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    result = run("query", str(bad), "--endpoint", f"{base}/nowhere")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {bad}: [QG502] SPARQL endpoint {base}/nowhere answered HTTP 404: "
                             "POST /nowhere is not supported by this server\n")
    assert result.stderr.count("\n") == 1


def test_remote_load_to_down_store(run, free_port, built_graph):
    result = run("load", "--endpoint", f"http://127.0.0.1:{free_port}/store", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert "[QG501] cannot reach SPARQL endpoint" in result.stderr
