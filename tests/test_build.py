"""`qgraph build`, `validate` and `query` on the real corpus: facts checked by reading the documents."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from qgraph.engine import open_engine
from qgraph.query import library

REPO = Path(__file__).resolve().parent.parent


def test_build_yangzhou_number_and_date(graph_engine):
    rows = graph_engine('SELECT ?n ?d ?dt WHERE { <doc/yangzhou-2023> eli:id_local ?n ; dcterms:issued ?d '
                        'BIND(DATATYPE(?d) AS ?dt) }')
    assert rows == [{"n": "扬府发〔2023〕141号", "d": "2023-12-11",
                     "dt": "http://www.w3.org/2001/XMLSchema#date"}]


def test_build_gansu_is_a_province(graph_engine):
    rows = graph_engine('SELECT ?code ?en ?level WHERE { <jurisdiction/gansu> a qg:Province ; qg:adminCode ?code ; '
                        'rdfs:label ?en ; qg:adminLevel ?level FILTER(lang(?en) = "en") }')
    assert rows == [{"code": "620000", "en": "Gansu",
                     "level": "https://w3id.org/qgraph/ontology#ProvinceLevel"}]


def test_build_gansu_clause_seven_under_section_two(graph_engine):
    rows = graph_engine('SELECT ?heading ?parent ?number ?order WHERE { ?c qg:document <doc/gansu-2015> ; '
                        'qg:number ?number ; qg:heading ?heading ; qg:order ?order ; dcterms:isPartOf/qg:number ?parent '
                        'FILTER(?number = "二.(七)") }')
    assert rows == [{"heading": "加强消费品等重点产品质量安全监管", "parent": "二", "number": "二.(七)", "order": 11}]


def test_build_huairen_covering_notice(graph_engine):
    rows = graph_engine('SELECT ?n ?d ?doc WHERE { ?notice a qg:CoveringNotice ; eli:id_local ?n ; '
                        'dcterms:issued ?d ; qg:promulgates ?doc }')
    assert rows == [{"n": "怀政发〔2023〕29号", "d": "2023-06-22",
                     "doc": "https://w3id.org/qgraph/id/doc/huairen-2023"}]


def test_build_clause_offsets_slice_the_source(graph_engine):
    rows = graph_engine("SELECT ?file ?src ?s ?e WHERE { ?c qg:document ?d ; qg:sourceText ?src ; "
                        "qg:charStart ?s ; qg:charEnd ?e . ?d qg:sourceFile ?file }")
    assert len(rows) == 197
    texts = {}
    for row in rows:
        text = texts.setdefault(row["file"], (REPO / "data" / row["file"]).read_text(encoding="utf-8"))
        assert text[row["s"]:row["e"]] == row["src"]


def test_build_summary_line_and_quiet_pipe(run, tmp_path):
    result = run("build", "--out", str(tmp_path / "b"))
    assert result.exit_code == 0
    assert result.stderr == ""  # no progress display when stderr is not a terminal
    line = result.stdout.strip()
    assert line.startswith(f"Wrote {tmp_path / 'b' / 'qgraph.ttl'}: 5 documents, 197 clauses, ")
    assert line.endswith(" s") and " triples in " in line


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_build_is_byte_identical_across_processes(tmp_path, fmt):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "qgraph.cli", "build", "--out", str(out), "--format", fmt, "-q"],
                       check=True, env=env, cwd=REPO, capture_output=True)
        outputs.append((out / f"qgraph.{fmt}").read_bytes())
    assert outputs[0] == outputs[1]


def test_build_formats_hold_the_same_graph(tmp_path, built_graph):
    from qgraph.pipeline import build

    graphs = [rdflib.Graph().parse(built_graph, format="turtle")]
    for fmt, parser in (("nt", "nt"), ("jsonld", "json-ld")):
        path = build(REPO / "data" / "documents.yaml", tmp_path, fmt).path
        graphs.append(rdflib.Graph().parse(path, format=parser))
    assert len(graphs[0]) == len(graphs[1]) == len(graphs[2])
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[1], graphs[2])


def test_build_failure_leaves_previous_graph(tmp_path, monkeypatch):
    """A build whose graph breaks the shapes writes nothing: the previous graph and index stay."""
    from qgraph import graph as graph_module
    from qgraph.errors import ValidationFailed
    from qgraph.namespaces import QG
    from qgraph.pipeline import build

    first = build(REPO / "data" / "documents.yaml", tmp_path)
    before = first.path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    original = graph_module.clause_triples
    monkeypatch.setattr(graph_module, "clause_triples",
                        lambda clause, source: [t for t in original(clause, source) if t.predicate != QG.text])
    with pytest.raises(ValidationFailed) as caught:
        build(REPO / "data" / "documents.yaml", tmp_path, workers=1)
    assert "qg:text" in caught.value.violations[0]
    assert first.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_build_bad_manifest_writes_nothing(run, data_copy, tmp_path):
    (data_copy / "documents.yaml").write_text("documents:\n  - id: x\n", encoding="utf-8")
    result = run("build", "--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "[QG104]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_validate_command_passes(run, built_graph):
    result = run("validate", str(built_graph))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{built_graph} conforms to the shapes (")


@pytest.mark.parametrize("breakage,expected", [
    ("DELETE WHERE { <doc/gansu-2015/clause/2-7> qg:text ?t }",
     "<https://w3id.org/qgraph/id/doc/gansu-2015/clause/2-7> qg:text: "),
    ("INSERT DATA { <doc/gansu-2015/clause/2-7> dcterms:isPartOf <doc/gansu-2015/clause/1> }",
     "<https://w3id.org/qgraph/id/doc/gansu-2015/clause/2-7> dcterms:isPartOf: "),
    ("INSERT DATA { id:t1 a qg:Target ; qg:statedIn <doc/gansu-2015/clause/2-7> ; qg:metric \"合格率\"@zh ; "
     "qg:value 95.0 ; qg:unit \"%\" ; qg:comparator qg:Roughly ; qg:sourceText \"95%\" ; qg:charStart 1 ; qg:charEnd 3 }",
     "<https://w3id.org/qgraph/id/t1> qg:comparator: "),
])
def test_build_validate_rejects_broken_graph(run, built_graph, tmp_path, breakage, expected):
    graph = rdflib.Graph().parse(built_graph, format="turtle")
    graph.update("PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                 "PREFIX id: <https://w3id.org/qgraph/id/> BASE <https://w3id.org/qgraph/id/> " + breakage)
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    result = run("validate", str(broken))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert any(line.strip().startswith(expected) for line in lines), lines
    assert lines[-1].startswith(f"Error: {broken}: [QG301] the graph does not conform to the shapes: ")


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_build_library_query_same_rows_on_both_engines(built_graph, query):
    oxigraph = open_engine(built_graph, None, "oxigraph").select(query.text, query.name)
    rdflib_rows = open_engine(built_graph, None, "rdflib").select(query.text, query.name)
    assert oxigraph.columns == rdflib_rows.columns
    assert oxigraph.rows and oxigraph.rows == rdflib_rows.rows


def test_build_query_clauses_per_jurisdiction(run, built_graph):
    result = run("query", "clauses-per-jurisdiction", "--graph", str(built_graph), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "jurisdiction,name,clauses,characters",
        "huairen,Huairen,48,10261", "yangzhou,Yangzhou,41,9582", "hefei,Hefei,31,4417",
        "gansu,Gansu,28,6141", "hangzhou,Hangzhou,25,5234"]


def test_build_query_syntax_error_is_one_line(run, built_graph, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX qg: <https://w3id.org/qgraph/ontology#>\nSELECT ?x\nWHERE { ?x qg:number }\n",
                   encoding="utf-8")
    result = run("query", str(bad), "--graph", str(built_graph))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {bad}:3: [QG401]")


def test_build_query_unknown_name_lists_library(run, built_graph):
    result = run("query", "no-such-query", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert "[QG404] no query named 'no-such-query' in the library (known: clause-tree," in result.stderr


def test_build_query_missing_graph(run, tmp_path):
    result = run("query", "clause-tree", "--graph", str(tmp_path / "none.ttl"))
    assert result.exit_code == 1
    assert "[QG120] graph file not found (run `qgraph build` first)" in result.stderr


def test_build_query_parameter(run, built_graph):
    result = run("query", "clause-tree", "--graph", str(built_graph), "--param", "doc_id=yangzhou-2023",
                 "--format", "json")
    assert result.exit_code == 0
    import json
    rows = json.loads(result.stdout)
    assert len(rows) == 47
    assert rows[-2]["number"] == "十.(三十一)" and rows[-2]["heading"] == "强化督查考核"


def test_build_index_is_used_only_while_file_matches(built_graph, tmp_path):
    from qgraph.index import index_for

    assert index_for(built_graph) is not None
    copy = tmp_path / "qgraph.ttl"
    copy.write_bytes(built_graph.read_bytes())
    assert index_for(copy) is None
    assert open_engine(copy, None).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] == \
        open_engine(built_graph, None).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
