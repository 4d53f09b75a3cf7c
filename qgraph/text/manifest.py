"""The manifest, ``documents.yaml``: which documents there are and what is known about each.

>>> docs = load_manifest(repo_data_dir() / "documents.yaml")
>>> len(docs), docs[0].jurisdiction.level
(5, 'prefecture')
>>> jurisdiction_warnings(docs)
()
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace  # noqa: F401  (replace: doctest)
from pathlib import Path
from typing import Any

from qgraph.errors import InputError
from qgraph.model import DocumentSpec, Jurisdiction
from qgraph.resources import repo_data_dir  # noqa: F401  (doctest)
from qgraph.rules import RuleSet, default_rules, load_yaml_with_lines
from qgraph.text.normalise import SCRIPTS

LEVELS = ("province", "prefecture", "county")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_manifest(path: Path) -> tuple[DocumentSpec, ...]:
    """Read and check a manifest; any problem is one InputError naming the file and line."""
    if not path.is_file():
        raise InputError("QG101", "manifest not found", path=path)
    try:
        data = load_yaml_with_lines(path, code="QG102")
    except Exception as exc:  # RuleError from the shared YAML reader: re-badge as input
        raise InputError("QG102", getattr(exc, "message", str(exc)), path=path,
                         line=getattr(exc, "line", None)) from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError("QG103", "expected a list under 'documents:'", path=path)
    if not data["documents"]:
        raise InputError("QG108", "'documents:' is empty", path=path)
    specs: list[DocumentSpec] = []
    seen: dict[str, int] = {}
    for entry in data["documents"]:
        spec = _document(entry, path)
        if spec.id in seen:
            raise InputError("QG105", f"document id '{spec.id}' is used twice (first at line "
                             f"{seen[spec.id]})", path=path, line=spec.line)
        seen[spec.id] = spec.line
        specs.append(spec)
    return tuple(specs)


@dataclass(frozen=True, slots=True)
class JurisdictionName:
    """A jurisdiction's Chinese name taken apart: the bare name (云溪), the suffix written (市, or ""
    when the manifest writes the name bare), the prefix its departments are written with (市), and the
    levels the suffix is found at (empty when the name is bare)."""

    bare: str
    suffix: str
    prefix: str
    levels: tuple[str, ...]


def jurisdiction_name(name_zh: str, level: str, rule_set: RuleSet | None = None) -> JurisdictionName:
    """The parts of a jurisdiction's name, from the suffix table of ``rules/department_names.yaml``.

    >>> [jurisdiction_name(n, "county").prefix for n in ("云溪县", "云溪", "青川区", "云溪市人民政府")]
    ['县', '县', '区', '市']
    >>> jurisdiction_name("某某族自治州", "prefecture")
    JurisdictionName(bare='某某族', suffix='自治州', prefix='州', levels=('prefecture',))
    """
    rules = (rule_set or default_rules()).file("department_names.yaml")
    name = re.sub(rules.setting("government"), "", name_zh.strip())
    found = None
    for entry in rules.entries("jurisdiction_suffixes"):
        suffix = entry.get("suffix")
        if not isinstance(suffix, str) or not isinstance(entry.get("prefix"), str):
            raise rules.fail(entry, "needs 'suffix' and 'prefix' strings")
        if len(name) > len(suffix) and name.endswith(suffix) and (found is None or len(suffix) > len(found["suffix"])):
            found = entry
    if found is None:
        return JurisdictionName(name, "", rules.setting("level_prefixes").get(level, name[-1:]), ())
    return JurisdictionName(name[:-len(found["suffix"])], found["suffix"], found["prefix"],
                            tuple(found.get("levels") or ()))


def jurisdiction_warnings(specs: tuple[DocumentSpec, ...], rule_set: RuleSet | None = None) -> tuple[str, ...]:
    """One line per jurisdiction whose name's suffix is not found at its level (a province named
    …县): the manifest still loads; the caller prints these on stderr.

    >>> spec = load_manifest(repo_data_dir() / "documents.yaml")[0]
    >>> place = replace(spec.jurisdiction, name_zh="云溪县", level="province")
    >>> bad = replace(spec, id="yunxi-2024", jurisdiction=place)
    >>> jurisdiction_warnings((bad,))[0]
    "document 'yunxi-2024': jurisdiction name 云溪县 ends in 县, which names no province (expected at: county)"
    """
    found = []
    for spec in specs:
        j = spec.jurisdiction
        name = jurisdiction_name(j.name_zh, j.level, rule_set)
        if name.suffix and j.level not in name.levels:
            found.append(f"document '{spec.id}': jurisdiction name {j.name_zh} ends in {name.suffix}, which "
                         f"names no {j.level} (expected at: {', '.join(name.levels)})")
    return tuple(found)


def _document(entry: Any, path: Path) -> DocumentSpec:
    if not isinstance(entry, dict):
        raise InputError("QG103", "each document must be a mapping", path=path)
    line = entry["__line__"]
    doc_id = _required(entry, "id", path, line)
    where = f"document '{doc_id}': "
    if not _ID.match(doc_id):
        raise InputError("QG106", f"{where}id must be lower-case letters, digits and '-'", path=path, line=line)
    j = entry.get("jurisdiction")
    if not isinstance(j, dict):
        raise InputError("QG104", f"{where}missing required key 'jurisdiction'", path=path, line=line)
    jline = j["__line__"]
    fields = {key: _required(j, key, path, jline, where + "jurisdiction ")
              for key in ("id", "name_zh", "name_en", "level", "code")}
    jurisdiction = Jurisdiction(**fields, department_prefix=j.get("department_prefix"))
    if jurisdiction.level not in LEVELS:
        raise InputError("QG130", f"{where}jurisdiction level must be one of {', '.join(LEVELS)}",
                         path=path, line=jline)
    if not re.fullmatch(r"\d{6}", jurisdiction.code) or not _ID.match(jurisdiction.id):
        raise InputError("QG131", f"{where}jurisdiction code must be six digits (GB/T 2260) and id a "
                         "lower-case slug", path=path, line=jline)
    script = entry.get("script")
    if script is not None and script not in SCRIPTS:
        raise InputError("QG132", f"{where}script must be one of {', '.join(SCRIPTS)}", path=path, line=line)
    corrections = []
    for fix in entry.get("corrections") or ():
        if not isinstance(fix, dict) or not isinstance(fix.get("find"), str) or not isinstance(fix.get("replace"), str):
            raise InputError("QG133", f"{where}each correction needs 'find' and 'replace' strings",
                             path=path, line=line)
        corrections.append((fix["find"], fix["replace"]))
    number = entry.get("number")
    return DocumentSpec(
        id=doc_id, path=path.parent / _required(entry, "file", path, line, where),
        jurisdiction=jurisdiction, title=str(entry.get("title") or "").strip(),
        issued=_issued(entry, path, line, where), number=str(number) if number else None,
        script=script, corrections=tuple(corrections), line=line,
        target_year=_target_year(entry, path, line, where))


def _target_year(entry: dict, path: Path, line: int, where: str) -> int | None:
    value = entry.get("target_year")
    if value is None:
        return None
    if isinstance(value, int) and 1949 <= value <= 2100:
        return value
    raise InputError("QG134", f"{where}target_year must be a year", path=path, line=line)


def _required(entry: dict, key: str, path: Path, line: int, where: str = "") -> str:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("QG104", f"{where}missing required key '{key}'", path=path, line=line)
    return str(value)


def _issued(entry: dict, path: Path, line: int, where: str) -> str:
    value = entry.get("issued")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1949 <= value <= 2100:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", value):
        return value
    if value is None:
        return ""  # read from the text (its closing or covering notice) when the document is parsed
    raise InputError("QG135", f"{where}issued must be a date (YYYY-MM-DD) or a year", path=path, line=line)
