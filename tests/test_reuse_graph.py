"""Reuse in the built graph: qg:TextReuse nodes, prov:wasDerivedFrom, `qgraph reuse`."""
from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def test_reuse_graph_hefei_to_huairen_first_responsible(graph_engine):
    rows = graph_engine("SELECT ?s ?e ?text WHERE { ?r qg:reusedClause <doc/huairen-2023/clause/6-1> ; "
                        "qg:sourceClause <doc/hefei-2021/clause/3-1-1> ; qg:reusedText ?text ; "
                        "qg:sourceStart ?s ; qg:sourceEnd ?e }")
    assert len(rows) == 1 and "是质量安全第一责任人" in rows[0]["text"]
    source = (DATA / "hefei-2021.txt").read_text(encoding="utf-8")[rows[0]["s"]:rows[0]["e"]]
    assert "質(zhì)量安全第一責(zé)任人" in source   # the span slices Hefei's source as written


def test_reuse_graph_direction_follows_issue_dates(graph_engine):
    rows = graph_engine("SELECT ?later ?earlier WHERE { ?later prov:wasDerivedFrom ?earlier . "
                        "?later qg:document/dcterms:issued ?dl . ?earlier qg:document/dcterms:issued ?de }"
                        .replace("SELECT", "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT"))
    assert rows
    assert {"https://w3id.org/qgraph/id/doc/huairen-2023/clause/3-1",
            "https://w3id.org/qgraph/id/doc/yangzhou-2023/clause/2-2"} <= {r["later"] for r in rows}
    assert not [r for r in rows if "/hefei-2021/" in r["later"] and "/huairen-2023/" in r["earlier"]]


def test_reuse_cli_four_strictest_shared(run, built_graph):
    result = run("reuse", "yangzhou-2023", "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    passage = next(p for p in found["passages"] if p["later_clause"] == "二.(二)")
    assert (passage["earlier"], passage["earlier_clause"]) == ("huairen-2023", "五.(一)")
    assert "严格落实食品安全“四个最严”要求" in passage["later_text"]
    assert passage["diff"] == "食品药品[-质量-]安全。严格落实食品安全“四个最严”要求"
    summary = {(s["later"], s["earlier"]): s for s in found["summary"]}
    assert summary[("yangzhou-2023", "huairen-2023")]["passages"] >= 10


def test_reuse_cli_summary_puts_huairen_from_hefei_first(run, built_graph):
    result = run("reuse", "--graph", str(built_graph), "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert (summary[0]["later"], summary[0]["earlier"]) == ("huairen-2023", "hefei-2021")
    assert summary[0]["characters"] > 1000


def test_reuse_boilerplate_is_hidden_unless_asked(run, built_graph):
    plain = json.loads(run("reuse", "--graph", str(built_graph), "--format", "json").stdout)["passages"]
    every = json.loads(run("reuse", "--graph", str(built_graph), "--boilerplate", "--format", "json").stdout)
    assert not [p for p in plain if p["boilerplate"]]
    assert [p for p in every["passages"] if p["boilerplate"] and "习近平新时代中国特色社会主义思想" in p["later_text"]]


def test_reuse_edge_in_cross_jurisdiction_graph(built_graph, tmp_path):
    from qgraph.ask.engine import open_engine
    from qgraph.viz.pages import write_visualisations

    write_visualisations(open_engine(built_graph, None), tmp_path)
    page = (tmp_path / "cross-jurisdiction.html").read_text(encoding="utf-8")
    assert "text reuse: huairen-2023←hefei-2021" in page
    assert "text reuse: hefei-2021←huairen-2023" not in page
