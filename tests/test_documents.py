"""Six documents of our own writing, as real plans, work points and task divisions are written (notice
first, label lines, a responsibility line per task, a stated first-listed-leads convention with bare unit
lists, statements in headings, two deadline lead-ins, a review of past work, five-year-plan deadlines,
autonomous-area prefixes): what qgraph reads from each was checked by reading the texts in
tests/documents/."""

from __future__ import annotations

from pathlib import Path

import pytest

from qgraph.extract import extract
from qgraph.pipeline import build, parse_corpus, rules_for

MANIFEST = Path(__file__).resolve().parent / "documents" / "documents.yaml"
EXPECTED = {
    "yunxi-2024": {
        "facts": ("云溪市质量强市建设实施方案", "云政发〔2024〕6号", "2024-04-08", "云溪市人民政府"),
        "assignments": {
            "二.(一)": [("市市场监管局", "ExplicitLead"), ("市发展和改革局", "Supporting"), ("市财政局", "Supporting")],
            "二.(二)": [("市住建局", "ExplicitLead"), ("市交通运输局", "Supporting"), ("市水务局", "Supporting")],
            "二.(三)": [
                ("市工信局", "FirstListed"),
                ("市农业农村局", "JointlyResponsible"),
                ("市商务局", "JointlyResponsible"),
            ],
        },
        "targets": [
            ("一", "全市制造业产品质量合格率", "AtLeast", "94", "%", 2025),
            ("一", "食品抽检合格率", "AtLeast", "98", "%", 2025),
            ("一", "培育省级以上知名品牌", "Equal", "5", "个", 2027),
            ("二.(一)", "新建社会公用计量标准", "Equal", "10", "项", None),
        ],
    },
    "qingchuan-2023": {
        "facts": ("青川区2023年质量工作要点", None, "2023-02-20", None),
        "assignments": {
            "三.(一)": [("区市场监管局", "ExplicitLead"), ("区科技局", "Supporting"), ("区工信局", "Supporting")],
            "三.(二)": [("区市场监管局", "FirstListed"), ("区发展改革委", "JointlyResponsible")],
            "三.(三)": [("区农业农村局", "FirstListed"), ("区市场监管局", "JointlyResponsible")],
        },
        "targets": [
            ("二", "全区产品质量监督抽查合格率", "AtLeast", "97", "%", 2023),
            ("二", "有效发明专利拥有量", "Equal", "800", "件", 2025),
            ("三.(二)", "主导或参与制定国家标准、行业标准", "AtLeast", "3", "项", 2023),
            ("三.(三)", "食用农产品抽检合格率", "AtLeast", "98", "%", 2023),
        ],
    },
    "baishui-2022": {
        "facts": ("白水自治州质量发展三年行动计划（2022—2024年）", None, "2022-03-18", "白水自治州人民政府办公室"),
        "assignments": {
            "一": [("州市场监管局", "ExplicitLead"), ("州科技局", "JointlyResponsible")],
            "一.(一)": [("州市场监管局", "ExplicitLead"), ("州科技局", "JointlyResponsible")],
            "一.(二)": [("州市场监管局", "ExplicitLead"), ("州科技局", "JointlyResponsible")],
            "二.(三)": [
                ("州文化局", "ExplicitLead"),
                ("州体育局", "JointlyResponsible"),
                ("州旅游局", "JointlyResponsible"),
            ],
            "二.(四)": [("州政务服务中心", "ExplicitLead"), ("各县（市）人民政府", "Collective")],
        },
        "targets": [
            ("一.(一)", "建设区域计量测试中心", "Equal", "1", "个", 2024),
            ("二.(三)", "游客满意度", "AtLeast", "85", "分", 2024),
        ],
    },
    "mousheng-2021": {
        "facts": (
            "某某省人民政府办公厅关于推进质量强省建设的实施意见",
            "某政办发〔2021〕20号",
            "2021-09-10",
            "某某省人民政府办公厅",
        ),
        "assignments": {
            # 由X牵头，会同Y…: the partner named after 会同 supports (responsibility.yaml intext.together-support)
            "二.(一)": [("省工业和信息化厅", "ExplicitLead"), ("省发展改革委", "Supporting")],
            "二.(二)": [("省市场监管局", "ExplicitLead"), ("省商务厅", "Supporting"), ("省公安厅", "Supporting")],
            "二.(三)": [("省生态环境厅", "SoleResponsible")],
        },
        "targets": [
            ("一", "全省制造业质量竞争力指数", "Equal", "87", "分", 2025),
            ("一", "消费品质量合格率", "AtLeast", "98", "%", 2025),
            ("一", "农产品质量安全抽检合格率", "AtLeast", "98", "%", 2025),
            ("二.(三)", "全省细颗粒物（PM2.5）平均浓度", "AtMost", "35", "μg/m³", None),
        ],
    },
    "donghu-2024": {
        "facts": ("东湖区质量强区建设工作方案", None, "2024", None),
        "assignments": {
            "二.1": [("区市场监管局", "FirstListed"), ("区工信局", "JointlyResponsible")],
            "二.2": [("区市场监管局", "SoleResponsible")],
            "二.3": [("区市场监管局", "ExplicitLead"), ("区行政审批局", "Supporting"), ("区财政局", "Supporting")],
        },
        "targets": [
            ("一", "全区规模以上工业企业产品质量合格率", "Equal", "95", "%", 2024),
            ("一", "新增省级标准化试点项目", "Equal", "2", "个", 2026),
            ("二.2", "特种设备定期检验率", "AtLeast", "99", "%", None),
        ],
    },
    "mouqu-2024": {
        "facts": ("某某自治区质量强区建设2024年行动计划", None, "2024", None),
        "assignments": {
            "二.(一)": [
                ("自治区市场监管局", "ExplicitLead"),
                ("自治区发展改革委", "Supporting"),
                ("自治区工信厅", "Supporting"),
            ],
            "二.(二)": [("自治区住房城乡建设厅", "ExplicitLead")],
        },
        "targets": [
            ("一", "全区主要农产品质量安全例行监测合格率", "AtLeast", "97.5", "%", 2024),
            ("一", "工程质量一次验收合格率", "Equal", "100", "%", 2024),
        ],
    },
}


@pytest.fixture(scope="module")
def extractions():
    rule_set = rules_for(MANIFEST)
    return {p.spec.id: extract(p, rule_set) for p in parse_corpus(MANIFEST)}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_documents_facts(extractions, doc_id):
    found = extractions[doc_id]
    spec = found.parsed.spec
    assert (spec.title, spec.number, spec.issued, found.facts.issuer) == EXPECTED[doc_id]["facts"]


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_documents_assignments(extractions, doc_id):
    found = {
        part.clause.number: [(a.label, a.basis.value) for a in part.assignments]
        for part in extractions[doc_id].clauses
        if part.assignments
    }
    assert found == EXPECTED[doc_id]["assignments"]


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_documents_targets(extractions, doc_id):
    found = [
        (
            part.clause.number,
            t.target.metric,
            t.target.comparator.value,
            str(t.target.value),
            t.target.unit,
            t.target.year,
        )
        for part in extractions[doc_id].clauses
        for t in part.targets
    ]
    assert found == EXPECTED[doc_id]["targets"]


def test_documents_build_without_warnings_or_unknown_types(tmp_path):
    report = build(MANIFEST, tmp_path)
    assert (report.documents, report.unknown_departments, report.warnings) == (6, 0, ())
    graph = (tmp_path / "qgraph.ttl").read_text(encoding="utf-8")
    assert "qg:inheritedFrom <https://w3id.org/qgraph/id/doc/baishui-2022/clause/1>" in graph
