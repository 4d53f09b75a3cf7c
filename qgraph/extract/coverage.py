"""Coverage: what qgraph read in one document, so that a user adding a city sees at once what it could
and could not read (clauses without a responsible unit, departments of unknown type).

>>> from qgraph.extract import extract
>>> from qgraph.pipeline import parse_text
>>> found = coverage(extract(parse_text("一、加强监管\\n（一）强化抽检。抽检合格率达到98%以上。（县市场监管局负责）\\n"
...                                     "——抽检全覆盖。\\n（二）完善标准。")))
>>> found.numbered, found.dash_items, found.with_statement, found.without_statement, found.targets
(3, 1, 1, 2, 1)

Numbered clauses are parts of kind ``NumberedClause``; dash items (——) are counted apart, as every
count of the graph's library does (``qg:kind``).
"""
from __future__ import annotations

from qgraph.model import Coverage, DocumentExtraction, PartKind


def coverage(extraction: DocumentExtraction) -> Coverage:
    """Counts of one document's extraction: parts, numbered clauses with and without a statement, dash items,
    targets, departments and how many of them are of unknown type."""
    numbered = [part for part in extraction.clauses if part.clause.kind is PartKind.CLAUSE]
    return Coverage(
        document=extraction.parsed.spec.id,
        parts=len(extraction.clauses),
        numbered=len(numbered),
        dash_items=sum(1 for part in extraction.clauses if part.clause.kind is PartKind.DASH_ITEM),
        with_statement=sum(1 for part in numbered if any(a.inherited_from is None for a in part.assignments)),
        targets=sum(len(part.targets) for part in extraction.clauses),
        departments=len(extraction.department_types),
        unknown_types=sum(1 for _label, kind in extraction.department_types if not kind.known),
        merges=extraction.merges)
