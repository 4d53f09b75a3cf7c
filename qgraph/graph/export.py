"""Writing the built graph: deterministic Turtle, N-Triples or JSON-LD, written atomically.

The ontology part is serialised by rdflib (nested blank nodes read well, and blank nodes are
relabelled by content so the bytes never change); each document's triples are sorted and
serialised by pyoxigraph, which is fast. The blocks are joined in manifest order under one
prefix header. A build writes a temporary file beside the target and renames it at the end,
so a failed build leaves the previous graph in place.

>>> block = data_block([Triple(QG.a, QG.b, literal(1))], "ttl")
>>> block.decode()
'qg:a qg:b 1 .\\n'
"""
from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nt import _nt_row  # one triple as an N-Triples line

from qgraph.vocab import PREFIXES, QG, Triple, literal  # noqa: F401  (QG, literal: doctest)

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}


def sort_triples(triples: Iterable[Triple]) -> list[Triple]:
    """The triples, each once, in a fixed order (their N-Triples text)."""
    return sorted(set(triples), key=str)


def data_block(triples: Iterable[Triple], fmt: str, ordered: bool = False) -> bytes:
    """Triples (sorted here, unless ``ordered`` says :func:`sort_triples` did it) in ``fmt``, without the
    prefix header: a block to join."""
    data = ox.serialize(triples if ordered else sort_triples(triples), format=FORMATS[fmt],
                        prefixes=_PREFIXES if fmt == "ttl" else None) or b""
    if fmt == "ttl":
        lines = data.split(b"\n")
        start = 0
        while start < len(lines) and lines[start].startswith(b"@prefix"):
            start += 1
        data = b"\n".join(lines[start:])
    return data


def _canonical_triples(graph: Graph) -> list[tuple]:
    """An rdflib graph's triples, blank nodes labelled by content, sorted."""
    with_blanks = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    triples = set(graph) - set(with_blanks)
    if with_blanks:
        blank_part = Graph()
        for triple in with_blanks:
            blank_part.add(triple)
        triples |= set(to_canonical_graph(blank_part))
    return sorted(triples, key=_nt_row)


def _json_value(term) -> dict:
    if isinstance(term, Literal):
        value: dict = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype:
            value["@type"] = str(term.datatype)
        return value
    return {"@id": term.n3() if isinstance(term, BNode) else str(term)}


def ontology_block(graph: Graph, fmt: str) -> bytes:
    """The ontology and taxonomies: deterministic whatever the process's hash seed."""
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8")  # rdflib sorts subjects and predicates
    triples = _canonical_triples(graph)
    if fmt == "nt":
        return "".join(_nt_row(t) for t in triples).encode("utf-8")
    nodes: dict[str, dict] = {}
    for subject, predicate, obj in triples:
        key = subject.n3() if isinstance(subject, BNode) else str(subject)
        node = nodes.setdefault(key, {"@id": key})
        if predicate == RDF.type and not isinstance(obj, Literal):
            node.setdefault("@type", []).append(str(obj))
        else:
            node.setdefault(str(predicate), []).append(_json_value(obj))
    return json.dumps(list(nodes.values()), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def assemble(blocks: Iterable[bytes], fmt: str) -> bytes:
    """One file from blocks: a prefix header for Turtle, one array for JSON-LD (in memory; a build
    streams them through :class:`GraphWriter`, which writes the same bytes)."""
    parts = [b.strip() for b in blocks if b.strip()]
    if fmt == "ttl":
        prefixes = {f"@prefix {p}: <{ns}> .".encode() for p, ns in _PREFIXES.items()}
        bodies = []
        for part in parts:  # a block may declare prefixes of its own (the ontology's vann:, …)
            lines = part.split(b"\n")
            prefixes.update(line.strip() for line in lines if line.startswith(b"@prefix"))
            bodies.append(b"\n".join(line for line in lines if not line.startswith(b"@prefix")).strip())
        return b"\n".join(sorted(prefixes)) + b"\n\n" + b"\n\n".join(bodies) + b"\n"
    if fmt == "nt":
        return b"\n".join(parts) + b"\n"
    items = [p[1:-1].strip() for p in parts]  # each block is a JSON array
    return b"[" + b",\n".join(i for i in items if i) + b"]\n"


_SEPARATORS = {"ttl": b"\n\n", "nt": b"\n", "jsonld": b",\n"}


class GraphWriter:
    """The blocks of a graph file as they come, spooled to a temporary file, then written out with
    blocks known only at the end before and after them: the bytes of :func:`assemble` over the same
    blocks, without holding them all.

    >>> blocks = [data_block([Triple(QG.a, QG.b, literal(n))], "ttl") for n in (1, 2, 3)]
    >>> import io; out = io.BytesIO(); writer = GraphWriter("ttl"); writer.add(blocks[1])
    >>> writer.write(out, head=[blocks[0]], tail=[blocks[2]]); out.getvalue() == assemble(blocks, "ttl")
    True
    """

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by write; gone with the process)
        self.prefixes: set[bytes] = {f"@prefix {p}: <{ns}> .".encode() for p, ns in _PREFIXES.items()}
        self.empty = True

    def _piece(self, block: bytes | IO[bytes]) -> bytes | _Region | None:
        if not isinstance(block, bytes):
            return self._region(block)
        part = block.strip()
        if self.fmt == "ttl":
            while part.startswith(b"@prefix"):   # a block may declare prefixes of its own (the ontology's vann:, …)
                end = part.find(b"\n")
                end = len(part) if end < 0 else end
                self.prefixes.add(part[:end].strip())
                part = part[end:].lstrip()
        elif self.fmt == "jsonld":
            part = part[1:-1].strip()
        return part or None

    def _region(self, block: IO[bytes]) -> _Region | None:
        """The piece of a block in a file (:func:`block_file`), without reading it all: after its prefixes
        and blank space, before its blank space (and for JSON-LD, inside its brackets)."""
        block.seek(0)
        start = 0
        line = block.readline()
        while self.fmt == "ttl" and line.startswith(b"@prefix"):
            self.prefixes.add(line.strip())
            start += len(line)
            line = block.readline()
        start, end = _stripped(block, start, block.seek(0, io.SEEK_END))
        if self.fmt == "jsonld" and end > start:
            start, end = _stripped(block, start + 1, end - 1)   # inside [ … ]
        return _Region(block, start, end) if end > start else None

    def add(self, block: bytes) -> None:
        """A block for the middle of the file, in its place."""
        piece = self._piece(block)
        if isinstance(piece, bytes):
            self.spool.write(piece if self.empty else _SEPARATORS[self.fmt] + piece)
            self.empty = False

    def write(self, out: BinaryIO, head: Sequence[bytes | IO[bytes]] = (),
              tail: Sequence[bytes | IO[bytes]] = ()) -> None:
        """The file: ``head``, the blocks added, ``tail``; a block is bytes, or a file :func:`block_file` wrote."""
        first = [p for p in map(self._piece, head) if p is not None]
        last = [p for p in map(self._piece, tail) if p is not None]
        if self.fmt == "ttl":
            out.write(b"\n".join(sorted(self.prefixes)) + b"\n\n")
        elif self.fmt == "jsonld":
            out.write(b"[")
        separator = _SEPARATORS[self.fmt]
        middle = [] if self.empty else [_Region(self.spool, 0, self.spool.seek(0, io.SEEK_END))]
        for n, piece in enumerate(first + middle + last):
            out.write(separator if n else b"")
            if isinstance(piece, bytes):
                out.write(piece)
            else:
                piece.copy_to(out)
        out.write(b"]\n" if self.fmt == "jsonld" else b"\n")
        self.spool.close()


@dataclass(frozen=True)
class _Region:
    """Bytes [start, end) of a file."""

    file: IO[bytes]
    start: int
    end: int

    def copy_to(self, out: BinaryIO) -> None:
        self.file.seek(self.start)
        left = self.end - self.start
        while left > 0:
            chunk = self.file.read(min(left, 1 << 20))
            if not chunk:
                raise OSError("a block file ended early")
            out.write(chunk)
            left -= len(chunk)


def _stripped(block: IO[bytes], start: int, end: int) -> tuple[int, int]:
    """[start, end) of a file without the blank space at either end."""
    while start < end:
        block.seek(start)
        chunk = block.read(min(end - start, 4096))
        start += len(chunk) - len(chunk.lstrip())
        if chunk.lstrip():
            break
    while end > start:
        block.seek(max(start, end - 4096))
        chunk = block.read(end - max(start, end - 4096))
        end -= len(chunk) - len(chunk.rstrip())
        if chunk.rstrip():
            break
    return start, end


def block_file(lines: Iterable[bytes], fmt: str) -> IO[bytes]:
    """The triples of N-Triples lines, given sorted and each once (a :class:`~qgraph.graph.spool.SortedLines`),
    serialised in ``fmt`` into a temporary file, streamed: the bytes :func:`data_block` makes of the same
    triples, prefix header included, for :meth:`GraphWriter.write` to copy.

    >>> triples = [Triple(QG.a, QG.b, literal(n)) for n in (1, 2)]
    >>> lines = data_block(triples, "nt").splitlines(keepends=True)
    >>> block_file(lines, "ttl").read() == ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    True
    """
    out = tempfile.TemporaryFile()  # noqa: SIM115  (closed with the process; the caller copies it)
    if fmt == "nt":
        out.writelines(lines)
    else:
        with tempfile.TemporaryFile() as ntriples:
            ntriples.writelines(lines)
            ntriples.seek(0)
            parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)   # quads of the default graph
            ox.serialize(parsed, out, FORMATS[fmt], prefixes=_PREFIXES if fmt == "ttl" else None)
    out.seek(0)
    return out
