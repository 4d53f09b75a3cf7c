"""Interactive HTML graphs of the knowledge graph, for analysts: one page per jurisdiction, one across
jurisdictions, one collaboration network per jurisdiction, and an index with the legend.

Everything is asked of the graph in SPARQL through an :class:`~qgraph.ask.engine.Engine`, so the pages can
be drawn from any engine or endpoint. Pages are built with pyvis and rendered with qgraph's own
template (``viz/graph.html``): vis-network is inlined from pyvis's copy, nothing is linked (no
Bootstrap, no CDN), so a page works offline from ``file://``. Text from the documents is data: it
reaches the page only inside JSON (``<``, ``>``, ``&`` and ``'`` escaped as ``\\u003c`` …) or
HTML-escaped, and tooltips are plain text with line breaks (vis-network 9 shows a string title as text).

Layout is deterministic: positions are computed with networkx (seeded) and written into the page;
vis-network then relaxes them for a bounded number of iterations and switches physics off, so the
same graph gives byte-identical HTML and a page that settles in well under a second.

>>> wrap("市场监督管理局质量发展局", 5)
'市场监督管\\n理局质量发\\n展局'
>>> clip("一二三四五六", 4)
'一二三…'
"""
from __future__ import annotations

import json
import math
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from qgraph import vocab
from qgraph.ask.analytics import collaboration_networks, department_centrality, department_communities
from qgraph.ask.engine import Engine
from qgraph.ask.library import ask_rows
from qgraph.files import write_atomically
from qgraph.resources import resource_path
from qgraph.vocab import UNKNOWN_DEPARTMENT_TYPE

QG = str(vocab.QG)
UNKNOWN_TYPE = UNKNOWN_DEPARTMENT_TYPE
SEED = 7                  # networkx layout seed
STABILISATION_ITERATIONS = 200   # vis-network's relaxation of the precomputed layout, then physics off
SPRING_K = 3.0                   # networkx spring layout: optimal distance k = SPRING_K / sqrt(n)
SCALE = 110.0                    # layout units → pixels: SCALE * sqrt(n)
TOOLTIP_TEXT_MAX = 1200   # characters of clause text in a tooltip
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"

# --- the legend: node kinds, roles, domains -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class Kind:
    """How one kind of node is drawn: its legend name, colour, shape and sizes."""

    key: str
    name: str          # shown in the legend
    color: str
    shape: str
    size: int
    font_size: int = 13


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("jurisdiction", "jurisdiction 行政区域", "#1a237e", "box", 30, 22),
    Kind("document", "policy document 政策文件", "#37474f", "box", 30, 18),
    Kind("section", "section 部分 (一、二、…)", "#1565c0", "dot", 16, 18),
    Kind("clause", "clause 条款 ((一), 1., ——)", "#64b5f6", "dot", 10, 15),
    Kind("front", "front matter / closing 前言、结尾", "#b0bec5", "dot", 8, 13),
    Kind("department", "department 部门", "#ef6c00", "diamond", 14, 17),
    Kind("collective", "collective body 集体责任主体", "#8d6e63", "hexagon", 14, 15),
    Kind("domain", "quality domain 质量领域 (colours below)", "#e0e0e0", "box", 20, 17),
    Kind("target", "quantitative target 量化目标", "#2e7d32", "triangle", 8, 12),
    Kind("type", "department type 部门类型", "#ffb74d", "box", 16, 18),
    Kind("cell", "department type in a jurisdiction 某地的部门类型", "#90caf9", "box", 16, 15),
    Kind("member", "department 部门 (size: degree centrality; colour: community)", "#e0e0e0", "dot", 14, 17),
)}

# how an edge is drawn: the role's local name, or "Collective" (lead basis qg:Collective) → (legend name, colour)
ROLES = {
    "Lead": ("lead 牵头", "#d32f2f"),
    "Responsible": ("responsible 负责", "#6a1b9a"),
    "Support": ("support 配合", "#00897b"),
    "Collective": ("collective body 集体负责", "#8d6e63"),
}
TREE_EDGE = "#90a4ae"
# Colours of the quality domains, in the order of their IRIs; then community colours.
# (No red, purple or teal, which are the roles' colours, and no orange or brown, the units'.)
PALETTE = ("#1e88e5", "#43a047", "#fbc02d", "#ec407a", "#00acc1", "#9e9d24", "#5c6bc0", "#ff8a65",
           "#78909c", "#c0ca33", "#4dd0e1", "#f48fb1")
FRONT_KINDS = frozenset(QG + k for k in ("Title", "DocumentNumber", "Addressee", "Preamble", "Closing",
                                         "NoticeText"))


def wrap(text: str, width: int) -> str:
    """Break a (Chinese) label into lines of ``width`` characters: vis-network only wraps at spaces."""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) if text else ""


def clip(text: str, length: int) -> str:
    """The text cut to ``length`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= length else text[:length - 1] + "…"


def local_name(iri: str) -> str:
    """The last segment of an IRI, after its ``#`` or last ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- what the pages show, asked of the graph ------------------------------------------------------

def _select(engine: Engine, name: str) -> list[dict]:
    """The rows of ``queries/app/viz-NAME.rq``."""
    return list(ask_rows(engine, f"viz-{name}"))


@dataclass
class Corpus:
    """What the pages draw, fetched once: plain rows grouped for the page builders."""

    jurisdictions: list[dict]
    documents: list[dict]
    clauses: list[dict]
    assignments: list[dict]
    units: dict[str, dict]
    domains: dict[str, dict]
    clause_domains: list[dict]
    targets: list[dict]
    types: list[dict]
    led: dict[str, int]
    reuse: list[dict] = field(default_factory=list)

    @classmethod
    def fetch(cls, engine: Engine) -> Corpus:
        """Everything the pages draw, asked of the graph (``queries/app/viz-*.rq``); domains get colours."""
        domains = {r["domain"]: r for r in _select(engine, "domains")}
        for i, iri in enumerate(sorted(domains)):
            domains[iri]["color"] = PALETTE[i % len(PALETTE)]
        return cls(
            jurisdictions=_select(engine, "jurisdictions"),
            documents=_select(engine, "documents"),
            clauses=_select(engine, "clauses"),
            assignments=_select(engine, "assignments"),
            units={r["unit"]: r for r in _select(engine, "units")},
            domains=domains,
            clause_domains=_select(engine, "clause-domains"),
            targets=_select(engine, "targets"),
            types=_select(engine, "types"),
            led={r["unit"]: int(r["led"]) for r in _select(engine, "led")},
            reuse=_select(engine, "reuse"),
        )


# --- pages ----------------------------------------------------------------------------------------

@dataclass
class Page:
    """One HTML graph: its file name, heading, one-line description, nodes and edges (vis-network
    options as dicts), and the legend entries it uses."""

    name: str
    title: str
    description: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    domains: list[tuple[str, str]] = field(default_factory=list)   # (name, colour)
    extra_legend: list[tuple[str, str]] = field(default_factory=list)
    barnes_hut: dict = field(default_factory=dict)   # overrides of BARNES_HUT for this page
    spread: float = 1.0                               # networkx layout distance factor
    physics: bool = True                              # False: positions are given, drawn as they are
    node_ids: set = field(default_factory=set)

    def add_node(self, node_id: str, kind: str, label: str, title: str, **options: Any) -> None:
        """Add a node drawn as its kind (options override), once: a node id already on the page is kept."""
        if node_id in self.node_ids:
            return
        k = KINDS[kind]
        node: dict[str, Any] = {
            "id": node_id, "label": label, "title": title, "kind": kind, "shape": k.shape, "size": k.size,
            "color": {"background": k.color, "border": _darker(k.color),
                      "highlight": {"background": k.color, "border": "#000000"}},
            "font": {"size": k.font_size}}
        node.update(options)
        if node["shape"] in ("box", "ellipse", "circle", "database", "text"):  # label inside: ink by contrast
            node["font"] = {**node["font"], "color": _ink(node["color"]["background"]), "strokeWidth": 0}
        self.nodes.append(node)
        self.node_ids.add(node_id)
        if kind not in self.kinds:
            self.kinds.append(kind)

    def add_edge(self, source: str, target: str, title: str = "", **options: Any) -> None:
        """Add an edge from source to target, with a tooltip title and vis-network options."""
        edge: dict[str, Any] = {"from": source, "to": target}
        if title:
            edge["title"] = title
        edge.update(options)
        self.edges.append(edge)


def _ink(background: str) -> str:
    """Black or white, whichever reads better on the background colour."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _place(j: dict) -> str:
    names = [n for n in (j.get("name_zh"), j.get("name_en")) if n]
    return " ".join(names) if names else j["id"]


def _unit_label(unit: dict) -> str:
    label = unit.get("label") or local_name(unit["unit"])
    if unit.get("collective"):
        return wrap(label, 8)
    return label + (f"\n{textwrap.fill(unit['type_en'], 24)}" if unit.get("type_en") else "")


def _ordinal(n: object) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th") if isinstance(n, int) else ""


def _span(start: object, end: object) -> str:
    return f"characters {start}–{end}" if start is not None and end is not None else "offsets unknown"


def jurisdiction_page(corpus: Corpus, j: dict) -> Page:
    """Documents → sections → clauses, clauses → departments and collective bodies (by role),
    clauses → quality domains, targets on their clauses."""
    place = _place(j)
    page = Page(f"jurisdiction-{j['id']}.html", f"{place}: documents, clauses and who is responsible",
                f"The clause tree of {place}'s documents, the departments and collective bodies each clause "
                f"names (edge colour = role), the quality domains of the clauses and their targets.")
    docs = {d["doc"]: d for d in corpus.documents if d["j"] == j["j"]}
    clauses = [c for c in corpus.clauses if c["doc"] in docs]
    by_iri = {c["clause"]: c for c in clauses}
    domains_of: dict[str, list[str]] = {}
    for cd in corpus.clause_domains:
        domains_of.setdefault(cd["clause"], []).append(cd["domain"])
    for d in docs.values():
        lines = [d.get("title") or d["id"], f"document {d['id']}"]
        lines += [f"number {d['number']}"] if d.get("number") else []
        lines += [f"issued {d['issued']}"] if d.get("issued") else []
        page.add_node(d["doc"], "document", f"{d['id']}\n{wrap(clip(d.get('title') or '', 24), 12)}".strip(),
                      "\n".join(lines))
    for c in clauses:
        doc = docs[c["doc"]]
        kind = ("front" if c.get("kind") in FRONT_KINDS else "section" if c.get("level") == 1 else "clause")
        number = c.get("number") or local_name(c["clause"])
        heading = c.get("heading") or ""
        label = f"{number}\n{wrap(clip(heading, 16), 8)}" if heading and kind == "section" else number
        text = c.get("text") or ""
        if len(text) > TOOLTIP_TEXT_MAX:
            text = text[:TOOLTIP_TEXT_MAX] + f"… (+{len(text) - TOOLTIP_TEXT_MAX} characters)"
        source = doc["id"] + (f" ({doc['number']})" if doc.get("number") else "")
        domains = "、".join(sorted(corpus.domains.get(d, {}).get("name_zh") or local_name(d)
                                  for d in domains_of.get(c["clause"], ())))
        title = "\n".join([
            f"{number} {heading}".strip(), "", text, "",
            *([f"Domains: {domains}"] if domains else []),
            f"Source: {source}, {number}, {_span(c.get('start'), c.get('end'))}",
            *([doc["title"]] if doc.get("title") else [])])
        page.add_node(c["clause"], kind, label, title)
    for c in clauses:
        parent = c.get("parent")
        if isinstance(parent, str) and (parent in by_iri or parent in docs):
            page.add_edge(parent, c["clause"], color={"color": TREE_EDGE}, width=1.5, arrows="to",
                          title="part of")
    # clauses → departments and collective bodies: one edge per clause and unit, the strongest assignment
    # first: one whose lead basis counts as lead (by qg:leadRank), then by role and list position
    strength = {"Lead": 0, "Responsible": 1, "Support": 2}
    per_pair: dict[tuple[str, str], list[dict]] = {}
    for a in corpus.assignments:
        if a["clause"] in by_iri and a["unit"] in corpus.units:
            per_pair.setdefault((a["clause"], a["unit"]), []).append(a)
    for (clause, unit_iri), found in per_pair.items():
        unit = corpus.units[unit_iri]
        kind = "collective" if unit.get("collective") else "department"
        if unit_iri not in page.node_ids:
            lines = [unit.get("label") or local_name(unit_iri)]
            if unit.get("type_en") or unit.get("type_zh"):
                lines.append(f"type: {unit.get('type_zh') or ''} {unit.get('type_en') or ''}".strip())
            lines.append("collective body (not a single department)" if unit.get("collective") else "department")
            named = sorted({c for c, u in per_pair if u == unit_iri},
                           key=lambda c: (by_iri[c].get("order") or 0, c))
            lines.append(f"named in {len(named)} clause(s): " + ", ".join(
                by_iri[c].get("number") or local_name(c) for c in named))
            page.add_node(unit_iri, kind, _unit_label(unit), "\n".join(lines), mass=round(1 + len(named) / 4, 2))
        found.sort(key=lambda a: (not a["lead"], a.get("rank") or 0, strength.get(a["role"], 9),
                                  a.get("position") or 0))
        role = "Collective" if found[0]["collective"] else found[0]["role"]
        first = found[0]["lead"]
        c = by_iri[clause]
        lines = []
        for a in found:
            task = f", task {a['task']}" if a.get("task") else ""
            basis = f"; {a['basis']}" if a.get("basis") else ""
            lines.append(f"{a['role'].lower()} ({_ordinal(a.get('position'))} listed{task}{basis}): "
                         f"“{a.get('source') or unit.get('label')}”, {_span(a.get('start'), a.get('end'))}")
        title = f"{unit.get('label')} in {c.get('number')}\n" + "\n".join(lines)
        page.add_edge(clause, unit_iri, title, color={"color": ROLES.get(role, ("", "#555555"))[1],
                                                      "opacity": 1.0 if first else 0.6},
                      width=3.5 if first else 1.2, dashes=role == "Support")
        if role not in page.roles:
            page.roles.append(role)
    # clauses → domains
    for cd in corpus.clause_domains:
        if cd["clause"] not in by_iri:
            continue
        domain = corpus.domains.get(cd["domain"], {"domain": cd["domain"], "color": "#7cb342"})
        name = domain.get("name_zh") or local_name(cd["domain"])
        if cd["domain"] not in page.node_ids:
            page.add_node(cd["domain"], "domain", f"{name}\n{domain.get('name_en') or ''}".strip(),
                          f"quality domain: {name} {domain.get('name_en') or ''}".strip(),
                          color={"background": domain["color"], "border": _darker(domain["color"])})
            page.domains.append((f"{name} {domain.get('name_en') or ''}".strip(), domain["color"]))
        how = cd.get("method")
        terms = "、".join(sorted(set((cd.get("terms") or "").split("、")) - {""}))  # engines order GROUP_CONCAT freely
        terms = f" (matched: {terms})" if terms else ""
        page.add_edge(cd["clause"], cd["domain"],
                      f"{by_iri[cd['clause']].get('number')} → {name}: {how.lower() if how else 'domain'}{terms}",
                      color={"color": domain["color"], "opacity": 0.55}, width=1, dashes=[4, 4])
    # targets on their clauses
    for t in corpus.targets:
        if t["clause"] not in by_iri:
            continue
        value = _number(t.get("value"))
        if t.get("value_max") is not None:
            value += f"–{_number(t.get('value_max'))}"
        sign = t.get("notation") if t.get("notation") not in (None, "=") else ""  # "=" says nothing on a target
        figure = f"{sign}{value}{t.get('unit') or ''}".strip()
        metric = t.get("metric") or "target"
        lines = [f"{metric}: {figure}" + (f" ({t['comparator']})" if t.get("comparator") else "")]
        lines += [f"by {t['year']}"] if t.get("year") else []
        lines += [f"“{t['source']}”"] if t.get("source") else []
        c = by_iri[t["clause"]]
        lines.append(f"Source: {docs[c['doc']]['id']}, {c.get('number')}, {_span(t.get('start'), t.get('end'))}")
        page.add_node(t["target"], "target", f"{figure}\n{clip(metric, 8)}", "\n".join(lines))
        page.add_edge(t["clause"], t["target"], "target stated in the clause", color={"color": KINDS["target"].color},
                      width=1.5, length=50)  # short springs keep targets around their clause
    return page


def _number(value: object) -> str:
    if value is None:
        return ""
    text = format(value, "f") if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text


GRID_COLUMN = 170     # cross-jurisdiction page: pixels between jurisdiction columns
GRID_ROW = 40         # … and between department-type rows


def _text_width(text: str, size: int) -> float:
    """Roughly how wide a one-line label is drawn, in pixels: CJK characters a full em, others about half."""
    return sum(size if ord(ch) > 0x2E80 else 0.56 * size for ch in text)


def _shade(share: float) -> str:
    """A colour from light (a little) to dark (the most) slate blue."""
    light, dark = (0xe3, 0xf2, 0xfd), (0x0d, 0x47, 0xa1)
    return "#{:02x}{:02x}{:02x}".format(*(round(a + (b - a) * share) for a, b in zip(light, dark, strict=True)))


def cross_jurisdiction_page(corpus: Corpus) -> Page:
    """Jurisdictions side by side: a column per jurisdiction, a row per (current, post-2018) department type
    that leads clauses somewhere; each cell = clauses led there by departments of that type (distinct
    clauses whose lead basis counts as lead). Text reuse arrows join the column heads. Positions are fixed
    (a grid), so the page is legible at once and the same at every load."""
    places = {j["j"]: j for j in corpus.jurisdictions}
    current_of: dict[str, str] = {}
    present: dict[tuple[str, str], list[str]] = {}
    type_names: dict[str, tuple[str, str]] = {}
    for row in corpus.types:
        if row["j"] not in places or row["current"] == UNKNOWN_TYPE:
            continue
        current_of[row["unit"]] = row["current"]
        type_names[row["current"]] = (row.get("name_zh") or local_name(row["current"]), row.get("name_en") or "")
        present.setdefault((row["j"], row["current"]), []).append(row["unit"])
    unit_place = {row["unit"]: row["j"] for row in corpus.types}
    led: dict[tuple[str, str], set[str]] = {}
    for a in corpus.assignments:
        if a.get("lead") and a["unit"] in current_of:
            led.setdefault((unit_place[a["unit"]], current_of[a["unit"]]), set()).add(a["clause"])
    columns = [j for j in corpus.jurisdictions if any(jj == j["j"] for jj, _ in present)]
    leading = {t for _, t in led}
    rows = sorted(leading, key=lambda t: (-sum(1 for j in columns if (j["j"], t) in led),
                                         -sum(len(led.get((j["j"], t), ())) for j in columns), type_names[t]))
    idle = sorted(type_names[t][0] for t in set(type_names) - leading)
    page = Page("cross-jurisdiction.html", "Department types across jurisdictions, side by side",
                "A column per jurisdiction, a row per department type (today's, after the 2018 reform: 质监, 工商, "
                "食药监 … count as 市场监督管理) that leads clauses somewhere; a cell's number = clauses led there by "
                "departments of that type (牵头, sole responsible or first-listed), darker = more; a grey dash: "
                "present, leads none. Purple arrows: text one jurisdiction took from another (later → earlier)."
                + (f" Types present but leading nothing anywhere: {'、'.join(idle)}." if idle else ""))
    page.physics = False
    most = max((len(c) for c in led.values()), default=1)
    for i, j in enumerate(columns):
        n_types = sum(1 for jj, _ in present if jj == j["j"])
        page.add_node(j["j"], "jurisdiction", f"{j.get('name_zh') or j['id']}\n{j.get('name_en') or j['id']}",
                      f"{_place(j)}\n{n_types} department types, {sum(1 for jj, _ in led if jj == j['j'])} of them "
                      f"leading", x=i * GRID_COLUMN, y=0, widthConstraint={"minimum": GRID_COLUMN - 30})
    for r, t in enumerate(rows, 1):
        zh, en = type_names[t]
        text = f"{zh} {en}".strip()
        where = [places[j["j"]].get("name_zh") or j["id"] for j in columns if (j["j"], t) in led]
        page.add_node(t, "type", text, f"department type: {text}\nleads clauses in {len(where)} jurisdiction(s): "
                                       f"{'、'.join(where)}",
                      x=round(-GRID_COLUMN / 2 - 10 - _text_width(text, 15) / 2, 1), y=r * GRID_ROW,
                      font={"size": 15})
        for i, j in enumerate(columns):
            if (j["j"], t) not in present:
                continue
            clauses = led.get((j["j"], t), set())
            units = sorted(corpus.units.get(u, {}).get("label") or local_name(u) for u in present[(j["j"], t)])
            title = (f"{j.get('name_zh') or j['id']} · {zh}: {len(clauses)} clause(s) led\n"
                     + "、".join(units))
            color = _shade(len(clauses) / most) if clauses else "#f5f5f5"
            page.add_node(f"{j['j']}|{t}", "cell", str(len(clauses)) if clauses else "–", title,
                          x=i * GRID_COLUMN, y=r * GRID_ROW, widthConstraint={"minimum": 84, "maximum": 84},
                          heightConstraint={"minimum": 22}, font={"size": 15},
                          color={"background": color, "border": _darker(color) if clauses else "#cfd8dc"})
    drawn = {j["j"]: i for i, j in enumerate(columns)}
    for row in corpus.reuse:  # text reuse: the later jurisdiction took passages from the earlier
        if row["later"] in drawn and row["earlier"] in drawn:
            chars = int(row["characters"])
            leftwards = drawn[row["later"]] > drawn[row["earlier"]]
            page.add_edge(row["later"], row["earlier"],
                          f"text reuse: {row['documents']}\n{row['passages']} passage(s), {chars} characters",
                          width=round(1 + math.sqrt(chars) / 8, 2), label=f"{chars} chars", arrows="to",
                          smooth={"enabled": True, "type": "curvedCCW" if leftwards else "curvedCW",
                                  "roundness": 0.6},
                          color={"color": "#8e24aa"}, font={"size": 14, "strokeWidth": 4, "color": "#6a1b9a"})
    page.extra_legend = [("cell: clauses led by the type there (darker = more)", _shade(0.7)),
                         ("– : the type is present there, leads none", "#f5f5f5"),
                         ("purple arrow: text reuse, later → earlier (label = characters taken)", "#8e24aa")]
    return page


def collaboration_page(graph: nx.Graph, j: dict, places: dict | None = None) -> Page:
    """Departments co-assigned to a clause; node size = degree centrality, colour = community."""
    place = _place(j)
    page = Page(f"collaboration-{j['id']}.html", f"{place}: which departments work together",
                f"Departments of {place} named on the same clause (edge width = shared clauses); node size = "
                f"degree centrality, colour = community (greedy modularity).")
    measures = department_centrality(graph)
    community_of = {}
    for number, members in enumerate(department_communities(graph), 1):
        for n in members:
            community_of[n] = number
    for n in graph.nodes:  # sorted by analytics
        info = graph.nodes[n]
        m = measures[n]
        color = PALETTE[(community_of[n] - 1) % len(PALETTE)]
        title = "\n".join([
            info["label"] + (f" ({info['type']})" if info.get("type") else ""),
            f"named in {info['clauses']} clause(s)",
            f"shares clauses with {m['partners']} department(s), {m['shared_clauses']} times",
            f"degree centrality {m['degree_centrality']:.3f}, betweenness {m['betweenness']:.3f}",
            f"community {community_of[n]}"])
        page.add_node(n, "member", _unit_label({"unit": n, "label": info["label"], "type_en": info.get("type")}),
                      title, size=round(8 + 30 * m["degree_centrality"], 2), shape="dot",
                      color={"background": color, "border": _darker(color)})
    for a, b, data in graph.edges(data=True):
        page.add_edge(a, b, f"{graph.nodes[a]['label']} — {graph.nodes[b]['label']}: "
                            f"{data['weight']} shared clause(s)",
                      width=round(0.5 + 1.2 * data["weight"], 2), color={"color": "#9e9e9e", "opacity": 0.6})
    communities = sorted(set(community_of.values()))
    page.extra_legend = [(f"community {c}", PALETTE[(c - 1) % len(PALETTE)]) for c in communities]
    page.barnes_hut = {"gravitationalConstant": -16000, "centralGravity": 1.2, "springLength": 260,
                       "springConstant": 0.01, "avoidOverlap": 1.0}
    page.spread = 1.2
    return page


# --- layout and rendering -------------------------------------------------------------------------

def layout(page: Page) -> None:
    """Deterministic starting positions (networkx spring layout, seeded) written into the nodes."""
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in page.nodes)
    for e in page.edges:
        w = g.get_edge_data(e["from"], e["to"], {"weight": 0})["weight"]
        g.add_edge(e["from"], e["to"], weight=w + (4 if "length" in e else 1))  # short edges pull harder
    if len(g) == 0:
        return
    n = len(g)
    pos = nx.spring_layout(g, seed=SEED, k=SPRING_K * page.spread / math.sqrt(n), iterations=300)
    scale = SCALE * page.spread * math.sqrt(n)
    for node in page.nodes:
        x, y = pos[node["id"]]
        node["x"], node["y"] = round(float(x) * scale, 1), round(float(y) * scale, 1)


BARNES_HUT = {"gravitationalConstant": -9000, "centralGravity": 0.25, "springLength": 160,
              "springConstant": 0.03, "damping": 0.5, "avoidOverlap": 0.6}


def vis_options(barnes_hut: dict | None = None, physics: bool = True) -> dict:
    """vis-network options: barnesHut relaxing the precomputed layout for a bounded number of iterations
    (``physics`` False: none, the given positions are drawn as they are)."""
    return {
        "autoResize": True,
        "nodes": {"font": {"face": FONT, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1.5},
        "edges": {"smooth": False, "selectionWidth": 2, "font": {"face": FONT}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True,
                        "multiselect": True},
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {
            "enabled": physics, "solver": "barnesHut",
            "barnesHut": {**BARNES_HUT, **(barnes_hut or {})},
            "maxVelocity": 40, "minVelocity": 1.0, "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": STABILISATION_ITERATIONS, "updateInterval": 25,
                              "fit": True},
        },
    }


@lru_cache(maxsize=1)
def _environment():
    import jinja2  # lazy: start-up time
    import pyvis  # lazy: start-up time

    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    loader = jinja2.FileSystemLoader([str(resource_path("viz", "assets")), str(pyvis_templates)])
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def _network_data(page: Page) -> tuple[list[dict], list[dict], dict]:
    """The page through pyvis: its Network assembles the nodes and edges (and would render them);
    we take its data and render with qgraph's template."""
    from pyvis.network import Network  # lazy: start-up time

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in page.nodes:
        options = {k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")}
        net.add_node(node["id"], label=node["label"], shape=node["shape"], color=node["color"], **options)
    for i, edge in enumerate(page.edges):
        options = {k: v for k, v in edge.items() if k not in ("from", "to")}
        options.setdefault("arrows", "")
        net.add_edge(edge["from"], edge["to"], id=f"e{i}", **options)
    net.options = vis_options(page.barnes_hut, page.physics)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return nodes, edges, json.loads(options)


def legend(page: Page | None = None) -> dict:
    """The legend entries (all of them for the index, a page's own for a page)."""
    kinds = [k for k in KINDS if page is None or k in page.kinds]
    roles = page.roles if page else list(ROLES)
    return {"kinds": [KINDS[k] for k in kinds],
            "roles": [(ROLES[r][0], ROLES[r][1]) for r in ROLES if r in roles],
            "domains": sorted(page.domains) if page else [],
            "extra": page.extra_legend if page else []}


def render_page(page: Page) -> str:
    """The HTML of one graph page."""
    if page.physics:
        layout(page)
    nodes, edges, options = _network_data(page)
    return _environment().get_template("graph.html").render(
        page=page, nodes=nodes, edges=edges, options=options, legend=legend(page))


def render_index(pages: list[Page], domains: list[tuple[str, str]]) -> str:
    """The index: every page with its description and size, and the full legend."""
    return _environment().get_template("index.html").render(
        pages=pages, legend={**legend(None), "domains": domains})


def write_visualisations(engine: Engine, out_dir: Path) -> list[Path]:
    """Write every page and ``index.html`` into out_dir; the paths written (index last).

    Same graph → byte-identical files. Each file is written atomically.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus.fetch(engine)
    networks = collaboration_networks(engine)
    pages: list[Page] = []
    for j in corpus.jurisdictions:
        pages.append(jurisdiction_page(corpus, j))
    pages.append(cross_jurisdiction_page(corpus))
    for j in corpus.jurisdictions:
        pages.append(collaboration_page(networks.get(j["id"], nx.Graph()), j))
    written = [_write_atomically(out_dir / page.name, render_page(page)) for page in pages]
    domains = [(f"{d.get('name_zh') or local_name(iri)} {d.get('name_en') or ''}".strip(), d["color"])
               for iri, d in sorted(corpus.domains.items())]
    written.append(_write_atomically(out_dir / "index.html", render_index(pages, domains)))
    return written


def _write_atomically(path: Path, text: str) -> Path:
    return write_atomically(text.encode("utf-8"), path)
