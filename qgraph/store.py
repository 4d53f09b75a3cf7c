"""Opening a built graph file as an Oxigraph store: its on-disk index while it matches the file, else
the file loaded into memory; a missing, unknown or broken file is one InputError line.

Shared by the asking side and the checks, so that neither imports the other.

>>> from qgraph.resources import resource_path
>>> len(open_store(resource_path("ontology", "domains.ttl"))) > 0
True
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from qgraph.errors import InputError
from qgraph.files import index_for


def open_store(path: Path) -> ox.Store:
    """The graph file's store: its build index (read-only) while it matches, else the file bulk-loaded."""
    fmt = graph_format(path)
    index = index_for(path)
    if index is not None:
        return ox.Store.read_only(str(index))
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise unparsable(path, oxigraph_parse_detail(exc), exc.lineno) from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    return store


GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


def graph_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a graph file, from its extension; the file must exist.

    >>> from qgraph.resources import resource_path
    >>> graph_format(resource_path("ontology", "qgraph.ttl")).name
    'Turtle'
    """
    if not path.exists():
        raise not_found(path)
    if path.suffix not in GRAPH_FORMATS:
        raise InputError("QG123", f"cannot read the graph: unknown extension '{path.suffix}' "
                                  f"(expected {', '.join(GRAPH_FORMATS)})", path=path)
    return GRAPH_FORMATS[path.suffix]


_OX_PARSE_POSITION = re.compile(r"^Parser error at line \d+ (between columns \d+ and \d+|column \d+): ")


def not_found(path: Path) -> InputError:
    """The error for a graph file that does not exist."""
    return InputError("QG120", "graph file not found (run `qgraph build` first)", path=path)


def unreadable(path: Path, exc: OSError) -> InputError:
    """The error for a graph file that exists but cannot be read."""
    if isinstance(exc, FileNotFoundError):
        return not_found(path)
    return InputError("QG124", f"cannot read the graph: {exc.strerror or exc}", path=path)


def unparsable(path: Path, detail: str, line: int | None) -> InputError:
    """The error for a graph file that is not valid RDF, with the line where known."""
    return InputError("QG121", f"cannot parse the graph: {shorten(detail)}", path=path, line=line)


def oxigraph_parse_detail(exc: SyntaxError) -> str:
    """Oxigraph's parse message without its position prefix (the line is reported apart)."""
    return _OX_PARSE_POSITION.sub("", str(exc.msg))


def shorten(detail: str, limit: int = 120) -> str:
    """One line of a parser's message; long lists of expected tokens cut at a comma."""
    line = " ".join(detail.split())
    if len(line) <= limit:
        return line
    cut = line.rfind(", ", 0, limit)
    return line[:cut if cut > 0 else limit] + ", …"
