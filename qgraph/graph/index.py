"""The query index: the built graph held in an on-disk Oxigraph store beside the graph file.

Loading a large Turtle file takes seconds; opening a store takes milliseconds. A build writes
``qgraph.ttl`` and ``qgraph.ttl.index/``; the index records the size and modification time of
the file it was built with, and is used only while they still match (an edited or copied
graph file is loaded afresh).

"""
from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib

from qgraph.check import check_store
from qgraph.check.blocks import BlockChecks
from qgraph.check.document import check_corpus
from qgraph.files import STAMP, index_path, stamp
from qgraph.graph.memory import release_freed_memory, trimming
from qgraph.model import DocumentCheck, Report


def _one_cpu() -> None:
    """Keep the calling thread (and the threads it starts) on one CPU. Oxigraph's bulk loader sorts a batch of
    a million quads on each CPU the loading thread may use (Rust's ``available_parallelism`` reads the thread's
    affinity) while it parses the next: on one CPU a load of 9.7 M triples peaked at 1.36 GB instead of
    2.14 GB, for 57 s CPU instead of 67 s — and the build has reuse to find on the other core meanwhile."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


class IndexBuilder:
    """Collects a build's triples in a fresh store, validates them, and puts the store in place.

    Triples added in bulk are spooled to an N-Triples file and loaded by Oxigraph's bulk loader in one
    pass when the store is next needed: RocksDB ingests each bulk load as files overlapping the whole key
    range, so many small loads cost more and more as the store grows (32 MB loads took 1.9 s each at
    the start of a 1,000-document build and 4.6 s at its end), while one load of a file is linear and
    runs on every core once the documents are done. The loader skips validating the terms (``lenient``):
    every line was written by Oxigraph's own serialiser, and the check runs on the store afterwards."""

    def __init__(self, graph: Path) -> None:
        self.graph = graph
        self.folder = Path(tempfile.mkdtemp(prefix="qgraph-index-"))
        self.store: ox.Store | None = ox.Store(str(self.folder))
        self.spool = self._new_spool()
        self.pending = 0    # bytes spooled since the last load
        self.loading: tuple[threading.Thread, list[BaseException]] | None = None   # a load in the background
        self.counting: threading.Thread | None = None   # compaction and triple count, started early
        self.counted: list[int | BaseException] = []
        self.ontology: list[bytes] = []          # N-Triples of load_rdflib, for check_corpus
        self.documents: list[DocumentCheck] = []  # each document's check, made in its worker
        self.blocks: BlockChecks | None = None     # the parent's blocks' checks, made as they come

    def __enter__(self) -> IndexBuilder:
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        try:
            self._wait()
        except Exception:
            if kind is None:   # the load's own failure; when the build already failed, that error is the one told
                raise
        finally:   # the store's folder and the spool go whatever happened (a failed national build left gigabytes)
            if self.counting is not None:
                self.counting.join()
            self.spool.close()
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
        """Add N-Triples to the store (after those spooled for a bulk load)."""
        self._bulk_load()
        if data.strip():
            self.open().load(data, format=ox.RdfFormat.N_TRIPLES)

    def add_ntriples(self, data: bytes) -> None:
        """Add N-Triples to the store in bulk: spooled, and loaded when the store is next needed (a query,
        a check, the commit)."""
        if data.strip():
            self.spool.write(data if data.endswith(b"\n") else data + b"\n")
            self.pending += len(data)

    @staticmethod
    def _new_spool() -> IO[bytes]:
        return tempfile.NamedTemporaryFile(prefix="qgraph-pending-", suffix=".nt")

    def start_loading(self) -> None:
        """Load what is spooled in a background thread (Oxigraph's loader releases the GIL), so the caller
        can work meanwhile — the build finds text reuse while the documents' triples load. Triples added
        from now on are spooled apart and loaded after it; the store's next use waits for it."""
        self._wait()
        if not self.pending:
            return
        spool, self.spool, self.pending = self.spool, self._new_spool(), 0
        spool.flush()
        errors: list[BaseException] = []
        store = self._store()

        def load() -> None:
            try:
                _one_cpu()
                with trimming():
                    store.bulk_load(path=spool.name, format=ox.RdfFormat.N_TRIPLES, lenient=True)
                release_freed_memory()
            except BaseException as error:   # raised again in the caller's thread
                errors.append(error)
            finally:
                spool.close()

        thread = threading.Thread(target=load, name="qgraph-index-load", daemon=True)
        thread.start()
        self.loading = (thread, errors)

    def _wait(self) -> None:
        if self.loading is not None:
            thread, errors = self.loading
            thread.join()
            self.loading = None
            if errors:
                raise errors[0]

    def _bulk_load(self) -> None:
        """Load what is spooled now: the background load, waited for."""
        self.start_loading()
        self._wait()

    def load_rdflib(self, graph: rdflib.Graph) -> None:
        """Add an rdflib graph (the ontology) to the store."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.ontology.append(data)
        self.load_ntriples(data)

    def ontology_store(self) -> ox.Store:
        """An in-memory store of the ontology given (:meth:`load_rdflib`), to read it while the bulk load runs."""
        store = ox.Store()
        for data in self.ontology:
            store.load(data, format=ox.RdfFormat.N_TRIPLES)
        return store

    def checked(self, document: DocumentCheck) -> None:
        """Note a document's check (made in its worker with its triples); validate then checks only what
        the corpus shows (:func:`~qgraph.check.document.check_corpus`)."""
        self.documents.append(document)

    def _block_checks(self) -> BlockChecks:
        if self.blocks is None:
            self.blocks = BlockChecks(b"\n".join(self.ontology))
        return self.blocks

    def add_shared(self, data: bytes) -> None:
        """Add the jurisdictions' shared triples (N-Triples, all of them at once) in bulk, and check them
        (:mod:`qgraph.check.blocks`)."""
        self.add_ntriples(data)
        self._block_checks().shared(data)

    def add_reuse(self, data: bytes, is_clause: Callable[[str], bool], *, last: bool = False) -> None:
        """Add reuse triples (N-Triples) in bulk and check them, IS_CLAUSE telling the IRIs known to be
        clauses; LAST once every reuse block is given (DATA may then be empty)."""
        self.add_ntriples(data)
        checks = self._block_checks()
        checks.reuse(data, is_clause)
        if last:
            checks.flush(is_clause, last=True)

    def add_observations(self, data: bytes) -> None:
        """Add aggregate observations (N-Triples, whole observations) in bulk, and check them."""
        self.add_ntriples(data)
        self._block_checks().observations(data)

    def validate(self, where: str) -> Report:
        """Check the shapes and the check queries on the store; ValidationFailed lists every violation.
        With the documents' checks noted (:meth:`checked`), only what the corpus shows is checked here, to
        the same result; without, the whole store."""
        self._bulk_load()
        if self.documents:
            blocks = self.blocks.finish(self._store()) if self.blocks is not None else (frozenset(), ())
            return check_corpus(self._store(), self.documents, b"\n".join(self.ontology), where=where,
                                blocks=blocks)
        return check_store(self._store(), where=where)

    def start_compacting(self) -> None:
        """Compact the store and count its triples in a background thread (in Rust without the GIL), for
        :meth:`commit`, while the caller writes the graph file; nothing may be added after.

        Each bulk load leaves RocksDB files overlapping the whole key range, and every seek of a query reads
        each of them: compacted, the 10,000-document index went from 6.2 to 3.7 GB and its queries from a cold
        process ran 2–4 times as fast (indicator-side-by-side 27.8 → 10.3 s; 48 s of compaction, 62 MB)."""
        self._bulk_load()
        store, counted = self._store(), self.counted

        def compact_and_count() -> None:
            try:
                store.optimize()
                counted.append(len(store))
            except BaseException as error:   # raised again by commit, in the caller's thread
                counted.append(error)

        thread = threading.Thread(target=compact_and_count, name="qgraph-index-compact", daemon=True)
        thread.start()
        self.counting = thread

    def commit(self) -> int:
        """Stamp the store with the written graph file and move it beside it; the triple count."""
        self._bulk_load()
        store = self._store()
        if self.counting is not None:
            self.counting.join()
            self.counting = None
        count = self.counted.pop() if self.counted else len(store)
        if isinstance(count, BaseException):
            raise count
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
