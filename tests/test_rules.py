"""Every example of every rule file is a test; a malformed rule file fails in one line."""
from __future__ import annotations

import re

import pytest

from qgraph.errors import RuleError
from qgraph.text.normalise import MappedText, taiwan_to_mainland
from qgraph.rules import load_rule_file
from qgraph.text.segment import PartKind, match_marker, numbering_rules, paragraphs


def _sub(entry, text):
    pattern = re.compile(entry["pattern"], re.M) if entry["pattern"].endswith("$") else re.compile(entry["pattern"])
    replace = entry.get("replace", "")
    out = MappedText.identity(text).sub(pattern, lambda _m: replace).text
    return out.lstrip("\n")


def _marker(entry, text):
    found = match_marker(text)
    if not found or found[0].rule != entry["id"]:
        return None
    marker, _marker_text, value = found
    numeral = found[0].pattern.match(text).groupdict().get("n") or str(1)  # a marker may look ahead
    return marker.notation.format(n=numeral if marker.numerals != "sequence" else 1)


def _paragraph_count(entry, text):
    return len(paragraphs(text))


def _front_kind(entry, text):
    pattern = re.compile(entry["pattern"])
    return entry["kind"] if pattern.search(text) else None


def _closing(entry, text):
    return bool(re.search(entry["pattern"], text))


def _role(entry, text):
    return entry["role"] if re.search(entry["pattern"], text) else None


def _in_text(entry, text):
    from qgraph.extract.departments import find_in_text as find
    from qgraph.text.manifest import Jurisdiction

    city = Jurisdiction("x", "某市", "X", "prefecture", "000000")
    found = [a for a in find(text, "1", city) if a.rule == entry["id"]]
    return [f"{a.written} {a.task}" if a.task else a.written for a in found]


def _suffix(entry, text):
    from qgraph.text.manifest import jurisdiction_name

    name = jurisdiction_name(text, entry["levels"][0])
    return [name.bare, name.prefix] if name.suffix == entry["suffix"] else None


def _name_key(entry, text):
    from qgraph.extract.departments import name_key

    return name_key(text)


def _convention(entry, text):
    from qgraph.extract.departments import convention

    return convention(text) == entry["id"]


def _group(entry, text):
    return bool(re.search(entry["pattern"], text))


def _targets_of(text):
    from qgraph.extract.targets import extract_targets

    return extract_targets(text, "x")


def _target_field(render):
    """A runner for targets.yaml: the example must match the entry; renders each target found."""
    def run(entry, text):
        if not re.search(entry["pattern"], text):
            return f"the pattern of {entry['id']} does not match the example"
        return [render(t) for t in _targets_of(text)]
    return run


def _target_form(entry, text):
    return [t.metric for t in _targets_of(text) if t.rule == entry["id"]]


def _title_year(entry, text):
    from qgraph.extract.targets import title_year

    if not re.search(entry["pattern"], text):
        return f"the pattern of {entry['id']} does not match the example"
    return title_year(text)


_value_unit = _target_field(lambda t: f"{t.value} {t.unit}")
_metric = _target_field(lambda t: t.metric)


def _chrome(entry, text):
    from qgraph.text.formats.chrome import line_kind, metadata_pairs
    kind = line_kind(text)
    return "; ".join(f"{k}={v}" for k, v in metadata_pairs(text)) if kind == "metadata" else kind


def _fact(entry, text):
    from qgraph.extract.document import read_fact

    return read_fact(entry["fact"], text)


def _column(entry, text):
    from qgraph.text.tables import table_rules

    column = next((c for c in table_rules().columns if c.pattern.match(text)), None)
    return column.role if column and column.rule == entry["id"] else None


def _deadline(entry, text):
    from qgraph.text.tables import deadline_date

    date, rule = deadline_date(text)
    return date if rule == entry["id"] else f"read by {rule or 'no rule'}"


RUNNERS = {
    ("tables.yaml", "columns"): _column,
    ("tables.yaml", "deadline_dates"): _deadline,
    ("numbering.yaml", "facts"): _fact,
    ("chrome.yaml", "metadata_labels"): _chrome,
    ("chrome.yaml", "chrome_lines"): _chrome,
    ("responsibility.yaml", "list_labels"): _role,
    ("responsibility.yaml", "role_words"): _role,
    ("responsibility.yaml", "in_text"): _in_text,
    ("responsibility.yaml", "groups"): _group,
    ("department_names.yaml", "jurisdiction_suffixes"): _suffix,
    ("responsibility.yaml", "conventions"): _convention,
    ("department_names.yaml", "names"): _name_key,
    ("script.yaml", "junk_lines"): _sub,
    ("script.yaml", "ruby"): _sub,
    ("script.yaml", "taiwan_phrases"): lambda entry, text: taiwan_to_mainland(text),
    ("script.yaml", "punctuation"): _sub,
    ("script.yaml", "whitespace"): _sub,
    ("numbering.yaml", "markers"): _marker,
    ("numbering.yaml", "paragraph_breaks"): _paragraph_count,
    ("numbering.yaml", "front_matter"): _front_kind,
    ("numbering.yaml", "closing"): _closing,
    ("targets.yaml", "forms"): _target_form,
    ("targets.yaml", "units"): _value_unit,
    ("targets.yaml", "multipliers"): _value_unit,
    ("targets.yaml", "unitless"): _value_unit,
    ("targets.yaml", "comparators"): _target_field(lambda t: t.comparator.value),
    ("targets.yaml", "changes"): _target_field(lambda t: f"{t.change and t.change.value} {t.baseline_year}"),
    ("targets.yaml", "periods"): _target_field(lambda t: t.annual),
    ("targets.yaml", "years"): _target_field(lambda t: t.year),
    ("targets.yaml", "plan_periods"): _target_field(lambda t: t.year),
    ("targets.yaml", "title_years"): _title_year,
    ("targets.yaml", "not_targets"): _value_unit,
    ("targets.yaml", "scopes"): _value_unit,
    ("targets.yaml", "parameters"): _value_unit,
    ("targets.yaml", "achievements"): _value_unit,
    ("targets.yaml", "metric_leads"): _metric,
    ("targets.yaml", "metric_tails"): _metric,
    ("targets.yaml", "complements"): _metric,
    ("targets.yaml", "shared_values"): _metric,
    ("targets.yaml", "references"):
        _target_field(lambda t: f"{t.comparator.value} {t.value} {t.unit} {t.reference}"),
}


def _examples():
    for (file, section), runner in RUNNERS.items():
        for entry in load_rule_file(file).entries(section):
            for n, example in enumerate(entry.get("examples") or ()):
                yield pytest.param(runner, entry, example["in"], example["out"],
                                   id=f"{entry['id']}#{n}")


@pytest.mark.parametrize("runner,entry,given,expected", list(_examples()))
def test_rules_example_holds(runner, entry, given, expected):
    assert runner(entry, given) == expected


@pytest.mark.parametrize("file,section", sorted(RUNNERS))
def test_rules_every_entry_has_examples(file, section):
    missing = [e["id"] for e in load_rule_file(file).entries(section) if not e.get("examples")]
    assert missing == []


def test_rules_numbering_loads_every_marker():
    assert [m.rank for m in numbering_rules().markers] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("content,expected", [
    ("markers:\n  - id: a\n    pattern: 'x'\n  - id: a\n    pattern: 'y'\n", r"bad\.yaml:4: \[QG211\] rule a: duplicate id"),
    ("markers:\n  - pattern: 'x'\n", r"bad\.yaml:2: \[QG210\] an entry of 'markers' has no id"),
    ("markers: [\n", r"bad\.yaml:2: \[QG201\] not valid YAML"),
])
def test_rules_malformed_file_is_one_line(tmp_path, content, expected):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rule_file("bad.yaml", tmp_path)
    assert re.search(expected, str(caught.value))
    assert "\n" not in str(caught.value)


def test_rules_bad_regex_names_the_rule(tmp_path):
    (tmp_path / "bad.yaml").write_text("markers:\n  - id: marker.broken\n    pattern: '(unclosed'\n",
                                       encoding="utf-8")
    rules = load_rule_file("bad.yaml", tmp_path)
    with pytest.raises(RuleError, match=r"bad\.yaml:2: \[QG203\] rule marker\.broken: 'pattern' is not a valid"):
        rules.regex(rules.entries("markers")[0])


def test_rules_front_matter_kinds_exist():
    kinds = {e["kind"] for e in load_rule_file("numbering.yaml").entries("front_matter")}
    assert kinds <= set(PartKind.__members__)
