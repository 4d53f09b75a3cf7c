"""The jurisdictions a question can be limited to (``--city``), named as an analyst names them.

A city is named by its id (yunxi), or its Chinese or English name, with or without the
administrative suffix (云溪市, 云溪, Yunxi); all read from the graph (``queries/app/jurisdictions.rq``):

>>> places = (Place("yunxi", "云溪市", "Yunxi"), Place("qingshan", "青山省", "Qingshan"))
>>> [match(places, name).jurisdiction for name in ("yunxi", "云溪市", "云溪", "Yunxi", " YUNXI ")]
['yunxi', 'yunxi', 'yunxi', 'yunxi', 'yunxi']
>>> match(places, "白水")
Traceback (most recent call last):
...
qgraph.ask.places.UnknownCity: no jurisdiction is named '白水' (known: qingshan 青山省, yunxi 云溪市)
"""
from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from qgraph.ask.engine import Engine, OxigraphEngine, RdflibEngine
from qgraph.ask.library import Tagged, ask_rows
from qgraph.ask.words import to_simplified


class UnknownCity(LookupError):
    """A --city that names no jurisdiction of the graph: a usage error (the message lists the known ones)."""


@dataclass(frozen=True, slots=True)
class Place:
    """A jurisdiction: its id (dcterms:identifier), Chinese name and English name."""

    jurisdiction: str
    place: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.place}".strip()


def places(engine: Engine) -> tuple[Place, ...]:
    """Every jurisdiction that issued a document, by id: read once per engine of a graph file (the index or the
    graph it opened does not change under it; a national graph's 3,000 take a quarter of a second), and at
    each call of an endpoint, which may."""
    if engine in _KNOWN:
        return _KNOWN[engine]
    found = tuple(Place(row["jurisdiction"], row["place"] or "", row["name"] or "")
                  for row in ask_rows(engine, "jurisdictions"))
    if isinstance(engine, OxigraphEngine | RdflibEngine):
        _KNOWN[engine] = found
    return found


_KNOWN: weakref.WeakKeyDictionary[Engine, tuple[Place, ...]] = weakref.WeakKeyDictionary()


def match(known: Sequence[Place], name: str) -> Place:
    """The jurisdiction a name means: its id or a name, exactly (case aside), else the one name it begins
    (the name less a one-character suffix such as 市 or 省); an UnknownCity otherwise."""
    text = to_simplified(name.strip()).casefold()
    exact = [p for p in known if text in {p.jurisdiction.casefold(), p.place.casefold(), p.name.casefold()}]
    stem = [p for p in known if text and any(n.casefold().startswith(text) and len(n) - len(text) == 1
                                             for n in (p.place, p.name) if n)]
    found = exact or stem
    if len(found) == 1:
        return found[0]
    listed = ", ".join(str(p) for p in sorted(known, key=lambda p: p.jurisdiction))
    raise UnknownCity(f"no jurisdiction is named '{name.strip()}' (known: {listed})")


def find(engine: Engine, name: str) -> Place:
    """The jurisdiction ``name`` means, as :func:`match` finds it among :func:`places`; but an id or a name given
    exactly (云溪市, yunxi, Yunxi or YUNXI) is looked up (``queries/app/jurisdiction-named.rq``) instead of reading
    every jurisdiction, so that a large graph answers at once. A stem (云溪) or a spelling that finds nothing or
    more than one is matched among all of them, which also lists the known ones in an UnknownCity."""
    text = to_simplified(name.strip())
    english = dict.fromkeys((text, text.lower(), text.upper(), text.title(), text.capitalize()))
    asked = (*dict.fromkeys((text, text.casefold())), Tagged(text, "zh"), *(Tagged(e, "en") for e in english))
    found = [Place(row["jurisdiction"], row["place"] or "", row["name"] or "")
             for row in ask_rows(engine, "jurisdiction-named", asked=asked)] if text else []
    return found[0] if len(found) == 1 else match(places(engine), name)


def resolve_city(engine: Engine, name: str | None) -> str | None:
    """The id of the jurisdiction ``name`` means (None for None), or an UnknownCity (see :func:`find`)."""
    return None if name is None else find(engine, name).jurisdiction
