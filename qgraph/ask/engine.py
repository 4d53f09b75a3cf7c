"""Where the graph lives: the embedded Oxigraph store, rdflib, or any SPARQL 1.1 endpoint.

The rest of qgraph asks an :class:`Engine` to ``select(sparql, name)`` and gets plain
:class:`Results` back, whichever engine answers:

>>> from qgraph.ask.library import app_query
>>> from qgraph.resources import resource_path
>>> engine = open_engine(resource_path("ontology", "domains.ttl"), None)
>>> engine.select(app_query("domain-labels")).rows[0]
{'domain': 'https://w3id.org/qgraph/ontology#EngineeringQuality', 'label': '工程建设质量', 'lang': 'zh', 'preferred': 0}

A query that cannot be parsed fails with one line naming the query and the line:

>>> engine.select(app_query("domain-labels").replace("skos:", "sk:", 1), name="domain-labels.rq")
Traceback (most recent call last):
qgraph.errors.QueryError: domain-labels.rq:10: [QG401] unknown prefix 'skos:' (declare it: PREFIX skos: <…>)
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from http.client import HTTPException
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from qgraph import vocab
from qgraph.errors import EndpointError, InputError, QueryError
from qgraph.model import Results
from qgraph.store import (
    graph_format,
    not_found,
    open_store,
    oxigraph_parse_detail,
    shorten,
    unparsable,
    unreadable,
)

XSD = str(vocab.XSD)
_INTEGERS = frozenset(XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"))
_FLOATS = frozenset((XSD + "double", XSD + "float"))
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}

BACKENDS = ("oxigraph", "rdflib")
class Engine(Protocol):
    """Anything that runs a SELECT query over the graph; ``name`` is the query's file, for errors."""

    def select(self, sparql: str, name: str = "query") -> Results:
        """The answer to a SELECT query, as plain Python values."""
        ...


_RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
TIMEOUT_S = 30.0
_ACCEPT = "application/sparql-results+json, text/turtle;q=0.1"  # Turtle only tells a CONSTRUCT apart
_GRAPH_MEDIA_TYPES = frozenset((
    "text/turtle", "application/n-triples", "application/n-quads", "application/trig",
    "application/rdf+xml", "application/ld+json", "text/n3"))
_PYPARSING_POSITION = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$")
# IRIs, strings and comments, which may hold colons that are not prefixed names
_NOT_CODE = re.compile(r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                       r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_PREFIXED = re.compile(r"(?<![\w.:?$-])([^\W\d_][\w.-]*)?:")
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.I)


def python_value(lexical: str, datatype: str | None) -> object:
    """A literal as a Python value: integers, decimals, doubles and booleans typed, the rest as text.

    >>> python_value("95.0", XSD + "decimal"), python_value("7", XSD + "int"), python_value("2025", XSD + "gYear")
    (Decimal('95.0'), 7, '2025')
    """
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype == XSD + "decimal":
            return Decimal(lexical)
        if datatype in _FLOATS:
            return float(lexical)
    except (ValueError, InvalidOperation):
        return lexical  # an ill-typed literal keeps its text
    if datatype == XSD + "boolean":
        return _BOOLEANS.get(lexical.strip(), lexical)
    return lexical


# --- the embedded engines -------------------------------------------------------------------------

class OxigraphEngine:
    """The default engine: the build's on-disk index when it matches the file, else the file
    bulk-loaded into an in-memory Oxigraph store."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.store = open_store(self.path)

    def select(self, sparql: str, name: str = "query") -> Results:
        """Run a SELECT query on the store; other query forms are a QueryError."""
        try:
            answer = self.store.query(sparql)
        except SyntaxError as exc:
            raise _oxigraph_query_error(str(exc), sparql, name) from None
        if not isinstance(answer, ox.QuerySolutions):
            form = "ASK" if isinstance(answer, ox.QueryBoolean) else "CONSTRUCT or DESCRIBE"
            raise _not_select(form, name)
        columns = tuple(v.value for v in answer.variables)
        try:
            rows = tuple(dict(zip(columns, map(_from_oxigraph, s), strict=True)) for s in answer)
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError("QG403", f"cannot run the query: {_first_line(str(exc))}", path=name) from None
        return Results(columns, rows)


class RdflibEngine:
    """The graph file parsed by rdflib and queried with its SPARQL engine (for comparison, benchmarks)."""

    def __init__(self, path: Path) -> None:
        import rdflib  # lazy: start-up time

        self.path = Path(path)
        fmt = graph_format(self.path)
        try:
            self.graph = rdflib.Graph().parse(self.path, format=_RDFLIB_FORMATS[self.path.suffix])
        except OSError as exc:
            raise unreadable(self.path, exc) from None
        except Exception as exc:  # rdflib's parsers raise many types
            detail, line = _rdflib_parse_detail(exc)
            raise unparsable(self.path, detail, line or _oxigraph_error_line(self.path, fmt)) from None

    def select(self, sparql: str, name: str = "query") -> Results:
        """Run a SELECT query with rdflib; undeclared prefixes and other query forms are a QueryError."""
        from pyparsing import ParseBaseException  # lazy: start-up time
        from rdflib.plugins.sparql import prepareQuery  # lazy: start-up time
        from rdflib.query import ResultRow  # lazy: start-up time

        _check_prefixes(sparql, name)  # rdflib knows rdf:, rdfs:, xsd:, owl: undeclared; the others do not
        try:
            prepared = prepareQuery(sparql)
        except ParseBaseException as exc:
            detail = f"syntax error at column {exc.col}: {shorten(_pyparsing_detail(exc))}"
            raise _update_error(sparql, name) or QueryError("QG401", detail, path=name, line=exc.lineno) from None
        except Exception as exc:  # e.g. "Unknown namespace prefix : dct", raised as a bare Exception
            raise QueryError("QG401", shorten(_first_line(str(exc))), path=name) from None
        if prepared.algebra.name != "SelectQuery":
            raise _not_select(prepared.algebra.name.removesuffix("Query").upper(), name)
        try:
            answer = self.graph.query(prepared)
            columns = tuple(str(v) for v in answer.vars or ())
            rows = tuple({c: _from_rdflib(row[i]) for i, c in enumerate(columns)}
                         for row in answer if isinstance(row, ResultRow))  # a SELECT answers only ResultRows
        except Exception as exc:  # evaluation errors have no common base class in rdflib
            raise QueryError("QG403", f"cannot run the query: {_first_line(str(exc))}", path=name) from None
        return Results(columns, rows)


# --- a SPARQL 1.1 endpoint ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RemoteEngine:
    """A SPARQL 1.1 Protocol endpoint (Oxigraph: ``http://host:7878/query``), over plain urllib.

    >>> RemoteEngine("http://localhost:7878/query").timeout
    30.0
    """

    url: str
    timeout: float = TIMEOUT_S

    def select(self, sparql: str, name: str = "query") -> Results:
        """POST a SELECT query to the endpoint and read its JSON results."""
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode({"query": sparql}).encode("ascii"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT})
        content_type, body = _http(request, self.url, self.timeout, where=name)
        return _results_from_json(body, content_type, self.url, name)


def push_graph(graph: Path, store_url: str, named_graph: str | None = None, replace: bool = True,
               timeout: float = TIMEOUT_S) -> int:
    """Send a graph file to a SPARQL 1.1 Graph Store (PUT replaces, POST appends); the triples sent.

    For Oxigraph the store URL is ``http://host:7878/store``; ``named_graph`` None means the
    default graph. The file is parsed first, so a broken file sends nothing.
    """
    graph = Path(graph)
    fmt = graph_format(graph)
    try:
        data = graph.read_bytes()
    except FileNotFoundError:
        raise not_found(graph) from None
    except OSError as exc:
        raise unreadable(graph, exc) from None
    try:
        count = sum(1 for _ in ox.parse(data, format=fmt))
    except SyntaxError as exc:
        raise unparsable(graph, oxigraph_parse_detail(exc), exc.lineno) from None
    target = "default" if named_graph is None else urllib.parse.urlencode({"graph": named_graph})
    url = f"{store_url}{'&' if '?' in store_url else '?'}{target}"
    request = urllib.request.Request(url, data=data, method="PUT" if replace else "POST",
                                     headers={"Content-Type": fmt.media_type})
    _http(request, store_url, timeout, where=str(graph))
    return count


def open_engine(graph: Path | None, endpoint: str | None, backend: str = "oxigraph") -> Engine:
    """The endpoint when one is given, else the graph file loaded into ``backend`` (see BACKENDS)."""
    if endpoint:
        return RemoteEngine(endpoint)
    if graph is None:
        raise InputError("QG122", "no graph to query: give a graph file or a SPARQL endpoint")
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}: expected one of {', '.join(BACKENDS)}")
    return OxigraphEngine(graph) if backend == "oxigraph" else RdflibEngine(graph)


# --- values ---------------------------------------------------------------------------------------

def _from_oxigraph(term: Any) -> object:
    kind = type(term)   # the exact types first: a cell of a large answer costs a few checks
    if kind is ox.Literal:
        return python_value(term.value, term.datatype.value)
    if kind is ox.NamedNode:
        return term.value
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)  # an RDF-star triple


def _from_rdflib(term: Any) -> object:
    from rdflib import BNode, Literal  # lazy: start-up time

    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return python_value(str(term), str(term.datatype) if term.datatype else None)
    return str(term)


def _from_json(binding: dict[str, Any] | None) -> object:
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value")
    if kind == "bnode":
        return f"_:{value}"
    if kind in ("literal", "typed-literal"):
        return python_value(str(value), binding.get("datatype"))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _results_from_json(body: bytes, content_type: str, url: str, name: str) -> Results:
    if content_type in _GRAPH_MEDIA_TYPES:
        raise _not_select("CONSTRUCT or DESCRIBE", name)
    try:
        data = json.loads(body.decode("utf-8"))
    except ValueError:  # includes UnicodeDecodeError
        raise EndpointError("QG503", f"SPARQL endpoint {url} did not answer with SPARQL JSON results "
                                     f"({content_type}): {_first_line(body)}", path=name) from None
    if isinstance(data, dict) and "boolean" in data:
        raise _not_select("ASK", name)
    try:
        columns = tuple(data["head"]["vars"])
        rows = tuple({c: _from_json(b.get(c)) for c in columns} for b in data["results"]["bindings"])
    except (KeyError, TypeError, AttributeError):
        raise EndpointError("QG503", f"SPARQL endpoint {url} answered JSON that is not SPARQL results: "
                                     f"{_first_line(body)}", path=name) from None
    return Results(columns, rows)


# --- HTTP -----------------------------------------------------------------------------------------

def _http(request: urllib.request.Request, url: str, timeout: float, where: str) -> tuple[str, bytes]:
    """Send the request; the answer's content type and body, or one EndpointError."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        body = _first_line(exc.read()) or str(exc.reason)
        raise EndpointError("QG502", f"SPARQL endpoint {url} answered HTTP {exc.code}: {body}",
                            path=where) from None
    except urllib.error.URLError as exc:
        raise _unreachable(url, exc.reason, timeout) from None
    except (OSError, HTTPException, ValueError) as exc:  # timeouts while reading, resets, bad URLs
        raise _unreachable(url, exc, timeout) from None


def _unreachable(url: str, reason: object, timeout: float) -> EndpointError:
    if isinstance(reason, TimeoutError):
        why = f"timed out after {timeout:g} s"
    elif isinstance(reason, OSError) and reason.strerror:
        why = reason.strerror
    else:
        why = str(reason) or type(reason).__name__
    return EndpointError("QG501", f"cannot reach SPARQL endpoint {url}: {why}")


# --- errors ---------------------------------------------------------------------------------------

_OX_QUERY_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_UPDATES = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"))


def _code_only(sparql: str) -> str:
    """The query with IRIs, strings and comments blanked out, lines and columns kept."""
    return _NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), sparql)


def _update_error(sparql: str, name: str) -> QueryError | None:
    """QG402 for a SPARQL Update (which the query parsers report as a bare syntax error)."""
    code = re.sub(r"(?i)\b(PREFIX\s+[^\s:]*:|BASE\b)", " ", _code_only(sparql))
    first = re.match(r"\s*([A-Za-z]+)", code)
    word = first[1].upper() if first else ""
    return _not_select(f"an update ({word})", name) if word in _UPDATES else None


def _undeclared_prefixes(sparql: str) -> list[tuple[str, int]]:
    """Every use of a prefix the query does not declare, as (prefix, line), in order."""
    code = _code_only(sparql)
    declared = {m[1] for m in _DECLARED.finditer(code)}
    return [(m[1] or "", code.count("\n", 0, m.start()) + 1)
            for m in _PREFIXED.finditer(code) if (m[1] or "") not in declared]


def _unknown_prefix(prefix: str, name: str, line: int | None) -> QueryError:
    return QueryError("QG401", f"unknown prefix '{prefix}:' (declare it: PREFIX {prefix}: <…>)",
                      path=name, line=line)


def _check_prefixes(sparql: str, name: str) -> None:
    undeclared = _undeclared_prefixes(sparql)
    if undeclared:
        prefix, line = undeclared[0]
        raise _unknown_prefix(prefix, name, line)


def _oxigraph_query_error(message: str, sparql: str, name: str) -> QueryError:
    """Oxigraph says ``error at LINE:COLUMN: expected …`` (1-based, in characters)."""
    update = _update_error(sparql, name)
    if update is not None:
        return update
    match = _OX_QUERY_ERROR.match(message)
    if not match:
        return QueryError("QG401", shorten(_first_line(message)), path=name)
    line, column, detail = int(match[1]), int(match[2]), match[3]
    if "Prefix not found" in detail:
        undeclared = _undeclared_prefixes(sparql)
        on_line = [p for p, at in undeclared if at == line] or [p for p, _ in undeclared] or ["?"]
        return _unknown_prefix(on_line[0], name, line)
    if "variable that is unbound" in detail:
        detail = "a selected variable is neither grouped nor aggregated"
    return QueryError("QG401", f"syntax error at column {column}: {shorten(detail)}", path=name, line=line)


def _pyparsing_detail(exc: Exception) -> str:
    return _PYPARSING_POSITION.sub("", _first_line(str(exc)))


def _not_select(form: str, name: str) -> QueryError:
    return QueryError("QG402", f"expected a SELECT query, not {form}", path=name)


def _oxigraph_error_line(path: Path, fmt: ox.RdfFormat) -> int | None:
    """Where Oxigraph's parser stops in a file, for rdflib's parsers that do not say (N-Triples)."""
    try:
        for _ in ox.parse(path=path, format=fmt):
            pass
    except SyntaxError as exc:
        return exc.lineno
    except OSError:
        pass
    return None


def _rdflib_parse_detail(exc: Exception) -> tuple[str, int | None]:
    text = str(exc)
    line = re.search(r"at line (\d+)", text)
    why = re.search(r"Bad syntax \((.*)\) at \^", text)
    detail = why[1] if why else (_first_line(text) or type(exc).__name__)
    return detail, int(line[1]) if line else getattr(exc, "lineno", None)


def _first_line(text: str | bytes, limit: int = 200) -> str:
    """The first non-blank line, trimmed to ``limit`` characters."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit - 1] + "…"


