"""Every library query, `qgraph lead`, `compare` and `reuse`, each timed from a cold process on a built graph.

    python bench/bench_queries.py [GRAPH] [--repeat N] [--qgraph COMMAND]
    # GRAPH: a built qgraph.ttl (default: build/qgraph.ttl); COMMAND: the qgraph to time (default: this one's)

Each command runs as its own `qgraph` process (start-up, opening the index and the query all counted), N times
(default 1); the table gives the best wall time, its CPU time, the peak memory of that process and the lines
it wrote (CSV; JSON for lead).
Queries that take a document or a jurisdiction are given the graph's first ones (in identifier order), so a
synthetic corpus (bench/synthetic.py) is asked about data it holds.
"""
from __future__ import annotations

import argparse
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


def examples(graph: Path) -> tuple[str, str, str]:
    """The first document's id, its jurisdiction's, and the second document's jurisdiction."""
    index = graph.with_name(graph.name + ".index")
    store = ox.Store.read_only(str(index)) if index.is_dir() else ox.Store()
    if not index.is_dir():
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    rows = [(r["doc"].value, r["j"].value) for r in store.query(FIRST)]
    del store
    return rows[0][0], rows[0][1], rows[-1][1]


def commands(graph: Path) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every command timed."""
    doc, place, other = examples(graph)
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
              ("compare food-sampling-pass-rate", ["compare", "food-sampling-pass-rate"]),
              (f"compare … --city {place}", ["compare", "food-sampling-pass-rate", "--city", place]),
              (f"reuse {doc}", ["reuse", doc])]
    return found


def run(args: list[str], graph: Path, qgraph: str = QGRAPH,
        timeout: float = 120) -> tuple[float, float, int, int, int]:
    """Wall seconds, CPU seconds (user and system: what a busy machine changes least), peak memory (MB), lines
    written and exit code of one cold `qgraph` process (killed after ``timeout`` seconds: exit -9)."""
    with tempfile.TemporaryFile() as out:
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
        out.seek(0)
        lines = out.read().count(b"\n")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, lines, process.returncode


def main() -> None:
    """Time every command and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, default=REPO / "build" / "qgraph.ttl")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=(), help="time only the commands whose name holds one of these")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a command is stopped")
    parser.add_argument("--qgraph", default=QGRAPH, help="the qgraph command to time (e.g. another checkout's)")
    options = parser.parse_args()
    print(f"{'command':60} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} {'lines':>7}", flush=True)
    for name, args in commands(options.graph):
        if options.only and not any(text in name for text in options.only):
            continue
        seconds, cpu, peak, lines, code = min(run(args, options.graph, options.qgraph, options.timeout)
                                              for _ in range(options.repeat))
        print(f"{name:60} {seconds:8.2f} {cpu:7.2f} {peak:8d} {lines:7d}{'' if code == 0 else f'  (exit {code})'}",
              flush=True)


if __name__ == "__main__":
    main()
