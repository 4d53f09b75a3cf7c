"""Adding documents to a corpus (``qgraph add``): what a file says about itself, its jurisdiction
resolved against China's administrative divisions, the file copied beside the manifest and its entry
appended to ``documents.yaml``.

Each file is read and its text stages run (read → normalise → segment), so the facts are those a build
reads: title, number (文号), issuing body and issue date from the text (the covering notice, the title
lines, the closing) and from the metadata a reader keeps (标题, 文号, 发文机关, 成文日期), the script
as detected. The jurisdiction comes from ``--jurisdiction`` (a name or a six-digit code), else the
issuer, else the title, else the division names the text uses (:mod:`qgraph.text.divisions`). A
value given on the command line wins. Nothing is written until every file is read and resolved; then
the files are copied and the manifest rewritten atomically, its comments and order kept (ruamel.yaml's
round trip, which gives the bundled manifest back byte for byte).

Ids: a jurisdiction already in the manifest (the same code) keeps its entry (id, names); a new one
gets its code as id (``321000``: stable, unique, no romanisation to argue about) and a pinyin
``name_en`` to check. A document's id is ``<jurisdiction id>-<year of issue>`` (``321000-2023``),
``-2``, ``-3`` … when taken; its file is copied as ``<id><suffix>`` unless it is in the folder already.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgraph.errors import InputError
from qgraph.extract.document import document_facts
from qgraph.files import write_atomically
from qgraph.model import DocumentFacts, DocumentSpec
from qgraph.pipeline import rules_for, with_metadata
from qgraph.rules import RuleSet
from qgraph.text.divisions import Division, by_code, by_name, issuer_place, matches
from qgraph.text.manifest import jurisdiction_name, load_manifest
from qgraph.text.normalise import normalise
from qgraph.text.read import read_source
from qgraph.text.segment import segment

__all__ = ["Addition", "add_documents"]

MANIFEST = "documents.yaml"
NEW_MANIFEST = "# Documents of this corpus: see `qgraph add` and the manifest format in the README.\ndocuments: []\n"
# Metadata a reader keeps (SourceText.metadata), by the fact it gives.
_CHINESE = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Addition:
    """One file added (or to be added): the entry written, where the file goes, and what was found."""

    file: Path                    # the file given
    target: Path                  # where it is (or will be) in the data folder
    entry: dict[str, Any]         # the manifest entry
    found: tuple[str, ...]        # ``fact: value (where from)``, one per fact found
    missing: tuple[str, ...]      # the facts not found


def add_documents(files: Sequence[Path], data_dir: Path, *, doc_id: str | None = None,
                  jurisdiction: str | None = None, title: str | None = None, issued: str | None = None,
                  number: str | None = None, dry_run: bool = False,
                  rule_set: RuleSet | None = None) -> list[Addition]:
    """Add each file to ``data_dir/documents.yaml`` (see the module's doc); ``dry_run``: write nothing."""
    if doc_id is not None and len(files) != 1:
        raise InputError("QG146", "--id names one document: give one file with it", path=data_dir)
    manifest = data_dir / MANIFEST
    rule_set = rule_set or rules_for(manifest)
    existing = _existing(manifest)
    ids = {spec.id for spec in existing}
    listed = {spec.path.resolve(): spec.id for spec in existing}
    places = {spec.jurisdiction.code: spec.jurisdiction for spec in existing}
    additions = []
    for file in files:
        if Path(file).resolve() in listed:
            raise InputError("QG147", f"the file is in the manifest already, as '{listed[Path(file).resolve()]}'",
                             path=file)
        addition = _read(Path(file), data_dir, ids, places, rule_set, doc_id=doc_id, jurisdiction=jurisdiction,
                         title=title, issued=issued, number=number)
        if addition.target in listed:
            raise InputError("QG147", f"the file is in the manifest already, as '{listed[addition.target]}'",
                             path=file)
        listed[addition.target] = addition.entry["id"]
        ids.add(addition.entry["id"])
        additions.append(addition)
    if not dry_run:
        _write(additions, manifest)
    return additions


def _existing(manifest: Path) -> tuple[DocumentSpec, ...]:
    """The manifest's entries (none when it is missing or its list is empty, as a new corpus's is)."""
    if not manifest.is_file():
        return ()
    try:
        return load_manifest(manifest)
    except InputError as exc:
        if exc.code == "QG108":
            return ()
        raise


def _read(file: Path, data_dir: Path, ids: set[str], places: dict[str, Any], rule_set: RuleSet, *,
          doc_id: str | None, jurisdiction: str | None, title: str | None, issued: str | None,
          number: str | None) -> Addition:
    source = read_source(file.stem, file, rule_set)
    if not _CHINESE.search(source.text):
        raise InputError("QG141", "no Chinese text: not a policy document qgraph reads", path=file)
    text = normalise(source, rule_set=rule_set)
    stated = document_facts(segment(text, rule_set), rule_set)
    facts = with_metadata(stated, source)   # the text wins; a page's or file's metadata fills the rest
    found: list[str] = []
    values: dict[str, str | None] = {}
    for key, given in (("title", title), ("number", number), ("issuer", None), ("issued", issued)):
        value, origin = (given, "given") if given else _fact(key, stated, facts)
        values[key] = value
        if value:
            found.append(f"{key}: {value} ({origin})")
    found.append(f"script: {text.script} (detected)")
    division, origin = _jurisdiction(jurisdiction, values, text.text, file)
    place = _place(division, places)
    found.append(f"jurisdiction: {division.describe()} ({origin})")
    if division.code not in places:
        found.append(f"jurisdiction id: {place['id']}, name_en: {place['name_en']} (new: pinyin, check it)")
    year = (values["issued"] or "")[:4]
    chosen = doc_id or _unique(f"{place['id']}-{year or 'undated'}", ids)
    if chosen in ids:
        raise InputError("QG105", f"document id '{chosen}' is used already", path=data_dir / MANIFEST)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", chosen):
        raise InputError("QG106", f"document '{chosen}': id must be lower-case letters, digits and '-'", path=file)
    target = _target(file, data_dir, chosen)
    entry: dict[str, Any] = {"id": chosen, "file": target.relative_to(data_dir.resolve()).as_posix(),
                             "jurisdiction": place}
    for key in ("title", "issued", "number"):
        if values[key]:
            entry[key] = values[key]
    entry["script"] = text.script
    missing = tuple(k for k in ("title", "number", "issuer", "issued") if not values[k])
    return Addition(file, target, entry, tuple(found), missing)


def _fact(key: str, stated: DocumentFacts, facts: DocumentFacts) -> tuple[str | None, str]:
    """A fact and where it was found: the text, else the file's metadata."""
    value = getattr(facts, key)
    if not value:
        return None, ""
    return value, ("text" if getattr(stated, key) else "metadata")


def _jurisdiction(given: str | None, values: dict[str, str | None], text: str, file: Path) -> tuple[Division, str]:
    """The division a document is of, and where it was found; an ambiguity or nothing is an error."""
    if given:
        if re.fullmatch(r"\d{6}", given):
            division = by_code(given)
            candidates = [division] if division else []
        else:
            candidates = by_name().get(given.strip()) or matches(given.strip())
        if not candidates:
            raise InputError("QG142", f"no administrative division is named {given}", path=file)
        return _one(candidates, file, "--jurisdiction"), "given"
    tries = [("the issuer", issuer_place(values["issuer"] or ""), 2), ("the title", values["title"] or "", 2),
             ("the text's place names: check it", text, 3)]
    for origin, where, min_chars in tries:
        candidates = matches(where, min_chars=min_chars) if where else []
        if candidates:
            return _one(candidates, file, origin), f"from {origin}"
    raise InputError("QG144", "no jurisdiction found in the issuer, title or text: give --jurisdiction NAME",
                     path=file)


def _one(candidates: list[Division], file: Path, origin: str) -> Division:
    if len(candidates) > 1:
        listed = "; ".join(d.describe() for d in candidates)
        raise InputError("QG143", f"the jurisdiction ({origin}) is ambiguous: {listed} (give --jurisdiction "
                         f"with a code)", path=file)
    return candidates[0]


def _place(division: Division, places: dict[str, Any]) -> dict[str, Any]:
    """The manifest's jurisdiction for a division: the entry's own where the manifest has the code."""
    known = places.get(division.code)
    if known is not None:
        place = {"id": known.id, "name_zh": known.name_zh, "name_en": known.name_en, "level": known.level,
                 "code": known.code}
        if known.department_prefix:
            place["department_prefix"] = known.department_prefix
        return place
    return {"id": division.code, "name_zh": division.name, "name_en": _english(division),
            "level": division.level, "code": division.code}


def _english(division: Division) -> str:
    """The bare name in pinyin, capitalised (云溪市 → Yunxi)."""
    from pypinyin import lazy_pinyin  # lazy: start-up time

    bare = jurisdiction_name(division.name, division.level).bare or division.name
    return "".join(lazy_pinyin(bare)).capitalize()


def _unique(candidate: str, ids: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` … when taken.

    >>> _unique("990181-2024", {"990181-2024"})
    '990181-2024-2'
    """
    chosen, n = candidate, 1
    while chosen in ids:
        n += 1
        chosen = f"{candidate}-{n}"
    return chosen


def _target(file: Path, data_dir: Path, doc_id: str) -> Path:
    """Where the file is kept: where it is, when already in the data folder; else ``<id><suffix>`` there,
    unless another file has that name."""
    folder = data_dir.resolve()
    resolved = file.resolve()
    if resolved.parent == folder or folder in resolved.parents:
        return resolved
    target = folder / f"{doc_id}{file.suffix.lower()}"
    if target.exists() and target.read_bytes() != file.read_bytes():
        raise InputError("QG145", f"{target.name} is in the data folder already with other content", path=file)
    return target


def _write(additions: list[Addition], manifest: Path) -> None:
    """Copy the files, then write the manifest with the entries appended (comments and order kept)."""
    from ruamel.yaml import YAML  # lazy: start-up time
    from ruamel.yaml.comments import CommentedMap  # lazy: start-up time

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = manifest.read_text(encoding="utf-8") if manifest.is_file() else NEW_MANIFEST
    data = yaml.load(text)
    if data is None or not isinstance(data.get("documents"), list):
        raise InputError("QG103", "expected a list under 'documents:'", path=manifest)
    for addition in additions:
        entry = CommentedMap()
        for key, value in addition.entry.items():
            if key == "jurisdiction":
                place = CommentedMap(value)
                place.fa.set_flow_style()
                value = place
            elif key == "issued":
                value = dt.date.fromisoformat(value) if len(value) == 10 else int(value)
            entry[key] = value
        data["documents"].append(entry)
    if hasattr(data["documents"], "fa"):
        data["documents"].fa.set_block_style()
    out = io.StringIO()
    yaml.dump(data, out)
    for addition in additions:
        if addition.target != addition.file.resolve() and not addition.target.exists():
            manifest.parent.mkdir(parents=True, exist_ok=True)
            tmp = addition.target.with_name(f".{addition.target.name}.tmp")
            shutil.copyfile(addition.file, tmp)
            tmp.replace(addition.target)
    write_atomically(out.getvalue().encode("utf-8"), manifest)
