"""The simple compiled checks of one document evaluated in Python, each document's data read once.

A worker checks each document with the 136 compiled checks of :data:`~qgraph.check.document.DOCUMENT_SHAPES`
(:mod:`qgraph.check.compiled`); as SPARQL each one finds its focus nodes again
(``?focus rdf:type/rdfs:subClassOf* C``) and reads its path again. The compiler states with each check
what it decides, as data (:class:`~qgraph.check.compiled.Form`): sh:minCount 1, sh:maxCount, sh:lessThan,
or a value test — sh:datatype, sh:class, sh:in (of IRIs), sh:minInclusive and the other ranges with an
integer bound, sh:minLength, sh:languageIn, sh:or of these and sh:node of a shape holding one of them
(sh:hasValue of an IRI among them) — each on an IRI path and a class or subjects-of target. :func:`plan`
makes each such form a :class:`NativeCheck` (a value test becomes a Python function of the value);
:class:`NativeChecks` then reads each path's values from the document's graphs once, finds the focus
nodes of each target once (the ontology's subclass closure and values are read once per checker), and
decides every check by a pass over them. A check without a form (a pattern, a qualified count, a
sh:hasValue of the focus node …) stays a SPARQL query. Nothing here reads a query's text.

The result is the SPARQL's, violation for violation: one per focus node for counts (COUNT DISTINCT
values), one per distinct value otherwise, with the check's shape, path, message and component. The
values are read from the store, so they are its terms (``"05"^^xsd:integer`` stored as ``"5"``), and a
literal whose test Python cannot settle exactly (a date's form for ``xsd:date(?value)``, a decimal
against a bound, an integer over 64 bits) is decided by evaluating the check's own SPARQL expression
(the form's ``expression``, as the compiler wrote it into the query) on it, in a store of its own
(cached; a literal has no rdf:type nor any other property there or in the graph, so the expression's
EXISTS parts give the same). Only focus nodes that are subjects of the document's own graph are
checked: the document checker keeps no other violation.

>>> from qgraph.check.compiled import compile_shapes
>>> from qgraph.check.shacl import shapes_graph
>>> native, rest = plan(c for c in compile_shapes(shapes_graph()) if c.shape == "qgs:ClauseShape")
>>> len(native), sorted({c.component for c in rest})
(43, [])
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from qgraph.check.compiled import (
    ClassTest,
    CompiledCheck,
    DatatypeTest,
    HasValueTest,
    InTest,
    LanguageInTest,
    MinLengthTest,
    OrTest,
    RangeTest,
    ValueTest,
    focus_text,
    select,
)
from qgraph.model import Violation

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = ox.NamedNode(_XSD + "integer")

# The lexical forms the compiler checks integers and decimals on (DatatypeTest.lexical), in Python: Rust's
# regex \s is Unicode White_Space (Python's \s adds U+001C-U+001F); $ is the end of the string. A form
# not here leaves its check to SPARQL.
_SPACE = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_LEXICAL = {
    r"^\s*[+-]?[0-9]+\s*$": re.compile(f"{_SPACE}*[+-]?[0-9]+{_SPACE}*"),
    r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$": re.compile(f"{_SPACE}*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+){_SPACE}*"),
}
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}
_KINDS = {"min", "max", "value", "less"}


class Graphs:
    """What a value test may ask of the graph: a node's classes (with the subclass closure) and its
    values of a predicate."""

    def __init__(self, types: Callable[[object], list], closure: dict, objects: Callable[[str, object], list]):
        self.types, self.closure, self.objects = types, closure, objects
        self.classes: dict[object, set] = {}

    def has_class(self, node, cls: ox.NamedNode) -> bool:
        """Whether NODE rdf:type/rdfs:subClassOf* CLS."""
        if node not in self.classes:
            self.classes[node] = {c for t in self.types(node) for c in self.closure.get(t, (t,))}
        return cls in self.classes[node]


# A test of one value: True or False when Python settles it, None when the SPARQL expression must.
Test = Callable[[object, Graphs], "bool | None"]


@dataclass(frozen=True, slots=True)
class NativeCheck:
    """A compiled check decided in Python, made from its form: its KIND ("min", "max", "value" or
    "less"), its path PREDICATE, its focus nodes (instances of CLASSES, subjects of SUBJECTS_OF), the
    count N of "min" and "max", the OTHER path of "less", the SPARQL EXPRESSION of "value" (on ?value)
    and "less" (on ?value and ?other), and for "value" its TEST in Python and the predicates the test
    reads (NEEDS)."""

    check: CompiledCheck
    kind: str
    predicate: str
    classes: tuple[str, ...]
    subjects_of: tuple[str, ...]
    n: int = 0
    other: str = ""
    expression: str = ""
    test: Test | None = None
    needs: tuple[str, ...] = ()


def plan(checks: Iterable[CompiledCheck]) -> tuple[tuple[NativeCheck, ...], tuple[CompiledCheck, ...]]:
    """CHECKS in two: those decided in Python (with how), and those that stay SPARQL queries."""
    native: list[NativeCheck] = []
    rest: list[CompiledCheck] = []
    for check in checks:
        found = _native(check)
        if found is None:
            rest.append(check)
        else:
            native.append(found)
    return tuple(native), tuple(rest)


def _native(check: CompiledCheck) -> NativeCheck | None:
    """CHECK as decided in Python, from the form the compiler gave it; None without one."""
    form = check.form
    if form is None or form.kind not in _KINDS:
        return None
    target = form.target
    if form.kind != "value":
        return NativeCheck(check, form.kind, form.path, target.classes, target.subjects_of, n=form.n,
                           other=form.other, expression=form.expression)
    needs: list[str] = []
    test = None if form.test is None else _value_test(form.test, needs)
    if test is None:
        return None
    return NativeCheck(check, "value", form.path, target.classes, target.subjects_of, expression=form.expression,
                       test=test, needs=tuple(needs))


def _value_test(test: ValueTest, needs: list[str]) -> Test | None:
    """The Python function of a value test, or None if Python does not decide it; the predicates it reads
    are added to NEEDS."""
    if isinstance(test, DatatypeTest):
        datatype = ox.NamedNode(test.iri)
        if test.lexical:
            form = _LEXICAL.get(test.lexical)
            if form is None:
                return None
            # isNumeric(?value) || REGEX: a number the store holds is written canonically, which the form
            # matches; a literal that fails the form is left to SPARQL.
            return lambda v, g: (isinstance(v, ox.Literal) and v.datatype == datatype
                                 and (True if form.fullmatch(v.value) else None))
        if test.cast:   # whether the literal casts to its own datatype: SPARQL says
            return lambda v, g: None if isinstance(v, ox.Literal) and v.datatype == datatype else False
        return lambda v, g: isinstance(v, ox.Literal) and v.datatype == datatype
    if isinstance(test, ClassTest):
        cls = ox.NamedNode(test.iri)
        return lambda v, g: g.has_class(v, cls)
    if isinstance(test, HasValueTest):
        predicate, required = test.predicate, ox.NamedNode(test.value)
        needs.append(predicate)
        return lambda v, g: required in g.objects(predicate, v)
    if isinstance(test, InTest):
        members = frozenset(test.members)
        return lambda v, g: isinstance(v, ox.NamedNode) and v.value in members
    if isinstance(test, RangeTest):
        compare, bound = _COMPARE[test.operator], test.bound
        return lambda v, g: _range(v, compare, bound)
    if isinstance(test, MinLengthTest):
        length = test.length
        return lambda v, g: isinstance(v, ox.NamedNode | ox.Literal) and len(v.value) >= length
    if isinstance(test, LanguageInTest):
        ranges = test.ranges
        return lambda v, g: (isinstance(v, ox.Literal) and v.language is not None
                             and any(_lang_matches(v.language, r) for r in ranges))
    if isinstance(test, OrTest):
        tests = [_value_test(t, needs) for t in test.tests]
        known = [t for t in tests if t is not None]
        if len(known) == len(tests):
            return lambda v, g: _any(t(v, g) for t in known)
    return None


def _any(verdicts: Iterable[bool | None]) -> bool | None:
    """SPARQL || over tests that never err: true if one is, false if all are, else undecided."""
    undecided = False
    for verdict in verdicts:
        if verdict:
            return True
        undecided = undecided or verdict is None
    return None if undecided else False


def _integer(value) -> int | None:
    """The integer an xsd:integer literal of the store holds (written canonically, 64 bits), else None."""
    if isinstance(value, ox.Literal) and value.datatype == _INTEGER and _CANONICAL_INTEGER.fullmatch(value.value):
        number = int(value.value)
        if -2 ** 63 <= number < 2 ** 63:
            return number
    return None


def _range(value, compare: Callable[[int, int], bool], bound: int) -> bool | None:
    """?value OP bound: an IRI or blank node never compares; an integer the store holds is compared here."""
    if not isinstance(value, ox.Literal):
        return False
    number = _integer(value)
    return None if number is None else compare(number, bound)


def _less(value, other) -> bool | None:
    """?value < ?other, as _range."""
    if not (isinstance(value, ox.Literal) and isinstance(other, ox.Literal)):
        return False
    a, b = _integer(value), _integer(other)
    return None if a is None or b is None else a < b


def _lang_matches(tag: str, language_range: str) -> bool:
    """SPARQL langMatches (RFC 4647 basic filtering), as Oxigraph evaluates it."""
    if language_range == "*":
        return tag != ""
    wanted, have = language_range.encode().lower().split(b"-"), tag.encode().lower().split(b"-")
    return len(wanted) <= len(have) and all(a == b for a, b in zip(wanted, have, strict=False))


class NativeChecks:
    """The planned checks of a checker and what they need of the ONTOLOGY (N-Triples, loaded once):
    its subclass closure, its types, and its values of the predicates the checks read.

    >>> from qgraph.check.compiled import compile_shapes
    >>> from qgraph.check.shacl import shapes_graph
    >>> checks = NativeChecks(plan(compile_shapes(shapes_graph()))[0], b"")
    >>> store, own = ox.Store(), ox.NamedNode("urn:own")
    >>> doc = "https://w3id.org/qgraph/id/doc/d"
    >>> store.load(f'<{doc}/clause/1> <{_TYPE}> <https://w3id.org/qgraph/ontology#Clause> .\\n'
    ...            f'<{doc}/clause/1> <https://w3id.org/qgraph/ontology#order> "0"^^<{_XSD}integer> .'.encode(),
    ...            format=ox.RdfFormat.N_TRIPLES, to_graph=own)
    >>> [v.path for v in checks.run(store, doc, own, []) if v.path.startswith("qg:o")]
    ['qg:order']
    """

    CACHE = 100_000

    def __init__(self, checks: Sequence[NativeCheck], ontology: bytes) -> None:
        self.checks = tuple(checks)
        self.groups: dict[tuple, list[NativeCheck]] = {}
        for check in self.checks:
            self.groups.setdefault((check.classes, check.subjects_of, check.predicate), []).append(check)
        self.predicates = sorted({_SUBCLASS, _TYPE} | {c.predicate for c in self.checks}
                                 | {p for c in self.checks for p in (*c.subjects_of, *c.needs)}
                                 | {c.other for c in self.checks if c.other})
        store = ox.Store()
        store.load(ontology, format=ox.RdfFormat.N_TRIPLES)
        self.ontology = _read(store, self.predicates, ox.DefaultGraph())
        self.closure = _closure(self.ontology[_SUBCLASS])
        self.below = _below(self.closure)
        self.ontology_foci = {key: _Sorted(self._ontology_foci(key, self.below)) for key in
                              {(c.classes, c.subjects_of) for c in self.checks}}
        self.scratch = ox.Store()
        self.verdicts: dict[tuple, bool] = {}

    def run(self, store: ox.Store, doc: str, own: ox.NamedNode, others: Sequence[ox.NamedNode]) -> list[Violation]:
        """The violations of the checks on STORE's graphs OWN and OTHERS with the ontology, at focus nodes
        that are subjects of OWN, unsorted. The document DOC (its IRI) must be contained: OWN's subjects
        are DOC, IRIs under DOC/ and blank nodes."""
        mine = _read(store, self.predicates, own)
        layers = [mine, *(_read_all(store, graph) for graph in others), self.ontology]
        maps = {p: [layer.get(p, {}) for layer in layers] for p in self.predicates}
        present = {p: [m for m in found if m] for p, found in maps.items()}

        def objects(predicate: str, node) -> list:
            found = present[predicate]
            if len(found) == 1:
                return found[0].get(node, [])
            return [v for m in found for v in m.get(node, ())]

        closure = self.closure
        if any(maps[_SUBCLASS][:-1]):   # the document's graphs state subclasses
            closure = _closure({n: objects(_SUBCLASS, n) for m in maps[_SUBCLASS] for n in m})
        graphs = Graphs(lambda node: objects(_TYPE, node), closure, objects)
        seen = {node for read in mine.values() for node in read}
        under = doc + "/"

        def is_own(node) -> bool:
            if node in seen:
                return True
            if isinstance(node, ox.NamedNode) and not (node.value == doc or node.value.startswith(under)):
                return False
            return next(store.quads_for_pattern(node, None, None, own), None) is not None

        by_type = [_by_type(layer.get(_TYPE, {})) for layer in layers[:-1]]
        below = self.below if closure is self.closure else _below(closure)
        targets: dict[tuple, list] = {}

        def foci(classes: tuple[str, ...], subjects_of: tuple[str, ...]) -> list:
            key = (classes, subjects_of)
            if key not in targets:
                found: set = set()
                for name in classes:
                    cls = ox.NamedNode(name)
                    for sub in below.get(cls, (cls,)):
                        for index in by_type:
                            found.update(index.get(sub, ()))
                found.update(node for p in subjects_of for m in maps[p][:-1] for node in m)
                if closure is self.closure:   # the ontology's own focus nodes under DOC
                    found.update(self.ontology_foci[key].within(doc))
                else:
                    found.update(_Sorted(self._ontology_foci(key, below)).within(doc))
                targets[key] = [node for node in found if is_own(node)]
            return targets[key]

        found: list[Violation] = []
        for (classes, subjects_of, predicate), checks in self.groups.items():
            nodes = foci(classes, subjects_of)
            maps_of = present[predicate]
            if len(maps_of) == 1:
                distinct = [set(maps_of[0].get(focus, ())) for focus in nodes]
            else:
                distinct = [set(objects(predicate, focus)) for focus in nodes]
            for check in checks:
                if check.kind == "min":
                    counts = [1 if len(values) < check.n else 0 for values in distinct]
                elif check.kind == "max":
                    counts = [1 if len(values) > check.n else 0 for values in distinct]
                elif check.kind == "value":   # one violation a distinct value that fails
                    failing = self._failing(check, {(v,) for values in distinct for v in values}, graphs)
                    counts = [sum((v,) in failing for v in values) for values in distinct] if failing else []
                else:   # "less": one a distinct pair of values that fails
                    pairs = [{(v, o) for v in values for o in objects(check.other, focus)}
                             for focus, values in zip(nodes, distinct, strict=True)]
                    failing = self._failing(check, set().union(*pairs), graphs)
                    counts = [len(items & failing) for items in pairs] if failing else []
                found.extend(_violation(check, focus)
                             for focus, count in zip(nodes, counts, strict=False) for _ in range(count))
        return found

    def _failing(self, check: NativeCheck, items: set[tuple], graphs: Graphs) -> set[tuple]:
        """The ITEMS ((value,) or (value, other)) that fail CHECK: tested in Python, else by its SPARQL."""
        failing: set[tuple] = set()
        undecided = []
        for item in items:
            verdict = check.test(item[0], graphs) if check.test else _less(*item)
            if verdict is None:
                verdict = self.verdicts.get((check.expression, item))
            if verdict is None:
                undecided.append(item)
            elif not verdict:
                failing.add(item)
        if undecided:
            failing.update(self._decide(check, undecided))
        return failing

    def _ontology_foci(self, key: tuple, below: dict) -> set:
        """The ontology's own focus nodes of the target KEY (classes, subjects-of predicates)."""
        classes, subjects_of = key
        by_type = _by_type(self.ontology[_TYPE])
        found = {node for name in classes for sub in below.get(ox.NamedNode(name), (ox.NamedNode(name),))
                 for node in by_type.get(sub, ())}
        return found | {node for p in subjects_of for node in self.ontology[p]}

    def _decide(self, check: NativeCheck, items: list[tuple]) -> set[tuple]:
        """The ITEMS (literals, as (value,) or (value, other)) for which CHECK's expression is not true,
        evaluated by SPARQL; the verdicts are kept for the next documents (threads may share the checker)."""
        expression = check.expression
        names = "?value ?other" if check.kind == "less" else "?value"
        rows = " ".join("(" + " ".join(str(v) for v in item) + ")" for item in items)
        failing = {tuple(row) for row in select(
            self.scratch, f"SELECT {names} WHERE {{ VALUES ({names}) {{ {rows} }} FILTER(!({expression})) }}")}
        if len(self.verdicts) > self.CACHE:
            self.verdicts = {}
        self.verdicts.update(((expression, item), item not in failing) for item in items)
        return failing


def _violation(check: NativeCheck, focus) -> Violation:
    c = check.check
    return Violation(focus=focus_text(focus), path=c.path, message=c.message, constraint=c.component)


def _read(store: ox.Store, predicates: Sequence[str], graph) -> dict[str, dict[object, list]]:
    """For each of PREDICATES, its subjects' objects in GRAPH of STORE."""
    read: dict[str, dict[object, list]] = {}
    for predicate in predicates:
        by_subject: defaultdict[object, list] = defaultdict(list)
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, graph):
            by_subject[quad.subject].append(quad.object)
        read[predicate] = dict(by_subject)
    return read


def _read_all(store: ox.Store, graph) -> dict[str, dict[object, list]]:
    """Every predicate's subjects' objects in GRAPH of STORE (a small graph: one pass)."""
    read: dict[str, dict[object, list]] = {}
    for subject, predicate, value, _ in store.quads_for_pattern(None, None, None, graph):
        read.setdefault(predicate.value, {}).setdefault(subject, []).append(value)
    return read


class _Sorted:
    """Nodes, their IRIs sorted: those at or under an IRI found by bisection; blank nodes always."""

    def __init__(self, nodes: Iterable) -> None:
        named = sorted((n.value, n) for n in nodes if isinstance(n, ox.NamedNode))
        self.iris = [iri for iri, _ in named]
        self.nodes = [n for _, n in named]
        self.other = [n for n in nodes if not isinstance(n, ox.NamedNode)]

    def within(self, iri: str) -> list:
        """The nodes IRI and under IRI/, and the blank nodes."""
        start = bisect_left(self.iris, iri)
        end = bisect_left(self.iris, iri + "0")   # "/" + 1
        return [*self.nodes[start:end], *self.other]


def _below(closure: dict) -> dict:
    """Each class → itself and its subclasses (CLOSURE: class → itself and the classes above it)."""
    below: dict = {}
    for cls, above in closure.items():
        for c in above:
            below.setdefault(c, {c}).add(cls)
    return below


def _by_type(types: dict) -> dict:
    """Nodes by each class they are typed with (TYPES: node → classes)."""
    found: dict = {}
    for node, classes in types.items():
        for cls in classes:
            found.setdefault(cls, []).append(node)
    return found


def _closure(edges: dict) -> dict:
    """Each class of EDGES (subclass → superclasses) → itself and every class above it."""
    closure: dict = {}
    for start in edges:
        seen, todo = {start}, [start]
        while todo:
            for above in edges.get(todo.pop(), ()):
                if above not in seen:
                    seen.add(above)
                    todo.append(above)
        closure[start] = tuple(seen)
    return closure
