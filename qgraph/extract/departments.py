"""Departments: who leads (牵头), supports (配合) or shares (按职责分工负责) each clause.

Find, then annotate: :func:`find_statements` locates responsibility statements (a clause's
parentheticals, and rules for running text); :func:`extract_assignments` turns each listed unit
into an :class:`Assignment` with its role, its place in the list, its label (prefix restored)
and its span. Everything about notation lives in ``rules/responsibility.yaml``.

>>> from qgraph.model import Jurisdiction
>>> yz = Jurisdiction("yz", "某某市", "Mou", "prefecture", "999999")
>>> [(a.label, a.role.value, a.position) for a in
...  extract_assignments("（三）提升。（市工信局、发改委按职责分工负责）", "2-3", yz)]
[('市工信局', 'Responsible', 1), ('市发改委', 'Responsible', 2)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from qgraph.model import Assignment, Jurisdiction, LeadBasis, Role
from qgraph.rules import load_rule_file


_ROLES = {"lead": Role.LEAD, "support": Role.SUPPORT, "responsible": Role.RESPONSIBLE}


@dataclass(frozen=True)
class _Rules:
    statement: re.Pattern[str]
    labels: tuple[tuple[re.Pattern[str], Role, str], ...]
    role_words: tuple[tuple[re.Pattern[str], Role, str], ...]
    separators: re.Pattern[str]
    open_list: re.Pattern[str]
    in_text: tuple[tuple[re.Pattern[str], Role, bool, str], ...]
    unit_name: re.Pattern[str]
    groups: tuple[re.Pattern[str], ...]
    prefix_words: re.Pattern[str]
    no_prefix: re.Pattern[str]


@lru_cache(maxsize=1)
def responsibility_rules() -> _Rules:
    rules = load_rule_file("responsibility.yaml")

    def role_of(entry) -> Role:
        if entry.get("role") not in _ROLES:
            raise rules.fail(entry, f"role must be one of {', '.join(_ROLES)}")
        return _ROLES[entry["role"]]

    return _Rules(
        statement=re.compile(rules.setting("statement")),
        labels=tuple((rules.regex(e), role_of(e), e["id"]) for e in rules.entries("list_labels")),
        role_words=tuple((rules.regex(e), role_of(e), e["id"]) for e in rules.entries("role_words")),
        separators=re.compile(rules.setting("separators")),
        open_list=re.compile(rules.setting("open_list")),
        in_text=tuple((rules.regex(e), role_of(e), bool(e.get("respectively")), e["id"])
                      for e in rules.entries("in_text")),
        unit_name=re.compile(rules.setting("unit_name")),
        groups=tuple(rules.regex(e) for e in rules.entries("groups")),
        prefix_words=re.compile(rules.setting("prefix_words")),
        no_prefix=re.compile(rules.setting("no_prefix")),
    )


def department_prefix(jurisdiction: Jurisdiction) -> str:
    """The character a department name starts with in this jurisdiction: 市, 省, 县 …"""
    return jurisdiction.department_prefix or jurisdiction.name_zh[-1]


def restore_prefix(name: str, jurisdiction: Jurisdiction) -> str:
    """The name with its elided jurisdiction prefix restored (发改委 → 市发改委).

    >>> from qgraph.model import Jurisdiction
    >>> gs = Jurisdiction("gs", "某某省", "Mou", "province", "999999")
    >>> [restore_prefix(n, gs) for n in ("发展改革委", "省质监局", "团省委", "某某出入境检验检疫局")]
    ['省发展改革委', '省质监局', '团省委', '某某出入境检验检疫局']
    """
    rules = responsibility_rules()
    prefix = department_prefix(jurisdiction)
    own_name = jurisdiction.name_zh[:-1] if len(jurisdiction.name_zh) > 2 else jurisdiction.name_zh
    if name.startswith(prefix) and not rules.prefix_words.match(name):
        return name
    if rules.no_prefix.search(name) or own_name in name:
        return name
    return prefix + name


def is_group(name: str) -> bool:
    return any(p.search(name) for p in responsibility_rules().groups)


def find_statements(text: str) -> list[tuple[int, int]]:
    """[start, end) of each responsibility parenthetical's body in a clause's text."""
    rules = responsibility_rules()
    return [(m.start(1), m.end(1)) for m in re.finditer(r"（([^（）]*)）", text)
            if rules.statement.search(m.group(1))]


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the list items between start and end (separators removed, blanks skipped)."""
    spans, last = [], start
    for match in responsibility_rules().separators.finditer(text, start, end):
        spans.append((last, match.start()))
        last = match.end()
    spans.append((last, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _statement(text: str, start: int, end: int, clause: str, jurisdiction: Jurisdiction) -> list[Assignment]:
    rules = responsibility_rules()
    rule, list_role = "statement", None
    for pattern, role, rule_id in rules.labels:
        label = pattern.match(text[start:end])  # on the slice: ^ anchors there
        if label:
            start, list_role, rule = start + label.end(), role, rule_id
            break
    items: list[tuple[int, int, Role | None, str]] = []  # name span, role, rule
    pending: list[tuple[int, int]] = []
    for a, b in _split(text, start, end):
        role, rule_id = list_role, rule
        for pattern, word_role, word_rule in rules.role_words:
            word = pattern.search(text, a, b)
            if word:
                b, role, rule_id = word.start(), word_role, word_rule
                break
        pending.append((a, b))
        if role is not None:
            items.extend((x, y, role, rule_id) for x, y in pending)
            pending = []
    items.extend((x, y, list_role or Role.RESPONSIBLE, rule) for x, y in pending)
    return _assignments(text, items, clause, jurisdiction)


def _assignments(text: str, items, clause: str, jurisdiction: Jurisdiction,
                 tasks: list[str] | None = None) -> list[Assignment]:
    rules = responsibility_rules()
    named = []
    for a, b, role, rule in items:
        open_list = False
        closing = rules.open_list.search(text, a, b)
        if closing:
            b, open_list = closing.start(), True
        name = text[a:b].strip()
        if not rules.unit_name.match(name):
            continue
        named.append((a + text[a:b].index(name), name, role, rule, open_list))
    sole = len(named) == 1
    result = []
    for position, (a, name, role, rule, open_list) in enumerate(named, start=1):
        group = is_group(name)
        if sole and role is Role.RESPONSIBLE:
            role = Role.LEAD  # the single unit named as responsible leads
            basis = LeadBasis.SOLE
        else:
            basis = _basis(role, position)
        result.append(Assignment(
            clause=clause, label=restore_prefix(name, jurisdiction), written=name, role=role,
            is_group=group, position=position, start=a, end=a + len(name), rule=rule,
            task=tasks[position - 1] if tasks and position <= len(tasks) else None,
            open_list=open_list, basis=LeadBasis.COLLECTIVE if group else basis))
    return result


def _basis(role: Role, position: int) -> LeadBasis:
    """Why a unit of a statement does or does not lead (a sole responsible unit is decided above)."""
    if role is Role.LEAD:
        return LeadBasis.EXPLICIT
    if role is Role.SUPPORT:
        return LeadBasis.SUPPORT
    return LeadBasis.FIRST_LISTED if position == 1 else LeadBasis.JOINT


def _in_text(text: str, clause: str, jurisdiction: Jurisdiction) -> list[Assignment]:
    rules = responsibility_rules()
    found: list[Assignment] = []
    for pattern, role, respectively, rule in rules.in_text:
        for match in pattern.finditer(text):
            a, b = match.span("units")
            items = [(x, y, role, rule) for x, y in _split(text, a, b)]
            tasks = None
            if respectively:
                tasks = [t.strip() for t in re.split(r"[、，]|和", match.group("tasks")) if t.strip()]
                if len(tasks) != len(items):
                    continue  # "respectively" must pair one task with each unit
            found.extend(_assignments(text, items, clause, jurisdiction, tasks))
    return found


def extract_assignments(text: str, clause: str, jurisdiction: Jurisdiction) -> list[Assignment]:
    """Every unit a clause's text assigns, statement by statement, in order."""
    found: list[Assignment] = []
    for start, end in find_statements(text):
        found.extend(_statement(text, start, end, clause, jurisdiction))
    if not found:
        found.extend(_in_text(text, clause, jurisdiction))
    return found
