"""Deadlines: when a task table's row is due, from its deadline column (完成时限).

The cell is kept as written (``qg:deadline``) and, where it names a date, period or year, read as
the last day of that period (``qg:deadlineDate``; the patterns are ``deadline_dates`` of
``rules/tables.yaml``).

>>> from qgraph.pipeline import parse_text
>>> text = "一、重点任务\\n序号\\t重点任务\\t牵头单位\\t完成时限\\n1\\t加强计量监管\\t县市场监管局\\t2024年6月底前"
>>> row = next(c for c in parse_text(text).clauses if c.cells)
>>> found = row_deadline(row)
>>> found.clause, found.text, found.date
('1-1', '2024年6月底前', '2024-06-30')
"""
from __future__ import annotations

from qgraph.model import Clause, Deadline
from qgraph.rules import RuleSet
from qgraph.text.tables import deadline_date

__all__ = ["row_deadline"]


def row_deadline(clause: Clause, rule_set: RuleSet | None = None) -> Deadline | None:
    """A row's deadline: its deadline cells (a continuation row's joined with ；), or None."""
    cells = [(a, b) for role, _, a, b in clause.cells if role == "deadline"]
    if not cells:
        return None
    a, b = cells[0][0], cells[-1][1]
    text = "；".join(clause.text[x:y] for x, y in cells) if len(cells) > 1 else clause.text[a:b]
    date, rule = deadline_date(text, rule_set)
    return Deadline(clause.slug, text, date, a, b, rule)
