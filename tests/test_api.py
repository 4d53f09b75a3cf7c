"""The Python API: the README's session runs as written, and the CLI answers what the API answers."""
from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import qgraph

REPO = Path(__file__).resolve().parent.parent


def _readme_session() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1]
    return re.search(r"```pycon\n(.*?)```", section, re.S).group(1)


def test_api_readme_session_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(_readme_session(), {"Decimal": Decimal}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 8


def test_api_names_are_documented():
    assert set(qgraph.__all__) >= {"build", "open", "Graph", "BuildReport", "QGraphError"}
    for name in ("build", "open"):
        assert getattr(qgraph, name).__doc__


def test_api_cli_answers_what_the_api_answers(built_graph, run):
    rows = qgraph.open(built_graph).lead("品牌")
    result = run("lead", "品牌", "--graph", str(built_graph), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(rows, ensure_ascii=False, default=str))


def test_api_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "qgraph", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"qgraph, version {qgraph.__version__}"
