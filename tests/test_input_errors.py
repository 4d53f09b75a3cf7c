"""Bad input: one line naming the file (and line), a non-zero exit, nothing written."""
from __future__ import annotations

import re

import pytest


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("breakage,message", [
    (lambda d: (d / "gansu-2015.txt").unlink(),
     r"gansu-2015\.txt: \[QG110\] document 'gansu-2015': file not found"),
    (lambda d: (d / "gansu-2015.txt").write_bytes(b""),
     r"gansu-2015\.txt: \[QG112\] document 'gansu-2015': the file is empty"),
    (lambda d: (d / "gansu-2015.txt").write_bytes(b"  \n\n "),
     r"gansu-2015\.txt: \[QG112\] document 'gansu-2015': the file is empty"),
    (lambda d: (d / "gansu-2015.txt").write_bytes("质量".encode("utf-16")),
     r"gansu-2015\.txt: \[QG111\] cannot decode the text: neither UTF-8 nor GB18030/GBK"),
    (lambda d: (d / "documents.yaml").unlink(),
     r"documents\.yaml: \[QG101\] manifest not found"),
    (lambda d: _replace(d / "documents.yaml", "  - id: gansu-2015\n", "  - id: [gansu-2015\n"),
     r"documents\.yaml:\d+: \[QG102\] not valid YAML"),
    (lambda d: _replace(d / "documents.yaml", "    title: 合肥市人民政府…质量强市实施意见\n", ""),
     r"documents\.yaml:8: \[QG136\] document 'hefei-2021': no title in the manifest and none found in the text"),
    (lambda d: _replace(d / "documents.yaml", "    issued: 2015\n", ""),
     r"documents\.yaml:31: \[QG136\] document 'gansu-2015': no issued in the manifest and none found in the text"),
    (lambda d: _replace(d / "documents.yaml", "name_en: Gansu, ", ""),
     r"documents\.yaml:33: \[QG104\] document 'gansu-2015': jurisdiction missing required key 'name_en'"),
    (lambda d: _replace(d / "documents.yaml", "id: yangzhou-2023", "id: gansu-2015"),
     r"documents\.yaml:37: \[QG105\] document id 'gansu-2015' is used twice \(first at line 31\)"),
    (lambda d: _replace(d / "documents.yaml", "level: province", "level: state"),
     r"documents\.yaml:33: \[QG130\] document 'gansu-2015': jurisdiction level must be one of"),
    (lambda d: _replace(d / "documents.yaml", "issued: 2015\n", "issued: last year\n"),
     r"documents\.yaml:31: \[QG135\] document 'gansu-2015': issued must be a date"),
    (lambda d: (d / "documents.yaml").write_text("documents: []\n", encoding="utf-8"),
     r"documents\.yaml: \[QG108\] 'documents:' is empty"),
])
def test_input_error_is_one_line(run, data_copy, breakage, message):
    breakage(data_copy)
    before = sorted(p.name for p in data_copy.parent.rglob("*"))
    result = run("parse", "--data", str(data_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert re.search(message, lines[0]), lines[0]
    assert sorted(p.name for p in data_copy.parent.rglob("*")) == before


def test_input_unknown_document_id(run):
    result = run("parse", "nowhere-2020")
    assert result.exit_code == 1
    assert "[QG107] no document with id 'nowhere-2020'" in result.stderr


def test_input_usage_error_exits_2(run):
    result = run("parse", "--format", "xml")
    assert result.exit_code == 2
