"""Departments: who leads (牵头), supports (配合) or shares (按职责分工负责) each clause.

Find, then annotate: :func:`find_statements` locates responsibility statements (a clause's
parentheticals, and rules for running text); :func:`extract_assignments` turns each listed unit
into an :class:`Assignment` with its role, its place in the list, its label (prefix restored),
its span and its lead basis (why it does or does not count as the clause's lead). Everything about
notation lives in ``rules/responsibility.yaml``: a label may open each list of a statement
(``牵头单位：X；配合单位：Y、Z``), a role word may close a run of units (``X牵头，Y配合``).

>>> from qgraph.model import Jurisdiction
>>> yz = Jurisdiction("yz", "某某市", "Mou", "prefecture", "999999")
>>> [(a.label, a.role.value, a.position) for a in
...  extract_assignments("（三）提升。（市工信局、发改委按职责分工负责）", "2-3", yz)]
[('市工信局', 'Responsible', 1), ('市发改委', 'Responsible', 2)]
>>> [(a.label, a.basis.value) for a in
...  extract_assignments("加强监管。（牵头单位：市市场监管局；配合单位：市公安局、市商务局）", "1", yz)]
[('市市场监管局', 'ExplicitLead'), ('市公安局', 'Supporting'), ('市商务局', 'Supporting')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from qgraph.model import Assignment, Jurisdiction, LeadBasis, Role
from qgraph.rules import RuleSet, default_rules
from qgraph.text.manifest import jurisdiction_name

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
    suffixes: tuple[str, ...]        # jurisdiction suffixes (department_names.yaml), longest first


def responsibility_rules(rule_set: RuleSet | None = None) -> _Rules:
    """``responsibility.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> _Rules:
    rules = rule_set.file("responsibility.yaml")
    names = rule_set.file("department_names.yaml")

    def role_of(entry: dict[str, Any]) -> Role:
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
        suffixes=tuple(sorted((str(e["suffix"]) for e in names.entries("jurisdiction_suffixes")),
                              key=len, reverse=True)),
    )


def department_prefix(jurisdiction: Jurisdiction, rule_set: RuleSet | None = None) -> str:
    """What a department name starts with in this jurisdiction: 市, 省, 县, 区, 自治区, 州, 盟, 旗 …
    From the manifest's ``department_prefix``, else the suffix of the jurisdiction's name, else its level
    (never the name's last character: 云溪 at county level is 县).

    >>> from qgraph.model import Jurisdiction
    >>> [department_prefix(Jurisdiction("x", n, "X", level, "999999")) for n, level in
    ...  (("云溪", "county"), ("云溪市", "county"), ("某某自治区", "province"), ("某某盟", "prefecture"))]
    ['县', '市', '自治区', '盟']
    """
    if jurisdiction.department_prefix:
        return jurisdiction.department_prefix
    return jurisdiction_name(jurisdiction.name_zh, jurisdiction.level, rule_set).prefix


def restore_prefix(name: str, jurisdiction: Jurisdiction, rules: _Rules | None = None,
                   rule_set: RuleSet | None = None) -> str:
    """The name with its elided jurisdiction prefix restored (发改委 → 市发改委); a name written with
    the jurisdiction's own full name is written with its prefix instead (云溪市财政局 → 市财政局).

    >>> from qgraph.model import Jurisdiction
    >>> gs = Jurisdiction("gs", "某某省", "Mou", "province", "999999")
    >>> [restore_prefix(n, gs) for n in ("发展改革委", "省质监局", "团省委", "某某出入境检验检疫局", "某某省财政厅")]
    ['省发展改革委', '省质监局', '团省委', '某某出入境检验检疫局', '省财政厅']
    """
    rules = rules or responsibility_rules(rule_set)
    own = jurisdiction_name(jurisdiction.name_zh, jurisdiction.level, rule_set)
    prefix = jurisdiction.department_prefix or own.prefix
    if len(own.bare) >= 2 and name.startswith(own.bare):
        rest = name[len(own.bare):]
        suffix = next((x for x in rules.suffixes if rest.startswith(x) and len(rest) > len(x) + 1), None)
        if suffix:
            return prefix + rest[len(suffix):]
    if name.startswith(prefix) and not rules.prefix_words.match(name):
        return name
    if rules.no_prefix.search(name) or (len(own.bare) >= 2 and own.bare in name):
        return name
    return prefix + name


def is_group(name: str, rules: _Rules | None = None) -> bool:
    """Whether a unit's name is a collective body (成员单位, 各地人民政府), not one department."""
    return any(p.search(name) for p in (rules or responsibility_rules()).groups)


def find_statements(text: str, rules: _Rules | None = None) -> list[tuple[int, int]]:
    """[start, end) of each responsibility parenthetical's body in a clause's text: a body that
    names a role (the ``statement`` setting) or opens any of its lists with a role label."""
    rules = rules or responsibility_rules()
    return [(m.start(1), m.end(1)) for m in re.finditer(r"（([^（）]*)）", text)
            if rules.statement.search(m.group(1)) or _has_label(text, m.start(1), m.end(1), rules)]


def _has_label(text: str, start: int, end: int, rules: _Rules) -> bool:
    return any(_label(text, a, b, rules) for a, b in _split(text, start, end, rules))


def _label(text: str, a: int, b: int, rules: _Rules) -> tuple[int, Role, str] | None:
    """A role label opening the list item text[a:b] (牵头单位：): where the name starts, the role, the rule."""
    item = text[a:b]
    lead = len(item) - len(item.lstrip())
    for pattern, role, rule_id in rules.labels:
        found = pattern.match(item[lead:])  # on the slice: ^ anchors there
        if found:
            return a + lead + found.end(), role, rule_id
    return None


def _split(text: str, start: int, end: int, rules: _Rules) -> list[tuple[int, int]]:
    """Spans of the list items between start and end (separators removed, blanks skipped)."""
    spans, last = [], start
    for match in rules.separators.finditer(text, start, end):
        spans.append((last, match.start()))
        last = match.end()
    spans.append((last, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_Item = tuple[int, int, Role, str]  # a unit's span, its role, the rule that gave the role


def _statement(text: str, start: int, end: int, clause: str, jurisdiction: Jurisdiction,
               rules: _Rules) -> list[Assignment]:
    """The units of one statement. A label sets the role of the list it opens (each list of
    ``牵头单位：X；配合单位：Y`` has its own); a role word closes a run of units (``X、Y牵头``)."""
    rule, list_role = "statement", None
    items: list[_Item] = []
    pending: list[tuple[int, int]] = []
    for a, b in _split(text, start, end, rules):
        label = _label(text, a, b, rules)
        if label:
            items.extend((x, y, list_role or Role.RESPONSIBLE, rule) for x, y in pending)
            pending = []
            a, list_role, rule = label
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
    return _assignments(text, items, clause, jurisdiction, rules)


def _assignments(text: str, items: list[_Item], clause: str, jurisdiction: Jurisdiction, rules: _Rules,
                 tasks: list[str] | None = None) -> list[Assignment]:
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
        group = is_group(name, rules)
        if sole and role is Role.RESPONSIBLE:
            role = Role.LEAD  # the single unit named as responsible leads
            basis = LeadBasis.SOLE
        else:
            basis = _basis(role, position)
        result.append(Assignment(
            clause=clause, label=restore_prefix(name, jurisdiction, rules), written=name, role=role,
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


def find_in_text(text: str, clause: str, jurisdiction: Jurisdiction,
                 rule_set: RuleSet | None = None) -> list[Assignment]:
    """Units assigned in running text (documents without parentheticals): 分别牵头, 会同 …"""
    rules = responsibility_rules(rule_set)
    found: list[Assignment] = []
    for pattern, role, respectively, rule in rules.in_text:
        for match in pattern.finditer(text):
            a, b = match.span("units")
            items = [(x, y, role, rule) for x, y in _split(text, a, b, rules)]
            tasks = None
            if respectively:
                tasks = [t.strip() for t in re.split(r"[、，]|和", match.group("tasks")) if t.strip()]
                if len(tasks) != len(items):
                    continue  # "respectively" must pair one task with each unit
            found.extend(_assignments(text, items, clause, jurisdiction, rules, tasks))
    return found


def extract_assignments(text: str, clause: str, jurisdiction: Jurisdiction,
                        rule_set: RuleSet | None = None) -> list[Assignment]:
    """Every unit a clause's text assigns, statement by statement, in order."""
    rules = responsibility_rules(rule_set)
    found: list[Assignment] = []
    for start, end in find_statements(text, rules):
        found.extend(_statement(text, start, end, clause, jurisdiction, rules))
    if not found:
        found.extend(find_in_text(text, clause, jurisdiction, rule_set))
    return found
