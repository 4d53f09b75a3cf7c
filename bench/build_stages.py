"""`qgraph build`, as the bench times it, with the time each stage of the build ends at on stderr.

    python bench/build_stages.py DATA_DIR OUT_DIR [--scheduler tcp://HOST:PORT]

The same work as ``qgraph build --data DATA_DIR --out OUT_DIR -q`` (the public API the command is a layer over),
plus one stderr line per stage of the whole corpus — ``stage reuse 54.0 s`` — counted from process start, so
a scale run can say where the time goes. Prints the build's summary line on stdout.
"""
from __future__ import annotations

import sys
import time

STARTED = time.perf_counter()   # before qgraph is imported: what a user waits for includes start-up


def main(arguments: list[str]) -> None:
    """Build DATA_DIR (its documents.yaml) into OUT_DIR, telling each corpus-wide stage as it starts."""
    from pathlib import Path

    import qgraph

    scheduler = arguments[arguments.index("--scheduler") + 1] if "--scheduler" in arguments else None
    data, out = Path(arguments[0]), Path(arguments[1])

    def note(doc: str, stage: str) -> None:
        if doc == "all":
            print(f"stage {stage} {time.perf_counter() - STARTED:.1f} s", file=sys.stderr, flush=True)

    report = qgraph.build(data, out, progress=note, scheduler=scheduler)
    print(f"stage end {time.perf_counter() - STARTED:.1f} s", file=sys.stderr, flush=True)
    print(f"Wrote {report.path}: {report.documents} documents, {report.clauses} clauses, {report.departments} "
          f"departments, {report.triples} triples in {report.seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
