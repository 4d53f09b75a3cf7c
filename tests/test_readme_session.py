"""The README's session is real output: each `$ qgraph …` line is run on the built corpus and its output
compared line by line (the build's timing aside), pipes to grep, head and tail included. An expected output
that starts with `Error:` is the command's stderr, and the command must fail."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
GRAPH_COMMANDS = {"lead", "compare", "query", "reuse", "analyze", "jurisdictions", "indicators", "topics"}


def _session() -> list[tuple[str, list[str]]]:
    """(command line, expected output lines) for each `$ qgraph` line of the README's session."""
    section = README.split("## A session", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```\n(.*?)```", section, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
    return steps


def _run(command: str, run, graph: Path, out: Path, fails: bool = False) -> list[str]:
    parts = [p.strip() for p in command.split("|")]
    args = shlex.split(parts[0])[1:]
    if args[0] in GRAPH_COMMANDS:
        args += ["--graph", str(graph)]
    if args[0] == "build":
        args += ["--out", str(out)]
    if args[0] == "validate":
        args += [str(graph)]
    if args[0] == "viz":
        args += ["--graph", str(graph), "--out", str(out / "viz")]
    if args[0] == "report":
        args += ["--graph", str(graph), "--out", str(out / "report")]
    result = run(*args)
    if fails:
        assert result.exit_code != 0 and result.stdout == "", result.output
        return result.stderr.splitlines()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for step in parts[1:]:
        tool, value = step.split(maxsplit=1)
        if tool == "grep":
            lines = [line for line in lines if value in line]
        elif tool == "head":
            lines = lines[:int(value.lstrip("-"))]
        elif tool == "tail":
            lines = lines[-int(value.lstrip("-")):]
    return lines


@pytest.mark.parametrize("command,expected", _session(), ids=[c for c, _ in _session()])
def test_readme_session_output_is_real(command, expected, run, built_graph, tmp_path):
    fails = bool(expected) and expected[0].startswith("Error:")
    got = _run(command, run, built_graph, tmp_path / "build", fails)
    timing = re.compile(r" in \d+(\.\d+)? s$")
    built = (str(tmp_path / "build"), str(built_graph.parent))
    assert [timing.sub("", line).replace(built[0], "build").replace(built[1], "build").rstrip() for line in got] == \
        [timing.sub("", line).rstrip() for line in expected]


def test_readme_session_shows_every_command():
    # several commands (lead as csv, reuse, jurisdictions, indicators, topics …) had no example output
    from qgraph.cli import cli

    shown = {shlex.split(command)[1] for command, _ in _session()}
    assert set(cli.commands) - shown == {"load", "serve"}   # they need a store or a port: see "Serving the graph"
