"""`qgraph reuse`: the passages a document took from another, read from the built graph.

Each passage comes with both clause numbers, the two texts with the differences marked
(``[+inserted+]`` in the later text, ``[-deleted-]`` from the earlier one) and the similarity;
the per-pair summary counts how many characters of the later document come from the earlier. Lengths
are characters of the normalised text (``qg:text``: pinyin ruby, mojibake and the like removed), never
of the source, which may hold annotations a reader does not see.

>>> mark((("=", "市场主体"), ("+", "法定代表人或"), ("=", "主要负责人")))
'市场主体[+法定代表人或+]主要负责人'
"""
from __future__ import annotations

from qgraph.ask.engine import Engine
from qgraph.ask.library import ask_rows
from qgraph.model import Run
from qgraph.strings import text_diff


def mark(runs: tuple[Run, ...] | list[Run]) -> str:
    """A diff as one line: kept text plain, insertions [+…+], deletions [-…-]."""
    return "".join(text if tag == "=" else f"[{tag}{text}{tag}]" for tag, text in runs)


def passages(engine: Engine, doc_id: str | None = None, min_chars: int = 0,
             with_boilerplate: bool = False) -> list[dict]:
    """The reused passages (of one document if given, at least min_chars long), each with its diff marked."""
    rows = []
    asked = ask_rows(engine, "reuse-passages", doc_id=doc_id or None, min_chars=str(min_chars) if min_chars else None,
                     boilerplate_value=None if with_boilerplate else "false")
    for row in asked:
        if row["length"] < min_chars or (row["boilerplate"] and not with_boilerplate):   # a graph without offsets
            continue
        rows.append({"later": row["later"], "later_clause": row["laterNumber"], "earlier": row["earlier"],
                     "earlier_clause": row["earlierNumber"], "chars": row["length"],
                     "similarity": row["similarity"], "boilerplate": row["boilerplate"],
                     "diff": mark(text_diff(row["earlierText"], row["laterText"])),
                     "later_text": row["laterText"], "earlier_text": row["earlierText"],
                     "start": row["start"], "end": row["end"],
                     "text_start": row["textStart"], "text_end": row["textEnd"]})
    return rows


def summary(rows: list[dict]) -> list[dict]:
    """Per (later, earlier) pair: passages, and characters of the later document's normalised text they
    cover, each counted once (offsets ``text_start``/``text_end``, not the source's).

    >>> summary([{"later": "b", "earlier": "a", "text_start": 0, "text_end": 31, "start": 0, "end": 69},
    ...          {"later": "b", "earlier": "a", "text_start": 20, "text_end": 40, "start": 45, "end": 90}])
    [{'later': 'b', 'earlier': 'a', 'passages': 2, 'characters': 40}]
    """
    pairs: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        pairs.setdefault((row["later"], row["earlier"]), []).append(row)
    result = []
    for (later, earlier), found in pairs.items():
        covered, last = 0, -1
        for start, end in sorted((r["text_start"], r["text_end"]) for r in found):
            if end > last:
                covered += end - max(start, last)
                last = end
        result.append({"later": later, "earlier": earlier, "passages": len(found), "characters": covered})
    return sorted(result, key=lambda r: (-r["characters"], r["later"], r["earlier"]))
