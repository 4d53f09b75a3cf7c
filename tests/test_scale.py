"""The streaming build: same bytes as before it streamed, on a Dask cluster too; bounded helpers."""
from __future__ import annotations

import hashlib
import io
import sys
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from qgraph.graph.export import GraphWriter, assemble, data_block
from qgraph.graph.reuse import GramCounter, find_reuse, reuse_rules, reuse_signature, text_grams
from qgraph.model import Jurisdiction
from qgraph.pipeline import build, parse_text
from qgraph.vocab import QG, Triple, literal

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "documents.yaml"

# sha256 of the bundled corpus's qgraph.ttl as the in-memory build wrote it (main before the streaming build
# merged, with qg:page, qg:deadline, the reuse offsets, the topic index and the aggregate observations). A change
# to the graph on purpose changes it: recompute it then, and say why.
BUNDLED_TTL_SHA256 = "b17be74959a78f326c429c047c30668827b79a4eddcf0fd64594dce5ae0ebe08"


def test_scale_bundled_graph_bytes_as_before_streaming(built_graph):
    assert hashlib.sha256(built_graph.read_bytes()).hexdigest() == BUNDLED_TTL_SHA256


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_scale_graph_writer_writes_what_assemble_joins(fmt):
    blocks = [data_block([Triple(QG[f"c{n}"], QG.text, literal(f"第{n}条"))], fmt) for n in range(4)]
    out = io.BytesIO()
    writer = GraphWriter(fmt)
    writer.add(blocks[1])
    writer.add(b"")                      # a document without triples of its own
    writer.add(blocks[2])
    writer.write(out, head=[blocks[0]], tail=[blocks[3]])
    assert out.getvalue() == assemble(blocks, fmt)
    assert out.getvalue().count(b"qg:text" if fmt == "ttl" else b"ontology#text") == 4


def test_scale_gram_counter_finds_grams_of_more_than_half_across_chunks(monkeypatch):
    """Seven documents in chunks of two: a gram in four of them is common, one in three is not, even when
    every chunk but one holds it in only half its documents."""
    monkeypatch.setattr(GramCounter, "CHUNK", 2)
    rules = reuse_rules()
    common_words = "加强质量基础设施建设"     # in documents 0, 2, 4, 6: four of seven
    rare_words = "推进检验检测机构改革"       # in documents 1, 3, 5: three of seven
    filler = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未"      # each document's own ten characters: filler[n:n + 10]
    texts = [(common_words if n % 2 == 0 else rare_words) + "。" + filler[n:n + 10] for n in range(7)]
    counter = GramCounter()
    for text in texts:
        counter.add(text_grams(text, rules))
    common = counter.common()
    assert text_grams(common_words, rules) and set(memoryview(text_grams(common_words, rules)).cast("Q")) <= common
    assert not set(memoryview(text_grams(rare_words, rules)).cast("Q")) & common
    assert len(common) == 1   # a 10-character phrase has one 10-gram


def test_scale_reuse_signature_gives_the_same_reuse_as_parsed_documents(corpus):
    documents = list(corpus.values())
    signatures = [reuse_signature(d) for d in documents]
    found = find_reuse(signatures)
    assert found == find_reuse(documents)
    # as the in-memory implementation found them (commit bd7340a): 35 passages, 3 of them boilerplate
    assert (len(found), sum(r.boilerplate for r in found)) == (35, 3)
    assert [r.later_source_span for r in found] == [r.later_source_span for r in find_reuse(documents)]


def test_scale_near_copies_point_to_the_earliest(tmp_path):
    """Thirty cities copy one clause, each with its own name: every later copy points to the first
    city's clause, and to at most seven more of the earliest (max_candidates: 8), not to all before it."""
    clause = "（一）强化{}质量安全监管。严格落实食品安全“四个最严”要求，健全覆盖生产流通消费全过程的监管体系。"
    documents = []
    for n in range(30):
        name = "云溪青岚松柏桐枫梧榆杉桦栎楠槐樟竹莲荷兰芷蘅苓茗砚墨川泽湖渚屿峰"[n] + "州市"
        place = Jurisdiction(f"city{n:02d}", name, f"City {n}", "prefecture", f"{990100 + n}")
        parsed = parse_text("一、加强监管\n" + clause.format(name), place, doc_id=f"city{n:02d}-2020")
        parsed = replace(parsed, spec=replace(parsed.spec, issued=f"2020-01-{n + 1:02d}"))
        documents.append(reuse_signature(parsed) if n % 2 else parsed)
    found = find_reuse(documents)
    pairs = {(r.later_doc, r.earlier_doc) for r in found}
    assert {later for later, _ in pairs} == {f"city{n:02d}-2020" for n in range(1, 30)}
    assert all((f"city{n:02d}-2020", "city00-2020") in pairs for n in range(1, 30))
    assert {earlier for later, earlier in pairs if later == "city29-2020"} == {f"city{n:02d}-2020" for n in range(8)}
    assert len(pairs) == sum(min(n, 8) for n in range(1, 30)) == 204


def test_scale_dask_cluster_writes_the_same_bytes(built_graph, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        report = build(DATA, tmp_path, scheduler=cluster.scheduler_address)
    assert report.path.read_bytes() == built_graph.read_bytes()
    assert report.triples > 18000   # the whole corpus, as the README's build line counts it
    assert (tmp_path / "texts" / "texts.tsv").read_bytes() == (built_graph.parent / "texts" / "texts.tsv").read_bytes()
    assert (tmp_path / "coverage.csv").read_bytes() == (built_graph.parent / "coverage.csv").read_bytes()


def test_scale_unreachable_scheduler_is_one_line_and_writes_nothing(run, tmp_path, free_port):
    result = run("build", "--scheduler", f"tcp://127.0.0.1:{free_port}", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: [QG507] the Dask scheduler tcp://127.0.0.1:{free_port} "
                                                   "cannot be reached")
    assert not (tmp_path / "out").exists()


def test_scale_document_failing_in_a_worker_writes_nothing(data_copy, tmp_path):
    from qgraph.errors import InputError

    (data_copy / "gansu-2015.txt").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        build(data_copy / "documents.yaml", tmp_path / "out", workers=2)
    assert caught.value.code == "QG112"
    assert not (tmp_path / "out").exists()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))


def test_scale_shared_triples_checked_a_jurisdiction_at_a_time_give_the_same_bytes(tmp_path, monkeypatch):
    """With the shared triples loaded and checked one jurisdiction at a time (a batch of one byte), the bundled
    graph is the same bytes: the jurisdictions' lines are merged back in order, each once."""
    from qgraph import pipeline as pipeline_module
    from qgraph.pipeline import build
    from qgraph.resources import repo_data_dir

    batches: list[bytes] = []
    add_shared = pipeline_module.IndexBuilder.add_shared

    def counted(self, data):
        batches.append(data)
        add_shared(self, data)

    monkeypatch.setattr(pipeline_module, "SHARED_BATCH", 1)
    monkeypatch.setattr(pipeline_module.IndexBuilder, "add_shared", counted)
    report = build(repo_data_dir() / "documents.yaml", tmp_path / "out", workers=1)
    assert hashlib.sha256(report.path.read_bytes()).hexdigest() == BUNDLED_TTL_SHA256
    assert len(batches) == 5   # the five bundled jurisdictions, each in a batch of its own
    assert all(b"/jurisdiction/" in batch for batch in batches)


def test_index_builder_cleans_up_when_its_background_load_fails(tmp_path):
    """A bulk load failing in its thread (here a spool that is no N-Triples; at scale, a full disk) while the build
    fails too: the build's error is the one raised, and the store's folder is removed either way."""
    from qgraph.graph.index import IndexBuilder

    with pytest.raises(RuntimeError, match="the build's own failure"), IndexBuilder(tmp_path / "qgraph.nt") as index:
        folder = index.folder
        index.add_ntriples(b"<a> <b> this is not N-Triples .\n")
        index.start_loading()
        raise RuntimeError("the build's own failure")
    assert not folder.exists()

    # alone, the load's own failure is raised when the builder closes
    with pytest.raises(SyntaxError), IndexBuilder(tmp_path / "qgraph.nt") as index:
        folder = index.folder
        index.add_ntriples(b"<a> <b> this is not N-Triples .\n")
        index.start_loading()
    assert not folder.exists()


def test_index_builder_compacts_the_store_it_commits(tmp_path):
    """Three bulk loads leave RocksDB files overlapping the same keys (a query seeks in each); the committed
    index is compacted into fewer files and holds every triple."""
    from qgraph.graph.index import IndexBuilder

    graph = tmp_path / "qgraph.nt"
    graph.write_text("", encoding="utf-8")
    with IndexBuilder(graph) as index:
        for part in range(3):
            index.add_ntriples(b"".join(b'<https://e.org/s%d> <https://e.org/p> "%d" .\n' % (i, part)
                                        for i in range(part, 3000, 3)))
            index.start_loading()
        index.open()
        loaded = len(list(index.folder.glob("*.sst")))
        index.start_compacting()
        assert index.commit() == 3000
    committed = len(list((tmp_path / "qgraph.nt.index").glob("*.sst")))
    assert committed < loaded
    store = ox.Store.read_only(str(tmp_path / "qgraph.nt.index"))
    assert len(store) == 3000


def test_trimming_gives_memory_back_while_its_block_runs_and_stops_after(monkeypatch):
    """Freed memory is given back every interval while the block runs, and the thread doing it ends with it."""
    import threading
    import time

    from qgraph.graph import memory

    calls: list[float] = []
    monkeypatch.setattr(memory, "release_freed_memory", lambda: calls.append(time.perf_counter()))
    with memory.trimming(every=0.01):
        time.sleep(0.2)
    given = len(calls)
    assert given >= 5
    time.sleep(0.05)
    assert len(calls) == given
    assert not any(thread.name == "qgraph-trim" for thread in threading.enumerate())
