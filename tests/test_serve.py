"""`qgraph serve`: a read-only SPARQL endpoint over the built graph, tested with real HTTP requests on a
loopback port (the server is Oxigraph's, started by qgraph in its own process)."""
from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest

pytestmark = pytest.mark.server

TIMEOUT_S = 20


def _select(base: str, sparql: str) -> list[dict]:
    request = urllib.request.Request(f"{base}/query", data=sparql.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
        return json.load(answer)["results"]["bindings"]


def _qgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qgraph", *args], capture_output=True, text=True,
                          timeout=60, check=False)


def test_serve_counts_the_graphs_triples(qgraph_serve, built_graph, free_port):
    process = qgraph_serve(built_graph, free_port)
    base = f"http://127.0.0.1:{free_port}"
    assert process.log.read_text(encoding="utf-8") == \
        f"Serving {built_graph} at {base}/query (query page: {base}/)\n"
    count = int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
    assert count == sum(1 for _ in pyoxigraph.parse(path=built_graph, format=pyoxigraph.RdfFormat.TURTLE))


def test_serve_shows_the_query_page(qgraph_serve, built_graph, free_port):
    qgraph_serve(built_graph, free_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{free_port}/", timeout=TIMEOUT_S) as page:
        assert page.status == 200 and "html" in page.headers["Content-Type"]


@pytest.mark.parametrize("path,content_type,body", [
    ("/update", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("/query", "application/sparql-update", "DELETE WHERE { ?s ?p ?o }"),
    ("/store?default", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
])
def test_serve_refuses_updates(path, content_type, body, qgraph_serve, built_graph, free_port):
    qgraph_serve(built_graph, free_port)
    base = f"http://127.0.0.1:{free_port}"
    before = _select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    request = urllib.request.Request(base + path, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=TIMEOUT_S)
    assert 400 <= refused.value.code < 500
    assert _select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_serve_answers_qgraph_query_in_another_process(qgraph_serve, built_graph, free_port):
    qgraph_serve(built_graph, free_port)
    remote = _qgraph("query", "documents-per-jurisdiction", "--endpoint", f"http://127.0.0.1:{free_port}/query",
                     "--format", "json")
    local = _qgraph("query", "documents-per-jurisdiction", "--graph", str(built_graph), "--format", "json")
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert len(json.loads(remote.stdout)) == 5


def test_serve_port_in_use_is_one_line_and_exit_1(built_graph):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = _qgraph("serve", "--graph", str(built_graph), "--port", str(port))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: [QG504] cannot serve on 127.0.0.1:{port}: ")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_stops_cleanly_on_sigint(signum, qgraph_serve, built_graph, free_port):
    process = qgraph_serve(built_graph, free_port)
    process.send_signal(signum)
    assert process.wait(timeout=TIMEOUT_S) == 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # the server is gone: the port is free
        probe.bind(("127.0.0.1", free_port))
    assert "Traceback" not in process.log.read_text(encoding="utf-8")


def test_serve_killed_leaves_no_server_behind(qgraph_serve, built_graph, free_port):
    # the test fixture killed `qgraph serve` with SIGKILL, and each time an Oxigraph server was left running
    process = qgraph_serve(built_graph, free_port)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(children) == 1 and "oxigraph" in Path(f"/proc/{children[0]}/cmdline").read_text()
    process.kill()
    process.wait(timeout=TIMEOUT_S)
    deadline = time.monotonic() + TIMEOUT_S
    while Path(f"/proc/{children[0]}").exists() and "Z" not in _state(children[0]):
        assert time.monotonic() < deadline, "the Oxigraph server outlived qgraph serve"
        time.sleep(0.05)


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return "Z"


@pytest.mark.parametrize("state", ["missing", "stale"])
def test_serve_without_an_up_to_date_index_says_build(state, built_graph, tmp_path):
    graph = tmp_path / "qgraph.ttl"
    shutil.copy(built_graph, graph)
    if state == "stale":
        shutil.copytree(built_graph.with_name(built_graph.name + ".index"), tmp_path / "qgraph.ttl.index")
        graph.write_bytes(graph.read_bytes() + b"\n")
    result = _qgraph("serve", "--graph", str(graph), "--port", "1")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "[QG125]" in result.stderr and "run `qgraph build`" in result.stderr
    assert ("is missing" if state == "missing" else "is older than the graph file") in result.stderr
