"""The covering notice (印发…的通知) that issues a document: its own number and date.

The patterns are the segmenter's (``numbering.yaml``: the document-number front-matter rule and the
notice's closing date), so a notation added there is read here too. Dates may be written in
Chinese numerals (二〇一一年六月二十九日).

>>> from qgraph.model import Clause, PartKind
>>> part = lambda n, text: Clause("x", f"notice-text.{n}", f"notice-text-{n}", PartKind.NOTICE, 0, n, None,
...                               "", None, text, 0, len(text), 0, len(text))
>>> notice_facts((part(1, "关于印发某某方案的通知"), part(2, "某政发〔2023〕29号"), part(3, "二〇二三年六月二十二日")))
('某政发〔2023〕29号', '2023-06-22')
"""
from __future__ import annotations

import re

from qgraph.model import Clause
from qgraph.rules import RuleSet
from qgraph.text.numerals import chinese_to_int
from qgraph.text.segment import numbering_rules

_PARTS = re.compile(r"^(?P<y>\S{4})年(?P<m>\S{1,2})月(?P<d>\S{1,3})日$")


def notice_facts(parts: tuple[Clause, ...],
                 rule_set: RuleSet | None = None) -> tuple[str | None, str | None]:
    """(number, issue date as YYYY-MM-DD) of a covering notice's parts, None where it states none."""
    rules = numbering_rules(rule_set)
    number_rule = next((p for kind, p in rules.front if kind.name == "DOCUMENT_NUMBER"), None)
    number = next((p.text for p in parts if number_rule and number_rule.search(p.text)), None)
    date = next((_date(p.text) for p in parts if rules.notice_end.match(p.text) and _date(p.text)), None)
    return number, date


def _date(text: str) -> str | None:
    found = _PARTS.match(text)
    if not found:
        return None
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
