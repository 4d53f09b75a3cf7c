"""The command line: parse options, call the library, render. No logic lives here.

Each command imports what it needs when it runs (``# lazy: start-up time``): the build side takes about
a second to import, which `qgraph lead` or `qgraph --help` should not pay."""
from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from qgraph import __version__
from qgraph.errors import MissingParameter, NoAnswer, QGraphError
from qgraph.render import BOM, FORMATS, render, symbols_shown
from qgraph.resources import repo_data_dir

if TYPE_CHECKING:
    from qgraph.api import Graph


COVERAGE_TABLE_MAX = 50  # documents; a larger corpus has its coverage in OUT/coverage.csv only


OUTPUT_SETTINGS = "qgraph.output"  # the click context's meta key of the output options


@dataclass(frozen=True, slots=True)
class OutputSettings:
    """Where and how rows go: the file (None: stdout), a BOM for Excel, the table's width (None: no limit)."""

    path: Path | None = None
    excel: bool = False
    width: int | None = None


def _table_width(path: Path | None, wide: bool, width: int | None) -> int | None:
    """Tables are cut to the terminal's width only on a terminal; ``--width N`` anywhere; ``--wide`` never."""
    if width is not None:
        return width
    if wide or path is not None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The shared output options of every row-printing command (sqlite-utils' ``output_options``):
    ``--format table|csv|json``, ``--output FILE``, ``--excel``, ``--wide`` and ``--width N``.

    The command still receives ``fmt``; the rest is kept in the click context for :func:`emit`."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        path, excel, wide, width = (kwargs.pop(k) for k in ("output", "excel", "wide", "width"))
        if excel:
            if ctx.get_parameter_source("fmt") == click.core.ParameterSource.COMMANDLINE and kwargs["fmt"] != "csv":
                raise click.BadParameter("--excel writes CSV; it does not go with --format "
                                         f"{kwargs['fmt']}", param_hint="--excel")
            kwargs["fmt"] = "csv"
        if wide and width is not None:
            raise click.BadParameter("--wide and --width exclude each other", param_hint="--wide")
        ctx.meta[OUTPUT_SETTINGS] = OutputSettings(path, excel, _table_width(path, wide, width))
        return function(*args, **kwargs)

    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="How to print the rows."),
        click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     metavar="FILE", help="Write the rows to FILE (atomically) instead of stdout."),
        click.option("--excel", is_flag=True,
                     help="CSV for Excel: UTF-8 with a byte order mark, so Chinese shows right (implies csv)."),
        click.option("--wide", is_flag=True, help="Never cut table cells (a table on a terminal fits its width)."),
        click.option("--width", type=click.IntRange(min=20), default=None, metavar="N",
                     help="Fit tables in N columns, in a pipe or a file too."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _settings() -> OutputSettings:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(OUTPUT_SETTINGS, OutputSettings()) if ctx is not None else OutputSettings()


def write_output(text: str) -> None:
    """Data text to stdout, or (``--output FILE``) into FILE written atomically: nothing half-written."""
    settings = _settings()
    if settings.excel:
        text = BOM + text
    if settings.path is None:
        click.echo(text)
        return
    from qgraph.files import write_atomically  # lazy: start-up time

    write_atomically((text + "\n").encode("utf-8"), settings.path)
    click.echo(f"Wrote {settings.path}", err=True)


def format_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> str:
    """The rows as text in the chosen format, a table fitted to the width the output options allow; a table
    shows a value by its symbol where the rows carry one (``comparatorSymbol`` ≥ for ``comparator`` AtLeast)."""
    if fmt == "table":
        rows, columns = symbols_shown(rows, columns)
    return render(rows, fmt, columns, width=_settings().width if fmt == "table" else None)


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, note: str = "No rows.") -> None:
    """Print the rows in the chosen format (see :func:`qgraph.render.render`) to stdout or ``--output``.

    No rows: ``note`` on stderr; a table prints nothing more, CSV its header line and JSON ``[]``
    (so that programs still read an empty answer)."""
    if not rows:
        click.echo(note, err=True)
        if fmt == "table":
            if _settings().path is not None:
                write_output("")
            return
    write_output(format_rows(rows, fmt, columns))


def data_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--data DIR`` and ``--rules DIR``: the corpus, and rule folders laid over the shipped rules."""
    function = click.option("--rules", "rule_dirs", type=click.Path(path_type=Path), multiple=True,
                            metavar="DIR", help="A folder of rule files laid over the shipped rules (repeatable; "
                            "a rules/ folder beside the manifest is used without it).")(function)
    return click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                        help="Folder holding documents.yaml and the texts [default: the bundled corpus].")(function)


class _QGraphGroup(click.Group):
    """Turns qgraph's errors into one line on stderr and the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QGraphError as exc:
            if ctx.params.get("debug"):
                raise
            for violation in getattr(exc, "violations", ()):
                click.echo(f"  {violation}", err=True)
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_QGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qgraph")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """qgraph: compare quality-strategy policies across jurisdictions as a knowledge graph."""
    ctx.obj = {"debug": debug}


STRICT_HELP = "A document that is not a policy qgraph reads is an error (QG119), not a warning."


@cli.command()
@click.argument("doc_id", required=False)
@data_option
@output_options
@click.option("--strict", is_flag=True, help=STRICT_HELP)
def parse(doc_id: str | None, data_dir: Path | None, rule_dirs: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Print the clause tree of DOC_ID (or of every document): number, heading, length, offsets."""
    from qgraph.extract.policy import policy_problems, problem_line, strict_error  # lazy: start-up time
    from qgraph.pipeline import parse_corpus  # lazy: start-up time

    manifest = (data_dir or repo_data_dir()) / "documents.yaml"
    parsed = parse_corpus(manifest, only=doc_id, overlays=rule_dirs)
    warnings = [problem_line(p, problems) for p in parsed if (problems := policy_problems(p))]
    if strict and warnings:
        raise strict_error(warnings[0])
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    rows = [
        {"doc": p.spec.id, "order": c.order, "number": c.number, "kind": c.kind.value,
         "level": c.level, "heading": c.heading, "chars": len(c.text),
         "start": c.source_start, "end": c.source_end}
        for p in parsed for c in p.clauses
    ]
    emit(rows, fmt)


def _manifest(data_dir: Path | None) -> Path:
    return (data_dir or repo_data_dir()) / "documents.yaml"


class _Progress:
    """A progress line on a terminal (documents done, current stage); silent in pipes or with --quiet."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done = total, enabled, 0

    def __call__(self, doc_id: str, stage: str) -> None:
        if not self.enabled:
            return
        if stage == "done":
            self.done += 1
        filled = int(20 * self.done / max(self.total, 1))
        click.echo(f"\r[{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total} {doc_id}: {stage}\033[K",
                   nl=False, err=True)

    def close(self) -> None:
        if self.enabled:
            click.echo("\r\033[K", nl=False, err=True)


@cli.command()
@data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Folder to write qgraph.<format> into.")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl", show_default=True,
              help="Serialisation of the graph.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display and no coverage table.")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Print the coverage table on stderr in a pipe too (it shows on a terminal anyway).")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run the documents' stages on this Dask cluster (default: local worker processes).")
def build(data_dir: Path | None, rule_dirs: tuple[Path, ...], out_dir: Path, fmt: str, quiet: bool,
          show_coverage: bool, strict: bool, scheduler: str | None) -> None:
    """Build the graph from DIR/documents.yaml: ontology, taxonomies and data in one file, validated."""
    from qgraph.pipeline import build as run_build  # lazy: start-up time
    from qgraph.pipeline import coverage_rows  # lazy: start-up time
    from qgraph.text.manifest import load_manifest  # lazy: start-up time

    manifest = _manifest(data_dir)
    progress = _Progress(len(load_manifest(manifest)), enabled=not quiet and sys.stderr.isatty())
    try:
        report = run_build(manifest, out_dir, fmt, progress, overlays=rule_dirs, strict=strict,
                           scheduler=scheduler)
    finally:
        progress.close()
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not quiet and (show_coverage or sys.stderr.isatty()) and len(report.coverage) <= COVERAGE_TABLE_MAX:
        click.echo(render(coverage_rows(report.coverage), "table"), err=True)
        for read in report.coverage:
            for kept, variants in read.merges:
                click.echo(f"Merged in {read.document}: {kept} ← {'、'.join(variants)}", err=True)
    click.echo(f"Wrote {report.path}: {report.documents} documents, {report.clauses} clauses, "
               f"{report.departments} departments ({report.unknown_departments} of unknown type), "
               f"{report.triples} triples in {report.seconds:.1f} s")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of the documents.yaml to add to (made when missing) [default: the bundled corpus].")
@click.option("--id", "doc_id", default=None, help="The document's id [default: <jurisdiction id>-<year>].")
@click.option("--jurisdiction", default=None, metavar="NAME",
              help="The jurisdiction's name (云溪市) or GB/T 2260 code, instead of the one found.")
@click.option("--title", default=None, help="The title, instead of the one found.")
@click.option("--issued", default=None, metavar="DATE",
              help="The issue date (YYYY-MM-DD or YYYY), instead of the one found.")
@click.option("--number", default=None, help="The document number (文号), instead of the one found.")
@click.option("--dry-run", is_flag=True, help="Print what would be added; write nothing.")
def add(files: tuple[Path, ...], data_dir: Path | None, doc_id: str | None, jurisdiction: str | None,
        title: str | None, issued: str | None, number: str | None, dry_run: bool) -> None:
    """Add policy FILES to DIR/documents.yaml: facts and jurisdiction found, file copied, entry appended."""
    from qgraph.api import add as run_add  # lazy: start-up time

    folder = data_dir or repo_data_dir()
    for added in run_add(files, folder, doc_id=doc_id, jurisdiction=jurisdiction, title=title, issued=issued,
                         number=number, dry_run=dry_run):
        click.echo(f"{'Would add' if dry_run else 'Added'} {added.file} as {added.entry['id']}: "
                   f"{folder / added.entry['file']}")
        for line in added.found:
            click.echo(f"  {line}")
        for key in added.missing:
            click.echo(f"  not found: {key}")


@cli.command()
@click.argument("graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"))
@click.option("--fast", is_flag=True,
              help="Check with the shapes compiled to SPARQL on Oxigraph (as `build` does) instead of pySHACL.")
def validate(graph_file: Path, fast: bool) -> None:
    """Check a built graph: the SHACL shapes and queries/checks/*.rq (exit 3 when it fails)."""
    from qgraph.check import check_graph_file, check_queries  # lazy: start-up time

    check_graph_file(graph_file, engine="compiled" if fast else "pyshacl")
    click.echo(f"{graph_file} conforms to the shapes and passes the {len(check_queries())} check queries")


def graph_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Where the graph is: a built file (default build/qgraph.ttl) or a SPARQL endpoint."""
    function = click.option("--endpoint", metavar="URL", default=None,
                            help="Ask this SPARQL 1.1 endpoint instead of a local graph file.")(function)
    function = click.option("--engine", "backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
                            show_default=True, help="Embedded engine for a local graph file.")(function)
    return click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"),
                        show_default=True, help="The built graph to query.")(function)


def _compact(value: Any) -> Any:
    """IRIs as prefixed names, for the table format only."""
    from qgraph.vocab import PREFIXES  # lazy: start-up time

    if isinstance(value, str) and value.startswith("http"):
        for prefix, namespace in PREFIXES.items():
            if value.startswith(str(namespace)):
                return f"{prefix}:{value[len(str(namespace)):]}"
    return value


@cli.command()
@click.argument("name_or_file")
@graph_options
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a query parameter (its VALUES line), e.g. --param doc_id=ID.")
@output_options
def query(name_or_file: str, graph_file: Path, backend: str, endpoint: str | None,
          params: tuple[str, ...], fmt: str) -> None:
    """Run a library query by NAME (see `qgraph queries`) or any .rq file."""
    values = dict(p.split("=", 1) for p in params if "=" in p)
    if len(values) != len(params):
        raise click.BadParameter("expected NAME=VALUE", param_hint="--param")
    try:
        results = _open(graph_file, endpoint, backend).select(name_or_file, **values)
    except MissingParameter as exc:
        raise click.BadParameter(exc.message, param_hint="--param") from None
    rows = [{k: _compact(v) for k, v in row.items()} for row in results.rows] if fmt == "table" \
        else list(results.rows)
    given = " ".join(f"{name}={value}" for name, value in values.items())
    emit(rows, fmt, list(results.columns), note=f"No rows for {given}." if given else "No rows.")


@cli.command()
@output_options
def queries(fmt: str) -> None:
    """List the query library: name, question, parameters (those a query needs marked required)."""
    from qgraph.ask.library import library, parameter_list  # lazy: start-up time

    emit([{"name": q.name, "question": q.question, "parameters": parameter_list(q)} for q in library()], fmt)


@cli.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The Graph Store endpoint, e.g. http://127.0.0.1:7878/store for Oxigraph.")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"),
              show_default=True, help="The built graph to push.")
@click.option("--named-graph", metavar="IRI", default=None,
              help="Push into this named graph [default: the default graph].")
@click.option("--append", is_flag=True, help="Add to what the store holds instead of replacing it.")
def load(endpoint: str, graph_file: Path, named_graph: str | None, append: bool) -> None:
    """Push a built graph to a SPARQL store with the SPARQL 1.1 Graph Store Protocol."""
    from qgraph.ask.engine import push_graph  # lazy: start-up time

    count = push_graph(graph_file, endpoint, named_graph, replace=not append)
    click.echo(f"Loaded {count} triples from {graph_file} into {endpoint}"
               f"{' (' + named_graph + ')' if named_graph else ''}")


@cli.command()
@click.argument("topic")
@click.option("--city", metavar="CITY", default=None,
              help="Only this jurisdiction: its id or its name (云溪市, 云溪, Yunxi).")
@click.option("--summary", is_flag=True,
              help="One row per jurisdiction, department and lead basis: its number of clauses and the first.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only the first N rows, in the answer's order (stderr says how many were left).")
@graph_options
@output_options
def lead(topic: str, city: str | None, summary: bool, limit: int | None, graph_file: Path, backend: str,
         endpoint: str | None, fmt: str) -> None:
    """Which departments lead work on TOPIC (a domain, keyword or indicator), per jurisdiction, one row per
    department and clause with its evidence (grouped in the table; csv has every field, partners joined
    with 、), or with --summary one row per department and basis with its number of clauses; stderr then
    names the jurisdictions with no clause on it, and those whose clauses on it name no lead."""
    from qgraph.ask.lead import (  # lazy: start-up time
        CSV_COLUMNS,
        SUMMARY_COLUMNS,
        TABLE_COLUMNS,
        first,
        summarise,
        table_rows,
        unanswered_lines,
    )
    from qgraph.ask.places import UnknownCity  # lazy: start-up time

    if not topic.strip():
        raise click.BadParameter("a topic is needed: a domain, a keyword or an indicator", param_hint="TOPIC")
    graph = _open(graph_file, endpoint, backend)
    asked: int | None = None   # the whole country's first rows: how many jurisdictions were asked (None: all)
    try:
        if limit is not None and city is None:
            resolved, rows, asked = graph.lead_first(topic, limit, summary)
        else:
            resolved, rows = graph.lead_with_topic(topic, city)
    except UnknownCity as exc:
        raise click.BadParameter(str(exc), param_hint="--city") from None
    absent = graph.lead_unanswered(resolved, rows, city, first=asked)
    if not rows:
        where = f" in {city}" if city else ""
        unled = unanswered_lines(resolved.text, [a for a in absent if a["clauses"] or a["dashItems"]])
        if unled:
            raise NoAnswer("QG409", f"No department leads work on '{resolved.text}'{where}: {'; '.join(unled)}")
        near = graph.suggest(resolved)
        hint = f"Closest known topics: {'、'.join(near)}" if near else "No known topic is close"
        raise NoAnswer("QG409", f"No department leads work on '{resolved.text}'{where}. {hint} (see `qgraph topics`)")
    shown, left = first(summarise(rows) if summary else rows, limit)
    if summary:
        emit(shown, fmt, SUMMARY_COLUMNS)
    elif fmt == "table":
        emit(table_rows(shown), fmt, TABLE_COLUMNS)
    else:
        emit(shown, fmt, CSV_COLUMNS if fmt == "csv" else None)
    if asked is not None:
        click.echo(f"more rows not shown (--limit {limit}): {left} more of the first {asked} jurisdictions (by id) "
                   "and those of the others, not asked", err=True)
    elif left:
        click.echo(f"{left} more row{'' if left == 1 else 's'} not shown (--limit {limit})", err=True)
    for line in unanswered_lines(resolved.text, absent):
        click.echo(line, err=True)


@cli.command()
@click.argument("indicator")
@click.option("--city", metavar="CITY", default=None,
              help="Only this jurisdiction: its id or its name (云溪市, 云溪, Yunxi).")
@graph_options
@output_options
def compare(indicator: str, city: str | None, graph_file: Path, backend: str, endpoint: str | None,
            fmt: str) -> None:
    """One INDICATOR's targets across jurisdictions, side by side (related indicators marked as such)."""
    from qgraph.ask.compare import COLUMNS, table_rows  # lazy: start-up time
    from qgraph.ask.places import UnknownCity  # lazy: start-up time

    try:
        rows = _open(graph_file, endpoint, backend).compare(indicator, city)
    except UnknownCity as exc:
        raise click.BadParameter(str(exc), param_hint="--city") from None
    if fmt == "table":
        emit(table_rows(rows), fmt, [c for c in COLUMNS if c != "baseline"])
    else:
        emit(rows, fmt, [*COLUMNS, "text"] if fmt == "csv" else None)


@cli.command()
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"),
              show_default=True, help="The built graph to draw.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build/viz"), show_default=True,
              help="Folder for the HTML pages.")
def viz(graph_file: Path, out_dir: Path) -> None:
    """Write the interactive HTML graphs (one per jurisdiction, cross-jurisdiction, collaboration, index)."""
    written = _open(graph_file, None, "oxigraph").draw(out_dir)
    for path in written[:-1]:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"Open {written[-1]} in a browser (works offline)")


@cli.command()
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"),
              show_default=True, help="The built graph to report on.")
@click.option("--endpoint", metavar="URL", default=None, help="Report on a SPARQL endpoint instead of a graph file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build/report"), show_default=True,
              help="Folder for the report (replaced as a whole).")
@click.option("--city", "cities", metavar="CITY", multiple=True,
              help="A jurisdiction to report on: its id or name (repeat for each; default: all, up to 100).")
def report(graph_file: Path, endpoint: str | None, out_dir: Path, cities: tuple[str, ...]) -> None:
    """Write the offline HTML report: one page per question, charts linked to the clauses behind them."""
    from qgraph.ask.places import UnknownCity  # lazy: start-up time

    try:
        written = _open(graph_file, endpoint, "oxigraph").report(out_dir, cities)
    except UnknownCity as exc:
        raise click.BadParameter(str(exc), param_hint="--city") from None
    click.echo(f"wrote {len(written)} pages to {out_dir}", err=True)
    click.echo(f"Open {written[0]} in a browser (works offline)")


@cli.command()
@graph_options
@output_options
def jurisdictions(graph_file: Path, backend: str, endpoint: str | None, fmt: str) -> None:
    """List the jurisdictions in the graph: id, names, level, documents, numbered clauses, targets."""
    emit(_open(graph_file, endpoint, backend).jurisdictions(), fmt)


@cli.command()
@graph_options
@output_options
def indicators(graph_file: Path, backend: str, endpoint: str | None, fmt: str) -> None:
    """List the indicators `qgraph compare` takes, with how many targets and jurisdictions each has."""
    emit(_open(graph_file, endpoint, backend).indicators(), fmt)


@cli.command()
@graph_options
@output_options
def topics(graph_file: Path, backend: str, endpoint: str | None, fmt: str) -> None:
    """List what `qgraph lead` can be asked about: quality domains and topics, their other names, clauses."""
    emit(_open(graph_file, endpoint, backend).topics(), fmt)


@cli.command()
@click.argument("analysis", type=click.Choice(["centrality", "communities", "type-overlap"]), default="centrality")
@graph_options
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Also write centrality.csv, communities.csv and type-overlap.csv into this folder.")
@output_options
def analyze(analysis: str, graph_file: Path, backend: str, endpoint: str | None, out_dir: Path | None,
            fmt: str) -> None:
    """Network analytics: department centrality, communities, department-type overlap between jurisdictions."""
    graph = _open(graph_file, endpoint, backend)
    if out_dir is not None:
        for path in graph.write_analytics(out_dir):
            click.echo(f"wrote {path}", err=True)
    emit(graph.analyze(analysis), fmt)


@cli.command()
@click.argument("doc_id", required=False)
@click.option("--min-chars", type=int, default=20, show_default=True, help="Shortest aligned passage to show.")
@click.option("--boilerplate", "with_boilerplate", is_flag=True, help="Show shared formulas too.")
@graph_options
@output_options
def reuse(doc_id: str | None, min_chars: int, with_boilerplate: bool, graph_file: Path, backend: str,
          endpoint: str | None, fmt: str) -> None:
    """Passages DOC_ID (or every document) took from another or gave to one, and a per-pair summary.

    The table shows both; JSON holds both ({"passages": …, "summary": …}); CSV, one table, has the
    passages with every field (texts, offsets), from which the summary follows."""
    from qgraph.ask.reuse_report import summary  # lazy: start-up time

    rows = _open(graph_file, endpoint, backend).reuse(doc_id, min_chars, with_boilerplate)
    pairs = summary(rows)
    note = f"No passage of {doc_id} is shared with another document." if doc_id else "No rows."
    if fmt == "json":
        if not rows:
            click.echo(note, err=True)
        write_output(__import__("json").dumps({"passages": rows, "summary": pairs}, ensure_ascii=False, indent=2,
                                              default=str))
        return
    if fmt == "csv":
        emit(rows, "csv", REUSE_CSV_COLUMNS, note=note)
        return
    if not rows:
        emit(rows, "table", note=note)
        return
    write_output(format_rows(rows, "table", ["later", "later_clause", "earlier", "earlier_clause", "chars",
                                             "similarity", "diff"])
                 + "\n\n" + format_rows(pairs, "table", ["later", "earlier", "passages", "characters"]))


REUSE_CSV_COLUMNS = ["later", "later_clause", "earlier", "earlier_clause", "chars", "similarity", "boilerplate",
                     "diff", "later_text", "earlier_text", "start", "end", "text_start", "text_end"]


def _open(graph_file: Path, endpoint: str | None, backend: str) -> Graph:
    """The graph a command asks, through the Python API (the CLI only parses options and renders)."""
    from qgraph.api import open as open_graph  # lazy: start-up time

    return open_graph(graph_file, engine=backend, endpoint=endpoint)


@cli.command()
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("build/qgraph.ttl"),
              show_default=True, help="The built graph to serve (its query index beside it).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="The port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (the default is this machine only).")
def serve(graph_file: Path, port: int, host: str) -> None:
    """Serve the graph read-only as a SPARQL 1.1 endpoint (/query) with a query page (/), until Ctrl-C."""
    from qgraph.serve import serve as run_server  # lazy: start-up time

    run_server(graph_file, host, port, announce=lambda line: click.echo(line, err=True))


def main() -> None:
    """Entry point of the ``qgraph`` console script."""
    cli(prog_name="qgraph")  # click exits with the command's code


if __name__ == "__main__":
    main()
