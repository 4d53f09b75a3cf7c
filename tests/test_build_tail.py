"""The build's tail streamed: reuse a later document at a time, N-Triples lines sorted on disk, blocks serialised
from sorted lines into files the writer copies; the same bytes as the in-memory way on the bundled corpus."""
from __future__ import annotations

import io
from dataclasses import astuple, replace

import pyoxigraph as ox
import pytest
import yaml
from rapidfuzz.distance import Indel

from qgraph.files import index_for
from qgraph.graph.aggregates import aggregate_ntriples, aggregate_triples
from qgraph.graph.export import GraphWriter, block_file, data_block, sort_triples
from qgraph.graph.reuse import _keyed, align, find_reuse, reuse_by_document, reuse_rules
from qgraph.graph.spool import SortedLines
from qgraph.graph.triples import reuse_ntriples, reuse_triples
from qgraph.resources import repo_data_dir, resource_path
from qgraph.rules import _LineLoader, load_yaml_with_lines
from qgraph.vocab import QG, Triple, literal

DOC_ORDER = ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")


@pytest.fixture(scope="module")
def graph_lines(built_graph) -> list[bytes]:
    """The bundled graph's N-Triples lines, in the order the store gives them (not sorted)."""
    store = ox.Store.read_only(str(index_for(built_graph)))
    return ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)


def test_sorted_lines_merge_runs_spilled_to_disk_in_the_order_of_triples_text(graph_lines):
    sorter = SortedLines(run_bytes=256 << 10)     # the bundled graph's ~3 MB in a dozen runs
    for n in range(0, len(graph_lines), 997):
        sorter.add(b"".join(graph_lines[n:n + 997]))
    sorter.add(b"".join(graph_lines[:500]))       # lines seen twice come out once
    assert len(sorter.runs) >= 10
    merged = list(sorter)
    assert merged == sorted(set(graph_lines))
    triples = [q.triple for q in ox.parse(b"".join(graph_lines), format=ox.RdfFormat.N_TRIPLES)]
    assert b"".join(merged) == data_block(sort_triples(triples), "nt", ordered=True)
    assert sorter.runs == []


def test_sorted_lines_take_whole_lines_only():
    with pytest.raises(ValueError, match="whole lines"):
        SortedLines().add(b'<https://w3id.org/qgraph/id/doc/a> <https://w3id.org/qgraph/ontology#b> "c" .')


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_block_file_writes_the_bytes_data_block_writes(graph_lines, fmt):
    lines = sorted(set(graph_lines))
    triples = [q.triple for q in ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)]
    head, middle = [Triple(QG.c1, QG.text, literal("第一条"))], [Triple(QG.c2, QG.text, literal("第二条"))]
    outputs = []
    for tail in (data_block(triples, fmt), block_file(lines, fmt)):
        writer, out = GraphWriter(fmt), io.BytesIO()
        writer.add(data_block(middle, fmt))
        writer.write(out, head=[data_block(head, fmt)], tail=[tail, block_file([], fmt)])
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1_000_000


@pytest.fixture(scope="module")
def reuses(corpus):
    return find_reuse([corpus[d] for d in DOC_ORDER])


def test_reuse_by_document_gives_find_reuse_a_later_document_at_a_time(corpus, reuses):
    batches = list(reuse_by_document([corpus[d] for d in DOC_ORDER]))
    later = [batch[0].later_doc for batch in batches]
    assert later == sorted(later) and all({r.later_doc for r in b} == {b[0].later_doc} for b in batches)
    flat = sorted((r for b in batches for r in b), key=lambda r: (r.later_doc, r.later_span, r.earlier_doc,
                                                                    r.earlier_span))
    assert [astuple(r) for r in flat] == [astuple(r) for r in reuses]
    plain = [r for b in reuse_by_document([corpus[d] for d in DOC_ORDER], diffs=False) for r in b]
    assert {r.diff for r in plain} == {()}
    assert sorted(astuple(replace(r, diff=())) for r in reuses) == sorted(astuple(r) for r in plain)
    assert any(r.diff for r in reuses)


def test_reuse_ntriples_are_the_lines_of_reuse_triples(reuses):
    awkward = replace(reuses[0], later_text='“四个最严”\\"要求"\n\t', earlier_text="a\rb", boilerplate=True)
    for found in (reuses, [*reuses, awkward]):
        assert reuse_ntriples(found) == data_block(reuse_triples(found), "nt", ordered=True)
    assert reuse_ntriples(reuses).count(b"ontology#TextReuse>") == len(reuses) == 35


def _align_by_column(x: str, y: str, min_chars: int, x_from: int, y_from: int) -> list[tuple]:
    """Local alignment as the X-drop scan reads it, one column at a time: the reference for :func:`align`."""
    rules = reuse_rules()
    kx, ky = _keyed(x, rules, x_from), _keyed(y, rules, y_from)
    columns: list[tuple[int, int, int, bool]] = []
    dels: list[int] = []
    ins: list[int] = []

    def flush() -> None:
        n = min(len(dels), len(ins))
        columns.extend((rules.mismatch, i, j, False) for i, j in zip(dels, ins, strict=False))
        columns.extend([(rules.gap, i, -1, False) for i in dels[n:]] + [(rules.gap, -1, j, False) for j in ins[n:]])
        dels.clear()
        ins.clear()

    for op in Indel.opcodes(kx.key, ky.key):
        if op.tag == "equal":
            flush()
            columns.extend((rules.match, i, j, True) for i, j in zip(range(op.src_start, op.src_end),
                                                                     range(op.dest_start, op.dest_end), strict=True))
        elif op.tag == "delete":
            dels.extend(range(op.src_start, op.src_end))
        else:
            ins.extend(range(op.dest_start, op.dest_end))
    flush()
    found: list[tuple] = []

    def close(first: int, last: int) -> None:
        span = columns[first:last + 1]
        xs, ys = [c[1] for c in span if c[1] >= 0], [c[2] for c in span if c[2] >= 0]
        if first >= 0 and sum(c[3] for c in span) >= min_chars:
            found.append(((kx.at[xs[0]], kx.at[xs[-1]] + 1), (ky.at[ys[0]], ky.at[ys[-1]] + 1), len(span),
                          sum(c[3] for c in span)))

    score = best = 0
    first = best_end = -1
    for n, (points, *_rest) in enumerate(columns):
        if first < 0:
            if points <= 0:
                continue
            first, score, best, best_end = n, 0, 0, n
        score += points
        if score > best:
            best, best_end = score, n
        elif score <= 0 or best - score > rules.x_drop:
            close(first, best_end)
            first, score = -1, 0
    close(first, best_end)
    return found


def test_align_by_runs_finds_what_a_column_by_column_scan_finds(corpus):
    clauses = [c for d in DOC_ORDER for c in corpus[d].clauses if len(c.text) >= 30]
    pairs = [(a, b) for a in clauses[::4] for b in clauses[1::9]]
    passages = 0
    for a, b in pairs:
        for min_chars in (8, 20):
            got = [(p.x, p.y, p.columns, p.identical) for p in align(a.text, b.text, min_chars, 1, 0)]
            assert got == _align_by_column(a.text, b.text, min_chars, 1, 0)
            passages += len(got)
    assert len(pairs) == 646 and passages >= 100   # near copies and unrelated clauses alike


def test_aggregate_ntriples_are_the_sorted_lines_of_aggregate_triples(built_graph):
    store = ox.Store.read_only(str(index_for(built_graph)))
    lines = aggregate_ntriples(store)
    assert lines == data_block(aggregate_triples(store), "nt")
    assert lines.count(b"cube#Observation>") > 100


def test_yaml_read_by_libyaml_is_what_pyyaml_reads():
    for path in [repo_data_dir() / "documents.yaml", *sorted(resource_path("rules").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        assert load_yaml_with_lines(path) == yaml.load(text, Loader=_LineLoader), path
