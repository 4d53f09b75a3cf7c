"""Properties over generated documents written in the corpus's own notations.

Documents are built from numbering levels (一、 (一) 1. ——), pinyin ruby on traditional
characters, responsibility parentheticals, half- and full-width punctuation, line breaks or a
single line: whatever hypothesis draws, offsets slice the source, parts never overlap, every
character of the body belongs to exactly one part, and the tree is the one written.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from qgraph.text.normalise import normalise
from qgraph.text.read import SourceText
from qgraph.text.segment import PartKind, segment

CN = "一二三四五六七八九十"
# (traditional with ruby, simplified): headings and sentences share a small vocabulary.
WORDS = [("質(zhì)量", "质量"), ("強(qiáng)化", "强化"), ("監(jiān)管", "监管"), ("體(tǐ)系", "体系"),
         ("建設(shè)", "建设"), ("標(biāo)準(zhǔn)", "标准"), ("完善", "完善"), ("推進(jìn)", "推进"),
         ("品牌", "品牌"), ("服務(wù)", "服务"), ("產(chǎn)品", "产品"), ("工程", "工程")]
UNITS = ["市場(chǎng)監(jiān)管局", "工信局", "發(fā)改委", "住建局"]


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + (CN[n - 11] if n > 10 else "")


@st.composite
def phrase(draw, min_words=2, max_words=4):
    picks = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    return "".join(p[0] for p in picks), "".join(p[1] for p in picks)


@st.composite
def document(draw):
    ruby = draw(st.booleans())
    comma, lp, rp = draw(st.sampled_from([(",", "(", ")"), ("，", "（", "）")]))
    one_line = draw(st.booleans())

    def written(pair):
        return pair[0] if ruby else pair[1]

    def strip_ruby(text):
        import re
        return re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)

    paragraphs, expected = [], []
    preamble = draw(phrase(3, 6))
    paragraphs.append(written(preamble) + comma + "制定本方案。")
    l2 = 0
    for i in range(1, draw(st.integers(1, 4)) + 1):
        heading = draw(phrase())
        paragraphs.append(f"{cn(i)}、{written(heading)}")
        expected.append((cn(i), heading[1]))
        if draw(st.booleans()):
            l2 = 0  # numbering restarts in each section, or runs across them
        for _ in range(draw(st.integers(0 if not one_line else 1, 3))):
            l2 += 1
            h2, body = draw(phrase()), draw(phrase(3, 8))
            units = draw(st.lists(st.sampled_from(UNITS), min_size=0, max_size=3, unique=True))
            paren = f"{lp}{'、'.join(strip_ruby(u) if not ruby else u for u in units)}按職責(zé)分工負(fù)責(zé){rp}" if units else ""
            paragraphs.append(f"{lp}{cn(l2)}{rp}{written(h2)}。{written(body)}{comma}{written(body)}。{paren}")
            expected.append((f"{cn(i)}.({cn(l2)})", h2[1]))
            for k in range(1, draw(st.integers(0, 2)) + 1):
                h3 = draw(phrase())
                paragraphs.append(f"{k}.{written(h3)}。{written(draw(phrase(2, 5)))}。")
                expected.append((f"{cn(i)}.({cn(l2)}).{k}", h3[1]))
            if draw(st.booleans()):
                paragraphs.append(written(draw(phrase(3, 6))) + "。")  # an unnumbered paragraph
    text = (" " if one_line else "\n").join(paragraphs)
    return text, expected


@settings(max_examples=150, deadline=None)
@given(document())
def test_properties_offsets_tree_and_cover(doc):
    text, expected = doc
    source = SourceText("generated", None, text, "utf-8", "")
    norm = normalise(source)
    parts = segment(norm)

    spans = [(p.source_start, p.source_end) for p in parts]
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))  # ordered, no overlap

    covered = [0] * len(norm.text)
    for part in parts:
        for i in range(part.start, part.end):
            covered[i] += 1
    assert all(n == 1 for ch, n in zip(norm.text, covered) if not ch.isspace())

    numbered = [(p.number, p.heading) for p in parts if p.kind is PartKind.CLAUSE]
    assert numbered == expected

    for part in parts:  # a clause's source slice normalises back to the clause
        piece = SourceText("piece", None, text[part.source_start:part.source_end], "utf-8", "")
        assert normalise(piece, (), norm.script).text == part.text


@settings(max_examples=100, deadline=None)
@given(document())
def test_properties_normalising_twice_changes_nothing(doc):
    text, _ = doc
    once = normalise(SourceText("g", None, text, "utf-8", ""))
    twice = normalise(SourceText("g", None, once.text, "utf-8", ""), (), once.script)
    assert twice.text == once.text
