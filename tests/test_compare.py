"""Targets in the graph and `qgraph compare`: one indicator side by side across jurisdictions."""
from __future__ import annotations

import json

import pytest


def _compare(run, built_graph, indicator):
    result = run("compare", indicator, "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(r["jurisdiction"], r["relation"], r["comparator"], r["value"], r["unit"], r["year"], r["number"])
            for r in json.loads(result.stdout)]


def test_compare_manufacturing_pass_rate_with_related_marked(run, built_graph):
    rows = _compare(run, built_graph, "manufacturing-product-pass-rate")
    assert ("huairen", "same", "≥", 94, "%", "2025", "二.—5") in rows
    assert ("yangzhou", "same", "≥", 95, "%", "2025", "一") in rows
    assert ("hefei", "related", "≥", 95, "%", "2025", "二.(一)") in rows
    assert not [r for r in rows if r[0] == "hefei" and r[1] == "same"]


def test_compare_food_sampling_pass_rate_leaves_out_coverage(run, built_graph):
    rows = _compare(run, built_graph, "食品抽检合格率")
    assert rows == [("huairen", "same", "≥", 98, "%", "2025", "二.—5"),
                    ("yangzhou", "same", "≥", 98, "%", "2025", "一")]


def test_compare_traditional_label_and_english_label(run, built_graph):
    assert _compare(run, built_graph, "製造業產品質量合格率") == \
        _compare(run, built_graph, "manufacturing product quality pass rate")


def test_compare_unknown_indicator_lists_known(run, built_graph):
    result = run("compare", "天文观测次数", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert "[QG405] no indicator matches '天文观测次数' (known: " in result.stderr
    assert "food-sampling-pass-rate" in result.stderr


@pytest.mark.parametrize("doc_id,count", [("hefei-2021", 16), ("huairen-2023", 5), ("hangzhou-2011", 18),
                                          ("gansu-2015", 4), ("yangzhou-2023", 75)])
def test_compare_targets_per_document_in_graph(graph_engine, doc_id, count):
    rows = graph_engine(f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a qg:Target ; qg:statedIn/qg:document <doc/{doc_id}> }}")
    assert rows == [{"n": count}]


def test_compare_target_offsets_slice_the_source(graph_engine):
    from pathlib import Path

    rows = graph_engine("SELECT ?file ?src ?s ?e WHERE { ?t a qg:Target ; qg:sourceText ?src ; qg:charStart ?s ; "
                        "qg:charEnd ?e ; qg:statedIn/qg:document/qg:sourceFile ?file }")
    data = Path(__file__).resolve().parent.parent / "data"
    for row in rows:
        assert (data / row["file"]).read_text(encoding="utf-8")[row["s"]:row["e"]] == row["src"]


def test_compare_hefei_targets_inherit_2025_from_their_section(graph_engine):
    rows = graph_engine("SELECT ?m ?v ?y WHERE { ?t qg:statedIn <doc/hefei-2021/clause/2-4> ; qg:metric ?m ; "
                        "qg:value ?v ; qg:targetYear ?y FILTER(CONTAINS(?m, '森林覆盖率')) }")
    assert [(str(r["v"]), r["y"]) for r in rows] == [("28.6", "2025")]


def test_compare_yangzhou_label_line_states_the_domain(graph_engine):
    rows = graph_engine("SELECT ?method WHERE { ?t qg:statedIn <doc/yangzhou-2023/clause/1> ; qg:metric ?m ; "
                        "qg:domainAssignment ?da . ?da qg:domain qg:ProductQuality ; qg:method ?method "
                        "FILTER(?m = '制造业产品质量合格率'@zh) }")
    assert [r["method"].split("#")[1] for r in rows] == ["Stated"]


def test_compare_gansu_targets_due_in_the_plan_year(graph_engine):
    rows = graph_engine("SELECT DISTINCT ?y WHERE { ?t qg:statedIn/qg:document <doc/gansu-2015> ; qg:targetYear ?y }")
    assert rows == [{"y": "2015"}]
