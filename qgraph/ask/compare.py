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
    raise QueryError("QG405", f"no indicator matches '{text}' (known: {', '.join(sorted(set(known.ids.values())))})")


def compare(engine: Engine, name: str) -> list[dict]:
    """Every target of the indicator, then those of related indicators, per jurisdiction and year."""
    indicator = resolve_indicator(engine, name)
    return [dict(row) for row in ask_rows(engine, "compare", of=Iri(indicator))]
