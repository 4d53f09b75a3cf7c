"""String work shared by the build and the asking side, so that neither imports the other: the most
specific of several patterns, and the difference between two passages.

>>> import re
>>> most_specific([(re.compile("质量"), "a"), (re.compile("产品质量"), "b")], "产品质量合格率")
'b'
>>> text_diff("市场主体主要负责人", "市场主体法定代表人或主要负责人")
(('=', '市场主体'), ('+', '法定代表人或'), ('=', '主要负责人'))
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from qgraph.model import Run

T = TypeVar("T")


def most_specific(patterns: Iterable[tuple[re.Pattern[str], T]], text: str) -> T | None:
    """The value of the pattern that matches most of ``text``; on a tie the longest pattern, then the
    first: how a name finds its department type and a metric its indicator."""
    best, best_key = None, (0, 0)
    for pattern, value in patterns:
        match = pattern.search(text)
        if match:
            key = (match.end() - match.start(), len(pattern.pattern))
            if key > best_key:
                best, best_key = value, key
    return best


def text_diff(earlier: str, later: str) -> tuple[Run, ...]:
    """Runs turning the earlier passage into the later: kept ("="), inserted ("+"), deleted ("-")."""
    from rapidfuzz.distance import Indel  # lazy: start-up time

    runs: list[Run] = []
    for op in Indel.opcodes(earlier, later):
        tag = {"equal": "=", "insert": "+", "delete": "-"}[op.tag]
        text = later[op.dest_start:op.dest_end] if tag == "+" else earlier[op.src_start:op.src_end]
        if runs and runs[-1][0] == tag:
            runs[-1] = (tag, runs[-1][1] + text)
        else:
            runs.append((tag, text))
    return tuple(runs)
