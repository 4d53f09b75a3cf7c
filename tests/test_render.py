"""Rows as table, CSV and JSON: tables fit a width by display width, and every row-printing command shares
the output options (--format, --output, --excel, --wide, --width)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from qgraph.render import BOM, display_width, render, truncate

ROWS = [{"place": "甘肃省", "clauses": "二.(六) 加强农产品及食品药品质量安全监管", "n": 28},
        {"place": "扬州市", "clauses": "二.(二) 保障食品药品安全", "n": 41}]


@pytest.mark.parametrize("text,width,expected", [
    ("加强农产品及食品药品质量安全监管", 9, "加强农产…"),
    ("加强农产品及食品药品质量安全监管", 10, "加强农产…"),  # a CJK character does not fit in one column
    ("abcdefghij", 5, "abcd…"),
    ("市场监管局", 10, "市场监管局"),
    ("", 4, ""),
])
def test_render_truncate_by_display_width(text, width, expected):
    assert truncate(text, width) == expected
    assert display_width(truncate(text, width)) <= width


@pytest.mark.parametrize("width", [30, 40, 45])
def test_render_table_fits_the_width(width):
    lines = render(ROWS, "table", width=width).splitlines()
    assert max(display_width(line) for line in lines) <= width
    assert lines[0].split() == ["place", "clauses", "n"]  # headers stay whole
    assert "…" in lines[2]


def test_render_table_without_width_cuts_nothing():
    assert "加强农产品及食品药品质量安全监管" in render(ROWS, "table")
    assert render(ROWS, "table", width=500) == render(ROWS, "table")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_render_cli_output_file_holds_what_stdout_shows(fmt, run, built_graph, tmp_path):
    shown = run("query", "documents-per-jurisdiction", "--graph", str(built_graph), "--format", fmt)
    target = tmp_path / f"out.{fmt}"
    written = run("query", "documents-per-jurisdiction", "--graph", str(built_graph), "--format", fmt,
                  "--output", str(target))
    assert shown.exit_code == written.exit_code == 0, written.output
    assert written.stdout == ""
    assert written.stderr == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_render_cli_excel_writes_a_bom_and_csv(run, built_graph, tmp_path):
    target = tmp_path / "docs.csv"
    result = run("query", "documents-per-jurisdiction", "--graph", str(built_graph), "--excel", "--output", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["jurisdiction"]: r["place"] for r in rows}["hefei"] == "合肥市"


def test_render_cli_excel_refuses_json(run, built_graph):
    result = run("queries", "--excel", "--format", "json")
    assert result.exit_code == 2 and "--excel" in result.stderr


@pytest.mark.parametrize("width", [40, 80])
def test_render_cli_width_fits_the_table(width, run, built_graph):
    result = run("queries", "--width", str(width))
    assert result.exit_code == 0, result.output
    assert max(display_width(line) for line in result.stdout.splitlines()) <= width
    assert "…" in result.stdout


def test_render_cli_pipe_is_not_cut(run):
    wide = run("queries", "--wide")
    piped = run("queries")
    assert piped.exit_code == wide.exit_code == 0
    assert piped.stdout == wide.stdout and "…" not in piped.stdout


def test_render_cli_wide_and_width_exclude_each_other(run):
    result = run("queries", "--wide", "--width", "60")
    assert result.exit_code == 2 and "exclude each other" in result.stderr


@pytest.mark.parametrize("fmt,stdout", [("table", ""), ("csv", "order,number,level,heading,parent,charStart,charEnd\n"),
                                        ("json", "[]\n")])
def test_render_cli_empty_answer_is_a_note_and_exit_0(fmt, stdout, run, built_graph):
    result = run("query", "clause-tree", "--param", "doc_id=nosuch", "--graph", str(built_graph), "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == stdout
    assert result.stderr == "No rows for doc_id=nosuch.\n"


def test_render_cli_reuse_csv_flattens_the_passages(run, built_graph):
    result = run("reuse", "huairen-2023", "--graph", str(built_graph), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    as_json = json.loads(run("reuse", "huairen-2023", "--graph", str(built_graph), "--format", "json").stdout)
    assert len(rows) == len(as_json["passages"]) > 0
    assert rows[0]["later_text"] == as_json["passages"][0]["later_text"]
    assert set(rows[0]) >= {"later", "earlier", "diff", "later_text", "earlier_text", "start", "end"}


ROW_COMMANDS = ["parse", "query", "queries", "lead", "compare", "jurisdictions", "indicators", "topics", "analyze",
                "reuse"]


def test_render_cli_every_command_that_prints_rows_is_listed():
    # lead printed rows without the shared output options; every command but these prints no rows
    from qgraph.cli import cli

    assert set(cli.commands) - set(ROW_COMMANDS) == {"build", "validate", "load", "viz", "serve", "report", "add"}


@pytest.mark.parametrize("command", ROW_COMMANDS)
def test_render_cli_every_row_command_shares_the_output_options(command):
    from qgraph.cli import cli

    options = {o for p in cli.commands[command].params for o in p.opts}
    assert {"--format", "--output", "--excel", "--wide", "--width"} <= options
    fmt = next(p for p in cli.commands[command].params if p.name == "fmt")
    assert list(fmt.type.choices) == ["table", "csv", "json"]


def test_render_cli_excel_on_stdout_starts_with_a_bom(run):
    result = run("queries", "--excel")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(BOM + "name,question,parameters\n")


@pytest.mark.parametrize("fmt,stdout", [("table", ""), ("json", '{\n  "passages": [],\n  "summary": []\n}\n')])
def test_render_cli_reuse_of_nothing_printed_a_bare_header_and_no_note(fmt, stdout, run, built_graph):
    result = run("reuse", "nosuch-doc", "--graph", str(built_graph), "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == stdout
    assert result.stderr == "No passage of nosuch-doc is shared with another document.\n"
