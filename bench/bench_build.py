"""Build and query benchmarks: the bundled corpus (5 documents) and a synthetic one of 1,000.

Reports, for each corpus: the build's wall time and peak memory (a `qgraph build` process and
its workers), the query-engine load time, each library query's time on pyoxigraph and on
rdflib (same process, after loading), and each library query as a user waits for it: a whole
`qgraph query` process on the default engine, from start to last row.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def run_build(data: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a `qgraph build` process (and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qgraph.cli", "build", "--data", str(data), "--out", str(out), "-q"],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


skip_rdflib: set[str] = set()


def query_table(graph: Path, with_rdflib: bool) -> list[str]:
    from qgraph.ask.engine import OxigraphEngine, RdflibEngine
    from qgraph.ask.library import library

    load_ox, oxigraph = timed(lambda: OxigraphEngine(graph))
    rows = [f"| engine load (index or file) | {load_ox:.3f} s | "]
    if with_rdflib:
        load_rdf, rdf = timed(lambda: RdflibEngine(graph))
        rows[0] += f"{load_rdf:.2f} s | |"
    else:
        rows[0] += "not run | |"
    for query in library():
        ox_time, _ = timed(lambda q=query: oxigraph.select(q.text, q.name))
        if with_rdflib and query.name not in skip_rdflib:
            rdf_time = timed(lambda q=query: rdf.select(q.text, q.name))[0]
            rdf_cell = f"{rdf_time:.3f} s"
            if rdf_time > 1.0:
                skip_rdflib.add(query.name)  # grows with the corpus: not run again on the larger one
        else:
            rdf_cell = "not run" if not with_rdflib else "not run (over 1 s on the small corpus)"
        process, _ = timed(lambda q=query: subprocess.run(
            [sys.executable, "-m", "qgraph.cli", "query", q.name, "--graph", str(graph), "--format", "csv"],
            check=True, stdout=subprocess.DEVNULL))
        rows.append(f"| {query.name} | {ox_time:.3f} s | {rdf_cell} | {process:.2f} s |")
    for topic in ("食品安全", "产品质量", "品牌"):
        process, _ = timed(lambda t=topic: subprocess.run(
            [sys.executable, "-m", "qgraph.cli", "lead", t, "--graph", str(graph)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        rows.append(f"| `qgraph lead {topic}` | | | {process:.2f} s |")
    return rows


def main() -> None:
    from synthetic import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        synthetic = make_corpus(tmp_path / "synthetic", 1000).parent
        # rdflib takes minutes only to parse the 1,000-document graph (31 s at 606k triples, before
        # departments and targets): it is measured on the bundled corpus only.
        for label, data, with_rdflib in (("5 documents (bundled)", REPO / "data", True),
                                         ("1,000 documents (synthetic)", synthetic, False)):
            out = tmp_path / f"build-{len(label)}"
            seconds, peak = run_build(data, out)
            graph = out / "qgraph.ttl"
            print(f"\n### {label}: build {seconds:.1f} s, peak memory {peak:.0f} MB, "
                  f"{graph.stat().st_size / 1e6:.1f} MB of Turtle\n")
            print("| query | pyoxigraph | rdflib | `qgraph query` process (default engine) |")
            print("|---|---|---|---|")
            print("\n".join(query_table(graph, with_rdflib)))


if __name__ == "__main__":
    main()
