"""``qgraph report``: an offline HTML report for analysts, one page per question, drawn from the graph.

Pages: the corpus (index), domain emphasis, who leads what (department type × jurisdiction, the 2018
reform folded in), targets by indicator (one dot plot per unit), deadlines, text reuse, and a profile of
each jurisdiction. Every chart is followed by its data as a table and every mark links to the clauses
behind it (jurisdiction, document, clause number, text, offsets).

Charts are drawn with Plotly: the Python package ``plotly`` ships ``plotly.min.js``, which is copied once
into ``assets/`` and referenced relatively, so the pages work from ``file://`` with no network. The figures
are written as plain JSON (no Python plotly API, nothing imported at start-up); Plotly was chosen over
Vega-Lite because one pip dependency brings a pinned, self-contained bundle (Vega-Lite would need three
npm packages vendored) and its heat maps and dot plots take per-mark ``customdata`` for evidence links.

The whole folder is written into a temporary folder beside ``out_dir`` and renamed into place: a report
is complete or absent. Same graph → byte-identical files.

Every page draws each jurisdiction reported on (a column of the heat maps, a profile page, a link on every page),
so a report is of up to :data:`REPORT_JURISDICTIONS` jurisdictions unless they are named (``--city``): a national
graph's report is of the jurisdictions compared, found from them in the graph (the report queries take their ids),
not a page of 3,000 columns after half an hour.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from qgraph.ask.engine import Engine
from qgraph.ask.places import find, places
from qgraph.errors import QueryError
from qgraph.report.data import Corpus
from qgraph.report.html import page
from qgraph.report.pages import PAGES, domains_page, index_page, leads_page, reuse_page
from qgraph.report.targets import deadlines_page, indicators_page, profile_page
from qgraph.resources import resource_path

__all__ = ["REPORT_JURISDICTIONS", "write_report"]

REPORT_JURISDICTIONS = 100   # reported on without being named: beyond, a heat map's columns are not read


def _plotly_js() -> bytes:
    from importlib.resources import files  # lazy: start-up time

    return files("plotly").joinpath("package_data").joinpath("plotly.min.js").read_bytes()


def build_pages(corpus: Corpus) -> dict[str, str]:
    """Every page of the report: file name → HTML."""
    profiles = [(f"jurisdiction-{j['id']}.html", j) for j in corpus.jurisdictions]
    nav = [*PAGES, *((name, j.get("name_zh") or j["id"]) for name, j in profiles)]
    builders = {"index.html": index_page, "domains.html": domains_page, "leads.html": leads_page,
                "indicators.html": indicators_page, "deadlines.html": deadlines_page, "reuse.html": reuse_page}
    pages = {}
    for name, build in builders.items():
        title, intro, body = build(corpus)
        pages[name] = page(title, intro, body, nav, name)
    for name, j in profiles:
        title, intro, body = profile_page(corpus, j)
        pages[name] = page(title, intro, body, nav, name)
    return pages


def write_report(engine: Engine, out_dir: Path, cities: Sequence[str] = ()) -> list[Path]:
    """Write the report into ``out_dir`` (replacing what was there) on the jurisdictions ``cities`` names (ids or
    names, as ``--city`` takes them), or on every one if they are few enough; the pages written, index first."""
    out_dir = Path(out_dir)
    pages = build_pages(Corpus.fetch(engine, _reported(engine, cities)))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        (work / "assets").mkdir()
        (work / "assets" / "plotly.min.js").write_bytes(_plotly_js())
        for asset in ("report.css", "report.js"):
            shutil.copyfile(resource_path("report", "assets", asset), work / "assets" / asset)
        for name, html in pages.items():
            (work / name).write_text(html, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(work, 0o777 & ~umask)  # mkdtemp makes 0700; a report is for sharing
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
        os.replace(work, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return [out_dir / name for name in pages]


def _reported(engine: Engine, cities: Sequence[str]) -> tuple[str, ...] | None:
    """The ids of the jurisdictions named (None: every one, when there are no more than REPORT_JURISDICTIONS)."""
    if cities:
        return tuple(dict.fromkeys(find(engine, city).jurisdiction for city in cities))
    count = len(places(engine))
    if count > REPORT_JURISDICTIONS:
        raise QueryError("QG411", f"a report draws every jurisdiction it covers on each page, and this graph has "
                         f"{count:,}: name those to report on with --city (up to {REPORT_JURISDICTIONS} are "
                         "reported on without naming them; `qgraph jurisdictions` lists them)")
    return None
