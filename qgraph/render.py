"""Rendering rows for the terminal and for other programs: table, csv, json.

>>> print(render([{"number": "二.(一)", "heading": "产品质量目标"}], "table"))
number   heading
-------  ------------
二.(一)  产品质量目标

A table given a ``width`` fits it: the widest columns are cut first, by display width (a CJK character
takes two columns), and a cut cell ends in ``…``. Without one nothing is cut (pipes, files).

>>> print(render([{"number": "二.(一)", "heading": "产品质量目标"}], "table", width=16))
number   heading
-------  -------
二.(一)  产品质…
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

FORMATS = ("table", "csv", "json")
ELLIPSIS = "…"
GAP = 2  # spaces between table columns
MIN_COLUMN = 4  # a column is never cut narrower than this (or its header, if shorter)
BOM = "\ufeff"  # the UTF-8 byte order mark Excel needs to read a CSV file as UTF-8


def char_width(ch: str) -> int:
    """Columns one character takes in a terminal: wide and full-width (CJK) characters take two."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two.

    >>> display_width("市场监管局"), display_width("abc"), display_width("…")
    (10, 3, 1)
    """
    return sum(char_width(ch) for ch in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in ``…`` when cut.

    >>> truncate("加强农产品及食品药品质量安全监管", 9), truncate("short", 9), truncate("市场监管局", 10)
    ('加强农产…', 'short', '市场监管局')
    """
    if display_width(text) <= width:
        return text
    room, kept = width - display_width(ELLIPSIS), []
    for ch in text:
        room -= char_width(ch)
        if room < 0:
            break
        kept.append(ch)
    return "".join(kept) + ELLIPSIS


def fit_widths(widths: Sequence[int], minimums: Sequence[int], total: int) -> list[int]:
    """Column widths whose sum with the gaps is at most ``total``: the widest columns shrink first,
    never below their minimum (so a very narrow terminal still gets a readable, if wider, table).

    >>> fit_widths([10, 40, 6], [4, 4, 4], 40)
    [10, 20, 6]
    """
    fitted = list(widths)
    budget = total - GAP * (len(fitted) - 1)
    while sum(fitted) > budget:
        shrinkable = [i for i, w in enumerate(fitted) if w > minimums[i]]
        if not shrinkable:
            break
        widest = max(fitted[i] for i in shrinkable)
        at_widest = [i for i in shrinkable if fitted[i] == widest]
        others = [fitted[i] for i in shrinkable if fitted[i] < widest]
        # bring the widest columns down to the next width (or just enough to fit), one column at a time
        excess = sum(fitted) - budget
        step = max(1, min(widest - max([*others, minimums[at_widest[0]]]), -(-excess // len(at_widest))))
        for i in at_widest:
            fitted[i] = max(minimums[i], fitted[i] - step)
    return fitted


def _json_number(value: Any) -> Any:
    """Decimals (xsd:decimal values) as JSON numbers: integral ones as integers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    return str(value).replace("\n", " ")


SYMBOL = "Symbol"  # a column NAMESymbol holds how a table shows column NAME (comparatorSymbol: ≥ for AtLeast)


def symbols_shown(rows: Sequence[dict[str, Any]], columns: Iterable[str] | None = None
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and columns as a table shows them: where a column ``NAME`` has a companion ``NAMESymbol``, the
    column shows the symbol and the companion goes (csv and json keep both: the name, and its symbol).

    >>> symbols_shown([{"comparator": "AtLeast", "comparatorSymbol": "≥", "value": 95}])
    ([{'comparator': '≥', 'value': 95}], ['comparator', 'value'])
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    folded = {c for c in cols if c + SYMBOL in cols}
    kept = [c for c in cols if not (c.endswith(SYMBOL) and c[:-len(SYMBOL)] in folded)]
    shown = [{c: row.get(c + SYMBOL, row.get(c)) if c in folded else row.get(c) for c in kept} for row in rows]
    return shown, kept


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Iterable[str] | None = None,
           width: int | None = None) -> str:
    """Rows (dicts with the same keys) as an aligned table, CSV or a JSON array.

    ``width`` (tables only): the columns the table may take; long cells are cut to fit. None: no limit.
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt == "json":
        return json.dumps([{c: row.get(c) for c in cols} for row in rows], ensure_ascii=False, indent=2,
                          default=_json_number)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows([_cell(row.get(c)) for c in cols] for row in rows)
        return out.getvalue().rstrip("\n")
    cells = [[_cell(row.get(c)) for c in cols] for row in rows]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(cols)]
    if width is not None:
        minimums = [min(w, max(MIN_COLUMN, display_width(c))) for w, c in zip(widths, cols, strict=True)]
        widths = fit_widths(widths, minimums, width)
        cells = [[truncate(v, w) for v, w in zip(r, widths, strict=True)] for r in cells]

    def line(values: Sequence[str]) -> str:
        padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=False)]
        return (" " * GAP).join(padded).rstrip()

    return "\n".join([line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells])
