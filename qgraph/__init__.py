"""qgraph: China's quality-strategy policies as a knowledge graph, to compare across jurisdictions.

The library the ``qgraph`` command is a thin layer over::

    import qgraph
    qgraph.add(["plan.txt"], "corpus")          # a policy file into corpus/documents.yaml
    qgraph.build()                              # the bundled corpus into build/qgraph.ttl
    g = qgraph.open("build/qgraph.ttl")         # or qgraph.open("http://host:7878/query")
    g.lead("食品安全")                           # rows: lists of dicts, ready for pandas.DataFrame
    g.compare("制造业产品质量合格率")
    g.query("clause-tree", doc_id="my-doc-2024")  # any library query, with its parameters
    g.reuse("my-doc-2024")                      # what a document took from another
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgraph.errors import QGraphError
from qgraph.model import BuildReport
from qgraph.resources import repo_data_dir

if TYPE_CHECKING:
    from qgraph.api import Graph, add, build, open

__version__ = "0.1.0"
__all__ = ["BuildReport", "Graph", "QGraphError", "__version__", "add", "build", "open", "repo_data_dir"]
_API = ("Graph", "add", "build", "open")


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use: the build side costs a second to import, which a
    command that only asks the graph (`qgraph lead`) should not pay at start-up."""
    if name in _API:
        from qgraph import api  # lazy: start-up time

        return getattr(api, name)
    raise AttributeError(f"module 'qgraph' has no attribute {name!r}")
