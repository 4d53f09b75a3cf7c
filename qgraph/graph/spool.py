"""N-Triples lines gathered in any order and read back sorted as bytes, each once: an external merge sort.

A national corpus's reuse is millions of triples, more than a build may hold; they are sorted here a run at a
time in memory, each run spilled to a temporary file, and the runs merged as they are read. For N-Triples
lines the order of their bytes is the order of their text (UTF-8 keeps code point order), so the lines come
out in the order :func:`~qgraph.graph.export.sort_triples` puts the triples in.

>>> lines = SortedLines(run_bytes=16)
>>> lines.add(b"<c> <p> 3 .\\n<a> <p> 1 .\\n")
>>> lines.add(b"<b> <p> 2 .\\n<a> <p> 1 .\\n")
>>> b"".join(lines)
b'<a> <p> 1 .\\n<b> <p> 2 .\\n<c> <p> 3 .\\n'
"""
from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator
from typing import IO


class SortedLines:
    """Lines (each ending in a newline) gathered with :meth:`add`, iterated once in byte order without
    repeats; at most ``run_bytes`` of them are held before a sorted run goes to a temporary file."""

    RUN_BYTES = 16 << 20   # two spools live at once in a build; runs merge as they are read

    def __init__(self, run_bytes: int = RUN_BYTES) -> None:
        self.run_bytes = run_bytes
        self.lines: list[bytes] = []
        self.size = 0
        self.runs: list[IO[bytes]] = []

    def add(self, data: bytes) -> None:
        """Lines to sort: a block of whole lines, each ending in a newline."""
        if data:
            if not data.endswith(b"\n"):
                raise ValueError("SortedLines.add takes whole lines, each ending in a newline")
            # split at newlines only (bytes.splitlines would split at a carriage return too)
            self.lines += data.splitlines(keepends=True) if b"\r" not in data else \
                [line + b"\n" for line in data[:-1].split(b"\n")]
            self.size += len(data)
            if self.size >= self.run_bytes:
                self._spill()

    def _spill(self) -> None:
        run = tempfile.TemporaryFile()  # noqa: SIM115  (closed once merged; gone with the process)
        run.writelines(_unique(sorted(self.lines)))
        run.seek(0)
        self.runs.append(run)
        self.lines, self.size = [], 0

    def __iter__(self) -> Iterator[bytes]:
        """The lines in byte order, each once (the sort can be read once)."""
        if not self.runs:
            lines, self.lines, self.size = self.lines, [], 0
            yield from _unique(sorted(lines))
            return
        self._spill()
        try:
            yield from _unique(heapq.merge(*self.runs))
        finally:
            for run in self.runs:
                run.close()
            self.runs = []


def _unique(lines: Iterator[bytes] | list[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line
