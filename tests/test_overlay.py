"""A user's rule folder: a notation the shipped rules do not know, added with one rule file beside the
manifest and no change to the package; a malformed overlay fails in one line naming its file and line."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from qgraph.errors import RuleError
from qgraph.extract import extract
from qgraph.model import Jurisdiction, LeadBasis
from qgraph.pipeline import build, parse_corpus, rules_for
from qgraph.rules import load_rules
from qgraph.extract.departments import extract_assignments

# A task division written with 主办/协办 (host and co-host units), a notation of some county and
# district offices that none of the shipped rules names.
TASKS = """某某县人民政府办公室关于印发某某县2024年质量强县工作任务分工的通知
各乡镇人民政府，县政府各部门：
现将《某某县2024年质量强县工作任务分工》印发给你们，请认真贯彻落实。
一、夯实质量基础
（一）推进计量能力建设。建设县域计量检测服务平台，新建社会公用计量标准2项。（主办单位：县市场监管局；协办单位：县科技局、县财政局）
（二）加强标准化工作。支持企业主导或参与制定国家、行业标准。（主办单位：县市场监管局；协办单位：县工信局）
二、提升产品质量
（三）开展农产品质量安全提升行动。农产品质量安全例行监测合格率稳定在98%以上。（主办单位：县农业农村局；协办单位：县市场监管局、县商务局）
（四）加强工程质量监管。（主办：县住建局；协办：县交通运输局、县水利局）
"""

MANIFEST = """documents:
  - id: mouxian-2024
    file: mouxian-2024.txt
    jurisdiction: {id: mouxian, name_zh: 某某县, name_en: Mouxian, level: county, code: "990101"}
    title: 某某县2024年质量强县工作任务分工
    issued: 2024-03-15
"""

OVERLAY = """# Host (主办) and co-host (协办) units: the lead and its supporters.
list_labels:
  - id: label.host-units
    pattern: '^(?:主办单位|主办)[：:]'
    role: lead
    examples: [{in: "主办单位：县市场监管局", out: lead}]
  - id: label.co-host-units
    pattern: '^(?:协办单位|协办)[：:]'
    role: support
    examples: [{in: "协办单位：县科技局", out: support}]
"""

COUNTY = Jurisdiction("mouxian", "某某县", "Mouxian", "county", "990101")
EXPECTED = {
    "一.(一)": [("县市场监管局", "ExplicitLead"), ("县科技局", "Supporting"), ("县财政局", "Supporting")],
    "一.(二)": [("县市场监管局", "ExplicitLead"), ("县工信局", "Supporting")],
    "二.(三)": [("县农业农村局", "ExplicitLead"), ("县市场监管局", "Supporting"), ("县商务局", "Supporting")],
    "二.(四)": [("县住建局", "ExplicitLead"), ("县交通运输局", "Supporting"), ("县水利局", "Supporting")],
}


@pytest.fixture()
def county_corpus(tmp_path: Path) -> Path:
    """The task division in a data folder of its own, without any rule folder yet."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "documents.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "mouxian-2024.txt").write_text(TASKS, encoding="utf-8")
    return folder


def _assignments(manifest: Path, overlays=()) -> dict[str, list[tuple[str, str]]]:
    rule_set = rules_for(manifest, overlays)
    parsed = parse_corpus(manifest, overlays=overlays)[0]
    return {part.clause.number: [(a.label, a.basis.value) for a in part.assignments]
            for part in extract(parsed, rule_set).clauses if part.assignments}


def test_overlay_unknown_notation_reads_nothing_with_shipped_rules(county_corpus):
    assert _assignments(county_corpus / "documents.yaml") == {}


def test_overlay_rule_file_beside_manifest_reads_the_notation(county_corpus):
    (county_corpus / "rules").mkdir()
    (county_corpus / "rules" / "responsibility.yaml").write_text(OVERLAY, encoding="utf-8")
    assert _assignments(county_corpus / "documents.yaml") == EXPECTED


def test_overlay_rules_option_reads_the_notation(county_corpus, tmp_path):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "responsibility.yaml").write_text(OVERLAY, encoding="utf-8")
    assert _assignments(county_corpus / "documents.yaml", [folder]) == EXPECTED


def test_overlay_build_and_lead_answer_from_the_graph(county_corpus, tmp_path, run):
    (county_corpus / "rules").mkdir()
    (county_corpus / "rules" / "responsibility.yaml").write_text(OVERLAY, encoding="utf-8")
    report = build(county_corpus / "documents.yaml", tmp_path / "out")
    assert (report.documents, report.departments, report.unknown_departments) == (1, 9, 0)
    result = run("lead", "计量", "--graph", str(tmp_path / "out" / "qgraph.ttl"), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["department"], r["basis"], r["supporters"]) for r in rows] == [
        ("县市场监管局", "lead (牵头)", ["县科技局", "县财政局"])]


def test_overlay_keeps_shipped_rules_and_replaces_by_id():
    shipped = load_rules().file("responsibility.yaml").entries("list_labels")
    assert [e["id"] for e in shipped][:1] == ["label.responsible-units"]


def test_overlay_entry_with_shipped_id_replaces_it(tmp_path):
    (tmp_path / "responsibility.yaml").write_text(
        "list_labels:\n  - {id: label.lead-units, pattern: '^(?:牵头单位|牵头部门|主责单位)[：:]', role: lead}\n",
        encoding="utf-8")
    rule_set = load_rules([tmp_path])
    ids = [e["id"] for e in rule_set.file("responsibility.yaml").entries("list_labels")]
    assert ids.count("label.lead-units") == 1
    found = extract_assignments("（主责单位：县发展改革局；配合单位：县统计局）", "1", COUNTY, rule_set)
    assert [(a.label, a.basis) for a in found] == [("县发展改革局", LeadBasis.EXPLICIT),
                                                   ("县统计局", LeadBasis.SUPPORT)]


@pytest.mark.parametrize("name,content,message", [
    ("responsibility.yaml", "list_labels:\n  - id: label.host\n    pattern: '(主办'\n    role: lead\n",
     r"rules/responsibility\.yaml:2: \[QG203\] rule label\.host: 'pattern' is not a valid regular expression"),
    ("responsibility.yaml", "list_labels:\n  - id: label.host\n    pattern: '^主办：'\n    role: boss\n",
     r"rules/responsibility\.yaml:2: \[QG203\] rule label\.host: role must be one of lead, support, responsible"),
    ("responsibility.yaml", "list_labels: [\n", r"rules/responsibility\.yaml:2: \[QG201\] not valid YAML"),
    ("department_types.yaml", "x: 1\n", r"rules/department_types\.yaml: \[QG214\] not a rule file qgraph knows"),
    ("department-types.ttl", "@prefix qg: <x> .\nqg:a qg:b", r"rules/department-types\.ttl: \[QG215\] not valid Turtle"),
])
def test_overlay_malformed_file_fails_in_one_line(county_corpus, tmp_path, run, name, content, message):
    (county_corpus / "rules").mkdir()
    (county_corpus / "rules" / name).write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--data", str(county_corpus), "--out", str(out))
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[-1]
    assert re.search(message, error), error
    assert not out.exists()


def test_overlay_taxonomy_adds_a_department_type(county_corpus, tmp_path):
    """A unit of a kind the shipped scheme lacks gets a type from a department-types.ttl overlay."""
    text = TASKS.replace("县财政局）", "县财政局、县数据资源局）")
    (county_corpus / "mouxian-2024.txt").write_text(text, encoding="utf-8")
    (county_corpus / "rules").mkdir()
    (county_corpus / "rules" / "responsibility.yaml").write_text(OVERLAY, encoding="utf-8")
    first = build(county_corpus / "documents.yaml", tmp_path / "a")
    assert first.unknown_departments == 1
    shutil.copy(Path(__file__).parent / "fixtures" / "overlay" / "department-types.ttl", county_corpus / "rules")
    second = build(county_corpus / "documents.yaml", tmp_path / "b")
    assert second.unknown_departments == 0
    graph = (tmp_path / "b" / "qgraph.ttl").read_text(encoding="utf-8")
    assert "data-resources" in graph


def test_overlay_renaming_rule_ids_changes_no_answer(data_copy, tmp_path, run):
    """The lead basis is decided when the statement is read and kept in the graph: the rule's id is
    provenance only, so renaming the shipped lead rules changes no row of `qgraph lead`."""
    default = run("lead", "食品安全", "--graph", str(_built(DATA_DIR, tmp_path / "a")), "--format", "json")
    (data_copy / "rules").mkdir()
    (data_copy / "rules" / "responsibility.yaml").write_text(RENAMED, encoding="utf-8")
    renamed = run("lead", "食品安全", "--graph", str(_built(data_copy, tmp_path / "b")), "--format", "json")
    assert default.exit_code == renamed.exit_code == 0
    assert json.loads(renamed.stdout) == json.loads(default.stdout) != []


DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RENAMED = """list_labels:
  - {id: label.lead-units, remove: true}
  - {id: label.renamed-lead-units, pattern: '^(?:牵头单位|牵头部门)[：:]', role: lead}
role_words:
  - {id: role.lead, remove: true}
  - {id: role.renamed-lead, pattern: '牵头$', role: lead}
"""


def _built(data: Path, out: Path) -> Path:
    return build(data / "documents.yaml", out).path
