"""The query library: ``queries/*.rq`` by name, or any ``.rq`` file, with parameters.

Each library query opens with comment lines: its question, its parameters, an example. A
parameter is a ``VALUES ?name { default }`` line that ``--param name=value`` replaces.

>>> [q.name for q in library()][:2]
['clause-tree', 'clauses-per-jurisdiction']
>>> library_query("clause-tree").question
'what is the clause tree of one document, in order, with headings and source offsets?'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from qgraph.errors import QueryError
from qgraph.resources import resource_path

_VALUES = re.compile(r"VALUES\s+\?(?P<name>\w+)\s*\{\s*(?P<value>[^}]*?)\s*\}")


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    path: Path
    text: str

    @property
    def question(self) -> str:
        for line in self.text.splitlines():
            found = re.match(r"#\s*(?:Question|Check):\s*(.+)", line)
            if found:
                return found.group(1).strip()
        return ""

    @property
    def parameters(self) -> dict[str, str]:
        return {m.group("name"): m.group("value") for m in _VALUES.finditer(self.text)}

    def bind(self, values: dict[str, str]) -> str:
        """The query text with each parameter's VALUES line set to the given plain-string value."""
        unknown = set(values) - set(self.parameters)
        if unknown:
            raise QueryError("QG406", f"unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"this query takes: {', '.join(self.parameters) or 'none'}", path=self.path)

        def replace(match: re.Match[str]) -> str:
            name = match.group("name")
            if name not in values:
                return match.group(0)
            literal = values[name].replace("\\", "\\\\").replace('"', '\\"')
            return f'VALUES ?{name} {{ "{literal}" }}'

        return _VALUES.sub(replace, self.text)


def library() -> tuple[Query, ...]:
    """Every analyst query shipped in ``queries/`` (checks excluded), by name."""
    folder = resource_path("queries")
    return tuple(_read(p) for p in sorted(folder.glob("*.rq")))


def checks() -> tuple[Query, ...]:
    """The graph checks, ``queries/checks/*-violation.rq``: every result row is a failure."""
    return tuple(_read(p) for p in sorted(resource_path("queries", "checks").glob("*-violation.rq")))


def library_query(name: str) -> Query:
    for query in library():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in library())
    raise QueryError("QG404", f"no query named '{name}' in the library (known: {known})")


def resolve(name_or_file: str) -> Query:
    """A library query by name, or any ``.rq`` file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryError("QG407", "query file not found", path=path)
        return _read(path)
    return library_query(name_or_file)


def _read(path: Path) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError("QG408", f"cannot read the query: {exc}", path=path) from None
    return Query(path.stem, path, text)
