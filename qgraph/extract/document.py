"""Document facts read from the text: title, number, issuing body and issue date (dates in Arabic or
Chinese numerals, 二〇一一年六月二十九日). The build uses them where the manifest omits a fact and warns
where the manifest says otherwise. The patterns are the ``facts`` of ``rules/numbering.yaml``.

>>> from qgraph.model import Clause, PartKind
>>> def part(kind, n, text):
...     return Clause("x", f"p.{n}", f"p-{n}", kind, 0, n, None, "", None, text, 0, len(text), 0, len(text))
>>> document_facts((part(PartKind.TITLE, 1, "某某市人民政府关于深化质量强市建设的实施意见"),
...                 part(PartKind.DOCUMENT_NUMBER, 2, "某府发〔2023〕8号"),
...                 part(PartKind.CLOSING, 3, "某某市人民政府\\n二〇二三年十二月十一日")))
... # doctest: +NORMALIZE_WHITESPACE
DocumentFacts(title='某某市人民政府关于深化质量强市建设的实施意见', number='某府发〔2023〕8号',
              issuer='某某市人民政府', issued='2023-12-11', notice_number=None, notice_issued=None)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qgraph.model import Clause, DocumentFacts, DocumentSpec, PartKind
from qgraph.rules import RuleSet, default_rules
from qgraph.text.numerals import chinese_to_int
from qgraph.text.segment import numbering_rules

FACTS = ("issued", "issuer", "title")


@dataclass(frozen=True)
class _Facts:
    patterns: dict[str, tuple[re.Pattern[str], ...]]   # fact → patterns, in order


def _compile(rule_set: RuleSet) -> _Facts:
    rules = rule_set.file("numbering.yaml")
    patterns: dict[str, list[re.Pattern[str]]] = {fact: [] for fact in FACTS}
    for entry in rules.entries("facts"):
        if entry.get("fact") not in FACTS:
            raise rules.fail(entry, f"fact must be one of {', '.join(FACTS)}")
        pattern = re.compile(rules.regex(entry).pattern, re.M)
        needed = {"y", "m", "d"} if entry["fact"] == "issued" else {"value"}
        if not needed <= set(pattern.groupindex):
            raise rules.fail(entry, f"the pattern must have the groups {', '.join(sorted(needed))}")
        patterns[entry["fact"]].append(pattern)
    return _Facts({fact: tuple(found) for fact, found in patterns.items()})


def read_fact(fact: str, text: str, rule_set: RuleSet | None = None) -> str | None:
    """The first value of ``fact`` (issued as YYYY-MM-DD, issuer, title) the patterns find in ``text``.

    >>> read_fact("issued", "本意见自公布之日起施行。 二〇一九年十二月三十日")
    '2019-12-30'
    """
    for pattern in (rule_set or default_rules()).compiled(_compile).patterns[fact]:
        for found in pattern.finditer(text):
            value = _date(found) if fact == "issued" else found.group("value").strip()
            if value:
                return value
    return None


def document_facts(parts: tuple[Clause, ...], rule_set: RuleSet | None = None) -> DocumentFacts:
    """A document's title, number, issuing body and issue date as its own text states them."""
    titles = [p.text for p in parts if p.kind is PartKind.TITLE]
    notice = tuple(p for p in parts if p.kind is PartKind.NOTICE)
    closing = [p.text for p in parts if p.kind is PartKind.CLOSING]
    notice_number, notice_issued = notice_facts(notice, rule_set)
    number = next((p.text for p in parts if p.kind is PartKind.DOCUMENT_NUMBER), None) or notice_number
    title = _first("title", titles, rule_set) or _first("title", [p.text for p in notice], rule_set)
    issuer = (_first("issuer", closing, rule_set) or _first("issuer", [p.text for p in notice], rule_set)
              or _first("issuer", titles, rule_set))
    issued = _first("issued", closing, rule_set) or notice_issued
    return DocumentFacts(title, number, issuer, issued, notice_number, notice_issued)


def notice_facts(parts: tuple[Clause, ...],
                 rule_set: RuleSet | None = None) -> tuple[str | None, str | None]:
    """(number, issue date as YYYY-MM-DD) of a covering notice's parts, None where it states none: the
    segmenter's document-number rule and the notice's date line.

    >>> from qgraph.model import Clause, PartKind
    >>> part = lambda n, text: Clause("x", f"notice-text.{n}", f"notice-text-{n}", PartKind.NOTICE, 0, n, None,
    ...                               "", None, text, 0, len(text), 0, len(text))
    >>> notice_facts((part(1, "关于印发某某方案的通知"), part(2, "某政发〔2023〕29号"),
    ...               part(3, "二〇二三年六月二十二日")))
    ('某政发〔2023〕29号', '2023-06-22')
    """
    rules = numbering_rules(rule_set)
    number_rule = next((p for kind, p in rules.front if kind is PartKind.DOCUMENT_NUMBER), None)
    number = next((p.text for p in parts if number_rule and number_rule.search(p.text)), None)
    dates = [p.text for p in parts if rules.notice_end.match(p.text)]
    return number, _first("issued", dates, rule_set)


def _first(fact: str, texts: list[str], rule_set: RuleSet | None) -> str | None:
    return next((value for text in texts if (value := read_fact(fact, text, rule_set))), None)


def disagreements(spec: DocumentSpec, facts: DocumentFacts) -> list[str]:
    """Where the manifest and the text disagree (a manifest year agrees with any date of that year)."""
    found = []
    if spec.title and facts.title and _plain(spec.title) != _plain(facts.title):
        found.append(f"title: the manifest says {spec.title}, the text {facts.title}")
    if spec.number and facts.number and spec.number != facts.number:
        found.append(f"number: the manifest says {spec.number}, the text {facts.number}")
    if spec.issued and facts.issued and not facts.issued.startswith(spec.issued):
        found.append(f"issued: the manifest says {spec.issued}, the text {facts.issued}")
    return [f"{spec.id}: {what}" for what in found]


def _plain(title: str) -> str:
    return re.sub(r"[\s《》“”\"]", "", title)


def _date(found: re.Match[str]) -> str | None:
    try:
        year, month, day = (_number(found.group(g)) for g in "ymd")
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _number(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if len(numeral) == 4 and "十" not in numeral:  # a year digit by digit: 二〇一一
        return int("".join(str(chinese_to_int(ch)) for ch in numeral))
    return chinese_to_int(numeral)
