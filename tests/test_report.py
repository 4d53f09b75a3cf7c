"""qgraph report: the pages written from the built bundled corpus, their numbers (checked by hand with
SPARQL against the graph), their evidence links, escaping, atomic writing, and the CLI.
The browser tests (headless Chromium) are in tests/test_report_browser.py."""
from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from conftest import XSS_PAYLOADS
from qgraph.ask.engine import open_engine
from qgraph.report import write_report

JURISDICTIONS = ("gansu", "hangzhou", "hefei", "huairen", "yangzhou")
PAGES = ("index.html", "domains.html", "leads.html", "indicators.html", "deadlines.html", "reuse.html",
         *(f"jurisdiction-{j}.html" for j in JURISDICTIONS))
DT = "https://w3id.org/qgraph/department-type/"


def heat(spec: dict, row: str, jurisdiction: str) -> tuple[object, str, str]:
    """The (z, text, evidence anchor) of a heat-map cell: the row whose label starts with ``row``, the column
    whose label ends with the jurisdiction id."""
    trace, layout = spec["data"][0], spec["layout"]
    r = next(i for i, t in enumerate(layout["yaxis"]["ticktext"]) if t.startswith(row))
    c = next(i for i, t in enumerate(layout["xaxis"]["ticktext"]) if t.endswith(jurisdiction))
    return trace["z"][r][c], trace["text"][r][c], trace["customdata"][r][c]


def test_report_writes_one_page_per_question_and_jurisdiction(report_dir):
    assert sorted(p.name for p in report_dir.glob("*.html")) == sorted(PAGES)
    assert sorted(p.name for p in (report_dir / "assets").iterdir()) == ["plotly.min.js", "report.css", "report.js"]
    assert (report_dir / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    index = (report_dir / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+\.html)"', index))
    assert links == set(PAGES) - {"index.html"}


@pytest.mark.parametrize("page", PAGES)
def test_report_pages_load_nothing_from_the_network(report_dir, page):
    html = (report_dir / page).read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', html) == ["assets/plotly.min.js", "assets/report.js"]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["assets/report.css"]
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


@pytest.mark.parametrize("page", PAGES)
def test_report_every_mark_links_to_its_evidence(report_dir, chart_specs, page):
    html = (report_dir / page).read_text(encoding="utf-8")
    ids = set(re.findall(r' id="([^"]+)"', html))
    specs = chart_specs(report_dir / page)
    assert specs, f"{page} has no chart"
    for spec in specs.values():
        for trace in spec["data"]:
            keys = [k for row in trace["customdata"] for k in (row if isinstance(row, list) else [row]) if k]
            assert keys
            for key in keys:
                target, _, fragment = key.rpartition("#")
                if target:  # a mark on a profile links to the domain page's evidence
                    assert fragment in (report_dir / target).read_text(encoding="utf-8")
                else:
                    assert key in ids
    for href in re.findall(r'href="#([^"]+)"', html):  # the data tables link to the same evidence
        assert href in ids


def test_report_index_lists_jurisdictions_with_id_and_chinese_name(report_dir):
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><td id="j-hefei">.*?</tr>', html).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    # hefei-2021, issued 2021: 31 numbered clauses, no dash item, 16 targets, 19 clauses with a lead department
    assert cells[1:] == ["合肥市", "Hefei", "prefecture", "hefei-2021", "2021", "31", "0", "16", "19"]


@pytest.mark.parametrize("jurisdiction, led", [("gansu", 18), ("hangzhou", 1), ("hefei", 14), ("huairen", 17),
                                               ("yangzhou", 13)])
def test_report_leads_matrix_folds_the_2018_reform(report_dir, chart_specs, graph_engine, jurisdiction, led):
    # checked by hand: clauses led by a department of type market regulation or one of its predecessors
    by_hand = graph_engine(f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
      ?c qg:document/qg:jurisdiction <jurisdiction/{jurisdiction}> ; qg:assignment ?a .
      ?a qg:agent ?u ; qg:leadBasis/qg:countsAsLead true . ?u a qg:Department ; qg:departmentType ?t .
      VALUES ?t {{ <{DT}market-regulation> <{DT}quality-supervision> <{DT}industry-commerce>
                  <{DT}food-drug-administration> }} }}""")[0]["n"]
    assert by_hand == led
    spec = chart_specs(report_dir / "leads.html")["chart-leads"]
    assert heat(spec, "市场监督管理 market regulation", jurisdiction) == (led, str(led),
                                                                   f"lead-{jurisdiction}-market-regulation")


def test_report_leads_gansu_market_regulation_is_all_predecessors(report_dir, chart_specs):
    # gansu-2015 predates the reform: its 18 market-regulation leads are by 省质监局, 省工商局 and 省食品药品监管局
    html = (report_dir / "leads.html").read_text(encoding="utf-8")
    group = re.search(r'<tbody id="lead-gansu-market-regulation">(.*?)</tbody>', html, re.S).group(1)
    assert "gansu 甘肃省 · 市场监督管理 market regulation: 18 clause(s) led (18)" in group
    assert group.count("<tr>") == 18
    assert "省质监局 (质量技术监督 → 市场监督管理), ExplicitLead" in group
    row = re.search(r"<tr><td>市场监督管理 market regulation</td>.*?</tr>", html).group(0)
    assert row.endswith("<td>工商行政管理、质量技术监督、食品药品监督管理</td></tr>")
    ticks = chart_specs(report_dir / "leads.html")["chart-leads"]["layout"]["yaxis"]["ticktext"]
    assert not any(t.startswith(("质量技术监督", "工商行政管理")) for t in ticks)


def test_report_domain_share(report_dir, chart_specs):
    # hefei: 17 of its 31 clauses with a domain are about quality governance (54.8 %)
    spec = chart_specs(report_dir / "domains.html")["chart-domains"]
    assert heat(spec, "质量治理", "hefei") == (54.8, "17<br>54.8%", "dom-hefei-QualityGovernance")
    html = (report_dir / "domains.html").read_text(encoding="utf-8")
    assert '<a href="#dom-hefei-QualityGovernance">17 (54.8%)</a>' in html


def test_report_reuse_matrix(report_dir, chart_specs, graph_engine):
    by_hand = graph_engine("""SELECT (SUM(STRLEN(?t)) AS ?chars) (COUNT(?r) AS ?n) WHERE { ?r a qg:TextReuse ;
      qg:boilerplate false ; qg:reusedText ?t ; qg:reusedClause/qg:document/qg:jurisdiction <jurisdiction/huairen> ;
      qg:sourceClause/qg:document/qg:jurisdiction <jurisdiction/hefei> }""")[0]
    assert (by_hand["chars"], by_hand["n"]) == (1178, 17)
    spec = chart_specs(report_dir / "reuse.html")["chart-reuse"]
    assert heat(spec, "huairen", "hefei") == (1178, "1178<br>(17)", "reuse-huairen-hefei")
    assert heat(spec, "hefei", "huairen")[0] is None  # nothing the other way


def test_report_indicators_keep_units_apart_and_show_changes(report_dir, chart_specs):
    specs = chart_specs(report_dir / "indicators.html")
    html = (report_dir / "indicators.html").read_text(encoding="utf-8")
    units = re.findall(r"<h2>Targets in (.*?)</h2>", html)
    assert units == ["%", "个", "件", "元", "分", "家", "项"]
    for unit, spec in zip(units, specs.values(), strict=True):
        assert spec["layout"]["xaxis"]["title"]["text"] == f"value ({unit})"
        for trace in spec["data"]:  # every label carries the chart's unit, and only it
            texts = [html_module.unescape(t) for t in trace["text"]]  # Plotly reads labels as HTML
            assert all(re.fullmatch(rf"[≥>=≤<≈↓↑]?[\d.–]+{re.escape(unit)}( vs \d{{4}})? \((\d{{4}}|no year)\)", t)
                       for t in texts), texts
    yangzhou = next(t for t in specs["chart-unit-1"]["data"] if t["name"] == "yangzhou 扬州市")
    assert "↓17% vs 2020 (2025)" in yangzhou["text"]
    assert yangzhou["marker"]["symbol"][yangzhou["text"].index("↓17% vs 2020 (2025)")] == "triangle-down"
    # public-service satisfaction: huairen 83 % and yangzhou 82 分 are on different charts
    assert "83% (2025)" in next(t for t in specs["chart-unit-1"]["data"] if t["name"] == "huairen 怀仁市")["text"]
    # (and yangzhou's manufacturing quality competitiveness index, >88 分, written &gt; for Plotly)
    assert [t["text"] for t in specs["chart-unit-5"]["data"]] == [["≥82分 (2025)", "&gt;88分 (2025)"]]


def test_report_deadlines(report_dir, chart_specs):
    spec = chart_specs(report_dir / "deadlines.html")["chart-deadlines"]
    assert spec["layout"]["xaxis"]["ticktext"] == ["2015", "2025", "no year"]
    assert [heat(spec, "扬州市", "")[0] for _ in (0,)] == [None]  # yangzhou has nothing due in 2015
    row = spec["layout"]["yaxis"]["ticktext"].index("扬州市 yangzhou")
    assert spec["data"][0]["z"][row] == [None, 54, 21]
    assert "records no task deadlines" in (report_dir / "deadlines.html").read_text(encoding="utf-8")


def test_report_profile(report_dir, chart_specs):
    html = (report_dir / "jurisdiction-hefei.html").read_text(encoding="utf-8")
    assert "<h1>Profile: hefei 合肥市</h1>" in html
    assert "<h2>Its targets (16)</h2>" in html
    bars = chart_specs(report_dir / "jurisdiction-hefei.html")["chart-leads-hefei"]["data"][0]
    top = bars["hovertext"][0]
    assert top.startswith("市市场监管局 · 市场监督管理<br>") and bars["x"][0] == 14


def test_report_evidence_gives_clause_text_and_offsets(report_dir):
    html = (report_dir / "indicators.html").read_text(encoding="utf-8")
    key = re.search(r'<tbody id="(target-\d+)"><tr class="group"><th colspan="5">yangzhou 扬州市 · 单位工业增加值能耗 '
                    r"↓17% vs 2020 \(1\)</th></tr>", html).group(1)
    group = re.search(rf'<tbody id="{key}">(.*?)</tbody>', html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", group, re.S)
    assert cells[:3] == ["yangzhou 扬州市", "yangzhou-2023", "一"]
    assert cells[3] == ('<div class="text">单位规模以上工业增加值能源消耗: ↓17% vs 2020, by 2025\n'
                        "“单位规模以上工业增加值能源消耗较2020年下降17%”\n(clause: 总体要求)</div>")
    assert cells[4] == "821–847"  # the target's qg:charStart and qg:charEnd


def test_report_is_deterministic(built_graph, report_dir, tmp_path):
    again = tmp_path / "again"
    write_report(open_engine(built_graph, None), again)
    for path in report_dir.rglob("*"):
        if path.is_file():
            assert (again / path.relative_to(report_dir)).read_bytes() == path.read_bytes(), path.name


def test_report_payloads_are_text(xss_report):
    for page in ("index.html", "leads.html", "indicators.html", "domains.html", "jurisdiction-xss.html"):
        html = (xss_report / page).read_text(encoding="utf-8")
        for payload in XSS_PAYLOADS:
            assert payload not in html, (page, payload)
        assert "<img" not in html and "<svg" not in html
        assert html.count("<script") == html.count("</script>")
        assert re.findall(r"<script[^>]*>", html).count("<script>") == 0  # no inline code
    html = (xss_report / "domains.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__xss=&#x27;script&#x27;&lt;/script&gt;" in html  # shown, escaped once


def test_report_replaces_the_folder_whole_or_not_at_all(built_graph, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    with pytest.raises(Exception, match="QG120"):
        write_report(open_engine(tmp_path / "nosuch.ttl", None), out)
    assert [p.name for p in out.iterdir()] == ["stale.html"]
    write_report(open_engine(built_graph, None), out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary folder left


def test_cli_report(run, built_graph, tmp_path):
    result = run("report", "--graph", str(built_graph), "--out", str(tmp_path / "r"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Open {tmp_path / 'r' / 'index.html'} in a browser (works offline)\n"
    assert len(list((tmp_path / "r").glob("*.html"))) == 11


@pytest.mark.parametrize("args, message", [
    (["--graph", "nosuch.ttl"], "Error: nosuch.ttl: [QG120] graph file not found (run `qgraph build` first)\n"),
    (["--endpoint", "http://127.0.0.1:9/sparql"],
     "Error: [QG501] cannot reach SPARQL endpoint http://127.0.0.1:9/sparql: Connection refused\n"),
])
def test_cli_report_bad_source_is_one_line(run, tmp_path, args, message):
    result = run("report", *args, "--out", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert result.stderr == message
    assert not (tmp_path / "r").exists()


def test_api_report(built_graph, tmp_path):
    import qgraph

    written = qgraph.open(built_graph).report(tmp_path / "r")
    assert written[0] == tmp_path / "r" / "index.html" and len(written) == 11
    assert all(isinstance(p, Path) and p.is_file() for p in written)


@pytest.mark.server
def test_report_from_a_sparql_endpoint_equals_the_report_from_the_file(sparql_endpoint, engine_graph, tmp_path):
    # the report reads only the graph, through SPARQL: an endpoint holding the same graph gives the same pages
    from qgraph.ask.engine import RemoteEngine

    write_report(RemoteEngine(sparql_endpoint), tmp_path / "remote")
    write_report(open_engine(engine_graph, None), tmp_path / "file")
    pages = sorted(p.name for p in (tmp_path / "file").glob("*.html"))
    assert "index.html" in pages and any(p.startswith("jurisdiction-") for p in pages)
    assert sorted(p.name for p in (tmp_path / "remote").glob("*.html")) == pages
    for name in pages:
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "file" / name).read_bytes(), name


def test_report_shows_task_deadlines_when_the_graph_has_them(built_graph, chart_specs, tmp_path):
    # qg:deadline (task-table rows) is read when present: two hefei clauses due 2022年底, one huairen clause 2023年
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=built_graph, format=pyoxigraph.RdfFormat.TURTLE)
    qg, doc = "https://w3id.org/qgraph/ontology#", "https://w3id.org/qgraph/id/doc/"
    for clause, due in (("hefei-2021/clause/3-1-1", "2022年底"), ("hefei-2021/clause/3-1-2", "2022年底"),
                        ("huairen-2023/clause/5-1", "2023年")):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(doc + clause), pyoxigraph.NamedNode(qg + "deadline"),
                                  pyoxigraph.Literal(due)))
    graph = tmp_path / "with-deadlines.ttl"
    graph.write_bytes(store.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph()))
    write_report(open_engine(graph, None), tmp_path / "r")
    spec = chart_specs(tmp_path / "r" / "deadlines.html")["chart-tasks"]
    assert spec["layout"]["xaxis"]["ticktext"] == ["2022年底", "2023年"]
    rows = spec["layout"]["yaxis"]["ticktext"]
    assert spec["data"][0]["z"][rows.index("合肥市 hefei")] == [2, None]
    assert spec["data"][0]["z"][rows.index("怀仁市 huairen")] == [None, 1]
    html = (tmp_path / "r" / "deadlines.html").read_text(encoding="utf-8")
    assert '<tbody id="task-hefei-1">' in html and "records no task deadlines" not in html
    assert '<a href="#task-huairen-2">1</a>' in html
    write_report(open_engine(graph, None), tmp_path / "h", cities=["huairen"])   # only its deadline
    spec = chart_specs(tmp_path / "h" / "deadlines.html")["chart-tasks"]
    assert spec["layout"]["xaxis"]["ticktext"] == ["2023年"] and spec["layout"]["yaxis"]["ticktext"] == ["怀仁市 huairen"]


def test_report_of_the_jurisdictions_named_holds_only_theirs(run, built_graph, chart_specs, tmp_path):
    """--city (ids or names) reports on those jurisdictions, found from them in the graph: their profiles, their
    columns, the passages between their clauses (huairen took 17 from hefei), and nothing of the others."""
    out = tmp_path / "r"
    result = run("report", "--graph", str(built_graph), "--out", str(out), "--city", "huairen", "--city", "合肥市")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("jurisdiction-*.html")) == ["jurisdiction-hefei.html",
                                                                      "jurisdiction-huairen.html"]
    domains = chart_specs(out / "domains.html")["chart-domains"]
    assert domains["layout"]["xaxis"]["ticktext"] == ["合肥市<br>hefei", "怀仁市<br>huairen"]
    assert heat(domains, "质量治理", "hefei") == (54.8, "17<br>54.8%", "dom-hefei-QualityGovernance")   # as in all
    reuse = chart_specs(out / "reuse.html")["chart-reuse"]
    assert heat(reuse, "huairen", "hefei") == (1178, "1178<br>(17)", "reuse-huairen-hefei")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "gansu" not in index and "yangzhou" not in index and "hangzhou" not in index


def test_report_of_more_jurisdictions_than_it_draws_unnamed_asks_for_them(run, built_graph, tmp_path, monkeypatch):
    from qgraph import report as report_module

    monkeypatch.setattr(report_module, "REPORT_JURISDICTIONS", 4)   # the bundled graph has 5
    result = run("report", "--graph", str(built_graph), "--out", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert result.stderr == ("Error: [QG411] a report draws every jurisdiction it covers on each page, and this graph "
                             "has 5: name those to report on with --city (up to 4 are reported on without naming "
                             "them; `qgraph jurisdictions` lists them)\n")
    assert not (tmp_path / "r").exists()
    result = run("report", "--graph", str(built_graph), "--out", str(tmp_path / "r"), *[
        arg for j in JURISDICTIONS for arg in ("--city", j)])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "r").glob("jurisdiction-*.html"))) == 5
    result = run("report", "--graph", str(built_graph), "--out", str(tmp_path / "s"), "--city", "苏州")
    assert result.exit_code == 2 and "no jurisdiction is named '苏州'" in result.stderr
    assert not (tmp_path / "s").exists()
