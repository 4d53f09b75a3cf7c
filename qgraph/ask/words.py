"""Small pure string work the asking side needs: a user's query in simplified script, and the
difference between two passages. Nothing here reads a file or the build's rules.

>>> to_simplified("檢驗檢測")
'检验检测'
>>> text_diff("市场主体主要负责人", "市场主体法定代表人或主要负责人")
(('=', '市场主体'), ('+', '法定代表人或'), ('=', '主要负责人'))
"""
from __future__ import annotations

from functools import lru_cache

from qgraph.model import Run


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # lazy: start-up time

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC's traditional → simplified conversion (t2s), loaded once per process."""
    return _opencc().convert(text)


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
