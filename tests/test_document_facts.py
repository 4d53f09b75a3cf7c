"""Document facts from the text: title, number, issuing body and date (also in Chinese numerals), used
where the manifest omits them and compared where it has them."""
from __future__ import annotations

from pathlib import Path

import pytest

from qgraph.pipeline import build, parse_corpus

NOTICE_FIRST = """云溪县人民政府办公室关于印发云溪县质量强县建设三年行动计划的通知
云政办发〔2024〕12号
各乡镇人民政府，县政府各部门：
现将《云溪县质量强县建设三年行动计划》印发给你们，请认真贯彻执行。
云溪县人民政府办公室
二〇二四年五月二十日
（此件公开发布）
云溪县质量强县建设三年行动计划
一、主要目标
到2026年，全县产品质量监督抽查合格率稳定在95%以上。
二、重点任务
（一）加强计量基础建设。（牵头单位：县市场监管局；配合单位：县科技局）
"""
TITLE_AND_CLOSING = """某某市人民政府关于加快推进质量强市建设的实施意见
某府发〔2019〕31号
各县（市、区）人民政府，市政府各部门：
为深入实施质量强市战略，提出如下意见。
一、加强质量基础
（一）完善标准体系。（市市场监管局负责）
某某市人民政府
2019年12月30日
"""
ENTRY = """  - id: {id}
    file: {id}.txt
    jurisdiction: {{id: {j}, name_zh: {name}, name_en: {en}, level: {level}, code: "{code}"}}
"""


def _corpus(folder: Path, documents: list[tuple[str, str, str]]) -> Path:
    folder.mkdir()
    lines = ["documents:"]
    for doc_id, text, extra in documents:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        j, name, en, level, code = (("yunxi", "云溪县", "Yunxi", "county", "990201") if doc_id.startswith("yunxi")
                                    else ("moushi", "某某市", "Moushi", "prefecture", "990100"))
        lines.append(ENTRY.format(id=doc_id, j=j, name=name, en=en, level=level, code=code).rstrip("\n") + extra)
    (folder / "documents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "documents.yaml"


@pytest.mark.parametrize("doc_id,text,title,number,issued", [
    ("yunxi-2024", NOTICE_FIRST, "云溪县质量强县建设三年行动计划", "云政办发〔2024〕12号", "2024-05-20"),
    ("moushi-2019", TITLE_AND_CLOSING, "某某市人民政府关于加快推进质量强市建设的实施意见", "某府发〔2019〕31号",
     "2019-12-30"),
])
def test_document_facts_fill_what_the_manifest_omits(tmp_path, doc_id, text, title, number, issued):
    manifest = _corpus(tmp_path / "data", [(doc_id, text, "")])
    spec = parse_corpus(manifest)[0].spec
    assert (spec.title, spec.number, spec.issued) == (title, number, issued)


def test_document_facts_issuer_goes_into_the_graph(tmp_path):
    manifest = _corpus(tmp_path / "data", [("yunxi-2024", NOTICE_FIRST, ""), ("moushi-2019", TITLE_AND_CLOSING, "")])
    report = build(manifest, tmp_path / "out")
    graph = (tmp_path / "out" / "qgraph.ttl").read_text(encoding="utf-8")
    assert report.warnings == ()
    assert 'dcterms:creator "云溪县人民政府办公室"@zh' in graph and 'dcterms:creator "某某市人民政府"@zh' in graph


def test_document_facts_disagreement_is_a_warning(tmp_path):
    extra = "\n    title: 云溪县质量强县行动计划\n    issued: 2023-05-20"
    manifest = _corpus(tmp_path / "data", [("yunxi-2024", NOTICE_FIRST, extra)])
    report = build(manifest, tmp_path / "out")
    assert report.warnings == (
        "yunxi-2024: title: the manifest says 云溪县质量强县行动计划, the text 云溪县质量强县建设三年行动计划",
        "yunxi-2024: issued: the manifest says 2023-05-20, the text 2024-05-20")
