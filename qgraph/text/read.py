"""Reading: a manifest entry's file, decoded to text. The only stage that opens input files.

>>> from qgraph.text.read import decode
>>> decode("质量".encode("gb18030"), "x.txt")
('质量', 'gb18030')
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from qgraph.errors import InputError
from qgraph.model import SourceText

# Tried in order; GB18030 is a superset of GBK and GB2312, which many government files use.
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; anything else is an InputError."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, ("utf-8" if encoding == "utf-8-sig" else encoding)
    raise InputError("QG111", "cannot decode the text: neither UTF-8 nor GB18030/GBK", path=where)


def read_source(doc_id: str, path: Path) -> SourceText:
    """Read and decode one document; a missing, unreadable or empty file is an InputError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("QG110", f"document '{doc_id}': file not found", path=path) from None
    except OSError as exc:
        raise InputError("QG113", f"document '{doc_id}': cannot read: {exc.strerror}", path=path) from None
    text, encoding = decode(data, str(path))
    if not text.strip():
        raise InputError("QG112", f"document '{doc_id}': the file is empty", path=path)
    return SourceText(doc_id, path, text, encoding, hashlib.sha256(data).hexdigest())
