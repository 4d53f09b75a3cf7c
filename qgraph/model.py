"""The values that pass between qgraph's stages: small, frozen, typed; no behaviour beyond reading.

Every stage takes and returns these (read → :class:`SourceText`, normalise → :class:`NormalisedText`,
segment → :class:`Clause`, extract → :class:`DocumentExtraction` …), so a stage can be tested,
replaced or run in another process on its own. Offsets (evidence) are kept out of equality, as
sqlite-utils does, so that evidence never breaks de-duplication. The enums' values are the local
names of the ontology's individuals (``qg:Lead``, ``qg:AtLeast`` …); ``tests/test_vocab.py`` holds
the two sides to each other.

>>> Role("Lead") is Role.LEAD, LeadBasis.EXPLICIT.value
(True, 'ExplicitLead')
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path

# --- the manifest -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The issuing area of a document, as its manifest entry names it."""

    id: str
    name_zh: str
    name_en: str
    level: str
    code: str
    department_prefix: str | None = None  # 市/省/县…: else from the name's suffix, else from the level


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One manifest entry; ``path`` is resolved against the manifest's folder."""

    id: str
    path: Path
    jurisdiction: Jurisdiction
    title: str                       # "" when the manifest omits it: read from the text
    issued: str                      # YYYY-MM-DD or YYYY; "" when the manifest omits it: read from the text
    number: str | None
    script: str | None
    corrections: tuple[tuple[str, str], ...]
    line: int                        # where the entry starts in the manifest
    target_year: int | None = None   # the year a target with no year of its own is due (an annual plan's year)


# --- the text stages ----------------------------------------------------------------------------


Span = tuple[int, int, int]   # (text start, text end, locator): where ``text[start:end]`` stands in the file

#: The document metadata a reader keeps, by normalised key (the labels government pages use for it).
METADATA_KEYS = {
    "index": "索引号",
    "issuer": "发文机关/发布机构",
    "written": "成文日期",
    "published": "发布日期",
    "number": "文号",
    "title": "标题",
    "subject": "主题分类",
}


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """What a reader makes of one file: the text (paragraphs one per line, a table row per line with its
    cells separated by a TAB), the map back to the file, and the metadata the file carries.

    ``spans`` cover the text's lines in order; a span's locator is a page number (PDF), a source line
    (HTML, plain text) or a body block index (DOCX: paragraph or table, from 1). ``notes`` are warnings
    about the file (a page whose main text could not be told apart).
    """

    text: str
    format: str                                  # text | html | pdf | docx | doc
    encoding: str
    spans: tuple[Span, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()   # (key of METADATA_KEYS, value), in key order
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's text as read from its file: every offset in the graph points into ``text``.

    ``sha256`` is the original file's hash; ``format``, ``metadata``, ``spans`` and ``notes`` are the
    reader's (see :class:`ExtractedText`).

    >>> s = SourceText("x", Path("x.pdf"), "一行\\n二行\\n", "utf-8", "", "pdf", spans=((0, 3, 1), (3, 6, 2)))
    >>> s.pages(1, 4), s.locators(0, 2), SourceText("y", Path("y.txt"), "a", "utf-8", "").pages(0, 1)
    ((1, 2), (1,), ())
    """

    doc_id: str
    path: Path
    text: str
    encoding: str
    sha256: str
    format: str = "text"
    metadata: tuple[tuple[str, str], ...] = ()
    spans: tuple[Span, ...] = ()
    notes: tuple[str, ...] = ()

    def locators(self, start: int, end: int) -> tuple[int, ...]:
        """The locators (pages, source lines, blocks) behind ``text[start:end]``, each once, in order."""
        found: list[int] = []
        for span_start, span_end, locator in self.spans:
            if span_start < max(end, start + 1) and span_end > start and locator not in found:
                found.append(locator)
        return tuple(found)

    def pages(self, start: int, end: int) -> tuple[int, ...]:
        """The PDF page(s) holding ``text[start:end]``; () for a file that has no pages."""
        return self.locators(start, end) if self.format == "pdf" else ()

    def meta(self, key: str) -> str | None:
        """The metadata value under a key of :data:`METADATA_KEYS`, None where the file gives none."""
        return next((value for k, value in self.metadata if k == key), None)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A document's normalised text, its script as detected or declared, and the map to its source:
    ``text[i]`` stands for ``source.text[starts[i]:ends[i]]``."""

    source: SourceText
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    script: str

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``text[start:end]`` (end exclusive; non-empty slice)."""
        return self.starts[start], self.ends[end - 1]


class PartKind(Enum):
    """What a part of a document is; the value is the local name of its qg:ClauseKind."""

    TITLE = "Title"
    DOCUMENT_NUMBER = "DocumentNumber"
    ADDRESSEE = "Addressee"
    PREAMBLE = "Preamble"
    NOTICE = "NoticeText"
    CLAUSE = "NumberedClause"
    DASH_ITEM = "DashItem"
    CLOSING = "Closing"


NUMBERED = (PartKind.CLAUSE, PartKind.DASH_ITEM)


@dataclass(frozen=True, slots=True)
class Clause:
    """One part of a document; offsets into the normalised text and into the decoded source."""

    doc_id: str
    number: str            # 三.(一).1, or title.1 / preamble.1 / closing.1 for unnumbered parts
    slug: str              # the number for IRIs: 3-1-1, preamble-1
    kind: PartKind
    level: int             # depth in the tree: 1 for 一、, 0 for unnumbered parts
    order: int             # 1-based position in the document
    parent: str | None     # the parent's slug; None when the parent is the document
    marker: str            # the numbering marker as normalised, e.g. （一）
    heading: str | None
    text: str              # normalised own text (children excluded)
    start: int
    end: int
    source_start: int = field(compare=False)
    source_end: int = field(compare=False)
    rule: str = field(compare=False, default="")
    # a task table's row (rule ``table.row``): (role, column rule, start, end) of each non-empty cell,
    # offsets into ``text``; roles: number, task, lead, support, responsible, deadline, other
    cells: tuple[tuple[str, str, int, int], ...] = field(compare=False, default=())

    @property
    def numbered(self) -> bool:
        """Whether the part is a numbered clause or a dash item (not front matter or closing)."""
        return self.kind in NUMBERED


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document after the text stages: its manifest entry, normalised text and parts."""

    spec: DocumentSpec
    text: NormalisedText
    clauses: tuple[Clause, ...]
    facts: DocumentFacts | None = None   # title, number, issuer, date as the text states them


# --- extraction ---------------------------------------------------------------------------------


class Role(Enum):
    """A unit's role in a clause; the value is the local name of the qg:Role individual."""

    LEAD = "Lead"
    SUPPORT = "Support"
    RESPONSIBLE = "Responsible"


class LeadBasis(Enum):
    """Why a unit counts (or not) as a clause's lead; the local name of the qg:LeadBasis concept.

    Decided where the statement is read, so that every answer about leads reads it from the graph.
    """

    EXPLICIT = "ExplicitLead"          # marked 牵头 (by a role word, a label or a running-text rule)
    SOLE = "SoleResponsible"           # the only unit named as responsible
    FIRST_LISTED = "FirstListed"       # first of several jointly responsible units, none marked lead
    JOINT = "JointlyResponsible"       # another of several jointly responsible units
    SUPPORT = "Supporting"             # marked 配合
    COLLECTIVE = "Collective"          # a collective body (成员单位, 各地人民政府), never a lead

    @property
    def leads(self) -> bool:
        """Whether a unit on this basis is counted as the clause's lead in answers."""
        return self in (LeadBasis.EXPLICIT, LeadBasis.SOLE, LeadBasis.FIRST_LISTED)


@dataclass(frozen=True, slots=True)
class DepartmentType:
    """A concept of the department-type scheme (``ontology/department-types.ttl``)."""

    iri: str
    label_zh: str
    label_en: str
    known: bool = True

    @property
    def local(self) -> str:
        """The concept's local name: ``market-regulation``."""
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Assignment:
    """One unit named in one clause's responsibility statement."""

    clause: str            # the clause's slug
    label: str             # simplified, jurisdiction prefix restored
    written: str           # as it stands in the normalised text
    role: Role
    is_group: bool         # a collective body (成员单位, 各地人民政府), not a department
    position: int          # 1-based place in the statement's list
    start: int = field(compare=False)   # offsets of the name in the normalised text
    end: int = field(compare=False)
    rule: str = field(compare=False, default="")
    task: str | None = None             # for 分别 ("respectively"): the task this unit leads
    open_list: bool = field(compare=False, default=False)  # the list ended with 等
    basis: LeadBasis = field(compare=False, default=LeadBasis.JOINT)
    task_domain: str | None = field(compare=False, default=None)  # the domain IRI a 分别 task names
    inherited_from: str | None = field(compare=False, default=None)  # the heading's slug whose statement it is


class Comparator(Enum):
    """How a target's value is to be compared; the value is the local name of the qg:Comparator."""

    AT_LEAST = "AtLeast"
    GREATER_THAN = "GreaterThan"
    EQUAL = "Equal"
    AT_MOST = "AtMost"
    LESS_THAN = "LessThan"
    APPROXIMATELY = "Approximately"


class Change(Enum):
    """The direction of a target stated as a change; the value is the local name of the qg:Change."""

    INCREASE = "Increase"
    DECREASE = "Decrease"


@dataclass(frozen=True, slots=True)
class Target:
    """One quantitative commitment of one clause."""

    clause: str                 # the clause's slug
    metric: str                 # the indicator phrase, as written (生产企业工业产品质量监督抽查合格率)
    value: Decimal              # 万/亿 multiplied out; for a range, its lower bound
    unit: str                   # %, 个, 项, 家, 件, 分, 元 … (元 after 万元/亿元 are multiplied out)
    comparator: Comparator
    text: str                   # the phrase as it stands: the smallest span holding metric and value
    start: int = field(compare=False)   # offsets of ``text`` in the clause text
    end: int = field(compare=False)
    value_max: Decimal | None = None    # the upper bound of a range (1-2个)
    year: int | None = None             # stated (到2025年) or inherited from the heading
    annual: bool = False                # 每年, 年均
    change: Change | None = None        # 较2020年下降17%
    baseline_year: int | None = None
    reference: str | None = None        # 超过全省平均水平（全省88）→ 全省平均水平
    indicator: str | None = None        # IRI of a concept of ontology/indicators.ttl
    rule: str = field(compare=False, default="")


class DomainMethod(Enum):
    """How a domain was obtained; the local name of the qg:DomainMethod individual."""

    STATED = "Stated"
    INHERITED = "Inherited"
    INFERRED = "Inferred"


@dataclass(frozen=True, slots=True)
class DomainLabel:
    """One domain of one clause (or target), with how it was obtained."""

    clause: str                 # the clause's slug
    domain: str                 # the concept's IRI
    method: str                 # Stated, Inherited or Inferred (DomainMethod values)
    terms: tuple[str, ...]      # the words that decided it (heading phrase or lexicon terms)
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TargetExtraction:
    """A target with the domains it is counted under."""

    target: Target
    domains: tuple[DomainLabel, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a task table's row is due, as its deadline cell writes it (2024年6月底前, 长期坚持)."""

    clause: str                 # the clause's slug
    text: str                   # the cell as it stands (normalised)
    date: str | None            # YYYY-MM-DD, the last day of the period named; None when recurring or open
    start: int = field(compare=False)   # offsets of ``text`` in the clause text
    end: int = field(compare=False)
    rule: str = field(compare=False, default="")


@dataclass(frozen=True, slots=True)
class ClauseExtraction:
    """What one numbered or unnumbered part of a document says, beyond its text."""

    clause: Clause
    assignments: tuple[Assignment, ...] = ()
    domains: tuple[DomainLabel, ...] = ()
    keywords: tuple[str, ...] = ()
    targets: tuple[TargetExtraction, ...] = ()
    deadline: Deadline | None = None


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """A document's title, number, issuing body and issue date (YYYY-MM-DD) as its text states them."""

    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued: str | None = None
    notice_number: str | None = None    # the covering notice's own number and date, where it has one
    notice_issued: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything extracted from one parsed document: per part, and the units it names."""

    parsed: ParsedDocument
    clauses: tuple[ClauseExtraction, ...]
    department_types: tuple[tuple[str, DepartmentType], ...]   # (label, type) of each department named
    warnings: tuple[str, ...] = ()
    facts: DocumentFacts = DocumentFacts()
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (label kept, the other spellings merged into it)


# --- text reuse ---------------------------------------------------------------------------------

Run = tuple[str, str]   # ("=" | "+" | "-", text): a piece of an aligned passage's difference


@dataclass(frozen=True, slots=True)
class Reuse:
    """One passage of a later clause aligned with a passage of an earlier clause of another document.

    Spans are [start, end) offsets into each document's normalised text (``*_span``) and into its
    decoded source (``*_source_span``). ``aligned_length`` counts alignment columns (punctuation
    ignored); ``similarity`` is the share of them that are identical characters.
    """

    later_doc: str
    later_clause: str          # the clause's slug
    later_number: str
    earlier_doc: str
    earlier_clause: str
    earlier_number: str
    later_span: tuple[int, int]
    earlier_span: tuple[int, int]
    later_source_span: tuple[int, int] = field(compare=False)
    earlier_source_span: tuple[int, int] = field(compare=False)
    aligned_length: int = field(compare=False)
    similarity: Decimal = field(compare=False)
    later_text: str = field(compare=False)
    earlier_text: str = field(compare=False)
    diff: tuple[Run, ...] = field(compare=False)
    boilerplate: bool = field(compare=False)
    directed: bool = field(compare=False)   # False when both documents bear the same issue date


@dataclass(frozen=True, slots=True)
class ReuseClause:
    """What text reuse needs of one clause: its identity, numbering marker, own text and offset."""

    slug: str
    number: str
    marker: str
    text: str
    start: int
    order: int


@dataclass(frozen=True, slots=True)
class ReuseSignature:
    """What text reuse needs of one document, compact enough to hold for a national corpus: its id and
    issue date, the clauses long enough to share a passage, the map of its normalised text to its
    source as runs, and the grams of its text for telling boilerplate (dropped once counted).

    ``runs`` is a packed ``array('q')`` of (first offset, source start − offset, source width) per run
    of characters that map to the source alike.
    """

    doc_id: str
    issued: str
    clauses: tuple[ReuseClause, ...]
    runs: bytes
    grams: bytes = b""          # sorted distinct 64-bit hashes (packed ``array('Q')``)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``text[start:end]`` (end exclusive; non-empty slice)."""
        runs = memoryview(self.runs).cast("q")
        firsts = runs[0::3]

        def at(i: int) -> tuple[int, int]:
            n = bisect_right(firsts, i) - 1
            begin = runs[3 * n + 1] + i
            return begin, begin + runs[3 * n + 2]

        return at(start)[0], at(end - 1)[1]


# --- build and check ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    """What qgraph could and could not read in one document, for the analyst adding it."""

    document: str
    parts: int                  # every part: front matter, clauses, closing
    numbered: int               # numbered clauses (PartKind.CLAUSE), dash items not counted
    with_statement: int         # … of those, the ones naming a responsible unit themselves
    targets: int
    departments: int
    unknown_types: int          # departments whose type no qg:namePattern gives
    dash_items: int = 0         # dash items (PartKind.DASH_ITEM), counted apart from numbered clauses
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (label kept, spellings merged into it)

    @property
    def merged_names(self) -> int:
        """How many spellings were merged into another of the same unit."""
        return sum(len(variants) for _label, variants in self.merges)

    @property
    def without_statement(self) -> int:
        """Numbered clauses that name no unit themselves (headings, or work nobody is assigned)."""
        return self.numbered - self.with_statement


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, for its last line."""

    path: Path
    documents: int
    clauses: int
    departments: int
    unknown_departments: int
    triples: int
    seconds: float
    warnings: tuple[str, ...] = ()
    coverage: tuple[Coverage, ...] = ()


@dataclass(frozen=True, slots=True)
class Violation:
    """One failed check: the focus node, the property path, the message and the constraint (or check file)."""

    focus: str
    path: str
    message: str
    constraint: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message} ({self.constraint})"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of checking a graph: the shapes and every violation query."""

    conforms: bool
    violations: tuple[Violation, ...]


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """One document's checks, made in its worker (:mod:`qgraph.check.document`): the shape violations
    and the check-query rows whose focus is its own, and whether its triples stay within it (``contained``:
    no node of another document named, no node outside its own IRIs described; else the parent checks the
    whole graph)."""

    doc_id: str
    shapes: tuple[Violation, ...] = ()
    rows: tuple[Violation, ...] = ()
    contained: bool = True
    reuse_clauses: bool = False   # every clause of its reuse signature is typed qg:Clause in its triples


@dataclass(frozen=True, slots=True)
class DocumentCounts:
    """One document's rows of the build's aggregation queries (:mod:`qgraph.graph.aggregates`), counted in its
    worker and summed over the corpus in the parent: per data set, its columns and its rows, each value in its
    N-Triples form ("" when unbound)."""

    datasets: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = ()


# --- answers ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Results:
    """The answer to a SELECT: column names in order, and one dict per row (None where unbound).

    >>> Results(("n",), ({"n": 3},)).rows[0]["n"]
    3
    """

    columns: tuple[str, ...]
    rows: tuple[dict[str, object], ...]
