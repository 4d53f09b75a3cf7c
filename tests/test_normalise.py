"""Normalised text: simplified, without ruby, with mainland vocabulary, mapped to its source."""
from __future__ import annotations

import re

import pytest

from qgraph.text.normalise import SIMPLIFIED, TAIWAN, TRADITIONAL, normalise, to_simplified
from qgraph.pipeline import parse_document
from qgraph.text.read import SourceText

DOCS = ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")
PINYIN = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[（(][a-zü]{1,7}[）)]")


@pytest.mark.parametrize("doc_id,script", [
    ("hefei-2021", TRADITIONAL), ("hangzhou-2011", TRADITIONAL), ("gansu-2015", TAIWAN),
    ("huairen-2023", SIMPLIFIED), ("yangzhou-2023", SIMPLIFIED),
])
def test_normalise_detects_script(corpus, doc_id, script):
    assert corpus[doc_id].text.script == script


@pytest.mark.parametrize("doc_id", DOCS)
def test_normalise_leaves_no_pinyin(corpus, doc_id):
    assert PINYIN.findall(corpus[doc_id].text.text) == []


@pytest.mark.parametrize("doc_id", DOCS)
def test_normalise_leaves_no_traditional_characters(corpus, doc_id):
    text = corpus[doc_id].text.text
    assert to_simplified(text) == text


@pytest.mark.parametrize("doc_id", DOCS)
def test_normalise_is_idempotent(corpus, doc_id):
    parsed = corpus[doc_id]
    again = normalise(SourceText(doc_id, None, parsed.text.text, "utf-8", ""), (), parsed.text.script)
    assert again.text == parsed.text.text


@pytest.mark.parametrize("word,count", [
    ("数据库", 1), ("程序", 1), ("应用", 2), ("知识产权", 3), ("网络", 2), ("优化", 2),
    ("集成电路", 1), ("群众性质量活动", 2), ("中小学质量教育", 1),
    ("建立", 17), ("档案", 2),                  # mainland words that blanket tw2sp would damage
    ("资料库", 0), ("程式", 0), ("套用", 0), ("智慧财产权", 0), ("网路", 0), ("最佳化", 0),
    ("积体电路", 0), ("民众", 0), ("计画", 0), ("创建", 3),  # 創建 is in the source
])
def test_normalise_gansu_taiwan_vocabulary(corpus, word, count):
    assert corpus["gansu-2015"].text.text.count(word) == count


def test_normalise_taiwan_table_spares_mainland_documents(corpus):
    assert "满足民众消费升级需求" in corpus["huairen-2023"].text.text


def test_normalise_hefei_ruby_and_its_damaged_spot(corpus):
    text = corpus["hefei-2021"].text.text
    assert text.startswith("各县（市）、区人民政府，市政府各部门、各直属机构：\n")
    assert "推动服务业向专业化和价值链高端" in text


def test_normalise_drops_mojibake_line_and_trailing_bar(corpus):
    text = corpus["hangzhou-2011"].text.text
    assert text.startswith("各区、县（市）人民政府")
    assert text.endswith("二○一一年六月二十九日")


@pytest.mark.parametrize("given,expected", [
    ("各縣(市)、區(qū)人民政府", "各县（市）、区人民政府"),
    ("达到1,000家,其中", "达到1,000家，其中"),
    ("怀仁市人民政府 关于印发 通 知", "怀仁市人民政府关于印发通知"),
    ("PM2.5平均浓度", "PM2.5平均浓度"),
    ("  一、总体要求 \r\n\r\n(一)指导思想", "一、总体要求\n（一）指导思想"),
])
def test_normalise_examples(given, expected):
    assert normalise(SourceText("x", None, given, "utf-8", "")).text == expected


@pytest.mark.parametrize("doc_id", DOCS)
def test_normalise_map_points_into_source(corpus, doc_id):
    parsed = corpus[doc_id]
    mapped, source = parsed.text, parsed.text.source.text
    assert len(mapped.starts) == len(mapped.text) == len(mapped.ends)
    assert all(0 <= a < b <= len(source) for a, b in zip(mapped.starts, mapped.ends))
    assert list(mapped.starts) == sorted(mapped.starts)


@pytest.mark.parametrize("doc_id,encoding", [("huairen-2023", "gbk"), ("hefei-2021", "gb18030"),
                                             ("gansu-2015", "gb18030")])
def test_normalise_gbk_copy_parses_to_same_tree(corpus, data_copy, doc_id, encoding):
    original = corpus[doc_id]
    path = data_copy / f"{doc_id}.txt"
    path.write_bytes(original.text.source.text.encode(encoding))
    parsed = parse_document(original.spec.__class__(**{**_fields(original.spec), "path": path}))
    assert parsed.text.source.encoding == "gb18030"
    assert [(c.number, c.heading, c.text, c.source_start, c.source_end) for c in parsed.clauses] == \
           [(c.number, c.heading, c.text, c.source_start, c.source_end) for c in original.clauses]


def test_normalise_utf8_bom_is_not_text(corpus, data_copy):
    original = corpus["yangzhou-2023"]
    path = data_copy / "yangzhou-2023.txt"
    path.write_bytes(b"\xef\xbb\xbf" + original.text.source.text.encode("utf-8"))
    parsed = parse_document(original.spec.__class__(**{**_fields(original.spec), "path": path}))
    assert parsed.text.source.text == original.text.source.text
    assert [c.text for c in parsed.clauses] == [c.text for c in original.clauses]


def _fields(spec):
    return {name: getattr(spec, name) for name in spec.__slots__}
