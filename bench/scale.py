"""Scale run: a synthetic corpus of N varied documents (bench/synthetic.py) built and asked.

    python bench/scale.py [N] [--scheduler tcp://HOST:PORT] [--keep DIR]
    # `make bench` 1,000; `make bench-national` 10,000; --keep: the corpus and the build stay in DIR

Prints the build's wall time and peak memory (the resident memory of the `qgraph build` process and
all its workers together, sampled every 0.2 s), when each corpus-wide stage of the build started
(bench/build_stages.py), the graph file's and the index's size, and the time of every command
bench/bench_queries.py times (each library query, `lead`, `compare`, `reuse`), each as a whole cold
`qgraph` process (start to last row).
"""
from __future__ import annotations

import contextlib
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
        with contextlib.suppress(psutil.Error):   # a worker that ended meanwhile
            total += p.memory_info().rss
    return total


def run_build(data: Path, out: Path, extra: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system, the build and its workers), peak resident bytes of
    the process tree, and the build's last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(REPO / "bench" / "build_stages.py"), str(data), str(out), *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
    lines = stderr.decode().splitlines()
    stages = " · ".join(line.removeprefix("stage ") for line in lines if line.startswith("stage "))
    print(f"stages (each starts at): {stages}", flush=True)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, peak, stdout.decode().strip()


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(count: int, extra: list[str], keep: Path | None) -> None:
    from bench_queries import commands, per_row, run
    from synthetic import make_corpus

    with tempfile.TemporaryDirectory(prefix="qgraph-scale-") as tmp:
        folder = keep or Path(tmp)
        started = time.perf_counter()
        manifest = make_corpus(folder / "corpus", count)
        print(f"corpus: {count} documents written in {time.perf_counter() - started:.0f} s", flush=True)
        load = os.getloadavg()[0]
        seconds, cpu, peak, line = run_build(manifest.parent, folder / "out", extra)
        graph = folder / "out" / "qgraph.ttl"
        print(line)
        print(f"build: {seconds:.0f} s wall, {cpu:.0f} s CPU ({cpu / count * 1000:.0f} ms a document), peak memory "
              f"{peak / 2**30:.2f} GiB = {peak / 1e9:.2f} GB (process tree), graph {size(graph) / 1e6:.0f} MB of "
              f"Turtle, index {size(graph.with_name(graph.name + '.index')) / 1e6:.0f} MB; load average {load:.1f} at "
              f"the start, "
              f"{os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} cores", flush=True)
        print("| command (cold `qgraph` process) | seconds | CPU s | peak MB | rows | µs a row |\n"
              "|---|---|---|---|---|---|")
        for name, args in commands(graph):
            wall, used, memory, rows, code = run(args, graph)
            print(f"| {name} | {wall:.2f} | {used:.2f} | {memory} | {rows}{'' if code == 0 else f' (exit {code})'} | "
                  f"{per_row(used, rows)} |", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    kept = Path(arguments.pop(arguments.index("--keep") + 1)) if "--keep" in arguments else None
    if kept:
        arguments.remove("--keep")
    number = int(arguments.pop(0)) if arguments and arguments[0].isdigit() else 1000
    main(number, arguments, kept)
