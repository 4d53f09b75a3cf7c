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
from dataclasses import dataclass, field

from qgraph.errors import RuleError
from qgraph.model import DepartmentType
from qgraph.rules import RuleSet, default_rules
from qgraph.strings import most_specific
from qgraph.vocab import DEPARTMENT_TYPE, QG, SKOS

SCHEME_FILE = "department-types.ttl"
TYPE_NS = str(DEPARTMENT_TYPE)
UNKNOWN = TYPE_NS + "unknown"
_QG = str(QG)
_SKOS = str(SKOS)


@dataclass(frozen=True)
class _Types:
    patterns: tuple[tuple[re.Pattern[str], DepartmentType], ...]
    seen: dict[str, DepartmentType] = field(default_factory=dict)   # name → type, per rule set


def _compile(rule_set: RuleSet) -> _Types:
    """Every qg:namePattern of the scheme's concepts (shipped and overlaid), compiled."""
    scheme = rule_set.taxonomy(SCHEME_FILE)
    labels: dict[str, dict[str, str]] = {}
    for concept, label, language in scheme.about(_SKOS + "prefLabel"):
        labels.setdefault(concept, {})[language] = label
    patterns: dict[str, list[str]] = {}
    for concept, pattern, _ in scheme.about(_QG + "namePattern"):
        patterns.setdefault(concept, []).append(pattern)
    found = []
    for concept in scheme.concepts():
        names = labels.get(concept, {})
        kind = DepartmentType(concept, names.get("zh", ""), names.get("en", ""))
        for pattern in patterns.get(concept, ()):
            try:
                found.append((re.compile(pattern), kind))
            except re.error as exc:
                raise RuleError("QG205", f"concept {concept}: pattern {pattern!r} is not a valid regular "
                                f"expression: {exc}", path=rule_set.taxonomy_turtle(SCHEME_FILE)[-1]) from None
    return _Types(tuple(found))


def department_type(name: str, rule_set: RuleSet | None = None) -> DepartmentType:
    """The type of a department, from its name (with or without a jurisdiction prefix)."""
    types = (rule_set or default_rules()).compiled(_compile)
    if name in types.seen:
        return types.seen[name]
    types.seen[name] = most_specific(types.patterns, name) or DepartmentType(UNKNOWN, "未知", "unknown", known=False)
    return types.seen[name]
