"""The topic index: each clause's topic terms as triples, so that `qgraph lead` looks a topic up instead of
reading every clause text.

The terms are the labels of the topics of ``qg:Topics`` (rules/topics.yaml and its overlays) and the Chinese
labels of the quality domains: what `qgraph lead` looks for when asked a topic or a domain. A clause
``qg:mentions`` each of them its text (``qg:text``) contains, exactly as ``CONTAINS(?text, term)`` would find
it; ``qg:TopicIndex qg:indexedTerm`` lists the terms, so that a question about any other phrase knows to read
the texts instead.

>>> from qgraph.vocab import clause_iri, literal
>>> clause = clause_iri("doc", "1")
>>> [t.object.value for t in mention_triples([Triple(clause, QG.text, literal("加强食品安全和品牌建设"))],
...                                          ("品牌", "食品安全", "计量"))]
['品牌', '食品安全']
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
import rdflib

from qgraph.vocab import QG, SKOS, Triple, literal

_SKOS = rdflib.Namespace(str(SKOS))
_QG = rdflib.Namespace(str(QG))


def index_terms(ontology: rdflib.Graph) -> tuple[str, ...]:
    """The terms clauses are indexed by: every label of a topic (scheme qg:Topics) and every @zh label of a
    quality domain (scheme qg:Domains), sorted."""
    terms: set[str] = set()
    for scheme, chinese_only in ((_QG.Topics, False), (_QG.Domains, True)):
        for concept in ontology.subjects(_SKOS.inScheme, scheme):
            for label in (*ontology.objects(concept, _SKOS.prefLabel), *ontology.objects(concept, _SKOS.altLabel)):
                if isinstance(label, rdflib.Literal) and (not chinese_only or label.language == "zh") and str(label):
                    terms.add(str(label))
    return tuple(sorted(terms))


def topic_index_triples(terms: Iterable[str]) -> list[Triple]:
    """``qg:TopicIndex qg:indexedTerm …``: which terms the clauses are indexed by."""
    return [Triple(QG.TopicIndex, QG.indexedTerm, literal(term)) for term in terms]


def mention_triples(triples: Iterable[Triple], terms: Sequence[str]) -> list[Triple]:
    """``CLAUSE qg:mentions TERM`` for each clause text (a ``qg:text`` triple among ``triples``) and each of
    ``terms`` it contains."""
    found: list[Triple] = []
    for triple in triples:
        if triple.predicate == QG.text and isinstance(triple.object, ox.Literal):
            text = triple.object.value
            found += [Triple(triple.subject, QG.mentions, literal(term)) for term in terms if term in text]
    return found
