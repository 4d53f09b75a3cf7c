"""The clause tree of each document, checked against the documents as a reader sees them."""
from __future__ import annotations

from collections import Counter

import pytest

from qgraph.text.normalise import normalise
from qgraph.text.read import SourceText
from qgraph.text.segment import PartKind

# Counted by reading each document: 一、 sections, (一) clauses, 1. items, —— items.
LEVEL_COUNTS = {
    "hefei-2021": {1: 4, 2: 12, 3: 15},
    "huairen-2023": {1: 9, 2: 39},          # 33 (一) clauses and 6 —— items under 二、
    "hangzhou-2011": {1: 5, 2: 20},
    "gansu-2015": {1: 4, 2: 24},
    "yangzhou-2023": {1: 10, 2: 31},
}


@pytest.mark.parametrize("doc_id,expected", sorted(LEVEL_COUNTS.items()))
def test_segment_clauses_per_level(corpus, doc_id, expected):
    numbered = [c for c in corpus[doc_id].clauses if c.kind in (PartKind.CLAUSE, PartKind.DASH_ITEM)]
    assert dict(Counter(c.level for c in numbered)) == expected


@pytest.mark.parametrize("doc_id,number,heading", [
    ("gansu-2015", "四.(二十四)", "完善政府质量工作考核"),
    ("gansu-2015", "二.(七)", "加强消费品等重点产品质量安全监管"),
    ("gansu-2015", "三.(十四)", "创新工作机制，强化标准实施"),
    ("yangzhou-2023", "十", "加强组织保障"),
    ("yangzhou-2023", "十.(二十八)", "加强组织领导"),
    ("yangzhou-2023", "十.(二十九)", "狠抓工作落实"),
    ("yangzhou-2023", "十.(三十)", "强化宣传引导"),
    ("yangzhou-2023", "十.(三十一)", "强化督查考核"),
    ("yangzhou-2023", "二.(二)", "保障食品药品安全"),
    ("hefei-2021", "二.(一)", "产品质量目标"),
    ("hefei-2021", "二.(四)", "环境质量目标"),
    ("hefei-2021", "三.(二).4", "著力打造合肥品牌"),
    ("hefei-2021", "四.(三)", "加强督查考核"),
    ("hangzhou-2011", "一", "指导思想和总体要求"),
    ("hangzhou-2011", "二", "实施三大战略，推进质量强市建设"),
    ("hangzhou-2011", "三.(六)", "实施产品质量提升工程"),
    ("hangzhou-2011", "五.(十五)", "加强组织领导"),
    ("hangzhou-2011", "五.(二十)", "优化质量环境"),
    ("huairen-2023", "二.—1", "质量基础更加扎实"),
    ("huairen-2023", "二.—6", "品牌优势更加明显"),
    ("huairen-2023", "五.(一)", "提升农产品和食品药品质量安全"),
    ("huairen-2023", "九.(三)", "加强督查考核"),
])
def test_segment_heading(clause_of, doc_id, number, heading):
    assert clause_of(doc_id, number).heading == heading


@pytest.mark.parametrize("doc_id,number,parent", [
    ("gansu-2015", "二.(七)", "2"),        # (一)…(二十四) run across the sections
    ("hangzhou-2011", "五.(十五)", "5"),
    ("hefei-2021", "三.(二).4", "3-2"),
    ("huairen-2023", "二.—3", "2"),
    ("yangzhou-2023", "一", None),
])
def test_segment_parent(clause_of, doc_id, number, parent):
    assert clause_of(doc_id, number).parent == parent


def test_segment_unnumbered_paragraph_joins_clause_above(clause_of):
    clause = clause_of("huairen-2023", "五.(一)")
    first, second = clause.text.split("\n")
    assert first.startswith("（一）提升农产品和食品药品质量安全。")
    assert second.startswith("严格监督实施药品、医疗器械和化妆品")
    assert second.endswith("（责任单位：市农业农村局、现代农业发展服务中心、草牧业发展中心、市市场监管局、市卫体局）")


@pytest.mark.parametrize("doc_id,number,ending", [
    ("gansu-2015", "一.(二)", "（省质监局牵头，省发展改革委、省工信委、省财政厅、省人社厅配合）"),
    ("hefei-2021", "二.(一)", "（市市场监管局、市经信局、市农业农村局等按职责分工负责）"),
    ("yangzhou-2023", "四.(八)", "中国人民银行扬州市分行按职责分工负责）"),
])
def test_segment_responsibility_stays_with_clause(clause_of, doc_id, number, ending):
    assert clause_of(doc_id, number).text.endswith(ending)


@pytest.mark.parametrize("doc_id,kinds", [
    ("hefei-2021", ["ADDRESSEE", "PREAMBLE"]),
    ("hangzhou-2011", ["ADDRESSEE", "PREAMBLE"]),
    ("gansu-2015", ["TITLE", "PREAMBLE"]),
    ("huairen-2023", ["NOTICE"] * 7 + ["TITLE", "PREAMBLE"]),
    ("yangzhou-2023", ["TITLE", "TITLE", "DOCUMENT_NUMBER", "ADDRESSEE", "PREAMBLE"]),
])
def test_segment_front_matter(corpus, doc_id, kinds):
    front = []
    for clause in corpus[doc_id].clauses:
        if clause.kind in (PartKind.CLAUSE, PartKind.DASH_ITEM):
            break
        front.append(clause.kind.name)
    assert front == kinds


def test_segment_covering_notice_is_kept_whole(corpus):
    notice = [c.text for c in corpus["huairen-2023"].clauses if c.kind is PartKind.NOTICE]
    assert notice[0] == "怀仁市人民政府关于印发全面推进质量强市建设实施方案的通知"
    assert notice[1] == "怀政发〔2023〕29号"
    assert notice[5:] == ["2023年6月22日", "（此件公开发布）"]


@pytest.mark.parametrize("doc_id,closing", [
    ("hefei-2021", "本实施意见自2021年3月12日起实施，有效期5年。\n2021年3月12日"),
    ("hangzhou-2011", "本意见自公布之日起30日后施行。 二○一一年六月二十九日"),
    ("yangzhou-2023", "扬州市人民政府\n2023年12月11日"),
    ("gansu-2015", "各市州政府和相关部门要加强对质量发展工作的组织领导和统筹协调，结合本地、本部门实际，参照本行动计划，"
                   "制定具体工作方案，细化任务，明确时限和要求，逐级落实责任，确保按期完成各项任务。"),
])
def test_segment_closing(corpus, doc_id, closing):
    closings = [c.text for c in corpus[doc_id].clauses if c.kind is PartKind.CLOSING]
    assert closings == [closing]


def test_segment_huairen_has_no_closing(corpus):
    assert not [c for c in corpus["huairen-2023"].clauses if c.kind is PartKind.CLOSING]


@pytest.mark.parametrize("doc_id", sorted(LEVEL_COUNTS))
def test_segment_parts_cover_text_without_overlap(corpus, doc_id):
    parsed = corpus[doc_id]
    covered = [0] * len(parsed.text.text)
    for clause in parsed.clauses:
        for i in range(clause.start, clause.end):
            covered[i] += 1
    assert all(n == 1 for ch, n in zip(parsed.text.text, covered) if not ch.isspace())
    orders = [c.order for c in parsed.clauses]
    assert orders == list(range(1, len(orders) + 1))


@pytest.mark.parametrize("doc_id", sorted(LEVEL_COUNTS))
def test_segment_source_offsets_renormalise_to_clause_text(corpus, doc_id):
    """Slicing the decoded source with a clause's offsets gives text that normalises to the clause."""
    parsed = corpus[doc_id]
    source = parsed.text.source
    for clause in parsed.clauses:
        piece = source.text[clause.source_start:clause.source_end]
        again = normalise(SourceText(doc_id, None, piece, "utf-8", ""), parsed.spec.corrections,
                          parsed.text.script)
        assert again.text == clause.text, clause.number


def test_segment_cli_prints_tree(run):
    result = run("parse", "gansu-2015", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "doc,order,number,kind,level,heading,chars,start,end"
    assert "gansu-2015,30,四.(二十四),NumberedClause,2,完善政府质量工作考核,221," in result.stdout
    assert len(lines) == 1 + 31
