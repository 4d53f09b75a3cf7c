"""The analysts' target queries (queries/targets-of-jurisdiction.rq, indicator-side-by-side.rq): one row per
target, the comparator by its ontology name with its symbol beside it, a change with its baseline."""
from __future__ import annotations

import json

import pytest


def _query(run, built_graph, name, **params):
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    result = run("query", name, *args, "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("jurisdiction,targets", [("hangzhou", 18), ("hefei", 16), ("gansu", 4)])
def test_targets_of_jurisdiction_repeated_once_per_domain_is_one_row_per_target(run, built_graph, graph_engine,
                                                                               jurisdiction, targets):
    # Hangzhou gave 48 rows for its 18 targets: one per domain
    rows = _query(run, built_graph, "targets-of-jurisdiction", jurisdiction_id=jurisdiction)
    counted = graph_engine(f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a qg:Target ; qg:statedIn/qg:document/"
                           f"qg:jurisdiction/dcterms:identifier '{jurisdiction}' }}")
    assert len(rows) == counted[0]["n"] == targets


def test_targets_of_jurisdiction_joins_a_targets_own_domains(run, built_graph, graph_engine):
    rows = _query(run, built_graph, "targets-of-jurisdiction", jurisdiction_id="hangzhou")
    several = graph_engine("SELECT ?m (COUNT(DISTINCT ?d) AS ?n) WHERE { ?t qg:metric ?m ; qg:domain ?d ; "
                           "qg:statedIn/qg:document <doc/hangzhou-2011> } GROUP BY ?t ?m HAVING (COUNT(DISTINCT ?d) > 1)")
    for row in several:
        found = [r for r in rows if r["metric"] == row["m"]]
        assert found and all(len(r["domain"].split(" / ")) == row["n"] for r in found)


@pytest.mark.parametrize("name,params", [("indicator-side-by-side", {"indicator_id": "food-sampling-pass-rate"}),
                                         ("targets-of-jurisdiction", {"jurisdiction_id": "yangzhou"})])
def test_target_queries_give_comparator_name_and_symbol(run, built_graph, name, params):
    rows = _query(run, built_graph, name, **params)
    signs = {"AtLeast": "≥", "GreaterThan": ">", "Equal": "=", "AtMost": "≤", "LessThan": "<",
             "Approximately": "≈"}
    assert rows and all(signs[r["comparator"]] == r["comparatorSymbol"] for r in rows)


def test_indicator_side_by_side_shows_a_decrease_and_its_baseline(run, built_graph):
    rows = _query(run, built_graph, "indicator-side-by-side", indicator_id="energy-use-per-unit-industrial-value-added")
    assert [(r["jurisdiction"], r["comparator"], r["value"], r["change"], r["baseline"]) for r in rows] == \
        [("yangzhou", "Equal", 17, "Decrease", "2020")]
