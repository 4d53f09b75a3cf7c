"""`qgraph compare INDICATOR`: one indicator's targets across jurisdictions, side by side.

An indicator is named by its id (manufacturing-product-pass-rate), a label (制造业产品质量合格率,
manufacturing product pass rate) or any metric phrase that one of its ``qg:metricPattern``s matches;
traditional script is converted first. Targets of related indicators (skos:related: alike, but not
the same measure) are listed too, marked as related rather than merged.

Everything comes from the graph (``queries/app/indicator-labels.rq``, ``indicator-patterns.rq``,
``compare.rq``), so an endpoint answers the same as the file it was loaded from:

>>> from qgraph.ask.engine import open_engine
>>> from qgraph.resources import resource_path
>>> engine = open_engine(resource_path("ontology", "indicators.ttl"), None)
>>> resolve_indicator(engine, "製造業產品質量合格率").rsplit("/", 1)[1]
'manufacturing-product-pass-rate'
>>> resolve_indicator(engine, "生产企业工业产品质量监督抽查合格率").rsplit("/", 1)[1]
'industrial-product-supervision-sampling-pass-rate'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qgraph.ask.engine import Engine
from qgraph.ask.library import Iri, ask_rows
from qgraph.ask.places import resolve_city
from qgraph.ask.words import to_simplified
from qgraph.errors import QueryError
from qgraph.strings import most_specific


@dataclass(frozen=True, slots=True)
class Indicators:
    """The indicator concepts as the graph names them."""

    names: dict[str, str]                        # lower-cased id, alternative or preferred label → IRI
    ids: dict[str, str]                          # IRI → id (skos:notation)
    patterns: tuple[tuple[re.Pattern[str], str], ...]   # (metric pattern, IRI), in tie-breaking order


def indicators(engine: Engine) -> Indicators:
    """The indicators' names, ids and metric patterns, read from the graph."""
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    for row in ask_rows(engine, "indicator-labels"):   # per indicator: id, alternative, preferred labels
        names[row["name"].lower()] = row["indicator"]
        ids[row["indicator"]] = row["id"]
    patterns = []
    for row in ask_rows(engine, "indicator-patterns"):
        try:
            patterns.append((re.compile(row["pattern"]), row["indicator"]))
        except re.error as exc:
            raise QueryError("QG406", f"indicator {row['indicator']}: pattern {row['pattern']!r} is not a "
                                      f"valid regular expression: {exc}") from None
    return Indicators(names, ids, tuple(patterns))


def indicator_for(known: Indicators, metric: str) -> str | None:
    """The indicator a metric phrase measures: the longest match, then the longest pattern, then the first."""
    return most_specific(known.patterns, metric)


def resolve_indicator(engine: Engine, name: str) -> str:
    """The indicator's IRI, or a QueryError listing what is known."""
    text = to_simplified(name.strip())
    known = indicators(engine)
    found = known.names.get(text.lower()) or indicator_for(known, text)
    if found:
        return found
    near = nearest_indicators(known, text)
    hint = (f"closest: {', '.join(near)}" if near else f"known: {', '.join(sorted(set(known.ids.values())))}")
    raise QueryError("QG405", f"no indicator matches '{text}' ({hint}; see `qgraph indicators`)")


def nearest_indicators(known: Indicators, text: str, limit: int = 5) -> list[str]:
    """Indicators a query that names none may mean, as ``id (name)``: those whose names hold the query or
    are held by it (能耗 → 单位工业增加值能耗), else the closest names by spelling.

    >>> known = Indicators({"单位工业增加值能耗": "e", "能源消耗": "e", "森林覆盖率": "f"},
    ...                    {"e": "energy", "f": "forest"}, ())
    >>> nearest_indicators(known, "能耗")
    ['energy (单位工业增加值能耗)']
    """
    from rapidfuzz import fuzz, process  # lazy: start-up time

    labels = {name: iri for name, iri in known.names.items() if any("\u4e00" <= ch <= "\u9fff" for ch in name)}
    held = [name for name in labels if text in name or (len(name) > 1 and name in text)]
    if not held:
        held = [name for name, score, _ in process.extract(text, list(labels), scorer=fuzz.WRatio, limit=limit)
                if score >= 60]
    found: dict[str, str] = {}
    for name in sorted(held, key=lambda n: (abs(len(n) - len(text)), n)):
        found.setdefault(labels[name], name)
    return [f"{known.ids[iri]} ({name})" for iri, name in list(found.items())[:limit]]


def compare(engine: Engine, name: str, city: str | None = None) -> list[dict]:
    """Every target of the indicator, then those of related indicators, per indicator, unit, jurisdiction and
    year; ``city`` (an id or a name) limits it to one jurisdiction. Targets of one indicator stated in more
    than one unit are never ranked together: they are grouped by unit and carry a ``note`` saying so."""
    indicator = resolve_indicator(engine, name)
    rows = [dict(row) for row in ask_rows(engine, "compare", of=Iri(indicator), city=resolve_city(engine, city))]
    units: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        found = units.setdefault((row["relation"], row["indicator"]), [])
        if row["unit"] not in found:
            found.append(row["unit"])
    for row in rows:
        differ = units[(row["relation"], row["indicator"])]
        row["note"] = f"units differ: {', '.join(differ)}" if len(differ) > 1 else ""
    return rows


COLUMNS = ["jurisdiction", "place", "document", "year", "relation", "indicator", "metric", "comparator", "value",
           "valueMax", "unit", "change", "baseline", "number", "note"]


def change_text(row: dict) -> str:
    """A change against a baseline as a table shows it: its direction's symbol (``changeSymbol``, the graph's
    skos:notation of qg:Increase and qg:Decrease) and the baseline, ``↓ vs 2020``; empty for no change.

    >>> change_text({"change": "Decrease", "changeSymbol": "↓", "baseline": "2020"}), change_text({"change": None})
    ('↓ vs 2020', '')
    """
    if not row.get("change"):
        return ""
    sign = row.get("changeSymbol") or row["change"]
    return f"{sign} vs {row['baseline']}" if row.get("baseline") else sign


def table_rows(rows: list[dict]) -> list[dict]:
    """The rows as the table shows them: the comparator as its symbol, a change as ``↓ vs 2020``, no text."""
    return [{**{k: v for k, v in row.items() if k not in ("text", "comparatorSymbol", "changeSymbol", "baseline")},
             "comparator": row["comparatorSymbol"], "change": change_text(row)} for row in rows]
