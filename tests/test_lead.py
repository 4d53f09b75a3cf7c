"""`qgraph lead TOPIC`: exact answers checked by reading the documents.

The graph is the built one with the topic synonyms (scheme qg:Topics) added as the build is to emit them."""
from __future__ import annotations

import csv
import io
import json

import pytest

import qgraph
from qgraph.render import BOM, display_width


def _lead(run, topic_graph, *args):
    result = run("lead", *args, "--graph", str(topic_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_lead_product_quality_in_hangzhou_is_the_quality_bureau(run, topic_graph):
    rows = _lead(run, topic_graph, "产品质量", "--city", "hangzhou")
    assert [(r["department"], r["basis"], r["number"]) for r in rows] == [("市质监局", "lead (牵头)", "五.(十五)")]


@pytest.mark.parametrize("jurisdiction,department,numbers", [
    ("gansu", "省食品药品监管局", ["二.(六)"]),
    ("huairen", "市农业农村局", ["五.(一)"]),
    ("yangzhou", "市市场监管局", ["二.(二)"]),
])
def test_lead_food_safety_per_jurisdiction(run, topic_graph, jurisdiction, department, numbers):
    rows = _lead(run, topic_graph, "食品安全")
    found = [r["number"] for r in rows if (r["jurisdiction"], r["department"]) == (jurisdiction, department)]
    assert found == numbers


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
    entry = next(r for r in rows if r["department"] == "市市场监管局" and r["number"] == "五.(十五)")
    assert (entry["document"], entry["heading"], entry["type"]) == ("yangzhou-2023", "强化质量品牌建设", "market regulation")


def test_lead_traditional_script_answers_the_same(run, topic_graph):
    assert _lead(run, topic_graph, "檢驗檢測") == _lead(run, topic_graph, "检验检测") != []


@pytest.mark.parametrize("english,chinese", [("product quality", "产品质量"), ("Product Quality", "產品質量")])
def test_lead_english_and_chinese_domain_names_give_the_same_rows(run, topic_graph, english, chinese):
    # 产品质量 gave 24 rows and "product quality" 23: the Chinese name was also looked for in clause texts
    assert _lead(run, topic_graph, english) == _lead(run, topic_graph, chinese) != []


def test_lead_basis_is_the_one_on_each_clause(run, topic_graph):
    # Yangzhou's 市市场监管局 was "sole responsible" on four clauses: only 二.(二) names it alone
    rows = _lead(run, topic_graph, "产品质量", "--city", "yangzhou")
    bases = {r["number"]: r["basis"] for r in rows if r["department"] == "市市场监管局"}
    assert bases["二.(二)"] == "sole responsible"
    assert {b for n, b in bases.items() if n != "二.(二)"} == {"first-listed"} and len(bases) > 2


def test_lead_supporters_are_those_of_each_clause_not_merged(run, topic_graph):
    rows = _lead(run, topic_graph, "品牌", "--city", "yangzhou")
    supporters = {r["number"]: r["supporters"] for r in rows if r["department"] == "市市场监管局"}
    assert supporters["六.(十八)"] == ["市工信局"]
    assert supporters["八.(二十三)"] == ["市财政局"]


def test_lead_table_shows_each_department_once_per_group(run, topic_graph):
    result = run("lead", "品牌", "--city", "yangzhou", "--graph", str(topic_graph))
    lines = result.stdout.splitlines()[2:]
    assert lines[0].split()[:4] == ["yangzhou", "扬州市", "市市场监管局", "market"]
    assert [line.split()[:2] for line in lines[1:5]] == [["first-listed", "五.(十五)"], ["first-listed", "六.(十八)"],
                                                         ["first-listed", "七.(二十)"], ["first-listed", "八.(二十三)"]]
    assert lines[5].split()[2] == "市发改委"


@pytest.mark.parametrize("topic", ["", " ", "\u3000"])
def test_lead_blank_topic_is_a_usage_error(run, topic_graph, topic):
    # an empty topic matched every clause, with exit 0
    result = run("lead", topic, "--graph", str(topic_graph))
    assert result.exit_code == 2 and result.stdout == ""
    assert "a topic is needed" in result.stderr


@pytest.mark.parametrize("city", ["yangzhou", "扬州市", "扬州", "Yangzhou", "yangzhou", "揚州市"])
def test_lead_city_by_id_or_any_name(run, topic_graph, city):
    rows = _lead(run, topic_graph, "食品安全", "--city", city)
    assert [(r["jurisdiction"], r["department"], r["number"]) for r in rows] == [("yangzhou", "市市场监管局", "二.(二)")]


def test_lead_unknown_city_is_a_usage_error_naming_the_known(run, topic_graph):
    result = run("lead", "食品安全", "--city", "苏州", "--graph", str(topic_graph))
    assert result.exit_code == 2 and result.stdout == ""
    assert "no jurisdiction is named '苏州' (known: gansu 甘肃省, hangzhou 杭州市, hefei 合肥市, huairen 怀仁市, " \
           "yangzhou 扬州市)" in result.stderr


def test_lead_names_the_jurisdictions_with_no_clause_on_stderr(run, topic_graph):
    result = run("lead", "食品安全", "--graph", str(topic_graph))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "No clause on 食品安全 in: hefei 合肥市"
    assert run("lead", "食品安全", "--city", "扬州", "--graph", str(topic_graph)).stderr == ""


def test_lead_jurisdiction_whose_clauses_name_no_lead_was_said_to_have_no_clause(run, topic_graph, graph_engine):
    # the 2011 prefecture text speaks of food safety in numbered clauses (two hold 食品安全 itself, two more
    # a synonym such as 食品药品安全) but names no unit on them: it was listed as having no clause on it
    found = graph_engine("SELECT ?n WHERE { ?c qg:document <doc/hangzhou-2011> ; qg:kind qg:NumberedClause ; "
                         "qg:number ?n ; qg:text ?t FILTER(CONTAINS(?t, '食品安全')) } ORDER BY ?n")
    assert [r["n"] for r in found] == ["三.(六)", "五.(十六)"]
    result = run("lead", "食品安全", "--graph", str(topic_graph))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["No clause on 食品安全 in: hefei 合肥市",
                                          "hangzhou 杭州市: 4 clauses on 食品安全, none names a lead"]


def test_lead_city_whose_clauses_name_no_lead_says_so_in_its_error(run, topic_graph):
    result = run("lead", "食品安全", "--city", "杭州", "--graph", str(topic_graph))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: [QG409] No department leads work on '食品安全' in 杭州: "
                             "hangzhou 杭州市: 4 clauses on 食品安全, none names a lead\n")


def test_lead_unknown_topic_suggests(run, topic_graph):
    result = run("lead", "政府质量奖项", "--graph", str(topic_graph))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: [QG409] No department leads work on '政府质量奖项'. Closest known topics: ")
    assert result.stderr.count("\n") == 1
    assert "质量奖" in result.stderr.split("topics: ", 1)[1].strip().split("、")


def test_lead_table_format(run, topic_graph):
    result = run("lead", "产品质量", "--city", "hangzhou", "--graph", str(topic_graph))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["jurisdiction", "place", "department", "type", "basis", "clause", "supporters"]
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


def test_lead_unknown_topic_suggests_what_it_holds(run, built_graph):
    """计量器具 is in no clause; the topics it holds come first, and no look-alike sharing one character."""
    result = run("lead", "计量器具", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert "Closest known topics: 计量 (see `qgraph topics`)" in result.stderr


def test_lead_had_no_csv_one_row_per_clause_and_department(run, topic_graph):
    result = run("lead", "食品安全", "--graph", str(topic_graph), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["jurisdiction", "place", "department", "type", "basis", "document", "number", "heading",
                             "supporters"]
    assert [(r["jurisdiction"], r["department"], r["number"]) for r in rows] == \
        [(r["jurisdiction"], r["department"], r["number"]) for r in _lead(run, topic_graph, "食品安全")]
    first_listed = next(r for r in rows if r["department"] == "市农业农村局")
    assert (first_listed["place"], first_listed["basis"], first_listed["number"], first_listed["supporters"]) == \
        ("怀仁市", "first-listed", "五.(一)", "市现代农业发展服务中心、市草牧业发展中心、市市场监管局、市卫体局")
    alone = next(r for r in rows if r["jurisdiction"] == "yangzhou")
    assert (alone["department"], alone["basis"], alone["supporters"]) == ("市市场监管局", "sole responsible", "")


def test_lead_had_no_output_file_nor_excel(run, topic_graph, tmp_path):
    target = tmp_path / "lead.csv"
    result = run("lead", "食品安全", "--graph", str(topic_graph), "--excel", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"Wrote {target}" in result.stderr.splitlines()
    written = target.read_text(encoding="utf-8")
    assert written.startswith(BOM + "jurisdiction,place,department,type,basis,document,number,heading,supporters\n")
    plain = run("lead", "食品安全", "--graph", str(topic_graph), "--format", "csv").stdout
    assert written == BOM + plain


@pytest.mark.parametrize("width", [80, 120])
def test_lead_table_was_651_columns_wide_and_fits_width(run, topic_graph, width):
    result = run("lead", "产品质量", "--graph", str(topic_graph), "--width", str(width))
    assert result.exit_code == 0, result.stderr
    assert max(display_width(line) for line in result.stdout.splitlines()) <= width


def test_lead_summary_counts_each_department_and_basis_with_its_first_clause(run, topic_graph):
    # the plain answer's eight rows in the bundled city plan of 2023: the market regulator sole responsible for
    # 二.(二) and first-listed on 七.(二十), 九.(二十六), 九.(二十七); the industry bureau first-listed on three
    result = run("lead", "产品质量", "--city", "yangzhou", "--summary", "--graph", str(topic_graph), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["jurisdiction", "place", "department", "type", "basis", "clauses", "document", "number", "heading"],
        ["yangzhou", "扬州市", "市市场监管局", "market regulation", "sole responsible", "1", "yangzhou-2023",
         "二.(二)", "保障食品药品安全"],
        ["yangzhou", "扬州市", "市市场监管局", "market regulation", "first-listed", "3", "yangzhou-2023",
         "七.(二十)", "强化质量发展惠民共享"],
        ["yangzhou", "扬州市", "市工信局", "industry and information technology", "first-listed", "3",
         "yangzhou-2023", "二.(三)", "提升工业品质量"],
        ["yangzhou", "扬州市", "市农业农村局", "agriculture and rural affairs", "first-listed", "1", "yangzhou-2023",
         "二.(一)", "大力发展绿色优质农产品"]]


def test_lead_limit_gives_the_first_rows_and_says_how_many_were_left(run, topic_graph):
    full = _lead(run, topic_graph, "产品质量", "--city", "yangzhou")
    result = run("lead", "产品质量", "--city", "yangzhou", "--limit", "3", "--graph", str(topic_graph),
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == full[:3] and len(full) == 8
    assert result.stderr.splitlines()[0] == "5 more rows not shown (--limit 3)"
    summary = run("lead", "产品质量", "--city", "yangzhou", "--summary", "--limit", "1", "--graph",
                  str(topic_graph), "--format", "csv")
    assert summary.stdout.splitlines()[1:] == ["yangzhou,扬州市,市市场监管局,market regulation,sole responsible,1,"
                                               "yangzhou-2023,二.(二),保障食品药品安全"]
    assert summary.stderr.splitlines()[0] == "3 more rows not shown (--limit 1)"


def test_lead_limit_of_no_rows_is_a_usage_error(run, topic_graph):
    result = run("lead", "产品质量", "--limit", "0", "--graph", str(topic_graph))
    assert result.exit_code == 2 and "--limit" in result.stderr


def test_lead_summary_and_limit_from_python_are_the_cli_rows(topic_graph):
    graph = qgraph.open(topic_graph)
    rows = graph.lead("产品质量", city="yangzhou", summary=True)
    assert [(r["department"], r["basis"], r["clauses"]) for r in rows] == [
        ("市市场监管局", "sole responsible", 1), ("市市场监管局", "first-listed", 3),
        ("市工信局", "first-listed", 3), ("市农业农村局", "first-listed", 1)]
    assert graph.lead("产品质量", city="yangzhou", summary=True, limit=2) == rows[:2]
    assert graph.lead("产品质量", city="yangzhou", limit=2) == graph.lead("产品质量", city="yangzhou")[:2]


@pytest.mark.parametrize("topic", ["食品安全", "产品质量", "品牌", "质量"])
def test_lead_first_rows_of_the_country_are_those_of_the_whole_answer(topic_graph, monkeypatch, topic):
    """Asked a batch of jurisdictions at a time (here 1, then 2, then 4), the first rows are the whole answer's."""
    from qgraph.ask import lead as lead_module

    monkeypatch.setattr(lead_module, "_FIRST_BATCH", 1)
    graph = qgraph.open(topic_graph)
    whole, summary = graph.lead(topic), graph.lead(topic, summary=True)
    assert len({r["jurisdiction"] for r in whole}) >= 2
    for limit in (1, 2, 5, len(whole) - 1, len(whole), len(whole) + 3):
        assert graph.lead(topic, limit=limit) == whole[:limit]
    for limit in (1, 3, len(summary), len(summary) + 1):
        assert graph.lead(topic, summary=True, limit=limit) == summary[:limit]


def test_lead_limit_of_the_country_says_how_far_it_asked(run, topic_graph, monkeypatch):
    """Without --city, --limit asks the jurisdictions by id until it has a row more than shown: stderr says how
    many rows it found beyond and of how many jurisdictions, and names only those asked that have no lead."""
    from qgraph.ask import lead as lead_module

    whole = _lead(run, topic_graph, "食品安全")
    first_place = whole[0]["jurisdiction"]
    of_first = [r for r in whole if r["jurisdiction"] == first_place]
    monkeypatch.setattr(lead_module, "_FIRST_BATCH", 1)
    result = run("lead", "食品安全", "--limit", "1", "--graph", str(topic_graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == whole[:1]
    assert result.stderr.splitlines()[0] == (f"more rows not shown (--limit 1): {len(of_first) - 1} more of the first "
                                             "1 jurisdictions (by id) and those of the others, not asked")
    monkeypatch.setattr(lead_module, "_FIRST_BATCH", 16)   # every jurisdiction at once: the rows left counted
    result = run("lead", "食品安全", "--limit", "1", "--graph", str(topic_graph), "--format", "json")
    assert result.stderr.splitlines()[0] == f"{len(whole) - 1} more rows not shown (--limit 1)"
    # a jurisdiction whose rows were found but not shown is not said to have no lead: the same lines as the whole
    full = run("lead", "食品安全", "--graph", str(topic_graph), "--format", "json")
    assert result.stderr.splitlines()[1:] == full.stderr.splitlines()
    assert len({r["jurisdiction"] for r in whole}) >= 2 and full.stderr.splitlines()


def test_lead_jurisdictions_read_once_per_graph_file_and_at_each_call_of_an_endpoint(engine_graph, sparql_endpoint,
                                                                                     monkeypatch):
    """`lead --limit` and the jurisdictions it names on stderr both need every jurisdiction: a graph file's engine
    reads them once (its graph does not change under it), an endpoint's at each call (its store may)."""
    from qgraph.ask import places as places_module
    from qgraph.ask.engine import RemoteEngine, open_engine

    asked: list[str] = []
    real = places_module.ask_rows
    monkeypatch.setattr(places_module, "ask_rows", lambda engine, name, **values: asked.append(name) or
                        real(engine, name, **values))
    local = open_engine(engine_graph, None)
    known = places_module.places(local)
    assert known and places_module.places(local) == known
    assert asked == ["jurisdictions"]
    assert places_module.places(open_engine(engine_graph, None)) == known   # another engine reads them again
    remote = RemoteEngine(sparql_endpoint)
    assert places_module.places(remote) == known and places_module.places(remote) == known
    assert asked == ["jurisdictions"] * 4


def test_lead_counts_the_topics_clauses_only_where_no_row_is(topic_graph, monkeypatch):
    """The jurisdictions without a lead are counted for their clauses on the topic; a topic with rows in every
    jurisdiction (产品质量 here) asks nothing more."""
    from qgraph.ask import lead as lead_module

    asked: list[str] = []
    real = lead_module.ask_rows
    monkeypatch.setattr(lead_module, "ask_rows", lambda engine, name, **values: asked.append(name) or
                        real(engine, name, **values))
    graph = qgraph.open(topic_graph)
    topic, rows = graph.lead_with_topic("产品质量")
    assert len({r["jurisdiction"] for r in rows}) == 5
    asked.clear()
    assert graph.lead_unanswered(topic, rows) == []
    assert "topic-clauses" not in asked
    topic, rows = graph.lead_with_topic("食品安全")
    absent = graph.lead_unanswered(topic, rows)
    assert [(a["jurisdiction"], a["clauses"]) for a in absent] == [("hangzhou", 4), ("hefei", 0)]
    assert asked.count("topic-clauses") == 1
