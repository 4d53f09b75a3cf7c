"""The error catalogue (qgraph/errors.py CODES) matches the code: every code used is in it, each once,
raised by the error class of its family; and no command leaves with sys.exit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import qgraph.errors as errors
from qgraph.errors import CODES, QGraphError

PACKAGE = Path(errors.__file__).resolve().parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "errors.py")
FAMILIES = {errors.InputError: "1", errors.RuleError: "2", errors.ValidationFailed: "3",
            errors.QueryError: "4", errors.EndpointError: "5"}
# Class("QGnnn" at a raise (or a return of an error to raise)
RAISE = re.compile(r"\b([A-Z]\w*)\(\s*\"(QG\d{3})\"")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _used() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        for number, line in enumerate(_text(path).splitlines(), start=1):
            for code in re.findall(r"\"(QG\d{3})\"", line):
                found.setdefault(code, []).append(f"{path.relative_to(PACKAGE.parent)}:{number}")
    return found


def _raised() -> list[tuple[str, str, str]]:
    return [(name, code, str(path.relative_to(PACKAGE.parent)))
            for path in SOURCES for name, code in RAISE.findall(_text(path))]


def test_errors_every_code_used_is_in_the_catalogue():
    unknown = {code: where for code, where in _used().items() if code not in CODES}
    assert not unknown, f"codes missing from qgraph/errors.py CODES: {unknown}"


def test_errors_every_catalogued_code_is_used():
    assert sorted(set(CODES) - set(_used())) == []


@pytest.mark.parametrize("code,meaning", sorted(CODES.items()))
def test_errors_catalogue_entry_is_one_line(code, meaning):
    assert re.fullmatch(r"QG[1-5]\d{2}", code)
    assert meaning and "\n" not in meaning and not meaning.endswith(".")


def test_errors_catalogue_meanings_are_distinct():
    meanings = list(CODES.values())
    assert len(set(meanings)) == len(meanings)


@pytest.mark.parametrize("name,code,where", _raised(), ids=lambda x: x)
def test_errors_raise_matches_the_code_family(name, code, where):
    cls = getattr(errors, name, None)
    assert isinstance(cls, type) and issubclass(cls, QGraphError), f"{where}: {name}({code!r}) is not a QGraphError"
    family = next(digit for base, digit in FAMILIES.items() if issubclass(cls, base))
    assert code[2] == family, f"{where}: {name} raises {code}, a QG{code[2]}xx code"


def test_errors_each_code_raised_by_one_class():
    classes: dict[str, set[str]] = {}
    for name, code, _where in _raised():
        classes.setdefault(code, set()).add(name)
    assert {code: names for code, names in classes.items() if len(names) > 1} == {}


def test_errors_every_class_has_a_family():
    for cls in (errors.NoAnswer, *FAMILIES):
        assert any(issubclass(cls, base) for base in FAMILIES)


def test_errors_no_sys_exit_outside_main():
    for path in SOURCES:
        assert "sys.exit(" not in _text(path), f"{path}: raise a QGraphError instead; main() turns it into the exit code"


def test_errors_lead_without_answer_is_one_line(run, built_graph):
    result = run("lead", "nosuchtopicxyz", "--graph", str(built_graph))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.fullmatch(r"Error: \[QG409\] No department leads work on 'nosuchtopicxyz'\. "
                        r"No known topic is close \(see `qgraph topics`\)\n", result.stderr), result.stderr
