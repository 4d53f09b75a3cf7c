"""What the report shows, asked of the graph once (``queries/app/report-*.rq``) and grouped for the pages.

Every figure of the report is a count or a value over clauses; :class:`Corpus` keeps, for each, the
clauses behind it (the evidence) so that a page can list them.

>>> place({"id": "yunxi", "name_zh": "云溪市"})
'yunxi 云溪市'
>>> figure({"notation": "≥", "value": 95, "unit": "%"})
'≥95%'
>>> figure({"notation": "=", "value": 17, "unit": "%", "change": "Decrease", "baseline": "2020"})
'↓17% vs 2020'
>>> figure({"notation": "=", "value": 8, "value_max": 10, "unit": "个"})
'8–10个'
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from qgraph.ask.engine import Engine
from qgraph.ask.library import ask_rows

NO_YEAR = "no year"
NUMBERED = "NumberedClause"
DASH = "DashItem"
CHANGE_ARROWS = {"Decrease": "↓", "Increase": "↑"}


def place(j: dict) -> str:
    """A jurisdiction as shown everywhere in the report: its id and Chinese name (``yunxi 云溪市``)."""
    return f"{j['id']} {j['name_zh']}" if j.get("name_zh") else j["id"]


def number(value: object) -> int | float | None:
    """A graph number as a JSON number (decimals as int when whole)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value if isinstance(value, (int, float)) else float(str(value))


def _text(value: object) -> str:
    n = number(value)
    return "" if n is None else format(n, "g") if isinstance(n, float) else str(n)


def figure(t: dict) -> str:
    """A target as written for a reader: comparator sign, value (a range with –), unit; a change with
    its arrow and baseline (``↓17% vs 2020``)."""
    value = _text(t.get("value")) + (f"–{_text(t.get('value_max'))}" if t.get("value_max") is not None else "")
    unit = t.get("unit") or ""
    if t.get("change"):
        arrow = CHANGE_ARROWS.get(t["change"], t["change"])
        return f"{arrow}{value}{unit}" + (f" vs {t['baseline']}" if t.get("baseline") else "")
    sign = t.get("notation") if t.get("notation") not in (None, "=") else ""
    return f"{sign}{value}{unit}"


@dataclass
class Corpus:
    """The rows of the report queries, indexed: jurisdictions, documents, clauses (by IRI), the domains,
    leads, targets, reuse passages and task deadlines (``qg:deadline``, when the graph has them) of every
    clause."""

    jurisdictions: list[dict]
    documents: list[dict]
    clauses: dict[str, dict]
    domains: list[dict]
    leads: list[dict]
    targets: list[dict]
    reuse: list[dict]
    deadlines: list[dict]

    @classmethod
    def fetch(cls, engine: Engine, cities: tuple[str, ...] | None = None) -> Corpus:
        """Everything the report shows, asked of the graph (of the jurisdictions whose ids are ``cities``, or
        all); each clause knows its document and jurisdiction. Passages are those between the clauses asked."""

        def ask(name: str) -> tuple:
            return ask_rows(engine, name, city=cities)

        jurisdictions = [dict(r) for r in ask("report-jurisdictions")]
        by_iri = {j["j"]: j for j in jurisdictions}
        documents = [dict(r) for r in ask("report-documents") if r["j"] in by_iri]
        docs = {d["doc"]: d for d in documents}
        for d in documents:
            d["jid"] = by_iri[d["j"]]["id"]
            d["year"] = (d.get("issued") or "")[:4]
        clauses: dict[str, dict] = {}
        for r in ask("report-clauses"):
            if r["doc"] in docs:
                c = dict(r)
                c["document"], c["jid"] = docs[c["doc"]]["id"], docs[c["doc"]]["jid"]
                clauses[c["clause"]] = c

        def known(rows: tuple, key: str = "clause") -> list[dict]:
            return [dict(r) for r in rows if r[key] in clauses]

        return cls(jurisdictions, documents, clauses, known(ask("report-domains")),
                   known(ask("report-leads")), known(ask("report-targets")),
                   [r for r in known(ask("report-reuse"), "later") if r["earlier"] in clauses],
                   [{**r, "deadline": r["due"]} for r in known(ask("report-deadlines")) if r["kind"] == "task"])

    # --- lookups ----------------------------------------------------------------------------------

    def jurisdiction(self, jid: str) -> dict:
        """The jurisdiction row of an id."""
        return next(j for j in self.jurisdictions if j["id"] == jid)

    def jid(self, clause: str) -> str:
        """The id of the jurisdiction whose document holds the clause."""
        return self.clauses[clause]["jid"]

    def order(self, clause: str) -> tuple:
        """A clause's place in reading order: its document, then its order in the document."""
        c = self.clauses[clause]
        return c["document"], c.get("order") or 0, clause

    def count_kind(self, jid: str, kind: str) -> int:
        """How many clauses of a kind (NumberedClause, DashItem) a jurisdiction's documents hold."""
        return sum(1 for c in self.clauses.values() if c["jid"] == jid and c.get("kind") == kind)

    # --- the cells of the figures: key → set of clauses -------------------------------------------

    def domain_cells(self) -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], set[str]]]:
        """The domains (IRI → Chinese and English name) and, per (jurisdiction id, domain IRI), its clauses."""
        names: dict[str, tuple[str, str]] = {}
        cells: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in self.domains:
            names[r["domain"]] = (r.get("name_zh") or r["domain"], r.get("name_en") or "")
            cells[(self.jid(r["clause"]), r["domain"])].add(r["clause"])
        return names, cells

    def lead_cells(self) -> dict[tuple[str, str], list[dict]]:
        """Per (jurisdiction id, current department type IRI): the lead rows (clause, department, basis)."""
        cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in self.leads:
            cells[(self.jid(r["clause"]), r["current"])].append(r)
        return cells

    def reuse_cells(self) -> dict[tuple[str, str], list[dict]]:
        """Per (later jurisdiction id, earlier jurisdiction id): the passages the later took."""
        cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in self.reuse:
            cells[(self.jid(r["later"]), self.jid(r["earlier"]))].append(r)
        return cells

    def target_years(self) -> list[str]:
        """The target years that occur, in order, with targets of no year last."""
        years = sorted({t["year"] for t in self.targets if t.get("year")})
        return years + ([NO_YEAR] if any(not t.get("year") for t in self.targets) else [])

