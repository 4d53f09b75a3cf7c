"""Text reuse: passages a later document shares with an earlier one, clause by clause.

Find, then annotate, as the Legislative Influence Detector does: candidate clause pairs come from
MinHash/LSH over the character shingles of each clause's phrases; only candidates are aligned
(local alignment scored match 3, mismatch −1, gap −2 along rapidfuzz's Indel alignment, punctuation
ignored); each aligned passage of at least ``min_chars`` identical characters becomes a
:class:`Reuse` with exact spans, its diff, and whether it is boilerplate. Settings, scores and
formulas live in ``rules/reuse.yaml``.

Identical clauses (same normalised text) are aligned once, as a group. Reuse then forms a star,
not a clique: every clause of a group points to the group's earliest clause (issue date, then
document id), and between two groups every clause of the later group points to the earliest clause
of the earlier one.

>>> from qgraph.pipeline import parse_corpus
>>> from qgraph.resources import repo_data_dir
>>> docs = parse_corpus(repo_data_dir() / "documents.yaml")
>>> found = [r for r in find_reuse(docs) if "四个最严" in r.later_text]
>>> [(r.later_number, r.earlier_number, r.directed, r.later_doc > r.earlier_doc) for r in found]
[('二.(二)', '五.(一)', True, True)]
"""
from __future__ import annotations

import hashlib
import heapq
import os
import re
import tempfile
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from qgraph.model import Clause, ParsedDocument, Reuse, ReuseClause, ReuseSignature
from qgraph.rules import RuleSet, default_rules
from qgraph.strings import text_diff


@dataclass(frozen=True)
class _Rules:
    punctuation: re.Pattern[str]
    phrase_breaks: re.Pattern[str]
    phrase_min_chars: int
    shingle_size: int
    num_perm: int
    lsh_threshold: float
    max_candidates: int
    match: int
    mismatch: int
    gap: int
    x_drop: int
    gram: int
    share: float
    formulas: tuple[tuple[re.Pattern[str], str], ...]


def reuse_rules(rule_set: RuleSet | None = None) -> _Rules:
    """``reuse.yaml`` compiled, once per rule set (the shipped rules when none is given)."""
    return (rule_set or default_rules()).compiled(_compile)


def _compile(rule_set: RuleSet) -> _Rules:
    rules = rule_set.file("reuse.yaml")
    minhash, alignment, boiler = (rules.setting(n) for n in ("minhash", "alignment", "boilerplate"))
    return _Rules(
        punctuation=re.compile(rules.setting("punctuation")),
        phrase_breaks=re.compile(rules.setting("phrase_breaks")),
        phrase_min_chars=int(rules.setting("phrase_min_chars")),
        shingle_size=int(minhash["shingle_size"]), num_perm=int(minhash["num_perm"]),
        lsh_threshold=float(minhash["lsh_threshold"]), max_candidates=int(minhash["max_candidates"]),
        match=int(alignment["match"]), mismatch=int(alignment["mismatch"]), gap=int(alignment["gap"]),
        x_drop=int(alignment["x_drop"]),
        gram=int(boiler["gram"]), share=float(boiler["share"]),
        formulas=tuple((rules.regex(e), e["id"]) for e in rules.entries("formulas")),
    )


# --- keys: text without punctuation, with the map back -------------------------------------------

@dataclass(frozen=True, slots=True)
class _Keyed:
    key: str                    # the text with punctuation removed
    at: tuple[int, ...]         # at[i]: offset in the text of key[i]


@lru_cache(maxsize=4096)   # a clause is aligned with several others
def _keyed(text: str, rules: _Rules, start: int = 0) -> _Keyed:
    import numpy as np  # lazy: start-up time

    points = np.frombuffer(text[start:].encode("utf-32-le"), dtype=np.uint32)
    plane = points < 0x10000
    ignored = np.zeros(len(points), dtype=bool)
    ignored[plane] = _punctuation_table(rules.punctuation)[points[plane]]
    for i in (~plane).nonzero()[0].tolist():   # beyond the Basic Multilingual Plane: rare, asked one by one
        ignored[i] = bool(rules.punctuation.match(chr(points[i])))
    kept = ~ignored
    return _Keyed(points[kept].tobytes().decode("utf-32-le"), tuple((kept.nonzero()[0] + start).tolist()))


@lru_cache(maxsize=4)
def _punctuation_table(punctuation: re.Pattern[str]) -> Any:
    """Whether each character of the Basic Multilingual Plane is punctuation (a lookup per code point, made
    once: asking the pattern character by character was a tenth of a build's reuse)."""
    import numpy as np  # lazy: start-up time

    return np.fromiter((bool(punctuation.match(chr(c))) for c in range(0x10000)), dtype=bool, count=0x10000)


# --- alignment --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Passage:
    """An aligned passage of two texts x and y: [start, end) in each text, as computed once."""

    x: tuple[int, int]
    y: tuple[int, int]
    columns: int
    identical: int


def align(x: str, y: str, min_chars: int = 20, x_from: int = 0, y_from: int = 0,
          rules: _Rules | None = None) -> list[_Passage]:
    """Every local alignment of x and y with at least ``min_chars`` identical characters.

    The alignment's columns come in runs (matches, mismatches, gaps in x, gaps in y), each run's
    columns scoring alike, so the X-drop scan steps from run to run: a passage starts and ends on a
    run of matches, and within a run of losses it closes at the column the score reaches zero or
    falls ``x_drop`` below its best.

    >>> [(x[p.x[0]:p.x[1]], p.identical) for x in ["甲乙。严格落实食品安全“四个最严”要求，丙丁"]
    ...  for p in align(x, "戊己严格落实食品安全四个最严要求，庚", min_chars=10)]
    [('严格落实食品安全“四个最严”要求', 14)]
    """
    rules = rules or reuse_rules()
    kx, ky = _keyed(x, rules, x_from), _keyed(y, rules, y_from)
    runs = _runs(kx.key, ky.key, rules)
    passages: list[_Passage] = []

    def close(first: int, last: int) -> None:
        if first < 0:
            return
        span = runs[first:last + 1]
        identical = sum(r[1] for r in span if r[4])
        if identical < min_chars:
            return
        xs = [r for r in span if r[2] >= 0]
        ys = [r for r in span if r[3] >= 0]
        passages.append(_Passage((kx.at[xs[0][2]], kx.at[xs[-1][2] + xs[-1][1] - 1] + 1),
                                 (ky.at[ys[0][3]], ky.at[ys[-1][3] + ys[-1][1] - 1] + 1),
                                 sum(r[1] for r in span), identical))

    score = best = 0
    first = best_end = -1
    for n, (points, length, _i, _j, _same) in enumerate(runs):
        if points > 0:
            if first < 0:
                first, score, best = n, 0, 0
            score += points * length
            if score > best:
                best, best_end = score, n
        elif first >= 0 and points < 0:
            loss = -points
            # the first column of the run where score <= 0 or best - score > x_drop, if any
            closes = min(-(-score // loss), (rules.x_drop - (best - score)) // loss + 1)
            if closes <= length:
                close(first, best_end)
                first, score = -1, 0
            else:
                score -= loss * length
    close(first, best_end)
    return passages


def _runs(kx: str, ky: str, rules: _Rules) -> list[tuple[int, int, int, int, bool]]:
    """The alignment's columns along rapidfuzz's Indel alignment, as runs: (points per column, columns,
    first i in kx or -1, first j in ky or -1, identical). Between two runs of matches, the deleted and
    inserted characters pair off as mismatches, and the rest are gaps."""
    from rapidfuzz.distance import Indel  # lazy: start-up time

    runs: list[tuple[int, int, int, int, bool]] = []
    match, mismatch, gap = rules.match, rules.mismatch, rules.gap
    deleted = inserted = d_start = i_start = 0
    opcodes: list[tuple[str, int, int, int, int]] = Indel.opcodes(kx, ky).as_list()  # type: ignore[assignment]
    for tag, src_start, src_end, dest_start, dest_end in opcodes:
        if tag == "equal":
            if deleted or inserted:
                _losses(runs, deleted, inserted, d_start, i_start, mismatch, gap)
                deleted = inserted = 0
            runs.append((match, src_end - src_start, src_start, dest_start, True))
        elif tag == "delete":
            if not deleted:
                d_start = src_start
            deleted += src_end - src_start
        elif tag == "insert":
            if not inserted:
                i_start = dest_start
            inserted += dest_end - dest_start
    if deleted or inserted:
        _losses(runs, deleted, inserted, d_start, i_start, mismatch, gap)
    return runs


def _losses(runs: list[tuple[int, int, int, int, bool]], deleted: int, inserted: int, d_start: int, i_start: int,
            mismatch: int, gap: int) -> None:
    """The runs of the characters deleted and inserted between two runs of matches: paired off as
    mismatches, the rest gaps."""
    paired = min(deleted, inserted)
    if paired:
        runs.append((mismatch, paired, d_start, i_start, False))
    if deleted > paired:
        runs.append((gap, deleted - paired, d_start + paired, -1, False))
    if inserted > paired:
        runs.append((gap, inserted - paired, -1, i_start + paired, False))


# --- candidates -------------------------------------------------------------------------------------

class SignatureShelf:
    """Reuse signatures kept as the documents come, their clauses' texts and runs in a temporary file.

    As Python strings a national corpus's clause texts take most of a build's memory (77 KB a document),
    while reuse reads each only a few times: its group's first clause, the pairs aligned, the passages
    annotated. In memory stay each document's id, date and clauses without their texts, and for each
    clause the digest of its own words (what groups identical clauses) and their length; a text is read
    back when asked (the last :attr:`CACHED` kept).

    >>> from qgraph.pipeline import parse_text
    >>> shelf = SignatureShelf()
    >>> text = "一、加强监管\\n（一）强化食品安全抽检，严格落实食品安全“四个最严”要求。"
    >>> shelf.add(reuse_signature(parse_text(text)))
    >>> shelf.signatures[0].clauses[0].text, shelf.text(0)[:6], shelf.source_span(0, 7, 11)
    ('', '（一）强化食', (7, 11))
    """

    CACHED = 1 << 14

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115  (gone with the shelf or the process)
        self.written = 0
        self.unflushed = False
        self.signatures: list[ReuseSignature] = []
        self.first_clause = array("q")   # per document, its first clause's number
        self.runs_at = array("q")        # per document, where its runs start in the file, and their length
        self.text_at = array("q")        # per clause, where its text starts in the file, and its length
        self.body_chars = array("q")     # per clause, the characters of its own words (after the marker)
        self.digests = bytearray()       # per clause, 16 bytes: the digest of its own words
        self.strings: dict[str, str] = {}  # the slugs, numbers and markers held, each once
        self.text = lru_cache(maxsize=self.CACHED)(self._read_text)
        self._runs = lru_cache(maxsize=256)(self._read_runs)

    def add(self, signature: ReuseSignature) -> None:
        """Keep one document's signature (its grams are not kept: a :class:`GramCounter` counts them)."""
        self.first_clause.append(len(self.body_chars))
        self.runs_at.extend((self.written, len(signature.runs)))
        self._write(signature.runs)
        for clause in signature.clauses:
            body = clause.text[_body_start(clause):]
            self.body_chars.append(len(body))
            self.digests += hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest()
            data = clause.text.encode("utf-8")
            self.text_at.extend((self.written, len(data)))
            self._write(data)
        self.signatures.append(replace(signature, grams=b"", runs=b"", clauses=tuple(
            ReuseClause(self._same(c.slug), self._same(c.number), self._same(c.marker), "", c.start, c.order)
            for c in signature.clauses)))

    def _same(self, text: str) -> str:
        """One string for equal ones: clause slugs, numbers and markers repeat across a corpus's documents
        (``一.(二)``, ``（二）``), and each document's came unpickled as strings of its own."""
        return self.strings.setdefault(text, text)

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.written += len(data)
        self.unflushed = True

    def _read(self, start: int, length: int) -> bytes:
        if self.unflushed:
            self.file.flush()
            self.unflushed = False
        return os.pread(self.file.fileno(), length, start)

    def _read_text(self, at: int) -> str:
        return self._read(self.text_at[2 * at], self.text_at[2 * at + 1]).decode("utf-8")

    def _read_runs(self, doc: int) -> ReuseSignature:
        start, length = self.runs_at[2 * doc], self.runs_at[2 * doc + 1]
        return ReuseSignature(self.signatures[doc].doc_id, "", (), self._read(start, length))

    def digest(self, at: int) -> bytes:
        """The digest of clause AT's own words."""
        return bytes(self.digests[16 * at:16 * at + 16])

    def source_span(self, at: int, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``text[start:end]`` of the document of clause AT (its normalised text)."""
        return self._runs(bisect_right(self.first_clause, at) - 1).source_span(start, end)

    def close(self) -> None:
        """Remove the file (the shelf cannot be read after)."""
        self.file.close()


@dataclass(frozen=True, slots=True)
class _Member:
    doc: ReuseSignature        # without its clauses' texts and runs: they are on the shelf
    clause: ReuseClause
    date: tuple[int, int, int]
    precision: int             # 1 year, 3 day
    shelf: SignatureShelf
    at: int                    # the clause's number on the shelf

    @property
    def order(self) -> tuple:
        return (self.date, self.doc.doc_id, self.clause.order)

    @property
    def text(self) -> str:
        return self.shelf.text(self.at)

    @property
    def body_start(self) -> int:
        return _body_start(self.clause, self.text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.shelf.source_span(self.at, start, end)


def _date(issued: str) -> tuple[tuple[int, int, int], int]:
    parts = [int(p) for p in str(issued).split("-")]
    return (tuple(parts + [0] * (3 - len(parts))), len(parts))  # type: ignore[return-value]


def _same_date(a: _Member, b: _Member) -> bool:
    precision = min(a.precision, b.precision)
    return a.date[:precision] == b.date[:precision]


def _body_start(clause: Clause | ReuseClause, text: str | None = None) -> int:
    """Where a clause's own words start (in TEXT, its text when it is kept apart): after its numbering marker."""
    text = clause.text if text is None else text
    return len(clause.marker) if clause.marker and text.startswith(clause.marker) else 0


MINHASH_BATCH = 4096


def _candidate_groups(groups: list[list[_Member]], rules: _Rules) -> set[tuple[int, int]]:
    """Pairs of groups (by index) that share a phrase of similar shingles (MinHash + LSH): for each
    group, the ``max_candidates`` earliest earlier groups it shares one with, since reuse points to
    the earliest clause holding a passage. Phrases go into the LSH index earliest first, and a phrase
    with that many earlier neighbours already is not put in, so a family of near copies (one clause
    in a thousand plans, each naming its own city) costs in proportion to its size, not its square."""
    from datasketch import MinHash, MinHashLSH  # lazy: start-up time

    limit = rules.max_candidates
    rank = {g: r for r, g in enumerate(sorted(range(len(groups)), key=lambda g: groups[g][0].order))}
    holders: dict[str, set[int]] = defaultdict(set)
    for g, members in enumerate(groups):
        first = members[0]
        for phrase in rules.phrase_breaks.split(first.text[first.body_start:]):
            key = rules.punctuation.sub("", phrase)
            if len(key) >= rules.phrase_min_chars:
                holders[key].add(rank[g])
    held = {key: sorted(ranks) for key, ranks in holders.items()}
    keys = sorted(held, key=lambda key: (held[key][0], key))
    k = rules.shingle_size
    lsh = MinHashLSH(threshold=rules.lsh_threshold, num_perm=rules.num_perm)
    earliest: dict[int, list[int]] = defaultdict(list)
    hashes: list[Any] = []
    for n, key in enumerate(keys):
        if n % MINHASH_BATCH == 0:   # hashed a batch at a time: not every phrase's MinHash at once
            hashes = MinHash.bulk([[key[i:i + k].encode("utf-8") for i in range(len(key) - k + 1)]
                                   for key in keys[n:n + MINHASH_BATCH]], num_perm=rules.num_perm)
        minhash = hashes[n % MINHASH_BATCH]
        near = lsh.query(minhash)
        pool = heapq.nsmallest(limit + 1, set(held[key][:limit + 1]).union(
            *(held[keys[m]][:limit + 1] for m in near)))
        for a in held[key]:
            found = [b for b in pool if b < a][:limit]
            if found:
                earliest[a] = heapq.nsmallest(limit, set(earliest[a]).union(found))
        if len(near) < limit:
            lsh.insert(n, minhash, check_duplication=False)
    by_rank = {r: g for g, r in rank.items()}
    return {(min(by_rank[a], by_rank[b]), max(by_rank[a], by_rank[b])) for a, bs in earliest.items() for b in bs}


# --- boilerplate ------------------------------------------------------------------------------------

_PRIME = 0x100000001B3   # FNV's 64-bit prime: the base of the polynomial over a gram's code points


def _gram_hashes(key: str, g: int) -> Any:
    """A 64-bit hash of every gram of ``g`` characters of ``key``, in order (numpy, all at once)."""
    import numpy as np  # lazy: start-up time

    n = len(key) - g + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    hashes = np.zeros(n, dtype=np.uint64)
    for j in range(g):
        hashes = hashes * np.uint64(_PRIME) + points[j:j + n]
    hashes ^= hashes >> np.uint64(33)                      # mixed, as splitmix64 ends
    hashes *= np.uint64(0xFF51AFD7ED558CCD)
    return hashes ^ (hashes >> np.uint64(33))


def text_grams(text: str, rules: _Rules) -> bytes:
    """The distinct grams of a text (punctuation removed) as sorted 64-bit hashes, packed."""
    import numpy as np  # lazy: start-up time

    return np.unique(_gram_hashes(rules.punctuation.sub("", text), rules.gram)).tobytes()


class GramCounter:
    """Which grams occur in more than half of the documents, counted as documents stream by, in memory
    bounded by a chunk of documents: a gram in more than half of all documents is in more than half of
    some chunk's, so each chunk names candidates, and a second pass over the grams (kept in a temporary
    file) counts only the candidates."""

    CHUNK = 256

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by common; gone with the process)
        self.sizes: list[int] = []
        self.chunk: list[bytes] = []
        self.candidates: set[int] = set()

    def add(self, grams: bytes) -> None:
        """One document's grams (:func:`text_grams`)."""
        self.file.write(grams)
        self.sizes.append(len(grams))
        self.chunk.append(grams)
        if len(self.chunk) >= self.CHUNK:
            self._close_chunk()

    def _close_chunk(self) -> None:
        import numpy as np  # lazy: start-up time

        if self.chunk:
            values, counts = np.unique(np.frombuffer(b"".join(self.chunk), dtype=np.uint64), return_counts=True)
            self.candidates.update(int(v) for v in values[counts * 2 > len(self.chunk)])
        self.chunk = []

    def common(self) -> frozenset[int]:
        """The grams (hashes) in more than half of the documents added."""
        import numpy as np  # lazy: start-up time

        self._close_chunk()
        candidates = np.array(sorted(self.candidates), dtype=np.uint64)
        totals = np.zeros(len(candidates), dtype=np.int64)
        self.file.seek(0)
        for size in self.sizes:
            grams = np.frombuffer(self.file.read(size), dtype=np.uint64)
            totals += np.isin(candidates, grams, assume_unique=True)
        self.file.close()
        return frozenset(int(v) for v in candidates[totals * 2 > len(self.sizes)])


class _Boilerplate:
    """Is a passage boilerplate? Its grams' document frequency, and the formulas of the rule file."""

    def __init__(self, common: frozenset[int], rules: _Rules) -> None:
        import numpy as np  # lazy: start-up time

        self.rules = rules
        self.common = np.array(sorted(common), dtype=np.uint64)
        self.cache: dict[str, bool] = {}

    CACHED = 1 << 17   # passages whose verdict is kept: a passage recurs across the documents that copy it

    def __call__(self, passage: str) -> bool:
        import numpy as np  # lazy: start-up time

        key = self.rules.punctuation.sub("", passage)
        if key not in self.cache:
            g = self.rules.gram
            grams = _gram_hashes(key, g)
            at = self.common.searchsorted(grams).clip(max=max(len(self.common) - 1, 0))
            hits = (self.common[at] == grams).nonzero()[0] if len(self.common) else np.zeros(0, dtype=np.int64)
            spans = [m.span() for pattern, _id in self.rules.formulas for m in pattern.finditer(key)]
            starts = np.concatenate([hits, np.array([s for s, _e in spans], dtype=np.int64)])
            ends = np.concatenate([hits + g, np.array([e for _s, e in spans], dtype=np.int64)])
            # the characters of the union of the spans: where more spans have started than ended
            depth = np.cumsum(np.bincount(starts, minlength=len(key) + 1) - np.bincount(ends, minlength=len(key) + 1))
            covered = int((depth[:len(key)] > 0).sum())
            if len(self.cache) >= self.CACHED:
                self.cache.clear()
            self.cache[key] = bool(key) and covered >= self.rules.share * len(key)
        return self.cache[key]


def reuse_signature(parsed: ParsedDocument, rule_set: RuleSet | None = None, min_chars: int = 20) -> ReuseSignature:
    """What :func:`find_reuse` needs of a parsed document: made where it is parsed, so that a build
    never holds (or parses again) every document.

    >>> from qgraph.pipeline import parse_text
    >>> sig = reuse_signature(parse_text("一、加强监管\\n（一）强化食品安全抽检，严格落实食品安全“四个最严”要求。"))
    >>> [(c.number, c.start, c.text[:6]) for c in sig.clauses], sig.source_span(7, 11)
    ([('一.(一)', 7, '（一）强化食')], (7, 11))
    """
    rules = reuse_rules(rule_set)
    clauses = tuple(ReuseClause(c.slug, c.number, c.marker, c.text, c.start, c.order) for c in parsed.clauses
                    if len(c.text) - _body_start(c) >= min_chars)
    text = parsed.text
    runs: list[int] = []
    previous = None
    for i, (start, end) in enumerate(zip(text.starts, text.ends, strict=True)):
        shape = (start - i, end - start)
        if shape != previous:
            runs.extend((i, *shape))
            previous = shape
    return ReuseSignature(parsed.spec.id, str(parsed.spec.issued), clauses, array("q", runs).tobytes(),
                          text_grams(text.text, rules))


# --- find, then annotate ----------------------------------------------------------------------------

class _Found:
    """Every reuse found, before it is annotated, in three ints (the later clause and the earlier one, as
    indices of members, and the aligned passage), the passages' spans and counts packed: a national
    corpus's reuse in tens of megabytes, without its texts and diffs."""

    def __init__(self, members: list[_Member]) -> None:
        self.members = members
        self.index = {id(m): n for n, m in enumerate(members)}
        self.passages = array("q")   # x start, x end, y start, y end, columns, identical: x in the later clause
        self.reuses = array("q")     # later member, earlier member, passage

    def aligned(self, passages: list[_Passage]) -> range:
        """Keep the passages of one alignment; their numbers."""
        first = len(self.passages) // 6
        for p in passages:
            self.passages.extend((*p.x, *p.y, p.columns, p.identical))
        return range(first, first + len(passages))

    def add(self, later: _Member, earlier: _Member, passages: range) -> None:
        """The later clause shares these passages with the earlier one."""
        a, b = self.index[id(later)], self.index[id(earlier)]
        for p in passages:
            self.reuses.extend((a, b, p))

    def order(self) -> Any:
        """The reuses' numbers by later document id, earlier document id, later span, earlier span, and
        then as found."""
        import numpy as np  # lazy: start-up time

        reuses = np.frombuffer(self.reuses, dtype=np.int64).reshape(-1, 3)
        passages = np.frombuffer(self.passages, dtype=np.int64).reshape(-1, 6)
        ids = sorted({m.doc.doc_id for m in self.members})
        rank = {doc_id: n for n, doc_id in enumerate(ids)}
        doc_rank = np.array([rank[m.doc.doc_id] for m in self.members], dtype=np.int64)
        start = np.array([m.clause.start for m in self.members], dtype=np.int64)
        later, earlier, spans = start[reuses[:, 0]], start[reuses[:, 1]], passages[reuses[:, 2]]
        return np.lexsort((np.arange(len(reuses)), earlier + spans[:, 3], earlier + spans[:, 2],
                           later + spans[:, 1], later + spans[:, 0], doc_rank[reuses[:, 1]],
                           doc_rank[reuses[:, 0]]))


def _groups(shelf: SignatureShelf, min_chars: int) -> list[list[_Member]]:
    """The clauses of at least MIN_CHARS own characters grouped by their own words' digest (identical
    clauses together), each group earliest first, the groups in the order of their digests."""
    by_text: dict[bytes, list[_Member]] = defaultdict(list)
    for doc, first in zip(shelf.signatures, shelf.first_clause, strict=False):
        date, precision = _date(doc.issued)
        for k, clause in enumerate(doc.clauses):
            at = first + k
            if shelf.body_chars[at] >= min_chars:
                by_text[shelf.digest(at)].append(_Member(doc, clause, date, precision, shelf, at))
    return [sorted(members, key=lambda m: m.order) for _, members in sorted(by_text.items())]


def _find(groups: list[list[_Member]], pairs: Any, min_chars: int, rules: _Rules) -> _Found:
    """Every passage identical clauses share (a group's), and candidate groups (PAIRS, sorted) share."""
    found = _Found([m for members in groups for m in members])

    def earliest_other(members: list[_Member], doc_id: str) -> _Member | None:
        return next((m for m in members if m.doc.doc_id != doc_id), None)

    # within a group: identical clauses, each pointing to the group's earliest (another document's)
    for members in groups:
        if len({m.doc.doc_id for m in members}) < 2:
            continue
        first_member = members[0]
        text, start = first_member.text, first_member.body_start
        passages = found.aligned(align(text, text, min_chars, start, start, rules))
        for later in members[1:]:
            earlier = earliest_other(members, later.doc.doc_id)
            if earlier is not None and earlier.order < later.order:
                found.add(later, earlier, passages)

    # between groups: each clause of the later group points to the earliest clause of the earlier group
    for a, b in pairs.tolist():
        ga, gb = groups[a], groups[b]
        if ga[0].order > gb[0].order:
            ga, gb = gb, ga
        x, y = ga[0], gb[0]
        aligned = align(y.text, x.text, min_chars, y.body_start, x.body_start, rules)
        if not aligned:
            continue
        passages = found.aligned(aligned)
        for later in gb:
            earlier = earliest_other(ga, later.doc.doc_id)
            if earlier is not None and earlier.order < later.order:  # else `later` holds it first
                found.add(later, earlier, passages)
    return found


class ReuseSearch:
    """:func:`reuse_by_document` in two steps, so a build can choose when each runs: made, it finds the
    candidate pairs (MinHash + LSH over the clauses' phrases: the step whose memory grows fastest with a
    corpus, given back when it ends); :meth:`by_document` then aligns and annotates, a later document at a
    time. SHELF holds the documents' signatures, COMMON the grams counted over them (a
    :class:`GramCounter`'s)."""

    def __init__(self, shelf: SignatureShelf, common: frozenset[int], min_chars: int = 20,
                 rule_set: RuleSet | None = None) -> None:
        import numpy as np  # lazy: start-up time

        self.shelf, self.common, self.min_chars = shelf, common, min_chars
        self.rules = reuse_rules(rule_set)
        self.groups = _groups(shelf, min_chars)
        pairs = sorted(_candidate_groups(self.groups, self.rules))
        self.pairs = np.array(pairs, dtype=np.int64).reshape(-1, 2)   # not a set of tuples: millions of them

    def by_document(self, diffs: bool = True) -> Iterator[list[Reuse]]:
        """The reuses found, a later document at a time (see :func:`reuse_by_document`)."""
        found = _find(self.groups, self.pairs, self.min_chars, self.rules)
        boilerplate = _Boilerplate(self.common, self.rules)
        text_diffs: dict[tuple[str, str], tuple] = {}
        passages = memoryview(found.passages)
        batch: list[Reuse] = []
        for n in found.order().tolist():
            later, earlier, p = found.reuses[3 * n:3 * n + 3]
            reuse = _reuse(found.members[later], found.members[earlier], passages[6 * p:6 * p + 6], boilerplate,
                           text_diffs if diffs else None)
            if batch and batch[-1].later_doc != reuse.later_doc:
                yield batch
                batch = []
                text_diffs.clear()
            batch.append(reuse)
        if batch:
            yield batch


def reuse_by_document(documents: Sequence[ParsedDocument | ReuseSignature] | SignatureShelf, min_chars: int = 20,
                      rule_set: RuleSet | None = None, common: frozenset[int] | None = None,
                      diffs: bool = True) -> Iterator[list[Reuse]]:
    """What :func:`find_reuse` finds, a later document at a time (in order of its id, each one's passages
    by earlier document, then span): a build annotates, writes and forgets one document's before the
    next's. Without ``diffs`` each :class:`Reuse` has an empty ``diff`` (the graph does not hold it).
    DOCUMENTS may also be a :class:`SignatureShelf` of their signatures, with the ``common`` grams counted."""
    if isinstance(documents, SignatureShelf):
        shelf = documents
    else:
        signatures = [d if isinstance(d, ReuseSignature) else reuse_signature(d, rule_set, min_chars)
                      for d in documents]
        if common is None:
            counter = GramCounter()
            for signature in signatures:
                counter.add(signature.grams)
            common = counter.common()
        shelf = SignatureShelf()
        for signature in signatures:
            shelf.add(signature)
        del signatures
    if common is None:
        raise ValueError("a shelf's signatures come with their common grams (a GramCounter's)")
    yield from ReuseSearch(shelf, common, min_chars, rule_set).by_document(diffs)


def _reuse(later: _Member, earlier: _Member, passage: Sequence[int], boilerplate: _Boilerplate,
           diffs: dict | None) -> Reuse:
    la, lb, ea, eb, columns, identical = passage
    lc, ec = later.clause, earlier.clause
    later_text, earlier_text = later.text[la:lb], earlier.text[ea:eb]
    diff: tuple = ()
    if diffs is not None:
        if (earlier_text, later_text) not in diffs:
            diffs[(earlier_text, later_text)] = text_diff(earlier_text, later_text)
        diff = diffs[(earlier_text, later_text)]
    ls, es = (lc.start + la, lc.start + lb), (ec.start + ea, ec.start + eb)
    return Reuse(
        later_doc=later.doc.doc_id, later_clause=lc.slug, later_number=lc.number,
        earlier_doc=earlier.doc.doc_id, earlier_clause=ec.slug, earlier_number=ec.number,
        later_span=ls, earlier_span=es,
        later_source_span=later.source_span(*ls), earlier_source_span=earlier.source_span(*es),
        aligned_length=columns,
        similarity=(Decimal(identical) / Decimal(columns)).quantize(Decimal("0.001")),
        later_text=later_text, earlier_text=earlier_text, diff=diff,
        boilerplate=boilerplate(later_text), directed=not _same_date(later, earlier))


def find_reuse(documents: Sequence[ParsedDocument | ReuseSignature], min_chars: int = 20,
               rule_set: RuleSet | None = None, common: frozenset[int] | None = None) -> list[Reuse]:
    """Every passage of at least ``min_chars`` identical characters that a clause shares with a clause
    of another document, pointing from the later clause to the earliest one holding it.

    Documents are parsed documents or their :func:`reuse_signature` (made with the same ``min_chars``);
    ``common`` is the boilerplate grams of a :class:`GramCounter` the signatures' grams went to, when
    they were dropped (counted from the signatures otherwise)."""
    found = [r for batch in reuse_by_document(documents, min_chars, rule_set, common) for r in batch]
    found.sort(key=lambda r: (r.later_doc, r.later_span, r.earlier_doc, r.earlier_span))
    return found


def summarise(reuses: Sequence[Reuse], documents: Sequence[ParsedDocument] = ()) -> list[dict[str, Any]]:
    """One row per (later, earlier) document pair: passages (and how many are boilerplate), and the
    characters of the later document's normalised text covered by non-boilerplate passages, each
    character counted once; with ``documents``, also their share of the later text."""
    length = {d.spec.id: len(d.text.text) for d in documents}
    pairs: dict[tuple[str, str], list[Reuse]] = defaultdict(list)
    for r in reuses:
        pairs[(r.later_doc, r.earlier_doc)].append(r)
    rows: list[dict[str, Any]] = []
    for (later, earlier), found in pairs.items():
        covered: set[int] = set()
        for r in found:
            if not r.boilerplate:
                covered.update(range(*r.later_span))
        row = {"later": later, "earlier": earlier, "passages": len(found),
               "boilerplate": sum(r.boilerplate for r in found), "characters": len(covered),
               "directed": all(r.directed for r in found)}
        if later in length:
            row["share"] = round(len(covered) / length[later], 3)
        rows.append(row)
    rows.sort(key=lambda row: (-row["characters"], row["later"], row["earlier"]))
    return rows
