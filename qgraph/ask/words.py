"""A user's query in simplified script, for the asking side (its own OpenCC handle: it reads no rule
file of the build).

>>> to_simplified("檢驗檢測")
'检验检测'
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # lazy: start-up time

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC's traditional → simplified conversion (t2s), loaded once per process."""
    return _opencc().convert(text)


