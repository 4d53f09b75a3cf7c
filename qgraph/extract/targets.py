"""Targets: the quantitative commitments of a clause, written with Arabic numerals.

Find, then annotate: :func:`find_targets` locates each number with a unit that is not excluded
(dates, document numbers, hotlines, names such as 5G or PM2.5, numbers that only set a scope),
reads its comparator, change and metric around it and returns :class:`Found` spans;
:func:`extract_targets` adds the year (the nearest preceding 到2025年 in the text, else the year
the pipeline passes from the clause's heading), the period and the comparable indicator, and
returns :class:`Target` values. Every phrase table lives in ``rules/targets.yaml``; the
indicators and their ``qg:metricPattern`` regular expressions in ``ontology/indicators.ttl``.

>>> [(t.metric, str(t.value), t.unit, t.comparator.value, t.year) for t in
...  extract_targets("到2025年，全市森林覆盖率达28.6%以上，专利申请量达到4.5万件。", "2-4")]
[('全市森林覆盖率', '28.6', '%', 'AtLeast', 2025), ('专利申请量', '45000', '件', 'Equal', 2025)]
>>> t = extract_targets("能源消耗较2020年下降17%。", "1", inherited_year=2025)[0]
>>> t.change.value, t.baseline_year, t.year, t.text
('Decrease', 2020, 2025, '能源消耗较2020年下降17%')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from qgraph.errors import RuleError
from qgraph.model import Change, Comparator, Target
from qgraph.rules import RuleFile, RuleSet, default_rules
from qgraph.strings import most_specific
from qgraph.vocab import INDICATOR, QG


@dataclass(frozen=True, slots=True)
class Found:
    """A target as found in a text, before the year, period and indicator are added."""

    metric: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: Comparator
    change: Change | None
    baseline_year: int | None
    reference: str | None
    annual: bool
    start: int          # the phrase: from the metric's first character …
    end: int            # … to the end of the value's unit and comparator (or of the counted noun)
    number: int         # where the value's digits start (the year governing it is the one before)
    rule: str


# --- the rule file -----------------------------------------------------------------------------

FORMS = ("metric-value", "count-of-noun", "shared-value", "respectively")
_COMPARATORS = {c.value: c for c in Comparator}
_CHANGES = {c.value: c for c in Change}


@dataclass(frozen=True)
class _Rules:
    candidate: re.Pattern[str]                      # number, multiplier, unit
    units: dict[str, str]                           # group name → unit
    rates: frozenset[str]                           # units that never count a noun (95%农村… is run on)
    parameters: tuple[re.Pattern[str], ...]         # searched in the phrase before the number
    achievements: tuple[re.Pattern[str], ...]
    multipliers: dict[str, Decimal]                 # group name → factor
    before: tuple[tuple[re.Pattern[str], Comparator], ...]   # anchored at the end ($)
    after: tuple[tuple[re.Pattern[str], Comparator], ...]
    changes: tuple[tuple[re.Pattern[str], Change], ...]      # anchored at the end ($)
    periods: tuple[re.Pattern[str], ...]
    years: tuple[re.Pattern[str], ...]
    plans: dict[str, int]                           # 十四五 → 2025
    title_years: tuple[tuple[re.Pattern[str], bool], ...]   # pattern, names the plan's own year
    not_targets: tuple[re.Pattern[str], ...]
    scope_leads: tuple[re.Pattern[str], ...]
    scope_lists: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]   # separators, open end
    leads: tuple[re.Pattern[str], ...]              # anchored at the start
    tails: tuple[re.Pattern[str], ...]              # anchored at the end ($)
    complements: tuple[re.Pattern[str], ...]
    shared: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]        # conjunction, heads
    references: tuple[tuple[re.Pattern[str], str, str], ...]           # pattern, unit, id
    bare: re.Pattern[str]                           # a number written without a unit
    unitless: tuple[tuple[re.Pattern[str], str], ...]                  # metric head ($), unit
    forms: dict[str, str]                           # form → rule id
    delimiters: str
    enumeration: str


def _anchored_end(rules: RuleFile, entry: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(f"(?:{rules.regex(entry).pattern})$")


def _choice(rules: RuleFile, entry: dict[str, Any], key: str, allowed: dict[str, Any]) -> Any:
    if entry.get(key) not in allowed:
        raise rules.fail(entry, f"{key} must be one of {', '.join(allowed)}")
    return allowed[entry[key]]


def _compile(rules: RuleFile) -> _Rules:
    units: dict[str, str] = {}
    rates: set[str] = set()
    unit_groups = []
    for n, entry in enumerate(rules.entries("units")):
        if not isinstance(entry.get("unit"), str) or not entry["unit"]:
            raise rules.fail(entry, "'unit' is missing or empty")
        units[f"u{n}"] = entry["unit"]
        if entry.get("rate") is True:
            rates.add(entry["unit"])
        unit_groups.append(f"(?P<u{n}>{rules.regex(entry).pattern})")
    multipliers: dict[str, Decimal] = {}
    multiplier_groups = []
    for n, entry in enumerate(rules.entries("multipliers")):
        factor = entry.get("factor")
        if not isinstance(factor, int) or isinstance(factor, bool) or factor <= 0:
            raise rules.fail(entry, "'factor' must be a positive whole number")
        multipliers[f"m{n}"] = Decimal(factor)
        multiplier_groups.append(f"(?P<m{n}>{rules.regex(entry).pattern})")
    number = rules.setting("number")
    try:
        candidate = re.compile(f"{number}(?:{'|'.join(multiplier_groups)})?(?:{'|'.join(unit_groups)})")
    except re.error as exc:
        raise RuleError("QG208", f"setting 'number': not a valid regular expression: {exc}",
                        path=rules.path) from None
    if "num" not in candidate.groupindex or "max" not in candidate.groupindex:
        raise RuleError("QG208", "setting 'number' must have the groups num and max", path=rules.path)

    before, after = [], []
    for entry in rules.entries("comparators"):
        comparator = _choice(rules, entry, "comparator", _COMPARATORS)
        position = _choice(rules, entry, "position", {"before": "before", "after": "after"})
        if position == "before":
            before.append((_anchored_end(rules, entry), comparator))
        else:
            after.append((rules.regex(entry), comparator))
    changes = []
    for entry in rules.entries("changes"):
        pattern = _anchored_end(rules, entry)
        if set(pattern.groupindex) - {"baseline"}:
            raise rules.fail(entry, "the only group a change may name is baseline")
        changes.append((pattern, _choice(rules, entry, "change", _CHANGES)))
    plans: dict[str, int] = {}
    for entry in rules.entries("plan_periods"):
        end = entry.get("end")
        if not isinstance(end, int) or isinstance(end, bool):
            raise rules.fail(entry, "'end' must be a year")
        plans[str(entry["pattern"])] = end
    years = []
    for entry in rules.entries("years"):
        pattern = rules.regex(entry)
        if "year" not in pattern.groupindex and "plan" not in pattern.groupindex:
            raise rules.fail(entry, "the pattern must have a group named year (or plan)")
        years.append(pattern)
    title_years = []
    for entry in rules.entries("title_years"):
        pattern = rules.regex(entry)
        if "year" not in pattern.groupindex:
            raise rules.fail(entry, "the pattern must have a group named year")
        title_years.append((pattern, entry.get("annual") is True))
    scope_leads, scope_lists = [], []
    for entry in rules.entries("scopes"):
        kind = _choice(rules, entry, "kind", {"lead": "lead", "list": "list"})
        if kind == "lead":
            scope_leads.append(re.compile(rules.regex(entry).pattern))
        else:
            scope_lists.append((rules.regex(entry), re.compile(f"(?:{rules.regex(entry, 'open').pattern})$")))
    shared = tuple((rules.regex(e), rules.regex(e, "heads")) for e in rules.entries("shared_values"))
    references = []
    for entry in rules.entries("references"):
        pattern = rules.regex(entry)
        missing = {"comparator", "reference", "value"} - set(pattern.groupindex)
        if missing:
            raise rules.fail(entry, f"the pattern lacks the groups {', '.join(sorted(missing))}")
        if not isinstance(entry.get("unit"), str) or not entry["unit"]:
            raise rules.fail(entry, "'unit' (for a value written without one) is missing")
        references.append((pattern, entry["unit"], entry["id"]))
    unitless = []
    for entry in rules.entries("unitless"):
        if not isinstance(entry.get("unit"), str) or not entry["unit"]:
            raise rules.fail(entry, "'unit' (recorded for a value written without one) is missing")
        unitless.append((_anchored_end(rules, entry), entry["unit"]))
    followers = "|".join(rules.regex(e).pattern for e in rules.entries("comparators") if e.get("position") == "after")
    forms: dict[str, str] = {}
    for entry in rules.entries("forms"):
        forms[_choice(rules, entry, "form", {f: f for f in FORMS})] = entry["id"]
    for form in FORMS:
        if form not in forms:
            raise RuleError("QG209", f"section 'forms' has no entry for the form '{form}'", path=rules.path)
    delimiters, enumeration = rules.setting("delimiters"), rules.setting("enumeration")
    if not isinstance(delimiters, str) or not isinstance(enumeration, str):
        raise RuleError("QG208", "settings 'delimiters' and 'enumeration' must be strings", path=rules.path)
    ends = re.escape(str(delimiters) + str(enumeration))
    bare = re.compile(f"{number}(?=(?:{followers})|[{ends}]|$)")
    return _Rules(
        bare=bare, unitless=tuple(unitless), rates=frozenset(rates),
        parameters=tuple(rules.regex(e) for e in rules.entries("parameters")),
        achievements=tuple(rules.regex(e) for e in rules.entries("achievements")),
        candidate=candidate, units=units, multipliers=multipliers,
        before=tuple(before), after=tuple(after), changes=tuple(changes),
        periods=tuple(rules.regex(e) for e in rules.entries("periods")),
        years=tuple(years), plans=plans, title_years=tuple(title_years),
        not_targets=tuple(re.compile(rules.regex(e).pattern) for e in rules.entries("not_targets")),
        scope_leads=tuple(scope_leads), scope_lists=tuple(scope_lists),
        leads=tuple(rules.regex(e) for e in rules.entries("metric_leads")),
        tails=tuple(_anchored_end(rules, e) for e in rules.entries("metric_tails")),
        complements=tuple(rules.regex(e) for e in rules.entries("complements")),
        shared=shared, references=tuple(references), forms=forms,
        delimiters=delimiters, enumeration=enumeration)


def target_rules(rule_set: RuleSet | None = None) -> _Rules:
    """``targets.yaml`` compiled, once per rule set (the shipped rules when none is given); a
    malformed file fails in one line."""
    return (rule_set or default_rules()).compiled(_compile_rule_set)


def _compile_rule_set(rule_set: RuleSet) -> _Rules:
    return _compile(rule_set.file("targets.yaml"))


# --- finding -------------------------------------------------------------------------------------

def _plain(value: Decimal) -> Decimal:
    """A whole number without a fractional part (45000.0 → 45000); others unchanged."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _masked(text: str, rules: _Rules) -> list[tuple[int, int]]:
    return [m.span() for p in rules.not_targets for m in p.finditer(text) if m.end() > m.start()]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _longest_tail(text: str, patterns) -> tuple[re.Match[str], Any] | None:
    """The pattern matching the longest end of ``text`` (patterns anchored with $), with its value."""
    best = None
    for pattern, value in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0].start()):
            best = (match, value)
    return best


def _longest_at(text: str, pos: int, patterns) -> tuple[re.Match[str], Any] | None:
    best = None
    for pattern, value in patterns:
        match = pattern.match(text, pos)
        if match and match.end() > pos and (best is None or match.end() > best[0].end()):
            best = (match, value)
    return best


def _scan_back(text: str, pos: int, rules: _Rules) -> int:
    """Where a metric ending at ``pos`` may start: after the nearest delimiter (parentheses skipped)."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        char = text[i]
        if char == "）":
            depth += 1
        elif char == "（":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and char in rules.delimiters:
            return i + 1
    return 0


def _scan_forward(text: str, pos: int, rules: _Rules) -> int:
    """Where a counted noun starting at ``pos`` ends: at a delimiter, or at 、 before the next count."""
    depth = 0
    for i in range(pos, len(text)):
        char = text[i]
        if char == "（":
            depth += 1
        elif char == "）":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and (char in rules.delimiters
                             or (char in rules.enumeration and rules.candidate.match(text, i + 1))):
            return i
    return len(text)


def _strip_leads(text: str, start: int, end: int, rules: _Rules) -> int:
    """The metric's start once years and words of commitment are stripped from it."""
    changed = True
    while changed and start < end:
        changed = False
        for pattern in rules.leads:
            match = pattern.match(text[start:end])
            if match and match.end() > 0:
                start, changed = start + match.end(), True
                break
    return start


def _strip_tails(text: str, start: int, end: int, rules: _Rules) -> int:
    changed = True
    while changed and start < end:
        changed = False
        for pattern in rules.tails:
            match = pattern.search(text[start:end])
            if match and match.start() < end - start:
                end, changed = start + match.start(), True
                break
    return end


def _line_above(text: str, line_start: int, last_end: int, rules: _Rules) -> tuple[int, int] | None:
    """A target table flattened to lines (制造业产品质量合格率 / 95%以上): a value alone on its line
    takes the line above as its metric, when that line is a bare phrase (no digit, no punctuation)."""
    if line_start == 0 or text[line_start - 1] != "\n":
        return None
    above = text.rfind("\n", 0, line_start - 1) + 1
    phrase = text[above:line_start - 1]
    if above < last_end or not phrase or re.search(r"\d", phrase) \
            or any(c in rules.delimiters + rules.enumeration + "（）。" for c in phrase):
        return None
    return above, line_start - 1


def _is_scope(lead: str, value: Decimal, rules: _Rules) -> bool:
    """A count before a noun that only sets a scope: 以…等8个领域为重点, 建设、勘察…监理5方主体."""
    if any(p.match(lead) for p in rules.scope_leads):
        return True
    for separators, open_end in rules.scope_lists:
        items = [i for i in separators.split(lead) if i]
        if len(items) >= 2 and (open_end.search(items[-1]) or Decimal(len(items)) == value):
            return True
    return False


def _split_shared(metric: str, rules: _Rules) -> list[str]:
    """Metrics sharing one value: 甲合格率和乙合格率 → both, when every part ends like a metric."""
    for conjunction, heads in rules.shared:
        parts = conjunction.split(metric)
        if len(parts) >= 2 and all(p and heads.search(p) for p in parts):
            return parts
    return [metric]


def _pair(metric: str, count: int, enumeration: str) -> list[str] | None:
    """Each value's own metric when the shared one holds a list of ``count`` items (三级、四级、五级)."""
    pieces = metric.split(enumeration)
    for i in range(len(pieces) - count + 1):
        middle = pieces[i + 1:i + count - 1]
        if not middle:
            return None   # two values: no middle item shows what an item looks like
        size, last = len(middle[0]), middle[0][-1]
        first, final = pieces[i], pieces[i + count - 1]
        if any(len(m) != size or m[-1] != last for m in middle) or len(first) <= size \
                or first[-1] != last or last not in final:
            continue
        cut = final.index(last) + 1
        head = enumeration.join([*pieces[:i], first[:-size]])
        tail = enumeration.join([final[cut:], *pieces[i + count:]])
        return [head + item + tail for item in [first[-size:], *middle, final[:cut]]]
    return None


def _items(metric: str, count: int, rules: _Rules) -> list[str] | None:
    """The metrics listed before 分别, one per value, when there are as many as values (A、B分别达到X、Y)."""
    for conjunction, _ in rules.shared:
        items = [i for i in conjunction.split(metric) if i]
        if len(items) == count:
            return items
    return None


@dataclass
class _Draft:
    metrics: list[tuple[str, str]]      # (metric, rule)
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: Comparator | None       # None: no comparator word (Equal, or the shared one for 分别)
    change: Change | None
    baseline: int | None
    reference: str | None
    annual: bool
    start: int
    end: int
    number: int
    inherits: bool = False              # takes its metric from the target before it (分别)


def _candidates(text: str, rules: _Rules) -> list[tuple[int, str, re.Match[str], Any]]:
    masked = _masked(text, rules)
    found: list[tuple[int, str, re.Match[str], Any]] = [
        (m.start("num"), "number", m, None) for m in rules.candidate.finditer(text)
             if not _overlaps(m.span("num"), masked) and not _overlaps((m.start(), m.end()), masked)]
    numbers = {c[0] for c in found}
    found.extend((m.start("num"), "bare", m, None) for m in rules.bare.finditer(text)
                 if m.start("num") not in numbers and not _overlaps(m.span("num"), masked))
    for pattern, unit, rule in rules.references:
        found.extend((m.start("value"), "reference", m, (unit, rule)) for m in pattern.finditer(text))
    return sorted(found, key=lambda c: c[0])


def _value(match: re.Match[str], rules: _Rules) -> tuple[Decimal, Decimal | None, str]:
    if match.re is rules.bare:
        top = match.group("max")
        return _plain(Decimal(match.group("num"))), (_plain(Decimal(top)) if top else None), ""
    factor = next((f for g, f in rules.multipliers.items() if match.group(g)), Decimal(1))
    unit = next(u for g, u in rules.units.items() if match.group(g))
    value = _plain(Decimal(match.group("num")) * factor)
    top = match.group("max")
    return value, (_plain(Decimal(top) * factor) if top else None), unit


def _draft_number(text: str, match: re.Match[str], last_end: int, rules: _Rules) -> _Draft | None:
    value, value_max, unit = _value(match, rules)
    number = match.start("num")
    pos, comparator = match.end(), None
    after = _longest_at(text, pos, rules.after)
    if after:
        pos, comparator = after[0].end(), after[1]
    complement = _longest_at(text, pos, [(p, None) for p in rules.complements])
    if complement:
        pos = complement[0].end()
    following = text[pos] if pos < len(text) else ""
    counts_noun = bool(following) and following not in rules.delimiters + rules.enumeration + "（）" \
        and (unit not in rules.rates or following == "的")

    raw_start = max(_scan_back(text, number, rules), last_end)
    while raw_start < number and text[raw_start] in rules.enumeration:
        raw_start += 1
    if any(p.search(text, raw_start, number + 1) for p in rules.parameters + rules.achievements):
        return None   # a policy parameter (补贴50%), or an achievement reported (已建成…5个)
    lead_end = number
    before = _longest_tail(text[raw_start:lead_end], rules.before)
    if before:
        lead_end = raw_start + before[0].start()
        comparator = comparator or before[1]   # a word after the unit decides (达95%以上 → AtLeast)
    change = baseline = None
    if not counts_noun:
        changed = _longest_tail(text[raw_start:lead_end], rules.changes)
        if changed:
            lead_end = raw_start + changed[0].start()
            change = changed[1]
            year = changed[0].groupdict().get("baseline")
            baseline = int(year) if year else None
    lead_end = _strip_tails(text, raw_start, lead_end, rules)
    start = _strip_leads(text, raw_start, lead_end, rules)
    lead = text[start:lead_end]
    if not lead and not counts_noun:
        start, lead_end = _line_above(text, raw_start, last_end, rules) or (start, lead_end)
        lead = text[start:lead_end]
    annual = any(p.search(text, raw_start, pos) for p in rules.periods)
    common: dict[str, Any] = dict(value=value, value_max=value_max, unit=unit, comparator=comparator,
                  change=change, baseline=baseline, reference=None, annual=annual, number=number)

    if counts_noun and not unit:
        return None
    if counts_noun:
        noun_start = pos + 1 if following == "的" else pos
        noun_end = _scan_forward(text, noun_start, rules)
        if noun_end == noun_start or _is_scope(text[raw_start:lead_end], value, rules) \
                or _is_scope(lead, value, rules):
            return None
        return _Draft([(lead + text[noun_start:noun_end], rules.forms["count-of-noun"])],
                      start=start if lead else number, end=noun_end, **common)
    if not lead:
        adjacent = last_end > 0 and not text[last_end:number].strip(rules.enumeration)
        if not adjacent:
            return None
        return _Draft([], start=number, end=pos, inherits=True, **common)
    if not unit:   # a value written without a unit: only for a metric that is a score or an index
        head = _longest_tail(lead, rules.unitless)
        if head is None or (comparator is None and change is None):
            return None
        common["unit"] = head[1]
    metrics = _split_shared(lead, rules)
    rule = rules.forms["shared-value" if len(metrics) > 1 else "metric-value"]
    return _Draft([(m, rule) for m in metrics], start=start, end=pos, **common)


def _draft_reference(text: str, match: re.Match[str], extra: tuple[str, str], last_end: int,
                     rules: _Rules) -> _Draft | None:
    unit, rule = extra
    raw_start = max(_scan_back(text, match.start(), rules), last_end)
    lead_end = _strip_tails(text, raw_start, match.start(), rules)
    start = _strip_leads(text, raw_start, lead_end, rules)
    if start >= lead_end:
        return None
    before = _longest_tail(match.group("comparator"), rules.before)
    comparator = before[1] if before else Comparator.EQUAL
    written_unit = match.groupdict().get("unit")
    return _Draft([(text[start:lead_end], rule)], value=_plain(Decimal(match.group("value"))), value_max=None,
                  unit=written_unit or unit, comparator=comparator, change=None, baseline=None,
                  reference=match.group("reference"),
                  annual=any(p.search(text, raw_start, match.end()) for p in rules.periods),
                  start=start, end=match.end(), number=match.start("value"))


def _settle(drafts: list[_Draft], rules: _Rules) -> list[Found]:
    """Give values written after a shared metric (分别…50%、30%、20%) their metrics, then flatten."""
    groups: list[list[_Draft]] = []
    for draft in drafts:
        if draft.inherits and groups:
            groups[-1].append(draft)
        elif not draft.inherits:
            groups.append([draft])
    found: list[Found] = []
    for group in groups:
        head = group[0]
        if len(group) > 1:
            shared = head.metrics[0][0]
            split = [m for m, _ in head.metrics] if len(head.metrics) == len(group) else None
            paired = split or _pair(shared, len(group), rules.enumeration) or _items(shared, len(group), rules) \
                or [shared] * len(group)
            for draft, metric in zip(group, paired, strict=False):
                draft.metrics = [(metric, rules.forms["respectively"])]
                draft.annual = draft.annual or head.annual
                draft.comparator = draft.comparator or head.comparator
                draft.change, draft.baseline = draft.change or head.change, draft.baseline or head.baseline
                draft.start = head.start   # the smallest span that holds the metric and the value
        for draft in group:
            for metric, rule in draft.metrics:
                found.append(Found(metric, draft.value, draft.value_max, draft.unit,
                                   draft.comparator or Comparator.EQUAL,
                                   draft.change, draft.baseline, draft.reference, draft.annual,
                                   draft.start, draft.end, draft.number, rule))
    return found


def find_targets(text: str, rules: _Rules | None = None) -> list[Found]:
    """Every target written in ``text``, in order of its value."""
    rules = rules or target_rules()
    drafts: list[_Draft] = []
    last_end = 0
    for number, kind, match, extra in _candidates(text, rules):
        if number < last_end:
            continue   # inside the previous target (a count within a counted noun)
        if kind == "reference":
            draft = _draft_reference(text, match, extra, last_end, rules)
        else:
            draft = _draft_number(text, match, last_end, rules)
        if draft is None:
            continue
        if drafts and draft.start == last_end and drafts[-1].annual:
            draft.annual = True   # an item of an enumeration shares 每年 with the one before it
        drafts.append(draft)
        last_end = draft.end
    return _settle(drafts, rules)


# --- annotating ----------------------------------------------------------------------------------

def _year_marks(text: str, rules: _Rules) -> list[tuple[int, int]]:
    marks = []
    for pattern in rules.years:
        for m in pattern.finditer(text):
            found = m.groupdict()
            year = int(found["year"]) if found.get("year") else rules.plans.get(found.get("plan") or "")
            if year:
                marks.append((m.start(), year))
    return sorted(marks)


def title_year(title: str, rule_set: RuleSet | None = None, annual_only: bool = False) -> int | None:
    """The year a document's title names: an annual plan's year, else the end of a plan's period
    (with ``annual_only``, only an annual plan's year: the year the document speaks from).

    >>> title_year("某某市2019年质量强市工作要点"), title_year("某某市质量强市建设规划（2021—2025年）")
    (2019, 2025)
    """
    for pattern, annual in target_rules(rule_set).title_years:
        found = pattern.search(title)
        if found and (annual or not annual_only):
            return int(found.group("year"))
    return None


def governing_year(text: str, rule_set: RuleSet | None = None) -> int | None:
    """The year the end of a text leaves in force (its last 到2025年 …), for the clauses below it.

    >>> governing_year("到2025年，质量基础更加扎实。")
    2025
    """
    marks = _year_marks(text, target_rules(rule_set))
    return marks[-1][1] if marks else None


def extract_targets(text: str, clause: str, inherited_year: int | None = None,
                    rule_set: RuleSet | None = None, present: int | None = None) -> list[Target]:
    """Every target of a clause's (normalised) text, with its year, period and indicator.

    ``present`` is the year the document speaks from (its plan year, else its year of issue): a
    number whose governing year lies before it reports past work (2022年全市新增注册商标8600件), and
    is not a target.
    """
    rules = target_rules(rule_set)
    marks = _year_marks(text, rules)
    targets = []
    for found in find_targets(text, rules):
        stated = [year for at, year in marks if at < found.number]
        year = stated[-1] if stated else inherited_year
        if present and year and year < present:
            continue
        targets.append(Target(
            clause=clause, metric=found.metric, value=found.value, unit=found.unit,
            comparator=found.comparator, text=text[found.start:found.end], start=found.start,
            end=found.end, value_max=found.value_max,
            year=year, annual=found.annual, change=found.change,
            baseline_year=found.baseline_year, reference=found.reference,
            indicator=indicator_for(found.metric, rule_set), rule=found.rule))
    return targets


# --- indicators (ontology/indicators.ttl) ------------------------------------------------------

INDICATOR_FILE = "indicators.ttl"
INDICATOR_NS = str(INDICATOR)


@dataclass(frozen=True)
class _Indicators:
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    domains: dict[str, str]                                      # concept → qg:domain
    seen: dict[str, str | None] = field(default_factory=dict)   # metric → concept, per rule set


def _indicators(rule_set: RuleSet) -> _Indicators:
    """Every qg:metricPattern of the indicator scheme (shipped and overlaid), compiled."""
    scheme = rule_set.taxonomy(INDICATOR_FILE)
    concepts = set(scheme.concepts())
    found = []
    for concept, pattern, _ in scheme.about(QG.metricPattern.value):
        if concept not in concepts:
            continue
        try:
            found.append((re.compile(pattern), concept))
        except re.error as exc:
            raise RuleError("QG205", f"concept {concept}: pattern {pattern!r} is not a valid regular "
                            f"expression: {exc}", path=rule_set.taxonomy_turtle(INDICATOR_FILE)[-1]) from None
    domains = {concept: domain for concept, domain, _ in scheme.about(QG.domain.value) if concept in concepts}
    return _Indicators(tuple(found), domains)


def indicator_domain(indicator: str | None, rule_set: RuleSet | None = None) -> str | None:
    """The quality domain an indicator measures (its qg:domain), where it has one.

    >>> indicator_domain(INDICATOR_NS + "engineering-acceptance-pass-rate").removeprefix(str(QG))
    'EngineeringQuality'
    >>> indicator_domain(INDICATOR_NS + "patent-applications") is None
    True
    """
    if indicator is None:
        return None
    return (rule_set or default_rules()).compiled(_indicators).domains.get(indicator)


def indicator_for(metric: str, rule_set: RuleSet | None = None) -> str | None:
    """The indicator concept a metric phrase measures: the longest match, then the longest pattern.

    >>> indicator_for("生产企业工业产品质量监督抽查合格率").removeprefix(INDICATOR_NS)
    'industrial-product-supervision-sampling-pass-rate'
    >>> indicator_for("新增鲁班奖").removeprefix(INDICATOR_NS)
    'luban-awards'
    >>> indicator_for("城市绿道长度") is None
    True
    """
    indicators = (rule_set or default_rules()).compiled(_indicators)
    if metric in indicators.seen:
        return indicators.seen[metric]
    indicators.seen[metric] = most_specific(indicators.patterns, metric)
    return indicators.seen[metric]
