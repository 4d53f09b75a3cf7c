"""`qgraph compare INDICATOR`: one indicator's targets across jurisdictions, side by side.

An indicator is named by its id (manufacturing-product-pass-rate), a label (制造业产品质量合格率,
manufacturing product pass rate) or any metric phrase that maps to it; traditional script is
converted first. Targets of related indicators (skos:related: alike, but not the same measure)
are listed too, marked as related rather than merged.

>>> resolve_indicator("製造業產品質量合格率").rsplit("/", 1)[1]
'manufacturing-product-pass-rate'
"""
from __future__ import annotations

from functools import lru_cache

from qgraph.ask.engine import Engine
from qgraph.errors import QueryError
from qgraph.extract.targets import INDICATOR_NS, indicator_for
from qgraph.text.normalise import to_simplified
from qgraph.resources import resource_path

_SYMBOLS = {"AtLeast": "≥", "GreaterThan": ">", "Equal": "=", "AtMost": "≤", "LessThan": "<",
            "Approximately": "≈"}


@lru_cache(maxsize=1)
def indicator_labels() -> dict[str, str]:
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph().parse(resource_path("ontology", "indicators.ttl"), format="turtle")
    labels = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        labels[str(concept)[len(INDICATOR_NS):].lower()] = str(concept)
        for predicate in (SKOS.altLabel, SKOS.prefLabel):
            for label in graph.objects(concept, predicate):
                labels[str(label).lower()] = str(concept)
    return labels


def resolve_indicator(name: str) -> str:
    """The indicator's IRI, or a QueryError listing what is known."""
    text = to_simplified(name.strip())
    found = indicator_labels().get(text.lower()) or indicator_for(text)
    if found:
        return found
    known = sorted({iri[len(INDICATOR_NS):] for iri in indicator_labels().values()})
    raise QueryError("QG405", f"no indicator matches '{text}' (known: {', '.join(known)})")


def compare(engine: Engine, name: str) -> list[dict]:
    """Every target of the indicator, then those of related indicators, per jurisdiction and year."""
    indicator = resolve_indicator(name)
    query = f"""PREFIX qg: <https://w3id.org/qgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?jurisdiction ?document ?year ?relation ?indicator ?metric ?comparator ?value ?valueMax ?unit ?number ?text
WHERE {{
  {{ BIND(<{indicator}> AS ?i) BIND("same" AS ?relation) }}
  UNION {{ <{indicator}> skos:related ?i BIND("related" AS ?relation) }}
  ?t qg:indicator ?i ; qg:metric ?metric ; qg:value ?value ; qg:unit ?unit ; qg:comparator ?c ;
     qg:statedIn ?clause ; qg:sourceText ?text .
  OPTIONAL {{ ?t qg:valueMax ?valueMax }}
  OPTIONAL {{ ?t qg:targetYear ?y }}
  BIND(STR(?y) AS ?year)
  BIND(STRAFTER(STR(?c), "#") AS ?comparator)
  ?i skos:prefLabel ?indicator FILTER(lang(?indicator) = "en")
  ?clause qg:number ?number ; qg:document ?doc .
  ?doc dcterms:identifier ?document ; qg:jurisdiction ?j .
  BIND(REPLACE(STR(?j), "^.*/", "") AS ?jurisdiction)
}}
ORDER BY DESC(?relation) ?jurisdiction ?year ?number ?metric"""
    rows = []
    for row in engine.select(query, name="compare").rows:
        row = dict(row)
        row["comparator"] = _SYMBOLS.get(row["comparator"], row["comparator"])
        rows.append(row)
    return rows
