"""The query library: ``queries/*.rq`` by name, or any ``.rq`` file, with parameters; and the tool's
own queries, ``queries/app/*.rq``, which lead, compare, reuse, analyze and viz ask.

Each library query opens with comment lines: its question, its parameters, an example. A
parameter is a ``VALUES ?name { UNDEF }`` line that ``--param name=value`` replaces; left out, it
constrains nothing (the query answers for every document, jurisdiction or indicator), unless a
``# Required: name KIND`` line says the query needs it: asked without it, the query is a
:class:`~qgraph.errors.MissingParameter` listing the values of that kind in the graph
(``queries/app/parameter-values.rq``: document, jurisdiction, indicator).

>>> [q.name for q in library()][:2]
['clause-tree', 'clauses-per-jurisdiction']
>>> library_query("clause-tree").question
'what is the clause tree of one document, in order, with headings and source offsets?'
>>> library_query("clause-tree").required
{'doc_id': 'document'}

The tool's own queries take their parameters the same way, a value being a string (bound as a
literal), an :class:`Iri`, a tuple of them (several rows of VALUES), or None or an empty tuple (``UNDEF``;
the query says what no value means: no constraint, or, in a sub-select that keeps only rows where ``?x``
is bound, no rows, as queries/app/lead.rq does; rdflib cannot evaluate an empty VALUES block):

>>> print(bind_values("VALUES ?term { UNDEF }", {"term": ("食品安全", 'say "hi"')}))
VALUES ?term { "食品安全" "say \\"hi\\"" }
>>> print(bind_values("VALUES ?d { UNDEF }  VALUES ?i { UNDEF }",
...                   {"d": Iri("https://w3id.org/qgraph/ontology#ProductQuality"), "i": ()}))
VALUES ?d { <https://w3id.org/qgraph/ontology#ProductQuality> }  VALUES ?i { UNDEF }
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qgraph.errors import MissingParameter, QueryError
from qgraph.resources import resource_path

if TYPE_CHECKING:
    from qgraph.ask.engine import Engine
    from qgraph.model import Results

_REQUIRED = re.compile(r"#\s*Required:\s*\??(?P<name>\w+)\s+(?P<kind>document|jurisdiction|indicator)\b")
_VALUES = re.compile(r"VALUES\s+\?(?P<name>\w+)\s*\{\s*(?P<value>[^}]*?)\s*\}")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class Iri(str):
    """An IRI to bind as ``<…>`` rather than as a string literal."""


class Tagged(str):
    """A string to bind as a literal with a language tag, ``"…"@tag``.

    >>> term(Tagged("云溪市", "zh"))
    '"云溪市"@zh'
    """

    tag: str

    def __new__(cls, text: str, tag: str) -> Tagged:
        """The text, tagged (``tag``: letters, digits and hyphens)."""
        if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", tag):
            raise QueryError("QG403", f"not a language tag: {tag!r}")
        made = super().__new__(cls, text)
        made.tag = tag
        return made


Value = str | Iri | tuple | list | None
Row = dict[str, Any]  # one result row of a tool query: its columns are known, their values typed by the query


def term(value: str) -> str:
    r"""One value as a SPARQL term: an :class:`Iri` as ``<…>``, anything else as an escaped literal.

    >>> term('a\\b "c"\nd')
    '"a\\\\b \\"c\\"\\nd"'
    """
    if isinstance(value, Iri):
        if _IRI_FORBIDDEN.search(value):
            raise QueryError("QG403", f"not an IRI: {value!r}")
        return f"<{value}>"
    escaped = (str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"@{value.tag}' if isinstance(value, Tagged) else f'"{escaped}"'


def bind_values(text: str, values: dict[str, Value]) -> str:
    """The query text with the VALUES line of each named parameter set to the given value(s)."""
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in values:
            return match.group(0)
        value = values[name]
        if isinstance(value, (tuple, list)):
            terms = " ".join(term(v) for v in value) or "UNDEF"
        else:
            terms = "UNDEF" if value is None else term(value)
        return f"VALUES ?{name} {{ {terms} }}"

    return _VALUES.sub(replace, text)


@dataclass(frozen=True, slots=True)
class Query:
    """A SPARQL query file: its name (the file's stem), path and text."""

    name: str
    path: Path
    text: str

    @property
    def question(self) -> str:
        """The question the query answers, from its ``# Question:`` or ``# Check:`` comment line."""
        for line in self.text.splitlines():
            found = re.match(r"#\s*(?:Question|Check):\s*(.+)", line)
            if found:
                return found.group(1).strip()
        return ""

    @property
    def parameters(self) -> dict[str, str]:
        """Each parameter (a ``VALUES ?name { default }`` line) → its default, in order."""
        return {m.group("name"): m.group("value") for m in _VALUES.finditer(self.text)}

    @property
    def required(self) -> dict[str, str]:
        """Each parameter the query cannot answer without (a ``# Required: name KIND`` line) → its kind."""
        return {m.group("name"): m.group("kind") for m in _REQUIRED.finditer(self.text)}

    def bind(self, values: dict[str, str]) -> str:
        """The query text with each parameter's VALUES line set to the given plain-string value."""
        unknown = set(values) - set(self.parameters)
        if unknown:
            raise QueryError("QG406", f"unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"this query takes: {', '.join(self.parameters) or 'none'}", path=self.path)

        return bind_values(self.text, dict(values))


def library() -> tuple[Query, ...]:
    """Every analyst query shipped in ``queries/`` (checks excluded), by name."""
    folder = resource_path("queries")
    return tuple(_read(p) for p in sorted(folder.glob("*.rq")))


def checks() -> tuple[Query, ...]:
    """The graph checks, ``queries/checks/*-violation.rq``: every result row is a failure."""
    return tuple(_read(p) for p in sorted(resource_path("queries", "checks").glob("*-violation.rq")))


def library_query(name: str) -> Query:
    """The analyst query of that name, or a QueryError listing the known ones."""
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


# --- the tool's own queries -----------------------------------------------------------------------

def app_queries() -> tuple[Query, ...]:
    """The queries qgraph itself asks (``queries/app/*.rq``), by name."""
    return tuple(_read(p) for p in sorted(resource_path("queries", "app").glob("*.rq")))


def app_query(name: str, **values: Value) -> str:
    """The text of ``queries/app/NAME.rq`` with its parameters bound (see :func:`bind_values`).

    >>> "dcterms:identifier ?jurisdiction" in app_query("compare", of=Iri("https://example.org/i"))
    True
    """
    query = _app(name)
    unknown = set(values) - set(query.parameters)
    if unknown:
        raise QueryError("QG403", f"unknown parameter(s) {', '.join(sorted(unknown))}; "
                         f"this query takes: {', '.join(query.parameters) or 'none'}", path=query.path)
    return bind_values(query.text, values)


def ask(engine: Engine, name: str, **values: Value) -> Results:
    """Run ``queries/app/NAME.rq`` with its parameters bound on the engine."""
    return engine.select(app_query(name, **values), name=f"queries/app/{name}.rq")


def ask_rows(engine: Engine, name: str, **values: Value) -> tuple[Row, ...]:
    """The rows of ``queries/app/NAME.rq`` run with its parameters bound (see :func:`ask`)."""
    return ask(engine, name, **values).rows


def parameter_list(query: Query) -> str:
    """A query's parameters as ``qgraph queries`` lists them, a required one marked.

    >>> parameter_list(library_query("clause-tree")), parameter_list(library_query("reuse-between-jurisdictions"))
    ('doc_id (required)', 'later_id, earlier_id')
    """
    required = query.required
    return ", ".join(f"{name} (required)" if name in required else name for name in query.parameters)


def check_required(engine: Engine, query: Query, given: dict[str, Any]) -> None:
    """A :class:`MissingParameter` when ``query`` needs a parameter not ``given``, listing what it takes."""
    for name, kind in query.required.items():
        if given.get(name) in (None, ""):
            known = [row["value"] for row in ask_rows(engine, "parameter-values", kind=kind)]
            raise MissingParameter("QG410", f"{query.name} needs {name}=… (a {kind}: {', '.join(known) or 'none'})",
                                   path=query.path)


def _app(name: str) -> Query:
    path = resource_path("queries", "app", f"{name}.rq")
    if not path.is_file():
        raise QueryError("QG404", f"no query named '{name}' in queries/app", path=path)
    return _read(path)
