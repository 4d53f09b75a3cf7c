"""Fast validating: qgraph's SHACL shapes compiled to SPARQL SELECT queries, run on a pyoxigraph Store.

pySHACL walks the graph in Python (~100 µs a triple); the build already holds the graph in a
pyoxigraph ``Store``, where the same checks as SPARQL run in Rust. :func:`compile_shapes` turns each
constraint of the shapes graph into one query whose every result row is a violation (the ODK
"-violation.rq" convention); :func:`validate_store` runs them and reports the same
:class:`~qgraph.check.shacl.Violation` values, in the same string forms, as
:func:`qgraph.check.shacl.validate_graph` (tests/test_fastshacl.py holds the two to each other).

Only the SHACL Core subset that ``ontology/shapes.ttl`` uses is supported: targets ``sh:targetClass``
and ``sh:targetSubjectsOf``; property shapes with an IRI ``sh:path``; ``sh:minCount``, ``sh:maxCount``,
``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:hasValue``, ``sh:pattern`` (with ``sh:flags``),
``sh:languageIn``, ``sh:minInclusive``/``sh:maxInclusive``/``sh:minExclusive``/``sh:maxExclusive``,
``sh:minLength``, ``sh:nodeKind``, ``sh:lessThan``, ``sh:or``, ``sh:node`` and
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``. Any other SHACL term in the shapes graph
fails at compile time (QG204), so a change to the shapes can never silently weaken validation.

With a check of a simple form the compiler states that form as data (:class:`Form`: sh:minCount 1,
sh:maxCount, sh:lessThan, or a value test as a small tree — :class:`DatatypeTest`, :class:`ClassTest`,
:class:`InTest`, :class:`RangeTest`, :class:`MinLengthTest`, :class:`LanguageInTest`, :class:`OrTest`,
:class:`HasValueTest` — with its target, its path and the SPARQL expression of its test), so that
:mod:`qgraph.check.native` decides it in Python without reading the query; any other check has no form.

The results are SHACL's: one per focus node for counts, one per value node (per pair for sh:lessThan)
otherwise. Where pySHACL is lenient this is stricter: sh:pattern's "$" matches only at the end of the
string (XPath; Python's re also matches before a final newline); ill-formed xsd:gYear and other
literals rdflib does not check fail sh:datatype; a value not comparable with the bound (a date against
a number) fails sh:maxInclusive as it fails sh:minInclusive; and a number pyoxigraph cannot hold (over
18 fractional digits, an integer over 64 bits) fails range and sh:lessThan comparisons.

>>> from rdflib import Graph
>>> from pyoxigraph import RdfFormat, Store
>>> shapes = Graph().parse(format="turtle", data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> .
... @prefix qg: <https://w3id.org/qgraph/ontology#> .
... @prefix qgs: <https://w3id.org/qgraph/shapes#> .
... qgs:ClauseShape a sh:NodeShape ; sh:targetClass qg:Clause ;
...     sh:property [ sh:path qg:text ; sh:minCount 1 ; sh:message "A clause needs a qg:text." ] .
... ''')
>>> checks = compile_shapes(shapes)
>>> [(c.shape, c.path, c.component) for c in checks]
[('qgs:ClauseShape', 'qg:text', 'sh:MinCountConstraintComponent')]
>>> form = checks[0].form
>>> form.kind, form.path, form.target.classes, form.n
('min', 'https://w3id.org/qgraph/ontology#text', ('https://w3id.org/qgraph/ontology#Clause',), 1)
>>> store = Store()
>>> store.load(b'<https://w3id.org/qgraph/id/c1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...            b'<https://w3id.org/qgraph/ontology#Clause> .', format=RdfFormat.N_TRIPLES)
>>> for violation in validate_store(store, checks):
...     print(violation)
<https://w3id.org/qgraph/id/c1> qg:text: A clause needs a qg:text. (sh:MinCountConstraintComponent)
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import combinations, count

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from qgraph.check.shacl import _short
from qgraph.errors import RuleError
from qgraph.model import Violation

_XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open, unlike rdflib's (which doctest probing trips)


@dataclass(frozen=True, slots=True)
class DatatypeTest:
    """sh:datatype IRI: a literal of that datatype, well-formed as the query checks it — on its LEXICAL
    form (the compiler's regex, as XPath writes it, for xsd:integer and xsd:decimal) or, when CAST, by
    casting it to its own datatype; neither: the datatype alone."""

    iri: str
    lexical: str = ""
    cast: bool = False


@dataclass(frozen=True, slots=True)
class ClassTest:
    """sh:class IRI: a node typed IRI or a subclass of it."""

    iri: str


@dataclass(frozen=True, slots=True)
class InTest:
    """sh:in of IRIs only: one of MEMBERS."""

    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RangeTest:
    """sh:minInclusive (">="), sh:maxInclusive ("<="), sh:minExclusive (">"), sh:maxExclusive ("<") with
    an integer BOUND written as an xsd:integer: ``?value OPERATOR bound``."""

    operator: str
    bound: int


@dataclass(frozen=True, slots=True)
class MinLengthTest:
    """sh:minLength LENGTH: an IRI or literal whose text has at least LENGTH characters."""

    length: int


@dataclass(frozen=True, slots=True)
class LanguageInTest:
    """sh:languageIn: a literal whose language tag matches one of the RANGES (SPARQL langMatches)."""

    ranges: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HasValueTest:
    """sh:node of a shape whose one constraint is sh:hasValue VALUE (an IRI) on the IRI path PREDICATE:
    a node with that value."""

    predicate: str
    value: str


@dataclass(frozen=True, slots=True)
class OrTest:
    """sh:or of shapes that each hold one value test: a node passing one of the TESTS."""

    tests: tuple[ValueTest, ...]


ValueTest = DatatypeTest | ClassTest | InTest | RangeTest | MinLengthTest | LanguageInTest | HasValueTest | OrTest


@dataclass(frozen=True, slots=True)
class Target:
    """A shape's focus nodes: the instances of CLASSES (with their subclasses) and the subjects of
    SUBJECTS_OF, each sorted as the query names them."""

    classes: tuple[str, ...]
    subjects_of: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Form:
    """What a check decides, stated by the compiler so that code can decide it without reading the query.

    KIND is "min" (sh:minCount 1), "max" (sh:maxCount N), "value" (a value test: one violation a distinct
    value of the path that fails TEST) or "less" (sh:lessThan OTHER: one a distinct pair of values, the
    path's and OTHER's, that are not in order); PATH is the property's IRI and TARGET its shape's focus
    nodes. EXPRESSION is the query's own SPARQL boolean test of a value (on ?value, and ?other for "less"),
    for a literal whose test only SPARQL settles exactly."""

    kind: str
    path: str
    target: Target
    n: int = 0
    other: str = ""
    test: ValueTest | None = None
    expression: str = ""


@dataclass(frozen=True, slots=True)
class CompiledCheck:
    """One constraint of one shape as a SPARQL SELECT; every row (its ?focus) is a violation. Its FORM
    says what the query decides, for the simple forms (:class:`Form`); None for any other."""

    shape: str
    path: str
    component: str
    message: str
    sparql: str
    form: Form | None = None


# What may appear on a shape. Annotations do not validate anything; every other SHACL term is refused.
_ANNOTATIONS = {SH.name, SH.description, SH.message, SH.order, SH.group}
_TARGETS = {SH.targetClass, SH.targetSubjectsOf}
_VALUE_PARAMETERS = {SH.datatype, SH["class"], SH["in"], SH.pattern, SH.flags, SH.languageIn,
                     SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength,
                     SH.nodeKind, SH.node, SH["or"]}
_PATH_PARAMETERS = {SH.minCount, SH.maxCount, SH.hasValue, SH.lessThan, SH.qualifiedValueShape,
                    SH.qualifiedMinCount}
_NODE_SHAPE_TERMS = _ANNOTATIONS | _TARGETS | _VALUE_PARAMETERS | {SH.property}
_PROPERTY_SHAPE_TERMS = _ANNOTATIONS | _TARGETS | _VALUE_PARAMETERS | _PATH_PARAMETERS | {SH.path}
_SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape}

_RANGES = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# Ill-formed literals fail sh:datatype (pySHACL rejects rdflib's ill-typed literals). Integers and decimals
# are checked on their lexical form, since XSD bounds neither size nor precision while pyoxigraph holds
# 64-bit integers and 18 fractional digits; for the other datatypes pyoxigraph parses, casting an
# ill-formed literal to its own datatype fails.
_LEXICAL_FORMS: dict[Node, str] = {_XSD.integer: r"^\s*[+-]?[0-9]+\s*$",
                  _XSD.decimal: r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$"}
_CAST_DATATYPES = {_XSD.double, _XSD.float, _XSD.boolean, _XSD.date, _XSD.dateTime, _XSD.time, _XSD.gYear,
                   _XSD.gYearMonth, _XSD.duration}
_CLASS_PATH = (f"<{RDF.type}>/<{RDFS.subClassOf}>*")
_INTEGER = re.compile(r"-?[0-9]+")   # a range's bound as Python reads it (else its test stays SPARQL)
_LESS = "COALESCE(?value < ?other, false)"   # sh:lessThan's test of a pair of values


def compile_shapes(shapes: Graph) -> tuple[CompiledCheck, ...]:
    """Compile every targeted shape of SHAPES into checks; refuse (QG204) what is not supported."""
    compiler = _Compiler(shapes)
    compiler.refuse_unsupported()
    checks: list[CompiledCheck] = []
    for shape in sorted(compiler.targeted_shapes(), key=compiler.name):
        checks.extend(compiler.compile_targeted(shape))
    return tuple(checks)


def validate_store(store: ox.Store, checks: Iterable[CompiledCheck], *, workers: int | None = None,
                   graphs: Sequence[ox.NamedNode] | None = None) -> tuple[Violation, ...]:
    """Run the checks on STORE (its default graph, or the union of GRAPHS): the violations, sorted as
    validate.py sorts them.

    pyoxigraph releases the GIL while it evaluates, so the checks run on WORKERS threads (default: one
    a CPU, at most 8); the result does not depend on it.
    """
    def run(check: CompiledCheck) -> list[Violation]:
        return [Violation(focus=focus_text(row["focus"]), path=check.path, message=check.message,
                          constraint=check.component) for row in select(store, check.sparql, graphs)]

    checks = tuple(checks)
    workers = workers or min(8, os.cpu_count() or 1)
    if workers > 1 and len(checks) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(run, checks))
    else:
        found = [run(check) for check in checks]
    return tuple(sorted((v for batch in found for v in batch), key=str))


def select(store: ox.Store, sparql: str, graphs: Sequence[ox.NamedNode] | None = None) -> ox.QuerySolutions:
    """A SELECT query's solutions (a check is always a SELECT), on the store's default graph or on the
    union of GRAPHS."""
    solutions = store.query(sparql) if graphs is None else store.query(sparql, default_graph=list(graphs))
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError("a check must be a SELECT query")
    return solutions


def focus_text(term: object) -> str:
    """A focus node as reported: a prefixed name or <IRI>, a blank node's label, a literal's text."""
    if isinstance(term, ox.NamedNode):
        return _short(None, URIRef(term.value))
    if isinstance(term, ox.BlankNode):
        return str(BNode(term.value))
    return str(getattr(term, "value", term))


def _iri(node: object) -> str:
    """An IRI of the shapes graph in SPARQL syntax."""
    return f"<{node}>"


def _term(node) -> str:
    """A shapes-graph term written in SPARQL syntax."""
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        text = (str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if node.language:
            return f'"{text}"@{node.language}'
        return f'"{text}"^^<{node.datatype or _XSD.string}>'
    raise ValueError(node)


def _string(text: str) -> str:
    return _term(Literal(text))


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.fresh = count(1)

    # --- what the shapes graph holds -----------------------------------------------------------

    def shape_nodes(self) -> set:
        """Every node that a SHACL term describes: typed shapes and subjects of sh: predicates."""
        nodes = {s for t in _SHAPE_TYPES for s in self.g.subjects(RDF.type, t)}
        nodes |= {s for s, p, _ in self.g if str(p).startswith(str(SH))}
        return nodes - self.path_nodes()

    def path_nodes(self) -> set:
        """The blank nodes of complex paths (sh:inversePath …): their shape is refused, not they."""
        found: set = set()
        todo = [o for o in self.g.objects(None, SH.path) if isinstance(o, BNode)]
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo.extend(o for o in self.g.objects(node, None) if isinstance(o, BNode))
        return found

    def targeted_shapes(self) -> list:
        return [s for s in self.shape_nodes() if any((s, t, None) in self.g for t in _TARGETS)]

    def refuse_unsupported(self) -> None:
        for shape in self.outer_first(self.shape_nodes()):
            allowed = _PROPERTY_SHAPE_TERMS if (shape, SH.path, None) in self.g else _NODE_SHAPE_TERMS
            for predicate, value in sorted(self.g.predicate_objects(shape), key=str):
                if predicate == RDF.type:
                    if str(value).startswith(str(SH)) and value not in _SHAPE_TYPES:
                        self.refuse(shape, f"type {self.short(value)}")
                    if value in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
                        self.refuse(shape, "an implicit class target (it is also a class)")
                elif str(predicate).startswith(str(SH)) and predicate not in allowed:
                    self.refuse(shape, self.short(predicate))
            for parameter in (SH.path, SH.targetClass, SH.targetSubjectsOf, SH.datatype, SH["class"],
                              SH.lessThan):
                for value in self.g.objects(shape, parameter):
                    if not isinstance(value, URIRef):
                        self.refuse(shape, f"a {self.short(parameter)} that is not an IRI")
            for parameter in (SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.minLength):
                for value in self.g.objects(shape, parameter):
                    if not (isinstance(value, Literal) and isinstance(value.value, int) and value.value >= 0):
                        self.refuse(shape, f"{self.short(parameter)} {value.n3()}, "
                                           f"not a non-negative integer")
            if ((shape, SH.qualifiedMinCount, None) in self.g
                    and (shape, SH.qualifiedValueShape, None) not in self.g):
                self.refuse(shape, "sh:qualifiedMinCount without sh:qualifiedValueShape")
            if (shape, SH.flags, None) in self.g and (shape, SH.pattern, None) not in self.g:
                self.refuse(shape, "sh:flags without sh:pattern")
            for parameter in (SH["in"], SH.hasValue):
                for value in self.values(shape, parameter):
                    if isinstance(value, BNode) or (isinstance(value, Literal) and not _exact(value)):
                        # pyoxigraph stores typed literals canonically ("05"^^xsd:integer as "5"), so a
                        # term comparison with a non-string literal could pass what pySHACL rejects.
                        self.refuse(shape, f"{self.short(parameter)} with the value {value.n3()}")

    def outer_first(self, nodes: set) -> list:
        """NODES, named shapes first, then blank nodes by depth below them: errors name the outer shape."""
        depth: dict[Node, int] = {node: 0 for node in nodes if isinstance(node, URIRef)}
        layer: list[Node] = list(depth)
        level = 0
        while layer:
            level += 1
            below: list[Node] = []
            for subject in layer:
                for node in self.g.objects(subject, None):
                    if isinstance(node, BNode) and node not in depth:
                        depth[node] = level
                        below.append(node)
            layer = below
        return sorted(nodes, key=lambda n: (depth.get(n, level + 1), str(n)))

    def refuse(self, shape, construct: str) -> None:
        raise RuleError("QG204", f"shape {self.name(shape)} uses {construct}, "
                                 f"which the fast validator does not support")

    def short(self, node) -> str:
        """NODE with a prefix the shapes graph declares (qgs:ClauseShape, sh:closed), else <IRI>."""
        return self.g.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)

    def name(self, shape) -> str:
        """A readable name: qgs:ClauseShape, or 'qgs:ClauseShape property qg:text' for a blank node."""
        if isinstance(shape, URIRef):
            return self.short(shape)
        parent = self.g.value(predicate=SH.property, object=shape)
        if parent is not None:
            path = self.g.value(shape, SH.path)
            if isinstance(path, BNode):
                steps = (f"{self.short(p)} {self.short(o) if isinstance(o, URIRef) else '…'}"
                         for p, o in self.g.predicate_objects(path))
                path = "[" + " ; ".join(steps) + "]"
            return f"{self.name(parent)} property {self.short(path)}"
        for predicate in (SH.node, SH.qualifiedValueShape):
            parent = self.g.value(predicate=predicate, object=shape)
            if parent is not None:
                return f"{self.name(parent)} {self.short(predicate)}"
        cell = self.g.value(predicate=RDF.first, object=shape)
        while cell is not None and self.g.value(predicate=RDF.rest, object=cell) is not None:
            cell = self.g.value(predicate=RDF.rest, object=cell)
        if cell is not None:
            parent = self.g.value(predicate=SH["or"], object=cell)
            if parent is not None:
                return f"{self.name(parent)} sh:or"
        return f"_:{shape}"

    def values(self, shape, parameter) -> list:
        """The values of PARAMETER on SHAPE; list parameters (sh:in, sh:or, sh:languageIn) flattened."""
        found: list[Node] = []
        for value in self.g.objects(shape, parameter):
            if parameter in (SH["in"], SH["or"], SH.languageIn) and isinstance(value, BNode):
                found.extend(Collection(self.g, value))
            else:
                found.append(value)
        return found

    def message(self, shape, default: str) -> str:
        """SHAPE's sh:message (untagged or @en first), as pySHACL reports it; DEFAULT without one."""
        messages = sorted(self.g.objects(shape, SH.message),
                          key=lambda m: (getattr(m, "language", None) not in (None, "en"), str(m)))
        return str(messages[0]) if messages else default

    # --- targets and top-level checks ----------------------------------------------------------

    def targets(self, shape) -> Target:
        """SHAPE's target classes and subjects-of predicates, in the order the queries name them."""
        return Target(tuple(str(c) for c in sorted(self.g.objects(shape, SH.targetClass), key=str)),
                      tuple(str(p) for p in sorted(self.g.objects(shape, SH.targetSubjectsOf), key=str)))

    def target(self, shape) -> str:
        """A subquery binding ?focus to each focus node of SHAPE once (SHACL instances of a class)."""
        targets = self.targets(shape)
        patterns = [f"{{ ?focus {_CLASS_PATH} {_iri(c)} }}" for c in targets.classes]
        patterns += [f"{{ ?focus {_iri(p)} ?target }}" for p in targets.subjects_of]
        return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(patterns) + " } }"

    def is_target(self, shape) -> str:
        """A SPARQL boolean expression: ?focus is a focus node of SHAPE."""
        targets = self.targets(shape)
        tests = [f"EXISTS {{ ?focus {_CLASS_PATH} {_iri(c)} }}" for c in targets.classes]
        tests += [f"EXISTS {{ ?focus {_iri(p)} ?target }}" for p in targets.subjects_of]
        return " || ".join(tests)

    def compile_targeted(self, shape) -> Iterator[CompiledCheck]:
        target = self.target(shape)
        if (shape, SH.path, None) in self.g:
            yield from self.property_checks(shape, shape, target)
            return
        for constraint, expression, _ in self.value_expressions(shape, "?focus", set()):
            sparql = f"SELECT DISTINCT ?focus WHERE {{\n  {target}\n  FILTER(!({expression}))\n}}"
            yield self.check(shape, shape, None, constraint, sparql)
        properties = sorted(self.g.objects(shape, SH.property),
                            key=lambda p: (str(self.g.value(p, SH.path)), self.name(p),
                                           sorted(map(str, self.g.predicate_objects(p)))))
        for prop in properties:
            yield from self.property_checks(shape, prop, target)

    def check(self, top, shape, path, constraint: str, sparql: str, form: Form | None = None) -> CompiledCheck:
        component = _short(None, SH[f"{constraint}ConstraintComponent"])
        default = f"{constraint} constraint on {_short(None, path) if path is not None else 'the focus node'}"
        return CompiledCheck(shape=self.name(top), path=_short(None, path), component=component,
                             message=self.message(shape, default), sparql=sparql, form=form)

    def property_checks(self, top, prop, target: str) -> Iterator[CompiledCheck]:
        path = self.g.value(prop, SH.path)
        p = _iri(path)
        targets = self.targets(top)

        def select(where: str, tail: str = "", variables: str = "DISTINCT ?focus") -> str:
            return f"SELECT {variables} WHERE {{\n  {target}\n  {where}\n}}{tail}"

        def form(kind: str, **parameters) -> Form:
            return Form(kind, str(path), targets, **parameters)

        for n in sorted(int(str(v)) for v in self.g.objects(prop, SH.minCount)):
            if n == 1:
                yield self.check(top, prop, path, "MinCount", select(f"FILTER NOT EXISTS {{ ?focus {p} ?value }}"),
                                 form("min", n=1))
            elif n > 1:
                sparql = select(f"OPTIONAL {{ ?focus {p} ?value }}", variables="?focus",
                                tail=f"\nGROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {n})")
                yield self.check(top, prop, path, "MinCount", sparql)
        for n in sorted(int(str(v)) for v in self.g.objects(prop, SH.maxCount)):
            # Counting first and testing the target on the few nodes over the count is about twice as
            # fast in pyoxigraph as joining every focus node to its values and grouping.
            sparql = (f"SELECT ?focus WHERE {{\n"
                      f"  {{ SELECT ?focus WHERE {{ ?focus {p} ?value }} "
                      f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {n}) }}\n"
                      f"  FILTER({self.is_target(top)})\n}}")
            yield self.check(top, prop, path, "MaxCount", sparql, form("max", n=n))
        for constraint, expression, test in self.value_expressions(prop, "?value", set()):
            sparql = select(f"?focus {p} ?value .\n  FILTER(!({expression}))",
                            variables="DISTINCT ?focus ?value")
            yield self.check(top, prop, path, constraint, sparql,
                             None if test is None else form("value", test=test, expression=expression))
        for value in sorted(self.g.objects(prop, SH.hasValue), key=str):
            sparql = select(f"FILTER NOT EXISTS {{ ?focus {p} {_term(value)} }}")
            yield self.check(top, prop, path, "HasValue", sparql)
        for other in sorted(self.g.objects(prop, SH.lessThan), key=str):
            sparql = select(f"?focus {p} ?value .\n  ?focus {_iri(other)} ?other .\n"
                            f"  FILTER(!{_LESS})",
                            variables="DISTINCT ?focus ?value ?other")
            yield self.check(top, prop, path, "LessThan", sparql, form("less", other=str(other), expression=_LESS))
        for qualified in self.g.objects(prop, SH.qualifiedValueShape):
            for n in sorted(int(str(v)) for v in self.g.objects(prop, SH.qualifiedMinCount)):
                conforms, _ = self.conforms(qualified, "?value", set())
                sparql = select(f"OPTIONAL {{ ?focus {p} ?value . FILTER({conforms}) }}", variables="?focus",
                                tail=f"\nGROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {n})")
                yield self.check(top, prop, path, "QualifiedMinCount", sparql)

    # --- expressions: never an error, true when the node conforms ------------------------------

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def value_expressions(self, shape, v: str, seen: set) -> Iterator[tuple[str, str, ValueTest | None]]:
        """(constraint name, SPARQL boolean expression on V, its test as data or None) for each value-node
        constraint of SHAPE."""
        g = self.g
        for datatype in sorted(g.objects(shape, SH.datatype), key=str):
            expression = f"sameTerm(DATATYPE({v}), {_iri(datatype)})"
            if datatype in _LEXICAL_FORMS:
                expression += f" && (isNumeric({v}) || REGEX(STR({v}), {_string(_LEXICAL_FORMS[datatype])}))"
            elif datatype in _CAST_DATATYPES:
                expression += f" && sameTerm(DATATYPE({_iri(datatype)}({v})), {_iri(datatype)})"
            test = DatatypeTest(str(datatype), _LEXICAL_FORMS.get(datatype, ""),
                                datatype not in _LEXICAL_FORMS and datatype in _CAST_DATATYPES)
            yield "Datatype", f"COALESCE({expression}, false)", test
        for cls in sorted(g.objects(shape, SH["class"]), key=str):
            yield "Class", f"EXISTS {{ {v} {_CLASS_PATH} {_iri(cls)} }}", ClassTest(str(cls))
        for in_list in g.objects(shape, SH["in"]):
            members = list(Collection(g, in_list))
            iris = all(isinstance(m, URIRef) for m in members)
            yield ("In", "(" + " || ".join([f"sameTerm({v}, {_term(m)})" for m in members] or ["false"]) + ")",
                   InTest(tuple(str(m) for m in members)) if iris else None)
        flags = g.value(shape, SH.flags)
        for pattern in sorted(g.objects(shape, SH.pattern), key=str):
            arguments = f"STR({v}), {_string(str(pattern))}" + (f", {_string(str(flags))}" if flags else "")
            yield "Pattern", f"COALESCE(!isBlank({v}) && REGEX({arguments}), false)", None
        for languages in g.objects(shape, SH.languageIn):
            ranges = [str(lang) for lang in Collection(g, languages)]
            matches = [f"langMatches(LANG({v}), {_string(lang)})" for lang in ranges]
            yield "LanguageIn", f"COALESCE({' || '.join(matches or ['false'])}, false)", LanguageInTest(tuple(ranges))
        for parameter, operator in _RANGES.items():
            for bound in sorted(g.objects(shape, parameter), key=str):
                name = str(parameter).removeprefix(str(SH))
                integer = (isinstance(bound, Literal) and bound.datatype == _XSD.integer
                           and _INTEGER.fullmatch(str(bound)) is not None)
                yield (name[0].upper() + name[1:], f"COALESCE({v} {operator} {_term(bound)}, false)",
                       RangeTest(operator, int(str(bound))) if integer else None)
        for length in sorted(int(str(n)) for n in g.objects(shape, SH.minLength)):
            yield "MinLength", f"COALESCE(!isBlank({v}) && STRLEN(STR({v})) >= {length}, false)", MinLengthTest(length)
        for kind in g.objects(shape, SH.nodeKind):
            if kind not in _NODE_KINDS:
                self.refuse(shape, f"sh:nodeKind {kind}")
            yield "NodeKind", _NODE_KINDS[kind].format(v=v), None
        for node in sorted(g.objects(shape, SH.node), key=str):
            yield "Node", *self.conforms(node, v, seen)
        for alternatives in g.objects(shape, SH["or"]):
            shapes = [self.conforms(member, v, seen) for member in Collection(g, alternatives)]
            tests = [test for _, test in shapes if test is not None]
            yield ("Or", "(" + " || ".join([expression for expression, _ in shapes] or ["false"]) + ")",
                   OrTest(tuple(tests)) if len(tests) == len(shapes) else None)

    def conforms(self, shape, v: str, seen: set) -> tuple[str, ValueTest | None]:
        """A SPARQL boolean expression, true when V conforms to SHAPE (sh:node, sh:or, qualified shapes);
        and the test of SHAPE's one constraint, when it has one only and its test is data, else None."""
        if shape in seen:
            self.refuse(shape, "a recursive shape reference")
        seen = seen | {shape}
        if (shape, SH.path, None) in self.g:
            parts = self.property_conforms(shape, v, seen)
        else:
            parts = [(expression, test) for _, expression, test in self.value_expressions(shape, v, seen)]
            for prop in self.g.objects(shape, SH.property):
                parts.extend(self.property_conforms(prop, v, seen))
        return "(" + " && ".join([expression for expression, _ in parts] or ["true"]) + ")", \
            parts[0][1] if len(parts) == 1 else None

    def property_conforms(self, prop, focus: str, seen: set) -> list[tuple[str, ValueTest | None]]:
        """(SPARQL boolean expression on FOCUS, its test as data or None) for each constraint of PROP: only
        sh:hasValue of an IRI has a test of FOCUS itself."""
        path = self.g.value(prop, SH.path)
        p = _iri(path)

        def distinct_values(n: int, condition=None) -> str:
            names = [self.var() for _ in range(n)]
            patterns = " ".join(f"{focus} {p} {name} ." for name in names)
            filters = [f"!sameTerm({a}, {b})" for a, b in combinations(names, 2)]
            if condition is not None:
                filters += [condition(name) for name in names]
            return f"{{ {patterns}" + (f" FILTER({' && '.join(filters)})" if filters else "") + " }"

        parts: list[tuple[str, ValueTest | None]] = []
        for n in (int(str(v)) for v in self.g.objects(prop, SH.minCount)):
            if n > 0:
                parts.append((f"EXISTS {distinct_values(n)}", None))
        for n in (int(str(v)) for v in self.g.objects(prop, SH.maxCount)):
            parts.append((f"NOT EXISTS {distinct_values(n + 1)}", None))
        value = self.var()
        for _, expression, _ in self.value_expressions(prop, value, seen):
            parts.append((f"NOT EXISTS {{ {focus} {p} {value} . FILTER(!({expression})) }}", None))
        for required in self.g.objects(prop, SH.hasValue):
            parts.append((f"EXISTS {{ {focus} {p} {_term(required)} }}",
                          HasValueTest(str(path), str(required)) if isinstance(required, URIRef) else None))
        for other in self.g.objects(prop, SH.lessThan):
            a, b = self.var(), self.var()
            parts.append((f"NOT EXISTS {{ {focus} {p} {a} . {focus} {_iri(other)} {b} . "
                          f"FILTER(!COALESCE({a} < {b}, false)) }}", None))
        for qualified in self.g.objects(prop, SH.qualifiedValueShape):
            for n in (int(str(v)) for v in self.g.objects(prop, SH.qualifiedMinCount)):
                if n > 0:
                    conforming = distinct_values(
                        n, lambda name, shape=qualified: self.conforms(shape, name, seen)[0])
                    parts.append((f"EXISTS {conforming}", None))
        return parts


def _exact(literal: Literal) -> bool:
    """Whether pyoxigraph keeps this literal's lexical form as written (strings do; numbers, dates don't)."""
    return literal.language is not None or literal.datatype in (None, _XSD.string)
