"""Text reuse at scale: find_reuse over the 1,000-document synthetic corpus (bench/synthetic.py).

    python bench/bench_reuse.py [N]     # N documents, default 1000; the target is under 2 minutes

The five bundled texts are replicated, so each clause has up to N/5 identical copies: find_reuse
aligns one representative per group of identical clauses and reports a star (every copy points to
the earliest clause holding the passage), not the quadratic clique of identical pairs.
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def main(count: int = 1000) -> None:
    from synthetic import make_corpus

    from qgraph.graph.reuse import find_reuse, summarise
    from qgraph.pipeline import parse_corpus

    with tempfile.TemporaryDirectory() as folder:
        manifest = make_corpus(Path(folder), count)
        start = time.perf_counter()
        documents = parse_corpus(manifest)
        parsed = time.perf_counter() - start
    clauses = sum(len(d.clauses) for d in documents)
    start = time.perf_counter()
    found = find_reuse(documents)
    seconds = time.perf_counter() - start
    rows = summarise(found, documents)
    print(f"reuse: {count} documents, {clauses} clauses (parsed in {parsed:.1f} s)")
    print(f"  find_reuse   {seconds:8.1f} s   {len(found)} passages, "
          f"{sum(r.boilerplate for r in found)} boilerplate, {len(rows)} document pairs")
    print(f"  passages per later document: {sorted(Counter(r.later_doc for r in found).values())[-1]} at most")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
