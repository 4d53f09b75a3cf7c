"""A task table as governments publish it — an HTML <table> on a saved page, a table in a Word file — gives
the same clauses as the plain-text plan of test_tables: one per row, numbered by its 序号 under its heading,
with the lead and support units of its columns and its deadline."""
from __future__ import annotations

import html
import io

import docx
from formats_made import page
from test_tables import EXPECTED, PLAN, YUNXI

from qgraph.extract import extract
from qgraph.model import DocumentSpec
from qgraph.pipeline import parse_document


def _blocks(text: str) -> list[str | list[list[str]]]:
    """The plan's lines, with each run of TAB lines gathered into a table (a list of rows of cells)."""
    blocks: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            table = blocks[-1]
            assert isinstance(table, list)
            table.append(line.split("\t"))
        elif line.strip():
            blocks.append(line)
    return blocks


def _html_page(text: str) -> bytes:
    """The plan as a saved page: paragraphs as <p>, each table as a ruled <table> with a header row."""
    blocks = _blocks(text)
    body = []
    for block in blocks[1:]:
        if isinstance(block, str):
            body.append(f'<p style="text-indent:2em;">{html.escape(block)}</p>')
        else:
            rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                             for row in block)
            body.append(f'<table border="1" cellspacing="0" cellpadding="4">\n{rows}\n</table>')
    first = blocks[0]
    assert isinstance(first, str)
    # page() writes each line as a paragraph; the tables go in as markup lines of their own
    made = page([first, *("\x00" + b for b in body)], first).decode("utf-8")
    for markup in body:
        made = made.replace(f'<p style="text-indent:2em;">{html.escape(chr(0) + markup)}</p>', markup)
    return made.encode("utf-8")


def _word_file(text: str) -> bytes:
    """The plan as a .docx: paragraphs, and each table as a Word table with a grid."""
    document = docx.Document()
    for block in _blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(path):
    spec = DocumentSpec("yunxi-2024", path, YUNXI, "", "", None, None, (), 0)
    found = extract(parse_document(spec))
    return found, [(p.clause.number, p.clause.heading,
                    [(a.label, a.role.value, a.basis.value) for a in p.assignments],
                    p.deadline and p.deadline.text, p.deadline and p.deadline.date)
                   for p in found.clauses if p.clause.rule == "table.row"]


def _check(path):
    found, rows = _rows(path)
    assert rows == EXPECTED
    numbers = [p.clause.number for p in found.clauses if p.clause.numbered]
    assert numbers == ["一", "二", *[f"二.{n}" for n in range(1, 9)], "三", "三.(一)", "三.(二)"]
    text = found.parsed.text.text
    for part in found.clauses:
        clause = part.clause
        assert text[clause.start:clause.end] == clause.text


def test_tables_published_as_an_html_table_give_one_clause_per_row(tmp_path):
    path = tmp_path / "yunxi-2024.html"
    path.write_bytes(_html_page(PLAN))
    assert b"<table border" in path.read_bytes() and b"<td>\xe5\xb8\x82\xe4\xbd\x8f" in path.read_bytes()
    _check(path)


def test_tables_published_as_a_word_table_give_one_clause_per_row(tmp_path):
    path = tmp_path / "yunxi-2024.docx"
    path.write_bytes(_word_file(PLAN))
    _check(path)
