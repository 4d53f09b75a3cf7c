"""`qgraph lead TOPIC`: which departments lead work on a topic, per jurisdiction, with evidence.

A topic is a quality domain (产品质量, product quality), an indicator, or a keyword (食品安全,
品牌), widened by its synonyms (the labels of its concept in the scheme ``qg:Topics``); traditional
script is converted first. Everything an answer needs is asked of the graph in SPARQL
(``queries/app/*.rq``), so it works on any engine or endpoint. A department leads a clause when its
lead basis counts as lead (``qg:countsAsLead``); departments are ranked per jurisdiction by the
basis's ``qg:leadRank`` (explicit 牵头, then named alone, then listed first), then by clauses led.

>>> from qgraph.ask.engine import open_engine
>>> from qgraph.resources import resource_path
>>> engine = open_engine(resource_path("ontology", "domains.ttl"), None)
>>> topic = resolve_topic(engine, "產品質量")
>>> topic.text, topic.terms[:2], topic.domains
('产品质量', ('产品质量', '食品质量'), ('https://w3id.org/qgraph/ontology#ProductQuality',))
>>> resolve_topic(engine, "product quality").terms == topic.terms
True

A domain named in English is looked for by its Chinese names (its @zh labels) in clause texts, as
one named in Chinese is: the two answer the same. The build indexes every clause by the terms a topic or
a domain can be looked for by (``qg:mentions``, the topic index), so these are looked up rather than read
for in every text; any other phrase is still looked for in the texts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qgraph.ask.engine import Engine
from qgraph.ask.library import Iri, ask_rows
from qgraph.ask.places import Place, find, places, resolve_city
from qgraph.ask.words import to_simplified


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic as asked: its simplified text, the terms looked for, and the domains or indicators it names."""

    text: str                       # the query, simplified
    terms: tuple[str, ...]          # it and its synonyms, looked for in clause texts and keywords
    domains: tuple[str, ...] = ()   # domain concepts it names
    indicators: tuple[str, ...] = field(default=())


def expand(engine: Engine, term: str) -> tuple[str, ...]:
    """The term and its synonyms (every label of a qg:Topics concept that has it as a label), the term first."""
    labels = [row["label"] for row in ask_rows(engine, "topic-synonyms", term=term)]
    return (term, *dict.fromkeys(label for label in labels if label != term))


def _domain_labels(engine: Engine) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Every @zh and @en label of a quality domain, lower-cased → the concept (preferred labels win); and
    each concept → its @zh labels, preferred first."""
    names: dict[str, str] = {}
    chinese: dict[str, list[str]] = {}
    for row in ask_rows(engine, "domain-labels"):   # alternative labels first, then preferred ones
        names[row["label"].lower()] = row["domain"]
        if row["lang"] == "zh":
            chinese.setdefault(row["domain"], []).append(row["label"])
    return names, {domain: labels[::-1] for domain, labels in chinese.items()}


def _indicator_names(engine: Engine) -> dict[str, str]:
    """Every id and label of an indicator, lower-cased → the concept (preferred labels win)."""
    return {row["name"].lower(): row["indicator"] for row in ask_rows(engine, "indicator-labels")}


def resolve_topic(engine: Engine, query: str) -> Topic:
    """The topic a query names: simplified, widened by its synonyms, with any domain or indicator it is.

    A domain is the same topic by whichever name it is asked (产品质量, product quality): its clauses, and
    the clauses whose text holds one of its @zh labels (each widened by its synonyms)."""
    text = to_simplified(query.strip())
    if not text:
        raise ValueError("a topic is needed: a domain, a keyword or an indicator")
    names, chinese = _domain_labels(engine)
    domain = names.get(text.lower())
    indicator = _indicator_names(engine).get(text.lower())
    words = chinese.get(domain, [text]) if domain else [text]
    terms = tuple(dict.fromkeys(t for word in words for t in expand(engine, word)))
    return Topic(text, terms, (domain,) if domain else (), (indicator,) if indicator else ())


def lead(engine: Engine, query: str, city: str | None = None) -> tuple[Topic, list[dict]]:
    """One row per department leading a clause on the topic: its basis on that clause, that clause's
    partners (named but not leading; collective bodies left out) and the clause; per jurisdiction,
    departments ranked by their best basis (``qg:leadRank``), then by clauses led, rows in document order.
    ``city`` is a jurisdiction's id or name (see :func:`qgraph.ask.places.match`)."""
    topic = resolve_topic(engine, query)
    return topic, _ranked(_assigned(engine, topic, resolve_city(engine, city)))


def lead_first(engine: Engine, query: str, limit: int, summary: bool = False) -> tuple[Topic, list[dict], int | None]:
    """The whole country's :func:`lead` rows of its first jurisdictions by id, as many as give the answer's first
    ``limit`` rows and one more (of its summary with ``summary``, :func:`summarise`), and how many jurisdictions
    were asked (None: all, so that the rows are the whole answer). The jurisdictions are asked a batch at a time,
    each batch twice the last, instead of finding every row first; rows are ranked within a jurisdiction, so
    the rows of a batch of whole jurisdictions are the whole answer's rows of those, in its order."""
    if limit < 1:
        raise ValueError(f"a limit is a number of rows, 1 or more, not {limit}")
    topic = resolve_topic(engine, query)
    ids = [p.jurisdiction for p in places(engine)]
    found: list[dict] = []
    asked, size = 0, _FIRST_BATCH
    while asked < len(ids) and len(summarise(found) if summary else found) <= limit:
        found += _ranked(_assigned(engine, topic, tuple(ids[asked:asked + size])))
        asked, size = asked + size, size * 2
    return topic, found, asked if asked < len(ids) else None


_FIRST_BATCH = 16   # jurisdictions asked first by lead_first


def _assigned(engine: Engine, topic: Topic, city: str | tuple[str, ...] | None) -> list[dict]:
    """The assignments on the topic's clauses (of ``city``, one id or several, or all), named (:func:`named`)."""
    rows = named(engine, ask_rows(engine, "lead", **_topic_params(engine, topic), city=city))
    if city is None:
        return rows
    asked = {city} if isinstance(city, str) else set(city)
    return [row for row in rows if row["jurisdiction"] in asked]   # a unit of another jurisdiction named there


def _ranked(rows: list[dict]) -> list[dict]:
    """One row per department leading a clause, ranked as :func:`lead` says."""
    clauses: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        clauses.setdefault((row["jurisdiction"], row["document"], row["number"]), []).append(row)
    found: list[dict] = []
    best: dict[tuple[str, str], tuple[int, int]] = {}     # (jurisdiction, department) → (best rank, -clauses)
    for (jurisdiction, document, number), assigned in clauses.items():
        partners = list(dict.fromkeys(r["label"] for r in assigned if not r["lead"] and not r["collective"]))
        leaders: dict[str, dict] = {}
        for row in assigned:
            if not row["lead"]:
                continue
            held = leaders.get(row["label"])
            if held is None or _rank(row) < _rank(held):
                leaders[row["label"]] = row
        for label, row in leaders.items():
            found.append({"jurisdiction": jurisdiction, "place": row["place"], "department": label,
                          "type": row["type"], "basis": row["basis"], "document": document, "number": number,
                          "heading": row["heading"], "supporters": partners})
            rank, count = best.get((jurisdiction, label), (_rank(row), 0))
            best[(jurisdiction, label)] = (min(rank, _rank(row)), count - 1)
    order = {key: n for n, key in enumerate(sorted(best, key=lambda k: (k[0], *best[k], k[1])))}
    found.sort(key=lambda r: order[(r["jurisdiction"], r["department"])])   # stable: clauses in document order
    return found


def named(engine: Engine, found: tuple[dict, ...] | list[dict]) -> list[dict]:
    """The rows of ``queries/app/lead.rq`` with what their nodes say, in document order: each clause's ``number``,
    ``order``, ``heading`` and ``document`` (its identifier), each unit's ``label``, its jurisdiction as its id and
    Chinese name (``jurisdiction``, ``place``) and its department type's English name (``type``), and each lead
    basis (``b``) as ``basis``, ``rank``, ``lead`` and ``collective``. These are asked once per node
    (``queries/app/clause-facts.rq``, ``unit-facts.rq``, ``node-names.rq``, ``lead-bases.rq``), not once per row;
    a row whose clause has no number, order or document, whose unit no label or jurisdiction, whose jurisdiction
    no id or Chinese name, or whose basis no English name, is left out."""
    bases = {row["b"]: row for row in ask_rows(engine, "lead-bases")}
    clauses = _per_node(engine, "clause-facts", "clause", {row["clause"] for row in found})
    units = _per_node(engine, "unit-facts", "unit", {row["unit"] for row in found})
    names = _per_node(engine, "node-names", "node", {u[k] for u in units.values() for k in ("j", "t")} - {None})
    rows = []
    for row in found:
        clause, unit, basis = clauses.get(row["clause"]), units.get(row["unit"]), bases.get(row["b"])
        if clause is None or unit is None or basis is None:
            continue
        place = names.get(unit["j"])
        if place is None or place["identifier"] is None or place["zhLabel"] is None:
            continue
        kind = names.get(unit["t"]) if unit["t"] is not None else None
        rows.append({**row, "number": clause["number"], "order": clause["order"], "heading": clause["heading"],
                     "document": clause["document"], "label": unit["label"], "jurisdiction": place["identifier"],
                     "place": place["zhLabel"], "type": kind["enLabel"] if kind else None, "basis": basis["basis"],
                     "rank": basis["rank"], "lead": basis["lead"], "collective": basis["collective"]})
    rows.sort(key=lambda r: (r["jurisdiction"], r["document"], r["order"], r["position"], r["start"]))
    return rows


def _per_node(engine: Engine, name: str, key: str, nodes: set[str]) -> dict[str, dict]:
    """The rows of ``queries/app/NAME.rq`` for each of ``nodes`` (IRIs, bound to its parameter ``key`` a batch at a
    time), by node."""
    ordered = sorted(nodes)
    chunks = (tuple(map(Iri, ordered[at:at + _NODES_PER_QUERY])) for at in range(0, len(ordered), _NODES_PER_QUERY))
    return {row[key]: row for chunk in chunks for row in ask_rows(engine, name, **{key: chunk})}


_NODES_PER_QUERY = 500   # IRIs in one VALUES block


def _topic_params(engine: Engine, topic: Topic) -> dict[str, tuple]:
    """How lead.rq and topic-clauses.rq find a topic's clauses: its indexed terms looked up (``term``), any other
    phrase looked for in the texts (``phrase``), its domains and its indicators."""
    indexed = indexed_terms(engine, topic.terms)
    return {"term": tuple(t for t in topic.terms if t in indexed),
            "phrase": tuple(t for t in topic.terms if t not in indexed),
            "domain": tuple(Iri(d) for d in topic.domains), "indicator": tuple(Iri(i) for i in topic.indicators)}


def indexed_terms(engine: Engine, terms: tuple[str, ...]) -> frozenset[str]:
    """Of ``terms``, those the build indexed every clause by (``qg:mentions``): looked up, not read for in texts."""
    if not terms:
        return frozenset()
    return frozenset(row["term"] for row in ask_rows(engine, "indexed-terms", term=terms))


def _rank(row: dict) -> int:
    """A lead basis's rank (qg:leadRank; 1 is the strongest); a basis without one ranks last."""
    return row["rank"] if row["rank"] is not None else 1_000_000


def missing(engine: Engine, rows: list[dict], city: str | None = None) -> list[Place]:
    """The jurisdictions (of ``city``, or all) that no row of a lead answer is about."""
    answered = {row["jurisdiction"] for row in rows}
    return [p for p in _asked(engine, city) if p.jurisdiction not in answered]


def _asked(engine: Engine, city: str | None) -> tuple[Place, ...]:
    """The jurisdiction ``city`` names, or every one."""
    return places(engine) if city is None else (find(engine, city),)


def unanswered(engine: Engine, topic: Topic, rows: list[dict], city: str | None = None,
               first: int | None = None) -> list[dict]:
    """Each jurisdiction (of ``city``, or all, or the ``first`` of all by id) that no row of a lead answer is
    about, with how many of its numbered clauses (``clauses``) and, apart, dash items (``dashItems``) are on the
    topic all the same: none (no clause on it), or some that name no lead (``queries/app/topic-clauses.rq``)."""
    asked = _asked(engine, city)[:first]
    answered = {row["jurisdiction"] for row in rows}
    if all(p.jurisdiction in answered for p in asked):
        return []   # a broad topic, everywhere: its clauses are not counted for nothing (9.7 s of 产品质量's 45)
    cities = None if city is None and first is None else tuple(p.jurisdiction for p in asked)
    counts = {row["jurisdiction"]: row for row in ask_rows(engine, "topic-clauses", **_topic_params(engine, topic),
                                                           city=cities)}
    return [{"jurisdiction": p.jurisdiction, "place": p.place,
             "clauses": counts.get(p.jurisdiction, {}).get("clauses", 0),
             "dashItems": counts.get(p.jurisdiction, {}).get("dashItems", 0)}
            for p in asked if p.jurisdiction not in answered]


def unanswered_lines(topic: str, absent: list[dict], shown: int = 20) -> list[str]:
    """What a lead answer says of the jurisdictions it has no row on: first one line naming those with no
    clause on the topic, then one line per jurisdiction whose clauses on it name no lead; each list cut after
    its first ``shown`` jurisdictions (a whole country's answer would otherwise name thousands), saying so.

    >>> absent = [{"jurisdiction": "yunxi", "place": "云溪市", "clauses": 2, "dashItems": 0},
    ...           {"jurisdiction": "qinglan", "place": "青岚县", "clauses": 0, "dashItems": 0},
    ...           {"jurisdiction": "baishui", "place": "白水县", "clauses": 1, "dashItems": 1}]
    >>> for line in unanswered_lines("食品安全", absent): print(line)
    No clause on 食品安全 in: qinglan 青岚县
    yunxi 云溪市: 2 clauses on 食品安全, none names a lead
    baishui 白水县: 1 clause and 1 dash item on 食品安全, none names a lead
    >>> absent += [{"jurisdiction": "shiqiao", "place": "石桥县", "clauses": 0, "dashItems": 0},
    ...            {"jurisdiction": "xiling", "place": "西岭县", "clauses": 0, "dashItems": 0}]
    >>> for line in unanswered_lines("食品安全", absent, shown=1): print(line)
    No clause on 食品安全 in 3 jurisdictions: qinglan 青岚县 … (the first 1)
    yunxi 云溪市: 2 clauses on 食品安全, none names a lead
    … and 1 more jurisdiction whose clauses on 食品安全 name no lead
    """
    lines = []
    none = [f"{a['jurisdiction']} {a['place']}".strip() for a in absent if not a["clauses"] and not a["dashItems"]]
    if len(none) > shown:
        lines.append(f"No clause on {topic} in {len(none):,} jurisdictions: {', '.join(none[:shown])} "
                     f"… (the first {shown})")
    elif none:
        lines.append(f"No clause on {topic} in: {', '.join(none)}")
    unled = [a for a in absent if a["clauses"] or a["dashItems"]]
    for a in unled[:shown]:
        parts = [_count(a["clauses"], "clause"), _count(a["dashItems"], "dash item")]
        lines.append(f"{a['jurisdiction']} {a['place']}: {' and '.join(p for p in parts if p)} on {topic}, "
                     "none names a lead")
    if len(unled) > shown:
        more = len(unled) - shown
        lines.append(f"… and {more:,} more jurisdiction{'' if more == 1 else 's'} whose clauses on {topic} "
                     "name no lead")
    return lines


def _count(n: int, noun: str) -> str:
    return "" if not n else f"{n} {noun}{'' if n == 1 else 's'}"


CSV_COLUMNS = ["jurisdiction", "place", "department", "type", "basis", "document", "number", "heading",
               "supporters"]
TABLE_COLUMNS = ["jurisdiction", "place", "department", "type", "basis", "clause", "supporters"]


def table_rows(rows: list[dict]) -> list[dict]:
    """The rows as the table shows them: per jurisdiction and department, the department once (the rows
    that follow it blank), the clause as number and heading, the partners joined with 、."""
    shown: list[dict] = []
    previous: tuple[str, str] | None = None
    for row in rows:
        key = (row["jurisdiction"], row["department"])
        head = {k: row[k] for k in ("jurisdiction", "place", "department", "type")} if key != previous \
            else dict.fromkeys(("jurisdiction", "place", "department", "type"), "")
        shown.append({**head, "basis": row["basis"],
                      "clause": f"{row['number']} {row['heading'] or ''}".strip(),
                      "supporters": "、".join(row["supporters"])})
        previous = key
    return shown


SUMMARY_COLUMNS = ["jurisdiction", "place", "department", "type", "basis", "clauses", "document", "number",
                   "heading"]


def summarise(rows: list[dict]) -> list[dict]:
    """A lead answer at national scale: one row per jurisdiction, department and lead basis, with the number of
    clauses it leads on that basis (``clauses``) and the first of them as evidence (``document``, ``number``,
    ``heading``), in the answer's order (the departments as ranked, then each basis as it first comes).

    >>> rows = [{"jurisdiction": "yunxi", "place": "云溪市", "department": "市市场监管局", "type": "market regulation",
    ...          "basis": "lead (牵头)", "document": "yunxi-2023", "number": n, "heading": h, "supporters": []}
    ...         for n, h in [("二.(一)", "加强食品安全监管"), ("二.(三)", "严格食品抽检")]]
    >>> [(r["department"], r["basis"], r["clauses"], r["number"], r["heading"]) for r in summarise(rows)]
    [('市市场监管局', 'lead (牵头)', 2, '二.(一)', '加强食品安全监管')]
    """
    found: dict[tuple[str, str, str], dict] = {}
    for row in rows:
        key = (row["jurisdiction"], row["department"], row["basis"])
        if key in found:
            found[key]["clauses"] += 1
        else:
            found[key] = {**{c: row[c] for c in SUMMARY_COLUMNS if c != "clauses"}, "clauses": 1}
    return [{c: row[c] for c in SUMMARY_COLUMNS} for row in found.values()]


def first(rows: list[dict], limit: int | None) -> tuple[list[dict], int]:
    """The first ``limit`` rows (all of them for None) and how many were left.

    >>> first([{"n": 1}, {"n": 2}, {"n": 3}], 2)
    ([{'n': 1}, {'n': 2}], 1)
    """
    if limit is None:
        return rows, 0
    if limit < 1:
        raise ValueError(f"a limit is a number of rows, 1 or more, not {limit}")
    return rows[:limit], max(0, len(rows) - limit)


def known_topics(engine: Engine) -> list[str]:
    """What a topic can be: domain labels, clause keywords and topic labels in the graph."""
    return sorted({row["topic"] for row in ask_rows(engine, "known-topics")})


def suggest(engine: Engine, topic: Topic, limit: int = 5) -> list[str]:
    """The known topics closest to one that matched nothing: those it holds or that hold it (计量器具 →
    计量), then the closest by spelling (rapidfuzz WRatio ≥ 60) that share at least two of its characters."""
    return nearest(topic.text, known_topics(engine), limit)


def nearest(text: str, known: list[str], limit: int = 5) -> list[str]:
    """Of ``known``, the names nearest to ``text``, by containment first, then by spelling.

    >>> nearest("计量器具", ["计量", "加计", "设计", "诚信计量", "品牌"])
    ['计量']
    >>> nearest("检验检侧", ["检验检测", "检测认证", "品牌", "检验"])
    ['检验', '检验检测']
    """
    from rapidfuzz import fuzz, process  # lazy: start-up time

    held = sorted((k for k in known if len(k) > 1 and (k in text or text in k)),
                  key=lambda k: (abs(len(k) - len(text)), k))
    shared = min(2, len(text))
    close = [k for k, score, _ in process.extract(text, known, scorer=fuzz.WRatio, limit=limit * 4)
             if score >= 60 and len(set(k) & set(text)) >= shared]
    found = list(dict.fromkeys(held + close))
    return found[:limit]
