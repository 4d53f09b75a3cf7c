"""Checking a graph, in one place: the SHACL shapes and every ``queries/checks/*-violation.rq``.

:func:`check_store` runs both on a pyoxigraph ``Store`` (the shapes compiled to SPARQL, see
:mod:`qgraph.check.compiled`); :func:`check_graph_file` does the same for a built graph file, with
the compiled shapes or with pySHACL. Either returns one :class:`~qgraph.model.Report` when the graph
passes, and raises :class:`~qgraph.errors.ValidationFailed` (exit code 3) listing every violation when
it does not. A row of a check query is a violation that names the check file:

>>> from pyoxigraph import RdfFormat, Store
>>> store = Store()
>>> store.load(b'''@prefix qg: <https://w3id.org/qgraph/ontology#> .
... <https://w3id.org/qgraph/id/doc/d> qg:title "d" .
... <https://w3id.org/qgraph/id/doc/d/clause/1> qg:document <https://w3id.org/qgraph/id/doc/d> ;
...     qg:order 1 ; qg:charStart 0 ; qg:charEnd 10 .
... <https://w3id.org/qgraph/id/doc/d/clause/2> qg:document <https://w3id.org/qgraph/id/doc/d> ;
...     qg:order 2 ; qg:charStart 5 ; qg:charEnd 20 .''', format=RdfFormat.TURTLE)
>>> for violation in check_queries_on(store):  # doctest: +NORMALIZE_WHITESPACE
...     print(violation.focus, violation.message, violation.constraint, sep=" | ")
<https://w3id.org/qgraph/id/doc/d/clause/1> | [0,10) overlaps <https://w3id.org/qgraph/id/doc/d/clause/2>
starting at 5 | queries/checks/clause-overlap-violation.rq
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from qgraph.check.compiled import compile_shapes, focus_text, select, validate_store
from qgraph.check.shacl import load_graph_file, shapes_graph, validate_graph
from qgraph.errors import ValidationFailed
from qgraph.model import Report, Violation
from qgraph.resources import resource_path
from qgraph.store import open_store

ENGINES = ("compiled", "pyshacl")


@dataclass(frozen=True, slots=True)
class CheckQuery:
    """One ``queries/checks/*-violation.rq``: its name as reported, what it checks, its SPARQL."""

    name: str
    description: str
    sparql: str


@lru_cache(maxsize=1)
def check_queries() -> tuple[CheckQuery, ...]:
    """The shipped check queries, by file name."""
    found = []
    for path in sorted(resource_path("queries", "checks").glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        line = re.search(r"^#\s*Check:\s*(.+)$", text, re.M)
        found.append(CheckQuery(f"queries/checks/{path.name}", line.group(1).strip() if line else path.stem, text))
    return tuple(found)


def check_queries_on(store: ox.Store, queries: Sequence[CheckQuery] | None = None,
                     graphs: Sequence[ox.NamedNode] | None = None) -> tuple[Violation, ...]:
    """Run every check query (or QUERIES) on STORE (or the union of its GRAPHS): one violation per result
    row, in file order."""
    violations = []
    for query in check_queries() if queries is None else queries:
        solutions = select(store, query.sparql, graphs)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            message = row["message"] if "message" in names else None
            values = [row[name] for name in names if name != "message" and row[name] is not None]
            violations.append(Violation(
                focus=focus_text(values[0]) if values else "-", path="-",
                message=message.value if message is not None else query.description,
                constraint=query.name))
    return tuple(violations)


def check_store(store: ox.Store, *, where: str) -> Report:
    """The compiled shapes and the check queries on STORE; ValidationFailed (at WHERE) unless it passes."""
    return verdict(validate_store(store, compile_shapes(shapes_graph())), check_queries_on(store), where)


def check_graph_file(path: Path, *, engine: str = "compiled") -> Report:
    """Check a built graph file: its shapes with ENGINE ("compiled" or "pyshacl"), and the check queries.

    The compiled shapes run on the graph's Oxigraph store (its index when it is fresh); pySHACL runs on
    the graph parsed by rdflib, the check queries then on an Oxigraph copy of it.
    """
    if engine == "compiled":
        return check_store(open_store(Path(path)), where=str(path))
    if engine != "pyshacl":
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    graph = load_graph_file(Path(path))
    shapes = validate_graph(graph).violations
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return verdict(shapes, check_queries_on(store), str(path))


def verdict(shapes: tuple[Violation, ...], checks: tuple[Violation, ...], where: str) -> Report:
    """The report when nothing failed; else ValidationFailed naming the shapes count and each failing file."""
    report = Report(not shapes and not checks, (*shapes, *checks))
    if report.conforms:
        return report
    rows: dict[str, int] = {}
    for violation in checks:
        rows[violation.constraint] = rows.get(violation.constraint, 0) + 1
    failing = ", ".join(f"{name} ({n} row(s))" for name, n in rows.items())
    if shapes:
        message = f"the graph does not conform to the shapes: {len(shapes)} violation(s)"
        code = "QG301"
        if failing:
            message += f"; it also fails {failing}"
    else:
        code, message = "QG302", f"the graph fails {failing}"
    raise ValidationFailed(code, message, path=where, violations=tuple(map(str, report.violations)))
