"""`qgraph build`, `validate` and `query` on the real corpus: facts checked by reading the documents."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from qgraph.ask.engine import open_engine
from qgraph.ask.library import library

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
    from qgraph.graph import triples as graph_module
    from qgraph.errors import ValidationFailed
    from qgraph.vocab import QG
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
    assert result.stdout == f"{built_graph} conforms to the shapes and passes the 3 check queries\n"


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
    concatenated = set(re.findall(r"GROUP_CONCAT\([^)]*\) AS \?(\w+)", query.text))
    assert oxigraph.rows
    assert _unordered(oxigraph.rows, concatenated) == _unordered(rdflib_rows.rows, concatenated)


def _unordered(rows, columns):
    """Rows with GROUP_CONCAT cells sorted: SPARQL leaves the order inside a concatenation open."""
    return [{k: tuple(sorted(re.split("[ 、]", v))) if k in columns else v for k, v in row.items()}
            for row in rows]


def test_build_query_clauses_per_jurisdiction(run, built_graph):
    result = run("query", "clauses-per-jurisdiction", "--graph", str(built_graph), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "jurisdiction,place,clauses,dashItems,characters",
        "huairen,怀仁市,42,6,10261", "yangzhou,扬州市,41,0,9582", "hefei,合肥市,31,0,4417",
        "gansu,甘肃省,28,0,6141", "hangzhou,杭州市,25,0,5234"]


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
    from qgraph.files import index_for

    assert index_for(built_graph) is not None
    copy = tmp_path / "qgraph.ttl"
    copy.write_bytes(built_graph.read_bytes())
    assert index_for(copy) is None
    assert open_engine(copy, None).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] == \
        open_engine(built_graph, None).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]


def test_build_reports_departments_and_no_unknown(run, tmp_path):
    result = run("build", "--out", str(tmp_path / "b"))
    assert result.exit_code == 0
    assert ", 125 departments (0 of unknown type), " in result.stdout
    assert "Warning" not in result.stderr


def test_build_unknown_department_is_kept_and_reported(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.txt").write_text("某县质量强县实施方案\n一、工作任务\n（一）加强观测。开展质量监测。（县天文局、县市场监管局按职责分工负责）\n",
                                encoding="utf-8")
    (data / "documents.yaml").write_text(
        "documents:\n  - id: x-2024\n    file: x.txt\n    title: 某县质量强县实施方案\n    issued: 2024\n"
        "    jurisdiction: {id: x, name_zh: 某县, name_en: X County, level: county, code: '999999'}\n",
        encoding="utf-8")
    result = run("build", "--data", str(data), "--out", str(tmp_path / "b"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("Warning: x-2024 一.(一): department 县天文局 has no known type "
                             "(add a qg:namePattern to ontology/department-types.ttl)\n")
    assert ", 2 departments (1 of unknown type), " in result.stdout
    rows = open_engine(tmp_path / "b" / "qgraph.ttl", None).select(
        "PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label ?type WHERE { ?c qg:responsibleDepartment ?d . ?d rdfs:label ?label ; qg:departmentType ?type } "
        "ORDER BY ?label").rows
    assert [(r["label"], r["type"].rsplit("/", 1)[1]) for r in rows] == [("县天文局", "unknown"),
                                                                          ("县市场监管局", "market-regulation")]


def test_build_hangzhou_quality_bureau_leads_product_quality(graph_engine):
    rows = graph_engine("SELECT ?label ?task ?domain WHERE { ?a qg:assignedIn/qg:document <doc/hangzhou-2011> ; "
                        "qg:role qg:Lead ; qg:agent/rdfs:label ?label ; qg:task ?task ; qg:domain ?domain } ORDER BY ?label")
    assert [(r["label"], r["task"], r["domain"].split("#")[1]) for r in rows] == [
        ("市发改委", "服务质量", "ServiceQuality"), ("市建委", "工程质量", "EngineeringQuality"),
        ("市环保局", "环境质量", "EnvironmentQuality"), ("市质监局", "产品质量", "ProductQuality")]


def test_build_departments_are_per_jurisdiction_and_typed(graph_engine):
    rows = graph_engine('SELECT ?d ?j ?gov WHERE { ?d a qg:Department ; rdfs:label "市市场监管局"@zh ; '
                        "qg:jurisdiction ?j ; org:subOrganizationOf ?gov ; "
                        "qg:departmentType <https://w3id.org/qgraph/department-type/market-regulation> } ORDER BY ?d")
    assert [r["j"].rsplit("/", 1)[1] for r in rows] == ["hefei", "huairen", "yangzhou"]
    assert len({r["d"] for r in rows}) == 3
    assert all(r["gov"] == r["j"] + "/government" for r in rows)


def test_build_reform_leads_2011_bureaus_to_market_regulation(graph_engine):
    rows = graph_engine("SELECT ?label WHERE { ?d qg:jurisdiction <jurisdiction/hangzhou> ; rdfs:label ?label ; "
                        "qg:departmentType/dcterms:isReplacedBy* <https://w3id.org/qgraph/department-type/market-regulation> }")
    assert [r["label"] for r in rows] == ["市质监局"]


def test_build_yangzhou_central_bank_branch_is_responsible(graph_engine):
    rows = graph_engine("SELECT ?position WHERE { <doc/yangzhou-2023/clause/4-8> qg:assignment ?a . "
                        '?a qg:agent/rdfs:label "中国人民银行扬州市分行"@zh ; qg:role qg:Responsible ; qg:listPosition ?position }')
    assert rows == [{"position": 8}]


def test_build_query_departments_by_clauses_led(run, built_graph):
    result = run("query", "departments-by-clauses-led", "--graph", str(built_graph), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "jurisdiction,place,department,type,led,firstListed,shared,supported"
    assert "gansu,甘肃省,省质监局,quality and technical supervision,17,0,1,4" in lines
    # counted in the text: 二.(二), 八.(二十四) lead (牵头 or alone), 11 more clauses list it first: 13 led
    assert "yangzhou,扬州市,市市场监管局,market regulation,13,11,14,0" in lines


def test_build_progress_line_on_a_terminal(capsys):
    from qgraph.cli import _Progress

    progress = _Progress(2, enabled=True)
    for doc, stage in (("a-2020", "done"), ("b-2021", "done"), ("all", "validate")):
        progress(doc, stage)
    progress.close()
    lines = capsys.readouterr().err.split("\r")
    assert lines[1].startswith("[##########..........] 1/2 a-2020: done")
    assert lines[2].startswith("[####################] 2/2 b-2021: done")
    assert lines[3].startswith("[####################] 2/2 all: validate")


def test_build_progress_is_silent_when_disabled(capsys):
    from qgraph.cli import _Progress

    progress = _Progress(2, enabled=False)
    progress("a-2020", "read")
    progress.close()
    assert capsys.readouterr().err == ""
