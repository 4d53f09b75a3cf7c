"""The README tells the truth: every command, format, exit code and library query is in it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from qgraph.cli import EXIT_CODES, cli
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


@pytest.mark.parametrize("code", sorted(EXIT_CODES.values()))
def test_docs_exit_code_in_readme(code):
    assert re.search(rf"^\| {code} \| ", README, re.M)


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_docs_library_query_documented(query):
    assert f"`{query.name}`" in README
    assert query.question, f"{query.path} has no '# Question:' line"
    assert re.search(r"^# Example: qgraph query " + re.escape(query.name), query.text, re.M)


@pytest.mark.parametrize("query", checks(), ids=lambda q: q.name)
def test_docs_check_query_finds_nothing_on_the_corpus(query, built_graph):
    from qgraph.ask.engine import open_engine

    assert open_engine(built_graph, None).select(query.text, query.name).rows == ()
