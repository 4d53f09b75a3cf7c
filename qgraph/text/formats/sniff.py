"""Which reader a file needs, told by its content (magic bytes, markup), its extension only as a tie-break.

>>> from pathlib import Path
>>> sniff(b"%PDF-1.7 ...", Path("a.txt")), sniff(b"<!DOCTYPE html><html>", Path("a"))
('pdf', 'html')
>>> sniff("一、总体要求".encode(), Path("a.html"))
'text'
>>> sniff(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", Path("a.txt"))
'unknown'
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # the compound file of .doc, .wps, .xls …
_MARKUP = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.I)
_BINARY = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
HTML_EXTENSIONS = (".html", ".htm", ".shtml", ".xhtml", ".mht")


def sniff(data: bytes, path: Path) -> str:
    """'pdf', 'docx', 'doc', 'html', 'text' or 'unknown'."""
    head = data[:4096]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _zip_has(data, "word/document.xml") else "unknown"
    if head.startswith(OLE2) or head.startswith(b"{\\rtf"):
        return "doc"
    if head.startswith(_BINARY) or _control_share(head) > 0.01:
        return "unknown"
    if _MARKUP.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]):
        return "html"
    if path.suffix.lower() in HTML_EXTENSIONS and b"<" in head:
        return "html"
    return "text"


def _zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return name in archive.namelist()
    except zipfile.BadZipFile:
        return True   # a damaged archive that starts like one: let the Word reader say what is wrong


def _control_share(head: bytes) -> float:
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1A))
    return controls / max(len(head), 1)
