"""`qgraph lead TOPIC`: exact answers checked by reading the documents.

The graph is the built one with the topic synonyms (scheme qg:Topics) added as the build is to emit them."""
from __future__ import annotations

import json

import pytest


def _lead(run, topic_graph, *args):
    result = run("lead", *args, "--graph", str(topic_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _numbers(entry):
    return [c["number"] for c in entry["clauses"]]


def test_lead_product_quality_in_hangzhou_is_the_quality_bureau(run, topic_graph):
    rows = _lead(run, topic_graph, "产品质量", "--city", "hangzhou")
    assert [(r["department"], r["basis"], _numbers(r)) for r in rows] == [("市质监局", "lead (牵头)", ["五.(十五)"])]


@pytest.mark.parametrize("jurisdiction,department,numbers", [
    ("gansu", "省食品药品监管局", ["二.(六)"]),
    ("huairen", "市农业农村局", ["五.(一)"]),
    ("yangzhou", "市市场监管局", ["二.(二)"]),
])
def test_lead_food_safety_per_jurisdiction(run, topic_graph, jurisdiction, department, numbers):
    rows = _lead(run, topic_graph, "食品安全")
    found = {(r["jurisdiction"], r["department"]): _numbers(r) for r in rows}
    assert found[(jurisdiction, department)] == numbers


def test_lead_food_safety_ranks_explicit_before_first_listed(run, topic_graph):
    rows = _lead(run, topic_graph, "食品安全")
    assert {r["jurisdiction"] for r in rows} >= {"gansu", "huairen", "yangzhou"}
    yangzhou = [r for r in rows if r["jurisdiction"] == "yangzhou"]
    assert yangzhou[0]["department"] == "市市场监管局" and yangzhou[0]["basis"] == "sole responsible"
    huairen = next(r for r in rows if r["department"] == "市农业农村局")
    assert huairen["basis"] == "first-listed"
    assert huairen["supporters"] == ["市现代农业发展服务中心", "市草牧业发展中心", "市市场监管局", "市卫体局"]


def test_lead_brand_names_yangzhou_market_regulation(run, topic_graph):
    rows = _lead(run, topic_graph, "品牌", "--city", "yangzhou")
    entry = next(r for r in rows if r["department"] == "市市场监管局")
    assert {"document": "yangzhou-2023", "number": "五.(十五)", "heading": "强化质量品牌建设"} in entry["clauses"]
    assert entry["type"] == "market regulation"


def test_lead_traditional_script_answers_the_same(run, topic_graph):
    assert _lead(run, topic_graph, "檢驗檢測") == _lead(run, topic_graph, "检验检测") != []


def test_lead_english_domain_name(run, topic_graph):
    assert _lead(run, topic_graph, "product quality", "--city", "hangzhou") == \
        _lead(run, topic_graph, "产品质量", "--city", "hangzhou")


def test_lead_unknown_topic_suggests(run, topic_graph):
    result = run("lead", "质量奖项", "--graph", str(topic_graph))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: [QG409] No department leads work on '质量奖项'. Closest known topics: ")
    assert result.stderr.count("\n") == 1
    assert "质量奖" in result.stderr.split("topics: ", 1)[1].strip().split("、")


def test_lead_table_format(run, topic_graph):
    result = run("lead", "产品质量", "--city", "hangzhou", "--graph", str(topic_graph))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["jurisdiction", "place", "department", "type", "basis", "clauses", "supporters"]
    assert lines[2].split()[:3] == ["hangzhou", "杭州市", "市质监局"]
    assert "五.(十五) 加强组织领导" in lines[2]


@pytest.mark.parametrize("synonym,topic", [("电梯", "特种设备"), ("专利", "知识产权"), ("诚信", "信用"),
                                           ("食品药品安全", "食品安全")])
def test_lead_synonym_answers_as_its_topic(run, topic_graph, synonym, topic):
    assert _lead(run, topic_graph, synonym) == _lead(run, topic_graph, topic) != []


def test_lead_expand_reads_the_topic_scheme(topic_graph):
    from qgraph.ask.engine import open_engine
    from qgraph.ask.lead import expand

    engine = open_engine(topic_graph, None)
    assert expand(engine, "专利") == ("专利", "知识产权", "商标")
    assert expand(engine, "质量奖") == ("质量奖",)


def test_lead_basis_labels_come_from_the_graph(run, topic_graph, tmp_path):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(topic_graph), format=ox.RdfFormat.TURTLE)
    store.update('PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> '
                 'DELETE { qg:FirstListed skos:prefLabel ?l } INSERT { qg:FirstListed skos:prefLabel "listed first"@en } '
                 'WHERE { qg:FirstListed skos:prefLabel ?l FILTER(lang(?l) = "en") }')
    changed = tmp_path / "qgraph.ttl"
    changed.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    huairen = next(r for r in _lead(run, changed, "食品安全") if r["department"] == "市农业农村局")
    assert huairen["basis"] == "listed first"


def test_lead_same_answer_from_rdflib(run, topic_graph):
    oxigraph = run("lead", "食品安全", "--graph", str(topic_graph), "--format", "json")
    rdflib = run("lead", "食品安全", "--graph", str(topic_graph), "--format", "json", "--engine", "rdflib")
    assert rdflib.exit_code == 0, rdflib.stderr
    assert json.loads(rdflib.stdout) == json.loads(oxigraph.stdout)
