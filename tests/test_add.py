"""`qgraph add`: copies of the bundled texts added to a fresh corpus get the entries the bundled manifest
has (title, number, date, level, code — that manifest was written by reading the texts), the new
manifest keeps its comments and order, `--dry-run` writes nothing, a shared county name is an error
listing the candidates, `--jurisdiction` wins, and the corpus so made builds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from qgraph.errors import InputError
from qgraph.intake import add_documents
from qgraph.resources import repo_data_dir
from qgraph.text.divisions import by_name

BUNDLED = repo_data_dir()
ENTRIES = {e["id"]: e for e in yaml.safe_load((BUNDLED / "documents.yaml").read_text(encoding="utf-8"))["documents"]}
INVENTED = Path(__file__).resolve().parent / "documents" / "yunxi-2024.txt"

HEAD = """# Our corpus: the plans we compare. Keep this comment.
documents:
  - id: yunxi-2024   # an invented city, always first
    file: yunxi-2024.txt
    jurisdiction: {id: yunxi, name_zh: 云溪市, name_en: Yunxi, level: county, code: "990181"}
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "documents.yaml").write_text(HEAD, encoding="utf-8")
    shutil.copy(INVENTED, folder / "yunxi-2024.txt")
    return folder


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("huairen-2023.txt", "yangzhou-2023.txt", "gansu-2015.txt", "hefei-2021.txt", "hangzhou-2011.txt"):
        shutil.copy(BUNDLED / name, folder / name)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(folder: Path) -> dict[str, dict]:
    return {e["id"]: e for e in yaml.safe_load((folder / "documents.yaml").read_text(encoding="utf-8"))["documents"]}


def test_add_entries_match_the_texts(corpus, inbox):
    added = add_documents([inbox / "huairen-2023.txt", inbox / "yangzhou-2023.txt"], corpus)
    entries = _entries(corpus)
    for addition, bundled in zip(added, ("huairen-2023", "yangzhou-2023"), strict=True):
        want = ENTRIES[bundled]
        code = want["jurisdiction"]["code"]
        got = entries[f"{code}-{str(want['issued'])[:4]}"]
        assert (got["title"], got["number"], str(got["issued"])) == (want["title"], want["number"], str(want["issued"]))
        assert {k: got["jurisdiction"][k] for k in ("name_zh", "level", "code")} == \
            {k: want["jurisdiction"][k] for k in ("name_zh", "level", "code")}
        assert got["jurisdiction"]["id"] == code and got["script"] == "zh-Hans"
        assert (corpus / got["file"]).read_bytes() == (BUNDLED / want["file"]).read_bytes()
        assert addition.missing == ()
    assert list(entries)[0] == "yunxi-2024"


def test_add_keeps_the_manifest_as_written(corpus, inbox):
    add_documents([inbox / "huairen-2023.txt"], corpus)
    text = (corpus / "documents.yaml").read_text(encoding="utf-8")
    assert text.startswith(HEAD)
    assert text[len(HEAD):].startswith("  - id: ")


def test_add_reports_what_the_text_does_not_state(corpus, inbox):
    (hefei,) = add_documents([inbox / "hefei-2021.txt"], corpus, dry_run=True)
    want = ENTRIES["hefei-2021"]
    assert hefei.missing == ("title", "number", "issuer")
    assert (hefei.entry["jurisdiction"]["code"], hefei.entry["jurisdiction"]["level"], str(hefei.entry["issued"])) == \
        (want["jurisdiction"]["code"], want["jurisdiction"]["level"], str(want["issued"]))
    assert any(line.startswith("jurisdiction: ") and "place names" in line for line in hefei.found)
    (gansu,) = add_documents([inbox / "gansu-2015.txt"], corpus, dry_run=True)
    assert gansu.entry["title"] == ENTRIES["gansu-2015"]["title"] and gansu.missing == ("number", "issuer", "issued")
    assert gansu.entry["jurisdiction"]["level"] == "province"


def test_add_dry_run_writes_nothing(corpus, inbox, run):
    before = _snapshot(corpus.parent)
    result = run("add", str(inbox / "yangzhou-2023.txt"), str(inbox / "gansu-2015.txt"), "--data", str(corpus),
                 "--dry-run")
    assert result.exit_code == 0, result.output
    assert _snapshot(corpus.parent) == before
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Would add {inbox / 'yangzhou-2023.txt'} as ")
    assert f"  number: {ENTRIES['yangzhou-2023']['number']} (text)" in lines
    assert "  not found: issued" in lines


def test_add_a_shared_county_name_is_an_error_listing_the_candidates(corpus, tmp_path):
    name, places = next((n, d) for n, d in sorted(by_name().items())
                        if len(n) >= 3 and len(d) == 2 and all(x.level == "county" for x in d)
                        and d[0].province != d[1].province)
    plan = tmp_path / "plan.txt"
    plan.write_text(f"{name}人民政府关于印发质量提升行动方案的通知\n各乡镇人民政府：\n现印发给你们。\n"
                    f"{name}人民政府\n2024年5月6日\n质量提升行动方案\n一、总体要求\n（一）加强质量监管。\n",
                    encoding="utf-8")
    before = _snapshot(corpus)
    with pytest.raises(InputError) as caught:
        add_documents([plan], corpus)
    message = str(caught.value)
    assert "[QG143]" in message and all(d.code in message for d in places) and "\n" not in message
    assert _snapshot(corpus) == before
    (added,) = add_documents([plan], corpus, jurisdiction=places[1].code, dry_run=True)
    assert added.entry["jurisdiction"]["code"] == places[1].code


def test_add_the_jurisdiction_given_wins(corpus, inbox):
    other = ENTRIES["huairen-2023"]["jurisdiction"]
    (added,) = add_documents([inbox / "yangzhou-2023.txt"], corpus, jurisdiction=other["name_zh"], doc_id="mine-2023")
    entry = _entries(corpus)["mine-2023"]
    assert (entry["jurisdiction"]["code"], entry["jurisdiction"]["level"]) == (other["code"], other["level"])
    assert "jurisdiction: " + other["name_zh"] in "\n".join(added.found)


def test_add_reuses_a_jurisdiction_the_manifest_has(corpus, inbox):
    place = ENTRIES["huairen-2023"]["jurisdiction"]
    flow = ", ".join(f'{k}: "{v}"' for k, v in place.items())
    with (corpus / "documents.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write(f"  - id: {place['id']}-2019\n    file: yunxi-2024.txt\n    jurisdiction: {{{flow}}}\n")
    (added,) = add_documents([inbox / "huairen-2023.txt"], corpus)
    assert added.entry["id"] == "huairen-2023" == f"{place['id']}-2023"
    assert added.entry["jurisdiction"] == place


def test_add_refuses_what_is_no_policy_and_what_is_listed(corpus, tmp_path):
    english = tmp_path / "notes.txt"
    english.write_text("Meeting notes\nNothing in Chinese here.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: \[QG141\] no Chinese text"):
        add_documents([english], corpus)
    with pytest.raises(InputError, match=r"\[QG147\] the file is in the manifest already, as 'yunxi-2024'"):
        add_documents([corpus / "yunxi-2024.txt"], corpus)


def test_add_then_build(corpus, inbox, run, tmp_path):
    result = run("add", str(inbox / "huairen-2023.txt"), str(inbox / "yangzhou-2023.txt"), "--data", str(corpus))
    assert result.exit_code == 0, result.output
    result = run("add", str(inbox / "gansu-2015.txt"), "--issued", "2015", "--data", str(corpus))
    assert result.exit_code == 0, result.output
    result = run("build", "--data", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {tmp_path / 'out' / 'qgraph.ttl'}: 4 documents")
