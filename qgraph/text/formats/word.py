"""A Word file (.docx, python-docx): the body's paragraphs and tables in document order; a soft line
break starts a new line; a table's rows as TAB-separated cells (a merged cell once)."""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from qgraph.errors import InputError
from qgraph.model import ExtractedText
from qgraph.text.formats.lines import CJK, Lines


def read_docx(data: bytes, where: str, fmt: str = "docx") -> ExtractedText:
    """A .docx file's text; a damaged file is an InputError. Locators are body blocks, from 1."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError("QG117", f"cannot read the Word file: {exc or type(exc).__name__}", path=where) from None
    built = Lines()
    for block, child in enumerate(document.element.body.iterchildren(), start=1):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            for line in Paragraph(child, document).text.split("\n"):
                built.add(line.strip(" \u3000\xa0"), block)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                built.row(cells, block)
    title = document.core_properties.title or ""
    metadata = (("title", title.strip()),) if re.search(f"[{CJK}]", title) else ()
    return ExtractedText(built.text, fmt, "", built.spans, metadata)
