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
