"""What can be asked: the jurisdictions, indicators and topics a graph holds, with counts, from the
graph alone (``queries/app/list-*.rq``).

>>> from qgraph.ask.engine import open_engine
>>> from qgraph.resources import resource_path
>>> [r["topic"] for r in topics(open_engine(resource_path("ontology", "domains.ttl"), None))][:2]
['产业质量', '产品质量']
"""
from __future__ import annotations

from typing import Any

from qgraph.ask.engine import Engine
from qgraph.ask.library import ask_rows


def jurisdictions(engine: Engine) -> list[dict[str, Any]]:
    """Each jurisdiction: id, Chinese and English name, level, documents, numbered clauses, targets."""
    return [dict(row) for row in ask_rows(engine, "list-jurisdictions")]


def indicators(engine: Engine) -> list[dict[str, Any]]:
    """Each indicator: id, Chinese and English name, targets and jurisdictions that state one."""
    return [dict(row) for row in ask_rows(engine, "list-indicators")]


def topics(engine: Engine) -> list[dict[str, Any]]:
    """Each quality domain and topic: its name, kind, other names, and the clauses it answers with."""
    return [dict(row) for row in ask_rows(engine, "list-topics")]
