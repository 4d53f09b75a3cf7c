"""`qgraph lead TOPIC`: which departments lead work on a topic, per jurisdiction, with evidence.

A topic is a quality domain (产品质量, product quality), an indicator, or a keyword (食品安全,
品牌), widened by the synonyms of ``rules/topics.yaml``; traditional script is converted first.
The answer is asked of the graph in SPARQL, so it works on any engine or endpoint.
Departments are ranked per jurisdiction: explicit leads (牵头), then units named alone as
responsible, then units listed first in a joint list.

>>> topic = resolve_topic("檢驗檢測")
>>> topic.text, topic.terms
('检验检测', ('检验检测', '检测认证', '检测服务'))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from qgraph.ask.engine import Engine
from qgraph.extract.domains import domain_labels
from qgraph.text.normalise import to_simplified
from qgraph.rules import load_rule_file

EXPLICIT, SOLE, FIRST = "lead (牵头)", "sole responsible", "first-listed"
_RANK = {EXPLICIT: 0, SOLE: 1, FIRST: 2}
_EXPLICIT_RULES = ("role.lead", "label.lead-units", "intext.")


@dataclass(frozen=True, slots=True)
class Topic:
    text: str                       # the query, simplified
    terms: tuple[str, ...]          # it and its synonyms, looked for in clause texts and keywords
    domains: tuple[str, ...] = ()   # domain concepts it names
    indicators: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def _synonyms() -> tuple[tuple[str, ...], ...]:
    rules = load_rule_file("topics.yaml")
    return tuple(tuple(e.get("terms") or ()) for e in rules.entries("synonyms"))


def expand(term: str) -> tuple[str, ...]:
    """The term and its synonyms (rules/topics.yaml), the term first."""
    for group in _synonyms():
        if term in group:
            return (term, *(t for t in group if t != term))
    return (term,)


def resolve_topic(query: str) -> Topic:
    from qgraph.ask.compare import indicator_labels

    text = to_simplified(query.strip())
    labels = {label.lower(): iri for label, iri in domain_labels().items()}
    domain = labels.get(text.lower())
    indicator = indicator_labels().get(text.lower())
    return Topic(text, expand(text), (domain,) if domain else (), (indicator,) if indicator else ())


_PREFIXES = """PREFIX qg: <https://w3id.org/qgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lead_query(topic: Topic, city: str | None) -> str:
    """The SPARQL that finds every assignment on clauses about the topic."""
    terms = " ".join(_literal(t) for t in topic.terms)
    domains = " ".join(f"<{d}>" for d in topic.domains)
    indicators = " ".join(f"<{i}>" for i in topic.indicators)
    matches = [f"{{ VALUES ?term {{ {terms} }} ?clause qg:text ?text . FILTER(CONTAINS(?text, ?term)) "
               f"?clause qg:assignment ?a . FILTER NOT EXISTS {{ ?a qg:task ?task }} }}"]
    if domains:
        matches.append(f"{{ VALUES ?d {{ {domains} }} ?clause qg:domain ?d ; qg:assignment ?a . "
                       f"FILTER NOT EXISTS {{ ?a qg:task ?task }} }}")
        matches.append(f"{{ VALUES ?d {{ {domains} }} ?a qg:domain ?d ; qg:assignedIn ?clause . }}")
    if indicators:
        matches.append(f"{{ VALUES ?i {{ {indicators} }} ?target qg:indicator ?i ; qg:statedIn ?clause . "
                       f"?clause qg:assignment ?a . }}")
    city_filter = f'FILTER(?jurisdiction = {_literal(city)})' if city else ""
    return _PREFIXES + f"""
SELECT DISTINCT ?jurisdiction ?place ?document ?number ?heading ?order ?unit ?label ?type ?group ?role ?position ?rule
WHERE {{
  {" UNION ".join(matches)}
  ?a qg:agent ?unit ; qg:role ?r ; qg:listPosition ?position ; qg:rule ?rule .
  BIND(STRAFTER(STR(?r), "#") AS ?role)
  ?unit rdfs:label ?label ; qg:jurisdiction ?j .
  BIND(EXISTS {{ ?unit a qg:CollectiveBody }} AS ?group)
  OPTIONAL {{ ?unit qg:departmentType/skos:prefLabel ?type FILTER(lang(?type) = "en") }}
  ?j rdfs:label ?place FILTER(lang(?place) = "zh")
  BIND(REPLACE(STR(?j), "^.*/", "") AS ?jurisdiction)
  {city_filter}
  ?clause qg:number ?number ; qg:order ?order ; qg:document/dcterms:identifier ?document .
  OPTIONAL {{ ?clause qg:heading ?heading }}
}}
ORDER BY ?jurisdiction ?document ?order ?position"""


def _basis(row: dict) -> str | None:
    if row["role"] == "Lead":
        return EXPLICIT if row["rule"].startswith(_EXPLICIT_RULES) else SOLE
    if row["role"] == "Responsible" and row["position"] == 1:
        return FIRST
    return None


def lead(engine: Engine, query: str, city: str | None = None) -> tuple[Topic, list[dict]]:
    """Per jurisdiction, the departments that lead clauses on the topic, ranked, with evidence."""
    topic = resolve_topic(query)
    rows = engine.select(lead_query(topic, city), name="lead").rows
    clauses: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        clauses.setdefault((row["jurisdiction"], row["document"], row["number"]), []).append(row)
    leaders: dict[tuple[str, str], dict] = {}
    for (jurisdiction, document, number), assigned in clauses.items():
        partners = [r["label"] for r in assigned if not r["group"] and _basis(r) is None]
        for row in assigned:
            basis = _basis(row)
            if basis is None or row["group"]:
                continue
            entry = leaders.setdefault((jurisdiction, row["label"]), {
                "jurisdiction": jurisdiction, "place": row["place"], "department": row["label"],
                "type": row["type"], "basis": basis, "clauses": [], "supporters": []})
            if _RANK[basis] < _RANK[entry["basis"]]:
                entry["basis"] = basis
            evidence = {"document": document, "number": number, "heading": row["heading"]}
            if evidence not in entry["clauses"]:
                entry["clauses"].append(evidence)
            entry["supporters"].extend(p for p in partners if p not in entry["supporters"])
    ranked = sorted(leaders.values(), key=lambda e: (e["jurisdiction"], _RANK[e["basis"]],
                                                     -len(e["clauses"]), e["department"]))
    return topic, ranked


def known_topics(engine: Engine) -> list[str]:
    """What a topic can be: domain labels and every clause keyword in the graph."""
    rows = engine.select(_PREFIXES + "SELECT DISTINCT ?k WHERE { ?c qg:keyword ?k }", name="topics").rows
    return sorted({*domain_labels(), *(r["k"] for r in rows)})


def suggest(engine: Engine, topic: Topic, limit: int = 5) -> list[str]:
    """The known topics closest to one that matched nothing."""
    from rapidfuzz import fuzz, process

    found = process.extract(topic.text, known_topics(engine), scorer=fuzz.WRatio, limit=limit)
    return [choice for choice, _score, _index in found]
