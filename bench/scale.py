"""Scale run: a synthetic corpus of N varied documents (bench/synthetic.py) built and asked.

    python bench/scale.py [N] [--scheduler tcp://HOST:PORT]   # `make bench` 1,000; `make bench-national` 10,000

Prints the build's wall time and peak memory (the resident memory of the `qgraph build` process and
all its workers together, sampled every 0.2 s), the graph file's and the index's size, and the time
of each library query and of `qgraph lead`, each as a whole cold `qgraph` process (start to last row).
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def tree_rss(process: psutil.Process) -> int:
    """Bytes resident in a process and its descendants."""
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_build(data: Path, out: Path, extra: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system, the build and its workers), peak resident bytes of
    the process tree, and the build's last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "qgraph.cli", "build", "--data", str(data), "--out", str(out),
                              "-q", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(watched))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    stdout, stderr = child.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode:
        sys.exit(f"build failed ({child.returncode}): {stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, peak, stdout.decode().strip()


def cold(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qgraph.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(count: int, extra: list[str]) -> None:
    from synthetic import make_corpus

    from qgraph.ask.library import library

    with tempfile.TemporaryDirectory(prefix="qgraph-scale-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        manifest = make_corpus(folder / "corpus", count)
        print(f"corpus: {count} documents written in {time.perf_counter() - started:.0f} s", flush=True)
        load = os.getloadavg()[0]
        seconds, cpu, peak, line = run_build(manifest.parent, folder / "out", extra)
        graph = folder / "out" / "qgraph.ttl"
        print(line)
        print(f"build: {seconds:.0f} s wall, {cpu:.0f} s CPU ({cpu / count * 1000:.0f} ms a document), peak memory {peak / 2**30:.2f} GB "
              f"(process tree), graph {size(graph) / 1e6:.0f} MB of Turtle, index "
              f"{size(graph.with_name(graph.name + '.index')) / 1e6:.0f} MB; load average {load:.1f} at the start, "
              f"{os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} cores", flush=True)
        print("| question (cold `qgraph` process) | seconds |\n|---|---|")
        for query in library():
            print(f"| query {query.name} | {cold(['query', query.name, '--graph', str(graph), '--format', 'csv']):.2f} |",
                  flush=True)
        for topic in ("食品安全", "产品质量", "品牌"):
            print(f"| lead {topic} | {cold(['lead', topic, '--graph', str(graph)]):.2f} |", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    number = int(arguments.pop(0)) if arguments and arguments[0].isdigit() else 1000
    main(number, arguments)
