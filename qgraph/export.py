"""Writing the built graph: deterministic serialisations, written atomically.

A build writes into a temporary file beside the target and renames it at the end, so a
failed build leaves the previous graph in place.

>>> FORMATS["ttl"]
'turtle'
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nt import _nt_row  # one triple as an N-Triples line

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def canonical_triples(graph: Graph) -> list[tuple]:
    """The graph's triples, blank nodes labelled by content, sorted: the same list for the same content."""
    with_blanks = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    triples = set(graph) - set(with_blanks)
    if with_blanks:
        blank_part = Graph()
        for triple in with_blanks:
            blank_part.add(triple)
        triples |= set(to_canonical_graph(blank_part))
    return sorted(triples, key=_nt_row)


def _json_value(term) -> dict:
    if isinstance(term, Literal):
        value: dict = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype:
            value["@type"] = str(term.datatype)
        return value
    return {"@id": term.n3() if isinstance(term, BNode) else str(term)}


def _json_ld(triples: list[tuple]) -> bytes:
    """Expanded JSON-LD: one node object per subject, in sorted order."""
    nodes: dict[str, dict] = {}
    for subject, predicate, obj in triples:
        key = subject.n3() if isinstance(subject, BNode) else str(subject)
        node = nodes.setdefault(key, {"@id": key})
        if predicate == RDF.type and not isinstance(obj, Literal):
            node.setdefault("@type", []).append(str(obj))
        else:
            node.setdefault(str(predicate), []).append(_json_value(obj))
    return json.dumps(list(nodes.values()), ensure_ascii=False, indent=1).encode("utf-8")


def serialise(graph: Graph, fmt: str) -> bytes:
    """The graph as bytes, identical for identical content whatever the process's hash seed."""
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8")  # rdflib sorts subjects and predicates
    triples = canonical_triples(graph)
    if fmt == "nt":
        return "".join(_nt_row(t) for t in triples).encode("utf-8")
    return _json_ld(triples)


def write_atomically(data: bytes, target: Path) -> Path:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
