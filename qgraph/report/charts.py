"""Plotly figures as plain JSON: heat maps and bar charts whose marks carry the anchor of their evidence.

Labels reach Plotly HTML-escaped (Plotly reads a few tags such as ``<br>`` in labels and decodes
entities), so a name from the graph is always shown as text.

>>> grid = Grid()
>>> grid.row("<td>x</td>")
>>> grid.cell(1, "1", "x a", "ev-a", "<td>1</td>")
>>> grid.cell(0, "", "", "", "<td>0</td>")
>>> fig = heatmap("t", "Clauses.", ["a", "b"], ["x"], grid)
>>> fig.traces[0]["z"], fig.traces[0]["x"]
([[1, None]], [0, 1])
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from qgraph.report.html import Chart

ROW_HEIGHT = 30
# light (few) to dark (many): Plotly's named scales of these colours run the other way
SCALES = {"Blues": [[0, "#e3f2fd"], [1, "#0d47a1"]], "Oranges": [[0, "#fff3e0"], [1, "#bf360c"]],
          "Purples": [[0, "#f3e5f5"], [1, "#4a148c"]], "Greens": [[0, "#e8f5e9"], [1, "#1b5e20"]]}
COLORS = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#3949ab", "#c0ca33",
          "#d81b60")


def label(*parts: str) -> str:
    """A chart label of several lines, each escaped."""
    return "<br>".join(escape(p) for p in parts if p)


class Grid:
    """A heat map's cells and the rows of the table beside it, made a row at a time: each cell's value, its
    text and hover text (HTML, see :func:`label`), its evidence anchor, and its table cell.

    >>> grid = Grid()
    >>> grid.row("<td>云溪市</td>")
    >>> grid.cell(3, "3", "云溪市<br>3 clauses", "lead-yunxi", '<td class="num">3</td>')
    >>> grid.z, grid.links, grid.rows
    ([[3]], [['lead-yunxi']], [['<td>云溪市</td>', '<td class="num">3</td>']])
    """

    def __init__(self) -> None:
        self.z: list[list[float]] = []
        self.text: list[list[str]] = []
        self.hover: list[list[str]] = []
        self.links: list[list[str]] = []
        self.rows: list[list[str]] = []

    def row(self, *heads: str) -> None:
        """Start a row: the table's first cells (the chart's row label is given to :func:`heatmap`)."""
        for part in (self.z, self.text, self.hover, self.links):
            part.append([])
        self.rows.append(list(heads))

    def cell(self, value: float, text: str, hover: str, link: str, html: str) -> None:
        """One cell of the current row, in the chart and in the table."""
        self.z[-1].append(value)
        self.text[-1].append(text)
        self.hover[-1].append(hover)
        self.links[-1].append(link)
        self.rows[-1].append(html)

    def extra(self, html: str) -> None:
        """A table cell after the chart's cells (the chart has none for it)."""
        self.rows[-1].append(html)


def heatmap(key: str, summary: str, columns: list[str], rows: list[str], cells: Grid, scale: str = "Blues",
            colorbar: str = "", column_height: int = 90) -> Chart:
    """A heat map of ``cells``, rows top to bottom, columns on top; zero cells left blank. Labels are HTML
    already (see :func:`label`); each cell's link is its evidence anchor."""
    xs, ys = list(range(len(columns))), list(range(len(rows)))
    trace = {"type": "heatmap", "x": xs, "y": ys, "z": [[v or None for v in r] for r in cells.z],
             "text": cells.text, "texttemplate": "%{text}", "hovertext": cells.hover,
             "hovertemplate": "%{hovertext}<extra></extra>", "customdata": cells.links, "colorscale": SCALES[scale],
             "zmin": 0, "xgap": 3, "ygap": 3, "colorbar": {"title": {"text": escape(colorbar)}, "thickness": 14}}
    layout = {"xaxis": {"tickvals": xs, "ticktext": columns, "side": "top", "fixedrange": True,
                        "showgrid": False, "zeroline": False, "ticks": ""},
              "yaxis": {"tickvals": ys, "ticktext": rows, "autorange": "reversed", "automargin": True,
                        "fixedrange": True, "showgrid": False, "zeroline": False, "ticks": ""},
              "margin": {"t": column_height, "b": 10, "l": 10, "r": 10}, "plot_bgcolor": "#fafafa"}
    return Chart(key, summary, [trace], layout, height=column_height + 40 + ROW_HEIGHT * max(len(rows), 3))


def bars(key: str, summary: str, names: list[str], series: Sequence[tuple[str, Sequence[float], Sequence[str]]],
         axis: str, horizontal: bool = False) -> Chart:
    """Grouped bars: one trace per series (name, values, evidence anchors) over the categories ``names``."""
    traces = []
    positions = list(range(len(names)))
    for i, (name, values, links) in enumerate(series):
        trace = {"type": "bar", "name": escape(name), "customdata": links, "marker": {"color": COLORS[i % len(COLORS)]},
                 "text": [str(v) if v else "" for v in values], "textposition": "outside", "cliponaxis": False,
                 "hovertext": [f"{n}<br>{escape(name)}: {v}" for n, v in zip(names, values, strict=True)],
                 "hovertemplate": "%{hovertext}<extra></extra>"}
        if horizontal:
            trace.update(x=values, y=positions, orientation="h")
        else:
            trace.update(x=positions, y=values)
        traces.append(trace)
    category = {"tickvals": positions, "ticktext": names, "automargin": True, "fixedrange": True}
    value = {"title": {"text": escape(axis)}, "rangemode": "tozero", "automargin": True, "fixedrange": True}
    if max((v for _, values, _ in series for v in values), default=0) <= 10:
        value["dtick"] = 1   # counts: no ticks between whole numbers
    layout = {"barmode": "group", "legend": {"orientation": "h", "y": 1.08},
              "margin": {"t": 40, "b": 10, "l": 10, "r": 30}}
    if horizontal:
        layout.update(xaxis=value, yaxis={**category, "autorange": "reversed"})
        height = 90 + (20 + 10 * len(series)) * max(len(names), 3)
    else:
        layout.update(xaxis=category, yaxis=value)
        height = 420
    return Chart(key, summary, traces, layout, height=min(height, 1400))
