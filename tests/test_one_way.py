"""One way to say each thing, in every command and every library query: a jurisdiction as its id and its
Chinese name; a comparator as a symbol in tables and as the ontology's name in csv/json; a change's arrow
from the graph; clauses counted once (numbered clauses, dash items apart); no hidden default naming a
document or a place."""
from __future__ import annotations

import csv
import io
import json

import pytest

from qgraph.ask.library import library
from qgraph.render import char_width

SYMBOLS = {"AtLeast": "≥", "GreaterThan": ">", "Equal": "=", "AtMost": "≤", "LessThan": "<", "Approximately": "≈"}
PLACES = {"gansu": "甘肃省", "hangzhou": "杭州市", "hefei": "合肥市", "huairen": "怀仁市", "yangzhou": "扬州市"}
PARAMS = {"clause-tree": ["--param", "doc_id=hefei-2021"]}   # the one library query that needs its parameter


def _table(text: str) -> list[dict[str, str]]:
    """A table as printed (header, dashes, rows; columns by display width) back into rows of cells."""
    lines = text.splitlines()
    header, dashes = lines[0], lines[1]
    spans, at = [], 0
    for run in dashes.split("  "):
        spans.append((at, at + len(run)))
        at += len(run) + 2
    names = [_cut(header, a, b) for a, b in spans]
    return [{n: _cut(line, a, b) for n, (a, b) in zip(names, spans, strict=True)} for line in lines[2:]]


def _cut(line: str, start: int, end: int) -> str:
    """The characters of ``line`` between display columns ``start`` and ``end``."""
    kept, column = [], 0
    for ch in line:
        if start <= column < end:
            kept.append(ch)
        column += char_width(ch)
    return "".join(kept).strip()


def _ok(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- comparators and changes ------------------------------------------------------------------------

COMPARING = [("compare", "制造业产品质量合格率"), ("query", "targets-of-jurisdiction"),
             ("query", "indicator-side-by-side")]


@pytest.mark.parametrize("command", COMPARING, ids=" ".join)
def test_comparator_is_a_symbol_in_every_table(run, built_graph, command):
    # targets-of-jurisdiction and indicator-side-by-side printed AtLeast in their tables, compare printed ≥
    rows = _table(_ok(run(*command, "--graph", str(built_graph), "--wide")))
    assert rows and {r["comparator"] for r in rows} <= set(SYMBOLS.values())
    assert all("comparatorSymbol" not in r for r in rows)


@pytest.mark.parametrize("command", COMPARING, ids=" ".join)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_comparator_is_the_ontology_name_in_every_csv_and_json(run, built_graph, command, fmt):
    text = _ok(run(*command, "--graph", str(built_graph), "--format", fmt))
    rows = json.loads(text) if fmt == "json" else list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["comparator"] for r in rows} <= set(SYMBOLS)


def test_change_arrow_was_hard_coded_and_comes_from_the_graph(run, built_graph, tmp_path):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(built_graph), format=ox.RdfFormat.TURTLE)
    assert {str(r["n"].value) for r in store.query(
        "PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?n WHERE { VALUES ?c { qg:Increase qg:Decrease } ?c skos:notation ?n }")} == {"↑", "↓"}
    store.update("PREFIX qg: <https://w3id.org/qgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                 'DELETE { qg:Decrease skos:notation ?n } INSERT { qg:Decrease skos:notation "▼" } '
                 "WHERE { qg:Decrease skos:notation ?n }")
    changed = tmp_path / "qgraph.ttl"
    changed.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    energy = "energy-use-per-unit-industrial-value-added"
    assert [r["change"] for r in _table(_ok(run("compare", energy, "--graph", str(changed))))] == ["▼ vs 2020"]
    side = _table(_ok(run("query", "indicator-side-by-side", "--param", f"indicator_id={energy}",
                          "--graph", str(changed), "--wide")))
    assert [(r["change"], r["baseline"]) for r in side] == [("▼", "2020")]


# --- jurisdictions: id and Chinese name ---------------------------------------------------------------

PAIRS = [("jurisdiction", "place"), ("later", "laterPlace"), ("earlier", "earlierPlace"),
         ("jurisdiction_a", "place_a"), ("jurisdiction_b", "place_b")]
COMMANDS = [["query", q.name, *PARAMS.get(q.name, [])] for q in library()] + [
    ["jurisdictions"], ["compare", "制造业产品质量合格率"], ["lead", "食品安全"], ["analyze", "centrality"],
    ["analyze", "communities"], ["analyze", "type-overlap"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_jurisdiction_is_its_id_and_chinese_name_in_every_output(run, built_graph, command):
    # a jurisdiction was its English name in one query, its Chinese name in another and its id in a third
    rows = json.loads(_ok(run(*command, "--graph", str(built_graph), "--format", "json")))
    assert rows
    for row in rows:
        for key, value in row.items():
            if isinstance(value, str) and value in PLACES:
                assert (key, f"{key}Place" if key in ("later", "earlier") else key.replace("jurisdiction", "place")) \
                    in PAIRS, f"{key} names a jurisdiction by its id alone"
        for ident, name in PAIRS:
            if ident in row:
                assert row[name] == PLACES[row[ident]], (ident, row)
        assert not any(isinstance(value, str) and value in {"Gansu", "Hangzhou", "Hefei", "Huairen", "Yangzhou"}
                       for key, value in row.items() if key != "name"), "an English name stands for a jurisdiction"


def test_jurisdiction_lists_are_id_and_chinese_name(run, built_graph):
    rows = json.loads(_ok(run("query", "department-types-across-jurisdictions", "--graph", str(built_graph),
                              "--format", "json")))
    for row in rows:
        listed = row["where"].split("、")
        assert len(listed) == row["jurisdictions"]
        assert all(PLACES[item.split(" ")[0]] == item.split(" ")[1] for item in listed)


# --- clause counts ------------------------------------------------------------------------------------

def _json(run, built_graph, *command):
    return json.loads(_ok(run(*command, "--graph", str(built_graph), "--format", "json")))


@pytest.mark.parametrize("jurisdiction,clauses,dash_items", [
    ("gansu", 28, 0), ("hangzhou", 25, 0), ("hefei", 31, 0), ("huairen", 42, 6), ("yangzhou", 41, 0)])
def test_clause_counts_agree_in_every_query(run, built_graph, jurisdiction, clauses, dash_items):
    # one jurisdiction had 48 numbered clauses in clauses-per-jurisdiction (its six dash items counted in)
    # and 42 in documents-per-jurisdiction
    counted = {}
    per = next(r for r in _json(run, built_graph, "query", "clauses-per-jurisdiction")
               if r["jurisdiction"] == jurisdiction)
    counted["clauses-per-jurisdiction"] = (per["clauses"], per["dashItems"])
    docs = [r for r in _json(run, built_graph, "query", "documents-per-jurisdiction")
            if r["jurisdiction"] == jurisdiction]
    counted["documents-per-jurisdiction"] = (sum(r["clauses"] for r in docs), sum(r["dashItems"] for r in docs))
    listed = next(r for r in _json(run, built_graph, "jurisdictions") if r["jurisdiction"] == jurisdiction)
    counted["qgraph jurisdictions"] = (listed["clauses"], listed["dashItems"])
    ids = {r["document"] for r in docs}
    levels = [r for r in _json(run, built_graph, "query", "clauses-per-level") if r["document"] in ids]
    counted["clauses-per-level"] = (sum(r["parts"] for r in levels if r["kind"] == "NumberedClause"),
                                    sum(r["parts"] for r in levels if r["kind"] == "DashItem"))
    with open(built_graph.parent / "coverage.csv", encoding="utf-8", newline="") as handle:
        covered = [r for r in csv.DictReader(handle) if r["document"] in ids]
    counted["coverage.csv"] = (sum(int(r["numbered"]) for r in covered), sum(int(r["dash_items"]) for r in covered))
    assert counted == dict.fromkeys(counted, (clauses, dash_items))


def test_clause_counts_per_domain_leave_dash_items_apart(run, built_graph):
    rows = [r for r in _json(run, built_graph, "query", "domain-emphasis") if r["jurisdiction"] == "huairen"]
    assert sum(r["dashItems"] for r in rows) > 0
    numbered = next(r for r in _json(run, built_graph, "jurisdictions") if r["jurisdiction"] == "huairen")["clauses"]
    assert all(r["clauses"] <= numbered for r in rows)


def test_clause_counts_come_from_one_pattern_in_the_library(graph_engine):
    # every library or tool query that counts a document's clauses says what a clause is by its kind
    # (qg:NumberedClause, and qg:DashItem apart); those counting the clauses a unit is named on go through
    # its assignments, which only numbered clauses carry
    from qgraph.ask.library import app_queries

    for query in (*library(), *app_queries()):
        text = query.text
        counts_clauses = "AS ?clauses)" in text or "AS ?clauses " in text
        if counts_clauses and "qg:assignedIn" not in text and "qg:assignment" not in text:
            assert "qg:NumberedClause" in text and "qg:DashItem" in text, query.name
    assert graph_engine("SELECT DISTINCT ?k WHERE { ?a qg:assignedIn/qg:kind ?k }") == \
        [{"k": "https://w3id.org/qgraph/ontology#NumberedClause"}]


# --- no hidden defaults ---------------------------------------------------------------------------------

def test_library_queries_hide_no_default_value():
    # clause-tree answered for one document, targets-of-jurisdiction for one city, reuse-between-jurisdictions
    # for one pair, when asked without a parameter
    for query in library():
        assert set(query.parameters.values()) <= {"UNDEF"}, query.name


def test_library_query_without_the_parameter_it_needs_is_a_usage_error_listing_values(run, built_graph):
    result = run("query", "clause-tree", "--graph", str(built_graph))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --param: clause-tree needs doc_id=… (a document: gansu-2015, hangzhou-2011, "
        "hefei-2021, huairen-2023, yangzhou-2023)")


def test_library_query_without_the_parameter_it_needs_is_an_api_error(built_graph):
    import qgraph
    from qgraph.errors import MissingParameter

    with pytest.raises(MissingParameter, match=r"\[QG410\] clause-tree needs doc_id=… \(a document: gansu-2015"):
        qgraph.open(built_graph).query("clause-tree")


@pytest.mark.parametrize("name,column,expected", [
    ("targets-of-jurisdiction", "jurisdiction", {"gansu": 4, "hangzhou": 18, "hefei": 16, "huairen": 5,
                                                 "yangzhou": 75}),
    ("indicator-side-by-side", "jurisdiction", None),
    ("reuse-between-jurisdictions", "later", None)])
def test_library_query_without_a_filter_answers_for_all(run, built_graph, graph_engine, name, column, expected):
    rows = _json(run, built_graph, "query", name)
    found: dict[str, int] = {}
    for row in rows:
        found[row[column]] = found.get(row[column], 0) + 1
    if expected is not None:
        assert found == expected
    if name == "indicator-side-by-side":
        n = graph_engine("SELECT (COUNT(?t) AS ?n) WHERE { ?t qg:indicator ?i }")[0]["n"]
        assert len(rows) == n and len({r["indicator"] for r in rows}) > 1
    if name == "reuse-between-jurisdictions":
        n = graph_engine("SELECT (COUNT(?r) AS ?n) WHERE { ?r a qg:TextReuse ; qg:boilerplate false }")[0]["n"]
        assert len(rows) == n and set(found) == {"hefei", "huairen", "yangzhou"}
