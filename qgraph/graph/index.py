"""The query index: the built graph held in an on-disk Oxigraph store beside the graph file.

Loading a large Turtle file takes seconds; opening a store takes milliseconds. A build writes
``qgraph.ttl`` and ``qgraph.ttl.index/``; the index records the size and modification time of
the file it was built with, and is used only while they still match (an edited or copied
graph file is loaded afresh).

"""
from __future__ import annotations

import gc
import json
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import rdflib

from qgraph.check import check_store
from qgraph.check.document import check_corpus
from qgraph.files import STAMP, index_path, stamp
from qgraph.model import DocumentCheck, Report


class IndexBuilder:
    """Collects a build's triples in a fresh store, validates them, and puts the store in place."""

    BATCH = 32 << 20    # bytes of N-Triples gathered for one bulk load

    def __init__(self, graph: Path) -> None:
        self.graph = graph
        self.folder = Path(tempfile.mkdtemp(prefix="qgraph-index-"))
        self.store: ox.Store | None = ox.Store(str(self.folder))
        self.pending: list[bytes] = []
        self.pending_size = 0
        self.ontology: list[bytes] = []          # N-Triples of load_rdflib, for check_corpus
        self.documents: list[DocumentCheck] = []  # each document's check, made in its worker

    def __enter__(self) -> IndexBuilder:
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        if self.store is not None or kind is not None:
            self.store = None
            gc.collect()
            shutil.rmtree(self.folder, ignore_errors=True)

    def open(self) -> ox.Store:
        """The store being built, holding every triple added so far (to query it, as
        :func:`qgraph.graph.aggregates.aggregate_triples` does)."""
        self._bulk_load()
        return self._store()

    def _store(self) -> ox.Store:
        if self.store is None:
            raise RuntimeError("the index was already committed or discarded")
        return self.store

    def load_ntriples(self, data: bytes) -> None:
        """Add N-Triples to the store (after those gathered for a bulk load)."""
        self._bulk_load()
        if data.strip():
            self.open().load(data, format=ox.RdfFormat.N_TRIPLES)

    def add_ntriples(self, data: bytes) -> None:
        """Add N-Triples to the store in bulk: gathered, and loaded a batch at a time (before any
        check or the commit)."""
        start = 0
        while len(data) - start > self.BATCH:   # a large block (the reuse triples) in pieces, at line ends
            end = data.find(b"\n", start + self.BATCH)
            end = len(data) if end < 0 else end + 1
            self.pending.append(data[start:end])
            self.pending_size += end - start
            self._bulk_load()
            start = end
        self.pending.append(data[start:])
        self.pending_size += len(data) - start
        if self.pending_size >= self.BATCH:
            self._bulk_load()

    def _bulk_load(self) -> None:
        if self.pending:
            data = b"\n".join(self.pending)
            self.pending, self.pending_size = [], 0
            if data.strip():
                self._store().bulk_load(data, format=ox.RdfFormat.N_TRIPLES)

    def load_rdflib(self, graph: rdflib.Graph) -> None:
        """Add an rdflib graph (the ontology) to the store."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.ontology.append(data)
        self.load_ntriples(data)

    def checked(self, document: DocumentCheck) -> None:
        """Note a document's check (made in its worker with its triples); validate then checks only what
        the corpus shows (:func:`~qgraph.check.document.check_corpus`)."""
        self.documents.append(document)

    def validate(self, where: str) -> Report:
        """Check the shapes and the check queries on the store; ValidationFailed lists every violation.
        With the documents' checks noted (:meth:`checked`), only what the corpus shows is checked here, to
        the same result; without, the whole store."""
        self._bulk_load()
        if self.documents:
            return check_corpus(self._store(), self.documents, b"\n".join(self.ontology), where=where)
        return check_store(self._store(), where=where)

    def commit(self) -> int:
        """Stamp the store with the written graph file and move it beside it; the triple count."""
        self._bulk_load()
        store = self._store()
        count = len(store)
        store.flush()
        self.store = None
        gc.collect()  # close RocksDB before the folder moves
        (self.folder / STAMP).write_text(json.dumps(stamp(self.graph)), encoding="utf-8")
        self.folder.chmod(0o755)
        target = index_path(self.graph)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(self.folder), str(target))
        return count
