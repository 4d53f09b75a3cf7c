"""Targets in the graph and `qgraph compare`: one indicator side by side across jurisdictions."""
from __future__ import annotations

import json

import pytest


def _compare(run, built_graph, indicator, *args):
    result = run("compare", indicator, *args, "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(r["jurisdiction"], r["relation"], r["comparator"], r["value"], r["unit"], r["year"], r["number"])
            for r in json.loads(result.stdout)]


def test_compare_manufacturing_pass_rate_with_related_marked(run, built_graph):
    rows = _compare(run, built_graph, "manufacturing-product-pass-rate")
    assert ("huairen", "same", "AtLeast", 94, "%", "2025", "二.—5") in rows
    assert ("yangzhou", "same", "AtLeast", 95, "%", "2025", "一") in rows
    assert ("hefei", "related", "AtLeast", 95, "%", "2025", "二.(一)") in rows
    assert not [r for r in rows if r[0] == "hefei" and r[1] == "same"]


def test_compare_food_sampling_pass_rate_leaves_out_coverage(run, built_graph):
    rows = _compare(run, built_graph, "食品抽检合格率")
    assert rows == [("huairen", "same", "AtLeast", 98, "%", "2025", "二.—5"),
                    ("yangzhou", "same", "AtLeast", 98, "%", "2025", "一")]


def test_compare_traditional_label_and_english_label(run, built_graph):
    assert _compare(run, built_graph, "製造業產品質量合格率") == \
        _compare(run, built_graph, "manufacturing product quality pass rate")


def test_compare_decrease_against_baseline_is_not_shown_as_equal(run, built_graph):
    # 单位规模以上工业增加值能源消耗较2020年下降17% was printed as "= 17 %"
    table = run("compare", "单位规模以上工业增加值能源消耗", "--graph", str(built_graph))
    assert table.exit_code == 0, table.stderr
    assert "↓ vs 2020" in table.stdout.splitlines()[2]
    rows = json.loads(run("compare", "单位规模以上工业增加值能源消耗", "--graph", str(built_graph),
                          "--format", "json").stdout)
    assert [(r["jurisdiction"], r["comparator"], r["value"], r["unit"], r["change"], r["baseline"]) for r in rows] == \
        [("yangzhou", "Equal", 17, "%", "Decrease", "2020")]
    csv_header = run("compare", "单位规模以上工业增加值能源消耗", "--graph", str(built_graph), "--format", "csv")
    assert {"change", "baseline"} <= set(csv_header.stdout.splitlines()[0].split(","))


def test_compare_units_differ_within_one_indicator_are_flagged_and_grouped(run, built_graph):
    # Huairen 83 % and Yangzhou 82 分 were listed as one measure without a word
    rows = json.loads(run("compare", "public-service-satisfaction", "--graph", str(built_graph),
                          "--format", "json").stdout)
    assert [(r["jurisdiction"], r["value"], r["unit"], r["note"]) for r in rows] == [
        ("huairen", 83, "%", "units differ: %, 分"), ("yangzhou", 82, "分", "units differ: %, 分")]
    same_unit = json.loads(run("compare", "食品抽检合格率", "--graph", str(built_graph), "--format", "json").stdout)
    assert {r["note"] for r in same_unit} == {""}


@pytest.mark.parametrize("fmt,sign", [("table", "≥"), ("json", "AtLeast"), ("csv", "AtLeast")])
def test_compare_comparator_is_a_symbol_in_tables_and_a_local_name_in_data(run, built_graph, fmt, sign):
    result = run("compare", "食品抽检合格率", "--graph", str(built_graph), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert {r["comparator"] for r in json.loads(result.stdout)} == {sign}
    else:
        assert all(sign in line for line in result.stdout.splitlines()[2 if fmt == "table" else 1:])


@pytest.mark.parametrize("city", ["yangzhou", "扬州市", "扬州", "Yangzhou", "yangzhou ", "揚州"])
def test_compare_city_by_id_or_any_name(run, built_graph, city):
    rows = _compare(run, built_graph, "制造业产品质量合格率", "--city", city)
    assert {r[0] for r in rows} == {"yangzhou"} and ("yangzhou", "same", "AtLeast", 95, "%", "2025", "一") in rows


def test_compare_unknown_city_is_a_usage_error(run, built_graph):
    result = run("compare", "制造业产品质量合格率", "--city", "苏州", "--graph", str(built_graph))
    assert result.exit_code == 2 and result.stdout == ""
    assert "no jurisdiction is named '苏州' (known: gansu 甘肃省, hangzhou 杭州市, hefei 合肥市, huairen 怀仁市, " \
           "yangzhou 扬州市)" in result.stderr


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


@pytest.mark.parametrize("query,closest", [
    ("能耗", "energy-use-per-unit-industrial-value-added (单位工业增加值能耗)"),
    ("满意度", "public-service-satisfaction (公共服务质量满意度)"),
    ("发明专利", "invention-patents-per-10k-people (每万人发明专利拥有量)"),
])
def test_compare_unknown_indicator_suggests_the_nearest(run, built_graph, query, closest):
    result = run("compare", query, "--graph", str(built_graph))
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith(f"Error: [QG405] no indicator matches '{query}' (closest: ") and closest in line
