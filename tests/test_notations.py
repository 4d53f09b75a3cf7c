"""Responsibility notations of real task divisions (任务分工) beyond the bundled corpus, in wording of our
own with invented places: labels, statement lines, brackets, collective bodies, running text, shared
suffixes and the document-wide first-listed-leads convention."""
from __future__ import annotations

import pytest

from qgraph.extract.departments import convention, extract_assignments
from qgraph.model import Jurisdiction

CITY = Jurisdiction("yx", "云溪市", "Yunxi", "prefecture", "999999")
COUNTY = Jurisdiction("qc", "青川县", "Qingchuan", "county", "999998")
PROVINCE = Jurisdiction("yl", "云岭省", "Yunling", "province", "999997")


def _read(text, where=CITY, **kwargs):
    return [(a.label, a.role.value, a.basis.value) for a in extract_assignments(text, "1", where, **kwargs)]


def _labels(text, where=CITY, **kwargs):
    return [(a.label, a.role.value) for a in extract_assignments(text, "1", where, **kwargs)]


@pytest.mark.parametrize("text,expected", [
    ("（一）推进计量建设。（牵头单位：市市场监管局；责任单位：市科技局、市财政局）",
     [("市市场监管局", "Lead"), ("市科技局", "Support"), ("市财政局", "Support")]),
    ("（一）推进计量建设。（责任单位：市科技局、市财政局）",
     [("市科技局", "Responsible"), ("市财政局", "Responsible")]),
    ("（二）加强标准化。（牵头单位：市市场监管局；协同单位：市工信局）",
     [("市市场监管局", "Lead"), ("市工信局", "Support")]),
    ("（三）加强品牌建设。（牵头责任单位：市商务局；协同责任单位：市文化广电和旅游局、市农业农村局）",
     [("市商务局", "Lead"), ("市文化广电和旅游局", "Support"), ("市农业农村局", "Support")]),
    ("（四）加强工程质量。（牵头单位：市住建局；主要协作单位：市交通运输局、市水利局）",
     [("市住建局", "Lead"), ("市交通运输局", "Support"), ("市水利局", "Support")]),
    ("（五）质量基础。（责任部门：市市场监管局）", [("市市场监管局", "Lead")]),
    ("（六）质量安全。（部门分工：市市场监管局牵头，市公安局、市商务局等配合）",
     [("市市场监管局", "Lead"), ("市公安局", "Support"), ("市商务局", "Support")]),
    ("（七）质量安全。（牵头领导：李某某；牵头单位：市市场监管局；配合单位：市公安局）",
     [("市市场监管局", "Lead"), ("市公安局", "Support")]),
    ("（八）质量安全。（分管市领导：王某；责任单位：市农业农村局）", [("市农业农村局", "Lead")]),
])
def test_notations_list_labels(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）加强监管。〔牵头单位：市市场监管局；配合单位：市公安局〕", [("市市场监管局", "Lead"), ("市公安局", "Support")]),
    ("（一）加强监管。[牵头单位：市市场监管局；配合单位：市公安局]", [("市市场监管局", "Lead"), ("市公安局", "Support")]),
    ("（一）加强监管。【牵头单位：市市场监管局；配合单位：市公安局】", [("市市场监管局", "Lead"), ("市公安局", "Support")]),
    ("（一）加强监管。【市市场监管局牵头，市公安局配合】", [("市市场监管局", "Lead"), ("市公安局", "Support")]),
])
def test_notations_brackets(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）推进标准化建设。支持企业参与制定标准。\n责任单位：市市场监管局、市工信局",
     [("市市场监管局", "Responsible"), ("市工信局", "Responsible")]),
    ("（一）推进标准化建设。支持企业参与制定标准。\n牵头单位：市市场监管局\n配合单位：市工信局、市科技局",
     [("市市场监管局", "Lead"), ("市工信局", "Support"), ("市科技局", "Support")]),
    ("（一）推进标准化建设。支持企业参与制定标准。\n市市场监管局、市工信局负责落实。",
     [("市市场监管局", "Responsible"), ("市工信局", "Responsible")]),
    ("（一）推进标准化建设。支持企业参与制定标准。\n（市市场监管局牵头，市工信局配合）",
     [("市市场监管局", "Lead"), ("市工信局", "Support")]),
    ("（一）推进标准化建设。\n各地要切实负责。", []),                                       # prose, not units
])
def test_notations_statement_line_belongs_to_clause(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize("text,groups,units", [
    ("（一）加强监管。（牵头单位：市市场监管局；配合单位：各县（市、区）人民政府）", ["各县（市、区）人民政府"], ["市市场监管局"]),
    ("（一）加强监管。（市市场监管局、各县、市、区人民政府负责）", ["各县、市、区人民政府"], ["市市场监管局"]),
    ("（一）加强监管。（市农业农村局、各乡镇（街道）负责）", ["各乡镇（街道）"], ["市农业农村局"]),
    ("（一）加强监管。（市质量工作领导小组各成员单位负责）", ["市质量工作领导小组各成员单位"], []),
    ("（一）加强监管。（白水县人民政府、金沙县人民政府负责）", [], ["白水县人民政府", "金沙县人民政府"]),
])
def test_notations_collective_bodies_kept_whole(text, groups, units):
    found = extract_assignments(text, "1", CITY)
    assert [a.label for a in found if a.is_group] == groups
    assert [a.label for a in found if not a.is_group] == units


@pytest.mark.parametrize("text,expected", [
    ("（一）推进。（省商务厅、发展改革委、财政厅负责）", ["省商务厅", "省发展改革委", "省财政厅"]),
    ("（一）推进。（云岭省商务厅、发展改革委负责）", ["省商务厅", "省发展改革委"]),
])
def test_notations_prefix_restored_within_one_list(text, expected):
    assert [a.label for a in extract_assignments(text, "1", PROVINCE)] == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）建立质量分级制度，由县市场监管局牵头，县财政局配合推进。", [("县市场监管局", "Lead")]),
    ("（二）开展品牌培育行动，县工信局为牵头单位，各乡镇抓好落实。", [("县工信局", "Lead")]),
    ("（三）推进检验检测机构整合，县市场监管局牵头负责。", [("县市场监管局", "Lead")]),
    ("（四）推进检验检测机构整合。（由县市场监管局牵头）", [("县市场监管局", "Lead")]),
    ("（五）推进检验检测机构整合。（县市场监管局牵头负责）", [("县市场监管局", "Lead")]),
    ("（六）推进。（县市场监管局为牵头单位，县财政局为配合单位）", [("县市场监管局", "Lead"), ("县财政局", "Support")]),
])
def test_notations_lead_in_running_text(text, expected):
    assert _labels(text, COUNTY) == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）推进。（市文化、体育、旅游局负责）", ["市文化局", "市体育局", "市旅游局"]),
    ("（一）推进。（市文化广电和旅游局、市体育局负责）", ["市文化广电和旅游局", "市体育局"]),
    ("（一）推进。（市工业和信息化局、市财政局负责）", ["市工业和信息化局", "市财政局"]),
    ("（一）推进。（相关企业、市商务局负责）", ["市商务局"]),
])
def test_notations_shared_suffix(text, expected):
    assert [a.label for a in extract_assignments(text, "1", CITY)] == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）推进。（市发改委管委会、云溪经济技术开发区管委会、国网云溪供电公司、云溪海关负责）",
     ["市发改委管委会", "云溪经济技术开发区管委会", "国网云溪供电公司", "云溪海关"]),
    ("（一）推进。（团市委、市妇联、市科协、市工商联、市委宣传部负责）",
     ["团市委", "市妇联", "市科协", "市工商联", "市委宣传部"]),
    ("（一）推进。（国家统计局云溪调查队、国家税务总局云溪市税务局、中国人民银行云溪市中心支行负责）",
     ["国家统计局云溪调查队", "国家税务总局云溪市税务局", "中国人民银行云溪市中心支行"]),
    ("（一）推进。（市城投集团、市交投集团负责）", ["市城投集团", "市交投集团"]),
])
def test_notations_units_of_every_kind(text, expected):
    assert [a.label for a in extract_assignments(text, "1", CITY)] == expected


@pytest.mark.parametrize("text,expected", [
    ("各单位要认真落实。任务分工中排在第一位的为牵头单位，其他为配合单位。", "convention.first-listed-leads"),
    ("列第一位的为牵头单位。", "convention.first-listed-leads"),
    ("各牵头单位要加强统筹。", None),
])
def test_notations_convention_detected(text, expected):
    assert convention(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("（一）推进。（市市场监管局、市工信局、市财政局负责）",
     [("市市场监管局", "Lead", "ExplicitLead"), ("市工信局", "Responsible", "JointlyResponsible"),
      ("市财政局", "Responsible", "JointlyResponsible")]),
    ("（一）推进。（牵头单位：市工信局；配合单位：市财政局、市商务局）",       # stated roles stay
     [("市工信局", "Lead", "ExplicitLead"), ("市财政局", "Support", "Supporting"), ("市商务局", "Support", "Supporting")]),
    ("（一）推进。（市市场监管局负责）", [("市市场监管局", "Lead", "SoleResponsible")]),
])
def test_notations_convention_first_listed_leads(text, expected):
    rule = convention("排在第一位的为牵头单位")
    assert _read(text, first_leads=rule) == expected
    found = extract_assignments(text, "1", CITY, first_leads=rule)
    assert found[0].rule == rule or found[0].basis.value != "ExplicitLead" or "label" in found[0].rule


def test_notations_convention_off_keeps_first_listed():
    assert _read("（一）推进。（市市场监管局、市工信局负责）")[0] == ("市市场监管局", "Responsible", "FirstListed")


@pytest.mark.parametrize("text", [
    "（一）推进。（主办单位：市市场监管局）",
    "（一）推进。（牵头单位：市市场监管局；牵头领导：张某）",
])
def test_notations_label_never_part_of_name(text):
    for a in extract_assignments(text, "1", CITY):
        assert "：" not in a.label and "单位" not in a.label and "领导" not in a.label
