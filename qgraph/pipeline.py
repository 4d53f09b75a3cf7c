"""The whole job, top to bottom: read → normalise → segment → (extract → graph → validate).

>>> parsed = parse_corpus(repo_data_dir() / "documents.yaml")
>>> [(p.spec.id, len(p.clauses)) for p in parsed][:2]
[('hefei-2021', 34), ('huairen-2023', 57)]
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .manifest import DocumentSpec, load_manifest
from .normalise import NormalisedText, normalise
from .read import read_source
from .resources import repo_data_dir  # noqa: F401  (doctest)
from .segment import Clause, segment

Progress = Callable[[str, str], None]  # (document id, stage)


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document after the text stages: its manifest entry, normalised text and parts."""

    spec: DocumentSpec
    text: NormalisedText
    clauses: tuple[Clause, ...]


def parse_document(spec: DocumentSpec, progress: Progress | None = None) -> ParsedDocument:
    """Read, normalise and segment one document."""
    note = progress or (lambda _doc, _stage: None)
    note(spec.id, "read")
    source = read_source(spec.id, spec.path)
    note(spec.id, "normalise")
    text = normalise(source, spec.corrections, spec.script)
    note(spec.id, "segment")
    return ParsedDocument(spec, text, segment(text))


def parse_corpus(manifest: Path, only: str | None = None,
                 progress: Progress | None = None) -> tuple[ParsedDocument, ...]:
    """Every document of a manifest (or only the one with id ``only``), parsed."""
    specs = load_manifest(manifest)
    if only is not None:
        specs = tuple(s for s in specs if s.id == only)
        if not specs:
            from .errors import InputError
            raise InputError("QG107", f"no document with id '{only}'", path=manifest)
    return tuple(parse_document(spec, progress) for spec in specs)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, for its last line."""

    path: Path
    documents: int
    clauses: int
    triples: int
    seconds: float


def build(manifest: Path, out_dir: Path, fmt: str = "ttl", progress: Progress | None = None) -> BuildReport:
    """The main job: parse every document, make the graph, validate it, write it atomically."""
    import time

    from .export import serialise, write_atomically
    from .graph import build_graph
    from .validate import check

    started = time.perf_counter()
    parsed = parse_corpus(manifest, progress=progress)
    note = progress or (lambda _doc, _stage: None)
    note("all", "graph")
    graph = build_graph(parsed)
    note("all", "validate")
    check(graph, str(manifest))
    note("all", "write")
    target = write_atomically(serialise(graph, fmt), out_dir / f"qgraph.{fmt}")
    return BuildReport(target, len(parsed), sum(len(p.clauses) for p in parsed), len(graph),
                       time.perf_counter() - started)
