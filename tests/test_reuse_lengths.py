"""Reuse lengths are characters of the normalised text: a passage in a text written with pinyin ruby
(實(shí)施, 質(zhì)量) counted the annotations too (the summary said 69 for a 31-character passage).

Five documents of invented places: a county's plan, in traditional script with ruby, takes a clause of a
city's opinion; three others share nothing with them (so the passage is no formula most documents share)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

MANIFEST = """\
documents:
  - id: yunxi-2020
    file: yunxi-2020.txt
    jurisdiction: {id: yunxi, name_zh: 云溪市, name_en: Yunxi, level: prefecture, code: "990100"}
    title: 云溪市人民政府关于加快建设质量强市的实施意见
    issued: 2020-05-08
  - id: qinglan-2023
    file: qinglan-2023.txt
    jurisdiction: {id: qinglan, name_zh: 青岚县, name_en: Qinglan, level: county, code: "990102"}
    title: 青岚县质量强县建设实施方案
    issued: 2023-03-15
  - id: baishui-2022
    file: baishui-2022.txt
    jurisdiction: {id: baishui, name_zh: 白水县, name_en: Baishui, level: county, code: "990103"}
    title: 白水县2022年质量工作要点
    issued: 2022-02-10
  - id: donghu-2021
    file: donghu-2021.txt
    jurisdiction: {id: donghu, name_zh: 东湖区, name_en: Donghu, level: county, code: "990104"}
    title: 东湖区质量提升行动方案
    issued: 2021-06-01
  - id: mouqu-2024
    file: mouqu-2024.txt
    jurisdiction: {id: mouqu, name_zh: 某某区, name_en: Mouqu, level: county, code: "990105"}
    title: 某某区2024年质量强区工作要点
    issued: 2024-01-20
"""

TEXTS = {
    "baishui-2022.txt": """\
白水县2022年质量工作要点
一、推进农产品质量安全
（一）开展农药残留专项整治，全年抽检农产品样品500批次以上。（县农业农村局负责）
二、提升公共服务水平
（一）推动政务服务事项网上可办，优化窗口办事流程。（县行政审批局负责）
白水县人民政府
2022年2月10日
""",
    "donghu-2021.txt": """\
东湖区质量提升行动方案
一、实施工程质量提升
（一）严格落实工程建设各方主体质量责任，开展住宅工程质量常见问题专项治理。（区住建局负责）
二、改善生态环境质量
（一）深入打好蓝天保卫战，全区空气质量优良天数比率稳定在85%以上。（区生态环境分局负责）
东湖区人民政府
2021年6月1日
""",
    "mouqu-2024.txt": """\
某某区2024年质量强区工作要点
一、夯实质量基础设施
（一）建设区级计量检测服务平台，新增社会公用计量标准3项。（区市场监管局负责）
二、培育质量品牌
（一）组织企业申报区长质量奖，开展老字号保护传承活动。（区商务局负责）
某某区人民政府
2024年1月20日
""",
    "qinglan-2023.txt": """\
青嵐縣質量強縣建設實(shí)施方案
一、總體要求
（一）指導(dǎo)思想。堅(jiān)持以人民為中心，推動(dòng)全縣質(zhì)量工作邁上新臺(tái)階。
二、重點(diǎn)任務(wù)
（一）壓實(shí)企業(yè)主體責任。引導(dǎo)企業(yè)建立首席質(zhì)量官制度，完善質(zhì)量管理體系，全面落實(shí)企業(yè)質(zhì)量安全主體責任。（縣市場監管局牽頭）
青嵐縣人民政府
2023年3月15日
""",
    "yunxi-2020.txt": """\
云溪市人民政府关于加快建设质量强市的实施意见
各县（市）、区人民政府，市政府各部门：
一、总体要求
（一）指导思想。坚持以质量第一为价值导向，全面提升产品、工程、服务和环境质量，推动全市经济高质量发展。
二、重点任务
（一）强化企业质量主体责任。引导企业建立首席质量官制度，完善质量管理体系，全面落实企业质量安全主体责任。（市市场监管局牵头）
（二）加强标准化建设。鼓励企业参与制定国际标准和国家标准，提升标准化水平。（市市场监管局负责）
云溪市人民政府
2020年5月8日
""",
}

PASSAGE = "企业主体责任。引导企业建立首席质量官制度，完善质量管理体系，全面落实企业质量安全主体责任。（县市场监管局牵头"


@pytest.fixture(scope="module")
def ruby_graph(tmp_path_factory) -> Path:
    import qgraph

    folder = tmp_path_factory.mktemp("ruby")
    (folder / "documents.yaml").write_text(MANIFEST, encoding="utf-8")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    qgraph.build(folder, folder / "build")
    return folder / "build" / "qgraph.ttl"


def test_reuse_length_was_source_characters_with_ruby(run, ruby_graph):
    answer = json.loads(run("reuse", "--graph", str(ruby_graph), "--format", "json").stdout)
    [passage] = answer["passages"]
    assert passage["later_text"] == PASSAGE and len(PASSAGE) == 54
    assert passage["end"] - passage["start"] == 91          # the source span, ruby included
    assert (passage["chars"], passage["text_end"] - passage["text_start"]) == (54, 54)
    assert answer["summary"] == [{"later": "qinglan-2023", "earlier": "yunxi-2020", "passages": 1, "characters": 54}]


def test_reuse_between_jurisdictions_counts_normalised_characters(run, ruby_graph):
    result = run("query", "reuse-between-jurisdictions", "--param", "later_id=qinglan", "--graph", str(ruby_graph),
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["later"], r["laterPlace"], r["earlier"], r["earlierPlace"], r["chars"]) for r in rows] == \
        [("qinglan", "青岚县", "yunxi", "云溪市", 54)]


def test_reuse_summary_of_the_graph_agrees_with_the_build(ruby_graph):
    import qgraph
    from qgraph.graph.reuse import find_reuse, summarise
    from qgraph.pipeline import parse_corpus

    docs = parse_corpus(ruby_graph.parent.parent / "documents.yaml")
    built = {(r["later"], r["earlier"]): r["characters"] for r in summarise(find_reuse(docs), docs)}
    asked = {(r["later"], r["earlier"]): r["characters"] for r in qgraph.open(ruby_graph).reuse_summary()}
    assert asked == built == {("qinglan-2023", "yunxi-2020"): 54}
