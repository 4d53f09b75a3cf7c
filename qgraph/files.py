"""Files qgraph writes and finds: every output written atomically, and the query index beside a graph.

A build writes ``qgraph.ttl`` and ``qgraph.ttl.index/`` (an on-disk Oxigraph store); the index records
the size and modification time of the file it was built with, and is used only while they still match
(an edited or copied graph file is loaded afresh).

>>> index_for(Path("no/such/graph.ttl")) is None
True
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

STAMP = "qgraph-index.json"


def index_path(graph: Path) -> Path:
    """Where the query index of a graph file lives: beside it, ``NAME.index``."""
    return graph.with_name(graph.name + ".index")


def stamp(graph: Path) -> dict[str, Any]:
    """What an index records of the graph file it was built with."""
    status = graph.stat()
    return {"graph": graph.name, "size": status.st_size, "mtime_ns": status.st_mtime_ns}


def index_for(graph: Path) -> Path | None:
    """The index of ``graph`` when it exists and was built from the file as it is now."""
    index = index_path(graph)
    try:
        recorded = json.loads((index / STAMP).read_text(encoding="utf-8"))
        return index if recorded == stamp(graph) else None
    except (OSError, ValueError):
        return None


@contextmanager
def open_atomically(target: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``target`` through: a temporary file in the same folder, renamed onto
    ``target`` when the block ends, removed when it raises."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; a graph is for sharing
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(data: bytes, target: Path) -> Path:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename."""
    with open_atomically(target) as out:
        out.write(data)
    return target
