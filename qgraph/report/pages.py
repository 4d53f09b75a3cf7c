"""The report's pages on the corpus as a whole: the index, domain emphasis, who leads what, text reuse.

Each page builder takes the :class:`~qgraph.report.data.Corpus` and returns the page's body parts
(HTML); every chart is followed by its data as a table and the page ends with the evidence (the
clauses behind each mark), which charts and tables link to.
"""
from __future__ import annotations

from collections import defaultdict

from qgraph.report.charts import Grid, bars, heatmap, label
from qgraph.report.data import DASH, NUMBERED, Corpus, place
from qgraph.report.html import Evidence, anchor, cell, link, table

PAGES = (("index.html", "Corpus"), ("domains.html", "Domain emphasis"), ("leads.html", "Who leads what"),
         ("indicators.html", "Targets by indicator"), ("deadlines.html", "Deadlines"), ("reuse.html", "Text reuse"))
DESCRIPTIONS = {
    "domains.html": "how many clauses of each jurisdiction are about each quality domain, and their share",
    "leads.html": "which department types lead the clauses of each jurisdiction (2018 reform folded in)",
    "indicators.html": "each comparable indicator's targets across jurisdictions and years, one chart per unit",
    "deadlines.html": "how many targets each jurisdiction sets for each year (and task deadlines)",
    "reuse.html": "how much text each jurisdiction took from another's documents",
}


def column(j: dict) -> str:
    """A jurisdiction as a chart column: Chinese name over id."""
    return label(j.get("name_zh") or j["id"], j["id"])


def count_cell(n: int, key: str) -> str:
    """A table cell with a count linking to its evidence, or a grey zero."""
    return f'<td class="num">{link(n, "#" + key)}</td>' if n else '<td class="zero">0</td>'


# --- index ----------------------------------------------------------------------------------------

def index_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """What the corpus holds: jurisdictions (id, names, level, documents, years, counts), documents, pages."""
    js = corpus.jurisdictions
    led = defaultdict(set)
    for r in corpus.leads:
        led[corpus.jid(r["clause"])].add(r["clause"])
    counts = {j["id"]: {"numbered": corpus.count_kind(j["id"], NUMBERED), "dash": corpus.count_kind(j["id"], DASH),
                        "targets": sum(1 for t in corpus.targets if corpus.jid(t["clause"]) == j["id"]),
                        "led": len(led[j["id"]])} for j in js}
    names = [label(j.get("name_zh") or j["id"], j["id"]) for j in js]
    anchors = [f"j-{anchor(j['id'])}" for j in js]
    series = [(title, [counts[j["id"]][k] for j in js], anchors) for k, title in (
        ("numbered", "numbered clauses"), ("dash", "dash items (——)"), ("targets", "quantitative targets"),
        ("led", "clauses with a lead department"))]
    chart = bars("corpus", "Per jurisdiction: numbered clauses, dash items, targets and clauses with a lead "
                 "department.", names, series, "count")
    docs_of = defaultdict(list)
    for d in corpus.documents:
        docs_of[d["jid"]].append(d)
    rows = []
    for j in js:
        docs = docs_of[j["id"]]
        c = counts[j["id"]]
        jid = j["id"]
        rows.append([f'<td id="j-{anchor(jid)}">{link(jid, f"jurisdiction-{jid}.html")}</td>',
                     cell(j.get("name_zh")), cell(j.get("name_en")), cell(j.get("level")),
                     cell(" ".join(d["id"] for d in docs)), cell(" ".join(sorted({d["year"] for d in docs}))),
                     cell(c["numbered"], css="num"), cell(c["dash"], css="num"), cell(c["targets"], css="num"),
                     cell(c["led"], css="num")])
    jur_table = table("Jurisdictions", ["id", "中文名", "English", "level", "documents", "issued", "numbered clauses",
                                        "dash items", "targets", "clauses led"], rows)
    doc_rows = [[cell(d["id"]), cell(place(corpus.jurisdiction(d["jid"]))), cell(d.get("title")),
                 cell(d.get("number") or "—"), cell(d.get("issued") or "—"),
                 cell(sum(1 for c in corpus.clauses.values() if c["doc"] == d["doc"]), css="num")]
                for d in corpus.documents]
    doc_table = table("Documents", ["document", "jurisdiction", "title", "number", "issued", "parts (all kinds)"],
                      doc_rows)
    pages = [f"<li>{link(title, href)}: {DESCRIPTIONS[href]}</li>" for href, title in PAGES[1:]]
    pages += [f"<li>{link('Profile of ' + place(j), 'jurisdiction-' + j['id'] + '.html')}: its documents, leads "
              f"and targets</li>" for j in js]
    intro = (f"{len(js)} jurisdictions, {len(corpus.documents)} documents, "
             f"{sum(c['numbered'] for c in counts.values())} numbered clauses, {len(corpus.targets)} targets, "
             f"as the graph holds them. Every figure links to the clauses behind it.")
    body = ['<h2>Pages</h2><ul class="pages">' + "\n".join(pages) + "</ul>", "<h2>What the corpus holds</h2>",
            chart.html(), jur_table, doc_table]
    return "qgraph report: the corpus", intro, body


# --- domain emphasis ------------------------------------------------------------------------------

def domains_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """Clauses per quality domain and jurisdiction, as a share of the jurisdiction's clauses with a domain."""
    names, cells = corpus.domain_cells()
    js = corpus.jurisdictions
    with_domain = {j["id"]: len({c for (jid, _), cs in cells.items() if jid == j["id"] for c in cs}) for j in js}
    domains = sorted(names, key=lambda d: (-sum(len(cells.get((j["id"], d), ())) for j in js), names[d]))
    evidence = Evidence(corpus)
    grid = Grid()
    for d in domains:
        zh, en = names[d]
        grid.row(cell(f"{zh} {en}"))
        for j in js:
            found = sorted(cells.get((j["id"], d), ()), key=corpus.order)
            n, base = len(found), with_domain[j["id"]]
            share = round(100 * n / base, 1) if base else 0.0
            key = f"dom-{anchor(j['id'], d)}"
            if n:
                evidence.add(key, f"{place(j)} · {zh} {en}: {n} of {base} clauses",
                             [evidence.clause(c) for c in found])
            grid.cell(share, f"{n}<br>{share:g}%" if n else "",
                      label(place(j), f"{zh} {en}", f"{n} of {base} clauses ({share:g}%)"), key if n else "",
                      f'<td class="num">{link(f"{n} ({share:g}%)", "#" + key)}</td>' if n else count_cell(0, key))
    chart = heatmap("domains", "Share of each jurisdiction's clauses (numbered clauses and dash items that have a "
                    "quality domain) about each domain; the cell shows the count and the share.",
                    [column(j) for j in js], [label(f"{names[d][0]} {names[d][1]}") for d in domains],
                    grid, colorbar="share %")
    data = table("Clauses per domain (share of the jurisdiction's clauses with a domain)",
                 ["domain", *(place(j) for j in js)], grid.rows)
    bases = table("Clauses with a quality domain", ["jurisdiction", "clauses"],
                 [[cell(place(j)), cell(with_domain[j["id"]], css="num")] for j in js])
    intro = ("What each jurisdiction emphasises: for each quality domain, how many of its clauses are about it, as a "
             "share of its clauses that have a domain. A clause can be about several domains, so shares add up to "
             "more than 100 %.")
    return "Domain emphasis per jurisdiction", intro, [chart.html(), data, bases, evidence.html()]


# --- who leads what -------------------------------------------------------------------------------

def leads_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """Department type (today's, after the 2018 reform) × jurisdiction: clauses led, with the evidence."""
    cells = corpus.lead_cells()
    js = corpus.jurisdictions
    types: dict[str, tuple[str, str]] = {}
    folded: dict[str, set[str]] = defaultdict(set)
    for r in corpus.leads:
        types[r["current"]] = (r.get("current_zh") or anchor(r["current"]), r.get("current_en") or "")
        if r["type"] != r["current"]:
            folded[r["current"]].add(r.get("type_zh") or anchor(r["type"]))

    def clauses_of(jid: str, t: str) -> list[str]:
        return sorted({r["clause"] for r in cells.get((jid, t), ())}, key=corpus.order)

    order = sorted(types, key=lambda t: (-sum(len(clauses_of(j["id"], t)) for j in js), types[t]))
    evidence = Evidence(corpus)
    grid = Grid()
    for t in order:
        zh, en = types[t]
        grid.row(cell(f"{zh} {en}"))
        for j in js:
            found = clauses_of(j["id"], t)
            key = f"lead-{anchor(j['id'], t)}"
            units = sorted({r.get("label") or "" for r in cells.get((j["id"], t), ())})
            if found:
                by_clause = defaultdict(list)
                for r in cells[(j["id"], t)]:
                    was = f" ({r.get('type_zh')} → {zh})" if r["type"] != t else ""
                    by_clause[r["clause"]].append(f"{r.get('label')}{was}, {r.get('basis')}")
                evidence.add(key, f"{place(j)} · {zh} {en}: {len(found)} clause(s) led",
                             [evidence.clause(c, "lead: " + "; ".join(by_clause[c])) for c in found])
            grid.cell(len(found), str(len(found)) if found else "",
                      label(place(j), f"{zh} {en}", f"{len(found)} clause(s) led", "、".join(units)),
                      key if found else "", count_cell(len(found), key))
        grid.extra(cell("、".join(sorted(folded[t])) or "—"))
    chart = heatmap("leads", "Clauses led by departments of each type (today's type: 质监, 工商, 食药监 … counted as "
                    "市场监督管理).", [column(j) for j in js], [label(f"{types[t][0]} {types[t][1]}") for t in order],
                    grid, scale="Oranges", colorbar="clauses led")
    data = table("Clauses led per department type (types before the 2018 reform folded into today's)",
                 ["department type", *(place(j) for j in js), "folded in (types as named then)"], grid.rows)
    intro = ("Who leads what: for each department type and jurisdiction, the clauses where a department of that type "
             "leads (its lead basis counts as lead: 牵头, sole responsible or first listed). Types abolished in the "
             "2018 reform count as their successor (the graph's department-type taxonomy, dcterms:isReplacedBy).")
    return "Who leads what: department types × jurisdictions", intro, [chart.html(), data, evidence.html()]


# --- text reuse -----------------------------------------------------------------------------------

def reuse_page(corpus: Corpus) -> tuple[str, str, list[str]]:
    """Later jurisdiction × earlier jurisdiction: characters (of the normalised text) and passages taken."""
    cells = corpus.reuse_cells()
    js = corpus.jurisdictions
    evidence = Evidence(corpus)
    grid = Grid()
    for later in js:
        grid.row(cell(place(later)))
        for earlier in js:
            found = sorted(cells.get((later["id"], earlier["id"]), ()),
                           key=lambda r: (corpus.order(r["later"]), r.get("start") or 0, r["r"]))
            chars = sum(int(r["length"]) for r in found)
            key = f"reuse-{anchor(later['id'], earlier['id'])}"
            if found:
                items = []
                for r in found:
                    e = corpus.clauses[r["earlier"]]
                    detail = (f"taken from {e['document']} {e.get('number')} ({r['length']} characters, "
                              f"similarity {float(r['similarity']):.2f}):")
                    items.append((r["later"], f"{detail}\n{r['text']}", r.get("start"), r.get("end")))
                evidence.add(key, f"{place(later)} took from {place(earlier)}: {len(found)} passage(s), "
                                  f"{chars} characters", items)
            grid.cell(chars, f"{chars}<br>({len(found)})" if found else "",
                      label(f"{place(later)} took from {place(earlier)}",
                            f"{len(found)} passage(s), {chars} characters"), key if found else "",
                      f'<td class="num">{link(f"{chars} ({len(found)})", "#" + key)}</td>' if found
                      else '<td class="zero">0</td>')
    chart = heatmap("reuse", "Characters of text (normalised) a jurisdiction (row) took from another's earlier "
                    "document (column); passages in brackets.", [column(j) for j in js],
                    [label(place(j)) for j in js], grid, scale="Purples", colorbar="characters")
    data = table("Characters taken (passages), later (row) from earlier (column)",
                 ["later \\ earlier", *(place(j) for j in js)], grid.rows)
    intro = ("Text reuse between jurisdictions: passages of a later document aligned with an earlier one (shared "
             "formulas left out), counted in characters of the normalised text. The offsets are those of the "
             "passage in the later document.")
    return "Text reuse between jurisdictions", intro, [chart.html(), data, evidence.html()]
