"""A PDF with a text layer (pdfplumber): running headers, footers and page numbers removed, lines the
page width broke joined again, numbered lines starting new paragraphs, ruled tables as TAB-separated
rows; every piece of text keeps its page number.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import pdfplumber
import pypdf
from pdfminer.pdfparser import PDFSyntaxError
from pypdf.errors import PdfReadError

from qgraph.errors import InputError
from qgraph.model import ExtractedText
from qgraph.text.formats.lines import CJK, Lines

PAGE_NUMBER = re.compile(r"^[\s—–－\-·•]*(?:\d+|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+"
                         r"|[Pp]age\s*\d+(?:\s*of\s*\d+)?)[\s—–－\-·•]*$")
NUMBERED = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
                      r"|\d+[.．、](?!\d)|第[一二三四五六七八九十百零〇\d]+[条章节部分]|[①-⑳]|附件)")
SENTENCE_END = "。；：！？;:!?"
EDGE = 2                 # how many lines at the top and the bottom of a page may be running headers/footers


@dataclass
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    size: float          # the width of its widest character (a full-width one, mostly)
    table: bool = False


def read_pdf(data: bytes, where: str) -> ExtractedText:
    """A PDF's text; a scan (no text layer), an encrypted or a damaged file is an InputError."""
    _check_encryption(data, where)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_lines(page, n) for n, page in enumerate(pdf.pages, start=1)]
            title = str((pdf.metadata or {}).get("Title") or "")
    except (PDFSyntaxError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError("QG117", f"cannot read the PDF: {exc or type(exc).__name__}", path=where) from None
    if not any(line.text.strip() for lines in pages for line in lines):
        raise InputError("QG115", "the PDF has no text layer (scanned PDF?)", path=where)
    body = _without_running_lines(pages)
    built = Lines()
    for pieces in _paragraphs(body):
        if len(pieces) == 1 and pieces[0].table:
            built.add(pieces[0].text, pieces[0].page)
        else:
            built.add_pieces(_joined(pieces))
    metadata = (("title", title.strip()),) if re.search(f"[{CJK}]", title) else ()
    return ExtractedText(built.text, "pdf", "", built.spans, metadata)


def _check_encryption(data: bytes, where: str) -> None:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("QG116", "the PDF is encrypted (a password is needed to read it)", path=where)
    except PdfReadError as exc:
        raise InputError("QG117", f"cannot read the PDF: {exc}", path=where) from None


def _page_lines(page: pdfplumber.page.Page, number: int) -> list[_Line]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, _Line]] = []
    for line in page.extract_text_lines(strip=True, return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        if any(top <= middle <= bottom and x0 <= line["x0"] <= x1 for x0, top, x1, bottom in boxes):
            continue
        chars = line["chars"] or [{"x0": line["x0"], "x1": line["x1"]}]
        size = max(c["x1"] - c["x0"] for c in chars)
        items.append((line["top"], _Line(line["text"], number, line["x0"], line["x1"], size)))
    for table in tables:
        for row in table.extract():
            cells = [re.sub(r"\s*\n\s*", " ", cell or "").replace("\t", " ").strip() for cell in row]
            if any(cells):
                items.append((table.bbox[1], _Line("\t".join(cells), number, 0, 0, 0, table=True)))
    items.sort(key=lambda item: item[0])   # stable: a table's rows stay in order
    return [line for _, line in items]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))


def _without_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """The pages' lines without page numbers and without lines repeated at the top or bottom of pages."""
    edges = Counter(_key(line.text) for lines in pages
                    for line in {id(x): x for x in lines[:EDGE] + lines[-EDGE:]}.values())
    repeated = {key for key, count in edges.items() if count >= 2 and len(pages) >= 2}
    kept = []
    for lines in pages:
        edge = {id(x) for x in lines[:EDGE] + lines[-EDGE:]}
        kept += [line for line in lines if line.table or id(line) not in edge
                 or not (PAGE_NUMBER.match(line.text) or _key(line.text) in repeated)]
    return kept


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into paragraphs. A line that reaches the right margin runs on into the next, unless the
    next is numbered (一、 （一） 1. 第一条 …) or indented like a paragraph's first line; where the document
    indents no paragraph, a line ending a sentence (。；：！？) ends its paragraph too."""
    text_lines = [line for line in lines if not line.table]
    margin = max((line.x1 for line in text_lines), default=0)
    left = min((line.x0 for line in text_lines), default=0)
    indented = [line for line in text_lines if line.x0 > left + max(line.size, 1)]
    uses_indent = len(indented) >= max(2, len(text_lines) // 20)
    groups: list[list[_Line]] = []
    for line in lines:
        previous = groups[-1][-1] if groups else None
        runs_on = (previous is not None and not previous.table and not line.table
                   and previous.x1 >= margin - 1.5 * max(previous.size, 1)
                   and not NUMBERED.match(line.text)
                   and ((line.x0 <= left + max(line.size, 1)) if uses_indent
                        else not previous.text.rstrip().endswith(tuple(SENTENCE_END))))
        if runs_on:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _joined(lines: list[_Line]) -> list[tuple[str, int]]:
    pieces: list[tuple[str, int]] = []
    for line in lines:
        text = line.text.strip()   # Chinese runs on without a space
        if pieces and pieces[-1][1] == line.page:
            pieces[-1] = (pieces[-1][0] + text, line.page)
        else:
            pieces.append((text, line.page))
    return pieces
