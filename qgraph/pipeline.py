"""The whole job, top to bottom: read → normalise → segment → (extract → graph → validate).

>>> parsed = parse_corpus(repo_data_dir() / "documents.yaml")
>>> [len(p.clauses) for p in parsed]
[34, 57, 28, 31, 47]
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from qgraph.model import BuildReport, DocumentSpec, ParsedDocument
from qgraph.text.manifest import load_manifest
from qgraph.text.normalise import normalise
from qgraph.text.read import read_source
from qgraph.resources import repo_data_dir  # noqa: F401  (doctest)
from qgraph.text.segment import segment

Progress = Callable[[str, str], None]  # (document id, stage)


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
            from qgraph.errors import InputError
            raise InputError("QG107", f"no document with id '{only}'", path=manifest)
    return tuple(parse_document(spec, progress) for spec in specs)


@dataclass(frozen=True, slots=True)
class _DocumentOutput:
    """What a worker hands back for one document: serialised, so it crosses processes cheaply."""

    doc_id: str
    clauses: int
    block: bytes        # the document's own triples in the output format
    ntriples: bytes     # the same triples as N-Triples, for the store
    shared: bytes       # its jurisdiction's triples as N-Triples (deduplicated by the parent)
    warnings: tuple[str, ...]
    departments: frozenset[tuple[str, str]]   # (jurisdiction id, label)
    unknown: frozenset[tuple[str, str]]


def _process(spec_and_format: tuple[DocumentSpec, str]) -> _DocumentOutput:
    """Parse one document and make its triples: the unit of work of a build, run in a worker."""
    from qgraph.build.export import data_block
    from qgraph.build.triples import document_triples

    spec, fmt = spec_and_format
    parsed = parse_document(spec)
    triples = document_triples(parsed)
    jurisdiction = spec.jurisdiction.id
    return _DocumentOutput(spec.id, len(parsed.clauses), data_block(triples.own, fmt),
                           data_block(triples.own, "nt"), data_block(triples.shared, "nt"), triples.warnings,
                           frozenset((jurisdiction, d) for d in triples.departments),
                           frozenset((jurisdiction, d) for d in triples.unknown))


def _map_documents(specs: tuple[DocumentSpec, ...], fmt: str, workers: int):
    """Each document's output, in manifest order; several processes for a large corpus."""
    jobs = [(spec, fmt) for spec in specs]
    if workers <= 1 or len(specs) < 2 * workers:
        yield from map(_process, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_process, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


def build(manifest: Path, out_dir: Path, fmt: str = "ttl", progress: Progress | None = None,
          workers: int | None = None) -> BuildReport:
    """The main job: parse every document, make the graph, validate it, write it atomically.

    The graph is loaded into an on-disk Oxigraph store as it is made; the store is validated
    there (SHACL shapes compiled to SPARQL) and kept beside the graph file as its query index.
    """
    import os
    import time

    from qgraph.build.export import assemble, data_block, ontology_block, write_atomically
    from qgraph.build.triples import ontology_graph
    from qgraph.build.index import IndexBuilder

    started = time.perf_counter()
    note = progress or (lambda _doc, _stage: None)
    specs = load_manifest(manifest)
    workers = workers or min(os.cpu_count() or 1, 4)
    target = out_dir / f"qgraph.{fmt}"
    with IndexBuilder(target) as index:
        index.load_rdflib(ontology_graph())
        blocks, shared, clauses, warnings = [], set(), 0, []
        departments: set[tuple[str, str]] = set()
        unknown: set[tuple[str, str]] = set()
        for output in _map_documents(specs, fmt, workers):
            note(output.doc_id, "done")
            warnings.extend(output.warnings)
            departments |= output.departments
            unknown |= output.unknown
            index.load_ntriples(output.ntriples)
            shared.update(line for line in output.shared.split(b"\n") if line)
            blocks.append(output.block)
            clauses += output.clauses
        note("all", "reuse")
        reuse_nt = _reuse_ntriples(specs)
        index.load_ntriples(reuse_nt)
        blocks.append(data_block(ox_parse(reuse_nt), fmt))
        shared_nt = b"\n".join(sorted(shared)) + b"\n"
        index.load_ntriples(shared_nt)
        note("all", "validate")
        index.validate(str(manifest))
        note("all", "write")
        shared_block = data_block(ox_parse(shared_nt), fmt)
        data = assemble([ontology_block(ontology_graph(), fmt), shared_block, *blocks], fmt)
        write_atomically(data, target)
        triples = index.commit()
    return BuildReport(target, len(specs), clauses, len(departments), len(unknown), triples,
                       time.perf_counter() - started, tuple(warnings))


def _reuse_ntriples(specs: tuple[DocumentSpec, ...]) -> bytes:
    """Passages one document took from another: the documents are parsed again in this process
    (parsing is the cheap stage), aligned across, and returned as N-Triples."""
    from qgraph.build.export import data_block
    from qgraph.build.triples import reuse_triples
    from qgraph.build.reuse import find_reuse

    parsed = [parse_document(spec) for spec in specs]
    return data_block(reuse_triples(find_reuse(parsed)), "nt")


def ox_parse(ntriples: bytes):
    import pyoxigraph as ox

    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
