"""Text built line by line, each piece with its locator in the file: what every reader returns.

>>> built = Lines()
>>> built.add("一、总体要求", 3)
>>> built.row(["序号", "重点任务\\n（一）", "牵头单位"], 4)
>>> built.add_pieces([("推进质量", 1), ("强市建设。", 2)])
>>> built.text
'一、总体要求\\n序号\\t重点任务 （一）\\t牵头单位\\n推进质量强市建设。\\n'
>>> built.spans
((0, 7, 3), (7, 24, 4), (24, 28, 1), (28, 34, 2))
"""
from __future__ import annotations

import re

from qgraph.model import Span

CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CELL_SPACE = re.compile(r"[\s\u3000]*\n[\s\u3000]*|\t")


def cell_text(cell: str) -> str:
    """A table cell's text on one line: newlines and TABs inside it become a space."""
    return _CELL_SPACE.sub(" ", cell).strip(" \u3000\xa0")


class Lines:
    """Lines of text with the locator of every piece; ``text`` ends each line with a newline."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._spans: list[Span] = []
        self._length = 0

    def add(self, line: str, locator: int) -> None:
        """One line (a paragraph); an empty line is skipped."""
        self.add_pieces([(line, locator)])

    def add_pieces(self, pieces: list[tuple[str, int]]) -> None:
        """One line made of pieces from several places (a paragraph running over a page break)."""
        pieces = [(piece, locator) for piece, locator in pieces if piece]
        if not "".join(piece for piece, _ in pieces).strip():
            return
        for n, (piece, locator) in enumerate(pieces):
            text = piece + ("\n" if n == len(pieces) - 1 else "")
            self._parts.append(text)
            self._spans.append((self._length, self._length + len(text), locator))
            self._length += len(text)

    def row(self, cells: list[str], locator: int) -> None:
        """A table row: its cells on one line, separated by a TAB; a row of empty cells is skipped."""
        texts = [cell_text(c) for c in cells]
        if any(texts):
            self.add("\t".join(texts), locator)

    @property
    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)

    @property
    def spans(self) -> tuple[Span, ...]:
        """(start, end, locator) of every piece, in order."""
        return tuple(self._spans)
