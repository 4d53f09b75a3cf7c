"""Say what can be asked: `qgraph jurisdictions`, `indicators` and `topics`, with counts read from the graph
(checked against the coverage of the five documents and their targets)."""
from __future__ import annotations

import json


def test_listing_jurisdictions_counts(run, built_graph):
    result = run("jurisdictions", "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0
    rows = {r["jurisdiction"]: (r["place"], r["level"], r["documents"], r["clauses"], r["targets"])
            for r in json.loads(result.stdout)}
    assert rows == {"gansu": ("甘肃省", "province", 1, 28, 4), "hangzhou": ("杭州市", "prefecture", 1, 25, 18),
                    "hefei": ("合肥市", "prefecture", 1, 31, 16), "huairen": ("怀仁市", "county", 1, 42, 5),
                    "yangzhou": ("扬州市", "prefecture", 1, 41, 75)}


def test_listing_indicators_every_concept_with_its_targets(run, built_graph):
    rows = json.loads(run("indicators", "--graph", str(built_graph), "--format", "json").stdout)
    by_id = {r["indicator"]: r for r in rows}
    assert len(rows) == 30
    assert (by_id["manufacturing-product-pass-rate"]["label"], by_id["manufacturing-product-pass-rate"]["targets"]) \
        == ("制造业产品质量合格率", 2)
    assert [r["targets"] for r in rows] == sorted((r["targets"] for r in rows), reverse=True)


def test_listing_topics_domains_and_synonym_groups(run, built_graph):
    rows = json.loads(run("topics", "--graph", str(built_graph), "--format", "json").stdout)
    kinds = {r["topic"]: r["kind"] for r in rows}
    assert kinds["产品质量"] == "domain" and kinds["食品安全"] == "topic" and kinds["知识产权"] == "topic"
    food = next(r for r in rows if r["topic"] == "食品安全")
    assert set(food["also"].split("、")) == {"食品药品安全", "食品质量安全"}
