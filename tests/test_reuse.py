"""Text reuse (qgraph/reuse.py): passages a later document shares with an earlier one.

The passages below were found by reading the documents side by side."""
from __future__ import annotations

from dataclasses import replace

import pytest

from qgraph.text.normalise import normalise
from qgraph.pipeline import ParsedDocument
from qgraph.graph.reuse import find_reuse, reuse_rules, summarise

DOC_ORDER = ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")


@pytest.fixture(scope="module")
def reuses(corpus):
    return find_reuse([corpus[d] for d in DOC_ORDER])


def _between(reuses, later, later_number, earlier, earlier_number):
    return [r for r in reuses if (r.later_doc, r.later_number, r.earlier_doc, r.earlier_number)
            == (later, later_number, earlier, earlier_number)]


def _normalised_source(doc: ParsedDocument, span: tuple[int, int]) -> str:
    source = replace(doc.text.source, text=doc.text.source.text[span[0]:span[1]])
    return normalise(source, script=doc.text.script).text


PASSAGES = [
    # Huairen 2023 repeats Hefei 2021's 强化市场主体责任, adding 法定代表人或
    ("huairen-2023", "六.(一)", "hefei-2021", "三.(一).1", "是质量安全第一责任人",
     "市场主体法定代表人或主要负责人是质量安全第一责任人", "市场主体主要负责人是质量安全第一责任人"),
    # …and its 两链 paragraph, down to the last words
    ("huairen-2023", "三.(一)", "hefei-2021", "三.(三).1", "推动产业集群向产业链中高端提质升级",
     "支持骨干企业依托产业联盟", "支持大中型骨干企业依托产业联盟"),
    # Yangzhou 2023 (December) and Huairen 2023 (June) share the food-safety formula
    ("yangzhou-2023", "二.(二)", "huairen-2023", "五.(一)", "严格落实食品安全“四个最严”要求",
     "食品药品安全。严格", "食品药品质量安全。严格"),
]


@pytest.mark.parametrize("later,later_number,earlier,earlier_number,shared,later_words,earlier_words", PASSAGES)
def test_reuse_finds_passage(corpus, reuses, later, later_number, earlier, earlier_number, shared,
                             later_words, earlier_words):
    found = [r for r in _between(reuses, later, later_number, earlier, earlier_number) if shared in r.later_text]
    assert len(found) == 1, _between(reuses, later, later_number, earlier, earlier_number)
    r = found[0]
    assert shared in r.earlier_text
    assert later_words in r.later_text and earlier_words in r.earlier_text
    assert r.directed and not r.boilerplate
    assert r.later_clause == corpus[later].clauses[[c.number for c in corpus[later].clauses].index(later_number)].slug


@pytest.mark.parametrize("later,later_number,earlier,earlier_number,shared", [p[:5] for p in PASSAGES])
def test_reuse_spans_slice_both_texts(corpus, clause_of, reuses, later, later_number, earlier, earlier_number, shared):
    r = next(r for r in _between(reuses, later, later_number, earlier, earlier_number) if shared in r.later_text)
    for doc_id, number, span, source_span, text in (
            (later, later_number, r.later_span, r.later_source_span, r.later_text),
            (earlier, earlier_number, r.earlier_span, r.earlier_source_span, r.earlier_text)):
        doc, clause = corpus[doc_id], clause_of(doc_id, number)
        assert clause.start <= span[0] < span[1] <= clause.end
        assert doc.text.text[span[0]:span[1]] == text
        assert clause.source_start <= source_span[0] < source_span[1] <= clause.source_end
        assert _normalised_source(doc, source_span) == text


def test_reuse_hefei_source_is_traditional_with_ruby(corpus, reuses):
    r = next(r for r in _between(reuses, *PASSAGES[0][:4]) if PASSAGES[0][4] in r.later_text)
    written = corpus["hefei-2021"].text.source.text[slice(*r.earlier_source_span)]
    assert "市場(chǎng)主體主要負(fù)責(zé)人是質(zhì)量安全第一責(zé)任人" in written
    assert "质量安全第一责任人" in r.earlier_text


@pytest.mark.parametrize("span", ["later", "earlier"])
def test_reuse_every_span_maps_to_source(corpus, reuses, span):
    for r in reuses:
        doc = corpus[getattr(r, f"{span}_doc")]
        a, b = getattr(r, f"{span}_span")
        assert doc.text.text[a:b] == getattr(r, f"{span}_text")
        assert _normalised_source(doc, getattr(r, f"{span}_source_span")) == doc.text.text[a:b]


@pytest.mark.parametrize("later,later_number,earlier,earlier_number,run", [
    ("huairen-2023", "六.(一)", "hefei-2021", "三.(一).1", ("+", "法定代表人或")),
    ("huairen-2023", "三.(一)", "hefei-2021", "三.(三).1", ("-", "大中型")),
])
def test_reuse_diff_runs_rebuild_both_passages(reuses, later, later_number, earlier, earlier_number, run):
    for r in _between(reuses, later, later_number, earlier, earlier_number):
        assert "".join(t for op, t in r.diff if op != "-") == r.later_text
        assert "".join(t for op, t in r.diff if op != "+") == r.earlier_text
    assert any(run in r.diff for r in _between(reuses, later, later_number, earlier, earlier_number))


@pytest.mark.parametrize("doc_a,number_a,doc_b,number_b", [
    ("gansu-2015", "二.(六)", "yangzhou-2023", "二.(二)"),     # both on food safety, in other words
    ("gansu-2015", "一.(五)", "huairen-2023", "六.(一)"),     # both on enterprises' quality responsibility
    ("hangzhou-2011", "三.(六)", "huairen-2023", "五.(一)"),
])
def test_reuse_unrelated_clauses_not_reported(reuses, doc_a, number_a, doc_b, number_b):
    assert not _between(reuses, doc_a, number_a, doc_b, number_b)
    assert not _between(reuses, doc_b, number_b, doc_a, number_a)


def test_reuse_points_later_to_earlier(corpus, reuses):
    issued = {d: corpus[d].spec.issued for d in DOC_ORDER}
    assert reuses
    for r in reuses:
        assert r.later_doc != r.earlier_doc
        assert str(issued[r.later_doc]) >= str(issued[r.earlier_doc])


@pytest.mark.parametrize("later,earlier", [("huairen-2023", "hefei-2021"), ("yangzhou-2023", "huairen-2023")])
def test_reuse_opening_formula_is_boilerplate_not_dropped(reuses, later, earlier):
    opening = [r for r in _between(reuses, later, "一", earlier, "一")
               if "以习近平新时代中国特色社会主义思想为指导" in r.later_text]
    assert len(opening) == 1 and opening[0].boilerplate


@pytest.mark.parametrize("min_chars,expected", [(20, 1), (25, 0)])
def test_reuse_min_chars_counts_identical_characters(reuses, corpus, min_chars, expected):
    found = find_reuse([corpus["huairen-2023"], corpus["yangzhou-2023"]], min_chars=min_chars)
    assert len([r for r in _between(found, *PASSAGES[2][:4]) if "四个最严" in r.later_text]) == expected


@pytest.mark.parametrize("copies", [3])
def test_reuse_identical_copies_form_a_star(corpus, copies):
    hefei, huairen = corpus["hefei-2021"], corpus["huairen-2023"]
    clones = [ParsedDocument(replace(huairen.spec, id=f"copy{i}-2023"), huairen.text, huairen.clauses)
              for i in range(copies)]
    found = find_reuse([hefei, *clones])
    # every copy takes 六.(一) from Hefei, once
    for clone in clones:
        assert len([r for r in _between(found, clone.spec.id, "六.(一)", "hefei-2021", "三.(一).1")
                    if "第一责任人" in r.later_text]) == 1
    # copies point to the first copy (same date: not directed), never to each other
    among = [r for r in found if r.earlier_doc.startswith("copy")]
    assert {r.earlier_doc for r in among} == {"copy0-2023"}
    assert {r.later_doc for r in among} == {f"copy{i}-2023" for i in range(1, copies)}
    assert not any(r.directed for r in among)
    same_clause = [r for r in among if r.later_clause == r.earlier_clause]
    assert len({(r.later_doc, r.later_clause) for r in same_clause}) == (copies - 1) * len(
        [c for c in huairen.clauses if len(c.text) - len(c.marker) >= 20])
    assert all(r.later_text == r.earlier_text and r.similarity == 1 for r in same_clause)


def test_reuse_summary_top_rows(corpus, reuses):
    rows = summarise(reuses, [corpus[d] for d in DOC_ORDER])
    print()
    for row in rows:
        print(row)
    top = [(r["later"], r["earlier"], r["passages"], r["boilerplate"], r["characters"]) for r in rows[:3]]
    assert top == [("huairen-2023", "hefei-2021", 18, 1, 1178),
                   ("yangzhou-2023", "huairen-2023", 15, 1, 543),
                   ("hefei-2021", "hangzhou-2011", 1, 0, 34)]


def test_reuse_summary_counts_each_character_once(reuses):
    doubled = summarise(list(reuses) + list(reuses))
    assert [r["characters"] for r in doubled] == [r["characters"] for r in summarise(reuses)]




def _formula_examples():
    from qgraph.rules import load_rule_file

    rules = load_rule_file("reuse.yaml")
    return [(e["id"], rules.regex(e), ex["in"], ex["out"]) for e in rules.entries("formulas") for ex in e["examples"]]


@pytest.mark.parametrize("rule,pattern,given,expected", _formula_examples())
def test_reuse_formula_examples_hold(rule, pattern, given, expected):
    key = reuse_rules().punctuation.sub("", given)
    assert [m.group(0) for m in pattern.finditer(key)] == expected, rule


def test_shelf_reads_back_every_documents_clauses_and_spans(corpus, reuses):
    """The build keeps signatures on a shelf (their texts on disk): each clause's text and each document's
    source spans read back as the signature had them, in the fifth document as in the first, and reuse over
    the shelf is reuse over the signatures."""
    from qgraph.graph.reuse import GramCounter, SignatureShelf, reuse_by_document, reuse_signature

    signatures = [reuse_signature(corpus[d]) for d in DOC_ORDER]
    shelf, grams = SignatureShelf(), GramCounter()
    for signature in signatures:
        shelf.add(signature)
        grams.add(signature.grams)
    at = 0
    for signature in signatures:
        for clause in signature.clauses:
            assert shelf.text(at) == clause.text
            assert shelf.source_span(at, clause.start, clause.start + 5) == signature.source_span(clause.start,
                                                                                                clause.start + 5)
            at += 1
    assert at == len(shelf.body_chars) and all(c.text == "" for s in shelf.signatures for c in s.clauses)
    shelved = [r for batch in reuse_by_document(shelf, common=grams.common()) for r in batch]
    assert sorted(shelved, key=lambda r: (r.later_doc, r.later_span, r.earlier_doc, r.earlier_span)) == reuses
    assert len(shelved) == len(reuses) > 20
