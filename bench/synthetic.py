"""A synthetic corpus: the five bundled documents replicated under made-up jurisdictions.

    python bench/synthetic.py OUT_DIR [N]   # writes OUT_DIR/documents.yaml with N entries (default 1000)

The texts are copied once; every entry points at one of them, under its own document and
jurisdiction ids, so the build does the full work for each entry.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def make_corpus(out: Path, count: int = 1000) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    source = yaml.safe_load((REPO / "data" / "documents.yaml").read_text(encoding="utf-8"))["documents"]
    for entry in source:
        shutil.copyfile(REPO / "data" / entry["file"], out / entry["file"])
    documents = []
    for i in range(count):
        base = dict(source[i % len(source)])
        j = dict(base["jurisdiction"])
        j.update(id=f"synth{i:04d}", name_zh=f"合成{i:04d}市", name_en=f"Synth {i:04d}",
                 code=f"{100000 + i:06d}")
        base.update(id=f"synth{i:04d}-{base['issued'] if isinstance(base['issued'], int) else str(base['issued'])[:4]}",
                    jurisdiction=j)
        documents.append(base)
    manifest = out / "documents.yaml"
    manifest.write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return manifest


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
