"""Reading: a manifest entry's file, turned into the text qgraph works on. The only stage that opens
input files. The reader is chosen by the file's content (:func:`~qgraph.text.formats.sniff.sniff`), the
extension only breaking a tie: plain text, a saved web page, a PDF with a text layer, a Word file.

>>> from qgraph.text.read import decode
>>> decode("质量".encode("gb18030"), "x.txt")
('质量', 'gb18030')
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from qgraph.errors import InputError
from qgraph.model import ExtractedText, SourceText
from qgraph.rules import RuleSet
from qgraph.text.formats.plain import ENCODINGS, decode, read_plain
from qgraph.text.formats.sniff import sniff

__all__ = ["ENCODINGS", "FORMATS", "decode", "extract_text", "read_source"]

FORMATS = ("text", "html", "pdf", "docx", "doc")


def extract_text(data: bytes, path: Path, rule_set: RuleSet | None = None) -> ExtractedText:
    """The text of a file's bytes, by the reader its content calls for; an unknown format is an InputError."""
    fmt = sniff(data, path)
    where = str(path)
    if fmt == "text":
        return read_plain(data, where, rule_set)
    if fmt == "html":
        from qgraph.text.formats.html import read_html  # lazy: start-up time

        return read_html(data, where, rule_set)
    if fmt == "pdf":
        from qgraph.text.formats.pdf import read_pdf  # lazy: start-up time

        return read_pdf(data, where)
    if fmt == "docx":
        from qgraph.text.formats.word import read_docx  # lazy: start-up time

        return read_docx(data, where)
    if fmt == "doc":
        from qgraph.text.formats.office import read_office  # lazy: start-up time

        return read_office(data, where)
    raise InputError("QG114", "not a format qgraph reads (plain text, HTML, PDF, .docx, .doc/.wps)", path=path)


def read_source(doc_id: str, path: Path, rule_set: RuleSet | None = None) -> SourceText:
    """Read one document; a missing, unreadable, empty or unreadable-format file is an InputError.
    ``sha256`` is the file's own hash."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("QG110", f"document '{doc_id}': file not found", path=path) from None
    except OSError as exc:
        raise InputError("QG113", f"document '{doc_id}': cannot read: {exc.strerror}", path=path) from None
    if not data.strip():
        raise InputError("QG112", f"document '{doc_id}': the file is empty", path=path)
    read = extract_text(data, path, rule_set)
    if not read.text.strip():
        raise InputError("QG112", f"document '{doc_id}': no text in the {read.format} file", path=path)
    return SourceText(doc_id, path, read.text, read.encoding, hashlib.sha256(data).hexdigest(), read.format,
                      read.metadata, read.spans, read.notes)
