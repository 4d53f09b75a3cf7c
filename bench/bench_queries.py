"""Every library query, `qgraph lead`, `compare` and `reuse`, each timed from a cold process on a built graph.

    python bench/bench_queries.py [GRAPH] [--repeat N] [--qgraph COMMAND]
    # GRAPH: a built qgraph.ttl (default: build/qgraph.ttl); COMMAND: the qgraph to time (default: this one's)

Each command runs as its own `qgraph` process (start-up, opening the index and the query all counted), N times
(default 1); the table gives the best wall time, its CPU time, the peak memory of that process, the rows of its
answer (CSV; JSON for lead) and its CPU time per row in microseconds, which shows what an answer costs by its
size: the whole country's listings are bound by their rows, not the graph.
Queries that take a document or a jurisdiction are given the graph's first ones (in identifier order), so a
synthetic corpus (bench/synthetic.py) is asked about data it holds.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
QGRAPH = str(Path(sys.executable).with_name("qgraph"))
FIRST = """PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?j WHERE { ?d a qg:PolicyDocument ; dcterms:identifier ?doc ; qg:jurisdiction/dcterms:identifier ?j }
ORDER BY ?doc LIMIT 2"""
COMPARED = "food-sampling-pass-rate"   # the indicator `compare` is timed on
STATING = """PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?j WHERE { ?i skos:notation "INDICATOR" . ?t qg:indicator ?i ; qg:statedIn/qg:document/qg:jurisdiction ?jn .
?jn dcterms:identifier ?j } ORDER BY ?j LIMIT 1""".replace("INDICATOR", COMPARED)


def examples(graph: Path) -> tuple[str, str, str, str]:
    """The first document's id, its jurisdiction's, the second document's jurisdiction, and the first jurisdiction
    (by id) with a target of the indicator compared (or the first's, if none has one)."""
    index = graph.with_name(graph.name + ".index")
    store = ox.Store.read_only(str(index)) if index.is_dir() else ox.Store()
    if not index.is_dir():
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    rows = [(r["doc"].value, r["j"].value) for r in store.query(FIRST)]
    stating = [r["j"].value for r in store.query(STATING)] or [rows[0][1]]
    del store
    return rows[0][0], rows[0][1], rows[-1][1], stating[0]


def commands(graph: Path) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every command timed."""
    doc, place, other, stating = examples(graph)
    params = {"clause-tree": ["--param", f"doc_id={doc}"],
              "targets-of-jurisdiction": ["--param", f"jurisdiction_id={place}"],
              "reuse-between-jurisdictions": ["--param", f"later_id={place}", "--param", f"earlier_id={other}"]}
    names = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
    found = [(f"query {n}", ["query", n, *params.get(n, [])]) for n in names]
    found += [("lead 食品安全", ["lead", "食品安全"]), ("lead 产品质量", ["lead", "产品质量"]),
              ("lead 食品安全 --summary", ["lead", "食品安全", "--summary"]),
              ("lead 产品质量 --summary", ["lead", "产品质量", "--summary"]),
              ("lead 产品质量 --limit 100", ["lead", "产品质量", "--limit", "100"]),
              (f"lead 品牌 --city {place}", ["lead", "品牌", "--city", place]),
              ("lead 首席质量官 (no topic: texts read)", ["lead", "首席质量官"]),
              (f"compare {COMPARED}", ["compare", COMPARED]),
              (f"compare … --city {stating}", ["compare", COMPARED, "--city", stating]),
              (f"reuse {doc}", ["reuse", doc])]
    return found


def run(args: list[str], graph: Path, qgraph: str = QGRAPH,
        timeout: float = 120) -> tuple[float, float, int, int, int]:
    """Wall seconds, CPU seconds (user and system: what a busy machine changes least), peak memory (MB), rows of
    the answer and exit code of one cold `qgraph` process (killed after ``timeout`` seconds: exit -9)."""
    with tempfile.NamedTemporaryFile() as out:
        started = time.perf_counter()
        fmt = "json" if args[0] == "lead" else "csv"    # lead prints a table or JSON
        process = subprocess.Popen([qgraph, *args, "--graph", str(graph), "--format", fmt], stdout=out,
                                   stderr=subprocess.DEVNULL)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        rows = count_rows(Path(out.name), fmt) if process.returncode == 0 else 0
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, rows, process.returncode


def answer_rows(written: bytes, fmt: str) -> int:
    r"""The rows of an answer as written: a JSON list's items, a CSV's records after its header (a field may hold a
    line break, so lines are not rows).

    >>> answer_rows('[{"a": 1}, {"a": 2}]'.encode(), "json"), answer_rows(b'a,b\r\n1,"x\ny"\r\n', "csv")
    (2, 1)
    """
    text = written.decode("utf-8-sig")
    return len(json.loads(text)) if fmt == "json" else max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)


def count_rows(path: Path, fmt: str) -> int:
    """:func:`answer_rows` of a file, counted in a process of its own: a JSON answer read here would grow this
    process, and a child forked from it starts with its size as its peak memory."""
    script = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from bench_queries import answer_rows; "
              f"print(answer_rows(open({str(path)!r}, 'rb').read(), {fmt!r}))")
    return int(subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout)


def per_row(cpu: float, rows: int) -> str:
    """CPU microseconds a row, or a dash for an answer of no row."""
    return f"{cpu / rows * 1e6:.0f}" if rows else "–"


def main() -> None:
    """Time every command and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, default=REPO / "build" / "qgraph.ttl")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=(), help="time only the commands whose name holds one of these")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a command is stopped")
    parser.add_argument("--qgraph", default=QGRAPH, help="the qgraph command to time (e.g. another checkout's)")
    options = parser.parse_args()
    print(f"{'command':60} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'rows':>8} {'µs a row':>9}", flush=True)
    for name, args in commands(options.graph):
        if options.only and not any(text in name for text in options.only):
            continue
        seconds, cpu, peak, rows, code = min(run(args, options.graph, options.qgraph, options.timeout)
                                             for _ in range(options.repeat))
        print(f"{name:60} {seconds:8.2f} {cpu:7.2f} {peak:8d} {rows:8d} {per_row(cpu, rows):>9}"
              f"{'' if code == 0 else f'  (exit {code})'}", flush=True)


if __name__ == "__main__":
    main()
