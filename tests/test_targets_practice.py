"""Targets as plans, work points (工作要点), work reports and task divisions write them, in sentences of
our own wording (invented places: 某某市, 云溪县, 青禾区): growth targets, deadlines and lead-ins, units,
comparators, shared and paired values, changes, what is not a target, run-on sentences."""
from __future__ import annotations

from decimal import Decimal

import pytest

from qgraph.extract.targets import Change, Comparator, extract_targets, governing_year, title_year

GE, GT, EQ, LE, LT, APPROX = (Comparator.AT_LEAST, Comparator.GREATER_THAN, Comparator.EQUAL,
                              Comparator.AT_MOST, Comparator.LESS_THAN, Comparator.APPROXIMATELY)
UP, DOWN = Change.INCREASE, Change.DECREASE


def _years(text, inherited=None, present=None):
    return [(t.metric, t.year) for t in extract_targets(text, "x", inherited, present=present)]


# --- deadlines and lead-ins ------------------------------------------------------------------------

@pytest.mark.parametrize("text,inherited,expected", [
    ("到“十四五”末，云溪县制造业产品质量合格率达到95%以上。", None, [("云溪县制造业产品质量合格率", 2025)]),
    ('到"十四五"末，全市食品抽检合格率稳定在98%以上。', None, [("全市食品抽检合格率", 2025)]),
    ("到“十三五”末，全县森林覆盖率达到40%。", None, [("全县森林覆盖率", 2020)]),
    ("到“十二五”末，全市名牌产品达到100个。", None, [("全市名牌产品", 2015)]),
    ("到“十五五”末，每万人高价值发明专利拥有量达到20件。", None, [("每万人高价值发明专利拥有量", 2030)]),
    ("力争到2027年，全市质量竞争力指数达到88。", None, [("全市质量竞争力指数", 2027)]),
    ("2024年，全县地区生产总值增长6%左右，社会消费品零售总额增长8%。", None,
     [("全县地区生产总值", 2024), ("社会消费品零售总额", 2024)]),
    ("2024年，新增省级专精特新企业30家；到2026年，累计培育省级专精特新企业100家以上。", None,
     [("新增省级专精特新企业", 2024), ("累计培育省级专精特新企业", 2026)]),
    ("食品抽检合格率达到98%。到2025年，农产品质量安全监测合格率达到98%。", 2024,
     [("食品抽检合格率", 2024), ("农产品质量安全监测合格率", 2025)]),
    ("2019年工作目标：规模以上工业增加值增长7%。", None, [("规模以上工业增加值", 2019)]),
])
def test_targets_year_from_sentence_or_nearest_lead_in(text, inherited, expected):
    assert _years(text, inherited) == expected


@pytest.mark.parametrize("text,year", [
    ("一、2019年工作目标", 2019),
    ("到“十四五”末，质量强市建设取得显著成效。", 2025),
    ("2024年，全市质量工作的主要预期目标是：", 2024),
    ("推动质量强市建设再上新台阶。", None),
])
def test_targets_heading_leaves_its_year_in_force(text, year):
    assert governing_year(text) == year


@pytest.mark.parametrize("title,year,annual", [
    ("某某市2019年质量强市工作要点", 2019, 2019),
    ("云溪县质量提升2016年行动计划", 2016, 2016),
    ("青禾区2024年质量强区工作任务分工方案", 2024, 2024),
    ("某某市质量强市建设规划（2021—2025年）", 2025, None),
    ("关于深化质量强市建设的实施意见", None, None),
])
def test_targets_title_names_the_year(title, year, annual):
    assert (title_year(title), title_year(title, annual_only=True)) == (year, annual)


@pytest.mark.parametrize("text,inherited,present,expected", [
    # a bare year before the document's present opens a review of past work
    ("2022年全市新增注册商标8600件，有效发明专利增长12%。", None, 2023, []),
    ("2022年，全县新建检验检测平台3个。2023年，新建检验检测平台5个。", None, 2023,
     [("新建检验检测平台", 2023)]),
    ("全年新增注册商标8600件。", 2022, 2023, []),               # under a heading of 2022年工作回顾
    ("到2025年，全市新增注册商标10000件。", None, 2023, [("全市新增注册商标", 2025)]),
])
def test_targets_review_of_past_work_is_not_a_target(text, inherited, present, expected):
    assert _years(text, inherited, present) == expected


# --- growth targets of work reports and task divisions -----------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("全县地区生产总值增长6%左右。", [("全县地区生产总值", "6", "%", APPROX, UP)]),
    ("社会消费品零售总额增长8%，一般公共预算收入增长5.5%。",
     [("社会消费品零售总额", "8", "%", EQ, UP), ("一般公共预算收入", "5.5", "%", EQ, UP)]),
    ("规模以上工业增加值年均增长8%左右。", [("规模以上工业增加值", "8", "%", APPROX, UP)]),
    ("单位地区生产总值能耗较2020年下降14%。", [("单位地区生产总值能耗", "14", "%", EQ, DOWN)]),
    ("研发经费投入强度提高0.3个百分点。", [("研发经费投入强度", "0.3", "百分点", EQ, UP)]),
    ("高新技术产业产值增长1.5倍。", [("高新技术产业产值", "1.5", "倍", EQ, UP)]),
    ("城镇生活污水集中收集率提高到60%。", [("城镇生活污水集中收集率", "60", "%", EQ, None)]),   # a level
    ("全市省级质量标杆企业新增20家。", [("全市省级质量标杆企业", "20", "家", EQ, UP)]),
])
def test_targets_growth_and_changes(text, expected):
    found = [(t.metric, str(t.value), t.unit, t.comparator, t.change) for t in extract_targets(text, "x")]
    assert found == expected


def test_targets_change_keeps_its_baseline():
    [target] = extract_targets("到2025年，单位工业增加值用水量较2020年下降16%。", "x")
    assert (target.change, target.baseline_year, target.year) == (DOWN, 2020, 2025)


def test_targets_yearly_average_is_annual():
    [target] = extract_targets("规模以上工业增加值年均增长8%左右。", "x")
    assert target.annual


# --- units ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,unit", [
    ("云溪县质量竞争力指数达到87。", "87", "分"),
    ("每万人发明专利拥有量达到15件/万人。", "15", "件/万人"),
    ("全员劳动生产率达到25万元/人。", "250000", "元/人"),
    ("新建高标准农田2.5万亩。", "25000", "亩"),
    ("新增城市绿地面积30万平方米。", "300000", "平方米"),
    ("改造老旧小区住宅120万m²。", "1200000", "平方米"),
    ("新建城市绿道120公里。", "120", "公里"),
    ("新改建农村公路300千米。", "300", "公里"),
    ("化学需氧量排放总量减少1200吨。", "1200", "吨"),
    ("万元地区生产总值能耗降至0.45吨标准煤。", "0.45", "吨标准煤"),
    ("细颗粒物平均浓度控制在35μg/m3以内。", "35", "μg/m³"),
    ("细颗粒物平均浓度不高于32μg/m³。", "32", "μg/m³"),
    ("可吸入颗粒物平均浓度低于60微克/立方米。", "60", "μg/m³"),
    ("服务业增加值占比提高2个百分点。", "2", "百分点"),
    ("高新技术产业产值增长1.5倍。", "1.5", "倍"),
])
def test_targets_units_are_normalised(text, value, unit):
    [target] = extract_targets(text, "x")
    assert (str(target.value), target.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "全县质量竞争力指数87。",                      # no comparator: a figure, not a commitment
    "质量强县工作领导小组召开会议3次。",            # 次 is not a unit of a target
])
def test_targets_number_without_unit_needs_an_index_and_a_comparator(text):
    assert extract_targets(text, "x") == []


# --- comparators ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,comparator", [
    ("产品质量投诉率小于1%。", LT),
    ("规模以上工业企业数量大于200家。", GT),
    ("企业首席质量官培训人数不少于500人。", GE),
    ("重点工业产品质量监督抽查不合格率不高于5%。", LE),
    ("特种设备万台死亡率控制在0.2以内。", None),          # a rate written without a unit: not read
    ("安全事故发生率控制在0.5%以内。", LE),
    ("农产品质量安全监测合格率保持在98%以上。", GE),
    ("农产品质量安全监测合格率稳定在98%以上。", GE),
    ("某某市区域品牌价值力争达到500亿元。", EQ),
    ("确保新建工程竣工验收合格率达到100%。", EQ),
    ("新增就业岗位约3000个。", APPROX),
    ("培育省级以上质量标杆企业10家左右。", APPROX),
])
def test_targets_comparators(text, comparator):
    found = extract_targets(text, "x")
    assert [t.comparator for t in found] == ([comparator] if comparator else [])


def test_targets_aspiration_words_stay_out_of_the_metric():
    assert [t.metric for t in extract_targets("某某市区域品牌价值力争达到500亿元。", "x")] == ["某某市区域品牌价值"]


# --- shared and paired values --------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("食品抽检合格率、药品抽检合格率均达到98%。", [("食品抽检合格率", "98", EQ), ("药品抽检合格率", "98", EQ)]),
    ("制造业产品质量合格率和农产品质量安全监测合格率均在97%以上。",
     [("制造业产品质量合格率", "97", GE), ("农产品质量安全监测合格率", "97", GE)]),
    ("主导制定国家标准、行业标准分别达到30项、50项。", [("主导制定国家标准", "30", EQ), ("行业标准", "50", EQ)]),
    ("工程质量一次验收合格率和竣工验收备案率分别达到98%、100%。",
     [("工程质量一次验收合格率", "98", EQ), ("竣工验收备案率", "100", EQ)]),
])
def test_targets_shared_and_paired_values(text, expected):
    assert [(t.metric, str(t.value), t.comparator) for t in extract_targets(text, "x")] == expected


# --- not targets ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "对首次认定的企业给予补贴50%。",
    "最高补贴5000元。",
    "聘用人员不超过职工总数20%。",
    "对获得市政府质量奖的企业给予一次性奖励50万元。",
    "符合条件的企业减按15%的税率征收企业所得税。",
    "全市已建成检验检测公共服务平台5个。",
    "质量竞争力指数居全省第3位。",
    "区域品牌价值进入全国前50名。",
    "构建“1+6+N”质量政策体系。",
    "构建1+6+N质量政策体系，推进3C认证，建设5G基站。",
    "根据《某某市质量强市建设规划（2021—2025年）》（某府发〔2021〕12号）要求。",
    "本方案自2024年5月1日起施行。",
])
def test_targets_not_targets_as_documents_write_them(text):
    assert extract_targets(text, "x") == []


# --- run-on sentences -------------------------------------------------------------------------------------

def test_targets_run_on_without_separator_gives_two():
    found = extract_targets("农村卫生厕所普及率达92%农村生活污水治理率75%。", "x")
    assert [(t.metric, str(t.value)) for t in found] == [("农村卫生厕所普及率", "92"), ("农村生活污水治理率", "75")]


def test_targets_percent_of_a_noun_still_counts_it():
    [target] = extract_targets("推动80%的规模以上企业导入先进质量管理方法。", "x")
    assert (target.metric, str(target.value)) == ("规模以上企业导入先进质量管理方法", "80")
