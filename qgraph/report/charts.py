"""Plotly figures as plain JSON: heat maps and bar charts whose marks carry the anchor of their evidence.

Labels reach Plotly HTML-escaped (Plotly reads a few tags such as ``<br>`` in labels and decodes
entities), so a name from the graph is always shown as text.

>>> fig = heatmap("t", "Clauses.", ["a", "b"], ["x"], [[1, 0]], [["1", ""]], [["x a", ""]], [["ev-a", ""]])
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


def heatmap(key: str, summary: str, columns: list[str], rows: list[str], z: Sequence[Sequence[float]],
            text: list[list[str]], hover: list[list[str]], links: list[list[str]], scale: str = "Blues",
            colorbar: str = "", column_height: int = 90) -> Chart:
    """A heat map, rows top to bottom, columns on top; zero cells left blank. Labels, text and hover
    texts are HTML already (see :func:`label`); ``links`` holds each cell's evidence anchor."""
    xs, ys = list(range(len(columns))), list(range(len(rows)))
    trace = {"type": "heatmap", "x": xs, "y": ys, "z": [[v or None for v in r] for r in z],
             "text": text, "texttemplate": "%{text}", "hovertext": hover,
             "hovertemplate": "%{hovertext}<extra></extra>", "customdata": links, "colorscale": SCALES[scale],
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
