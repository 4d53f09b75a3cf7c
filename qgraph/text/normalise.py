"""Normalising: source text to simplified Chinese with uniform punctuation, keeping a map back.

Steps, in order: a document's own corrections, junk lines, pinyin ruby, OpenCC ``t2s``,
Taiwan vocabulary (zh-Hant-TW documents only), task tables' cells (:mod:`.tables`), punctuation,
white space. Each step rewrites
text through :class:`MappedText`, which records for every output character the span of source
text it came from, so that any slice of the normalised text maps back to the decoded source.

>>> from qgraph.model import SourceText
>>> src = SourceText("x", None, "一、總體要求\\n(一)實(shí)施", "utf-8", "")
>>> norm = normalise(src)
>>> norm.text
'一、总体要求\\n（一）实施'
>>> start, end = norm.source_span(7, 12)
>>> src.text[start:end]
'(一)實(shí)施'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from qgraph.model import NormalisedText, SourceText
from qgraph.rules import RuleFile, RuleSet, default_rules
from qgraph.text.tables import cell_edits

SIMPLIFIED, TRADITIONAL, TAIWAN = "zh-Hans", "zh-Hant", "zh-Hant-TW"
SCRIPTS = (SIMPLIFIED, TRADITIONAL, TAIWAN)


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text with, for each character, the [start, end) of the source text it stands for."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """A text mapped to itself, character by character."""
        return cls(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``text[start:end]`` (end exclusive; non-empty slice)."""
        return self.starts[start], self.ends[end - 1]

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]) -> MappedText:
        """Replace each match by ``replace(match)`` (None keeps it); new characters map to the match's span."""
        edits = []
        for match in pattern.finditer(self.text):
            replacement = replace(match)
            if replacement is not None and replacement != match.group(0):
                edits.append((*match.span(), replacement))
        return self.edit(edits)

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Replace each ``text[a:b]`` by a string (sorted, non-overlapping spans; ``a == b`` inserts);
        new characters map to the span they replace (an insertion: to the source character at ``a``)."""
        edits = list(edits)
        if not edits:
            return self
        text, starts, ends = self.text, self.starts, self.ends
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        last = 0
        for a, b, new in edits:
            out.append(text[last:a])
            new_starts.extend(starts[last:a])
            new_ends.extend(ends[last:a])
            if new:
                src_a = starts[a] if a < len(text) else (ends[a - 1] if a else 0)
                src_b = ends[b - 1] if b > a else src_a
                out.append(new)
                new_starts.extend([src_a] * len(new))
                new_ends.extend([src_b] * len(new))
            last = b
        out.append(text[last:])
        new_starts.extend(starts[last:])
        new_ends.extend(ends[last:])
        return MappedText("".join(out), tuple(new_starts), tuple(new_ends))

    def convert(self, function: Callable[[str], str]) -> MappedText:
        """Apply a character converter line by line; a line whose length changes maps as a whole."""
        converted = function(self.text)
        if len(converted) == len(self.text):
            return MappedText(converted, self.starts, self.ends)
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for line in self.text.split("\n"):
            new = function(line)
            end = pos + len(line)
            if len(new) == len(line):
                starts.extend(self.starts[pos:end])
                ends.extend(self.ends[pos:end])
            elif new:
                starts.extend([self.starts[pos]] * len(new))
                ends.extend([self.ends[end - 1]] * len(new))
            out.append(new)
            if end < len(self.text):  # the newline itself
                starts.append(self.starts[end])
                ends.append(self.ends[end])
            pos = end + 1
        return MappedText("\n".join(out), tuple(starts), tuple(ends))


@cache  # the converter is a library handle, not a rule: one per process
def _opencc():
    import opencc  # lazy: start-up time

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC's t2s conversion (loaded once per process)."""
    return _opencc().convert(text)


@dataclass(frozen=True)
class _ScriptRules:
    junk: tuple[re.Pattern[str], ...]
    ruby: tuple[re.Pattern[str], ...]
    taiwan: re.Pattern[str]
    taiwan_table: dict[str, tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, bool]]
    taiwan_detect_min: int
    rewrites: tuple[tuple[re.Pattern[str], str], ...]


def script_rules(rule_set: RuleSet) -> _ScriptRules:
    """``script.yaml`` compiled (once per rule set, through :meth:`RuleSet.compiled`)."""
    rules = rule_set.file("script.yaml")
    table = {}
    for entry in rules.entries("taiwan_phrases"):
        if not entry.get("taiwan") or not entry.get("mainland"):
            raise rules.fail(entry, "needs 'taiwan' and 'mainland'")
        table[entry["taiwan"]] = (
            entry["mainland"],
            rules.regex(entry, "not_before") if "not_before" in entry else None,
            _ending(rules.regex(entry, "not_after")) if "not_after" in entry else None,
            bool(entry.get("marker", False)),
        )
    alternatives = sorted(table, key=len, reverse=True)  # longest first: 网际网路 before 网路
    rewrites = tuple((rules.regex(e), _replacement(rules, e))
                     for section in ("punctuation", "whitespace") for e in rules.entries(section))
    return _ScriptRules(
        junk=tuple(rules.regex(e) for e in rules.entries("junk_lines")),
        ruby=tuple(rules.regex(e) for e in rules.entries("ruby")),
        taiwan=re.compile("|".join(map(re.escape, alternatives))),
        taiwan_table=table,
        taiwan_detect_min=int(rules.setting("taiwan_detect_min")),
        rewrites=rewrites,
    )


def _ending(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that must end exactly where a phrase begins."""
    return re.compile(f"(?:{pattern.pattern})\\Z")


def _replacement(rules: RuleFile, entry: dict) -> str:
    if not isinstance(entry.get("replace"), str):
        raise rules.fail(entry, "'replace' is missing or not a string")
    return entry["replace"]


def _taiwan_replacer(rules: _ScriptRules) -> Callable[[re.Match[str]], str | None]:
    def replace(match: re.Match[str]) -> str | None:
        mainland, not_before, not_after, _ = rules.taiwan_table[match.group(0)]
        text = match.string
        if not_before and not_before.match(text, match.end()):
            return None
        if not_after and not_after.search(text, max(0, match.start() - 8), match.start()):
            return None
        return mainland
    return replace


def taiwan_to_mainland(text: str, rule_set: RuleSet | None = None) -> str:
    """Map Taiwan-localised vocabulary in simplified text back to mainland usage.

    >>> taiwan_to_mainland("完善质量奖评审程式，开展智慧财产权执法")
    '完善质量奖评审程序，开展知识产权执法'
    """
    rules = (rule_set or default_rules()).compiled(script_rules)
    return MappedText.identity(text).sub(rules.taiwan, _taiwan_replacer(rules)).text


def detect_script(source_text: str, simplified: str, rule_set: RuleSet | None = None) -> str:
    """zh-Hans when t2s changes (almost) nothing, zh-Hant-TW when Taiwan markers occur, else zh-Hant."""
    changed = sum(1 for a, b in zip(source_text, simplified, strict=False) if a != b)
    ideographs = sum(1 for ch in source_text if "\u3400" <= ch <= "\u9fff") or 1
    if changed / ideographs < 0.01:
        return SIMPLIFIED
    rules = (rule_set or default_rules()).compiled(script_rules)
    markers = {m.group(0) for m in rules.taiwan.finditer(simplified) if rules.taiwan_table[m.group(0)][3]}
    return TAIWAN if len(markers) >= rules.taiwan_detect_min else TRADITIONAL


def _constant(replacement: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: replacement


def apply_corrections(mapped: MappedText, corrections: Iterable[tuple[str, str]]) -> MappedText:
    """A document's own repairs (from its manifest entry): exact strings, replaced where found."""
    for find, replace in corrections:
        mapped = mapped.sub(re.compile(re.escape(find)), _constant(replace))
    return mapped


def normalise(source: SourceText, corrections: Iterable[tuple[str, str]] = (),
              script: str | None = None, rule_set: RuleSet | None = None) -> NormalisedText:
    """Normalise a decoded document; ``script`` overrides detection (see :data:`SCRIPTS`)."""
    rule_set = rule_set or default_rules()
    rules = rule_set.compiled(script_rules)
    mapped = apply_corrections(MappedText.identity(source.text), corrections)
    for junk in rules.junk:
        mapped = mapped.sub(re.compile(junk.pattern + ("\n?" if junk.pattern.endswith("$") else ""),
                                       junk.flags | re.M), lambda _m: "")
    for ruby in rules.ruby:
        mapped = mapped.sub(ruby, lambda _m: "")
    before = mapped.text
    mapped = mapped.convert(to_simplified)
    script = script or detect_script(before, mapped.text, rule_set)
    if script == TAIWAN:
        mapped = mapped.sub(rules.taiwan, _taiwan_replacer(rules))  # as taiwan_to_mainland, keeping the map
    mapped = mapped.edit(cell_edits(mapped.text, rule_set))  # task tables: one TAB between cells
    for pattern, replace in rules.rewrites:
        mapped = mapped.sub(pattern, _constant(replace))
    return NormalisedText(source, mapped.text, mapped.starts, mapped.ends, script)
