"""Rules: every rule file and SKOS table qgraph reads, loaded once into one :class:`RuleSet`.

Knowledge about policy text (numbering, notations, vocabularies, department types, indicators,
topics) is data. The shipped files live in ``qgraph/rules/`` (YAML and word lists) and
``ontology/`` (SKOS Turtle); a user's overlay folder (``qgraph build --rules DIR``, or a ``rules/``
folder beside the manifest) adds to any of them without touching the package:

- a YAML file of the same name: an entry whose ``id`` is shipped replaces it in place, a new entry
  comes before the shipped ones of its section (first match wins, so the user's rule is tried
  first), ``remove: true`` drops one, and a scalar setting replaces the shipped value;
- a word list (``policy_terms.txt``, ``stopwords.txt``): its lines are added;
- a Turtle file named like a shipped taxonomy (``department-types.ttl``, ``indicators.ttl``,
  ``domains.ttl``): its triples are added (a new concept, a ``qg:namePattern``, an ``altLabel``).

The stages get the RuleSet as an argument; what they compile from it is kept on the RuleSet
(:meth:`RuleSet.compiled`), so nothing is cached per module and two rule sets never mix.

>>> rules = load_rules()
>>> rules.file("script.yaml").path.name, len(rules.file("script.yaml").entries("taiwan_phrases")) > 5
('script.yaml', True)
>>> rules.overlays
()
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from qgraph.errors import RuleError
from qgraph.resources import resource_path
from qgraph.vocab import RDF, SKOS

RULE_FILES = ("numbering.yaml", "script.yaml", "responsibility.yaml", "targets.yaml", "domains.yaml",
              "topics.yaml", "reuse.yaml", "department_names.yaml", "tables.yaml", "chrome.yaml")
WORD_LISTS = ("policy_terms.txt", "stopwords.txt")
TAXONOMIES = ("domains.ttl", "department-types.ttl", "indicators.ttl")
T = TypeVar("T")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, for error messages."""


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's parser where PyYAML has it: a 10,000-document manifest in a second, not ten."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(path: Path, code: str = "QG201") -> Any:
    """Parse YAML, every mapping carrying ``__line__``; a syntax error is one RuleError line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise RuleError(code, f"cannot read rule file: {reason}", path=path) from None
    try:
        return yaml.load(text, Loader=_FastLineLoader)
    except yaml.YAMLError:
        pass   # read again by PyYAML's own parser, whose messages name the problem in its words
    try:
        return yaml.load(text, Loader=_LineLoader)
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
    """A parsed rule file: named sections of entries, each entry a dict with ``id``.

    An entry remembers the file and line it came from (``__file__``, ``__line__``), so an error in an
    overlaid entry names the overlay, not the shipped file.
    """

    path: Path
    data: dict[str, Any]

    def entries(self, section: str) -> tuple[dict[str, Any], ...]:
        """The entries of a section (a list of mappings, each with an ``id``)."""
        value = self.data.get(section)
        if not isinstance(value, list):
            raise RuleError("QG206", f"section '{section}' is missing or not a list", path=self.path)
        return tuple(value)

    def setting(self, name: str) -> Any:
        """A setting's value (a scalar or a mapping), without line bookkeeping."""
        if name not in self.data:
            raise RuleError("QG207", f"setting '{name}' is missing", path=self.path)
        return strip_lines(self.data[name])

    def fail(self, entry: dict[str, Any], what: str) -> RuleError:
        """The one-line error for a bad entry: ``file:line: rule <id>: <what>``."""
        return RuleError("QG203", f"rule {entry.get('id', '?')}: {what}", path=entry.get("__file__", self.path),
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
    """Load one rule file, ``NAME`` in ``directory`` (default: the shipped rules), checking its ids."""
    return _parse((directory or resource_path("rules")) / name)


def _parse(path: Path) -> RuleFile:
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
            entry["__file__"] = str(path)
    return RuleFile(path, data)


def _overlay(base: RuleFile, extra: RuleFile) -> RuleFile:
    """``base`` with the sections and settings of ``extra`` laid over it (see the module's doc)."""
    data = dict(base.data)
    for key, value in extra.data.items():
        if key == "__line__":
            continue
        shipped = data.get(key)
        if isinstance(value, list) and isinstance(shipped, list):
            data[key] = _merge_section(shipped, value)
        elif isinstance(value, list) or shipped is None or not isinstance(shipped, list):
            data[key] = value
        else:
            raise RuleError("QG212", f"'{key}' is a section of entries in {base.path.name}, not a setting",
                            path=extra.path, line=value.get("__line__") if isinstance(value, dict) else None)
    return RuleFile(base.path, data)


def _merge_section(shipped: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {e["id"]: e for e in extra}
    merged = [by_id.get(e["id"], e) for e in shipped if not by_id.get(e["id"], {}).get("remove")]
    shipped_ids = {e["id"] for e in shipped}
    new = [e for e in extra if e["id"] not in shipped_ids and not e.get("remove")]
    return new + merged


@dataclass(frozen=True)
class RuleSet:
    """Every rule a build uses: YAML rule files, word lists and SKOS taxonomies, with overlays applied.

    ``compiled`` memoises what a stage derives from the rules (compiled patterns, a tokenizer) on
    this object; the memo is not pickled, so a worker process compiles its own once.
    """

    files: dict[str, RuleFile]
    word_lists: dict[str, tuple[str, ...]]
    taxonomies: dict[str, tuple[Path, ...]]     # file name → the shipped file, then overlay files
    overlays: tuple[Path, ...] = ()
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def file(self, name: str) -> RuleFile:
        """The rule file ``name`` (e.g. ``responsibility.yaml``), overlays applied."""
        return self.files[name]

    def words(self, name: str) -> tuple[str, ...]:
        """The words of a word list: the first field of each line."""
        return tuple(line.split()[0] for line in self.word_lists[name])

    def word_lines(self, name: str) -> tuple[str, ...]:
        """A word list's lines as written (``word [frequency] [tag]`` for jieba's user dictionary)."""
        return self.word_lists[name]

    def taxonomy_turtle(self, name: str) -> tuple[Path, ...]:
        """The Turtle files that make up one taxonomy: the shipped one, then overlays."""
        return self.taxonomies[name]

    def taxonomy(self, name: str) -> Taxonomy:
        """A taxonomy's statements (shipped and overlaid), loaded once per rule set."""
        return self.compiled(_taxonomies)[name]

    def compiled(self, builder: Callable[[RuleSet], T]) -> T:
        """``builder(self)``, computed once per rule set (keyed by the builder's qualified name)."""
        key = f"{builder.__module__}.{builder.__qualname__}"
        if key not in self._memo:
            self._memo[key] = builder(self)
        return self._memo[key]

    def __getstate__(self) -> dict[str, Any]:
        return {"files": self.files, "word_lists": self.word_lists, "taxonomies": self.taxonomies,
                "overlays": self.overlays}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_memo", {})


@dataclass(frozen=True)
class Taxonomy:
    """The statements of one SKOS taxonomy as plain strings: (subject IRI, object IRI or lexical form,
    language tag or "") per predicate IRI."""

    statements: dict[str, tuple[tuple[str, str, str], ...]]

    def about(self, predicate: str) -> tuple[tuple[str, str, str], ...]:
        """Every (subject, object, language) of ``predicate``, sorted."""
        return self.statements.get(predicate, ())

    def concepts(self) -> list[str]:
        """The IRIs of its skos:Concepts, sorted."""
        return sorted(s for s, o, _ in self.about(_RDF_TYPE) if o == _SKOS_CONCEPT)


_RDF_TYPE = RDF.type.value
_SKOS_CONCEPT = SKOS.Concept.value


def _taxonomies(rule_set: RuleSet) -> dict[str, Taxonomy]:
    import pyoxigraph as ox  # lazy: start-up time

    found: dict[str, Taxonomy] = {}
    for name, paths in rule_set.taxonomies.items():
        statements: dict[str, list[tuple[str, str, str]]] = {}
        for path in paths:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                subject, obj = quad.subject, quad.object
                if isinstance(subject, ox.NamedNode) and isinstance(obj, (ox.NamedNode, ox.Literal)):
                    language = obj.language or "" if isinstance(obj, ox.Literal) else ""
                    statements.setdefault(quad.predicate.value, []).append((subject.value, obj.value, language))
        found[name] = Taxonomy({p: tuple(sorted(set(rows))) for p, rows in statements.items()})
    return found


def _word_list(path: Path) -> tuple[str, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError("QG216", f"cannot read word list: {getattr(exc, 'strerror', None) or exc}",
                        path=path) from None
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def load_rules(overlays: tuple[Path, ...] | list[Path] = ()) -> RuleSet:
    """The shipped rules with each overlay folder laid over them, in order; any problem is one RuleError."""
    shipped = resource_path("rules")
    files = {name: _parse(shipped / name) for name in RULE_FILES}
    word_lists = {name: _word_list(shipped / name) for name in WORD_LISTS}
    taxonomies: dict[str, tuple[Path, ...]] = {name: (resource_path("ontology", name),) for name in TAXONOMIES}
    folders = tuple(Path(folder) for folder in overlays)
    for folder in folders:
        if not folder.is_dir():
            raise RuleError("QG213", "rule folder not found", path=folder)
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.name in RULE_FILES:
                files[path.name] = _overlay(files[path.name], _parse(path))
            elif path.name in WORD_LISTS:
                word_lists[path.name] = word_lists[path.name] + _word_list(path)
            elif path.name in TAXONOMIES:
                _check_turtle(path)
                taxonomies[path.name] = taxonomies[path.name] + (path,)
            elif path.suffix in (".yaml", ".yml", ".txt", ".ttl"):
                known = ", ".join((*RULE_FILES, *WORD_LISTS, *TAXONOMIES))
                raise RuleError("QG214", f"not a rule file qgraph knows (an overlay file takes the name of "
                                f"the file it adds to: {known})", path=path)
    return RuleSet(files, word_lists, taxonomies, folders)


def _check_turtle(path: Path) -> None:
    """Fail in one line, naming the file and line, when an overlay taxonomy is not valid Turtle."""
    import pyoxigraph as ox  # lazy: start-up time

    try:
        for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            pass
    except (SyntaxError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RuleError("QG215", f"not valid Turtle: {first[:200]}", path=path) from None


@cache
def default_rules() -> RuleSet:
    """The shipped rules, for callers that pass none (doctests, a notebook); a build passes its own."""
    return load_rules()
