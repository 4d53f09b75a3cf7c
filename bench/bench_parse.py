"""Parse throughput: KB of source per second through read → normalise → segment, next to the
time OpenCC (t2s) plus jieba alone take over the same text, and the whole `qgraph parse` process."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def best_of(n: int, function) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from qgraph.pipeline import parse_document
    from qgraph.text.manifest import load_manifest
    from qgraph.text.normalise import to_simplified

    specs = load_manifest(REPO / "data" / "documents.yaml")
    size_kb = sum(s.path.stat().st_size for s in specs) / 1024
    texts = [s.path.read_text(encoding="utf-8") for s in specs]
    parse_document(specs[0])  # load OpenCC and the rules once, as a long run would
    parse = best_of(5, lambda: [parse_document(s) for s in specs])

    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    baseline = best_of(5, lambda: [jieba.lcut(to_simplified(t)) for t in texts])

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qgraph.cli", "parse", "--format", "csv"], check=True,
                   stdout=subprocess.DEVNULL, cwd=REPO)
    process = time.perf_counter() - start

    print(f"parse: {size_kb:.1f} KB of source in 5 documents")
    print(f"  read+normalise+segment  {parse * 1000:8.1f} ms   {size_kb / parse:8.0f} KB/s")
    print(f"  OpenCC t2s + jieba only {baseline * 1000:8.1f} ms   {size_kb / baseline:8.0f} KB/s")
    print(f"  `qgraph parse` process  {process * 1000:8.1f} ms   (start to last row)")


if __name__ == "__main__":
    main()
