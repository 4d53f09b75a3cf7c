"""Whether a document is what qgraph reads: a policy text in Chinese with numbered parts, responsibility
statements or targets. What is missing becomes a warning naming the file (an error with ``--strict``):
a file read without complaint but holding no policy must not build silently.

>>> from qgraph.pipeline import parse_text
>>> policy_problems(parse_text("Quality plan. 1. Improve quality."))
['no Chinese text']
>>> policy_problems(parse_text("一、加强监管\\n（一）强化抽检。由市市场监管局牵头。"))
[]
"""
from __future__ import annotations

import re

from qgraph.errors import InputError
from qgraph.model import DocumentExtraction, ParsedDocument

CJK = re.compile(r"[\u3400-\u9fff]")
MIN_SHARE = 0.3    # a text whose letters are less than this share Chinese characters is not a Chinese text


def policy_problems(parsed: ParsedDocument, extraction: DocumentExtraction | None = None) -> list[str]:
    """What makes a document not a policy qgraph reads: no Chinese text; no numbered part and (given the
    extraction) no responsibility statement and no target; the reader's notes (a page without main text)."""
    problems = list(parsed.text.source.notes)
    letters = sum(1 for ch in parsed.text.text if ch.isalnum())
    if len(CJK.findall(parsed.text.text)) <= MIN_SHARE * letters:
        return [*problems, "no Chinese text"]
    numbered = any(c.numbered for c in parsed.clauses)
    if extraction is not None:
        stated = any(part.assignments or part.targets for part in extraction.clauses)
        if not numbered and not stated:
            problems.append("no numbered part, no responsibility statement and no target")
    elif not numbered:
        problems.append("no numbered part")
    return problems


def problem_line(parsed: ParsedDocument, problems: list[str]) -> str:
    """The warning for a document: its file and what is missing, on one line."""
    return f"{parsed.spec.path}: not a policy qgraph reads: {'; '.join(problems)}"


def strict_error(line: str) -> InputError:
    """The error ``--strict`` makes of a warning line of :func:`problem_line` (QG119)."""
    path, _, what = line.partition(": ")
    return InputError("QG119", f"{what} (--strict)", path=path)
