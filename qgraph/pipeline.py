"""The whole job, top to bottom: read → normalise → segment → extract → graph → check → write.

:func:`document_graph` runs the stages of one document (in a worker process for a large corpus);
:func:`build` runs it for every document of a manifest, then finds text reuse across them, checks
the graph and writes it. The rules are loaded once, with the overlay folders a user gives (and a
``rules/`` folder beside the manifest), and passed to every stage.

>>> parsed = parse_corpus(repo_data_dir() / "documents.yaml")
>>> [len(p.clauses) for p in parsed]
[34, 57, 28, 31, 47]
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from qgraph.errors import InputError
from qgraph.extract import extract
from qgraph.extract.coverage import coverage
from qgraph.extract.document import document_facts
from qgraph.extract.policy import policy_problems, problem_line, strict_error
from qgraph.files import write_atomically
from qgraph.graph.aggregates import aggregate_triples
from qgraph.graph.export import assemble, data_block, ontology_block
from qgraph.graph.index import IndexBuilder
from qgraph.graph.reuse import find_reuse
from qgraph.graph.topics import index_terms, mention_triples
from qgraph.graph.triples import DocumentTriples, document_triples, ontology_graph, reuse_triples
from qgraph.model import BuildReport, Coverage, DocumentFacts, DocumentSpec, Jurisdiction, ParsedDocument, SourceText
from qgraph.resources import repo_data_dir
from qgraph.rules import RuleSet, default_rules, load_rules
from qgraph.text.manifest import jurisdiction_warnings, load_manifest
from qgraph.text.normalise import normalise
from qgraph.text.read import read_source
from qgraph.text.segment import segment

__all__ = ["build", "document_graph", "parse_corpus", "parse_document", "parse_text", "repo_data_dir", "rules_for"]

Progress = Callable[[str, str], None]  # (document id, stage)
RULES_BESIDE_MANIFEST = "rules"


def rules_for(manifest: Path, overlays: Sequence[Path] = ()) -> RuleSet:
    """The rules a corpus is read with: shipped, then a ``rules/`` folder beside its manifest, then
    the folders given (``--rules``), each laid over the ones before."""
    beside = manifest.parent / RULES_BESIDE_MANIFEST
    return load_rules(([beside] if beside.is_dir() else []) + [Path(p) for p in overlays])


def parse_document(spec: DocumentSpec, rule_set: RuleSet | None = None,
                   progress: Progress | None = None) -> ParsedDocument:
    """The text stages of one document: read, normalise, segment (with the shipped rules when none are given)."""
    rule_set = rule_set or default_rules()
    note = progress or (lambda _doc, _stage: None)
    note(spec.id, "read")
    source = read_source(spec.id, spec.path, rule_set)
    note(spec.id, "normalise")
    text = normalise(source, spec.corrections, spec.script, rule_set)
    note(spec.id, "segment")
    parts = segment(text, rule_set)
    facts = with_metadata(document_facts(parts, rule_set), source)
    return ParsedDocument(completed(spec, facts), text, parts, facts)


def with_metadata(facts: DocumentFacts, source: SourceText) -> DocumentFacts:
    """The facts the text states, completed from the file's metadata (a web page's 标题, 文号, 发布机构,
    成文日期 or else 发布日期; a PDF's or Word file's title) where the text states none: the text wins."""
    return replace(facts, title=facts.title or source.meta("title"), number=facts.number or source.meta("number"),
                   issuer=facts.issuer or source.meta("issuer"),
                   issued=facts.issued or source.meta("written") or source.meta("published"))


EXAMPLE_PLACE = Jurisdiction("yunxi", "云溪县", "Yunxi", "county", "990101")


def parse_text(text: str, jurisdiction: Jurisdiction = EXAMPLE_PLACE, rule_set: RuleSet | None = None,
               doc_id: str = "example") -> ParsedDocument:
    """A text given as a string, through the text stages, as a document of ``jurisdiction`` (an invented
    county by default): for trying a notation in a notebook or a docstring without a manifest.

    >>> [c.number for c in parse_text("一、加强监管\\n（一）强化抽检。").clauses]
    ['一', '一.(一)']
    """
    rule_set = rule_set or default_rules()
    source = SourceText(doc_id, Path(f"{doc_id}.txt"), text, "utf-8", "")
    normalised = normalise(source, rule_set=rule_set)
    spec = DocumentSpec(doc_id, source.path, jurisdiction, "", "", None, None, (), 0)
    parts = segment(normalised, rule_set)
    facts = document_facts(parts, rule_set)
    return ParsedDocument(replace(spec, title=facts.title or doc_id, issued=facts.issued or ""), normalised, parts,
                          facts)


def completed(spec: DocumentSpec, facts: DocumentFacts) -> DocumentSpec:
    """The manifest entry with the title, issue date and number its text states where the entry omits
    them; a document whose title or date neither states is an InputError naming its entry."""
    spec = replace(spec, title=spec.title or facts.title or "", issued=spec.issued or facts.issued or "",
                   number=spec.number or facts.number)
    for key, value in (("title", spec.title), ("issued", spec.issued)):
        if not value:
            raise InputError("QG136", f"document '{spec.id}': no {key} in the manifest and none found in the "
                             f"text (add '{key}:' to its entry)", path=spec.path.parent / "documents.yaml",
                             line=spec.line)
    return spec


def document_graph(spec: DocumentSpec, rule_set: RuleSet) -> tuple[DocumentTriples, Coverage]:
    """Every stage of one document up to its triples: read → normalise → segment → extract → graph;
    with what the extraction could read of it."""
    triples, read, _source, _problems = document_work(spec, rule_set)
    return triples, read


def document_work(spec: DocumentSpec,
                  rule_set: RuleSet) -> tuple[DocumentTriples, Coverage, SourceText, tuple[str, ...]]:
    """:func:`document_graph`, with the text read (for ``texts/``) and the warning, if any, that the
    document is not a policy qgraph reads (:func:`~qgraph.extract.policy.policy_problems`)."""
    parsed = parse_document(spec, rule_set)
    extraction = extract(parsed, rule_set)
    problems = policy_problems(parsed, extraction)
    return (document_triples(extraction), coverage(extraction), parsed.text.source,
            (problem_line(parsed, problems),) if problems else ())


TEXTS_DIR = "texts"
TEXTS_INDEX = "texts.tsv"


def text_files(sources: Sequence[tuple[str, str, str, str]]) -> dict[str, bytes]:
    """The texts qgraph read, to keep beside the graph (offsets point into them): ``texts/<id>.txt`` for
    each (id, text, format, source file's sha256), and ``texts/texts.tsv`` listing id, format, the text's
    sha256 and the source file's sha256. Paths are relative to the output folder."""
    files = {f"{TEXTS_DIR}/{doc_id}.txt": text.encode("utf-8") for doc_id, text, _fmt, _sha in sources}
    rows = ["id\tformat\ttext_sha256\tsource_sha256"]
    rows += [f"{doc_id}\t{fmt}\t{hashlib.sha256(text.encode('utf-8')).hexdigest()}\t{sha}"
             for doc_id, text, fmt, sha in sources]
    files[f"{TEXTS_DIR}/{TEXTS_INDEX}"] = ("\n".join(rows) + "\n").encode("utf-8")
    return files


def parse_corpus(manifest: Path, only: str | None = None, progress: Progress | None = None,
                 overlays: Sequence[Path] = ()) -> tuple[ParsedDocument, ...]:
    """Every document of a manifest (or only the one with id ``only``), parsed."""
    specs = load_manifest(manifest)
    if only is not None:
        specs = tuple(s for s in specs if s.id == only)
        if not specs:
            raise InputError("QG107", f"no document with id '{only}'", path=manifest)
    rule_set = rules_for(manifest, overlays)
    return tuple(parse_document(spec, rule_set, progress) for spec in specs)


def build(manifest: Path, out_dir: Path, fmt: str = "ttl", progress: Progress | None = None,
          workers: int | None = None, overlays: Sequence[Path] = (), strict: bool = False) -> BuildReport:
    """The main job: every document through its stages, text reuse across them, the graph checked
    and written atomically, with the texts read (``texts/``) beside it. A document that is not a policy
    qgraph reads is a warning, or with ``strict`` an InputError (QG119) before anything is written.

    The graph is loaded into an on-disk Oxigraph store as it is made; the store is checked there
    (SHACL shapes compiled to SPARQL, and the check queries) and kept beside the graph file as its
    query index. Nothing is written when any document or check fails.
    """
    started = time.perf_counter()
    note = progress or (lambda _doc, _stage: None)
    specs = load_manifest(manifest)
    rule_set = rules_for(manifest, overlays)
    ontology = ontology_graph(rule_set)
    terms = index_terms(ontology)
    checked = [f"{manifest}: {line}" for line in jurisdiction_warnings(specs, rule_set)]
    target = out_dir / f"qgraph.{fmt}"
    with IndexBuilder(target) as index:
        index.load_rdflib(ontology)
        blocks: list[bytes] = []
        shared: set[bytes] = set()
        warnings: list[str] = list(checked)
        clauses = 0
        departments: set[tuple[str, str]] = set()
        unknown: set[tuple[str, str]] = set()
        read: list[Coverage] = []
        texts: list[tuple[str, str, str, str]] = []
        for output in _map_documents(specs, fmt, workers or min(os.cpu_count() or 1, 4), rule_set, terms):
            note(output.doc_id, "done")
            if strict and output.problems:
                raise strict_error(output.problems[0])
            warnings.extend(output.problems + output.warnings)
            texts.append(output.text)
            departments |= output.departments
            unknown |= output.unknown
            index.load_ntriples(output.ntriples)
            shared.update(line for line in output.shared.split(b"\n") if line)
            blocks.append(output.block)
            clauses += output.clauses
            read.append(output.coverage)
        note("all", "reuse")
        reuse_nt = data_block(reuse_triples(find_reuse([parse_document(s, rule_set) for s in specs],
                                                       rule_set=rule_set)), "nt")
        index.load_ntriples(reuse_nt)
        blocks.append(data_block(_parse_nt(reuse_nt), fmt))
        shared_nt = b"\n".join(sorted(shared)) + b"\n"
        index.load_ntriples(shared_nt)
        note("all", "aggregate")
        aggregates = aggregate_triples(index.open())
        index.load_ntriples(data_block(aggregates, "nt"))
        blocks.append(data_block(aggregates, fmt))
        note("all", "check")
        index.validate(str(manifest))
        note("all", "write")
        data = assemble([ontology_block(ontology, fmt), data_block(_parse_nt(shared_nt), fmt), *blocks], fmt)
        write_atomically(data, target)
        write_atomically(coverage_csv(read), out_dir / COVERAGE_FILE)
        for name, content in text_files(texts).items():
            write_atomically(content, out_dir / name)
        triples = index.commit()
    return BuildReport(target, len(specs), clauses, len(departments), len(unknown), triples,
                       time.perf_counter() - started, tuple(warnings), tuple(read))


COVERAGE_FILE = "coverage.csv"
COVERAGE_COLUMNS = ("document", "parts", "numbered", "dash_items", "with_statement", "without_statement",
                    "targets", "departments", "unknown_types", "merged_names")


def coverage_rows(read: Sequence[Coverage]) -> list[dict[str, object]]:
    """Each document's coverage as a row (the columns of ``coverage.csv``)."""
    return [{column: getattr(c, column) for column in COVERAGE_COLUMNS} for c in read]


def coverage_csv(read: Sequence[Coverage]) -> bytes:
    """``coverage.csv``: one row per document, beside the graph."""
    lines = [",".join(COVERAGE_COLUMNS)]
    lines += [",".join(str(row[c]) for c in COVERAGE_COLUMNS) for row in coverage_rows(read)]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- documents in worker processes ------------------------------------------------------------------

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
    coverage: Coverage
    problems: tuple[str, ...] = ()             # why it is not a policy qgraph reads, if it is not
    text: tuple[str, str, str, str] = ("", "", "", "")   # (id, text read, format, source sha256) for texts/


_WORKER_RULES: list[tuple[RuleSet, tuple[str, ...]]] = []   # the rule set and index terms a worker started with


def _start_worker(rule_set: RuleSet, terms: tuple[str, ...]) -> None:
    _WORKER_RULES[:] = [(rule_set, terms)]


def _process(spec: DocumentSpec, fmt: str, rule_set: RuleSet, terms: tuple[str, ...] = ()) -> _DocumentOutput:
    """One document's stages and its serialised triples (with its clauses' topic index, by ``terms``): the
    unit of work of a build."""
    triples, read, source, problems = document_work(spec, rule_set)
    triples = replace(triples, own=triples.own + tuple(mention_triples(triples.own, terms)))
    jurisdiction = spec.jurisdiction.id
    return _DocumentOutput(spec.id, triples.clauses, data_block(triples.own, fmt), data_block(triples.own, "nt"),
                           data_block(triples.shared, "nt"), triples.warnings,
                           frozenset((jurisdiction, d) for d in triples.departments),
                           frozenset((jurisdiction, d) for d in triples.unknown), read, problems,
                           (spec.id, source.text, source.format, source.sha256))


def _process_in_worker(job: tuple[DocumentSpec, str]) -> _DocumentOutput:
    rule_set, terms = _WORKER_RULES[0]
    return _process(job[0], job[1], rule_set, terms)


def _map_documents(specs: tuple[DocumentSpec, ...], fmt: str, workers: int,
                   rule_set: RuleSet, terms: tuple[str, ...] = ()) -> Iterator[_DocumentOutput]:
    """Each document's output, in manifest order; several processes for a large corpus, each given
    the rule set and the topic index's terms once when it starts."""
    if workers <= 1 or len(specs) < 2 * workers:
        yield from (_process(spec, fmt, rule_set, terms) for spec in specs)
        return
    jobs = [(spec, fmt) for spec in specs]
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(rule_set, terms)) as pool:
        yield from pool.map(_process_in_worker, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


def _parse_nt(ntriples: bytes) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
