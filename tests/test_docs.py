"""The README tells the truth: every command, format, exit code and library query is in it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import click

from qgraph import errors
from qgraph.cli import cli
from qgraph.ask.library import checks, library
from qgraph.render import FORMATS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_command_in_readme(command):
    assert f"`qgraph {command}" in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_command_options_in_readme(command):
    row = next(line for line in README.splitlines() if line.startswith(f"| `qgraph {command}"))
    for param in cli.commands[command].params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert option in row, f"{command}: {option} missing from the README's command table"


@pytest.mark.parametrize("fmt", FORMATS + ("ttl", "nt", "jsonld"))
def test_docs_format_in_readme(fmt):
    assert re.search(rf"\b{fmt}\b", README)


def _exit_codes() -> set[int]:
    """The exit codes the CLI can give: 0, click's usage code, and each error class's exit_code."""
    classes = [errors.QGraphError]
    for cls in classes:
        classes.extend(cls.__subclasses__())
    return {0, click.UsageError.exit_code} | {cls.exit_code for cls in classes}


def test_docs_exit_codes_table_matches_the_error_tree():
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert {int(code) for code in re.findall(r"^\| (\d+) \| ", section, re.M)} == _exit_codes() == {0, 1, 2, 3}


def test_docs_exit_codes_name_the_catalogue():
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert "qgraph/errors.py" in section and "CODES" in section


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_docs_library_query_documented(query):
    assert f"`{query.name}`" in README
    assert query.question, f"{query.path} has no '# Question:' line"
    assert re.search(r"^# Example: qgraph query " + re.escape(query.name), query.text, re.M)


@pytest.mark.parametrize("query", checks(), ids=lambda q: q.name)
def test_docs_check_query_finds_nothing_on_the_corpus(query, built_graph):
    from qgraph.ask.engine import open_engine

    assert open_engine(built_graph, None).select(query.text, query.name).rows == ()
