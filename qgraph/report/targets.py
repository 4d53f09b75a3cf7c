"""The report's pages on targets: each indicator across jurisdictions and years (one dot plot per unit,
so that % and 分 never share an axis), deadlines per jurisdiction, and the profile of one jurisdiction.
"""
from __future__ import annotations

from collections import defaultdict
from html import escape

from qgraph.report.charts import COLORS, Grid, bars, heatmap, label
from qgraph.report.data import NO_YEAR, Corpus, figure, number, place
from qgraph.report.html import Chart, Evidence, anchor, cell, link, table
from qgraph.report.pages import column, count_cell

SYMBOLS = {"Decrease": "triangle-down", "Increase": "triangle-up"}


def target_keys(corpus: Corpus) -> dict[str, str]:
    """Each target's evidence anchor: ``target-N`` in the order of the targets."""
    return {t["target"]: f"target-{i}" for i, t in enumerate(corpus.targets, 1)}


def clause_link(c: dict, key: str) -> str:
    """A table cell naming a clause (document and number), linking to an evidence anchor."""
    return f"<td>{link(c['document'] + ' ' + (c.get('number') or ''), '#' + key)}</td>"


def target_item(corpus: Corpus, t: dict) -> tuple[str, str, int | None, int | None]:
    """A target as evidence: its figure and metric, then the text it was read from, with its offsets."""
    c = corpus.clauses[t["clause"]]
    year = f", by {t['year']}" if t.get("year") else ""
    return t["clause"], f"{t.get('metric') or 'target'}: {figure(t)}{year}\n“{t.get('source') or ''}”\n" \
                        f"(clause: {c.get('heading') or (c.get('text') or '')[:80]})", t.get("start"), t.get("end")


def indicators_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """One dot plot per unit: indicators down, values across, a colour per jurisdiction, the year in the label."""
    keys = target_keys(corpus)
    js = corpus.jurisdictions
    colour = {j["id"]: COLORS[i % len(COLORS)] for i, j in enumerate(js)}
    comparable = [t for t in corpus.targets if t.get("indicator") and t.get("value") is not None]
    evidence = Evidence(corpus)
    body: list[str] = []
    units = sorted({t.get("unit") or "" for t in comparable}, key=lambda u: (u != "%", u))
    for number_of_unit, unit in enumerate(units, 1):
        of_unit = [t for t in comparable if (t.get("unit") or "") == unit]
        indicators = sorted({t["indicator"] for t in of_unit},
                            key=lambda i: next(t.get("indicator_zh") or i for t in of_unit if t["indicator"] == i))
        row_of = {i: n for n, i in enumerate(indicators)}
        names = {t["indicator"]: t.get("indicator_zh") or t["indicator"] for t in of_unit}
        traces, rows = [], []
        for k, j in enumerate(js):
            mine = sorted((t for t in of_unit if corpus.jid(t["clause"]) == j["id"]),
                          key=lambda t: (row_of[t["indicator"]], t.get("year") or "", corpus.order(t["clause"])))
            if not mine:
                continue
            offset = (k - (len(js) - 1) / 2) * 0.18   # a jurisdiction's dots a little apart from another's
            traces.append({
                "type": "scatter", "mode": "markers+text", "name": escape(place(j)),
                "x": [number(t["value"]) for t in mine], "y": [row_of[t["indicator"]] + offset for t in mine],
                "text": [escape(f"{figure(t)} ({t.get('year') or NO_YEAR})") for t in mine],
                "textposition": "middle right", "textfont": {"size": 11, "color": colour[j["id"]]},
                "marker": {"size": 11, "color": colour[j["id"]], "symbol": [SYMBOLS.get(t.get("change") or "", "circle")
                                                                          for t in mine]},
                "customdata": [keys[t["target"]] for t in mine],
                "hovertext": [label(place(j), names[t["indicator"]], f"{t.get('metric')}: {figure(t)}",
                                    f"year: {t.get('year') or NO_YEAR}",
                                    f"clause {corpus.clauses[t['clause']].get('number')}")
                              for t in mine],
                "hovertemplate": "%{hovertext}<extra></extra>", "cliponaxis": False})
            for t in mine:
                c = corpus.clauses[t["clause"]]
                evidence.add(keys[t["target"]], f"{place(j)} · {names[t['indicator']]} {figure(t)}",
                             [target_item(corpus, t)])
                rows.append([cell(names[t["indicator"]]), cell(place(j)), cell(figure(t)), cell(t.get("comparator")),
                             cell(t.get("change") or ""), cell(t.get("baseline") or ""), cell(t.get("year") or NO_YEAR),
                             clause_link(c, keys[t["target"]])])
        ticks = list(range(len(indicators)))
        layout = {"xaxis": {"title": {"text": escape(f"value ({unit or 'no unit'})")}, "automargin": True,
                            "zeroline": False},
                  "yaxis": {"tickvals": ticks, "ticktext": [escape(names[i]) for i in indicators],
                            "autorange": "reversed", "automargin": True, "zeroline": False,
                            "range": [len(indicators) - 0.4, -0.6]},
                  "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom"},
                  "margin": {"t": 50, "b": 50, "l": 10, "r": 120}, "showlegend": True}
        chart = Chart(f"unit-{number_of_unit}", f"Targets in {unit or 'no unit'}: one row per indicator, "
                      f"a colour per jurisdiction; ▼ a decrease, ▲ an increase against a baseline year.", traces,
                      layout, height=150 + 60 * len(indicators))
        body += [f"<h2>Targets in {escape(unit or 'no unit')}</h2>", chart.html(),
                 table(f"Targets in {unit or 'no unit'}", ["indicator", "jurisdiction", "target", "comparator",
                                                            "change", "baseline", "year", "clause"], rows)]
    if not comparable:
        body.append("<p>No target of this graph has a comparable indicator.</p>")
    others = len(corpus.targets) - len(comparable)
    intro = (f"Each comparable indicator's targets ({len(comparable)} of {len(corpus.targets)} targets have one) "
             f"across jurisdictions and years, one chart per unit so that different units never share an axis. The "
             f"{others} targets without a comparable indicator are listed on the jurisdictions' profiles.")
    return "Targets by indicator, across jurisdictions and years", intro, [*body, evidence.html()]


def deadlines_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """Targets per jurisdiction and target year (a heat map), and task deadlines when the graph has them."""
    keys = target_keys(corpus)
    js = corpus.jurisdictions
    years = corpus.target_years()
    evidence = Evidence(corpus)
    grid = Grid()
    for j in js:
        grid.row(cell(place(j)), cell(" ".join(d["year"] for d in corpus.documents if d["jid"] == j["id"])))
        for y in years:
            found = [t for t in corpus.targets
                     if corpus.jid(t["clause"]) == j["id"] and (t.get("year") or NO_YEAR) == y]
            key = f"due-{anchor(j['id'], y)}"
            if found:
                evidence.add(key, f"{place(j)} · targets for {y}: {len(found)}",
                             [target_item(corpus, t) for t in found])
            grid.cell(len(found), str(len(found)) if found else "", label(place(j), f"{len(found)} target(s) for {y}"),
                      key if found else "", count_cell(len(found), key))
    del keys
    chart = heatmap("deadlines", "Targets each jurisdiction sets for each year (a target with no year of its own "
                    "counted under 'no year').", [escape(y) for y in years],
                    [column(j).replace("<br>", " ") for j in js],
                    grid, scale="Greens", colorbar="targets", column_height=50)
    body = [chart.html(), table("Targets per target year", ["jurisdiction", "documents issued", *years], grid.rows)]
    body += _task_deadlines(corpus, evidence)
    intro = ("When the commitments are due: the target years of each jurisdiction's quantitative targets, and the "
             "deadlines of task-table rows where the graph records them (qg:deadline).")
    return "Deadlines per jurisdiction", intro, [*body, evidence.html()]


def _task_deadlines(corpus: Corpus, evidence: Evidence) -> list[str]:
    if not corpus.deadlines:
        return ["<h2>Task deadlines</h2><p>This graph records no task deadlines (qg:deadline); the target years "
                "above are the deadlines it holds.</p>"]
    js = corpus.jurisdictions
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in corpus.deadlines:
        cells[(corpus.jid(r["clause"]), r["deadline"])].append(r["clause"])
    dates = sorted({d for _, d in cells})
    grid = Grid()
    for j in js:
        grid.row(cell(place(j)))
        for k, d in enumerate(dates, 1):
            cs = sorted(set(cells.get((j["id"], d), ())), key=corpus.order)
            key = f"task-{anchor(j['id'])}-{k}"
            if cs:
                evidence.add(key, f"{place(j)} · tasks due {d}: {len(cs)}", [evidence.clause(c) for c in cs])
            grid.cell(len(cs), str(len(cs)) if cs else "", label(place(j), f"{len(cs)} task(s) due {d}"),
                      key if cs else "", count_cell(len(cs), key))
    chart = heatmap("tasks", "Task-table rows due at each deadline, per jurisdiction.", [escape(d) for d in dates],
                    [column(j).replace("<br>", " ") for j in js], grid, scale="Greens", colorbar="tasks",
                    column_height=50)
    return ["<h2>Task deadlines</h2>", chart.html(), table("Tasks per deadline", ["jurisdiction", *dates], grid.rows)]


def profile_page(corpus: Corpus, j: dict) -> tuple[str, str, list[str]]:
    """One jurisdiction: its documents, the departments that lead its clauses, its domains, its targets."""
    keys = target_keys(corpus)
    jid = j["id"]
    evidence = Evidence(corpus)
    docs = [d for d in corpus.documents if d["jid"] == jid]
    doc_table = table("Documents", ["document", "title", "number", "issued"],
                      [[cell(d["id"]), cell(d.get("title")), cell(d.get("number") or "—"), cell(d.get("issued") or "—")]
                       for d in docs])
    by_unit: dict[str, list[dict]] = defaultdict(list)
    for r in corpus.leads:
        if corpus.jid(r["clause"]) == jid:
            by_unit[r["unit"]].append(r)
    units = sorted(by_unit, key=lambda u: (-len({r["clause"] for r in by_unit[u]}), by_unit[u][0].get("label") or u))
    names, counts, anchors = [], [], []
    for n, u in enumerate(units, 1):
        first = by_unit[u][0]
        found = sorted({r["clause"] for r in by_unit[u]}, key=corpus.order)
        key = f"led-{n}"
        basis = {r["clause"]: r.get("basis") for r in by_unit[u]}
        evidence.add(key, f"{first.get('label')} ({first.get('type_zh')}) leads {len(found)} clause(s)",
                     [evidence.clause(c, f"basis: {basis[c]}") for c in found])
        names.append(label(f"{first.get('label')} · {first.get('current_zh')}"))
        counts.append(len(found))
        anchors.append(key)
    body = ["<h2>Documents</h2>", doc_table, "<h2>Its leads</h2>"]
    if units:
        body.append(bars(f"leads-{anchor(jid)}", "Departments by the clauses they lead (department as written · "
                         "today's type).", names, [("clauses led", counts, anchors)], "clauses led",
                         horizontal=True).html())
        body.append(table("Departments by clauses led", ["department", "type", "today's type", "clauses led"],
                          [[cell(by_unit[u][0].get("label")), cell(by_unit[u][0].get("type_zh")),
                            cell(by_unit[u][0].get("current_zh")), count_cell(n, k)]
                           for u, n, k in zip(units, counts, anchors, strict=True)]))
    else:
        body.append("<p>No clause of this jurisdiction names a lead department.</p>")
    domain_names, cells = corpus.domain_cells()
    mine = sorted(((d, len(cs)) for (x, d), cs in cells.items() if x == jid), key=lambda p: (-p[1], domain_names[p[0]]))
    if mine:
        body += ["<h2>Its domains</h2>", bars(
            f"domains-{anchor(jid)}", "Clauses per quality domain (click a bar for the clauses on the domain page).",
            [label(" ".join(domain_names[d])) for d, _ in mine],
            [("clauses", [n for _, n in mine], [f"domains.html#dom-{anchor(jid, d)}" for d, _ in mine])],
            "clauses", horizontal=True).html()]
    targets = [t for t in corpus.targets if corpus.jid(t["clause"]) == jid]
    rows = []
    for t in targets:
        c = corpus.clauses[t["clause"]]
        evidence.add(keys[t["target"]], f"{t.get('metric')} {figure(t)}", [target_item(corpus, t)])
        rows.append([cell(t.get("metric")), cell(figure(t)), cell(t.get("year") or NO_YEAR),
                     cell(t.get("indicator_zh") or "—"),
                     clause_link(c, keys[t["target"]])])
    body += [f"<h2>Its targets ({len(targets)})</h2>",
             table("Targets", ["metric (as written)", "target", "year", "comparable indicator", "clause"], rows)
             if rows else "<p>No quantitative target.</p>"]
    led = {r["clause"] for u in units for r in by_unit[u]}
    intro = (f"{place(j)} ({j.get('name_en') or ''}, {j.get('level') or 'level unknown'}): {len(docs)} document(s), "
             f"{len(led)} clause(s) with a lead department ({len(units)} department(s) lead), "
             f"{len(targets)} target(s).")
    return f"Profile: {place(j)}", intro, [*body, evidence.html()]
