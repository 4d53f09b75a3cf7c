"""Older Word files (.doc, .wps, RTF): converted to .docx by LibreOffice (``soffice --headless
--convert-to docx``) when it is installed, then read as .docx; without it, an error saying what to install."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from qgraph.errors import InputError
from qgraph.model import ExtractedText
from qgraph.text.formats.word import read_docx

CONVERT_SECONDS = 120


def read_office(data: bytes, where: str) -> ExtractedText:
    """A .doc/.wps file through LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError("QG118", "a .doc/.wps file needs LibreOffice to be read: install it "
                         "(apt-get install libreoffice-writer) or save the file as .docx", path=where)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.doc"
        source.write_bytes(data)
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", folder, str(source)],
                           check=True, capture_output=True, timeout=CONVERT_SECONDS)
            converted = (Path(folder) / "source.docx").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError("QG118", f"LibreOffice could not convert the file to .docx: {exc}", path=where) from None
    return read_docx(converted, where, "doc")
