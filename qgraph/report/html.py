"""The HTML of report pages: the page shell, tables, charts and the evidence lists behind them.

Text from the documents is data: it reaches a page HTML-escaped (in tables) or inside a JSON
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` … (for
the charts), so it is shown as text and never read as markup.

>>> cell("<b>合格率</b> & 95%")
'<td>&lt;b&gt;合格率&lt;/b&gt; &amp; 95%</td>'
>>> script_json({"t": "</script>"})
'{"t": "\\\\u003c/script\\\\u003e"}'
>>> anchor("lead", "yunxi", "https://w3id.org/qgraph/department-type/market-regulation")
'lead-yunxi-market-regulation'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from qgraph.report.data import Corpus, place

PLOTLY_JS = "assets/plotly.min.js"
REPORT_JS = "assets/report.js"
REPORT_CSS = "assets/report.css"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def anchor(*parts: str) -> str:
    """An HTML id made of parts (IRIs reduced to their last segment), safe in a URL fragment."""
    return "-".join(_UNSAFE.sub("_", p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for p in parts)


def script_json(value: object) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left as such."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(", ", ": "))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def cell(value: object, tag: str = "td", css: str = "") -> str:
    """One table cell holding ``value`` as text (escaped)."""
    text = "" if value is None else str(value)
    klass = f' class="{css}"' if css else ""
    return f"<{tag}{klass}>{escape(text)}</{tag}>"


def link(text: object, href: str) -> str:
    """A link with escaped text."""
    return f'<a href="{escape(href)}">{escape(str(text))}</a>'


def table(caption: str, header: list[str], rows: list[list[str]], css: str = "data") -> str:
    """A table whose cells are already HTML (see :func:`cell`, :func:`link`); header and caption are text."""
    head = "".join(cell(h, "th") for h in header)
    body = "\n".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return (f'<table class="{css}"><caption>{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table>")


@dataclass
class Chart:
    """One Plotly figure: its traces and layout (plain JSON), and a sentence saying what it shows."""

    key: str
    summary: str
    traces: list[dict]
    layout: dict
    height: int = 420

    def html(self) -> str:
        """The chart's container and its figure as JSON data, which assets/report.js draws."""
        spec = {"data": self.traces, "layout": {"height": self.height, **self.layout}}
        return (f'<figure class="chart-box"><div class="chart" id="chart-{self.key}" role="img" '
                f'aria-label="{escape(self.summary)}" style="height:{self.height}px"></div>\n'
                f'<figcaption>{escape(self.summary)} Click a mark to see the clauses behind it.</figcaption>\n'
                f'<script type="application/json" class="chart-data" data-chart="chart-{self.key}">'
                f"{script_json(spec)}</script></figure>")


@dataclass
class Evidence:
    """The clauses behind the marks of a page's charts, one group per mark (its anchor), as a table."""

    corpus: Corpus
    groups: list[tuple[str, str, list[tuple[str, str, int | None, int | None]]]] = field(default_factory=list)

    def add(self, key: str, title: str, items: list[tuple[str, str, int | None, int | None]]) -> str:
        """A group: its anchor, a heading, and items (clause IRI, text shown, start, end); the anchor."""
        self.groups.append((key, title, items))
        return key

    def clause(self, iri: str, detail: str = "") -> tuple[str, str, int | None, int | None]:
        """An item showing a whole clause (heading and text), with a detail line before it."""
        c = self.corpus.clauses[iri]
        text = c.get("text") or c.get("heading") or ""
        return iri, (f"{detail}\n" if detail else "") + text, c.get("start"), c.get("end")

    def html(self) -> str:
        """The evidence table: a tbody per group (the anchor charts and tables link to)."""
        if not self.groups:
            return ""
        parts = ['<section class="evidence"><h2>Evidence: the clauses behind each mark</h2>',
                 '<table class="evidence"><thead><tr><th>jurisdiction</th><th>document</th><th>clause</th>'
                 "<th>text</th><th>offsets</th></tr></thead>"]
        for key, title, items in self.groups:
            parts.append(f'<tbody id="{escape(key)}"><tr class="group"><th colspan="5">{escape(title)} '
                         f"({len(items)})</th></tr>")
            for iri, text, start, end in items:
                c = self.corpus.clauses[iri]
                j = self.corpus.jurisdiction(c["jid"])
                offsets = f"{start}–{end}" if start is not None and end is not None else "unknown"
                parts.append("<tr>" + cell(place(j)) + cell(c["document"]) + cell(c.get("number") or "")
                             + f'<td><div class="text">{escape(text)}</div></td>' + cell(offsets) + "</tr>")
            parts.append("</tbody>")
        parts.append("</table></section>")
        return "\n".join(parts)


def page(title: str, intro: str, body: list[str], nav: list[tuple[str, str]], current: str) -> str:
    """A whole report page: navigation, heading, introduction, the body's parts (HTML)."""
    links = " · ".join(f"<strong>{escape(label)}</strong>" if href == current else link(label, href)
                       for href, label in nav)
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="qgraph report">
<title>{escape(title)}</title>
<link rel="stylesheet" href="{REPORT_CSS}">
<script src="{PLOTLY_JS}"></script>
</head>
<body>
<nav>{links}</nav>
<header><h1>{escape(title)}</h1>
<p>{escape(intro)}</p></header>
<main>
{chr(10).join(body)}
</main>
<script src="{REPORT_JS}"></script>
</body>
</html>
"""
