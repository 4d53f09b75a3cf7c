"""Site chrome and page metadata: which lines of a page are navigation, buttons and footers, and which
carry the metadata table (索引号, 发布机构, 发布日期 …). The patterns are ``rules/chrome.yaml``.

>>> line_kind("首页 > 政策文件 > 市政府文件")
'chrome'
>>> metadata_pairs("索引号：0001/2023-01\\t发布机构：云溪市人民政府\\t发布日期：2023年6月2日")
[('index', '0001/2023-01'), ('issuer', '云溪市人民政府'), ('published', '2023-06-02')]
>>> line_kind("一、总体要求")
'text'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qgraph.model import METADATA_KEYS
from qgraph.rules import RuleSet, default_rules

DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
DATE_KEYS = ("written", "published")
_OPENING = "\\s\u3000【\\[［(（"


@dataclass(frozen=True)
class ChromeRules:
    """The compiled chrome rules: one pattern finding any metadata label, and the chrome-line patterns."""

    labels: re.Pattern[str]               # named groups: the metadata keys; a label ends with a colon
    cells: re.Pattern[str]                # … or with a colon or a TAB: a label in a table cell of its own
    lines: tuple[re.Pattern[str], ...]


def _compile(rule_set: RuleSet) -> ChromeRules:
    rules = rule_set.file("chrome.yaml")
    alternatives = []
    for entry in rules.entries("metadata_labels"):
        if entry.get("key") not in METADATA_KEYS:
            raise rules.fail(entry, f"key must be one of {', '.join(METADATA_KEYS)}")
        rules.regex(entry)
        alternatives.append(f"(?P<{entry['key']}>{entry['pattern']})")
    label = rf"(?:^|(?<=[\t\s\u3000】\]）)]))[{_OPENING}]*(?:{'|'.join(alternatives)})[ \u3000]*"
    return ChromeRules(re.compile(label + r"[:：]\s*"), re.compile(label + r"(?:[:：]\s*|\t+)"),
                       tuple(rules.regex(entry) for entry in rules.entries("chrome_lines")))


def chrome_rules(rule_set: RuleSet | None = None) -> ChromeRules:
    """The chrome rules of a rule set (the shipped ones by default), compiled once."""
    return (rule_set or default_rules()).compiled(_compile)


def metadata_pairs(line: str, rule_set: RuleSet | None = None, cells: bool = False) -> list[tuple[str, str]]:
    """The (key, value) pairs of a metadata line (one that starts with a label and its colon); [] for any
    other line. With ``cells``, a label may end with a TAB instead (a table row of the metadata table
    whose label cells have no colon); a label with no value (an empty cell) gives no pair.

    >>> metadata_pairs("名称\\t数量"), metadata_pairs("名称\\t云溪市质量强市方案", cells=True)
    ([], [('title', '云溪市质量强市方案')])
    """
    rules = chrome_rules(rule_set)
    found = list((rules.cells if cells else rules.labels).finditer(line))
    if not found or line[: found[0].start()].strip(" \t\u3000【[［(（"):
        return []
    pairs = []
    for this, following in zip(found, [*found[1:], None], strict=True):
        key = next(k for k, v in this.groupdict().items() if v is not None)
        value = _value(key, line[this.end(): following.start() if following else len(line)])
        if value:
            pairs.append((key, value))
    return pairs


def _value(key: str, raw: str) -> str:
    raw = raw.replace("\t", " ").strip(" \u3000】]）)")
    if key in DATE_KEYS:
        found = DATE.search(raw)
        return f"{int(found[1]):04d}-{int(found[2]):02d}-{int(found[3]):02d}" if found else ""
    return re.sub(r"\s{2,}", " ", raw)


def is_chrome(line: str, rule_set: RuleSet | None = None) -> bool:
    """Whether a line is site chrome (breadcrumb, font size, buttons, visit count, footer)."""
    return any(p.search(line) for p in chrome_rules(rule_set).lines)


def line_kind(line: str, rule_set: RuleSet | None = None) -> str:
    """'metadata', 'chrome' or 'text'."""
    if metadata_pairs(line, rule_set):
        return "metadata"
    return "chrome" if is_chrome(line, rule_set) else "text"


def merged_metadata(*found: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Metadata pairs in the order of :data:`METADATA_KEYS`, the first value of a key kept."""
    kept: dict[str, str] = {}
    for pairs in found:
        for key, value in pairs:
            kept.setdefault(key, value)
    return tuple((key, kept[key]) for key in METADATA_KEYS if key in kept)
