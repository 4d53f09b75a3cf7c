"""Rendering rows for the terminal and for other programs: table, csv, json.

>>> print(render([{"number": "二.(一)", "heading": "产品质量目标"}], "table"))
number   heading
-------  ------------
二.(一)  产品质量目标
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


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Iterable[str] | None = None) -> str:
    """Rows (dicts with the same keys) as an aligned table, CSV or a JSON array."""
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

    def line(values: Sequence[str]) -> str:
        padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=False)]
        return "  ".join(padded).rstrip()

    return "\n".join([line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells])
