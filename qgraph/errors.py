"""One small exception tree; every error prints as one line a person can act on.

>>> str(InputError("QG104", "file x-2021.txt not found", path="data/documents.yaml", line=12))
'data/documents.yaml:12: [QG104] file x-2021.txt not found'
"""
from __future__ import annotations

from pathlib import Path


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
    """The graph does not conform to the SHACL shapes (QG3xx); exit code 3."""

    exit_code = 3

    def __init__(self, code: str, message: str, *, violations: tuple[str, ...] = (),
                 path: str | Path | None = None) -> None:
        super().__init__(code, message, path=path)
        self.violations = violations


class QueryError(QGraphError):
    """A query that cannot be found, parsed or run (QG4xx)."""


class EndpointError(QGraphError):
    """A SPARQL endpoint that is down, unreachable or answers an error (QG5xx)."""


def _rebuild(cls: type, state: dict) -> QGraphError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error
