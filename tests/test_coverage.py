"""`qgraph build` says per document what it could read: clauses with and without a responsible unit,
targets, departments of unknown type (counts checked by reading the five documents)."""
from __future__ import annotations

import csv

import pytest

EXPECTED = {  # document: numbered clauses, with a statement of their own, targets, departments
    "hefei-2021": (31, 22, 16, 24),
    "huairen-2023": (42, 31, 5, 28),  # one unit written two ways; its six dash items are counted apart
    "hangzhou-2011": (25, 1, 18, 4),
    "gansu-2015": (28, 24, 4, 30),
    "yangzhou-2023": (41, 31, 75, 32),
}


@pytest.fixture(scope="module")
def coverage_rows(built_graph):
    with open(built_graph.parent / "coverage.csv", encoding="utf-8", newline="") as handle:
        return {row["document"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("document", sorted(EXPECTED))
def test_coverage_counts_per_document(coverage_rows, document):
    row = coverage_rows[document]
    numbered, with_statement, targets, departments = EXPECTED[document]
    assert (int(row["numbered"]), int(row["with_statement"]), int(row["targets"]), int(row["departments"])) == \
        (numbered, with_statement, targets, departments)
    assert int(row["without_statement"]) == numbered - with_statement
    assert row["unknown_types"] == "0"


def test_coverage_table_on_stderr_of_build(run, tmp_path):
    result = run("build", "--out", str(tmp_path), "--coverage")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].split() == ["document", "parts", "numbered", "dash_items", "with_statement", "without_statement", "targets",
                                "departments", "unknown_types", "merged_names"]
    assert lines[2].split() == ["hefei-2021", "34", "31", "0", "22", "9", "16", "24", "0", "0"]
    assert lines[3].split()[-1] == "1"  # huairen: one name merged
    assert "Merged in huairen-2023: 朔州生态环境局怀仁分局 ← 朔州市生态环境局怀仁分局" in lines
    assert result.stdout.startswith("Wrote ")
