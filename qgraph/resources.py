"""Where qgraph's shipped data lives: rule files, the ontology, the query library, HTML assets.

They ship inside the package (see setup.cfg), so an installed qgraph finds them from any
directory.

>>> resource_path("ontology").name
'ontology'
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource: ``rules/...``, ``ontology/...``, ``queries/...``, ``viz/...``."""
    return _PACKAGE.joinpath(*parts)


def repo_data_dir() -> Path:
    """The bundled corpus: ``data/`` beside the package in a checkout, else the current directory's."""
    checkout = _PACKAGE.parent / "data"
    return checkout if (checkout / "documents.yaml").is_file() else Path("data")
