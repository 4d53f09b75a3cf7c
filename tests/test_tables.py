"""Task tables: a plan whose tasks are a table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) gives one
clause per row, its units' roles from the columns and its deadline; the same table flattened by a
copy-paste (cells between runs of spaces, or single spaces) gives the same; an indicator table is no
task table. The expected values were checked by reading the document below."""
from __future__ import annotations

import re

import pytest

from qgraph.extract import extract
from qgraph.model import Jurisdiction
from qgraph.pipeline import parse_text
from qgraph.text.tables import deadline_date, header_roles

YUNXI = Jurisdiction("yunxi", "云溪市", "Yunxi", "county", "990181")

# As a reader renders a Word or HTML table: one line per row, one TAB between cells. Row 4's task is
# split over two lines (a continuation row with an empty 序号), row 5's support units too; the header
# is repeated after a page break; the indicator table of 一、 is no task table.
PLAN = """云溪市质量强市建设三年行动方案（2024—2026年）
为深入实施质量强市战略，推动全市经济高质量发展，结合我市实际，制定本方案。
一、总体目标
到2026年，全市质量总体水平稳步提升，质量品牌建设取得明显成效。主要指标如下：
指标\t2023年基数\t2026年目标值
制造业产品质量合格率（%）\t93.5\t95
食品抽检合格率（%）\t97.8\t98.5
二、重点任务
各牵头单位要会同配合单位细化工作措施，按照时限要求抓好落实。
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t加强食品安全监管，完善食用农产品产地准出和市场准入衔接机制\t市市场监管局\t市农业农村局、市卫健委\t2024年底前
2\t推进质量基础设施“一站式”服务站建设\t市市场监管局\t市工信局 市科技局\t2024年6月底前
3\t实施制造业质量提升行动，组织重点企业开展质量对标\t市工信局\t市市场监管局、市发展改革委、市财政局\t2025年底前
4\t提升建设工程质量，推行工程质量安全手册制度，\t市住建局\t市交通运输局、市水务局\t长期坚持
\t健全工程质量追溯体系\t\t\t
序号\t重点任务\t牵头单位\t配合单位\t完成时限
5\t打造“云溪山茶”区域公用品牌\t市农业农村局\t市商务局、\t2025年第三季度
\t\t\t市文化旅游局\t
6\t提升旅游服务质量，开展旅游服务质量监测\t市文化旅游局\t市商务局、市交通运输局\t每年12月底前
7\t加强生态环境质量监测\t市生态环境局\t\t持续推进
8\t完善质量激励机制，组织开展市长质量奖评选\t市市场监管局\t市人力资源社会保障局、市财政局\t2026年6月30日前
三、保障措施
（一）加强组织领导。建立质量强市工作推进机制，统筹推进各项任务落实。（市市场监管局负责）
（二）强化督查考核。将重点任务完成情况纳入年度质量工作考核。
云溪市人民政府
2024年3月15日
"""

# The same plan copied from a page as plain text: cells between runs of spaces, the empty cells
# lost in the runs, continuation lines indented.
SPACED = PLAN.replace("\t", "  ")

# … and as a copy that kept single spaces only (the indicator table likewise).
SINGLE = re.sub(r"(?m)^(?=\t)", "    ", PLAN)        # a continuation line stays indented
SINGLE = re.sub(r"\t+", " ", SINGLE)
SINGLE = SINGLE.replace("三、保障措施", "三、 保障措施")   # a numbered line after the table is no row

EXPECTED = [   # number, heading, [(unit, role, basis)], deadline, deadline date
    ("二.1", "加强食品安全监管，完善食用农产品产地准出和市场准入衔接机制",
     [("市市场监管局", "Lead", "ExplicitLead"), ("市农业农村局", "Support", "Supporting"),
      ("市卫健委", "Support", "Supporting")], "2024年底前", "2024-12-31"),
    ("二.2", "推进质量基础设施“一站式”服务站建设",
     [("市市场监管局", "Lead", "ExplicitLead"), ("市工信局", "Support", "Supporting"),
      ("市科技局", "Support", "Supporting")], "2024年6月底前", "2024-06-30"),
    ("二.3", "实施制造业质量提升行动，组织重点企业开展质量对标",
     [("市工信局", "Lead", "ExplicitLead"), ("市市场监管局", "Support", "Supporting"),
      ("市发展改革委", "Support", "Supporting"), ("市财政局", "Support", "Supporting")], "2025年底前", "2025-12-31"),
    ("二.4", "提升建设工程质量，推行工程质量安全手册制度，健全工程质量追溯体系",
     [("市住建局", "Lead", "ExplicitLead"), ("市交通运输局", "Support", "Supporting"),
      ("市水务局", "Support", "Supporting")], "长期坚持", None),
    ("二.5", "打造“云溪山茶”区域公用品牌",
     [("市农业农村局", "Lead", "ExplicitLead"), ("市商务局", "Support", "Supporting"),
      ("市文化旅游局", "Support", "Supporting")], "2025年第三季度", "2025-09-30"),
    ("二.6", "提升旅游服务质量，开展旅游服务质量监测",
     [("市文化旅游局", "Lead", "ExplicitLead"), ("市商务局", "Support", "Supporting"),
      ("市交通运输局", "Support", "Supporting")], "每年12月底前", None),
    ("二.7", "加强生态环境质量监测", [("市生态环境局", "Lead", "ExplicitLead")], "持续推进", None),
    ("二.8", "完善质量激励机制，组织开展市长质量奖评选",
     [("市市场监管局", "Lead", "ExplicitLead"), ("市人力资源社会保障局", "Support", "Supporting"),
      ("市财政局", "Support", "Supporting")], "2026年6月30日前", "2026-06-30"),
]


def _rows(text):
    found = extract(parse_text(text, YUNXI, doc_id="yunxi-2024"))
    return found, [(p.clause.number, p.clause.heading,
                    [(a.label, a.role.value, a.basis.value) for a in p.assignments],
                    p.deadline and p.deadline.text, p.deadline and p.deadline.date)
                   for p in found.clauses if p.clause.rule == "table.row"]


def test_tables_each_row_is_a_clause_with_units_from_its_columns():
    found, rows = _rows(PLAN)
    assert rows == EXPECTED
    numbers = [p.clause.number for p in found.clauses if p.clause.numbered]
    assert numbers == ["一", "二", *[f"二.{n}" for n in range(1, 9)], "三", "三.(一)", "三.(二)"]
    assert all(p.clause.parent == "2" for p in found.clauses if p.clause.rule == "table.row")


def test_tables_row_offsets_slice_the_text_and_the_source():
    found, _ = _rows(PLAN)
    norm = found.parsed.text
    for part in found.clauses:
        clause = part.clause
        assert norm.text[clause.start:clause.end] == clause.text
        if clause.rule != "table.row":
            continue
        source = PLAN[clause.source_start:clause.source_end]
        assert source.startswith(clause.number.split(".")[1] + "\t")
        for a in part.assignments:
            assert clause.text[a.start:a.end] == a.written
        assert clause.text[part.deadline.start:part.deadline.end] == part.deadline.text
    row4 = next(p.clause for p in found.clauses if p.clause.number == "二.4")
    assert "长期坚持\n\t健全工程质量追溯体系" in row4.text   # the repeated header below it stays in its span
    row5 = next(p.clause for p in found.clauses if p.clause.number == "二.5")
    assert row5.text.startswith("5\t打造") and "\t市文化旅游局" in row5.text


@pytest.mark.parametrize("text", [SPACED, SINGLE], ids=["runs-of-spaces", "single-spaces"])
def test_tables_flattened_by_a_copy_paste_give_the_same_rows(text):
    assert "\t" not in text
    found, rows = _rows(text)
    assert rows == EXPECTED
    assert [p.clause.number for p in found.clauses if p.clause.numbered][-3:] == ["三", "三.(一)", "三.(二)"]


def test_tables_an_indicator_table_is_left_as_text():
    found, _ = _rows(PLAN)
    first = next(p for p in found.clauses if p.clause.number == "一")
    assert "制造业产品质量合格率" in first.clause.text
    assert not first.clause.cells and first.deadline is None
    assert [p.clause.number for p in found.clauses if p.clause.parent == "1"] == []


def test_tables_a_responsibility_column_alone_reads_as_a_list():
    text = ("一、重点工作\n序号\t工作任务\t责任单位\t完成时间\n"
            "1\t开展质量提升行动\t县市场监管局、县工信局\t2024年底\n"
            "2\t加强计量监管\t县市场监管局\t2024年12月\n")
    found = extract(parse_text(text))
    rows = {p.clause.number: [(a.label, a.basis.value) for a in p.assignments]
            for p in found.clauses if p.clause.cells}
    assert rows == {"一.1": [("县市场监管局", "FirstListed"), ("县工信局", "JointlyResponsible")],
                    "一.2": [("县市场监管局", "SoleResponsible")]}


def test_tables_header_needs_a_task_and_a_unit_column():
    assert header_roles(["序号", "任务内容", "完成时限"]) is None
    assert header_roles(["序号", "重点任务", "牵头单位", "金额"]) is None
    assert [r for r, _ in header_roles(["序 号", "具体措施", "牵头部门", "协办单位", "时间进度", "备注"])] == [
        "number", "task", "lead", "support", "deadline", "other"]


@pytest.mark.parametrize("cell,date", [
    ("2024年6月底前", "2024-06-30"), ("2025年底", "2025-12-31"), ("2024年上半年", "2024-06-30"),
    ("2024年2月", "2024-02-29"), ("2024年6月启动，2025年底前完成", "2025-12-31"), ("长期坚持", None),
    ("每年12月底前", None), ("持续推进", None), ("2024年13月", None),
])
def test_tables_deadline_dates(cell, date):
    assert deadline_date(cell)[0] == date


def test_tables_rows_build_into_the_graph_with_their_deadlines(tmp_path):
    import pyoxigraph as ox

    from qgraph.pipeline import build

    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "documents.yaml").write_text(
        "documents:\n  - id: yunxi-2024\n    file: plan.txt\n"
        '    jurisdiction: {id: yunxi, name_zh: 云溪市, name_en: Yunxi, level: county, code: "990181"}\n',
        encoding="utf-8")
    report = build(tmp_path / "documents.yaml", tmp_path / "out")   # validated (SHACL and checks) as it builds
    store = ox.Store()
    store.load(path=str(report.path), format=ox.RdfFormat.TURTLE)
    rows = store.query("""PREFIX qg: <https://w3id.org/qgraph/ontology#>
        SELECT ?number ?deadline ?date ?lead WHERE {
          ?clause qg:number ?number ; qg:deadline ?deadline ; qg:leadDepartment/<http://www.w3.org/2000/01/rdf-schema#label> ?lead .
          OPTIONAL { ?clause qg:deadlineDate ?date } } ORDER BY ?number""")
    found = [(r["number"].value, r["deadline"].value, r["date"] and r["date"].value, r["lead"].value) for r in rows]
    assert found == [(n, d, date, units[0][0]) for n, _, units, d, date in EXPECTED]
    dates = store.query("""PREFIX qg: <https://w3id.org/qgraph/ontology#>
        SELECT (DATATYPE(?d) AS ?t) WHERE { ?c qg:deadlineDate ?d } LIMIT 1""")
    assert [r["t"].value for r in dates] == ["http://www.w3.org/2001/XMLSchema#date"]


@pytest.mark.parametrize("form,indent", [("tabs", "\u3000\u3000"), ("runs-of-spaces", "\u3000\u3000"),
                                         ("runs-of-spaces", "    各地、各部门要高度重视，")])
def test_tables_an_indented_paragraph_after_the_table_is_no_row(form, indent):
    note = indent + "各牵头单位要按照时限要求细化工作措施，每季度末向市市场监管局报送工作进展情况。\n"
    text = PLAN.replace("三、保障措施\n", note + "三、保障措施\n")
    text = text if form == "tabs" else text.replace("\t", "  ")
    found, rows = _rows(text)
    assert rows == EXPECTED
    last = next(p.clause for p in found.clauses if p.clause.number == "二.8")
    assert last.text.endswith("每季度末向市市场监管局报送工作进展情况。") and "\t" not in last.text.split("\n")[-1]
