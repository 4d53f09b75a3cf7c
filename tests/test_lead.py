"""`qgraph lead TOPIC`: exact answers checked by reading the documents."""
from __future__ import annotations

import json

import pytest


def _lead(run, built_graph, *args):
    result = run("lead", *args, "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _numbers(entry):
    return [c["number"] for c in entry["clauses"]]


def test_lead_product_quality_in_hangzhou_is_the_quality_bureau(run, built_graph):
    rows = _lead(run, built_graph, "产品质量", "--city", "hangzhou")
    assert [(r["department"], r["basis"], _numbers(r)) for r in rows] == [("市质监局", "lead (牵头)", ["五.(十五)"])]


@pytest.mark.parametrize("jurisdiction,department,numbers", [
    ("gansu", "省食品药品监管局", ["二.(六)"]),
    ("huairen", "市农业农村局", ["五.(一)"]),
    ("yangzhou", "市市场监管局", ["二.(二)"]),
])
def test_lead_food_safety_per_jurisdiction(run, built_graph, jurisdiction, department, numbers):
    rows = _lead(run, built_graph, "食品安全")
    found = {(r["jurisdiction"], r["department"]): _numbers(r) for r in rows}
    assert found[(jurisdiction, department)] == numbers


def test_lead_food_safety_ranks_explicit_before_first_listed(run, built_graph):
    rows = _lead(run, built_graph, "食品安全")
    assert {r["jurisdiction"] for r in rows} >= {"gansu", "huairen", "yangzhou"}
    yangzhou = [r for r in rows if r["jurisdiction"] == "yangzhou"]
    assert yangzhou[0]["department"] == "市市场监管局" and yangzhou[0]["basis"] == "sole responsible"
    huairen = next(r for r in rows if r["department"] == "市农业农村局")
    assert huairen["basis"] == "first-listed"
    assert huairen["supporters"] == ["市现代农业发展服务中心", "市草牧业发展中心", "市市场监管局", "市卫体局"]


def test_lead_brand_names_yangzhou_market_regulation(run, built_graph):
    rows = _lead(run, built_graph, "品牌", "--city", "yangzhou")
    entry = next(r for r in rows if r["department"] == "市市场监管局")
    assert {"document": "yangzhou-2023", "number": "五.(十五)", "heading": "强化质量品牌建设"} in entry["clauses"]
    assert entry["type"] == "market regulation"


def test_lead_traditional_script_answers_the_same(run, built_graph):
    assert _lead(run, built_graph, "檢驗檢測") == _lead(run, built_graph, "检验检测") != []


def test_lead_english_domain_name(run, built_graph):
    assert _lead(run, built_graph, "product quality", "--city", "hangzhou") == \
        _lead(run, built_graph, "产品质量", "--city", "hangzhou")


def test_lead_unknown_topic_suggests(run, built_graph):
    result = run("lead", "质量奖项", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: [QG409] No department leads work on '质量奖项'. Closest known topics: ")
    assert result.stderr.count("\n") == 1
    assert "质量奖" in result.stderr.split("topics: ", 1)[1].strip().split("、")


def test_lead_table_format(run, built_graph):
    result = run("lead", "产品质量", "--city", "hangzhou", "--graph", str(built_graph))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["jurisdiction", "place", "department", "type", "basis", "clauses", "supporters"]
    assert lines[2].split()[:3] == ["hangzhou", "杭州市", "市质监局"]
    assert "五.(十五) 加强组织领导" in lines[2]
