"""Every fixture of the test suite, so that a test shows what it uses."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qgraph.cli import cli
from qgraph.pipeline import ParsedDocument, parse_corpus

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
DOC_IDS = ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")


@pytest.fixture(scope="session")
def corpus() -> dict[str, ParsedDocument]:
    """The bundled corpus, parsed once: document id → parsed document."""
    return {p.spec.id: p for p in parse_corpus(DATA / "documents.yaml")}


@pytest.fixture(scope="session")
def clause_of(corpus):
    """Look up one part of a document by its number: clause_of('gansu-2015', '二.(七)')."""
    def find(doc_id: str, number: str):
        matches = [c for c in corpus[doc_id].clauses if c.number == number]
        assert matches, f"{doc_id} has no part numbered {number}"
        return matches[0]
    return find


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (manifest and texts) to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def run():
    """Run the CLI in-process: run("parse", "gansu-2015") → click's Result (exit_code, stdout, stderr)."""
    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args))
    return invoke


# --- engines and SPARQL endpoints (qgraph/engine.py) ---------------------------------------------

import http.server  # noqa: E402  (kept with the fixtures that use them)
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

import pyoxigraph  # noqa: E402

from qgraph.ask.engine import OxigraphEngine, RdflibEngine, push_graph  # noqa: E402
from qgraph.serve import stop_process  # noqa: E402

SERVER_START_S = 15.0


@pytest.fixture(scope="session")
def engine_graph(tmp_path_factory) -> Path:
    """A small real graph as one Turtle file: tests/fixtures/valid.ttl with ontology/*.ttl."""
    store = pyoxigraph.Store()
    for source in [REPO / "tests" / "fixtures" / "valid.ttl", *sorted((REPO / "ontology").glob("*.ttl"))]:
        store.load(path=source, format=pyoxigraph.RdfFormat.TURTLE)
    target = tmp_path_factory.mktemp("engine-graph") / "qgraph.ttl"
    target.write_bytes(store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph()))
    return target


@pytest.fixture(scope="session")
def graph_as(engine_graph, tmp_path_factory):
    """engine_graph written in another format: graph_as(".nt") → the path of an N-Triples copy."""
    folder = tmp_path_factory.mktemp("engine-graph-formats")

    def convert(suffix: str) -> Path:
        target = folder / f"qgraph{suffix}"
        if not target.exists():
            quads = pyoxigraph.parse(path=engine_graph, format=pyoxigraph.RdfFormat.TURTLE)
            fmt = pyoxigraph.RdfFormat.from_extension(suffix.lstrip("."))
            target.write_bytes(pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object)
                                                     for q in quads), format=fmt))
        return target
    return convert


@pytest.fixture(scope="session")
def embedded_engines(engine_graph) -> dict:
    """engine_graph loaded once into each embedded backend: backend name → engine."""
    return {"oxigraph": OxigraphEngine(engine_graph), "rdflib": RdflibEngine(engine_graph)}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def free_port() -> int:
    """A loopback port with nothing listening on it."""
    return _free_port()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server (the `oxigraph` binary from PyPI) on a free loopback port: its base URL.

    Its SPARQL endpoint is BASE/query, its Graph Store BASE/store. Stopped at the end of the session.
    """
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        found = shutil.which("oxigraph")
        if found is None:
            pytest.skip("the Oxigraph server binary is not installed (pip install oxigraph)")
        binary = Path(found)
    folder = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(binary), "serve", "--location", str(folder / "store"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph exited with {process.returncode}: {log_path.read_text(errors='replace')}")
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not answer on {base} within {SERVER_START_S:g} s")
                time.sleep(0.05)
        yield base
    finally:
        stop_process(process, timeout=5)


@pytest.fixture()
def sparql_endpoint(oxigraph_server, engine_graph) -> str:
    """The Oxigraph server holding engine_graph in its default graph, and nothing else: its query URL.

    The server lives for the session, so this is set up per test: what other tests put in it (a bundled
    corpus loaded by `qgraph load`, named graphs) is dropped first."""
    drop = urllib.request.Request(f"{oxigraph_server}/update", data=b"DROP ALL", method="POST",
                                  headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(drop, timeout=30).close()
    push_graph(engine_graph, f"{oxigraph_server}/store")
    return f"{oxigraph_server}/query"


@pytest.fixture()
def silent_endpoint():
    """A loopback URL whose server accepts connections and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"


class _CannedHandler(http.server.BaseHTTPRequestHandler):
    answers = {
        "/html": (200, "text/html", b"<!DOCTYPE html>\n<html><body>welcome</body></html>"),
        "/json": (200, "application/json", b'{"message": "hello"}'),
        "/teapot": (418, "text/plain", b"short and stout\nsecond line"),
    }

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, content_type, body = self.answers.get(self.path, (404, "text/plain", b"no such path"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def canned_endpoint():
    """A loopback HTTP server with canned answers at /html, /json and /teapot (HTTP 418): its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CannedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def engine_named(request, embedded_engines):
    """engine_named("oxigraph" | "rdflib" | "remote") → an engine over engine_graph ("remote" starts the server)."""
    from qgraph.ask.engine import RemoteEngine

    def pick(backend: str):
        if backend == "remote":
            return RemoteEngine(request.getfixturevalue("sparql_endpoint"))
        return embedded_engines[backend]
    return pick


# --- the built graph (qgraph build) ----------------------------------------------------------------

@pytest.fixture(scope="session")
def built_graph(tmp_path_factory) -> Path:
    """`qgraph build` of the bundled corpus, once per session: the path of qgraph.ttl (and its index)."""
    from qgraph.pipeline import build

    out = tmp_path_factory.mktemp("build")
    return build(DATA / "documents.yaml", out).path


@pytest.fixture(scope="session")
def graph_engine(built_graph):
    """The default engine over the built graph: ask(sparql) → list of row dicts.

    Common prefixes are declared, and data IRIs are relative to the id base: <doc/gansu-2015>."""
    from qgraph.ask.engine import open_engine

    engine = open_engine(built_graph, None)
    prefixes = ("BASE <https://w3id.org/qgraph/id/>\nPREFIX qg: <https://w3id.org/qgraph/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
                "PREFIX eli: <http://data.europa.eu/eli/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
                "PREFIX org: <http://www.w3.org/ns/org#>\n")

    def ask(sparql: str) -> list[dict]:
        return list(engine.select(prefixes + sparql).rows)
    return ask


# --- visualisations and analytics (qgraph/viz.py, qgraph/analytics.py) ---------------------------

XSS_PAYLOADS = (
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "</script><script>window.__xss='close'</script>",
    "\"'><svg onload=\"window.__xss='svg'\">",
)

_XSS_TURTLE = """\
@prefix qg: <https://w3id.org/qgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dt: <https://w3id.org/qgraph/department-type/> .
@prefix id: <https://w3id.org/qgraph/id/> .

id:jurisdiction\\/xss a qg:City , qg:Jurisdiction ;
    rdfs:label "{p0}测试市"@zh , "X{p1}"@en ; dcterms:identifier "xss" .
id:doc\\/xss-2024 a qg:PolicyDocument ; qg:jurisdiction id:jurisdiction\\/xss ;
    dcterms:identifier "xss-2024" ; dcterms:title "{p2}" ; eli:id_local "{p3}" .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1> a qg:Clause ;
    qg:document id:doc\\/xss-2024 ; dcterms:isPartOf id:doc\\/xss-2024 ; qg:kind qg:NumberedClause ;
    qg:number "一" ; qg:order 1 ; qg:level 1 ; qg:heading "{p1}" ;
    qg:text "一、{p0} 与 {p1} 与 {p2} 与 {p3}" ; qg:charStart 0 ; qg:charEnd 99 ;
    qg:domain qg:ProductQuality ;
    qg:assignment <https://w3id.org/qgraph/id/doc/xss-2024/clause/1/assignment/1> ,
                  <https://w3id.org/qgraph/id/doc/xss-2024/clause/1/assignment/2> .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1-1> a qg:Clause ;
    qg:document id:doc\\/xss-2024 ; dcterms:isPartOf <https://w3id.org/qgraph/id/doc/xss-2024/clause/1> ;
    qg:kind qg:NumberedClause ; qg:number "一.(一)" ; qg:order 2 ; qg:level 2 ;
    qg:text "(一){p3}" ; qg:charStart 10 ; qg:charEnd 20 ;
    qg:assignment <https://w3id.org/qgraph/id/doc/xss-2024/clause/1-1/assignment/1> ,
                  <https://w3id.org/qgraph/id/doc/xss-2024/clause/1-1/assignment/2> .
<https://w3id.org/qgraph/id/jurisdiction/xss/department/a> a qg:Department ;
    rdfs:label "市场监管局{p1}"@zh ; qg:jurisdiction id:jurisdiction\\/xss ; qg:departmentType dt:market-regulation .
<https://w3id.org/qgraph/id/jurisdiction/xss/department/b> a qg:Department ;
    rdfs:label "市{p0}局"@zh ; qg:jurisdiction id:jurisdiction\\/xss ; qg:departmentType dt:quality-supervision .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1/assignment/1> a qg:Assignment ;
    qg:agent <https://w3id.org/qgraph/id/jurisdiction/xss/department/a> ; qg:role qg:Lead ; qg:leadBasis qg:ExplicitLead ; qg:listPosition 1 ;
    qg:sourceText "{p2}" ; qg:charStart 3 ; qg:charEnd 9 .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1/assignment/2> a qg:Assignment ;
    qg:agent <https://w3id.org/qgraph/id/jurisdiction/xss/department/b> ; qg:role qg:Support ; qg:leadBasis qg:Supporting ; qg:listPosition 2 .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1-1/assignment/1> a qg:Assignment ;
    qg:agent <https://w3id.org/qgraph/id/jurisdiction/xss/department/a> ; qg:role qg:Responsible ; qg:leadBasis qg:FirstListed ; qg:listPosition 1 .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1-1/assignment/2> a qg:Assignment ;
    qg:agent <https://w3id.org/qgraph/id/jurisdiction/xss/department/b> ; qg:role qg:Responsible ; qg:leadBasis qg:JointlyResponsible ; qg:listPosition 2 .
<https://w3id.org/qgraph/id/doc/xss-2024/clause/1/target/1> a qg:Target ;
    qg:statedIn <https://w3id.org/qgraph/id/doc/xss-2024/clause/1> ;
    qg:metric "{p0}合格率"@zh ; qg:value 95.0 ; qg:unit "{p1}" .
"""


def _turtle_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@pytest.fixture(scope="session")
def xss_graph(tmp_path_factory) -> Path:
    """A tiny graph whose names and texts are HTML/script payloads (XSS_PAYLOADS), with the ontology and
    taxonomies: the path of its Turtle file. Every payload sets window.__xss if it ever runs."""
    data = _XSS_TURTLE.format(**{f"p{i}": _turtle_string(p) for i, p in enumerate(XSS_PAYLOADS)})
    store = pyoxigraph.Store()
    store.load(data.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    for source in sorted((REPO / "ontology").glob("*.ttl")):
        store.load(path=source, format=pyoxigraph.RdfFormat.TURTLE)
    target = tmp_path_factory.mktemp("xss-graph") / "xss.ttl"
    target.write_bytes(store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph()))
    return target


@pytest.fixture(scope="session")
def visualisations(built_graph, tmp_path_factory) -> Path:
    """`write_visualisations` of the built graph, once per session: the folder of the pages."""
    from qgraph.ask.engine import open_engine
    from qgraph.viz.pages import write_visualisations

    out = tmp_path_factory.mktemp("viz")
    write_visualisations(open_engine(built_graph, None), out)
    return out


@pytest.fixture(scope="session")
def xss_visualisations(xss_graph, tmp_path_factory) -> Path:
    """`write_visualisations` of xss_graph: the folder of the pages."""
    from qgraph.ask.engine import open_engine
    from qgraph.viz.pages import write_visualisations

    out = tmp_path_factory.mktemp("viz-xss")
    write_visualisations(open_engine(xss_graph, None), out)
    return out


@pytest.fixture(scope="session")
def report_dir(built_graph, tmp_path_factory) -> Path:
    """`qgraph report` of the built graph, once per session: the report folder."""
    from qgraph.ask.engine import open_engine
    from qgraph.report import write_report

    out = tmp_path_factory.mktemp("report") / "report"
    write_report(open_engine(built_graph, None), out)
    return out


@pytest.fixture(scope="session")
def xss_report(xss_graph, tmp_path_factory) -> Path:
    """`qgraph report` of xss_graph: the report folder."""
    from qgraph.ask.engine import open_engine
    from qgraph.report import write_report

    out = tmp_path_factory.mktemp("report-xss") / "report"
    write_report(open_engine(xss_graph, None), out)
    return out


@pytest.fixture(scope="session")
def chart_specs():
    """chart_specs(path) → {chart id: figure} as the page hands them to Plotly (parsed from the HTML)."""
    import html as html_module
    import json
    import re

    def parse(path: Path) -> dict[str, dict]:
        text = path.read_text(encoding="utf-8")
        found = re.findall(r'<script type="application/json" class="chart-data" data-chart="([^"]+)">(.*?)</script>',
                           text, re.S)
        return {html_module.unescape(key): json.loads(spec) for key, spec in found}
    return parse


@pytest.fixture(scope="session")
def page_data():
    """page_data(path) → (nodes, edges) as the page hands them to vis.DataSet (parsed from the HTML)."""
    import json
    import re

    def parse(path: Path) -> tuple[list[dict], list[dict]]:
        html = path.read_text(encoding="utf-8")
        found = re.search(r"^var nodes = new vis\.DataSet\((.*)\);\nvar edges = new vis\.DataSet\((.*)\);$",
                          html, re.M)
        assert found, f"{path.name}: no vis.DataSet of nodes and edges"
        return json.loads(found.group(1)), json.loads(found.group(2))
    return parse


@pytest.fixture(scope="session")
def expected_nodes(graph_engine):
    """expected_nodes(page file name) → how many nodes the page must draw, counted with SPARQL."""
    def count(name: str) -> int:
        kind, _, rest = name.removesuffix(".html").partition("-")
        if kind == "jurisdiction":
            j = f"<jurisdiction/{rest}>"
            return sum(int(graph_engine(q)[0]["n"]) for q in (
                f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a qg:PolicyDocument ; qg:jurisdiction {j} }}",
                f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a qg:Clause ; qg:document/qg:jurisdiction {j} }}",
                f"SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?c qg:document/qg:jurisdiction {j} ; qg:assignment/qg:agent ?u }}",
                f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?c a qg:Clause ; qg:document/qg:jurisdiction {j} ; qg:domain ?d }}",
                f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a qg:Target ; qg:statedIn/qg:document/qg:jurisdiction {j} }}"))
        if kind == "collaboration":
            return int(graph_engine(
                f"SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?c qg:document/qg:jurisdiction <jurisdiction/{rest}> ; "
                f"qg:assignment/qg:agent ?u . ?u a qg:Department }}")[0]["n"])
        if kind == "cross":  # a header per jurisdiction, a row per type that leads somewhere, a cell per type present
            current = ("?t dcterms:isReplacedBy* ?now FILTER NOT EXISTS { ?now dcterms:isReplacedBy ?x } "
                       "FILTER(?now != <https://w3id.org/qgraph/department-type/unknown>)")
            leading = ("?c qg:assignment ?a . ?a qg:agent ?u ; qg:leadBasis/qg:countsAsLead true . "
                       "?u a qg:Department ; qg:departmentType ?t . " + current)
            places = graph_engine("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?u a qg:Department ; qg:jurisdiction ?j ; "
                                  "qg:departmentType ?t }")[0]["n"]
            types = graph_engine(f"SELECT (COUNT(DISTINCT ?now) AS ?n) WHERE {{ {leading} }}")[0]["n"]
            cells = graph_engine(f"SELECT (COUNT(DISTINCT CONCAT(STR(?j), STR(?now))) AS ?n) WHERE {{ "
                                 f"?v a qg:Department ; qg:jurisdiction ?j ; qg:departmentType ?t . {current} "
                                 f"FILTER EXISTS {{ {leading.replace('?t', '?t2').replace('?now', '?now')} }} }}")[0]["n"]
            return int(places) + int(types) + int(cells)
        raise ValueError(name)
    return count


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven over the DevTools pipe (tests/browser_check.py); skipped without it."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser_check import CHROMIUM, Browser

    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (the Makefile installs Debian's chromium; CI has it)")
    with Browser() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests save their screenshots: build/screenshots/."""
    folder = REPO / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- the asking side (qgraph/ask: lead, compare) -----------------------------------------------------

@pytest.fixture(scope="session")
def topic_graph(built_graph) -> Path:
    """The built graph, which holds the topic synonyms of rules/topics.yaml as SKOS (scheme qg:Topics)."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(built_graph), format=pyoxigraph.RdfFormat.TURTLE)
    assert store.query("ASK { ?t <http://www.w3.org/2004/02/skos/core#inScheme> "
                       "<https://w3id.org/qgraph/ontology#Topics> }")
    return built_graph


# --- serving the graph (qgraph serve) ----------------------------------------------------------------

@pytest.fixture()
def qgraph_serve(tmp_path):
    """qgraph_serve(graph, port) → a `qgraph serve` process on 127.0.0.1:port, started and answering, with
    its stderr log at process.log; every process started is stopped at the end of the test."""
    started: list[subprocess.Popen] = []

    def start(graph: Path, port: int) -> subprocess.Popen:
        log_path = tmp_path / f"serve-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "qgraph", "serve", "--graph", str(graph),
                                        "--port", str(port)], stdout=subprocess.PIPE, stderr=log)
        process.log = log_path  # type: ignore[attr-defined]
        started.append(process)
        deadline = time.monotonic() + SERVER_START_S
        while "Serving" not in log_path.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None:
                pytest.fail(f"qgraph serve exited with {process.returncode}: {log_path.read_text(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail(f"qgraph serve did not announce itself within {SERVER_START_S:g} s")
            time.sleep(0.05)
        return process

    yield start
    for process in started:   # SIGTERM, as a user's kill would: qgraph stops its server
        if process.poll() is None:
            stop_process(process, timeout=10)

