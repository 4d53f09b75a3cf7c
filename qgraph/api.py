"""The Python API: build a graph, open it (a file or a SPARQL endpoint), ask it. The CLI is a thin
layer over exactly these calls.

Every answer is a list of flat-ish dicts (one per row) that ``pandas.DataFrame(rows)`` takes as it is.

>>> import qgraph
>>> report = qgraph.build(qgraph.repo_data_dir(), "build")       # doctest: +SKIP
>>> g = qgraph.open("build/qgraph.ttl")                           # doctest: +SKIP
>>> [r["department"] for r in g.lead("食品安全", city="yunxi")]  # doctest: +SKIP
['县市场监管局']
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qgraph.ask import listing
from qgraph.ask.compare import compare as compare_targets
from qgraph.ask.engine import Engine, open_engine
from qgraph.ask.lead import Topic, first, lead_first, suggest, summarise, unanswered
from qgraph.ask.lead import lead as find_leads
from qgraph.ask.lead import missing as lead_missing
from qgraph.ask.library import check_required, library, parameter_list, resolve
from qgraph.ask.places import Place
from qgraph.ask.reuse_report import passages, summary
from qgraph.model import BuildReport, Results
from qgraph.resources import repo_data_dir

if TYPE_CHECKING:   # building, adding, drawing and reporting are imported when called: a query starts fast
    from qgraph.intake import Addition
    from qgraph.pipeline import Progress

__all__ = ["Addition", "Graph", "add", "build", "open"]

def build(data: str | Path | None = None, out: str | Path = "build", *, rules: Sequence[str | Path] = (),
          fmt: str = "ttl", progress: Progress | None = None, strict: bool = False,
          scheduler: str | None = None) -> BuildReport:
    """Build the graph of ``data/documents.yaml`` (default: the bundled corpus) into ``out/qgraph.<fmt>``,
    with the rule folders ``rules`` laid over the shipped rules (and ``data/rules/`` when it exists); with
    ``strict``, a document that is not a policy qgraph reads is an InputError instead of a warning; with
    ``scheduler`` (``tcp://HOST:PORT``), the documents' stages run on that Dask cluster."""
    from qgraph.pipeline import build as run_build  # lazy: start-up time

    folder = Path(data) if data is not None else repo_data_dir()
    return run_build(folder / "documents.yaml", Path(out), fmt, progress, overlays=[Path(r) for r in rules],
                     strict=strict, scheduler=scheduler)


def add(files: Sequence[str | Path], data: str | Path | None = None, *, doc_id: str | None = None,
        jurisdiction: str | None = None, title: str | None = None, issued: str | None = None,
        number: str | None = None, dry_run: bool = False) -> list[Addition]:
    """Add policy files to ``data/documents.yaml`` (default: the bundled corpus): each file's title, number,
    issuer, date, script and jurisdiction found (a value given here wins), the file copied into ``data``
    and its entry appended, the manifest's comments and order kept; ``dry_run`` writes nothing."""
    from qgraph.intake import add_documents  # lazy: start-up time

    folder = Path(data) if data is not None else repo_data_dir()
    return add_documents([Path(f) for f in files], folder, doc_id=doc_id, jurisdiction=jurisdiction, title=title,
                         issued=issued, number=number, dry_run=dry_run)


def open(source: str | Path = "build/qgraph.ttl", *, engine: str = "oxigraph",
         endpoint: str | None = None) -> Graph:
    """A built graph to ask: a graph file (``engine`` oxigraph or rdflib), or a SPARQL endpoint's URL
    (as ``source`` or ``endpoint``)."""
    text = endpoint or str(source)
    if text.startswith(("http://", "https://")):
        return Graph(open_engine(None, text), text)
    return Graph(open_engine(Path(text), None, engine), text)


@dataclass(frozen=True)
class Graph:
    """A graph to ask questions of; every method returns rows (dicts), ready for a DataFrame."""

    engine: Engine
    source: str

    def query(self, name_or_file: str, **params: str) -> list[dict[str, Any]]:
        """A library query by name (see :meth:`queries`) or any ``.rq`` file, with its parameters."""
        return [dict(row) for row in self.select(name_or_file, **params).rows]

    def select(self, name_or_file: str, **params: str) -> Results:
        """:meth:`query`'s answer with its columns in order (for an empty answer too). A parameter left out
        constrains nothing, unless the query needs it: then a MissingParameter lists the values it takes."""
        chosen = resolve(name_or_file)
        check_required(self.engine, chosen, params)
        return self.engine.select(chosen.bind(params), name=str(chosen.path))

    def queries(self) -> list[dict[str, Any]]:
        """The query library: name, question, parameters."""
        return [{"name": q.name, "question": q.question, "parameters": parameter_list(q)} for q in library()]

    def lead(self, topic: str, city: str | None = None, summary: bool = False,
             limit: int | None = None) -> list[dict[str, Any]]:
        """Which departments lead work on ``topic``, per jurisdiction: one row per department and clause
        (jurisdiction, place, department, type, basis on that clause, document, number, heading, and that
        clause's supporters); ``city`` is a jurisdiction's id or name (云溪市, 云溪, Yunxi). ``summary``: one
        row per jurisdiction, department and basis instead, with its number of clauses and the first as evidence
        (:func:`qgraph.ask.lead.summarise`); ``limit``: only the first rows of the answer, in its order."""
        if limit is not None and city is None:   # the whole country's first rows, without finding every row
            rows = self.lead_first(topic, limit, summary)[1]
        else:
            rows = self.lead_with_topic(topic, city)[1]
        return first(summarise(rows) if summary else rows, limit)[0]

    def lead_first(self, topic: str, limit: int,
                   summary: bool = False) -> tuple[Topic, list[dict[str, Any]], int | None]:
        """The whole country's :meth:`lead` rows of its first jurisdictions by id, enough for the first ``limit``
        rows and one more, and how many jurisdictions were asked (None: all): see
        :func:`qgraph.ask.lead.lead_first`."""
        return lead_first(self.engine, topic, limit, summary)

    def lead_missing(self, rows: list[dict[str, Any]], city: str | None = None) -> list[Place]:
        """The jurisdictions (of ``city``, or all) that a :meth:`lead` answer has no row on."""
        return lead_missing(self.engine, rows, city)

    def lead_unanswered(self, topic: Topic, rows: list[dict[str, Any]], city: str | None = None,
                        first: int | None = None) -> list[dict[str, Any]]:
        """The jurisdictions (of ``city``, or all, or the ``first`` by id) a :meth:`lead` answer has no row on,
        each with how many of its numbered clauses (``clauses``) and dash items (``dashItems``) are on the topic
        though none names a lead (0 and 0: nothing on the topic)."""
        return unanswered(self.engine, topic, rows, city, first)

    def lead_with_topic(self, topic: str, city: str | None = None) -> tuple[Topic, list[dict[str, Any]]]:
        """:meth:`lead`, with the topic as resolved (its synonyms, domains and indicators)."""
        return find_leads(self.engine, topic, city)

    def suggest(self, topic: Topic) -> list[str]:
        """The known topics closest to one that matched nothing."""
        return suggest(self.engine, topic)

    def compare(self, indicator: str, city: str | None = None) -> list[dict[str, Any]]:
        """One indicator's targets across jurisdictions (related indicators marked ``related``), or in
        ``city`` (an id or a name); targets stated in more than one unit carry a ``note``."""
        return compare_targets(self.engine, indicator, city)

    def reuse(self, doc_id: str | None = None, min_chars: int = 20,
              boilerplate: bool = False) -> list[dict[str, Any]]:
        """The passages ``doc_id`` (or every document) took from another document or gave to one."""
        return passages(self.engine, doc_id, min_chars, boilerplate)

    def reuse_summary(self, doc_id: str | None = None, min_chars: int = 20,
                      boilerplate: bool = False) -> list[dict[str, Any]]:
        """Per pair of documents: passages and characters of the later text taken from the earlier."""
        return summary(self.reuse(doc_id, min_chars, boilerplate))

    def jurisdictions(self) -> list[dict[str, Any]]:
        """The jurisdictions the graph holds: id, names, level, documents, numbered clauses, targets."""
        return listing.jurisdictions(self.engine)

    def indicators(self) -> list[dict[str, Any]]:
        """The indicators targets can be compared by, with how many targets and jurisdictions each has."""
        return listing.indicators(self.engine)

    def topics(self) -> list[dict[str, Any]]:
        """What `lead` can be asked about: domains and topics, their other names, the clauses they answer."""
        return listing.topics(self.engine)

    def analyze(self, analysis: str = "centrality") -> list[dict[str, Any]]:
        """Network analytics: ``centrality``, ``communities`` or ``type-overlap``."""
        from qgraph.ask.analytics import ANALYSES  # lazy: start-up time

        return ANALYSES[analysis](self.engine)

    def write_analytics(self, out_dir: str | Path) -> list[Path]:
        """The three analyses as CSV files in ``out_dir``."""
        from qgraph.ask.analytics import write_analytics_csv  # lazy: start-up time

        return write_analytics_csv(self.engine, Path(out_dir))

    def draw(self, out_dir: str | Path) -> list[Path]:
        """The interactive HTML graphs in ``out_dir``; the last path is the index page."""
        from qgraph.viz.pages import write_visualisations  # lazy: start-up time

        return write_visualisations(self.engine, Path(out_dir))

    def report(self, out_dir: str | Path = "build/report", cities: Sequence[str] = ()) -> list[Path]:
        """The offline HTML report (one page per question, charts linked to their clauses) in ``out_dir``, on the
        jurisdictions ``cities`` names (ids or names) or on all (a QueryError, QG411, when there are more than
        :data:`qgraph.report.REPORT_JURISDICTIONS`); the pages written, index first."""
        from qgraph.report import write_report  # lazy: start-up time

        return write_report(self.engine, Path(out_dir), cities)


def __getattr__(name: str) -> Any:
    """``qgraph.api.Addition``, imported when asked for (adding documents is not needed to ask a graph)."""
    if name == "Addition":
        from qgraph.intake import Addition  # lazy: start-up time

        return Addition
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
