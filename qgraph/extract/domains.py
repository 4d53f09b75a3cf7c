"""Quality domains: which of the domains of ``ontology/domains.ttl`` each clause is about, and how
that was decided (``rules/domains.yaml``):

- **stated**: the document's own structure names the domains (consecutive sibling headings, each a
  different core domain: 二.(一)–(四) 产品/工程/服务/环境质量目标);
- **inherited**: a clause below a stated one;
- **inferred**: jieba's tokens of the heading and text looked up in the domain lexicon, with the
  matched terms kept as evidence.

>>> domain_for_phrase("产品质量")
'https://w3id.org/qgraph/ontology#ProductQuality'
>>> domain_for_phrase("服务业") is None
True
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qgraph import vocab
from qgraph.model import Clause, DomainLabel, PartKind
from qgraph.rules import RuleSet, default_rules
from qgraph.text.words import words_for

QG = str(vocab.QG)
SKOS = str(vocab.SKOS)
STATED, INHERITED, INFERRED = "Stated", "Inherited", "Inferred"


def domain_labels(rule_set: RuleSet | None = None) -> dict[str, str]:
    """Every @zh and @en preferred and alternative label of a domain concept → the concept's IRI."""
    return (rule_set or default_rules()).compiled(_labels)


def _labels(rule_set: RuleSet) -> dict[str, str]:
    scheme = rule_set.taxonomy("domains.ttl")
    labels: dict[str, str] = {}
    for predicate in ("altLabel", "prefLabel"):  # preferred labels win
        labels.update((label, concept) for concept, label, language in scheme.about(SKOS + predicate)
                      if language in ("zh", "en"))
    return labels


def domain_for_phrase(phrase: str, rule_set: RuleSet | None = None) -> str | None:
    """The domain a phrase names exactly (产品质量 → qg:ProductQuality), or None."""
    return domain_labels(rule_set).get(phrase.strip())


@dataclass(frozen=True)
class _Rules:
    min_siblings: int
    core: frozenset[str]
    stated: tuple[tuple[re.Pattern[str], str, str], ...]
    label_line: re.Pattern[str]
    heading_weight: int
    min_score: int
    min_share: float
    lexicon: dict[str, str]          # term → domain IRI


def domain_rules(rule_set: RuleSet | None = None) -> _Rules:
    """``domains.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> _Rules:
    rules = rule_set.file("domains.yaml")
    known = set(domain_labels(rule_set).values())

    def concept(entry) -> str:
        iri = QG + str(entry.get("domain"))
        if iri not in known:
            raise rules.fail(entry, f"unknown domain {entry.get('domain')!r} (see ontology/domains.ttl)")
        return iri

    lexicon: dict[str, str] = {}
    for entry in rules.entries("lexicon"):
        for term in entry.get("terms") or ():
            lexicon[term] = concept(entry)
    return _Rules(
        min_siblings=int(rules.setting("stated_min_siblings")),
        core=frozenset(QG + name for name in rules.setting("stated_core").split()),
        stated=tuple((rules.regex(e), concept(e), e["id"]) for e in rules.entries("stated")),
        label_line=re.compile(rules.setting("label_line"), re.M),
        heading_weight=int(rules.setting("heading_weight")),
        min_score=int(rules.setting("min_score")),
        min_share=float(rules.setting("min_share")),
        lexicon=lexicon,
    )


def stated_domain(heading: str | None, rule_set: RuleSet | None = None) -> tuple[str, str, str] | None:
    """(domain, matched phrase, rule) when a heading names a domain."""
    if not heading:
        return None
    for pattern, domain, rule in domain_rules(rule_set).stated:
        found = pattern.search(heading)
        if found:
            return domain, found.group(0), rule
    return None


def infer_domains(heading: str | None, text: str,
                  rule_set: RuleSet | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Domains inferred from the lexicon: (domain, matched terms) by descending score."""
    rules = domain_rules(rule_set)
    tokens = words_for(rule_set).tokens
    scores: Counter[str] = Counter()
    matched: dict[str, Counter[str]] = {}
    for weight, part in ((rules.heading_weight, heading or ""), (1, text)):
        for token in tokens(part) if part else ():
            domain = rules.lexicon.get(token)
            if domain:
                scores[domain] += weight
                matched.setdefault(domain, Counter())[token] += 1
    if not scores:
        return []
    best = max(scores.values())
    chosen = [d for d, s in scores.items() if s >= rules.min_score and s >= rules.min_share * best]
    if not chosen:  # weak evidence: the best-scoring domain rather than none
        chosen = [d for d, s in scores.items() if s == best]
    chosen.sort(key=lambda d: (-scores[d], d))
    return [(d, tuple(t for t, _ in sorted(matched[d].items(), key=lambda kv: (-kv[1], kv[0]))[:5]))
            for d in chosen]


def phrase_domains(phrase: str, rule_set: RuleSet | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """The domains a short phrase's own words name (a target's metric): those whose lexicon terms
    occur most often among its tokens, with the terms; none when no token is in the lexicon.

    >>> [(d.removeprefix(QG), t) for d, t in phrase_domains("新建工程竣工验收合格率")]
    [('EngineeringQuality', ('工程', '验收'))]
    >>> phrase_domains("每万人发明专利拥有量")
    []
    """
    rules = domain_rules(rule_set)
    matched: dict[str, list[str]] = {}
    for token in words_for(rule_set).tokens(phrase):
        domain = rules.lexicon.get(token)
        if domain and token not in matched.get(domain, []):
            matched.setdefault(domain, []).append(token)
    if not matched:
        return []
    best = max(len(t) for t in matched.values())
    return [(d, tuple(t)) for d, t in sorted(matched.items()) if len(t) == best]


def classify(clauses: tuple[Clause, ...], rule_set: RuleSet | None = None) -> list[DomainLabel]:
    """The domains of every numbered clause of one document."""
    rules = domain_rules(rule_set)
    numbered = [c for c in clauses if c.kind in (PartKind.CLAUSE, PartKind.DASH_ITEM)]
    stated: dict[str, DomainLabel] = {}
    siblings: dict[str | None, list[Clause]] = {}
    for clause in numbered:
        siblings.setdefault(clause.parent, []).append(clause)
    for group in siblings.values():
        named = [stated_domain(c.heading, rule_set) for c in group]
        runs = _core_runs(named, rules)
        if not runs:
            continue
        for clause, found in zip(group, named, strict=False):  # the group states domains: every naming heading counts
            if found:
                stated[clause.slug] = DomainLabel(clause.slug, found[0], STATED, (found[1],), found[2])
    labels: list[DomainLabel] = []
    own: dict[str, list[DomainLabel]] = {}
    by_slug = {c.slug: c for c in numbered}
    for clause in numbered:
        if clause.slug in stated:
            own[clause.slug] = [stated[clause.slug]]
            labels.append(stated[clause.slug])
            continue
        ancestor = _stated_ancestor(clause, by_slug, stated)
        if ancestor:
            own[clause.slug] = [DomainLabel(clause.slug, ancestor.domain, INHERITED, ancestor.terms, ancestor.rule)]
            labels.extend(own[clause.slug])
            continue
        own[clause.slug] = [DomainLabel(clause.slug, domain, INFERRED, terms, "lexicon")
                            for domain, terms in infer_domains(clause.heading, clause.text, rule_set)]
    _from_children(numbered, own)
    for clause in numbered:  # still no evidence of its own: its parent's domains
        if not own[clause.slug] and clause.parent is not None and own.get(clause.parent):
            own[clause.slug] = [DomainLabel(clause.slug, label.domain, INHERITED, label.terms, label.rule)
                                for label in own[clause.parent]]
        if clause.slug not in stated and not _stated_ancestor(clause, by_slug, stated):
            labels.extend(own[clause.slug])
    return labels


def _from_children(numbered: list[Clause], own: dict[str, list[DomainLabel]]) -> None:
    """A clause with no evidence of its own (a section headed 保障措施) is about what its clauses are
    about: the domains that most of them share (inferred, the rule says so)."""
    for clause in reversed(numbered):  # deepest first, so sections see their clauses' results
        if own[clause.slug]:
            continue
        children = [c for c in numbered if c.parent == clause.slug and own[c.slug]]
        counts = Counter(label.domain for c in children for label in own[c.slug])
        if counts:
            best = max(counts.values())
            own[clause.slug] = [DomainLabel(clause.slug, d, INFERRED, tuple(c.number for c in children), "children")
                                for d, n in sorted(counts.items()) if n == best]


def _core_runs(named, rules: _Rules) -> bool:
    """Whether consecutive headings name at least min_siblings different core domains."""
    run: list[str] = []
    for found in named:
        if found and found[0] in rules.core and found[0] not in run:
            run.append(found[0])
            if len(run) >= rules.min_siblings:
                return True
        else:
            run = [found[0]] if found and found[0] in rules.core else []
    return False


def _stated_ancestor(clause: Clause, by_slug: dict[str, Clause], stated: dict[str, DomainLabel]):
    parent = clause.parent
    while parent is not None:
        if parent in stated:
            return stated[parent]
        parent = by_slug[parent].parent if parent in by_slug else None
    return None
