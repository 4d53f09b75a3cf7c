"""Two documents of our own, read end to end (parse_corpus → extract) from a manifest of their own:
a 工作要点 with a review of past work and two deadline lead-ins, and a plan whose target table is
flattened to lines. Expected targets checked by reading. Also: a target's domain is its own."""
from __future__ import annotations

from pathlib import Path

import pytest

from qgraph.extract import extract
from qgraph.extract.domains import phrase_domains
from qgraph.extract.targets import INDICATOR_NS, indicator_domain
from qgraph.pipeline import parse_corpus
from qgraph.vocab import QG

WORK_POINTS = """某某市2024年质量强市工作要点
各区县人民政府，市政府各部门：
为深入推进质量强市建设，现将2024年质量强市工作要点印发如下。
一、2023年工作回顾
（一）质量基础持续夯实。2023年，全市新增注册商标8600件，有效发明专利增长12%，已建成检验检测公共服务平台5个。
（二）质量水平稳步提升。全市制造业产品质量合格率达到94.5%，质量竞争力指数居全省第3位。
二、2024年主要目标
（一）总体目标。2024年，全市地区生产总值增长6%左右，社会消费品零售总额增长8%，制造业产品质量合格率稳定在95%以上；到2026年，每万人高价值发明专利拥有量达到12件，质量竞争力指数达到88。
（二）重点任务。食品抽检合格率、药品抽检合格率均达到98%以上。对首次获得市长质量奖的企业给予一次性奖励50万元。（牵头单位：市市场监管局）
三、保障措施
（一）加强组织领导。各区县要建立健全质量工作领导机制。
"""

PLAN = """云溪县质量强县建设规划（2021—2025年）
一、发展目标
到“十四五”末，质量强县建设取得显著成效。主要指标如下：
（一）产品质量
制造业产品质量合格率
95%以上
食品抽检合格率
98%
（二）工程质量
新建工程竣工验收合格率
100%
（三）环境质量
细颗粒物年均浓度
控制在35μg/m3以内
单位地区生产总值能耗较2020年下降14%
二、重点任务
（一）推动产品质量提升。在消费品领域开展质量提升行动，新建工程质量检测中心一次验收合格率达到100%。
"""

MANIFEST = """documents:
  - id: mou-2024
    file: mou-2024.txt
    jurisdiction: {id: mou, name_zh: 某某市, name_en: Moumou, level: prefecture, code: "990100"}
    title: 某某市2024年质量强市工作要点
    issued: 2024-02-20
  - id: yunxi-2021
    file: yunxi-2021.txt
    jurisdiction: {id: yunxi, name_zh: 云溪县, name_en: Yunxi, level: county, code: "990102"}
    title: 云溪县质量强县建设规划（2021—2025年）
    issued: 2021-09-01
"""


@pytest.fixture(scope="module")
def own_documents(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("own")
    (folder / "documents.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "mou-2024.txt").write_text(WORK_POINTS, encoding="utf-8")
    (folder / "yunxi-2021.txt").write_text(PLAN, encoding="utf-8")
    return {parsed.spec.id: extract(parsed) for parsed in parse_corpus(Path(folder) / "documents.yaml")}


def _rows(found):
    return [(c.clause.number, t.target.metric, str(t.target.value), t.target.unit, t.target.comparator.value,
             t.target.year, t.target.change and t.target.change.value, t.target.baseline_year,
             tuple(d.domain.removeprefix(str(QG)) for d in t.domains))
            for c in found.clauses for t in c.targets]


P, E, ENV, IND = "ProductQuality", "EngineeringQuality", "EnvironmentQuality", "IndustryQuality"


def test_targets_document_work_points_review_and_two_lead_ins(own_documents):
    assert _rows(own_documents["mou-2024"]) == [
        ("二.(一)", "全市地区生产总值", "6", "%", "Approximately", 2024, "Increase", None, (P,)),
        ("二.(一)", "社会消费品零售总额", "8", "%", "Equal", 2024, "Increase", None, (P,)),
        ("二.(一)", "制造业产品质量合格率", "95", "%", "AtLeast", 2024, None, None, (P,)),
        ("二.(一)", "每万人高价值发明专利拥有量", "12", "件", "Equal", 2026, None, None, (P,)),
        ("二.(一)", "质量竞争力指数", "88", "分", "Equal", 2026, None, None, (IND,)),
        ("二.(二)", "食品抽检合格率", "98", "%", "AtLeast", 2024, None, None, (P,)),
        ("二.(二)", "药品抽检合格率", "98", "%", "AtLeast", 2024, None, None, (P,)),
    ]


def test_targets_document_plan_with_a_flattened_table(own_documents):
    assert _rows(own_documents["yunxi-2021"]) == [
        ("一.(一)", "制造业产品质量合格率", "95", "%", "AtLeast", 2025, None, None, (P,)),
        ("一.(一)", "食品抽检合格率", "98", "%", "Equal", 2025, None, None, (P,)),
        ("一.(二)", "新建工程竣工验收合格率", "100", "%", "Equal", 2025, None, None, (E,)),
        ("一.(三)", "细颗粒物年均浓度", "35", "μg/m³", "AtMost", 2025, None, None, (ENV,)),
        ("一.(三)", "单位地区生产总值能耗", "14", "%", "Equal", 2025, "Decrease", 2020, (ENV,)),
        # an engineering pass rate in a clause about products is engineering quality
        ("二.(一)", "新建工程质量检测中心一次验收合格率", "100", "%", "Equal", 2025, None, None, (E,)),
    ]


# --- a target's domain is its own ------------------------------------------------------------------

@pytest.mark.parametrize("indicator,domain", [
    ("engineering-acceptance-pass-rate", E), ("food-sampling-pass-rate", P), ("forest-coverage", ENV),
    ("national-standards-led", "QualityInfrastructure"), ("patent-applications", None),
])
def test_targets_indicator_carries_its_domain(indicator, domain):
    found = indicator_domain(INDICATOR_NS + indicator)
    assert (found.removeprefix(str(QG)) if found else None) == domain


@pytest.mark.parametrize("metric,domains", [
    ("新建住宅工程竣工验收合格率", [E]),
    ("城镇生活垃圾分类覆盖率", []),
    ("农产品质量安全监测合格率", [P]),
    ("空气质量优良天数比率", [ENV]),
    ("每万人发明专利拥有量", []),
])
def test_targets_metric_words_name_its_domain(metric, domains):
    assert [d.removeprefix(str(QG)) for d, _ in phrase_domains(metric)] == domains


# Target–domain pairs of the five bundled documents: before each target took its own domain, every
# target inherited every domain of its clause (168 pairs for 118 targets).
PAIRS = {"hefei-2021": 18, "huairen-2023": 5, "hangzhou-2011": 40, "gansu-2015": 4, "yangzhou-2023": 79}


def test_targets_bundled_target_domain_pairs(corpus):
    pairs = {doc_id: sum(len(t.domains) for c in extract(parsed).clauses for t in c.targets)
             for doc_id, parsed in corpus.items()}
    assert pairs == PAIRS


def test_targets_bundled_hefei_huairen_one_domain_each(corpus):
    for doc_id in ("hefei-2021", "huairen-2023"):
        for part in extract(corpus[doc_id]).clauses:
            for found in part.targets:
                if found.target.indicator:
                    assert len(found.domains) == 1, found.target.metric
