"""The HTML graphs (qgraph/viz.py) and the network analytics (qgraph/analytics.py).

Expected node counts are counted with SPARQL of their own (conftest's expected_nodes), not with
viz.py's queries; analytics values were checked by reading Hefei's and Hangzhou's assignments (the
`qgraph query clause-tree` / assignment listings) by hand.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from qgraph.ask import analytics
from qgraph.ask.engine import OxigraphEngine, RdflibEngine, open_engine
from qgraph.ask.library import library
from qgraph.viz.pages import write_visualisations

from conftest import XSS_PAYLOADS

JURISDICTIONS = ("gansu", "hangzhou", "hefei", "huairen", "yangzhou")
PAGES = (*(f"jurisdiction-{j}.html" for j in JURISDICTIONS), "cross-jurisdiction.html",
         *(f"collaboration-{j}.html" for j in JURISDICTIONS))
ID = "https://w3id.org/qgraph/id/"
DT = "https://w3id.org/qgraph/department-type/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CDN_VIS = re.compile(r"(cdnjs\.cloudflare\.com|unpkg\.com|cdn\.jsdelivr\.net|visjs\.github\.io/vis-network/standalone)")
NETWORK_LOAD = re.compile(r"""(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def _vis_library() -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(
        encoding="utf-8")


# --- the files ------------------------------------------------------------------------------------

def test_viz_writes_every_page_and_the_index(visualisations):
    assert sorted(p.name for p in visualisations.iterdir()) == sorted((*PAGES, "index.html"))


def test_viz_returns_the_paths_written_index_last(built_graph, tmp_path):
    written = write_visualisations(open_engine(built_graph, None), tmp_path / "out")
    assert [p.name for p in written] == [*PAGES, "index.html"]
    assert all(p.is_file() and p.parent == tmp_path / "out" for p in written)


@pytest.mark.parametrize("page", PAGES)
def test_viz_index_links_every_page(visualisations, page):
    assert f'<a href="{page}">' in (visualisations / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_viz_node_count_equals_the_graph(visualisations, page_data, expected_nodes, page):
    nodes, _edges = page_data(visualisations / page)
    assert len(nodes) == expected_nodes(page)
    assert len({n["id"] for n in nodes}) == len(nodes)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_viz_jurisdiction_tree_edges_one_per_clause(visualisations, page_data, graph_engine, jurisdiction):
    _nodes, edges = page_data(visualisations / f"jurisdiction-{jurisdiction}.html")
    clauses = graph_engine(f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c a qg:Clause ; "
                           f"qg:document/qg:jurisdiction <jurisdiction/{jurisdiction}> }}")[0]["n"]
    assert sum(1 for e in edges if e.get("title") == "part of") == clauses


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_viz_jurisdiction_one_edge_per_clause_and_unit(visualisations, page_data, graph_engine, jurisdiction):
    nodes, edges = page_data(visualisations / f"jurisdiction-{jurisdiction}.html")
    units = {n["id"] for n in nodes if n["kind"] in ("department", "collective")}
    pairs = graph_engine(f"SELECT (COUNT(DISTINCT CONCAT(STR(?c), ' ', STR(?u))) AS ?n) WHERE {{ "
                         f"?c qg:document/qg:jurisdiction <jurisdiction/{jurisdiction}> ; qg:assignment/qg:agent ?u }}")
    assert sum(1 for e in edges if e["to"] in units) == pairs[0]["n"]


@pytest.mark.parametrize("page", [*PAGES, "index.html"])
def test_viz_page_loads_nothing_from_the_network(visualisations, page):
    html = (visualisations / page).read_text(encoding="utf-8")
    assert 'src="http' not in html and 'href="http' not in html
    assert not NETWORK_LOAD.search(html), NETWORK_LOAD.search(html)
    assert not CDN_VIS.search(html)
    assert "bootstrap" not in html.lower()


@pytest.mark.parametrize("page", PAGES)
def test_viz_vis_network_is_inlined(visualisations, page):
    html = (visualisations / page).read_text(encoding="utf-8")
    assert _vis_library() in html
    assert "new vis.Network(" in html


def test_viz_same_graph_same_bytes(built_graph, visualisations, tmp_path):
    again = write_visualisations(open_engine(built_graph, None), tmp_path)
    for path in again:
        assert path.read_bytes() == (visualisations / path.name).read_bytes(), path.name


def test_viz_same_html_from_every_engine(engine_graph, tmp_path):
    oxigraph = write_visualisations(OxigraphEngine(engine_graph), tmp_path / "oxigraph")
    rdflib = write_visualisations(RdflibEngine(engine_graph), tmp_path / "rdflib")
    assert [p.name for p in oxigraph] == [p.name for p in rdflib]
    for a, b in zip(oxigraph, rdflib):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_viz_positions_are_precomputed(visualisations, page_data):
    nodes, _edges = page_data(visualisations / "jurisdiction-huairen.html")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


# --- what the nodes and edges say -------------------------------------------------------------------

@pytest.mark.parametrize("jurisdiction, label", [
    ("huairen", "市市场监管局\nmarket regulation"),
    ("hangzhou", "市质监局\nquality and technical\nsupervision"),
    ("gansu", "省质量发展领导小\n组成员单位"),
])
def test_viz_unit_labels_are_chinese_with_the_english_type(visualisations, page_data, jurisdiction, label):
    nodes, _edges = page_data(visualisations / f"jurisdiction-{jurisdiction}.html")
    assert label in {n["label"] for n in nodes}


def test_viz_clause_tooltip_is_plain_text_with_its_source(visualisations, page_data):
    nodes, _edges = page_data(visualisations / "jurisdiction-huairen.html")
    node = next(n for n in nodes if n["id"] == ID + "doc/huairen-2023/clause/5-1")
    assert node["label"] == "五.(一)"
    assert node["title"].startswith("五.(一) 提升农产品和食品药品质量安全\n\n（一）提升农产品和食品药品质量安全。严格落实")
    assert "\nSource: huairen-2023 (怀政发〔2023〕29号), 五.(一), characters 3926–4277\n" in node["title"]
    assert "<br" not in node["title"] and "&amp;" not in node["title"]


@pytest.mark.parametrize("role, color, width", [("lead", "#d32f2f", 3.5), ("responsible", "#6a1b9a", 3.5),
                                                ("support", "#00897b", 1.2)])
def test_viz_edge_colour_by_role(visualisations, page_data, role, color, width):
    # Gansu 二.(六): four leads (牵头) and five supporters (配合); Huairen 五.(一): a 责任单位 list.
    page = "jurisdiction-huairen.html" if role == "responsible" else "jurisdiction-gansu.html"
    _nodes, edges = page_data(visualisations / page)
    found = [e for e in edges if e.get("title", "").split("\n")[-1].startswith(f"{role} (")
             and "/group/" not in e["to"]]
    assert found
    assert {e["color"]["color"] for e in found} == {color}
    assert width in {e["width"] for e in found}


@pytest.mark.parametrize("jurisdiction", ["gansu", "hefei"])
def test_viz_collective_body_edges_are_thin_and_brown_whatever_the_role(visualisations, page_data, jurisdiction):
    # Gansu 一.(一) and Hefei 四.(一): a 领导小组(各)成员单位 written as lead (牵头); lead basis qg:Collective
    _nodes, edges = page_data(visualisations / f"jurisdiction-{jurisdiction}.html")
    found = [e for e in edges if "/group/" in e["to"]]
    assert any(e["title"].split("\n")[-1].startswith("lead (") for e in found)
    assert {(e["color"]["color"], e["width"]) for e in found} == {("#8d6e63", 1.2)}
    assert all("; collective body)" in e["title"] for e in found)


def test_viz_first_listed_responsible_edge_is_thick(visualisations, page_data):
    _nodes, edges = page_data(visualisations / "jurisdiction-huairen.html")
    clause = ID + "doc/huairen-2023/clause/5-1"
    widths = {e["to"].rsplit("/", 1)[-1]: e["width"] for e in edges if e["from"] == clause and "/department/" in e["to"]}
    assert widths == {"市农业农村局": 3.5, "市现代农业发展服务中心": 1.2, "市草牧业发展中心": 1.2,
                      "市市场监管局": 1.2, "市卫体局": 1.2}


def test_viz_domain_nodes_coloured_by_domain(visualisations, page_data):
    nodes, edges = page_data(visualisations / "jurisdiction-hefei.html")
    domains = {n["id"]: n["color"]["background"] for n in nodes if n["kind"] == "domain"}
    assert len(domains) >= 5 and len(set(domains.values())) == len(domains)
    for e in edges:
        if e["to"] in domains:
            assert e["color"]["color"] == domains[e["to"]]


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_viz_targets_drawn_per_jurisdiction(visualisations, page_data, graph_engine, jurisdiction):
    nodes, edges = page_data(visualisations / f"jurisdiction-{jurisdiction}.html")
    targets = graph_engine(f"SELECT ?t ?c WHERE {{ ?t a qg:Target ; qg:statedIn ?c . "
                           f"?c qg:document/qg:jurisdiction <jurisdiction/{jurisdiction}> }}")
    assert sorted(n["id"] for n in nodes if n["kind"] == "target") == sorted(r["t"] for r in targets)
    drawn = {(e["from"], e["to"]) for e in edges}
    assert all((r["c"], r["t"]) in drawn for r in targets)


def test_viz_a_graph_without_targets_draws_none(engine_graph, page_data, tmp_path):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=engine_graph, format=pyoxigraph.RdfFormat.TURTLE)
    target_type = pyoxigraph.NamedNode("https://w3id.org/qgraph/ontology#Target")
    for target in [q.subject for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(RDF_TYPE), target_type)]:
        for quad in list(store.quads_for_pattern(target, None, None)):
            store.remove(quad)
    graph = tmp_path / "no-targets.ttl"
    graph.write_bytes(store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph()))
    write_visualisations(OxigraphEngine(graph), tmp_path / "out")
    nodes, _edges = page_data(tmp_path / "out" / "jurisdiction-hefei.html")
    assert [n["kind"] for n in nodes if n["kind"] == "target"] == []
    assert {n["kind"] for n in nodes} == {"document", "section", "clause", "department", "domain"}


def test_viz_target_drawn_on_its_clause(engine_graph, page_data, tmp_path):
    write_visualisations(OxigraphEngine(engine_graph), tmp_path)
    nodes, edges = page_data(tmp_path / "jurisdiction-hefei.html")
    target = ID + "doc/hefei-2021/clause/2-1/target/1"
    node = next(n for n in nodes if n["id"] == target)
    assert node["kind"] == "target"
    assert node["label"] == "≥95%\n生产企业工业产…"
    assert node["title"].startswith("生产企业工业产品质量监督抽查合格率: ≥95% (at least)\nby 2025\n")
    assert "Source: hefei-2021, 二.(一), characters 886–944" in node["title"]
    assert {"from": ID + "doc/hefei-2021/clause/2-1", "to": target} in [{"from": e["from"], "to": e["to"]} for e in edges]


@pytest.mark.parametrize("jurisdiction, department, led", [
    ("hefei", "市市场监管局", 14), ("huairen", "市市场监管局", 17), ("yangzhou", "市市场监管局", 13)])
def test_viz_cross_jurisdiction_cell_is_clauses_led(visualisations, page_data, built_graph,
                                                     jurisdiction, department, led):
    # led = clauses where the lead basis counts as lead (牵头, sole responsible, first-listed), as the library query counts them
    query = next(q for q in library() if q.name == "departments-by-clauses-led")
    rows = open_engine(built_graph, None).select(query.text).rows
    row = next(r for r in rows if r["jurisdiction"] == jurisdiction and r["department"] == department)
    assert row["led"] == led
    nodes, _edges = page_data(visualisations / "cross-jurisdiction.html")
    cell = next(n for n in nodes if n["id"] == f"{ID}jurisdiction/{jurisdiction}|{DT}market-regulation")
    assert cell["label"] == str(led)


def test_viz_cross_jurisdiction_follows_the_2018_reform(visualisations, page_data):
    nodes, _edges = page_data(visualisations / "cross-jurisdiction.html")
    ids = {n["id"] for n in nodes}
    assert not any(i.endswith(DT + "quality-supervision") or i.endswith(DT + "environmental-protection") for i in ids)
    hangzhou = {n["id"].rpartition("|")[2].removeprefix(DT) for n in nodes
                if n["id"].startswith(ID + "jurisdiction/hangzhou|") and n["label"] != "–"}
    assert hangzhou == {"development-reform", "ecology-environment", "housing-construction", "market-regulation"}


def test_viz_cross_jurisdiction_is_a_grid_of_jurisdictions_side_by_side(visualisations, page_data):
    # columns per jurisdiction, a row per type: a type's cells share its row, a jurisdiction's cells its column
    nodes, edges = page_data(visualisations / "cross-jurisdiction.html")
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    market = [at[f"{ID}jurisdiction/{j}|{DT}market-regulation"]
              for j in ("gansu", "hangzhou", "hefei", "huairen", "yangzhou")]
    assert len({y for _, y in market}) == 1 and [x for x, _ in market] == sorted(x for x, _ in market)
    assert market[0][0] == at[ID + "jurisdiction/gansu"][0] and market[0][1] > at[ID + "jurisdiction/gansu"][1]
    assert market[0][1] == at[DT + "market-regulation"][1]   # the first row: the type leading most widely
    # the only edges are text reuse, later → earlier, in characters of the normalised text (as `qgraph report`)
    assert sorted((e["from"].rsplit("/", 1)[1], e["to"].rsplit("/", 1)[1], e["label"]) for e in edges) == [
        ("hefei", "hangzhou", "34 chars"), ("huairen", "hefei", "1178 chars"), ("yangzhou", "huairen", "543 chars")]


def test_viz_collaboration_node_size_grows_with_centrality(visualisations, page_data):
    nodes, _edges = page_data(visualisations / "collaboration-hefei.html")
    size = {n["id"].rsplit("/", 1)[-1]: n["size"] for n in nodes}
    assert max(size, key=size.get) == "市市场监管局"
    assert size["市市场监管局"] == round(8 + 30 * 18 / 23, 2)


# --- escaping -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["jurisdiction-xss.html", "collaboration-xss.html", "cross-jurisdiction.html",
                                  "index.html"])
def test_viz_payloads_never_reach_a_tag_context(xss_visualisations, page):
    html = (xss_visualisations / page).read_text(encoding="utf-8").replace(_vis_library(), "")
    for payload in XSS_PAYLOADS:
        assert payload not in html
    assert "<img" not in html and "<svg" not in html
    assert html.count("<script") == (0 if page == "index.html" else 2)
    assert html.count("</script>") == html.count("<script")


def test_viz_payloads_are_json_escaped_data(xss_visualisations, page_data):
    html = (xss_visualisations / "jurisdiction-xss.html").read_text(encoding="utf-8")
    assert "\\u003cscript\\u003ewindow.__xss=\\u0027script\\u0027\\u003c/script\\u003e" in html
    nodes, _edges = page_data(xss_visualisations / "jurisdiction-xss.html")
    clause = next(n for n in nodes if n["id"].endswith("/clause/1"))
    assert XSS_PAYLOADS[0] in clause["title"] and XSS_PAYLOADS[1] in clause["title"]  # shown as text


def test_viz_payloads_are_html_escaped_in_headings(xss_visualisations):
    html = (xss_visualisations / "jurisdiction-xss.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;window.__xss=&#39;script&#39;&lt;/script&gt;测试市 X&lt;img src=x onerror=" in html
    assert "&amp;lt;" not in html  # escaped once, not twice


# --- analytics ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_engine(built_graph):
    return open_engine(built_graph, None)


@pytest.fixture(scope="module")
def centrality_rows(built_engine):
    return analytics.centrality(built_engine)


@pytest.mark.parametrize("jurisdiction", ["hefei", "huairen", "yangzhou"])
def test_analytics_market_regulation_is_most_central_after_2018(centrality_rows, jurisdiction):
    top = [r for r in centrality_rows if r["jurisdiction"] == jurisdiction][:3]
    assert [r["rank"] for r in top] == [1, 2, 3]
    assert (top[0]["department"], top[0]["type"]) == ("市市场监管局", "market regulation")
    assert top[0]["betweenness"] == max(r["betweenness"] for r in centrality_rows if r["jurisdiction"] == jurisdiction)


@pytest.mark.parametrize("jurisdiction, department, clauses, partners, shared, degree", [
    # Hefei: 市市场监管局 is named on 17 clauses (三.(一).1–4, 三.(二).1–4, 三.(三).1–3, 三.(四).1–2, 三.(五).1–2,
    # 二.(一), 二.(三)) beside 18 of the 23 other departments; 市重点局 only on 二.(二), with 市城乡建设局 and 市水务局.
    ("hefei", "市市场监管局", 17, 18, 46, round(18 / 23, 4)),
    ("hefei", "市重点局", 1, 2, 2, round(2 / 23, 4)),
    # Hangzhou: one clause (五.(十五), 分别牵头) names its four departments together.
    ("hangzhou", "市质监局", 1, 3, 3, 1.0),
])
def test_analytics_centrality_values(centrality_rows, jurisdiction, department, clauses, partners, shared, degree):
    row = next(r for r in centrality_rows if r["jurisdiction"] == jurisdiction and r["department"] == department)
    assert (row["clauses"], row["partners"], row["shared_clauses"], row["degree_centrality"]) == (
        clauses, partners, shared, degree)


def test_analytics_a_clique_has_no_betweenness(centrality_rows):
    assert {r["betweenness"] for r in centrality_rows if r["jurisdiction"] == "hangzhou"} == {0.0}


def test_analytics_edge_weight_is_shared_clauses(built_engine):
    hefei = analytics.collaboration_networks(built_engine)["hefei"]
    dept = ID + "jurisdiction/hefei/department/"
    # 二.(一), 二.(三), 三.(一).2, 三.(一).4, 三.(二).1, 三.(二).2, 三.(二).4, 三.(三).1–3, 三.(四).1–2, 三.(五).2
    assert hefei.edges[dept + "市市场监管局", dept + "市经信局"]["weight"] == 13


def test_analytics_a_separate_component_is_its_own_community(built_engine):
    # Hefei 二.(四) names 市生态环境局, 市林园局 and 市城管局, and no other clause names any of them.
    rows = [r for r in analytics.communities(built_engine) if r["jurisdiction"] == "hefei"]
    assert ["市城管局", "市林园局", "市生态环境局"] in [r["departments"] for r in rows]
    assert sum(r["size"] for r in rows) == 24


def test_analytics_communities_are_deterministic(built_engine):
    assert analytics.communities(built_engine) == analytics.communities(built_engine)


@pytest.mark.parametrize("other, size", [("gansu", 29), ("hefei", 24), ("huairen", 27), ("yangzhou", 32)])
def test_analytics_jaccard_of_hangzhou(built_engine, other, size):
    # Hangzhou's four departments, in current types: 市发改委 development-reform, 市建委 housing-construction,
    # 市环保局 → ecology-environment, 市质监局 → market-regulation; every other jurisdiction has all four.
    types = analytics.current_types(built_engine)
    assert types["hangzhou"] == {DT + t for t in ("development-reform", "housing-construction",
                                                  "ecology-environment", "market-regulation")}
    assert len(types[other]) == size
    pair = sorted(("hangzhou", other))
    row = next(r for r in analytics.type_overlap(built_engine)
               if [r["jurisdiction_a"], r["jurisdiction_b"]] == pair)
    assert (row["shared"], row["union"], row["jaccard"]) == (4, size, round(4 / size, 4))


def test_analytics_type_overlap_covers_every_pair(built_engine):
    rows = analytics.type_overlap(built_engine)
    assert len(rows) == 10
    assert all(0 < r["jaccard"] <= 1 and r["shared"] <= min(r["types_a"], r["types_b"]) for r in rows)
    hefei_yangzhou = next(r for r in rows if (r["jurisdiction_a"], r["jurisdiction_b"]) == ("hefei", "yangzhou"))
    assert hefei_yangzhou["jaccard"] == round(hefei_yangzhou["shared"] / hefei_yangzhou["union"], 4)


def test_analytics_write_csv(built_engine, tmp_path):
    written = analytics.write_analytics_csv(built_engine, tmp_path)
    assert [p.name for p in written] == ["centrality.csv", "communities.csv", "type-overlap.csv"]
    for path, (name, analysis) in zip(written, analytics.ANALYSES.items()):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert len(rows) == len(analysis(built_engine))
    header = written[0].read_text(encoding="utf-8").splitlines()[0]
    assert header == "jurisdiction,place,rank,department,type,clauses,partners,shared_clauses,degree_centrality,betweenness"


def test_analytics_empty_graph_writes_headers(tmp_path):
    from qgraph.resources import resource_path

    written = analytics.write_analytics_csv(open_engine(resource_path("ontology", "domains.ttl"), None), tmp_path)
    assert [p.read_text(encoding="utf-8").count("\n") for p in written] == [1, 1, 1]
