"""Every fixture of the test suite, so that a test shows what it uses."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qgraph.cli import cli
from qgraph.pipeline import ParsedDocument, parse_corpus

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
DOC_IDS = ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")


@pytest.fixture(scope="session")
def corpus() -> dict[str, ParsedDocument]:
    """The bundled corpus, parsed once: document id → parsed document."""
    return {p.spec.id: p for p in parse_corpus(DATA / "documents.yaml")}


@pytest.fixture(scope="session")
def clause_of(corpus):
    """Look up one part of a document by its number: clause_of('gansu-2015', '二.(七)')."""
    def find(doc_id: str, number: str):
        matches = [c for c in corpus[doc_id].clauses if c.number == number]
        assert matches, f"{doc_id} has no part numbered {number}"
        return matches[0]
    return find


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (manifest and texts) to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture()
def run():
    """Run the CLI in-process: run("parse", "gansu-2015") → click's Result (exit_code, stdout, stderr)."""
    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args))
    return invoke
