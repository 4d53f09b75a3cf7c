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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from qgraph.model import Assignment, Jurisdiction, LeadBasis, Role
from qgraph.rules import RuleSet, default_rules
from qgraph.text.manifest import jurisdiction_name

_ROLES = {"lead": Role.LEAD, "support": Role.SUPPORT, "responsible": Role.RESPONSIBLE}


@dataclass(frozen=True)
class _Label:
    pattern: re.Pattern[str]
    role: Role | None                 # None: the roles come from role words (部门分工：X牵头，Y配合)
    rule: str
    beside_lead: Role | None = None   # the role instead, when the statement has a lead list
    people: bool = False              # the list names people (牵头领导：…), never units


@dataclass(frozen=True)
class _Rules:
    statement: re.Pattern[str]
    labels: tuple[_Label, ...]
    role_words: tuple[tuple[re.Pattern[str], Role, str], ...]
    separators: re.Pattern[str]
    open_list: re.Pattern[str]
    in_text: tuple[tuple[re.Pattern[str], Role, bool, str], ...]
    unit_name: re.Pattern[str]
    groups: tuple[re.Pattern[str], ...]
    prefix_words: re.Pattern[str]
    no_prefix: re.Pattern[str]
    suffixes: tuple[str, ...]        # jurisdiction suffixes (department_names.yaml), longest first
    brackets: dict[str, str]
    statement_line: re.Pattern[str]
    item_opening: re.Pattern[str]
    whole_names: re.Pattern[str]
    shared_part: re.Pattern[str]
    not_shared_part: re.Pattern[str]
    shared_suffixes: re.Pattern[str]
    conventions: tuple[tuple[re.Pattern[str], str], ...]


def responsibility_rules(rule_set: RuleSet | None = None) -> _Rules:
    """``responsibility.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> _Rules:
    rules = rule_set.file("responsibility.yaml")
    names = rule_set.file("department_names.yaml")

    def role_of(entry: dict[str, Any], key: str = "role") -> Role:
        if entry.get(key) not in _ROLES:
            raise rules.fail(entry, f"{key} must be one of {', '.join(_ROLES)}")
        return _ROLES[entry[key]]

    def label(entry: dict[str, Any]) -> _Label:
        words = entry.get("role") in ("person", "words")
        role = None if words else role_of(entry)
        beside = role_of(entry, "beside_lead") if "beside_lead" in entry else None
        return _Label(rules.regex(entry), role, entry["id"], beside, entry.get("role") == "person")

    return _Rules(
        statement=re.compile(rules.setting("statement")),
        labels=tuple(label(e) for e in rules.entries("list_labels")),
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
        brackets=dict(rules.setting("brackets")),
        statement_line=re.compile(rules.setting("statement_line")),
        item_opening=re.compile(rules.setting("item_opening")),
        whole_names=re.compile(rules.setting("whole_names")),
        shared_part=re.compile(rules.setting("shared_part")),
        not_shared_part=re.compile(rules.setting("not_shared_part")),
        shared_suffixes=re.compile(rules.setting("shared_suffixes")),
        conventions=tuple((rules.regex(e), e["id"]) for e in rules.entries("conventions")),
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
    """[start, end) of each responsibility statement in a clause's text, in order: a bracketed body
    (（）〔〕[]【】, brackets inside it belonging to a name) that names a role (the ``statement``
    setting) or opens any of its lists with a role label; and a line of its own that opens with a
    label or is a run of unit names closed by a role word (read like a parenthetical).

    >>> find_statements("加强监管。〔牵头单位：市市场监管局〕")
    [(6, 17)]
    >>> text = "推进标准化。\\n责任单位：县市场监管局、县工信局"
    >>> [text[a:b] for a, b in find_statements(text)]
    ['责任单位：县市场监管局、县工信局']
    """
    rules = rules or responsibility_rules()
    found = [span for span in _bracketed(text, 0, len(text), rules)]
    found.extend(_statement_lines(text, found, rules))
    return sorted(found)


def _bracketed(text: str, start: int, end: int, rules: _Rules) -> list[tuple[int, int]]:
    """Statements among the outermost bracketed bodies of text[start:end]; a body that is no
    statement is searched for statements inside it."""
    found, depth, opened, closing = [], 0, 0, ""
    for i in range(start, end):
        char = text[i]
        if depth == 0 and char in rules.brackets:
            depth, opened, closing = 1, i, rules.brackets[char]
        elif depth and char == text[opened]:
            depth += 1
        elif depth and char == closing:
            depth -= 1
            if depth == 0:
                a, b = opened + 1, i
                if (rules.statement.search(text, a, b) or _has_label(text, a, b, rules)
                        or _bare_unit_list(text, a, b, rules)):
                    found.append((a, b))
                else:
                    found.extend(_bracketed(text, a, b, rules))
    return found


def _bare_unit_list(text: str, a: int, b: int, rules: _Rules) -> bool:
    """A bracket that closes a task or heading and holds only unit names (〔州市场监管局、州科技局〕):
    the units responsible, in drafting that states roles once for the whole document (排在第一位的
    为牵头单位) or not at all. Followed by the end of its line or sentence, so that a name's own
    bracket (各乡镇人民政府（办事处），…) is never one."""
    after = text[b + 1:b + 2]
    if after not in ("", "\n", "。", "；"):
        return False
    split = _split(text, a, b, rules)
    items = _assignments(text, [(x, y, Role.RESPONSIBLE, "statement.units") for x, y in split], "", None, rules)
    return bool(items) and len(items) == len(split)


def _statement_lines(text: str, taken: list[tuple[int, int]], rules: _Rules) -> list[tuple[int, int]]:
    found = []
    offset = 0
    for line in text.split("\n"):
        a = offset + len(line) - len(line.lstrip())
        b = offset + len(line.rstrip())
        offset += len(line) + 1
        if b - a < 3 or any(x <= a < y or a <= x < b for x, y in taken):
            continue
        body = text[a:b].rstrip("。；;.")
        end = a + len(body)
        if _label(text, a, end, rules):
            found.append((a, end))
        elif rules.statement_line.match(body) and len(body) <= 200:
            items = _assignments(text, _statement_items(text, a, end, rules), "", None, rules)
            split = _split(text, a, end, rules)
            if items and len(items) == len(split):   # every item is a unit: a line of units, not prose
                found.append((a, end))
    return found


def _has_label(text: str, start: int, end: int, rules: _Rules) -> bool:
    return any(_label(text, a, b, rules) for a, b in _split(text, start, end, rules))


def _label(text: str, a: int, b: int, rules: _Rules) -> tuple[int, _Label] | None:
    """A role label opening the list item text[a:b] (牵头单位：): where the name starts, the label."""
    item = text[a:b]
    lead = len(item) - len(item.lstrip())
    for label in rules.labels:
        found = label.pattern.match(item[lead:])  # on the slice: ^ anchors there
        if found:
            return a + lead + found.end(), label
    return None


def _split(text: str, start: int, end: int, rules: _Rules) -> list[tuple[int, int]]:
    """Spans of the list items between start and end (separators removed, blanks skipped); a
    separator inside brackets or inside a name kept whole (各县、市、区人民政府) splits nothing."""
    kept = [m.span() for m in rules.whole_names.finditer(text, start, end)]
    depth = 0
    inside = []
    for i in range(start, end):
        if text[i] in rules.brackets:
            depth += 1
        elif depth and text[i] in rules.brackets.values():
            depth -= 1
        inside.append(depth > 0)
    spans, last = [], start
    for match in rules.separators.finditer(text, start, end):
        at = match.start()
        if inside[at - start] or any(x < at < y for x, y in kept):
            continue
        spans.append((last, at))
        last = match.end()
    spans.append((last, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_Item = tuple[int, int, Role, str]  # a unit's span, its role, the rule that gave the role


def _statement_items(text: str, start: int, end: int, rules: _Rules) -> list[_Item]:
    """The units of one statement with their roles. A label sets the role of the list it opens (each
    list of ``牵头单位：X；配合单位：Y`` has its own; a person label's list is skipped); a role word
    closes a run of units (``X、Y牵头``)."""
    rule, list_role, skip = "statement", None, False
    items: list[_Item] = []
    pending: list[tuple[int, int]] = []
    labels: list[_Label] = []
    for a, b in _split(text, start, end, rules):
        label = _label(text, a, b, rules)
        if label:
            if not skip:
                items.extend((x, y, list_role or Role.RESPONSIBLE, rule) for x, y in pending)
            pending = []
            a, found = label
            labels.append(found)
            list_role, rule, skip = found.role, found.rule, found.people
        if skip:
            continue
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
    if not skip:
        items.extend((x, y, list_role or Role.RESPONSIBLE, rule) for x, y in pending)
    if any(label.role is Role.LEAD for label in labels):
        instead = {label.rule: label.beside_lead for label in labels if label.beside_lead}
        items = [(a, b, instead.get(rule_id, role), rule_id) for a, b, role, rule_id in items]
    return items


def _statement(text: str, start: int, end: int, clause: str, jurisdiction: Jurisdiction,
               rules: _Rules, convention: str | None = None) -> list[Assignment]:
    """The units of one statement, as assignments (see :func:`_statement_items`)."""
    items = _statement_items(text, start, end, rules)
    if convention and len(items) > 1 and all(role is Role.RESPONSIBLE for _, _, role, _ in items):
        a, b, _, _ = items[0]
        items[0] = (a, b, Role.LEAD, convention)   # the document says the first listed unit leads
    return _assignments(text, items, clause, jurisdiction, rules)


def _assignments(text: str, items: list[_Item], clause: str, jurisdiction: Jurisdiction | None, rules: _Rules,
                 tasks: list[str] | None = None) -> list[Assignment]:
    named: list[tuple[int, str, str, Role, str, bool]] = []   # start, name, label name, role, rule, 等
    for a, b, role, rule in items:
        open_list = False
        closing = rules.open_list.search(text, a, b)
        if closing:
            b, open_list = closing.start(), True
        name = text[a:b].strip()
        opening = rules.item_opening.match(name)
        if opening and len(name) > opening.end() + 1:
            name = name[opening.end():]
        if not name or "：" in name or ":" in name:   # an unknown label is never part of a name
            continue
        named.append((a + text[a:b].index(name), name, name, role, rule, open_list))
    named = _shared_suffix(text, named, rules)
    named = [n for n in named if rules.unit_name.match(n[2]) or is_group(n[2], rules)]
    sole = len(named) == 1
    result = []
    for position, (a, name, full, role, rule, open_list) in enumerate(named, start=1):
        group = is_group(full, rules)
        if sole and role is Role.RESPONSIBLE:
            role = Role.LEAD  # the single unit named as responsible leads
            basis = LeadBasis.SOLE
        elif role is Role.LEAD and rule.startswith("convention."):
            basis = LeadBasis.EXPLICIT
        else:
            basis = _basis(role, position)
        result.append(Assignment(
            clause=clause, label=restore_prefix(full, jurisdiction, rules) if jurisdiction else full,
            written=name, role=role, is_group=group, position=position, start=a, end=a + len(name), rule=rule,
            task=tasks[position - 1] if tasks and position <= len(tasks) else None,
            open_list=open_list, basis=LeadBasis.COLLECTIVE if group else basis))
    return result


def _shared_suffix(text: str, named: list[tuple[int, str, str, Role, str, bool]], rules: _Rules
                   ) -> list[tuple[int, str, str, Role, str, bool]]:
    """A suffix written once for a run (市文化、体育、旅游局): each part before the unit takes it."""
    result = list(named)
    for i in range(len(result) - 1, 0, -1):
        full, role = result[i][2], result[i][3]
        suffix = rules.shared_suffixes.search(full)
        if not rules.unit_name.match(full) or not suffix:
            continue
        j = i - 1
        while j >= 0:
            pa, pname, pfull, prole, prule, popen = result[j]
            following = result[j + 1][0]
            if (rules.unit_name.match(pfull) or not rules.shared_part.match(pfull)
                    or rules.not_shared_part.search(pfull) or text[pa + len(pname):following].strip() != "、"
                    or (prole is not role and not prule.startswith("convention."))):
                break
            result[j] = (pa, pname, pfull + suffix.group(), prole, prule, popen)
            j -= 1
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


def table_assignments(text: str, cells: Iterable[tuple[str, str, int, int]], clause: str,
                      jurisdiction: Jurisdiction, rule_set: RuleSet | None = None,
                      first_leads: str | None = None) -> list[Assignment]:
    """The units of a task table's row, their roles given by their columns (``cells``: role, column
    rule, start, end in ``text``, as :attr:`qgraph.model.Clause.cells`): a lead column's units lead
    (explicitly), a support column's support; the units of a responsibility column alone are read as
    a list ``责任单位：A、B`` is (one unit leads, several are jointly responsible, the first leading
    under the document's convention).

    >>> from qgraph.model import Jurisdiction
    >>> j = Jurisdiction("x", "云溪市", "X", "prefecture", "999999")
    >>> row = "1\\t加强监管\\t市市场监管局\\t市公安局、商务局\\t2024年底前"
    >>> cells = [("lead", "column.lead", 7, 13), ("support", "column.support", 14, 22)]
    >>> [(a.label, a.basis.value) for a in table_assignments(row, cells, "1", j)]
    [('市市场监管局', 'ExplicitLead'), ('市公安局', 'Supporting'), ('市商务局', 'Supporting')]
    """
    rules = responsibility_rules(rule_set)
    roles = {"lead": Role.LEAD, "support": Role.SUPPORT, "responsible": Role.RESPONSIBLE}
    items: list[_Item] = []
    for role, rule, a, b in cells:
        if role in roles:
            items.extend((x, y, roles[role], rule) for x, y in _split(text, a, b, rules))
    if first_leads and len(items) > 1 and all(role is Role.RESPONSIBLE for _, _, role, _ in items):
        a, b, _, _ = items[0]
        items[0] = (a, b, Role.LEAD, first_leads)
    return _assignments(text, items, clause, jurisdiction, rules)


def convention(text: str, rule_set: RuleSet | None = None) -> str | None:
    """The id of a document-wide convention a notice or preamble states, or None: with
    ``convention.first-listed-leads`` (排在第一位的为牵头单位) the first unit of every jointly
    responsible list leads. Pass it to :func:`extract_assignments` for every clause of the document.

    >>> convention("各责任单位中排在第一位的为牵头单位，其他为配合单位。")
    'convention.first-listed-leads'
    """
    rules = responsibility_rules(rule_set)
    return next((rule for pattern, rule in rules.conventions if pattern.search(text)), None)


@dataclass(frozen=True)
class _Names:
    forms: tuple[tuple[str, str], ...]    # (a written ending, the full name's ending), longest first
    branch_city: re.Pattern[str]


def _compile_names(rule_set: RuleSet) -> _Names:
    rules = rule_set.file("department_names.yaml")
    forms: list[tuple[str, str]] = []
    for entry in rules.entries("names"):
        full, short = entry.get("full"), entry.get("short") or []
        if not isinstance(full, str) or not isinstance(short, list) or not all(isinstance(x, str) for x in short):
            raise rules.fail(entry, "needs 'full' (a string) and 'short' (a list of strings)")
        forms.extend((form, full) for form in (full, *short))
    return _Names(tuple(sorted(forms, key=lambda f: -len(f[0]))), re.compile(rules.setting("branch_city")))


def name_key(label: str, rule_set: RuleSet | None = None) -> str:
    """The key under which the spellings of one unit of one jurisdiction merge: short forms written
    out in full (``rules/department_names.yaml``), a branch's parent city without its 市.

    >>> [name_key(n) for n in ("市发改委", "市发展改革委", "市发展和改革委员会", "市财政局")]
    ['市发展和改革委员会', '市发展和改革委员会', '市发展和改革委员会', '市财政局']
    >>> name_key("云溪市生态环境局青川分局") == name_key("云溪生态环境局青川分局")
    True
    """
    names = (rule_set or default_rules()).compiled(_compile_names)
    key = names.branch_city.sub("", label)
    for form, full in names.forms:
        if key.endswith(form) and len(key) > len(form):
            return key[:-len(form)] + full
    return key


def merge_departments(labels: Iterable[str], rule_set: RuleSet | None = None
                      ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical label, the other labels) for each unit a document writes in more than one way, given
    every label it assigns (repeats included, in document order). The canonical label is the one
    used most often; ties go to the shortest, then to the first written. Sorted by canonical label.

    >>> merge_departments(["市市场监管局", "市发改委", "市市场监督管理局", "市市场监管局", "市发展改革委"])
    (('市发改委', ('市发展改革委',)), ('市市场监管局', ('市市场监督管理局',)))
    """
    labels = list(labels)
    counts = Counter(labels)
    first = {label: n for n, label in reversed(list(enumerate(labels)))}
    groups: dict[str, list[str]] = {}
    for label in first:
        groups.setdefault(name_key(label, rule_set), []).append(label)
    merged = []
    for variants in groups.values():
        if len(variants) > 1:
            best = min(variants, key=lambda v: (-counts[v], len(v), first[v]))
            merged.append((best, tuple(sorted(v for v in variants if v != best))))
    return tuple(sorted(merged))


def unify_labels(assignments: Iterable[Assignment], rule_set: RuleSet | None = None
                 ) -> tuple[tuple[Assignment, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """A document's assignments with one label per unit (see :func:`merge_departments`; collective
    bodies are left alone), and the merges made: what the build records and turns into skos:altLabel.

    >>> from qgraph.model import Jurisdiction
    >>> j = Jurisdiction("x", "云溪市", "X", "prefecture", "999999")
    >>> found = (extract_assignments("（一）推进。（市市场监督管理局负责）", "1", j)
    ...          + extract_assignments("（二）推进。（市场监管局、市财政局负责）", "2", j)
    ...          + extract_assignments("（三）推进。（市市场监管局负责）", "3", j))
    >>> unified, merges = unify_labels(found)
    >>> [a.label for a in unified], merges
    (['市市场监管局', '市市场监管局', '市财政局', '市市场监管局'], (('市市场监管局', ('市市场监督管理局',)),))
    """
    assignments = tuple(assignments)
    merges = merge_departments((a.label for a in assignments if not a.is_group), rule_set)
    canonical = {variant: best for best, variants in merges for variant in variants}
    return (tuple(replace(a, label=canonical[a.label]) if not a.is_group and a.label in canonical else a
                  for a in assignments), merges)


def extract_assignments(text: str, clause: str, jurisdiction: Jurisdiction,
                        rule_set: RuleSet | None = None, first_leads: str | None = None) -> list[Assignment]:
    """Every unit a clause's text assigns, statement by statement, in order. ``first_leads``: the id
    of a document's convention (:func:`convention`) that makes the first unit of a jointly
    responsible list an explicit lead.

    >>> from qgraph.model import Jurisdiction
    >>> j = Jurisdiction("x", "云溪县", "X", "county", "999999")
    >>> [(a.label, a.basis.value) for a in extract_assignments(
    ...     "（三）加强监管。（县市场监管局、县财政局负责）", "1", j, first_leads="convention.first-listed-leads")]
    [('县市场监管局', 'ExplicitLead'), ('县财政局', 'JointlyResponsible')]
    """
    rules = responsibility_rules(rule_set)
    found: list[Assignment] = []
    for start, end in find_statements(text, rules):
        found.extend(_statement(text, start, end, clause, jurisdiction, rules, first_leads))
    if not found:
        found.extend(find_in_text(text, clause, jurisdiction, rule_set))
    return found
