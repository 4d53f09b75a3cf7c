"""`qgraph add` on files as governments publish them, made from the bundled texts: a saved page whose
metadata table carries the issuer, date written, number and title gives the bundled manifest's entry (its
title, number, date, level and code were written by reading the texts); a PDF and a Word file of the same
text give what the plain text gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from formats_made import page, pdf, word

from qgraph.intake import add_documents
from qgraph.resources import repo_data_dir
from qgraph.text.formats.plain import read_plain

BUNDLED = repo_data_dir()
ENTRIES = {e["id"]: e for e in yaml.safe_load((BUNDLED / "documents.yaml").read_text(encoding="utf-8"))["documents"]}


def _lines(doc_id: str) -> list[str]:
    return read_plain((BUNDLED / f"{doc_id}.txt").read_bytes(), doc_id).text.splitlines()


def _written(issued: object) -> str:
    """A page's 成文日期 for a manifest date (a year alone: its last day, as a page would give some day)."""
    text = str(issued)
    year, month, day = [*text.split("-"), "12", "31"][:3]
    return f"{year}年{month}月{day}日"


def _entry(file: Path, tmp_path: Path) -> tuple[dict, tuple[str, ...]]:
    data = tmp_path / f"corpus-{file.suffix[1:]}-{file.stem}"
    (addition,) = add_documents([file], data, dry_run=True)
    return addition.entry, addition.missing


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_add_a_saved_page_gives_the_entry_of_its_metadata_and_text(doc_id, tmp_path):
    want = ENTRIES[doc_id]
    place = want["jurisdiction"]
    file = tmp_path / f"{doc_id}.html"
    lines = _lines(doc_id)
    file.write_bytes(page(lines, want.get("title") or lines[0], issuer=f"{place['name_zh']}人民政府",
                          written=_written(want["issued"]), number=want.get("number") or ""))
    entry, missing = _entry(file, tmp_path)
    assert entry["title"] == want["title"]
    assert entry.get("number") == want.get("number")
    assert str(entry["issued"]).startswith(str(want["issued"]))
    assert {k: entry["jurisdiction"][k] for k in ("name_zh", "level", "code")} == \
        {k: place[k] for k in ("name_zh", "level", "code")}
    assert missing == (() if want.get("number") else ("number",))


@pytest.mark.parametrize("doc_id", ["huairen-2023", "yangzhou-2023", "hefei-2021"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_add_a_pdf_or_word_file_gives_what_its_text_gives(doc_id, fmt, tmp_path):
    lines = _lines(doc_id)
    made = tmp_path / f"{doc_id}.{fmt}"
    made.write_bytes(pdf(lines) if fmt == "pdf" else word(lines))
    plain = tmp_path / f"{doc_id}.txt"
    plain.write_bytes((BUNDLED / f"{doc_id}.txt").read_bytes())
    got, got_missing = _entry(made, tmp_path)
    want, want_missing = _entry(plain, tmp_path)
    assert {k: v for k, v in got.items() if k != "file"} == {k: v for k, v in want.items() if k != "file"}
    assert got_missing == want_missing
    if doc_id != "hefei-2021":    # hefei's text states no title nor number: the page's metadata must
        assert got["title"] == ENTRIES[doc_id]["title"]
        assert got["number"] == ENTRIES[doc_id]["number"]
