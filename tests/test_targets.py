"""Quantitative targets: exact values checked by reading the five documents, what is not a target,
the indicator scheme (ontology/indicators.ttl) and the rule file's errors.

Decisions the tests pin:
- A trailing 以上 belongs to the item it is written after: 国家标准50项、行业标准20项以上 is 50 项 (Equal)
  and at least 20 项. The corpus repeats 以上 where every item is meant (浙江名牌企业450个以上，…10万件以上),
  and shares a comparator explicitly with 分别 (比例分别不低于50%、30%、20%: all three AtLeast).
- A count before a noun that only sets a scope is not a commitment: 以…等8个领域为重点, 聚焦…13个优势产业链,
  旅游业3个标准体系 (the number counts the list before it), 年销售产值5亿元以上的块状产业.
- A target stated against a reference takes the reference's value: 超过全省平均水平（全省88）.
"""
from __future__ import annotations

import re
import shutil
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from qgraph.errors import RuleError
from qgraph.extract.targets import (INDICATOR_NS, Change, Comparator, Target, extract_targets,
                                    indicator_for, target_rules)
from qgraph.resources import resource_path
from qgraph.rules import load_rules

GE, GT, EQ, APPROX = Comparator.AT_LEAST, Comparator.GREATER_THAN, Comparator.EQUAL, Comparator.APPROXIMATELY
ONTOLOGY_DIR = Path(__file__).parent.parent / "ontology"
QG = Namespace("https://w3id.org/qgraph/ontology#")
IND = Namespace(INDICATOR_NS)
SCHEME = URIRef(INDICATOR_NS)


def _targets(clause_of, doc_id, number, inherited_year=None):
    clause = clause_of(doc_id, number)
    return extract_targets(clause.text, clause.slug, inherited_year)


def _only(targets, metric):
    found = [t for t in targets if t.metric == metric]
    assert len(found) == 1, f"{metric}: {[t.metric for t in targets]}"
    return found[0]


# --- exact targets, read off the documents ------------------------------------------------------

@pytest.mark.parametrize("doc_id,number,inherited,metric,value,unit,comparator,year,indicator", [
    ("hefei-2021", "二.(一)", 2025, "生产企业工业产品质量监督抽查合格率", "95", "%", GE, 2025,
     "industrial-product-supervision-sampling-pass-rate"),
    ("hefei-2021", "二.(一)", 2025, "获证食品生产企业监督抽查覆盖率", "100", "%", EQ, 2025,
     "licensed-food-producer-sampling-coverage"),
    ("hefei-2021", "二.(一)", 2025, "主要农产品质量安全抽检合格率", "98", "%", GE, 2025, "agricultural-product-pass-rate"),
    ("hefei-2021", "二.(二)", 2025, "新增鲁班奖", "5", "个", GE, 2025, "luban-awards"),
    ("hefei-2021", "二.(二)", 2025, "水利工程项目质量合格率", "100", "%", EQ, 2025, "water-project-acceptance-pass-rate"),
    ("hefei-2021", "二.(四)", 2025, "全市森林覆盖率", "28.6", "%", GE, 2025, "forest-coverage"),
    ("hefei-2021", "二.(四)", 2025, "城镇污水集中处理率", "95", "%", EQ, 2025, "urban-sewage-treatment-rate"),
    ("hefei-2021", "三.(二).3", None, "培训服务企业", "10000", "家", EQ, 2025, None),
    ("hefei-2021", "三.(二).3", None, "新增中国质量奖、安徽省政府质量奖企业", "15", "家", EQ, 2025,
     "government-quality-awards"),
    ("huairen-2023", "二.—5", 2025, "公共服务质量满意度", "83", "%", EQ, 2025, "public-service-satisfaction"),
    ("huairen-2023", "二.—5", 2025, "制造业产品质量合格率", "94", "%", GE, 2025, "manufacturing-product-pass-rate"),
    ("huairen-2023", "二.—5", 2025, "食品抽检合格率", "98", "%", GE, 2025, "food-sampling-pass-rate"),
    ("huairen-2023", "二.—5", 2025, "农产品质量安全监测合格率", "97", "%", GE, 2025, "agricultural-product-pass-rate"),
    ("huairen-2023", "二.—5", 2025, "工程质量验收合格率", "100", "%", EQ, 2025, "engineering-acceptance-pass-rate"),
    ("hangzhou-2011", "二.(三)", None, "专利申请量", "45000", "件", EQ, 2015, "patent-applications"),
    ("hangzhou-2011", "二.(三)", None, "授权量", "30000", "件", EQ, 2015, None),
    ("hangzhou-2011", "二.(三)", None, "国家重点扶持高新技术企业", "1900", "家", EQ, 2015, "high-tech-enterprises"),
    ("hangzhou-2011", "二.(五)", None, "全市商标注册总数", "100000", "件", GE, 2015, "trademark-registrations"),
    ("hangzhou-2011", "二.(五)", None, "商标国际注册", "8000", "件", EQ, 2015, None),
    ("hangzhou-2011", "二.(五)", None, "行政认定驰名商标", "55", "件", GT, 2015, None),
    ("hangzhou-2011", "三.(六)", None, "联盟标准推广实施率", "30", "%", GE, None, None),
    ("gansu-2015", "三.(十二)", 2015, "研发新产品、新工艺、新品种", "120", "个", APPROX, 2015, None),
    ("gansu-2015", "三.(十二)", 2015, "新建省级重点实验室、工程（技术）研究中心、企业技术中心等创新平台", "20", "个", EQ,
     2015, None),
    ("yangzhou-2023", "一", None, "食品抽查合格率", "98", "%", GE, 2025, "food-sampling-pass-rate"),
    ("yangzhou-2023", "一", None, "地产农产品质量安全例行监测合格率", "98", "%", GE, 2025, "agricultural-product-pass-rate"),
    ("yangzhou-2023", "一", None, "制造业产品质量合格率", "95", "%", GE, 2025, "manufacturing-product-pass-rate"),
    ("yangzhou-2023", "一", None, "消费品质量合格率", "95", "%", GE, 2025, "consumer-goods-pass-rate"),
    ("yangzhou-2023", "一", None, "住建工程材料抽查和实体抽测平均抽检合格率", "95", "%", GT, 2025,
     "engineering-sampling-pass-rate"),
    ("yangzhou-2023", "一", None, "水利工程一次验收合格率", "100", "%", EQ, 2025, "water-project-acceptance-pass-rate"),
    ("yangzhou-2023", "一", None, "公共服务质量满意度", "82", "分", GE, 2025, "public-service-satisfaction"),
    ("yangzhou-2023", "一", None, "每万人发明专利拥有量", "35", "件", EQ, 2025, "invention-patents-per-10k-people"),
    ("yangzhou-2023", "四.(八)", None, "生产性服务业增加值", "240000000000", "元", EQ, 2025, "productive-service-value-added"),
    ("yangzhou-2023", "五.(十二)", None, "万人高价值发明专利拥有量", "10", "件", EQ, 2025,
     "high-value-invention-patents-per-10k-people"),
    ("yangzhou-2023", "五.(十五)", None, "全市地理标志商标总量", "45", "件", GT, 2025, "geographical-indication-trademarks"),
    ("yangzhou-2023", "五.(十五)", None, "评选出农产品品牌入选扬州农业品牌目录", "60", "个", APPROX, 2025, None),
    ("yangzhou-2023", "八.(二十二)", None, "有效认证证书总数", "25000", "张", GT, 2025, None),
    ("yangzhou-2023", "八.(二十三)", None, "年检验检测业务收入1000万元以上检验机构", "10", "家", EQ, 2025, None),
    ("yangzhou-2023", "三.(五)", None, "房屋建筑和市政基础设施类重大项目工程质量监督覆盖率", "100", "%", EQ, 2025,
     "engineering-quality-supervision-coverage"),
])
def test_targets_exact_values(clause_of, doc_id, number, inherited, metric, value, unit, comparator, year, indicator):
    target = _only(_targets(clause_of, doc_id, number, inherited), metric)
    assert (target.value, target.unit, target.comparator, target.year) == (Decimal(value), unit, comparator, year)
    assert target.indicator == (INDICATOR_NS + indicator if indicator else None)


def test_targets_hefei_inherits_the_heading_year_only_when_passed(clause_of):
    assert {t.year for t in _targets(clause_of, "hefei-2021", "二.(一)")} == {None}
    assert {t.year for t in _targets(clause_of, "hefei-2021", "二.(一)", 2025)} == {2025}


@pytest.mark.parametrize("doc_id,number,metric,change,baseline,value,comparator", [
    ("yangzhou-2023", "一", "单位规模以上工业增加值能源消耗", Change.DECREASE, 2020, "17", EQ),
    ("yangzhou-2023", "四.(八)", "普惠小微贷款、绿色信贷、科技企业贷款余额", Change.INCREASE, None, "15", GE),
    ("yangzhou-2023", "五.(十二)", "全市省级以上研发机构数量", Change.INCREASE, None, "100", EQ),
])
def test_targets_change_against_a_baseline(clause_of, doc_id, number, metric, change, baseline, value, comparator):
    target = _only(_targets(clause_of, doc_id, number), metric)
    assert (target.change, target.baseline_year, target.value, target.comparator) == (
        change, baseline, Decimal(value), comparator)


@pytest.mark.parametrize("doc_id,number,metric,value,value_max,unit,annual", [
    ("yangzhou-2023", "二.(一)", "新增地理标志商标农产品", "1", "2", "个", True),
    ("yangzhou-2023", "二.(一)", "新增绿色优质农产品认证数量", "20", None, "个", True),
    ("hefei-2021", "三.(二).1", "各县（市）区、开发区围绕主导产业、特色产业分别建成“一站式”质量服务站", "1", "2", "个", False),
    ("yangzhou-2023", "四.(八)", "年均增幅", "8", None, "%", True),
    ("yangzhou-2023", "四.(十)", "开展职业技能培训", "50000", None, "人次", True),
    ("yangzhou-2023", "四.(十)", "残疾人家庭无障碍改造", "300", None, "户", True),
    ("yangzhou-2023", "二.(三)", "支持实施技术改造项目", "100", None, "项", True),
    ("yangzhou-2023", "七.(二十一)", "建设绿色工厂", "50", None, "家", False),
])
def test_targets_ranges_and_annual(clause_of, doc_id, number, metric, value, value_max, unit, annual):
    target = _only(_targets(clause_of, doc_id, number), metric)
    assert (target.value, target.value_max, target.unit, target.annual) == (
        Decimal(value), Decimal(value_max) if value_max else None, unit, annual)


def test_targets_yangzhou_reference_value(clause_of):
    target = _only(_targets(clause_of, "yangzhou-2023", "一"), "制造业质量竞争力指数")
    assert (target.comparator, target.value, target.reference, target.unit, target.year) == (
        GT, Decimal(88), "全省平均水平", "分", 2025)
    assert target.text == "制造业质量竞争力指数超过全省平均水平（全省88）"
    assert target.indicator == INDICATOR_NS + "manufacturing-quality-competitiveness-index"


@pytest.mark.parametrize("doc_id,number,expected", [
    ("gansu-2015", "二.(十)", [("新开工大中型工程项目质量监督覆盖率", "100", EQ, "新开工大中型工程项目质量监督覆盖率100%"),
                             ("一次验收合格率", "100", EQ, "一次验收合格率100%")]),
    # a trailing 以上 stays with its own item (see the module docstring)
    ("hefei-2021", "二.(三)", [("主导或参与制定国家标准", "50", EQ, "主导或参与制定国家标准50项"),
                             ("行业标准", "20", GE, "行业标准20项以上")]),
    ("hangzhou-2011", "二.(四)", [("企业获市长特别贡献奖", "5", EQ, "5家企业获市长特别贡献奖"),
                                ("企业获标准创新贡献奖", "50", EQ, "50家企业获标准创新贡献奖")]),
    ("yangzhou-2023", "二.(二)", [("全市食品生产企业自查率", "100", EQ, "全市食品生产企业自查率和自查报告率达100%"),
                                ("自查报告率", "100", EQ, "全市食品生产企业自查率和自查报告率达100%"),
                                ("校园食堂食品安全主体责任制", "100", EQ, "校园食堂食品安全主体责任制100%全覆盖"),
                                ("“互联网+明厨亮灶”", "100", EQ, "“互联网+明厨亮灶”100%全覆盖")]),
    ("yangzhou-2023", "八.(二十三)", [
        ("检验检测机构总量", "180", EQ, "检验检测机构总量达180家"), ("国家质检中心", "3", EQ, "国家质检中心3个"),
        ("省级质检中心", "6", EQ, "省级质检中心6个"),
        ("年检验检测业务收入1000万元以上检验机构", "10", EQ, "年检验检测业务收入1000万元以上检验机构10家"),
        ("食品检验能力涵盖食品大类食品检验资质和能力", "20", GE, "食品检验能力涵盖食品大类20类以上的食品检验资质和能力"),
        ("创建国际国内专业标准化技术组织", "2", EQ, "创建国际国内专业标准化技术组织2个"),
        ("新增标准化试点示范项目", "15", EQ, "新增标准化试点示范项目15个")]),
    ("yangzhou-2023", "五.(十五)", [
        ("培育江苏省质量奖或者提名奖", "2", EQ, "培育江苏省质量奖或者提名奖2个"),
        ("新增中华老字号", "1", EQ, "新增1家中华老字号"), ("江苏老字号", "2", EQ, "2家江苏老字号"),
        ("江苏精品", "20", EQ, "20个江苏精品"),
        ("评选出农产品品牌入选扬州农业品牌目录", "60", APPROX, "评选出60个左右的农产品品牌入选扬州农业品牌目录"),
        ("全市地理标志商标总量", "45", GT, "全市地理标志商标总量超过45件")]),
])
def test_targets_several_in_one_sentence_are_separate(clause_of, doc_id, number, expected):
    found = [(t.metric, str(t.value), t.comparator, t.text) for t in _targets(clause_of, doc_id, number)]
    assert found == expected


def test_targets_respectively_pairs_each_value_with_its_item(clause_of):
    found = [t for t in _targets(clause_of, "yangzhou-2023", "四.(十)") if t.rule == "form.respectively"]
    assert [t.metric.removeprefix("社区卫生服务中心、乡镇卫生院中医馆达到") for t in found] == [
        "江苏省三级中医馆建设比例", "江苏省四级中医馆建设比例", "江苏省五级中医馆建设比例"]
    assert [(t.value, t.comparator, t.year) for t in found] == [(Decimal(50), GE, 2025), (Decimal(30), GE, 2025),
                                                                (Decimal(20), GE, 2025)]


# --- years ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,inherited,years", [
    ("到2025年，甲合格率达95%。到2035年，乙合格率达99%。", None, [2025, 2035]),
    ("甲合格率达95%，到2025年，乙合格率达99%。", 2020, [2020, 2025]),
    ("力争到2015年，培育名牌企业450个以上。", None, [2015]),
    ("至2025年末，实现智慧工地建设比率达到100%。", None, [2025]),
    ("2023-2025年，争创鲁班奖和国优工程4项。", 2030, [2025]),
    ("能源消耗较2020年下降17%。", 2025, [2025]),          # a baseline is not a target year
])
def test_targets_year_is_the_nearest_before(text, inherited, years):
    assert [t.year for t in extract_targets(text, "x", inherited)] == years


def test_targets_yangzhou_switches_to_2035_after_its_2025_targets(clause_of):
    clause = clause_of("yangzhou-2023", "一")
    assert "到2035年" in clause.text
    assert {t.year for t in extract_targets(clause.text, clause.slug)} == {2025}


def test_targets_annual_before_the_stated_year_inherit(clause_of):
    found = {t.metric: t.year for t in _targets(clause_of, "yangzhou-2023", "二.(三)", 2030)}
    assert found == {"支持实施技术改造项目": 2030, "建成智能车间": 2030,
                     "组织推荐项目入围省重点推广应用新技术新产品目录": 2025}


# --- what is not a target ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "本实施意见自2021年3月12日起实施，有效期5年。",                             # dates, a period of validity
    "扬府发〔2023〕141号",                                                     # document number
    "怀政发〔2023〕29号",
    "3.培养质量人才队伍。",                                                    # clause number
    "畅通12315、12365、12369、96333等质量安全投诉举报渠道。",                   # hotlines
    "完善“96333”特种设备应急处置中心运行机制。",
    "利用5G、人工智能、区块链等新一代信息技术。",                               # names with digits
    "5S管理、6σ管理等有效的质量管理方法。",
    "PM2.5平均浓度达到空气质量二级标准。",
    "在年销售产值5亿元以上的块状产业中基本建立联盟标准。",                      # a scope, not a commitment
    "督促建设、勘察、设计、施工、监理5方主体项目负责人落实质量终身责任。",
    "以新材料、新能源、生物产业、信息技术、先进装备制造、节能环保、新型煤化工、现代服务业等8个领域为重点。",
    "落实高新技术产业、特色优势农产品和旅游业3个标准体系建设规划。",
    "以旅游用品、电气线缆、毛绒玩具及教玩具、服装与纺织品、电池等5个重点消费品为突破口。",
    "健全服务“6群13链”产业体系。",                                             # counts in names
    "聚焦六大先进制造业集群和13个优势产业链，鼓励支持重点产业链攻关。",
    "全面完成“计量惠民生、诚信促和谐”三年任务。",                                # Chinese numerals
    "围绕十大重点扶持产业、现代服务业和重点工程领域制定品牌培育规划。",
    "省政府第60次常务会议确定的检验检测认证机构改革整合要求。",                   # ordinals
    "贯彻实施《质量发展纲要（2012—2020年）》，明确2015年质量发展工作重点。",
    "力争全社会研发投入占GDP比重达到全省平均水平。",                            # no number at all
])
def test_targets_not_targets(text):
    assert extract_targets(text, "x") == []


def test_targets_pm25_is_a_name_whose_value_follows():
    [target] = extract_targets("PM2.5平均浓度下降10%。", "x")
    assert (target.metric, target.value, target.change) == ("PM2.5平均浓度", Decimal(10), Change.DECREASE)


@pytest.mark.parametrize("doc_id,number", [
    ("hefei-2021", "二"), ("hefei-2021", "三.(一).1"), ("hefei-2021", "closing.1"),
    ("huairen-2023", "notice.2"), ("huairen-2023", "notice.6"), ("huairen-2023", "二"), ("huairen-2023", "七.(四)"),
    ("hangzhou-2011", "preamble.1"), ("hangzhou-2011", "三.(九)"), ("hangzhou-2011", "四.(十四)"),
    ("hangzhou-2011", "五.(十八)"), ("hangzhou-2011", "五.(二十)"), ("hangzhou-2011", "closing.1"),
    ("gansu-2015", "title.1"), ("gansu-2015", "preamble.1"), ("gansu-2015", "一.(五)"), ("gansu-2015", "三.(十四)"),
    ("gansu-2015", "三.(十五)"), ("gansu-2015", "三.(十七)"), ("gansu-2015", "四.(十九)"), ("gansu-2015", "四.(二十)"),
    ("gansu-2015", "四.(二十三)"), ("gansu-2015", "四.(二十四)"),
    ("yangzhou-2023", "title.1"), ("yangzhou-2023", "document-number.1"), ("yangzhou-2023", "六.(十七)"),
    ("yangzhou-2023", "closing.1"),
])
def test_targets_corpus_parts_with_digits_but_no_target(clause_of, doc_id, number):
    clause = clause_of(doc_id, number)
    assert re.search(r"\d", clause.text)
    assert extract_targets(clause.text, clause.slug) == []


def test_targets_scope_number_inside_a_target_is_not_its_value(clause_of):
    found = _targets(clause_of, "hangzhou-2011", "四.(十三)")
    assert [(t.value, t.unit) for t in found] == [(Decimal(500), "家"), (Decimal(1000), "家"), (Decimal(1000), "家")]


# --- over the whole corpus --------------------------------------------------------------------------

# Counted by reading every part with an Arabic numeral (see the report of the targets change).
COUNTS = {"hefei-2021": 16, "huairen-2023": 5, "hangzhou-2011": 18, "gansu-2015": 4, "yangzhou-2023": 75}


def _all(corpus):
    return {doc_id: [(c, t) for c in parsed.clauses for t in extract_targets(c.text, c.slug)]
            for doc_id, parsed in corpus.items()}


def test_targets_count_per_document(corpus):
    counts = {doc_id: len(found) for doc_id, found in _all(corpus).items()}
    print(counts)
    assert counts == COUNTS


def test_targets_every_target_is_well_formed(corpus):
    concepts = {str(c) for c in _concepts()}
    for found in _all(corpus).values():
        for clause, target in found:
            assert target.metric and target.unit and target.rule
            assert clause.text[target.start:target.end] == target.text
            assert target.value > 0 and isinstance(target.value, Decimal)
            assert target.value_max is None or target.value_max > target.value
            assert target.clause == clause.slug
            assert target.indicator is None or target.indicator in concepts
            assert target.metric[0] not in "，、。；" and target.metric[-1] not in "，、。；"


def test_targets_are_values():
    one, = extract_targets("覆盖率达100%。", "x")
    moved = Target(**{**{f: getattr(one, f) for f in Target.__slots__}, "start": 9, "end": 12, "rule": "other"})
    assert one == moved and hash(one) == hash(moved)
    with pytest.raises(AttributeError):
        one.value = Decimal(1)  # type: ignore[misc]


# --- the indicator scheme ----------------------------------------------------------------------------

@cache
def _graph() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "indicators.ttl", format="turtle")


def _concepts() -> list[URIRef]:
    return sorted(_graph().subjects(RDF.type, SKOS.Concept))


REQUIRED = ["food-sampling-pass-rate", "agricultural-product-pass-rate", "manufacturing-product-pass-rate",
            "industrial-product-supervision-sampling-pass-rate", "licensed-food-producer-sampling-coverage",
            "consumer-goods-pass-rate", "engineering-acceptance-pass-rate", "water-project-acceptance-pass-rate",
            "public-service-satisfaction", "invention-patents-per-10k-people", "patent-applications",
            "luban-awards", "national-standards-led", "industry-standards-led", "forest-coverage",
            "energy-use-per-unit-industrial-value-added", "productive-service-value-added"]


def test_targets_indicator_scheme_is_declared():
    graph = _graph()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert {l.language for l in graph.objects(SCHEME, SKOS.prefLabel)} == {"zh", "en"}
    assert (QG.metricPattern, RDF.type, OWL.DatatypeProperty) in graph
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == set(_concepts())


@pytest.mark.parametrize("local", REQUIRED)
def test_targets_indicator_required_concepts_exist(local):
    assert (IND[local], RDF.type, SKOS.Concept) in _graph()


@pytest.mark.parametrize("concept", _concepts(), ids=lambda c: c.removeprefix(INDICATOR_NS))
def test_targets_indicator_concept_is_complete(concept):
    graph = _graph()
    assert {l.language for l in graph.objects(concept, SKOS.prefLabel)} == {"zh", "en"}
    assert list(graph.objects(concept, SKOS.definition))
    assert (concept, SKOS.inScheme, SCHEME) in graph
    patterns = list(graph.objects(concept, QG.metricPattern))
    assert patterns
    for pattern in patterns:
        re.compile(str(pattern))
    for other in graph.objects(concept, SKOS.related):
        assert (other, SKOS.related, concept) in graph       # skos:related is symmetric
    labels = [str(l) for p in (SKOS.prefLabel, SKOS.altLabel) for l in graph.objects(concept, p) if l.language == "zh"]
    assert {indicator_for(label) for label in labels} == {str(concept)}   # its own labels are its metrics


@pytest.mark.parametrize("metric,local", [
    ("生产企业工业产品质量监督抽查合格率", "industrial-product-supervision-sampling-pass-rate"),
    ("制造业产品质量合格率", "manufacturing-product-pass-rate"),
    ("获证食品生产企业监督抽查覆盖率", "licensed-food-producer-sampling-coverage"),
    ("食品抽检合格率", "food-sampling-pass-rate"),
    ("食品抽查合格率", "food-sampling-pass-rate"),
    ("主要农产品质量安全抽检合格率", "agricultural-product-pass-rate"),
    ("省市重点工程项目交付一次验收合格率", "engineering-acceptance-pass-rate"),
    ("一次验收合格率", "engineering-acceptance-pass-rate"),
    ("水利工程一次验收合格率", "water-project-acceptance-pass-rate"),     # the most specific match wins
    ("水利工程项目质量合格率", "water-project-acceptance-pass-rate"),
    ("万人高价值发明专利拥有量", "high-value-invention-patents-per-10k-people"),
    ("每万人发明专利拥有量", "invention-patents-per-10k-people"),
    ("主导或参与制定国家标准", "national-standards-led"),
    ("行业标准", "industry-standards-led"),
    ("争创鲁班奖和国优工程", None),                                       # a combined count is not comparable
    ("国家、行业和地方标准", None),
])
def test_targets_indicator_for_metric(metric, local):
    assert indicator_for(metric) == (INDICATOR_NS + local if local else None)


def test_targets_lookalike_indicators_are_related_not_the_same():
    graph = _graph()
    industrial, manufacturing = IND["industrial-product-supervision-sampling-pass-rate"], IND["manufacturing-product-pass-rate"]
    assert (industrial, SKOS.related, manufacturing) in graph
    assert (industrial, SKOS.exactMatch, manufacturing) not in graph
    assert indicator_for("工业产品质量监督抽查合格率") != indicator_for("制造业产品质量合格率")
    assert indicator_for("获证食品生产企业监督抽查覆盖率") != indicator_for("食品抽检合格率")


# --- the rule file -----------------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,message", [
    ("comparator: AtLeast, pattern: '不低于", "comparator: Sometimes, pattern: '不低于",
     r"targets\.yaml:\d+: \[QG203\] rule cmp\.at-least-before: comparator must be one of AtLeast"),
    ("factor: 10000", "factor: lots", r"targets\.yaml:\d+: \[QG203\] rule multiplier\.wan: 'factor' must be"),
    ("pattern: '(?:到|至)(?P<year>\\d{4})年", "pattern: '(?:到|至)(\\d{4})年",
     r"targets\.yaml:\d+: \[QG203\] rule year\.by: the pattern must have a group named year"),
    ("pattern: '[%％]', unit: '%'", "pattern: '[%％', unit: '%'",
     r"targets\.yaml:\d+: \[QG203\] rule unit\.percent: 'pattern' is not a valid regular expression"),
    ("form: respectively,", "form: sometimes,", r"targets\.yaml:\d+: \[QG203\] rule form\.respectively: form must be"),
])
def test_targets_malformed_rule_file_fails_in_one_line(tmp_path, old, new, message):
    source = resource_path("rules", "targets.yaml").read_text(encoding="utf-8")
    assert old in source
    (tmp_path / "targets.yaml").write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        target_rules(load_rules([tmp_path]))
    assert re.search(message, str(caught.value))
    assert "\n" not in str(caught.value)


def test_targets_rule_file_copy_loads(tmp_path):
    shutil.copy(resource_path("rules", "targets.yaml"), tmp_path / "targets.yaml")
    assert target_rules(load_rules([tmp_path])).forms["respectively"] == "form.respectively"
