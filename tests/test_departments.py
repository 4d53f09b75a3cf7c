"""Responsibility statements: every notation of the corpus, with results checked by reading."""
from __future__ import annotations

import re

import pytest

from qgraph.extract.departments import Role, extract_assignments, find_statements
from qgraph.model import Jurisdiction
from qgraph.text.normalise import normalise
from qgraph.text.read import SourceText

LEAD, SUPPORT, RESP = Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE


def _assignments(corpus, clause_of, doc_id, number):
    clause = clause_of(doc_id, number)
    return extract_assignments(clause.text, clause.slug, corpus[doc_id].spec.jurisdiction)


def _by_role(assignments, role):
    return [a.label for a in assignments if a.role is role and not a.is_group]


@pytest.mark.parametrize("doc_id,number,leads,supports", [
    ("gansu-2015", "一.(五)", ["省工信委", "省建设厅", "省交通运输厅", "省水利厅", "省质监局"],
     ["省商务厅", "省卫生计生委", "省政府国资委", "省工商局", "省食品药品监管局"]),
    ("gansu-2015", "一.(二)", ["省质监局"], ["省发展改革委", "省工信委", "省财政厅", "省人社厅"]),
    ("gansu-2015", "二.(六)", ["省农牧厅", "省食品药品监管局", "省卫生计生委", "甘肃出入境检验检疫局"],
     ["省教育厅", "省公安厅", "省商务厅", "省工商局", "省质监局"]),
    ("gansu-2015", "四.(二十四)", ["省政府办公厅", "省质监局"], ["省委组织部"]),
    ("gansu-2015", "四.(二十)", ["省环保厅", "省建设厅", "省交通运输厅", "省水利厅", "省农牧厅", "省商务厅",
                                "省工商局", "省质监局", "省旅游局", "省食品药品监管局"], []),
    ("hefei-2021", "三.(一).3", ["市市场监管局"], []),
    ("yangzhou-2023", "二.(二)", ["市市场监管局"], []),
    ("huairen-2023", "七.(二)", ["市市场监管局"], []),
    ("huairen-2023", "九.(三)", ["市市场监管局"], []),         # 市场监管局会同有关部门…
])
def test_departments_leads_and_supports(corpus, clause_of, doc_id, number, leads, supports):
    found = _assignments(corpus, clause_of, doc_id, number)
    assert _by_role(found, LEAD) == leads
    assert _by_role(found, SUPPORT) == supports


@pytest.mark.parametrize("doc_id,number,responsible", [
    ("hefei-2021", "二.(一)", ["市市场监管局", "市经信局", "市农业农村局"]),
    ("hefei-2021", "三.(二).3", ["市委组织部", "市人社局", "市教育局", "市市场监管局", "市总工会", "团市委"]),
    ("yangzhou-2023", "二.(三)", ["市工信局", "市发改委", "市科技局", "市市场监管局"]),  # 市 restored
    ("yangzhou-2023", "四.(八)", ["市发改委", "市工信局", "市交通局", "市农业农村局", "市市场监管局", "扬州海关",
                                  "市地方金融监管局", "中国人民银行扬州市分行"]),
    ("yangzhou-2023", "七.(二十)", ["市市场监管局", "金融监管总局扬州监管分局"]),
    ("huairen-2023", "三.(一)", ["市工信局", "市市场监管局"]),                        # 责任单位：…
    ("huairen-2023", "五.(一)", ["市农业农村局", "市现代农业发展服务中心", "市草牧业发展中心", "市市场监管局",
                                 "市卫体局"]),                                       # closes a two-paragraph clause
    ("huairen-2023", "五.(七)", ["朔州生态环境局怀仁分局", "市自然资源局", "市市场监管局"]),  # listed with ，
])
def test_departments_jointly_responsible_in_order(corpus, clause_of, doc_id, number, responsible):
    found = [a for a in _assignments(corpus, clause_of, doc_id, number) if not a.is_group]
    assert [a.label for a in found] == responsible
    assert all(a.role is RESP for a in found)
    assert [a.position for a in found] == list(range(1, len(found) + 1))


@pytest.mark.parametrize("doc_id,number,groups,role", [
    ("gansu-2015", "三.(十四)", ["各地人民政府", "省质量发展领导小组各成员单位"], RESP),
    ("gansu-2015", "三.(十五)", ["省质量发展领导小组各成员单位"], SUPPORT),
    ("hefei-2021", "四.(一)", ["市质量强市活动领导小组各成员单位"], LEAD),
    ("huairen-2023", "八.(三)", ["市标准化和质量强市领导小组其他成员单位"], RESP),
    ("yangzhou-2023", "十.(二十八)", ["市质量发展委员会各成员单位"], RESP),
])
def test_departments_collective_bodies_are_groups(corpus, clause_of, doc_id, number, groups, role):
    found = [a for a in _assignments(corpus, clause_of, doc_id, number) if a.is_group]
    assert [a.label for a in found] == groups
    assert all(a.role is role for a in found)


def test_departments_hangzhou_respectively_leads_each_domain(corpus, clause_of):
    found = _assignments(corpus, clause_of, "hangzhou-2011", "五.(十五)")
    assert [(a.label, a.role, a.task) for a in found] == [
        ("市质监局", LEAD, "产品质量"), ("市建委", LEAD, "工程质量"),
        ("市发改委", LEAD, "服务质量"), ("市环保局", LEAD, "环境质量")]


def test_departments_open_list_is_marked(corpus, clause_of):
    found = _assignments(corpus, clause_of, "hefei-2021", "二.(一)")
    assert [a.open_list for a in found] == [False, False, True]  # …市农业农村局等按职责分工负责


def test_departments_every_statement_names_a_unit(corpus):
    for doc_id, parsed in corpus.items():
        for clause in parsed.clauses:
            for start, end in find_statements(clause.text):
                found = extract_assignments(clause.text[:end + 1], clause.slug, parsed.spec.jurisdiction)
                assert [a for a in found if a.start >= start], (doc_id, clause.number, clause.text[start:end])


def test_departments_labels_hold_no_role_words(corpus):
    role_words = re.compile("牵头|配合|负责|等|按职责分工|责任单位|：")
    for parsed in corpus.values():
        for clause in parsed.clauses:
            for a in extract_assignments(clause.text, clause.slug, parsed.spec.jurisdiction):
                if not a.is_group:
                    assert not role_words.search(a.label), a.label


def test_departments_offsets_point_at_the_name_in_the_source(corpus):
    for parsed in corpus.values():
        source = parsed.text.source.text
        for clause in parsed.clauses:
            for a in extract_assignments(clause.text, clause.slug, parsed.spec.jurisdiction):
                start, end = parsed.text.source_span(clause.start + a.start, clause.start + a.end)
                piece = normalise(SourceText("x", None, source[start:end], "utf-8", ""), (), parsed.text.script)
                assert piece.text == a.written


# Counted by reading: clauses closed by a statement (Huairen 九.(一),(二) have none; 九.(三) names its lead in the text).
@pytest.mark.parametrize("doc_id,count", [("hefei-2021", 22), ("huairen-2023", 31), ("hangzhou-2011", 1),
                                          ("gansu-2015", 24), ("yangzhou-2023", 31)])
def test_departments_clauses_with_assignments(corpus, doc_id, count):
    parsed = corpus[doc_id]
    assigned = [c for c in parsed.clauses if extract_assignments(c.text, c.slug, parsed.spec.jurisdiction)]
    assert len(assigned) == count


@pytest.mark.parametrize("text,expected", [
    ("（二）建立质量分级制度。由县市场监管局牵头，会同县财政局、县商务局共同推进。",
     [("县市场监管局", "Lead", "ExplicitLead"), ("县财政局", "Support", "Supporting"),
      ("县商务局", "Support", "Supporting")]),
    ("（三）推进技术改造。县工信局牵头，会同县科技局、县财政局组织实施。",
     [("县工信局", "Lead", "ExplicitLead"), ("县科技局", "Support", "Supporting"),
      ("县财政局", "Support", "Supporting")]),
    ("（四）加强跟踪分析。由县市场监管局牵头，会同有关部门加强督促指导。",
     [("县市场监管局", "Lead", "ExplicitLead")]),
])
def test_departments_together_with_the_lead_support(text, expected):
    """`由X牵头，会同Y、Z…` and `X牵头，会同Y…` in running text: the units X works together with support."""
    county = Jurisdiction("yunxi", "云溪县", "Yunxi", "county", "990101")
    assert [(a.label, a.role.value, a.basis.value) for a in extract_assignments(text, "1", county)] == expected
