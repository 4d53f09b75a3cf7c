"""Loading rule files: YAML whose entries carry an ``id``, their pattern and ``examples``.

Knowledge about policy text (numbering, notations, vocabularies) is data; this module only
knows how to read it and how to say, in one line, what is wrong with it.

>>> table = load_rule_file("script.yaml")
>>> table.path.name, len(table.entries("taiwan_phrases")) > 5
('script.yaml', True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from qgraph.errors import RuleError
from qgraph.resources import resource_path


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(path: Path, code: str = "QG201") -> Any:
    """Parse YAML, every mapping carrying ``__line__``; a syntax error is one RuleError line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(code, f"cannot read rule file: {exc.strerror}", path=path) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(code, f"not valid YAML: {problem}", path=path,
                        line=mark.line + 1 if mark else None) from None


def strip_lines(value: Any) -> Any:
    """The same data without the ``__line__`` bookkeeping."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


@dataclass(frozen=True)
class RuleFile:
    """A parsed rule file: named sections of entries, each entry a dict with ``id``."""

    path: Path
    data: dict[str, Any]

    def entries(self, section: str) -> tuple[dict[str, Any], ...]:
        value = self.data.get(section)
        if not isinstance(value, list):
            raise RuleError("QG206", f"section '{section}' is missing or not a list", path=self.path)
        return tuple(value)

    def setting(self, name: str) -> Any:
        if name not in self.data:
            raise RuleError("QG207", f"setting '{name}' is missing", path=self.path)
        return strip_lines(self.data[name])

    def fail(self, entry: dict[str, Any], what: str) -> RuleError:
        """The one-line error for a bad entry: ``file:line: rule <id>: <what>``."""
        return RuleError("QG203", f"rule {entry.get('id', '?')}: {what}", path=self.path,
                         line=entry.get("__line__"))

    def regex(self, entry: dict[str, Any], key: str = "pattern") -> re.Pattern[str]:
        """Compile an entry's regular expression, or fail naming the rule."""
        source = entry.get(key)
        if not isinstance(source, str):
            raise self.fail(entry, f"'{key}' is missing or not a string")
        try:
            return re.compile(source)
        except re.error as exc:
            raise self.fail(entry, f"'{key}' is not a valid regular expression: {exc}") from None


def load_rule_file(name: str, directory: Path | None = None) -> RuleFile:
    """Load ``rules/NAME`` (or NAME inside ``directory``), checking that every entry has an id."""
    path = (directory or resource_path("rules")) / name
    return _load(path)


@lru_cache(maxsize=None)
def _load(path: Path) -> RuleFile:
    data = load_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise RuleError("QG202", "a rule file must be a mapping of sections", path=path)
    seen: set[str] = set()
    for key, section in data.items():
        if not isinstance(section, list):
            continue
        for entry in section:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                line = entry.get("__line__") if isinstance(entry, dict) else None
                raise RuleError("QG210", f"an entry of '{key}' has no id", path=path, line=line)
            if entry["id"] in seen:
                raise RuleError("QG211", f"rule {entry['id']}: duplicate id", path=path,
                                line=entry["__line__"])
            seen.add(entry["id"])
    return RuleFile(path, data)
