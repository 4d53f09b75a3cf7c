"""Task tables: a plan's tasks set out as 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限.

A reader renders a table one line per row, its cells separated by one TAB. Before the text is
normalised, :func:`cell_edits` finds each task table's header (every cell names a column of
``rules/tables.yaml``, one a task and one a unit column) and makes its rows such lines too where a
copy-paste flattened them: cells separated by runs of spaces or by single spaces, the columns
recovered from what the cells look like. Spaces between units inside a unit cell become ``、``, the
separator the department reader splits at. After normalising, :func:`table_lines` finds the header
and rows again, with the span of every cell, for the segmenter to make one clause per row.

>>> text = "序号 重点任务 牵头单位 配合单位 完成时限\\n1 加强食品安全监管 市市场监管局 市农业农村局 市卫健委 2024年底前"
>>> edited = text
>>> for a, b, new in reversed(cell_edits(text)):
...     edited = edited[:a] + new + edited[b:]
>>> edited.split("\\n")[1].split("\\t")
['1', '加强食品安全监管', '市市场监管局', '市农业农村局、市卫健委', '2024年底前']
>>> [(line.kind, [role for role, _, _, _ in line.cells]) for line in table_lines(edited)]
[('header', []), ('row', ['number', 'task', 'lead', 'support', 'deadline'])]
"""
from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from qgraph.rules import RuleSet, default_rules

UNIT_ROLES = ("lead", "support", "responsible")
ROLES = ("number", "task", *UNIT_ROLES, "deadline", "other")
_LISTED = re.compile(r"[、，,；;]")
_SPACE = "[ \u3000\u00a0]"


@dataclass(frozen=True)
class _Column:
    role: str
    rule: str
    pattern: re.Pattern[str]
    beside_lead: str | None


@dataclass(frozen=True)
class TableRules:
    """``tables.yaml`` compiled, with the unit-name patterns of ``responsibility.yaml``."""

    columns: tuple[_Column, ...]
    row_number: re.Pattern[str]
    continuation_max_chars: int
    deadline_cell: re.Pattern[str]
    deadline_dates: tuple[tuple[re.Pattern[str], str, str], ...]   # pattern, date kind, rule id
    unit_name: re.Pattern[str]
    groups: tuple[re.Pattern[str], ...]


def table_rules(rule_set: RuleSet | None = None) -> TableRules:
    """``tables.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> TableRules:
    rules = rule_set.file("tables.yaml")
    responsibility = rule_set.file("responsibility.yaml")
    columns = []
    for entry in rules.entries("columns"):
        if entry.get("role") not in ROLES or entry.get("beside_lead", "support") not in ROLES:
            raise rules.fail(entry, f"'role' (and 'beside_lead') must be one of {', '.join(ROLES)}")
        columns.append(_Column(entry["role"], entry["id"], rules.regex(entry), entry.get("beside_lead")))
    dates = []
    for entry in rules.entries("deadline_dates"):
        if entry.get("date") not in ("none", "day", "month", "quarter", "half", "year"):
            raise rules.fail(entry, "'date' must be none, day, month, quarter, half or year")
        dates.append((rules.regex(entry), entry["date"], entry["id"]))
    return TableRules(
        columns=tuple(columns), row_number=re.compile(rules.setting("row_number")),
        continuation_max_chars=int(rules.setting("continuation_max_chars")),
        deadline_cell=re.compile(rules.setting("deadline_cell")), deadline_dates=tuple(dates),
        unit_name=re.compile(responsibility.setting("unit_name")),
        groups=tuple(responsibility.regex(e) for e in responsibility.entries("groups")))


Roles = tuple[tuple[str, str], ...]   # (role, rule id) of each column, in order


def header_roles(cells: Sequence[str], rules: TableRules | None = None) -> Roles | None:
    """The role of each column when ``cells`` are a task table's header, else None.

    >>> [role for role, _ in header_roles(["序号", "重点任务", "牵头单位", "责任单位", "完成时限"])]
    ['number', 'task', 'lead', 'support', 'deadline']
    >>> header_roles(["指标", "2025年目标值"]) is None
    True
    """
    rules = rules or table_rules()
    found = []
    for cell in cells:
        name = re.sub(r"\s", "", cell)
        column = next((c for c in rules.columns if c.pattern.match(name)), None)
        if column is None:
            return None
        found.append(column)
    roles = [c.role for c in found]
    if "task" not in roles or not set(roles) & set(UNIT_ROLES):
        return None
    has_lead = "lead" in roles
    return tuple(((c.beside_lead if has_lead and c.beside_lead else c.role), c.rule) for c in found)


def _is_units(token: str, rules: TableRules) -> bool:
    items = [x.strip() for x in _LISTED.split(token) if x.strip()]
    return bool(items) and all(rules.unit_name.match(x) or any(g.search(x) for g in rules.groups)
                               for x in items)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _split_on(text: str, a: int, b: int, gap: str) -> list[tuple[int, int]]:
    """Spans of the pieces of text[a:b] between matches of ``gap``, edges trimmed, blanks skipped."""
    spans, last = [], a
    for match in re.finditer(gap, text[a:b]):
        spans.append((last, a + match.start()))
        last = a + match.end()
    spans.append((last, b))
    trimmed = []
    for x, y in spans:
        piece = text[x:y]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trimmed.append((x + lead, x + lead + len(piece.strip())))
    return trimmed


_WIDE_GAP = r"[ \u3000\u00a0\t]{2,}|\u3000|\t"
_ANY_GAP = r"[ \u3000\u00a0\t]+"

Edit = tuple[int, int, str]   # replace text[a:b] by the string


def cell_edits(text: str, rule_set: RuleSet | None = None) -> list[Edit]:
    """The edits that make every task table of a text TAB-separated rows (see the module's doc),
    sorted and never overlapping; a TAB outside a task table becomes a space."""
    rules = table_rules(rule_set)
    edits: list[Edit] = []
    columns: Roles | None = None
    tabbed = False   # the header's cells are TAB-separated: so are its rows, and the first line without one ends it
    for a, b in _lines(text):
        line = text[a:b]
        if not line.strip():
            continue
        if "\t" in line:
            cells = _cells(a, b, line)
            roles = header_roles([text[x:y] for x, y in cells], rules)
            if roles:
                columns, tabbed = roles, True
            elif columns:
                for (x, y), (role, _) in zip(cells, columns, strict=False):
                    if role in UNIT_ROLES:
                        edits.extend(_unit_spaces(text, x, y))
            else:
                edits.extend((a + m.start(), a + m.end(), " ") for m in re.finditer("\t", line))
            continue
        if tabbed:
            columns, tabbed = None, False
        header = None
        for gap in (_WIDE_GAP, _ANY_GAP):
            pieces = _split_on(text, a, b, gap)
            if len(pieces) > 1 and header_roles([text[x:y] for x, y in pieces], rules):
                header = pieces
                break
        if header:
            columns = header_roles([text[x:y] for x, y in header], rules)
            edits.extend((y, x2, "\t") for (_, y), (x2, _) in itertools.pairwise(header))
            continue
        if columns:
            row = _recover(text, a, b, columns, rules)
            if row is None:
                columns = None
            else:
                edits.extend(row)
    return edits


def _cells(a: int, b: int, line: str) -> list[tuple[int, int]]:
    cells, at = [], a
    for cell in line.split("\t"):
        cells.append((at, at + len(cell)))
        at += len(cell) + 1
    return cells


def _unit_spaces(text: str, a: int, b: int) -> list[Edit]:
    """Runs of white space between two unit names of one cell → 、 (not next to a separator)."""
    found = []
    for match in re.finditer(rf"{_SPACE}+", text[a:b]):
        x, y = a + match.start(), a + match.end()
        if x > a and y < b and not _LISTED.match(text[x - 1]) and not _LISTED.match(text[y]):
            found.append((x, y, "、"))
    return found


def _recover(text: str, a: int, b: int, columns: Roles, rules: TableRules) -> list[Edit] | None:
    """A flattened row's cells, as edits to TAB-separated cells; None when the line is no row."""
    line = text[a:b]
    indented = bool(re.match(r"[ \u3000\u00a0]", line))
    wide = _split_on(text, a, b, _WIDE_GAP)
    roles = [role for role, _ in columns]
    if indented and (line.startswith("\u3000") or len(line.strip()) > rules.continuation_max_chars):
        return None   # an indented paragraph, not a cell wrapped onto a line of its own
    if len(wide) == len(roles) and not indented and (
            roles[0] != "number" or rules.row_number.match(text[slice(*wide[0])])):
        return _joined(text, a, list(zip(range(len(roles)), [[w] for w in wide], strict=True)), roles)
    tokens = wide if len(wide) > 1 else _split_on(text, a, b, _ANY_GAP)
    task = roles.index("task")
    cells: list[tuple[int, list[tuple[int, int]]]] = []
    i, j = 0, len(tokens)
    for column in range(task):
        if roles[column] != "number":
            return None
        if not indented and i < j and rules.row_number.match(text[slice(*tokens[i])]):
            cells.append((column, [tokens[i]]))
            i += 1
        elif not indented:
            return None   # neither numbered nor a continuation: the table has ended
    trailing = roles[task + 1:]
    tail: list[tuple[int, list[tuple[int, int]]]] = []
    if trailing and trailing[-1] == "deadline" and j > i and rules.deadline_cell.match(text[slice(*tokens[j - 1])]):
        tail.append((len(roles) - 1, [tokens[j - 1]]))
        j -= 1
        trailing = trailing[:-1]
    units = [task + 1 + n for n, role in enumerate(trailing) if role in UNIT_ROLES]
    if len(units) != len(trailing) and j < len(tokens):
        return None   # columns this recovery cannot place
    start = j
    while start > i + (0 if indented else 1) and _is_units(text[slice(*tokens[start - 1])], rules):
        start -= 1
    found = tokens[start:j]
    if found and units and indented and start == i:
        tail = [(units[-1], found), *tail]   # a continuation of units only: the last unit cell, wrapped
    elif found and units:
        placed = [[t] for t in found[:len(units) - 1]] + [found[len(units) - 1:]]
        tail = [(units[n], p) for n, p in enumerate(placed) if p] + tail
    elif found:
        start = j
    if start > i:
        cells.append((task, tokens[i:start]))
    elif not indented:
        return None
    if not indented and not tail:
        return None   # a numbered line with no unit and no deadline (三、 保障措施): the table has ended
    return _joined(text, a, cells + tail, roles)


def _joined(text: str, a: int, cells: list[tuple[int, list[tuple[int, int]]]], roles: list[str]) -> list[Edit]:
    """Edits that write the placed cells as one TAB-separated line (an empty column: an empty cell)."""
    edits: list[Edit] = []
    last_column, last_end = -1, a
    for column, pieces in cells:
        first = pieces[0][0]
        edits.append((last_end, first, "\t" * (column - last_column - 1 if last_column < 0 else column - last_column)))
        if roles[column] in UNIT_ROLES:
            edits.extend((y, x, "、") for (_, y), (x, _) in itertools.pairwise(pieces))
            edits.extend(edit for x, y in pieces for edit in _unit_spaces(text, x, y))
        last_column, last_end = column, pieces[-1][1]
    return sorted((x, y, new) for x, y, new in edits if text[x:y] != new)


@dataclass(frozen=True, slots=True)
class TableLine:
    """A line of a task table in normalised text: a header, or a row with each cell's role and span."""

    kind: str                                      # header | row
    start: int
    end: int
    cells: tuple[tuple[str, str, int, int], ...]   # (role, column rule, start, end) of each non-empty cell


def table_lines(text: str, rule_set: RuleSet | None = None) -> list[TableLine]:
    """The header and row lines of every task table of a normalised text, in order. A table runs
    from its header to the first line that has no TAB; a repeated header (a page break) is a header."""
    rules = table_rules(rule_set)
    found: list[TableLine] = []
    columns: Roles | None = None
    for a, b in _lines(text):
        line = text[a:b]
        if "\t" not in line:
            columns = None
            continue
        cells = _cells(a, b, line)
        roles = header_roles([text[x:y] for x, y in cells], rules)
        if roles:
            columns = roles
            found.append(TableLine("header", a, b, ()))
        elif columns:
            kept = []
            for (x, y), (role, rule) in zip(cells, columns, strict=False):
                piece = text[x:y]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    kept.append((role, rule, x + lead, x + lead + len(piece.strip())))
            found.append(TableLine("row", a, b, tuple(kept)))
    return found


def deadline_date(cell: str, rule_set: RuleSet | None = None) -> tuple[str | None, str]:
    """(the last day of the latest period a deadline cell names as YYYY-MM-DD, or None; the rule).

    >>> deadline_date("2024年6月底前启动，2025年底前完成")
    ('2025-12-31', 'deadline.year')
    >>> deadline_date("长期坚持")
    (None, 'deadline.recurring')
    """
    rules = table_rules(rule_set)
    taken: list[tuple[int, int]] = []
    dates: list[tuple[str, str]] = []
    for pattern, kind, rule in rules.deadline_dates:
        for match in pattern.finditer(cell):
            if any(x < match.end() and match.start() < y for x, y in taken):
                continue
            if kind == "none":
                return None, rule   # recurring or open: anchored at the cell's start, tried first
            taken.append(match.span())
            date = _last_day(match, kind)
            if date:
                dates.append((date, rule))
    return max(dates) if dates else (None, "")


_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _last_day(match: re.Match[str], kind: str) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if kind == "day":
        month, day = int(groups["m"]), int(groups["d"])
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    month = {"month": lambda: int(groups["m"]), "quarter": lambda: 3 * _QUARTERS[groups["q"]],
             "half": lambda: 6 if groups["h"] == "上" else 12, "year": lambda: 12}[kind]()
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
