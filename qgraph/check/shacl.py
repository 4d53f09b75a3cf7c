"""Validating: the graph against the SHACL shapes of ``ontology/shapes.ttl`` (pySHACL).

:func:`qgraph.check.check_graph_file` runs this with the check queries and turns a failure into
``ValidationFailed``; here are only the pySHACL run and the graph file reader.

pySHACL runs on rdflib's in-memory store with inference off (see NOTES.md): the shapes are
written against explicit rdf:type statements, so no reasoning is needed.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from qgraph.errors import InputError
from qgraph.model import Report, Violation
from qgraph.resources import resource_path
from qgraph.vocab import PREFIXES


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes of ``ontology/shapes.ttl`` (parsed once per process)."""
    return Graph().parse(resource_path("ontology", "shapes.ttl"), format="turtle")


def _short(graph: Graph | None, node: object) -> str:
    """A term as a prefixed name where it has one (qg:Clause), else <IRI>; ``-`` for none."""
    if isinstance(node, URIRef):
        for prefix, namespace in [*PREFIXES.items(), ("sh", SH)]:
            if str(node).startswith(str(namespace)) and prefix != "id":
                return f"{prefix}:{str(node)[len(str(namespace)):]}"
        return f"<{node}>"
    return str(node) if node is not None else "-"


def validate_graph(graph: Graph) -> Report:
    """Validate a data graph (which may also hold the ontology) against qgraph's shapes."""
    import pyshacl  # lazy: start-up time

    conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none",
                                                advanced=True, allow_warnings=True)
    violations = []
    for result in results.objects(None, SH.result):  # not the sh:detail nested under sh:node
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        violations.append(Violation(
            focus=_short(results, results.value(result, SH.focusNode)),
            path=_short(results, results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            constraint=_short(results, results.value(result, SH.sourceConstraintComponent)),
        ))
    return Report(bool(conforms), tuple(sorted(violations, key=str)))


def load_graph_file(path: Path) -> Graph:
    """Parse a built graph file (Turtle, N-Triples or JSON-LD, by extension)."""
    formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
    if not path.is_file():
        raise InputError("QG120", "graph file not found (run `qgraph build` first)", path=path)
    try:
        return Graph().parse(path, format=formats.get(path.suffix, "turtle"))
    except Exception as exc:  # rdflib raises many parser types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError("QG121", f"cannot parse the graph: {first[:200]}", path=path) from None
