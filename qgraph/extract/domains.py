"""Quality domains: the SKOS concepts of ``ontology/domains.ttl`` and the phrases that name them.

>>> domain_for_phrase("产品质量")
'https://w3id.org/qgraph/ontology#ProductQuality'
>>> domain_for_phrase("服务业") is None
True
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import resource_path


@lru_cache(maxsize=1)
def domain_labels() -> dict[str, str]:
    """Every @zh preferred and alternative label of a domain concept → the concept's IRI."""
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(resource_path("ontology", "domains.ttl"), format="turtle")
    labels = {}
    for predicate in (SKOS.altLabel, SKOS.prefLabel):  # preferred labels win
        for concept, label in graph.subject_objects(predicate):
            if getattr(label, "language", None) == "zh":
                labels[str(label)] = str(concept)
    return labels


def domain_for_phrase(phrase: str) -> str | None:
    """The domain a phrase names exactly (产品质量 → qg:ProductQuality), or None."""
    return domain_labels().get(phrase.strip())
