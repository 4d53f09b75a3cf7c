"""Network analytics of the graph: who works with whom, and how alike the jurisdictions' departments are.

Everything is asked of the graph in SPARQL (so it works on any engine or endpoint) and computed with
networkx:

- the **collaboration network** of a jurisdiction: its departments (collective bodies such as
  领导小组成员单位 are left out: they are not departments), an edge between two departments named on
  the same clause, weighted by the number of such clauses;
- **centrality** of each department in it: degree centrality, weighted degree (shared clauses) and
  betweenness (shortest paths with length 1/weight, so that departments sharing many clauses are
  close);
- **communities** (greedy modularity, weighted; deterministic: nodes and edges are added in sorted
  order);
- **type overlap**: the Jaccard index of the department types (current types, after the 2018 reform:
  ``dcterms:isReplacedBy*``; type ``unknown`` left out) of each pair of jurisdictions.

The functions return rows (dicts) for :func:`qgraph.render.render`:

>>> from qgraph.ask.engine import open_engine
>>> from qgraph.resources import resource_path
>>> engine = open_engine(resource_path("ontology", "domains.ttl"), None)   # a graph without jurisdictions
>>> centrality(engine), communities(engine), type_overlap(engine)
([], [], [])
>>> jaccard({"a", "b", "c"}, {"b", "c", "d"})
0.5
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from qgraph.ask.engine import Engine
from qgraph.ask.library import ask_rows
from qgraph.ask.places import places
from qgraph.files import write_atomically
from qgraph.render import render
from qgraph.vocab import UNKNOWN_DEPARTMENT_TYPE

UNKNOWN_TYPE = UNKNOWN_DEPARTMENT_TYPE
DIGITS = 4  # rounding of the centrality measures and indices in the rows


def collaboration_networks(engine: Engine) -> dict[str, nx.Graph]:
    """Jurisdiction id → its collaboration network.

    Nodes are department IRIs with ``label``, ``type`` (English, or None) and ``clauses`` (how many
    clauses name it); an edge joins two departments named on the same clause, ``weight`` = the
    number of such clauses, ``clauses`` = their IRIs. Nodes and edges are added in sorted order, so
    every algorithm run on the graph is deterministic.
    """
    rows = ask_rows(engine, "collaboration")
    units: dict[str, dict[str, dict]] = {}
    on_clause: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        j = row["jurisdiction"]
        info = units.setdefault(j, {}).setdefault(row["unit"], {"label": row["label"], "type": row["type"],
                                                               "clauses": set()})
        info["clauses"].add(row["clause"])
        on_clause.setdefault(j, {}).setdefault(row["clause"], set()).add(row["unit"])
    networks: dict[str, nx.Graph] = {}
    for j in sorted(units):
        pairs: dict[tuple[str, str], list[str]] = {}
        for clause in sorted(on_clause[j]):
            for a, b in combinations(sorted(on_clause[j][clause]), 2):
                pairs.setdefault((a, b), []).append(clause)
        graph = nx.Graph(jurisdiction=j)
        for unit in sorted(units[j]):
            info = units[j][unit]
            graph.add_node(unit, label=info["label"], type=info["type"], clauses=len(info["clauses"]))
        for (a, b), clauses in sorted(pairs.items()):
            graph.add_edge(a, b, weight=len(clauses), distance=1.0 / len(clauses), clauses=tuple(clauses))
        networks[j] = graph
    return networks


def department_centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Node → degree, weighted degree, degree centrality and betweenness (length 1/weight), normalised.

    >>> g = nx.Graph(); g.add_edge("a", "b", weight=2, distance=0.5); g.add_edge("b", "c", weight=1, distance=1.0)
    >>> department_centrality(g)["b"]
    {'partners': 2, 'shared_clauses': 3, 'degree_centrality': 1.0, 'betweenness': 1.0}
    """
    degree = nx.degree_centrality(graph) if len(graph) > 1 else {n: 0.0 for n in graph}
    betweenness = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    return {n: {"partners": graph.degree(n), "shared_clauses": graph.degree(n, weight="weight"),
                "degree_centrality": degree[n], "betweenness": betweenness[n]} for n in graph}


def place_names(engine: Engine) -> dict[str, str]:
    """Jurisdiction id → its Chinese name, for rows that name a jurisdiction by both (id, then place)."""
    return {p.jurisdiction: p.place for p in places(engine)}


def centrality(engine: Engine) -> list[dict]:
    """Per jurisdiction, its departments ranked by degree centrality (then betweenness, shared clauses).

    Columns: jurisdiction, place (its Chinese name), rank, department, type, clauses (clauses naming it),
    partners (departments it shares a clause with), shared_clauses (weighted degree), degree_centrality, betweenness.
    """
    rows: list[dict] = []
    names = place_names(engine)
    for j, graph in collaboration_networks(engine).items():
        measures = department_centrality(graph)
        ranked = sorted(graph.nodes, key=lambda n: (-round(measures[n]["degree_centrality"], 9),
                                                    -round(measures[n]["betweenness"], 9),
                                                    -measures[n]["shared_clauses"], graph.nodes[n]["label"]))
        for rank, n in enumerate(ranked, 1):
            m = measures[n]
            rows.append({"jurisdiction": j, "place": names.get(j, ""), "rank": rank,
                         "department": graph.nodes[n]["label"],
                         "type": graph.nodes[n]["type"], "clauses": graph.nodes[n]["clauses"],
                         "partners": m["partners"], "shared_clauses": m["shared_clauses"],
                         "degree_centrality": round(m["degree_centrality"], DIGITS),
                         "betweenness": round(m["betweenness"], DIGITS)})
    return rows


def department_communities(graph: nx.Graph) -> list[list[str]]:
    """The communities of a collaboration network (greedy modularity, weighted), largest first, each
    sorted by label; a department that shares no clause is a community of its own.

    >>> g = nx.Graph(); g.add_nodes_from([("a", {"label": "a"}), ("b", {"label": "b"}), ("c", {"label": "c"})])
    >>> g.add_edge("a", "b", weight=1); department_communities(g)
    [['a', 'b'], ['c']]
    """
    if graph.number_of_edges() == 0:
        found = [{n} for n in graph]
    else:
        found = greedy_modularity_communities(graph, weight="weight")
    label = lambda n: graph.nodes[n].get("label", n)  # noqa: E731
    ordered = [sorted(c, key=lambda n: (label(n), n)) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), label(c[0])))


def communities(engine: Engine) -> list[dict]:
    """Per jurisdiction, one row per community: its number (1 = largest), size and members."""
    rows: list[dict] = []
    names = place_names(engine)
    for j, graph in collaboration_networks(engine).items():
        for number, members in enumerate(department_communities(graph), 1):
            rows.append({"jurisdiction": j, "place": names.get(j, ""), "community": number,
                         "size": len(members),
                         "departments": [graph.nodes[n]["label"] for n in members]})
    return rows


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def current_types(engine: Engine) -> dict[str, set[str]]:
    """Jurisdiction id → the IRIs of the current types of its departments (``unknown`` left out)."""
    types: dict[str, set[str]] = {}
    for row in ask_rows(engine, "current-types"):
        if row["current"] != UNKNOWN_TYPE:
            types.setdefault(row["jurisdiction"], set()).add(row["current"])
    return types


def type_overlap(engine: Engine) -> list[dict]:
    """For each pair of jurisdictions, the Jaccard index of their current department types."""
    types = current_types(engine)
    names = place_names(engine)
    rows = []
    for a, b in combinations(sorted(types), 2):
        rows.append({"jurisdiction_a": a, "place_a": names.get(a, ""), "jurisdiction_b": b,
                     "place_b": names.get(b, ""), "types_a": len(types[a]),
                     "types_b": len(types[b]), "shared": len(types[a] & types[b]),
                     "union": len(types[a] | types[b]), "jaccard": round(jaccard(types[a], types[b]), DIGITS)})
    return rows


ANALYSES: dict[str, Callable[[Engine], list[dict]]] = {
    "centrality": centrality, "communities": communities, "type-overlap": type_overlap}


def write_analytics_csv(engine: Engine, out_dir: Path) -> list[Path]:
    """Write centrality.csv, communities.csv and type-overlap.csv into out_dir (each atomically)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, analysis in ANALYSES.items():
        rows = analysis(engine)
        columns = list(rows[0]) if rows else _COLUMNS[name]
        text = render(rows, "csv", columns) + "\n"
        written.append(_write_atomically(out_dir / f"{name}.csv", text))
    return written


_COLUMNS = {
    "centrality": ["jurisdiction", "place", "rank", "department", "type", "clauses", "partners", "shared_clauses",
                   "degree_centrality", "betweenness"],
    "communities": ["jurisdiction", "place", "community", "size", "departments"],
    "type-overlap": ["jurisdiction_a", "place_a", "jurisdiction_b", "place_b", "types_a", "types_b", "shared", "union",
                     "jaccard"],
}


def _write_atomically(path: Path, text: str) -> Path:
    return write_atomically(text.encode("utf-8"), path)
