"""`qgraph lead TOPIC`: which departments lead work on a topic, per jurisdiction, with evidence.

A topic is a quality domain (产品质量, product quality), an indicator, or a keyword (食品安全,
品牌), widened by its synonyms (the labels of its concept in the scheme ``qg:Topics``); traditional
script is converted first. Everything an answer needs is asked of the graph in SPARQL
(``queries/app/*.rq``), so it works on any engine or endpoint. A department leads a clause when its
lead basis counts as lead (``qg:countsAsLead``); departments are ranked per jurisdiction by the
basis's ``qg:leadRank`` (explicit 牵头, then named alone, then listed first), then by clauses led.

>>> from qgraph.ask.engine import open_engine
>>> from qgraph.resources import resource_path
>>> engine = open_engine(resource_path("ontology", "domains.ttl"), None)
>>> topic = resolve_topic(engine, "產品質量")
>>> topic.text, topic.terms, topic.domains
('产品质量', ('产品质量',), ('https://w3id.org/qgraph/ontology#ProductQuality',))
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qgraph.ask.engine import Engine
from qgraph.ask.library import Iri, ask_rows
from qgraph.ask.words import to_simplified


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic as asked: its simplified text, the terms looked for, and the domains or indicators it names."""

    text: str                       # the query, simplified
    terms: tuple[str, ...]          # it and its synonyms, looked for in clause texts and keywords
    domains: tuple[str, ...] = ()   # domain concepts it names
    indicators: tuple[str, ...] = field(default=())


def expand(engine: Engine, term: str) -> tuple[str, ...]:
    """The term and its synonyms (every label of a qg:Topics concept that has it as a label), the term first."""
    labels = [row["label"] for row in ask_rows(engine, "topic-synonyms", term=term)]
    return (term, *dict.fromkeys(label for label in labels if label != term))


def _domain_labels(engine: Engine) -> dict[str, str]:
    """Every @zh and @en label of a quality domain, lower-cased → the concept (preferred labels win)."""
    return {row["label"].lower(): row["domain"] for row in ask_rows(engine, "domain-labels")}


def _indicator_names(engine: Engine) -> dict[str, str]:
    """Every id and label of an indicator, lower-cased → the concept (preferred labels win)."""
    return {row["name"].lower(): row["indicator"] for row in ask_rows(engine, "indicator-labels")}


def resolve_topic(engine: Engine, query: str) -> Topic:
    """The topic a query names: simplified, widened by its synonyms, with any domain or indicator it is."""
    text = to_simplified(query.strip())
    domain = _domain_labels(engine).get(text.lower())
    indicator = _indicator_names(engine).get(text.lower())
    return Topic(text, expand(engine, text), (domain,) if domain else (), (indicator,) if indicator else ())


def lead(engine: Engine, query: str, city: str | None = None) -> tuple[Topic, list[dict]]:
    """Per jurisdiction, the departments that lead clauses on the topic, ranked, with evidence."""
    topic = resolve_topic(engine, query)
    rows = ask_rows(engine, "lead", term=topic.terms, domain=tuple(Iri(d) for d in topic.domains),
                    indicator=tuple(Iri(i) for i in topic.indicators), city=city)
    clauses: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        clauses.setdefault((row["jurisdiction"], row["document"], row["number"]), []).append(row)
    leaders: dict[tuple[str, str], dict] = {}
    ranks: dict[tuple[str, str], int] = {}
    for (jurisdiction, document, number), assigned in clauses.items():
        partners = [r["label"] for r in assigned if not r["lead"] and not r["collective"]]
        for row in assigned:
            if not row["lead"]:
                continue
            key = (jurisdiction, row["label"])
            entry = leaders.setdefault(key, {
                "jurisdiction": jurisdiction, "place": row["place"], "department": row["label"],
                "type": row["type"], "basis": row["basis"], "clauses": [], "supporters": []})
            if key not in ranks or row["rank"] < ranks[key]:
                entry["basis"], ranks[key] = row["basis"], row["rank"]
            evidence = {"document": document, "number": number, "heading": row["heading"]}
            if evidence not in entry["clauses"]:
                entry["clauses"].append(evidence)
            entry["supporters"].extend(p for p in partners if p not in entry["supporters"])
    ranked = sorted(leaders, key=lambda k: (k[0], ranks[k], -len(leaders[k]["clauses"]), k[1]))
    return topic, [leaders[k] for k in ranked]


def known_topics(engine: Engine) -> list[str]:
    """What a topic can be: domain labels, clause keywords and topic labels in the graph."""
    return sorted({row["topic"] for row in ask_rows(engine, "known-topics")})


def suggest(engine: Engine, topic: Topic, limit: int = 5) -> list[str]:
    """The known topics closest to one that matched nothing."""
    from rapidfuzz import fuzz, process  # lazy: start-up time

    found = process.extract(topic.text, known_topics(engine), scorer=fuzz.WRatio, limit=limit)
    return [choice for choice, _score, _index in found]
