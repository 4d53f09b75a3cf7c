"""The command line: parse options, call the library, render. No logic lives here."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import QGraphError
from .render import FORMATS, render
from .resources import repo_data_dir

EXIT_CODES = {"ok": 0, "error": 1, "usage": 2, "does not conform": 3}


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--format table|csv|json`` of every row-printing command."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="How to print the rows.")(function)


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    click.echo(render(rows, fmt, columns))


def data_option(function: Callable[..., Any]) -> Callable[..., Any]:
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
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_QGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qgraph")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """qgraph: compare quality-strategy policies across jurisdictions as a knowledge graph."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("doc_id", required=False)
@data_option
@output_options
def parse(doc_id: str | None, data_dir: Path | None, fmt: str) -> None:
    """Print the clause tree of DOC_ID (or of every document): number, heading, length, offsets."""
    from .pipeline import parse_corpus

    manifest = (data_dir or repo_data_dir()) / "documents.yaml"
    rows = [
        {"doc": p.spec.id, "order": c.order, "number": c.number, "kind": c.kind.value,
         "level": c.level, "heading": c.heading, "chars": len(c.text),
         "start": c.source_start, "end": c.source_end}
        for p in parse_corpus(manifest, only=doc_id) for c in p.clauses
    ]
    emit(rows, fmt)


def main() -> None:
    """Entry point of the ``qgraph`` console script."""
    cli(prog_name="qgraph")  # click exits with the command's code


if __name__ == "__main__":
    main()
