"""The whole job, top to bottom: read → normalise → segment → extract → graph → check → write.

:func:`process_document` runs the stages of one document (in a worker process for a large corpus);
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
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import IO

from qgraph.check.document import DocumentChecker
from qgraph.dispatch import map_documents
from qgraph.errors import InputError
from qgraph.extract import extract
from qgraph.extract.coverage import coverage
from qgraph.extract.document import document_facts
from qgraph.extract.policy import policy_problems, problem_line, strict_error
from qgraph.files import open_atomically, write_atomically
from qgraph.graph.aggregates import AggregateSum, DocumentCounter, aggregate_ntriples
from qgraph.graph.export import GraphWriter, block_file, data_block, ontology_block, sort_triples
from qgraph.graph.index import IndexBuilder
from qgraph.graph.memory import map_large_blocks, release_freed_memory
from qgraph.graph.reuse import GramCounter, ReuseSearch, SignatureShelf, reuse_signature
from qgraph.graph.spool import SortedLines
from qgraph.graph.topics import index_terms, mention_triples
from qgraph.graph.triples import DocumentTriples, document_triples, ontology_graph, reuse_ntriples
from qgraph.model import (
    BuildReport,
    Coverage,
    DocumentCheck,
    DocumentCounts,
    DocumentFacts,
    DocumentSpec,
    Jurisdiction,
    ParsedDocument,
    ReuseSignature,
    SourceText,
)
from qgraph.resources import repo_data_dir
from qgraph.rules import RuleSet, default_rules, load_rules
from qgraph.text.manifest import jurisdiction_warnings, load_manifest
from qgraph.text.normalise import normalise
from qgraph.text.read import read_source
from qgraph.text.segment import segment
from qgraph.vocab import document_iri

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
    with what the extraction could read of it. (A build runs :func:`process_document`, which also
    serialises them and keeps what reuse and ``texts/`` need.)"""
    extraction = extract(parse_document(spec, rule_set), rule_set)
    return document_triples(extraction), coverage(extraction)


TEXTS_DIR = "texts"
TEXTS_INDEX = "texts.tsv"


class TextShelf:
    """The texts qgraph read, kept beside the graph since offsets point into them: ``texts/<id>.txt``, and
    ``texts/texts.tsv`` listing id, format, the text's sha256 and the source file's sha256. Each text is
    written as it comes into a staging folder (memory does not grow with the corpus), which replaces
    ``texts/`` on :meth:`commit`; leaving the block without a commit removes it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.made_out_dir = not out_dir.exists()   # a failed build leaves no folder it made
        self.target = out_dir / TEXTS_DIR
        self.staging: Path | None = None
        self.rows = ["id\tformat\ttext_sha256\tsource_sha256"]

    def __enter__(self) -> TextShelf:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)   # nothing left once committed
        if self.made_out_dir and self.out_dir.is_dir() and not any(self.out_dir.iterdir()):
            self.out_dir.rmdir()

    def _staged(self) -> Path:
        if self.staging is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{TEXTS_DIR}.", dir=self.out_dir))
        return self.staging

    def append(self, item: tuple[str, str, str, str]) -> None:
        """Keep one document's text: (id, text read, format, source file's sha256)."""
        doc_id, text, fmt, source_sha = item
        data = text.encode("utf-8")
        (self._staged() / f"{doc_id}.txt").write_bytes(data)
        self.rows.append(f"{doc_id}\t{fmt}\t{hashlib.sha256(data).hexdigest()}\t{source_sha}")

    def commit(self) -> None:
        """Write the listing and put the staged folder in place of ``texts/``."""
        staging = self._staged()
        (staging / TEXTS_INDEX).write_bytes(("\n".join(self.rows) + "\n").encode("utf-8"))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)   # mkdtemp makes 0700; the texts are for sharing
        retired = self.target.with_name(f".{TEXTS_DIR}.old")
        shutil.rmtree(retired, ignore_errors=True)
        if self.target.exists():
            os.replace(self.target, retired)
        os.replace(staging, self.target)
        self.staging = None
        shutil.rmtree(retired, ignore_errors=True)


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
          workers: int | None = None, overlays: Sequence[Path] = (), strict: bool = False,
          scheduler: str | None = None) -> BuildReport:
    """The main job: every document through its stages, text reuse across them, the graph checked
    and written atomically, with the texts read (``texts/``) beside it. A document that is not a policy
    qgraph reads is a warning, or with ``strict`` an InputError (QG119) before anything is written.

    Documents go through their stages in worker processes (or on the Dask cluster at ``scheduler``,
    ``tcp://HOST:PORT``) and come back in manifest order; each one's triples go to the graph file being
    written and to an on-disk Oxigraph store as they come, and only a compact signature of it is kept
    for text reuse, so memory does not grow with the corpus. The store is checked there (SHACL shapes
    compiled to SPARQL, and the check queries) and kept beside the graph file as its query index.
    Nothing is written when any document or check fails.
    """
    started = time.perf_counter()
    note = progress or (lambda _doc, _stage: None)
    map_large_blocks()   # each document's output, once dropped, goes back to the system (qgraph.graph.memory)
    specs = load_manifest(manifest)
    rule_set = rules_for(manifest, overlays)
    ontology = ontology_graph(rule_set)
    checked = [f"{manifest}: {line}" for line in jurisdiction_warnings(specs, rule_set)]
    target = out_dir / f"qgraph.{fmt}"
    with IndexBuilder(target) as index, TextShelf(out_dir) as texts:
        index.load_rdflib(ontology)
        writer = GraphWriter(fmt)
        shared = SortedLines()   # each jurisdiction's shared triples keyed by it ("id\tline"), each once
        warnings: list[str] = list(checked)
        clauses = 0
        departments: set[tuple[str, str]] = set()
        unknown: set[tuple[str, str]] = set()
        read: list[Coverage] = []
        signatures = SignatureShelf()   # their clauses' texts on disk until reuse reads them
        grams = GramCounter()
        sums = AggregateSum()   # the documents' aggregate rows, summed
        contained = True
        typed: set[str] = set()   # documents whose reuse signature's clauses are all typed qg:Clause
        for spec, output in zip(specs, map_documents(specs, fmt, workers, rule_set, process_document, scheduler),
                                strict=True):   # outputs come in manifest order
            note(output.doc_id, "done")
            if strict and output.problems:
                raise strict_error(output.problems[0])
            warnings.extend(output.problems + output.warnings)
            texts.append(output.text)
            departments |= output.departments
            unknown |= output.unknown
            index.add_ntriples(output.ntriples)
            index.checked(output.check)
            sums.add(output.counts)
            contained = contained and output.check.contained and bool(output.counts.datasets)
            if output.check.reuse_clauses:
                typed.add(output.doc_id)
            shared.add(_keyed(spec.jurisdiction.id, output.shared))
            writer.add(output.block)
            clauses += output.clauses
            read.append(output.coverage)
            grams.add(output.reuse.grams)
            signatures.add(output.reuse)
        shared_lines = _add_shared(index, shared)   # loaded with the documents' triples, in one bulk load
        note("all", "candidates")
        # reuse's candidates found before the load starts, their memory given back before the loader takes its own
        search = ReuseSearch(signatures, grams.common(), rule_set=rule_set)
        del grams
        release_freed_memory()
        index.start_loading()   # which runs while the observations are made and the reuse aligned
        note("all", "aggregate")
        # the documents' counts summed; counted over the whole store when a document names another's nodes
        observations = _add_observations(index, sums.lines(index.ontology_store()) if contained else
                                         aggregate_ntriples(index.open()).splitlines(keepends=True))
        del sums
        note("all", "reuse")
        reuse_lines = SortedLines()   # a later document's reuse at a time, to the store and a sorted spool
        is_clause = signature_clauses(signatures.signatures, typed)
        for reuses in search.by_document(diffs=False):
            block = reuse_ntriples(reuses)
            index.add_reuse(block, is_clause)
            reuse_lines.add(block)
        index.add_reuse(b"", is_clause, last=True)
        signatures.close()
        del signatures, is_clause, search
        index.start_loading()   # the reuse triples and the observations, while their part of the graph file is made
        note("all", "serialise")
        head: list[bytes | IO[bytes]] = [ontology_block(ontology, fmt), block_file(shared_lines, fmt)]
        tail: list[bytes | IO[bytes]] = [block_file(reuse_lines, fmt), block_file(observations, fmt)]
        note("all", "check")
        index.validate(str(manifest))
        index.start_compacting()   # the store compacted and counted while the graph file is written
        note("all", "write")
        with open_atomically(target) as out:
            writer.write(out, head=head, tail=tail)
        write_atomically(coverage_csv(read), out_dir / COVERAGE_FILE)
        texts.commit()
        triples = index.commit()
    return BuildReport(target, len(specs), clauses, len(departments), len(unknown), triples,
                       time.perf_counter() - started, tuple(warnings), tuple(read))


SHARED_BATCH = 4 << 20   # bytes of shared triples checked together, whole jurisdictions at a time


def _keyed(jurisdiction: str, ntriples: bytes) -> bytes:
    """A document's shared N-Triples, each line keyed by its jurisdiction (``id\\tline``)."""
    key = jurisdiction.encode("utf-8") + b"\t"
    return b"".join(key + line + b"\n" for line in ntriples.split(b"\n") if line)


def _add_shared(index: IndexBuilder, keyed: SortedLines) -> SortedLines:
    """The jurisdictions' shared triples into the store and its checks a few whole jurisdictions at a time
    (a department's conflicting values show only in its jurisdiction's lines together); the lines, each once
    and sorted, for the graph file. Neither is held whole: a national corpus names hundreds of thousands of
    departments."""
    lines = SortedLines()
    for batch in _whole_groups(keyed, lambda entry: entry.split(b"\t", 1)[0], SHARED_BATCH):
        block = b"".join(entry.split(b"\t", 1)[1] for entry in batch)
        index.add_shared(block)
        lines.add(block)
    return lines


OBSERVATION_BATCH = 4 << 20   # bytes of observations checked together, whole observations at a time


def _add_observations(index: IndexBuilder, lines: Iterable[bytes]) -> IO[bytes]:
    """The aggregate observations (N-Triples lines, sorted) into the store and its checks a batch of whole
    observations at a time; the lines, as given, in a temporary file for the graph file. A national corpus
    has hundreds of thousands of observations: never held whole."""
    kept = tempfile.TemporaryFile()  # noqa: SIM115  (the caller reads it back; gone with the process)
    for batch in _whole_groups(lines, lambda line: line[:line.find(b" ")], OBSERVATION_BATCH):
        block = b"".join(batch)
        index.add_observations(block)
        kept.write(block)
    kept.seek(0)
    return kept


def _whole_groups(lines: Iterable[bytes], key: Callable[[bytes], bytes], size: int) -> Iterator[list[bytes]]:
    """LINES (sorted by KEY) in batches of about SIZE bytes that never part two lines of one key; at least one
    batch, empty for no lines, so that a block's checks always see its kind.

    >>> [len(b) for b in _whole_groups([b"a 1", b"a 2", b"b 3", b"c 4"], lambda l: l[:1], 4)]
    [2, 2]
    >>> list(_whole_groups([], lambda l: l, 4))
    [[]]
    """
    batch: list[bytes] = []
    held = 0
    previous = None
    for line in lines:
        group = key(line)
        if group != previous and held >= size:
            yield batch
            batch, held = [], 0
        previous = group
        batch.append(line)
        held += len(line)
    yield batch


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

UNCHECKED = DocumentCheck("", contained=False)   # a document whose checks were not made here
NO_COUNTS = DocumentCounts()   # a document not counted here: the parent counts the whole store

@dataclass(frozen=True, slots=True)
class DocumentOutput:
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
    reuse: ReuseSignature
    problems: tuple[str, ...] = ()             # why it is not a policy qgraph reads, if it is not
    text: tuple[str, str, str, str] = ("", "", "", "")   # (id, text read, format, source sha256) for texts/
    check: DocumentCheck = UNCHECKED   # its checks, made here (none: the parent checks the whole graph)
    counts: DocumentCounts = NO_COUNTS   # its rows of the aggregation queries, summed by the parent


def process_document(spec: DocumentSpec, fmt: str, rule_set: RuleSet) -> DocumentOutput:
    """One document's stages and its serialised triples: the unit of work of a build."""
    parsed = parse_document(spec, rule_set)
    extraction = extract(parsed, rule_set)
    problems = policy_problems(parsed, extraction)
    triples = document_triples(extraction)
    mentions = mention_triples(triples.own, rule_set.compiled(topic_terms))   # the clauses' topic index
    jurisdiction = spec.jurisdiction.id
    own = sort_triples([*triples.own, *mentions])   # sorted once for both serialisations
    ntriples = data_block(own, "nt", ordered=True)
    shared = data_block(triples.shared, "nt")
    signature = reuse_signature(parsed, rule_set)
    # checked and counted on one store holding the document
    checked, counts = rule_set.compiled(document_checker).check_and_read(
        spec.id, ntriples, shared, [c.slug for c in signature.clauses], rule_set.compiled(document_counter).count_in)
    source = parsed.text.source
    return DocumentOutput(spec.id, triples.clauses, ntriples if fmt == "nt" else data_block(own, fmt, ordered=True),
                          ntriples, shared, triples.warnings,
                          frozenset((jurisdiction, d) for d in triples.departments),
                          frozenset((jurisdiction, d) for d in triples.unknown), coverage(extraction),
                          signature, (problem_line(parsed, problems),) if problems else (),
                          (spec.id, source.text, source.format, source.sha256), checked, counts or NO_COUNTS)


def signature_clauses(signatures: Sequence[ReuseSignature], typed: set[str]) -> Callable[[str], bool]:
    """Whether an IRI is a clause of a reuse signature (SIGNATURES) whose document's worker found every
    such clause typed qg:Clause (its id in TYPED): what the reuse triples' checks take as a clause."""
    number = {s.doc_id: n for n, s in enumerate(signatures) if s.doc_id in typed}
    prefix = document_iri("").value

    @lru_cache(maxsize=4096)   # not every document's set at once: a national corpus has millions of clauses
    def slugs(doc: int) -> frozenset[str]:
        return frozenset(c.slug for c in signatures[doc].clauses)

    def is_clause(iri: str) -> bool:
        doc, found, slug = iri.removeprefix(prefix).partition("/clause/")
        return bool(found) and iri.startswith(prefix) and doc in number and slug in slugs(number[doc])

    return is_clause


def document_checker(rule_set: RuleSet) -> DocumentChecker:
    """The document checks (:mod:`qgraph.check.document`) with the rule set's ontology loaded, made once per
    rule set and so once per worker."""
    return DocumentChecker(rule_set.compiled(ontology_ntriples))


def document_counter(rule_set: RuleSet) -> DocumentCounter:
    """The aggregation queries of a document (:mod:`qgraph.graph.aggregates`) with the ontology triples they read,
    made once per rule set and so once per worker."""
    return DocumentCounter(rule_set.compiled(ontology_ntriples))


def ontology_ntriples(rule_set: RuleSet) -> bytes:
    """The rule set's ontology as N-Triples, made once per worker for its checker and its counter."""
    return rule_set.compiled(ontology_graph).serialize(format="nt", encoding="utf-8")


def topic_terms(rule_set: RuleSet) -> tuple[str, ...]:
    """The terms clauses are indexed by (:func:`~qgraph.graph.topics.index_terms` of the rule set's
    ontology), made once per rule set and so once per worker."""
    return index_terms(rule_set.compiled(ontology_graph))

