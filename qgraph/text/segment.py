"""Segmenting: the normalised text cut into the clause tree a reader of the document sees.

Paragraphs are lines (and, in a one-line document, the gaps before markers and after
sentence ends). A paragraph that opens with a numbering marker starts a part; an unnumbered
paragraph belongs to the part above it. Front matter (titles, number, addressee, preamble,
a covering notice) and closing (signature, date) are kept as parts of their own kinds.
Every part's own text is a contiguous span, so parts never overlap and cover the text.

>>> from qgraph.text.read import SourceText
>>> from qgraph.text.normalise import normalise
>>> text = "标题文件\\n一、总体要求\\n（一）加强领导。建立机制。\\n（二）强化保障。\\n2024年1月1日"
>>> parts = segment(normalise(SourceText("x", None, text, "utf-8", "")))
>>> for p in parts:
...     print(p.number, p.kind.name, p.heading)
title.1 TITLE None
一 CLAUSE 总体要求
一.(一) CLAUSE 加强领导
一.(二) CLAUSE 强化保障
closing.1 CLOSING None
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from qgraph.model import Clause, NormalisedText, PartKind
from qgraph.rules import RuleSet, default_rules
from qgraph.text.numerals import chinese_to_int, circled_to_int
from qgraph.text.tables import TableLine, table_lines


@dataclass(frozen=True, slots=True)
class _Marker:
    rule: str
    rank: int
    pattern: re.Pattern[str]
    numerals: str
    notation: str


@dataclass(frozen=True)
class _NumberingRules:
    markers: tuple[_Marker, ...]
    breaks: tuple[re.Pattern[str], ...]
    heading_max: int
    heading_end: re.Pattern[str]
    front: tuple[tuple[PartKind, re.Pattern[str]], ...]
    notice_title: re.Pattern[str]
    notice_end: re.Pattern[str]
    notice_trailer: re.Pattern[str]
    closing: tuple[re.Pattern[str], ...]
    closed_by: re.Pattern[str]


def numbering_rules(rule_set: RuleSet | None = None) -> _NumberingRules:
    """``numbering.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> _NumberingRules:
    rules = rule_set.file("numbering.yaml")
    markers = []
    for entry in rules.entries("markers"):
        if entry.get("numerals") not in ("chinese", "arabic", "circled", "sequence"):
            raise rules.fail(entry, "'numerals' must be chinese, arabic, circled or sequence")
        if not isinstance(entry.get("rank"), int) or "{n}" not in str(entry.get("notation")):
            raise rules.fail(entry, "needs an integer 'rank' and a 'notation' containing {n}")
        markers.append(_Marker(entry["id"], entry["rank"], rules.regex(entry), entry["numerals"],
                               entry["notation"]))
    front = []
    for entry in rules.entries("front_matter"):
        if entry.get("kind") not in PartKind.__members__:
            raise rules.fail(entry, f"unknown kind {entry.get('kind')!r}")
        front.append((PartKind[entry["kind"]], rules.regex(entry)))
    return _NumberingRules(
        markers=tuple(markers),
        breaks=tuple(rules.regex(e) for e in rules.entries("paragraph_breaks")),
        heading_max=int(rules.setting("heading_max_chars")),
        heading_end=re.compile(rules.setting("heading_end")),
        front=tuple(front),
        notice_title=re.compile(rules.setting("notice_title")),
        notice_end=re.compile(rules.setting("notice_end")),
        notice_trailer=re.compile(rules.setting("notice_trailer")),
        closing=tuple(rules.regex(e) for e in rules.entries("closing")),
        closed_by=re.compile(rules.setting("closed_by")),
    )


def paragraphs(text: str, rules: _NumberingRules | None = None) -> list[tuple[int, int]]:
    """[start, end) of each non-empty paragraph: lines, split again at inline paragraph breaks."""
    cuts = {0, len(text)}
    for match in re.finditer("\n", text):
        cuts.update((match.start(), match.end()))
    for pattern in (rules or numbering_rules()).breaks:
        for match in pattern.finditer(text):
            cuts.update((match.start(), match.end()))
    bounds = sorted(cuts)
    spans = []
    for a, b in itertools.pairwise(bounds):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


def match_marker(paragraph: str, rules: _NumberingRules | None = None) -> tuple[_Marker, str, int] | None:
    """The numbering marker a paragraph opens with: (rule, marker text, numeral value)."""
    for marker in (rules or numbering_rules()).markers:
        found = marker.pattern.match(paragraph)
        if not found:
            continue
        numeral = found.groupdict().get("n") or ""
        if marker.numerals == "chinese":
            value = chinese_to_int(numeral)
        elif marker.numerals == "arabic":
            value = int(numeral)
        elif marker.numerals == "circled":
            value = circled_to_int(numeral)
        else:
            value = 0  # counted per parent
        return marker, found.group(0), value
    return None


@dataclass
class _Open:
    """A part being built: its paragraphs are appended until the next marker."""

    kind: PartKind
    number: str
    slug: str
    level: int
    rank: int
    parent: str | None
    marker: str
    rule: str
    start: int
    end: int
    cells: list[tuple[str, str, int, int]] = field(default_factory=list)   # a table row's cells


ROW_RANK = 100   # a task table's row nests under every numbered part above it
ROW_RULE = "table.row"


def segment(norm: NormalisedText, rule_set: RuleSet | None = None) -> tuple[Clause, ...]:
    """Cut a normalised document into its parts, in document order."""
    rules = numbering_rules(rule_set)
    text = norm.text
    paras = paragraphs(text, rules)
    opened: list[_Open] = []
    stack: list[_Open] = []
    last_value: dict[str, int] = {}
    front: list[tuple[int, int]] = []
    slugs: set[str] = set()
    notice_end = _notice_end(text, paras, rules)
    tables = {line.start: line for line in table_lines(text, rule_set)}
    taken = -1   # the end of the last table line read: its other paragraphs are read with it
    for index, (a, b) in enumerate(paras):
        if index < notice_end:  # a covering notice's own points (一、请…) are not the plan's clauses
            front.append((a, b))
            continue
        if a < taken:
            continue
        line = tables.get(text.rfind("\n", 0, a) + 1)
        if line is not None:
            taken = line.end
            row = _table_row(line, text, stack, opened, slugs)
            if row is not None:
                if not stack or row is not stack[-1]:
                    opened.append(row)
                    stack.append(row)
                continue
            b = max(b, line.end)
        found = None if line is not None else match_marker(text[a:b], rules)
        if found:
            marker, marker_text, value = found
            previous = last_value.get(marker.rule)
            sequential = marker.numerals == "sequence" or value == 1 or (
                previous is not None and value == previous + 1)
            if sequential:
                while stack and stack[-1].rank >= marker.rank:
                    stack.pop()
                parent = stack[-1] if stack else None
                if marker.numerals == "sequence":
                    value = sum(1 for o in opened if o.parent == (parent.slug if parent else None)
                                and o.rule == marker.rule) + 1
                last_value[marker.rule] = value
                notation = marker.notation.format(n=marker_text_numeral(marker, marker_text, value))
                slug_part = f"d{value}" if marker.numerals == "sequence" else str(value)
                part = _Open(
                    kind=PartKind.DASH_ITEM if marker.numerals == "sequence" else PartKind.CLAUSE,
                    number=f"{parent.number}.{notation}" if parent else notation,
                    slug=_unique(f"{parent.slug}-{slug_part}" if parent else slug_part, slugs),
                    level=(parent.level + 1) if parent else 1,
                    rank=marker.rank, parent=parent.slug if parent else None,
                    marker=marker_text, rule=marker.rule, start=a, end=b)
                opened.append(part)
                stack.append(part)
                continue
        if stack:
            stack[-1].end = b
        elif opened:
            opened[-1].end = b
        else:
            front.append((a, b))
    parts = _front_matter(text, front, rules) + opened
    parts = _split_closing(text, parts, rules)
    return tuple(_finish(norm, parts, rules))


def _table_row(line: TableLine, text: str, stack: list[_Open], opened: list[_Open], slugs: set[str]
               ) -> _Open | None:
    """A task table's row as a part, under the part the table sits in, numbered by its number cell;
    a row with no number continues the row above (its cells added to it). None for a header, and
    for a continuation with no row above: those are text of the part above."""
    if line.kind != "row":
        return None
    number = next((text[x:y] for role, _, x, y in line.cells if role == "number"), None)
    if number is None:
        if not stack or stack[-1].rule != ROW_RULE:
            return None
        stack[-1].end = line.end
        stack[-1].cells.extend(line.cells)
        return stack[-1]
    while stack and stack[-1].rank >= ROW_RANK:
        stack.pop()
    parent = stack[-1] if stack else None
    numeral = re.sub(r"[、.．（）()\s]", "", number)
    if re.fullmatch(r"\d{1,3}", numeral):
        value = int(numeral)
    elif numeral and re.fullmatch(r"[一二三四五六七八九十百零〇]+", numeral):
        value = chinese_to_int(numeral)
    else:   # a number cell qgraph cannot read: rows counted under their parent
        value = sum(1 for o in opened if o.rule == ROW_RULE and o.parent == (parent.slug if parent else None)) + 1
        numeral = str(value)
    return _Open(kind=PartKind.CLAUSE, number=f"{parent.number}.{numeral}" if parent else numeral,
                 slug=_unique(f"{parent.slug}-{value}" if parent else str(value), slugs),
                 level=(parent.level + 1) if parent else 1, rank=ROW_RANK,
                 parent=parent.slug if parent else None, marker="", rule=ROW_RULE,
                 start=line.start, end=line.end, cells=list(line.cells))


def _notice_end(text: str, paras: list[tuple[int, int]], rules: _NumberingRules) -> int:
    """How many paragraphs a covering notice takes: from its title (关于印发…的通知) to its date line and
    publication note; 0 when the document opens with no notice or the notice has no date line."""
    if not paras or not rules.notice_title.search(text[paras[0][0]:paras[0][1]]):
        return 0
    for index, (a, b) in enumerate(paras):
        if rules.notice_end.match(text[a:b]):
            trailer = index + 1 < len(paras) and rules.notice_trailer.match(text[slice(*paras[index + 1])])
            return index + 2 if trailer else index + 1
    return 0


def _unique(slug: str, used: set[str]) -> str:
    """A slug no earlier part has: numbering that restarts (a notice's 一、二、 before the plan's own, two
    lists that both start at 1.) gets ``_2``, ``_3`` … on the repeated number, so clause IRIs never collide.

    >>> used = set()
    >>> [_unique(s, used) for s in ("1", "2", "1", "1", "1-1")]
    ['1', '2', '1_2', '1_3', '1-1']
    """
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug}_{n}"
    used.add(candidate)
    return candidate


def marker_text_numeral(marker: _Marker, marker_text: str, value: int) -> str:
    """The numeral as written in the marker (十五), or the count for unnumbered items."""
    if marker.numerals == "sequence":
        return str(value)
    found = marker.pattern.match(marker_text)
    return found.group("n") if found else str(value)


def _unnumbered(kind: PartKind, index: int, a: int, b: int, rule: str) -> _Open:
    name = kind.name.lower().replace("_", "-")
    return _Open(kind, f"{name}.{index}", f"{name}-{index}", 0, 0, None, "", rule, a, b)


def _front_matter(text: str, front: list[tuple[int, int]], rules: _NumberingRules) -> list[_Open]:
    """Classify the paragraphs before the first numbered part."""
    parts: list[_Open] = []
    counts: dict[PartKind, int] = {}
    in_notice: bool | str = bool(front) and bool(rules.notice_title.search(text[front[0][0]:front[0][1]]))
    for a, b in front:
        paragraph = text[a:b]
        if in_notice:
            kind, rule = PartKind.NOTICE, "front.notice"
            if rules.notice_end.match(paragraph):
                in_notice = "trailer"
            elif in_notice == "trailer":
                if rules.notice_trailer.match(paragraph):
                    in_notice = False
                else:
                    in_notice = False
                    kind, rule = _front_kind(paragraph, rules)
        else:
            kind, rule = _front_kind(paragraph, rules)
        if kind is PartKind.PREAMBLE and parts and parts[-1].kind is PartKind.PREAMBLE:
            parts[-1].end = b  # one preamble, however many paragraphs
            continue
        counts[kind] = counts.get(kind, 0) + 1
        parts.append(_unnumbered(kind, counts[kind], a, b, rule))
    return parts


def _front_kind(paragraph: str, rules: _NumberingRules) -> tuple[PartKind, str]:
    for kind, pattern in rules.front:
        if pattern.search(paragraph):
            return kind, f"front.{kind.name.lower()}"
    return PartKind.PREAMBLE, "front.preamble"


def _split_closing(text: str, parts: list[_Open], rules: _NumberingRules) -> list[_Open]:
    """Move the closing paragraphs out of the last numbered part into parts of their own."""
    numbered = [p for p in parts if p.kind in (PartKind.CLAUSE, PartKind.DASH_ITEM)]
    if not numbered:
        return parts
    last = numbered[-1]
    tail = [(a, b) for a, b in paragraphs(text[:last.end], rules) if a >= last.start]
    # the first paragraph closed by a responsibility statement ends the clause
    keep = len(tail)
    for i, (a, b) in enumerate(tail):
        if rules.closed_by.search(text[a:b]):
            keep = i + 1
            break
    # closing formulas (dates, signatures) at the end, whatever came before
    while keep > 1 and any(p.search(text[tail[keep - 1][0]:tail[keep - 1][1]]) for p in rules.closing):
        keep -= 1
    if keep == len(tail):
        return parts
    last.end = tail[keep - 1][1]
    closing_start = tail[keep][0]
    return [*parts, _unnumbered(PartKind.CLOSING, 1, closing_start, tail[-1][1], "closing")]


def _heading(rest: str, rules: _NumberingRules) -> str | None:
    """A part's heading: its own line when that has no sentence end, else its first sentence."""
    line = rest.split("\n", 1)[0].strip()
    end = rules.heading_end.search(line)
    if end is None:
        return line if 0 < len(line) <= 2 * rules.heading_max else None
    sentence = line[:end.start()].strip()
    return sentence if 0 < len(sentence) <= rules.heading_max else None


def _finish(norm: NormalisedText, parts: list[_Open], rules: _NumberingRules) -> list[Clause]:
    text = norm.text
    result = []
    for order, part in enumerate(sorted(parts, key=lambda p: p.start), start=1):
        own = text[part.start:part.end]
        heading = _heading(own[len(part.marker):], rules) if part.marker else None
        if part.rule == ROW_RULE:   # the task, its cells joined where a continuation row split it
            heading = _heading("".join(text[x:y] for role, _, x, y in part.cells if role == "task"), rules)
        src_a, src_b = norm.source_span(part.start, part.end)
        result.append(Clause(
            doc_id=norm.source.doc_id, number=part.number, slug=part.slug, kind=part.kind,
            level=part.level, order=order, parent=part.parent, marker=part.marker,
            heading=heading, text=own, start=part.start, end=part.end,
            source_start=src_a, source_end=src_b, rule=part.rule,
            cells=tuple((role, rule, x - part.start, y - part.start) for role, rule, x, y in part.cells)))
    return result
