"""Department types: a unit's name mapped to a concept of the SKOS scheme in
``ontology/department-types.ttl``, by the ``qg:namePattern`` regular expressions kept there.

The most specific match wins: the longest matched text, then the longest pattern. A name no
pattern matches is of type ``unknown`` (reported by the build, never dropped).

>>> department_type("省质监局").local
'quality-supervision'
>>> department_type("市市场监管局").label_en
'market regulation'
>>> department_type("市天文局").local
'unknown'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qgraph.errors import RuleError
from qgraph.model import DepartmentType
from qgraph.resources import resource_path

SCHEME_FILE = "department-types.ttl"
TYPE_NS = "https://w3id.org/qgraph/department-type/"
UNKNOWN = TYPE_NS + "unknown"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], DepartmentType], ...]:
    import rdflib
    from rdflib.namespace import RDF, SKOS

    qg = rdflib.Namespace("https://w3id.org/qgraph/ontology#")
    path = resource_path("ontology", SCHEME_FILE)
    graph = rdflib.Graph().parse(path, format="turtle")
    found = []
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept)):
        labels = {l.language: str(l) for l in graph.objects(concept, SKOS.prefLabel)}
        kind = DepartmentType(str(concept), labels.get("zh", ""), labels.get("en", ""))
        for pattern in sorted(graph.objects(concept, qg.namePattern)):
            try:
                found.append((re.compile(str(pattern)), kind))
            except re.error as exc:
                raise RuleError("QG205", f"concept {concept}: pattern {pattern!r} is not a valid regular "
                                f"expression: {exc}", path=path) from None
    return tuple(found)


@lru_cache(maxsize=None)
def department_type(name: str) -> DepartmentType:
    """The type of a department, from its name (with or without a jurisdiction prefix)."""
    best, best_key = None, (0, 0)
    for pattern, kind in _patterns():
        match = pattern.search(name)
        if match:
            key = (match.end() - match.start(), len(pattern.pattern))
            if key > best_key:
                best, best_key = kind, key
    return best or DepartmentType(UNKNOWN, "未知", "unknown", known=False)
