"""Department types: ``ontology/department-types.ttl`` (the SKOS scheme and its qg:namePattern
regular expressions) read through ``qgraph.extract.department_types.department_type``.

The expected table holds every unit the five corpus documents name, as the extractor labels it (with
the jurisdiction prefix where the text has or restores one), plus the lead units named in Hangzhou's
text (十五). Collective bodies are not departments and must stay untyped.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from qgraph.extract.department_types import TYPE_NS, UNKNOWN, department_type

ONTOLOGY_DIR = Path(__file__).parent.parent / "ontology"
QG = Namespace("https://w3id.org/qgraph/ontology#")
DT = Namespace(TYPE_NS)
SCHEME = URIRef(TYPE_NS)

# Every unit named in the corpus → the local name of its type. Jurisdictions in the comments.
CORPUS_UNITS = {
    "中国人民银行扬州市分行": "central-bank",                      # yangzhou
    "交通局": "transport",                                         # yangzhou
    "交通运输局": "transport",                                     # huairen
    "人社局": "human-resources-social-security",                   # huairen yangzhou
    "住建局": "housing-construction",                              # huairen yangzhou
    "体育局": "sports",                                            # yangzhou
    "公安局": "public-security",                                   # huairen yangzhou
    "农业农村局": "agriculture-rural-affairs",                     # huairen yangzhou
    "卫体局": "health",                                            # huairen (卫生健康和体育局)
    "卫健委": "health",                                            # yangzhou
    "发改委": "development-reform",                                # yangzhou
    "发改局": "development-reform",                                # huairen
    "司法局": "justice",                                           # huairen yangzhou
    "商务局": "commerce",                                          # huairen yangzhou
    "团市委": "youth-league",                                      # hefei
    "团省委": "youth-league",                                      # gansu
    "地方金融监管局": "local-financial-regulation",                # yangzhou
    "小微企业发展服务中心": "sme-service-centre",                  # huairen
    "工信局": "industry-information-technology",                   # huairen yangzhou
    "市交通运输局": "transport",                                   # hefei
    "市人社局": "human-resources-social-security",                 # hefei
    "市住建局": "housing-construction",                            # yangzhou
    "市公安局": "public-security",                                 # hefei
    "市农业农村局": "agriculture-rural-affairs",                   # hefei huairen yangzhou
    "市卫体局": "health",                                          # huairen
    "市发改委": "development-reform",                              # hefei yangzhou
    "市商务局": "commerce",                                        # hefei
    "市地方金融监管局": "local-financial-regulation",              # hefei
    "市场监管局": "market-regulation",                             # huairen yangzhou
    "市城乡建设局": "housing-construction",                        # hefei
    "市城管局": "urban-management",                                # hefei
    "市委宣传部": "party-propaganda",                              # yangzhou
    "市委组织部": "party-organisation",                            # hefei yangzhou
    "市工信局": "industry-information-technology",                 # yangzhou
    "市市场监管局": "market-regulation",                           # hefei huairen yangzhou
    "市总工会": "trade-union",                                     # hefei
    "市教育局": "education",                                       # hefei
    "市文旅局": "culture-tourism",                                 # hefei
    "市林园局": "forestry-gardens",                                # hefei
    "市民政局": "civil-affairs",                                   # hefei
    "市水务局": "water-resources",                                 # hefei
    "市生态环境局": "ecology-environment",                         # hefei
    "市科技局": "science-technology",                              # hefei yangzhou
    "市税务局": "taxation",                                        # hefei
    "市纪委监委": "discipline-inspection",                         # yangzhou
    "市经信局": "industry-information-technology",                 # hefei
    "市财政局": "finance",                                         # hefei
    "市重点局": "key-projects",                                    # hefei
    "应急管理局": "emergency-management",                          # yangzhou
    "总工会": "trade-union",                                       # yangzhou
    "扬州海关": "customs",                                         # yangzhou
    "改革局": "development-reform",                                # huairen (发展和改革局)
    "政务办": "administrative-approval",                           # yangzhou
    "教育局": "education",                                         # huairen yangzhou
    "文广旅局": "culture-tourism",                                 # yangzhou
    "文旅局": "culture-tourism",                                   # huairen
    "朔州市生态环境局怀仁分局": "ecology-environment",             # huairen
    "朔州生态环境局怀仁分局": "ecology-environment",               # huairen
    "残联": "disabled-persons-federation",                         # yangzhou
    "民政局": "civil-affairs",                                     # huairen yangzhou
    "气象局": "meteorology",                                       # huairen
    "水利局": "water-resources",                                   # huairen yangzhou
    "现代农业发展服务中心": "agricultural-service-centre",         # huairen
    "甘肃出入境检验检疫局": "entry-exit-inspection-quarantine",    # gansu
    "生态环境局": "ecology-environment",                           # yangzhou
    "省交通运输厅": "transport",                                   # gansu
    "省人社厅": "human-resources-social-security",                 # gansu
    "省公安厅": "public-security",                                 # gansu
    "省农牧厅": "agriculture-animal-husbandry",                    # gansu
    "省卫生计生委": "health-family-planning",                      # gansu
    "省发展改革委": "development-reform",                          # gansu
    "省商务厅": "commerce",                                        # gansu
    "省妇联": "womens-federation",                                 # gansu
    "省委组织部": "party-organisation",                            # gansu
    "省安监局": "work-safety",                                     # gansu
    "省工信委": "industry-information-technology",                 # gansu
    "省工商局": "industry-commerce",                               # gansu
    "省建设厅": "housing-construction",                            # gansu
    "省总工会": "trade-union",                                     # gansu
    "省政府办公厅": "government-office",                           # gansu
    "省政府国资委": "state-assets",                                # gansu
    "省教育厅": "education",                                       # gansu
    "省新闻出版广电局": "press-publication-broadcasting",          # gansu
    "省旅游局": "tourism",                                         # gansu
    "省水利厅": "water-resources",                                 # gansu
    "省环保厅": "environmental-protection",                        # gansu
    "省科技厅": "science-technology",                              # gansu
    "省统计局": "statistics",                                      # gansu
    "省编办": "establishment-office",                              # gansu
    "省财政厅": "finance",                                         # gansu
    "省质监局": "quality-supervision",                             # gansu
    "省质量协会": "quality-association",                           # gansu
    "省食品药品监管局": "food-drug-administration",                # gansu
    "科技局": "science-technology",                                # huairen yangzhou
    "税务局": "taxation",                                          # huairen yangzhou
    "粮食和物资储备局": "grain-reserves",                          # huairen
    "能源局": "energy",                                            # huairen
    "自然资源局": "natural-resources",                             # huairen
    "草牧业发展中心": "animal-husbandry-centre",                   # huairen
    "行政审批局": "administrative-approval",                       # huairen
    "财政局": "finance",                                           # huairen yangzhou
    "通管办": "communications-administration",                     # yangzhou
    "金融监管总局扬州监管分局": "financial-regulation",            # yangzhou
    # Hangzhou 2011, (十五): the lead units named in the text
    "市质监局": "quality-supervision",
    "建委": "housing-construction",
    "发改委": "development-reform",
    "环保局": "environmental-protection",
}

# Collective bodies named in the corpus: not departments, so no type.
COLLECTIVE_BODIES = (
    "各地人民政府",                                   # gansu
    "市标准化和质量强市领导小组其他成员单位",          # huairen
    "标准化和质量强市领导小组成员单位",                # huairen
    "市质量发展委员会各成员单位",                      # yangzhou
    "质量发展委员会各成员单位",                        # yangzhou
    "市质量强市活动领导小组各成员单位",                # hefei
    "省质量发展领导小组各成员单位",                    # gansu
    "省质量发展领导小组成员单位",                      # gansu
)

# Names outside the corpus where two patterns compete: the more specific one must win.
CONFUSABLE_NAMES = {
    "市场监督管理局": "market-regulation",
    "国家市场监督管理总局": "market-regulation",
    "省药品监督管理局": "drug-administration",
    "市食品药品监督管理局": "food-drug-administration",
    "市食药监局": "food-drug-administration",
    "国家质量监督检验检疫总局": "quality-supervision",
    "市出入境检验检疫局": "entry-exit-inspection-quarantine",
    "市工商行政管理局": "industry-commerce",
    "市工商联": "industry-commerce-federation",
    "市发展和改革局": "development-reform",
    "市发展和改革委员会": "development-reform",
    "市卫生健康委员会": "health",
    "县卫生健康和体育局": "health",
    "县教育和体育局": "education",
    "市卫计委": "health-family-planning",
    "市卫生局": "public-health",
    "县文化广电和旅游局": "culture-tourism",
    "市文化和旅游局": "culture-tourism",
    "市文广新局": "culture",
    "市旅游委": "tourism",
    "省广播电视局": "radio-television",
    "市住房和城乡建设局": "housing-construction",
    "市城乡建设委员会": "housing-construction",
    "市重点工程建设管理局": "key-projects",
    "市自然资源和规划局": "natural-resources",
    "市国土资源局": "land-resources",
    "市城乡规划局": "urban-planning",
    "市环境保护局": "environmental-protection",
    "市生态环境局某某分局": "ecology-environment",
    "市农委": "agriculture-commission",
    "市农业局": "agriculture",
    "市农业农村委": "agriculture-rural-affairs",
    "国家税务总局某市税务局": "taxation",
    "市国税局": "national-taxation",
    "市地税局": "local-taxation",
    "市地方金融管理局": "local-financial-regulation",
    "市金融办": "local-financial-regulation",
    "国家金融监督管理总局某某监管局": "financial-regulation",
    "市银保监分局": "banking-insurance-regulation",
    "市银监分局": "banking-regulation",
    "中国人民银行某某中心支行": "central-bank",
    "市人民政府办公室": "government-office",
    "市政府办": "government-office",
    "市政务服务管理办公室": "administrative-approval",
    "市行政审批服务管理局": "administrative-approval",
    "市安全生产监督管理局": "work-safety",
    "市应急局": "emergency-management",
    "市法制办": "legal-affairs-office",
    "市通信管理办公室": "communications-administration",
    "团县委": "youth-league",
    "市纪委": "discipline-inspection",
    "市委编办": "establishment-office",
    "市天文局": "unknown",
}

# The functions the 2018 reform (and its successors) moved: historical type → current type.
CURRENT_OF = {
    "quality-supervision": "market-regulation",
    "industry-commerce": "market-regulation",
    "food-drug-administration": "market-regulation",
    "environmental-protection": "ecology-environment",
    "agriculture-animal-husbandry": "agriculture-rural-affairs",
    "agriculture-commission": "agriculture-rural-affairs",
    "health-family-planning": "health",
    "public-health": "health",
    "work-safety": "emergency-management",
    "tourism": "culture-tourism",
    "entry-exit-inspection-quarantine": "customs",
    "national-taxation": "taxation",
    "local-taxation": "taxation",
    "land-resources": "natural-resources",
    "legal-affairs-office": "justice",
    "banking-regulation": "financial-regulation",
}

GROUPED_UNDER = {
    "party-organisation": "party-organs",
    "party-propaganda": "party-organs",
    "discipline-inspection": "party-organs",
    "establishment-office": "party-organs",
    "trade-union": "mass-organisations",
    "youth-league": "mass-organisations",
    "womens-federation": "mass-organisations",
    "disabled-persons-federation": "mass-organisations",
    "agricultural-service-centre": "public-service-centre",
    "animal-husbandry-centre": "public-service-centre",
    "sme-service-centre": "public-service-centre",
    "drug-administration": "market-regulation",
}

PLACE_NAMES = ("扬州", "合肥", "甘肃", "怀仁", "杭州", "朔州")
PREFIXES = ("市", "省", "县")

CURRENT_TYPES_QUERY = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?current WHERE {
  ?type dcterms:isReplacedBy* ?current .
  FILTER NOT EXISTS { ?current dcterms:isReplacedBy ?later }
}"""


@cache
def _graph() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "department-types.ttl", format="turtle")


def _concepts() -> list[URIRef]:
    return sorted(_graph().subjects(RDF.type, SKOS.Concept))


def _local(iri: URIRef) -> str:
    return str(iri)[len(TYPE_NS):]


def _patterns() -> list[tuple[str, str]]:
    return sorted((_local(c), str(p)) for c in _concepts() for p in _graph().objects(c, QG.namePattern))


def _current_types(local: str) -> set[str]:
    rows = _graph().query(CURRENT_TYPES_QUERY, initBindings={"type": DT[local]})
    return {_local(row.current) for row in rows}


def _replaced() -> list[str]:
    return sorted({_local(s) for s in _graph().subjects(DCTERMS.isReplacedBy, None)})


def test_department_types_file_parses() -> None:
    graph = _graph()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert len(_concepts()) > 50


@pytest.mark.parametrize("name,local", sorted(CORPUS_UNITS.items()))
def test_department_types_corpus_unit_has_expected_type(name: str, local: str) -> None:
    assert department_type(name).local == local


@pytest.mark.parametrize("name,local", sorted((n, t) for n, t in CORPUS_UNITS.items() if not n.startswith(PREFIXES)))
@pytest.mark.parametrize("prefix", PREFIXES)
def test_department_types_restored_prefix_keeps_type(prefix: str, name: str, local: str) -> None:
    # The extractor restores an elided jurisdiction prefix (发改委 → 市发改委, 工信局 → 市工信局).
    assert department_type(prefix + name).local == local


def test_department_types_no_corpus_department_is_unknown() -> None:
    unknown = sorted(name for name in CORPUS_UNITS if department_type(name).iri == UNKNOWN)
    assert unknown == []


@pytest.mark.parametrize("name", COLLECTIVE_BODIES)
def test_department_types_collective_body_has_no_type(name: str) -> None:
    assert department_type(name).iri == UNKNOWN


@pytest.mark.parametrize("name,local", sorted(CONFUSABLE_NAMES.items()))
def test_department_types_most_specific_pattern_wins(name: str, local: str) -> None:
    assert department_type(name).local == local


@pytest.mark.parametrize("name", ["市", "省", "县", "市委", "省委", "省政府", "市人民政府"])
def test_department_types_prefix_alone_has_no_type(name: str) -> None:
    assert department_type(name).iri == UNKNOWN


def test_department_types_expected_types_exist() -> None:
    concepts = {_local(c) for c in _concepts()}
    used = set(CORPUS_UNITS.values()) | set(CONFUSABLE_NAMES.values()) | set(CURRENT_OF) \
        | set(CURRENT_OF.values()) | set(GROUPED_UNDER) | set(GROUPED_UNDER.values())
    assert used - concepts == set()


@pytest.mark.parametrize("concept", _concepts(), ids=_local)
def test_department_types_concept_is_described(concept: URIRef) -> None:
    graph = _graph()
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", _local(concept))
    assert (concept, SKOS.inScheme, SCHEME) in graph
    labels = list(graph.objects(concept, SKOS.prefLabel))
    assert sorted(label.language for label in labels) == ["en", "zh"]
    assert all(str(label).strip() for label in labels)
    assert any(d.language == "en" and str(d).strip() for d in graph.objects(concept, SKOS.definition))
    broader = list(graph.objects(concept, SKOS.broader))
    if broader:
        assert (concept, SKOS.topConceptOf, SCHEME) not in graph
        assert all((b, SKOS.inScheme, SCHEME) in graph and (b, SKOS.narrower, concept) in graph
                   for b in broader)
    else:
        assert (concept, SKOS.topConceptOf, SCHEME) in graph
        assert (SCHEME, SKOS.hasTopConcept, concept) in graph


def test_department_types_scheme_is_labelled() -> None:
    languages = sorted(label.language for label in _graph().objects(SCHEME, SKOS.prefLabel))
    assert languages == ["en", "zh"]
    assert set(_graph().objects(SCHEME, SKOS.hasTopConcept)) <= set(_concepts())


def test_department_types_unknown_concept() -> None:
    graph, unknown = _graph(), URIRef(UNKNOWN)
    assert (unknown, RDF.type, SKOS.Concept) in graph
    assert set(graph.objects(unknown, SKOS.prefLabel)) == {Literal("未知", lang="zh"), Literal("unknown", lang="en")}
    assert list(graph.objects(unknown, QG.namePattern)) == []


def test_department_types_name_pattern_is_declared() -> None:
    declared = _graph() + Graph().parse(ONTOLOGY_DIR / "qgraph.ttl", format="turtle")
    assert (QG.namePattern, RDF.type, OWL.DatatypeProperty) in declared


@pytest.mark.parametrize("local,pattern", _patterns())
def test_department_types_pattern_is_general(local: str, pattern: str) -> None:
    compiled = re.compile(pattern)
    assert not [place for place in PLACE_NAMES if place in pattern]
    assert compiled.search("") is None, "matches the empty string"
    assert not compiled.fullmatch("市") and not compiled.fullmatch("省")


@pytest.mark.parametrize("local", _replaced())
def test_department_types_replaced_type_chain_ends_at_current_type(local: str) -> None:
    graph = _graph()
    concept = DT[local]
    # acyclic: a walk forward never comes back
    seen, frontier = set(), {concept}
    while frontier:
        seen |= frontier
        frontier = {n for c in frontier for n in graph.objects(c, DCTERMS.isReplacedBy)}
        assert concept not in frontier, f"{local} replaces itself"
        frontier -= seen
    current = _current_types(local)
    assert current and local not in current
    for name in current:
        assert (DT[name], RDF.type, SKOS.Concept) in graph
        assert (DT[name], DCTERMS.isReplacedBy, None) not in graph
    # stated both ways, with a note on the reform
    for successor in graph.objects(concept, DCTERMS.isReplacedBy):
        assert (successor, DCTERMS.replaces, concept) in graph
    assert any(n.language == "en" and re.search(r"\b(?:19|20)\d\d\b", n)
               for n in graph.objects(concept, SKOS.historyNote))


def test_department_types_replaces_mirrors_is_replaced_by() -> None:
    graph = _graph()
    assert {(o, s) for s, o in graph.subject_objects(DCTERMS.replaces)} == \
        set(graph.subject_objects(DCTERMS.isReplacedBy))


@pytest.mark.parametrize("local", ["quality-supervision", "industry-commerce", "food-drug-administration"])
def test_department_types_2018_reform_merges_into_market_regulation(local: str) -> None:
    graph = _graph()
    assert set(graph.objects(DT[local], DCTERMS.isReplacedBy)) == {DT["market-regulation"]}
    assert (DT["market-regulation"], DCTERMS.replaces, DT[local]) in graph
    assert any("2018" in note and "State Council" in note for note in graph.objects(DT[local], SKOS.historyNote))
    assert _current_types(local) == {"market-regulation"}


@pytest.mark.parametrize("local,current", sorted(CURRENT_OF.items()))
def test_department_types_historical_type_leads_to_current_type(local: str, current: str) -> None:
    assert _current_types(local) == {current}


def test_department_types_current_type_is_its_own_current_type() -> None:
    assert _current_types("market-regulation") == {"market-regulation"}


@pytest.mark.parametrize("local,group", sorted(GROUPED_UNDER.items()))
def test_department_types_grouping(local: str, group: str) -> None:
    assert (DT[local], SKOS.broader, DT[group]) in _graph()
