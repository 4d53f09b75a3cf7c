"""Clause IRIs are unique by construction, whatever the numbering does: a covering notice's 一、二、
before the plan's own, two lists that both start at 1., a level that restarts under a heading that
repeats a number by mistake."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qgraph.extract import extract
from qgraph.graph.triples import document_triples
from qgraph.model import DocumentSpec, Jurisdiction, ParsedDocument
from qgraph.text.normalise import normalise
from qgraph.text.read import SourceText
from qgraph.text.segment import segment
from qgraph.vocab import QG, RDF

CN = "一二三四五六七八九十"
LEVELS = [lambda n: f"{CN[n - 1]}、", lambda n: f"（{CN[n - 1]}）", lambda n: f"{n}．", lambda n: f"（{n}）"]
SENTENCES = ["加强质量基础设施建设，提升计量检测能力。", "完善质量工作考核机制。（责任单位：市市场监管局）",
             "推进品牌建设，培育区域公用品牌。", "强化工程质量监管。"]

# A notice whose own points restart before the plan's numbering, and a plan with two lists that
# both start at 1. under one heading (as task divisions copied from two sources often are).
RESTARTING = """某某市人民政府办公室关于印发某某市质量强市工作方案的通知
各县（市、区）人民政府，市政府各部门：
一、请各地各部门高度重视，认真组织实施。
二、请于每年12月底前报送工作进展。
某某市人民政府办公室
2024年3月1日
某某市质量强市工作方案
一、总体要求
1．坚持质量第一。
2．坚持创新驱动。
1．到2025年，质量基础更加扎实。
2．品牌影响力明显提升。
二、重点任务
（一）加强标准化建设。
（一）强化质量监管。
"""
COUNTY = Jurisdiction("mouxian", "某某市", "Mou", "prefecture", "990100")


def _parts(text: str):
    return segment(normalise(SourceText("x", None, text, "utf-8", "")))


def test_numbering_restarting_lists_get_distinct_slugs():
    parts = [p for p in _parts(RESTARTING) if p.numbered]
    assert [(p.number, p.slug) for p in parts] == [
        ("一", "1"), ("一.1", "1-1"), ("一.2", "1-2"), ("一.1", "1-1_2"), ("一.2", "1-2_2"),
        ("二", "2"), ("二.(一)", "2-1"), ("二.(一)", "2-1_2")]


def test_numbering_notice_points_belong_to_the_notice():
    notice = [p.text for p in _parts(RESTARTING) if p.kind.name == "NOTICE"]
    assert notice[2:4] == ["一、请各地各部门高度重视，认真组织实施。", "二、请于每年12月底前报送工作进展。"]
    assert notice[-1] == "2024年3月1日"


@st.composite
def restarting_document(draw) -> str:
    lines = ["某某市质量强市工作方案"]
    for _ in range(draw(st.integers(1, 25))):
        level = draw(st.integers(0, len(LEVELS) - 1))
        number = draw(st.integers(1, 3))        # small numbers: lists restart and repeat
        lines.append(LEVELS[level](number) + draw(st.sampled_from(SENTENCES)))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(restarting_document())
def test_numbering_slugs_and_clause_iris_are_unique(text):
    parts = _parts(text)
    slugs = [p.slug for p in parts]
    assert len(slugs) == len(set(slugs))
    assert all(p.parent in slugs for p in parts if p.parent)
    spec = DocumentSpec("x", Path("x.txt"), COUNTY, "方案", "2024", None, None, (), 1)
    parsed = ParsedDocument(spec, normalise(SourceText("x", None, text, "utf-8", "")), parts)
    triples = document_triples(extract(parsed)).own
    clauses = [t.subject for t in triples if t.predicate == RDF.type and t.object == QG.Clause]
    assert len(clauses) == len(set(clauses)) == len(parts)
