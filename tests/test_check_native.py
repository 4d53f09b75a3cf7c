"""The document checks decided in Python (qgraph/check/native.py) against the compiled SPARQL checks they
stand for: on the bundled corpus's documents and on documents broken by editing their N-Triples, the
worker's check gives exactly the violations, in order, that the SPARQL queries give."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph

from qgraph.check.compiled import (
    DatatypeTest,
    Form,
    HasValueTest,
    InTest,
    LanguageInTest,
    OrTest,
    RangeTest,
    Target,
    compile_shapes,
    focus_text,
    select,
    validate_store,
)
from qgraph.check.document import DOCUMENT_SHAPES, DocumentChecker
from qgraph.check.native import NativeChecks, plan
from qgraph.check.shacl import shapes_graph
from qgraph.pipeline import ontology_ntriples, process_document, rules_for
from qgraph.text.manifest import load_manifest

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "data" / "documents.yaml"
QG = "https://w3id.org/qgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
ISSUED = "<http://purl.org/dc/terms/issued>"


@pytest.fixture(scope="module")
def corpus():
    """The bundled documents' (id, own N-Triples, shared N-Triples) and a checker with the ontology."""
    rules = rules_for(MANIFEST)
    outputs = [process_document(spec, "nt", rules) for spec in load_manifest(MANIFEST)]
    return [(o.doc_id, o.ntriples, o.shared) for o in outputs], DocumentChecker(rules.compiled(ontology_ntriples))


def _sparql(checker: DocumentChecker, doc_id: str, own: bytes, shared: bytes) -> tuple[str, ...]:
    """The violations the compiled SPARQL checks give, kept as the worker keeps them: at subjects of OWN."""
    store = ox.Store()
    graphs = [ox.NamedNode(f"urn:check:{name}") for name in ("ontology", "own", "shared")]
    for data, graph in zip((checker.ontology, own, shared), graphs):
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    subjects = {focus_text(row["s"]) for row in select(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }", graphs[1:2])}
    return tuple(str(v) for v in validate_store(store, checker.shapes, workers=1, graphs=graphs) if v.focus in subjects)


def _native(checker: DocumentChecker, doc_id: str, own: bytes, shared: bytes) -> tuple[str, ...]:
    found = checker.check(doc_id, own, shared)
    assert found.contained
    return tuple(str(v) for v in found.shapes)


def _same(checker, doc_id, own, shared) -> tuple[str, ...]:
    """The worker's violations, having checked that they are the SPARQL's."""
    native = _native(checker, doc_id, own, shared)
    assert native == _sparql(checker, doc_id, own, shared)
    return native


class Document:
    """One bundled document's own triples as lines, with the nodes the breakages edit."""

    def __init__(self, doc_id: str, own: bytes, shared: bytes) -> None:
        self.doc_id, self.shared = doc_id, shared
        self.lines = own.decode().splitlines()
        self.iri = f"<https://w3id.org/qgraph/id/doc/{doc_id}>"
        self.clause = self.typed("Clause")
        self.assignment = self.typed("Assignment")
        self.target = self.typed("Target")
        self.domain = self.typed("DomainAssignment")

    def typed(self, cls: str) -> str:
        return next(line.split(" ")[0] for line in self.lines if line.endswith(f"{TYPE} <{QG}{cls}> ."))

    def value(self, subject: str, predicate: str) -> str:
        line = next(line for line in self.lines if line.startswith(f"{subject} {predicate} "))
        return line[len(f"{subject} {predicate} "):-2]

    def node(self, path: str) -> str:
        """The IRI of a node under the document, in N-Triples."""
        return f"{self.iri[:-1]}/{path}>"

    def more(self, *lines: str) -> bytes:
        """The triples and LINES."""
        return ("\n".join([*self.lines, *lines]) + "\n").encode()

    def edit(self, subject: str, predicate: str, new: str | None = None, *, add: str | None = None) -> bytes:
        """The triples with SUBJECT's PREDICATE value replaced by NEW (None: dropped), or with ADD added."""
        start = f"{subject} {predicate} "
        lines = [line for line in self.lines if add is not None or not line.startswith(start)]
        if add is not None:
            lines.append(f"{start}{add} .")
        elif new is not None:
            lines.append(f"{start}{new} .")
        return ("\n".join(lines) + "\n").encode()


def test_check_native_plans_every_document_check(corpus):
    _, checker = corpus
    native, rest = plan(checker.shapes)
    assert (len(native), rest) == (136, ())
    assert {c.kind for c in native} == {"min", "max", "value", "less"}


def test_check_native_bundled_documents_pass_as_in_sparql(corpus):
    documents, checker = corpus
    for doc_id, own, shared in documents:
        assert _same(checker, doc_id, own, shared) == ()


@pytest.fixture(scope="module")
def document(corpus):
    """The first bundled document with targets, its breakages' material."""
    documents, _ = corpus
    doc_id, own, shared = next(d for d in documents if f"{TYPE} <{QG}Target> .".encode() in d[1])
    return Document(doc_id, own, shared)


# Each breakage: (name, the edit, on the document) — exact violations are checked against SPARQL below.
BREAKAGES = {
    "clause without qg:level": lambda d: d.edit(d.clause, f"<{QG}level>"),
    "two qg:charStart": lambda d: d.edit(d.clause, f"<{QG}charStart>", add=f'"1"^^<{XSD}integer>'),
    "qg:order a string": lambda d: d.edit(d.clause, f"<{QG}order>", '"3"'),
    "ill-typed qg:level": lambda d: d.edit(d.clause, f"<{QG}level>", f'"abc"^^<{XSD}integer>'),
    "qg:level a decimal": lambda d: d.edit(d.clause, f"<{QG}level>", f'"1.5"^^<{XSD}decimal>'),
    "qg:order over 64 bits": lambda d: d.edit(d.clause, f"<{QG}order>", f'"99999999999999999999"^^<{XSD}integer>'),
    "qg:order with spaces": lambda d: d.edit(d.clause, f"<{QG}order>", f'" 5 "^^<{XSD}integer>'),
    "qg:order written +05": lambda d: d.edit(d.clause, f"<{QG}order>", f'"+05"^^<{XSD}integer>'),
    "negative qg:charStart": lambda d: d.edit(d.clause, f"<{QG}charStart>", f'"-4"^^<{XSD}integer>'),
    "qg:charStart after qg:charEnd": lambda d: d.edit(d.clause, f"<{QG}charStart>", f'"99999"^^<{XSD}integer>'),
    "empty qg:text": lambda d: d.edit(d.clause, f"<{QG}text>", '""'),
    "qg:text tagged": lambda d: d.edit(d.clause, f"<{QG}text>", '"文本"@zh'),
    "qg:document a clause": lambda d: d.edit(d.clause, f"<{QG}document>", d.clause),
    "qg:role not in sh:in": lambda d: d.edit(d.assignment, f"<{QG}role>", f"<{QG}Boss>"),
    "qg:role a literal": lambda d: d.edit(d.assignment, f"<{QG}role>", f'"{QG}Lead"'),
    "qg:agent the document": lambda d: d.edit(d.assignment, f"<{QG}agent>", d.iri),
    "qg:agent a blank node": lambda d: d.edit(d.assignment, f"<{QG}agent>", "_:someone"),
    "qg:metric in English": lambda d: d.edit(d.target, f"<{QG}metric>", '"pass rate"@en'),
    "qg:metric untagged": lambda d: d.edit(d.target, f"<{QG}metric>", '"合格率"'),
    "qg:metric @ZH-Hans": lambda d: d.edit(d.target, f"<{QG}metric>", '"合格率"@ZH-Hans'),
    "qg:targetYear ill-formed": lambda d: d.edit(d.target, f"<{QG}targetYear>", f'"20x5"^^<{XSD}gYear>'),
    "issued not a date": lambda d: d.edit(d.iri, ISSUED, f'"2021-13-45"^^<{XSD}date>'),
    "issued a year": lambda d: d.edit(d.iri, ISSUED, f'"2021"^^<{XSD}gYear>'),
    "qg:domain outside the scheme": lambda d: d.edit(d.domain, f"<{QG}domain>", f"<{QG}Lead>"),
    "a mention tagged": lambda d: d.edit(d.clause, f"<{QG}mentions>", add='"质量"@zh'),
    "a subclass of qg:Clause": lambda d: d.more(f"{d.node('kind')} {SUBCLASS} <{QG}Clause> .",
                                               f"{d.node('clause/x')} {TYPE} {d.node('kind')} .",
                                               f'{d.node("clause/x")} <{QG}text> "条款" .'),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_check_native_breakage_gives_the_sparql_violations(corpus, document, name):
    _, checker = corpus
    own = BREAKAGES[name](document)
    assert own != ("\n".join(document.lines) + "\n").encode()
    _same(checker, document.doc_id, own, document.shared)


def test_check_native_violations_by_value(corpus, document):
    _, checker = corpus
    d = document
    clause = d.clause
    level = "A clause needs exactly one qg:level, a non-negative integer."
    assert _same(checker, d.doc_id, BREAKAGES["clause without qg:level"](d), d.shared) == (
        f"{clause} qg:level: {level} (sh:MinCountConstraintComponent)",)
    assert _same(checker, d.doc_id, BREAKAGES["ill-typed qg:level"](d), d.shared) == (
        f"{clause} qg:level: {level} (sh:DatatypeConstraintComponent)",
        f"{clause} qg:level: {level} (sh:MinInclusiveConstraintComponent)")
    assert _same(checker, d.doc_id, BREAKAGES["qg:level a decimal"](d), d.shared) == (
        f"{clause} qg:level: {level} (sh:DatatypeConstraintComponent)",)
    start = "A clause needs exactly one qg:charStart, a non-negative integer less than its qg:charEnd."
    assert _same(checker, d.doc_id, BREAKAGES["two qg:charStart"](d), d.shared) == (
        f"{clause} qg:charStart: {start} (sh:MaxCountConstraintComponent)",)
    assert _same(checker, d.doc_id, BREAKAGES["qg:metric @ZH-Hans"](d), d.shared) == ()
    assert _same(checker, d.doc_id, BREAKAGES["issued a year"](d), d.shared) == ()
    order = _same(checker, d.doc_id, BREAKAGES["qg:order over 64 bits"](d), d.shared)
    assert [v.rsplit("(", 1)[1] for v in order] == ["sh:MinInclusiveConstraintComponent)"]
    assert _same(checker, d.doc_id, BREAKAGES["qg:order with spaces"](d), d.shared) == tuple(
        f"{clause} qg:order: A clause needs exactly one qg:order, an integer of at least 1. "
        f"(sh:{c}ConstraintComponent)" for c in ["MinInclusive"])


def test_check_native_two_bad_values_are_two_violations(corpus, document):
    _, checker = corpus
    d = document
    own = d.edit(d.clause, f"<{QG}level>", f'"-1"^^<{XSD}integer>').replace(
        b"\n", f'\n{d.clause} <{QG}level> "-2"^^<{XSD}integer> .\n'.encode(), 1)
    found = _same(checker, d.doc_id, own, d.shared)
    assert [v.rsplit("(", 1)[1] for v in found] == ["sh:MaxCountConstraintComponent)"] + \
        ["sh:MinInclusiveConstraintComponent)"] * 2


ODD = [f'"abc"^^<{XSD}integer>', f'"-1"^^<{XSD}integer>', f'"0"^^<{XSD}integer>', f'"7"^^<{XSD}integer>',
       f'"1.5"^^<{XSD}decimal>', f'"99999999999999999999"^^<{XSD}integer>', '"x"', '""', '"x"@en', '"质量"@zh',
       '"x"@zh-CN', f'"2021-02-30"^^<{XSD}date>', f'"2021"^^<{XSD}gYear>', f'"2021-03-01"^^<{XSD}date>',
       f'"true"^^<{XSD}boolean>', f"<{QG}Lead>", f"<{QG}Annual>", f"<{QG}QualityGovernance>", "_:b0"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_check_native_any_edit_gives_the_sparql_violations(corpus, document, data):
    """Objects of the document's lines replaced by odd terms or by other lines' objects, lines dropped
    or doubled: the same violations either way."""
    _, checker = corpus
    lines = list(document.lines)
    objects = [line.split(" ", 2)[2][:-2] for line in lines]
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        subject, predicate, _ = lines[i].split(" ", 2)
        action = data.draw(st.sampled_from(["replace", "add", "drop"]))
        new = data.draw(st.one_of(st.sampled_from(ODD), st.sampled_from(objects)))
        if action == "drop":
            lines.pop(i)
        else:
            lines[i:i + (action == "replace")] = [f"{subject} {predicate} {new} ."]
    own = ("\n".join(lines) + "\n").encode()
    found = checker.check(document.doc_id, own, document.shared)
    assert tuple(str(v) for v in found.shapes) == _sparql(checker, document.doc_id, own, document.shared)


# --- the plan comes from the forms the compiler states -------------------------------------------------

# Per shape: (checks decided in Python, checks left to SPARQL), as planned on main before the forms were data.
PLANNED = {
    "qgs:AssignmentShape": (27, 0), "qgs:ClauseShape": (43, 0), "qgs:CoveringNoticeShape": (6, 0),
    "qgs:DomainAssignmentShape": (10, 0), "qgs:DomainValueShape": (2, 0), "qgs:MentionShape": (2, 0),
    "qgs:PolicyDocumentShape": (8, 0), "qgs:TargetShape": (38, 0),
    # the parent's shapes: sh:qualifiedValueShape and sh:pattern stay SPARQL
    "qgs:CollectiveBodyShape": (4, 0), "qgs:DepartmentShape": (7, 1), "qgs:JurisdictionShape": (6, 3),
    "qgs:ObservationShape": (36, 0), "qgs:TextReuseShape": (37, 0),
}


@pytest.fixture(scope="module")
def compiled():
    """The shipped shapes' compiled checks."""
    return compile_shapes(shapes_graph())


@pytest.mark.parametrize("shape", sorted(PLANNED))
def test_check_native_plans_each_shape_as_before(compiled, shape):
    native, rest = plan(c for c in compiled if c.shape == shape)
    assert (len(native), len(rest)) == PLANNED[shape]
    assert set(PLANNED) >= DOCUMENT_SHAPES and {c.shape for c in compiled} == set(PLANNED)


def _on(path: str, cls: str) -> dict:
    return {"path": QG + path, "target": Target((QG + cls,), ())}


FORMS = {
    ("qgs:ClauseShape", "qg:level", "MinCount"): Form("min", n=1, **_on("level", "Clause")),
    ("qgs:ClauseShape", "qg:level", "MaxCount"): Form("max", n=1, **_on("level", "Clause")),
    ("qgs:ClauseShape", "qg:level", "Datatype"): Form(
        "value", test=DatatypeTest(XSD + "integer", lexical=r"^\s*[+-]?[0-9]+\s*$"), **_on("level", "Clause"),
        expression=f'COALESCE(sameTerm(DATATYPE(?value), <{XSD}integer>) && (isNumeric(?value) || '
                   f'REGEX(STR(?value), "^\\\\s*[+-]?[0-9]+\\\\s*$"^^<{XSD}string>)), false)'),
    ("qgs:ClauseShape", "qg:level", "MinInclusive"): Form(
        "value", test=RangeTest(">=", 0), expression=f'COALESCE(?value >= "0"^^<{XSD}integer>, false)',
        **_on("level", "Clause")),
    ("qgs:ClauseShape", "qg:charStart", "LessThan"): Form(
        "less", other=QG + "charEnd", expression="COALESCE(?value < ?other, false)", **_on("charStart", "Clause")),
    ("qgs:TargetShape", "qg:metric", "LanguageIn"): Form(
        "value", test=LanguageInTest(("zh",)), **_on("metric", "Target"),
        expression=f'COALESCE(langMatches(LANG(?value), "zh"^^<{XSD}string>), false)'),
    ("qgs:TargetShape", "qg:period", "In"): Form(
        "value", test=InTest((QG + "Annual",)), expression=f"(sameTerm(?value, <{QG}Annual>))",
        **_on("period", "Target")),
    ("qgs:PolicyDocumentShape", "dcterms:issued", "Or"): Form(
        "value", path="http://purl.org/dc/terms/issued", target=Target((QG + "PolicyDocument",), ()),
        test=OrTest((DatatypeTest(XSD + "date", cast=True), DatatypeTest(XSD + "gYear", cast=True))),
        expression="((" + ") || (".join(f"COALESCE(sameTerm(DATATYPE(?value), <{XSD}{t}>) && "
                                         f"sameTerm(DATATYPE(<{XSD}{t}>(?value)), <{XSD}{t}>), false)"
                                         for t in ("date", "gYear")) + "))"),
    ("qgs:DomainValueShape", "qg:domain", "Node"): Form(
        "value", path=QG + "domain", target=Target((), (QG + "domain",)),
        test=HasValueTest("http://www.w3.org/2004/02/skos/core#inScheme", QG + "Domains"),
        expression=f"(EXISTS {{ ?value <http://www.w3.org/2004/02/skos/core#inScheme> <{QG}Domains> }})"),
    ("qgs:JurisdictionShape", "qg:adminCode", "Pattern"): None,
    ("qgs:DepartmentShape", "rdfs:label", "QualifiedMinCount"): None,
}


@pytest.mark.parametrize("key", sorted(FORMS))
def test_check_native_form_as_the_compiler_states_it(compiled, key):
    shape, path, constraint = key
    component = f"sh:{constraint}ConstraintComponent"
    check = next(c for c in compiled if (c.shape, c.path, c.component) == (shape, path, component))
    assert check.form == FORMS[key]
    if check.form is not None and check.form.kind == "value":   # the query tests the same expression
        assert f"  FILTER(!({check.form.expression}))\n" in check.sparql
    elif check.form is not None and check.form.kind == "less":
        assert f"  FILTER(!{check.form.expression})\n" in check.sparql


def test_check_native_plan_reads_the_form_not_the_query(compiled):
    """The query text may change: the plan is the same. Without a form, every check is a query."""
    checks = [c for c in compiled if c.shape in DOCUMENT_SHAPES]
    native, _ = plan(checks)
    blind, rest = plan(replace(c, sparql="SELECT ?focus WHERE { }") for c in checks)
    fields = ("kind", "predicate", "classes", "subjects_of", "n", "other", "expression", "needs")
    assert [[getattr(n, f) for f in fields] for n in blind] == [[getattr(n, f) for f in fields] for n in native]
    assert (len(blind), rest) == (136, ())
    assert plan(replace(c, form=None) for c in checks) == ((), tuple(replace(c, form=None) for c in checks))


# Forms the shipped shapes do not use yet: sh:node of a shape holding one sh:in, sh:or within sh:or with a
# sh:node of a scheme's concepts, exclusive ranges beside a decimal bound (SPARQL), two language ranges with
# sh:minLength, and a pattern (SPARQL).
REVIEW_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix qg: <https://w3id.org/qgraph/ontology#> .
@prefix qgs: <https://w3id.org/qgraph/shapes#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
qgs:ReviewShape a sh:NodeShape ; sh:targetClass qg:Review ;
    sh:property [ sh:path qg:grade ; sh:node qgs:GradeShape ] ;
    sh:property [ sh:path qg:score ; sh:minExclusive 0 ; sh:maxExclusive 100 ; sh:maxInclusive 99.5 ] ;
    sh:property [ sh:path qg:reviewer ;
                  sh:or ( [ sh:or ( [ sh:class qg:Department ] [ sh:class qg:CollectiveBody ] ) ]
                          [ sh:node qgs:DomainConceptShape ] ) ] ;
    sh:property [ sh:path qg:summary ; sh:minLength 4 ; sh:languageIn ( "zh" "en-GB" ) ] ;
    sh:property [ sh:path qg:code ; sh:pattern "^[A-Z]{2}$" ] .
qgs:GradeShape a sh:NodeShape ; sh:in ( qg:Good qg:Fair ) .
qgs:DomainConceptShape a sh:NodeShape ; sh:property [ sh:path skos:inScheme ; sh:hasValue qg:Domains ] .
"""
REVIEW_ONTOLOGY = f"""<{QG}Office> {SUBCLASS} <{QG}Department> .
<{QG}FoodSafety> <http://www.w3.org/2004/02/skos/core#inScheme> <{QG}Domains> .
"""


def test_check_native_more_forms_give_the_sparql_violations():
    checks = compile_shapes(Graph().parse(format="turtle", data=REVIEW_SHAPES))
    native, rest = plan(checks)
    assert sorted((n.check.path, n.check.component.removeprefix("sh:")) for n in native) == [
        ("qg:grade", "NodeConstraintComponent"), ("qg:reviewer", "OrConstraintComponent"),
        ("qg:score", "MaxExclusiveConstraintComponent"), ("qg:score", "MinExclusiveConstraintComponent"),
        ("qg:summary", "LanguageInConstraintComponent"), ("qg:summary", "MinLengthConstraintComponent")]
    assert sorted(c.component for c in rest) == ["sh:MaxInclusiveConstraintComponent", "sh:PatternConstraintComponent"]
    doc = "https://w3id.org/qgraph/id/doc/yunxi-2023"
    office, panel = "https://w3id.org/qgraph/id/yunxi/dept/市场监管局", "https://w3id.org/qgraph/id/yunxi/body/领导小组"
    review = f"<{doc}/review/%d>"
    own = "\n".join([
        *(f"{review % n} {TYPE} <{QG}Review> ." for n in (1, 2, 3)),
        f"{review % 1} <{QG}grade> <{QG}Good> .", f"{review % 2} <{QG}grade> <{QG}Poor> .",
        f'{review % 3} <{QG}grade> "Good" .',
        f'{review % 1} <{QG}score> "50"^^<{XSD}integer> .', f'{review % 2} <{QG}score> "0"^^<{XSD}integer> .',
        f'{review % 2} <{QG}score> "99.7"^^<{XSD}decimal> .', f'{review % 3} <{QG}score> "abc"^^<{XSD}integer> .',
        f"{review % 1} <{QG}reviewer> <{office}> .", f"{review % 1} <{QG}reviewer> <{QG}FoodSafety> .",
        f"{review % 2} <{QG}reviewer> <{panel}> .", f"{review % 3} <{QG}reviewer> <{doc}> .",
        f'{review % 3} <{QG}reviewer> "市场监管局" .',
        f'{review % 1} <{QG}summary> "质量强市"@zh .', f'{review % 1} <{QG}summary> "Quality"@en-gb-oxendict .',
        f'{review % 2} <{QG}summary> "质量"@zh .', f'{review % 2} <{QG}summary> "Quality"@en .',
        f'{review % 3} <{QG}summary> "abc" .',
        f'{review % 1} <{QG}code> "QS" .', f'{review % 2} <{QG}code> "qs" .',
    ]) + "\n"
    shared = f"<{office}> {TYPE} <{QG}Office> .\n<{panel}> {TYPE} <{QG}CollectiveBody> .\n"
    store = ox.Store()
    graphs = [ox.NamedNode(f"urn:check:{name}") for name in ("ontology", "own", "shared")]
    for data, graph in zip((REVIEW_ONTOLOGY, own, shared), graphs, strict=True):
        store.load(data.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    found = NativeChecks(native, REVIEW_ONTOLOGY.encode()).run(store, doc, graphs[1], [graphs[2]])
    found += validate_store(store, rest, workers=1, graphs=graphs)
    assert sorted(map(str, found)) == sorted(map(str, validate_store(store, checks, workers=1, graphs=graphs)))
    assert sorted(f"{v.focus.removeprefix(f'<{doc}/')[:-1]} {v.path} {v.constraint[3:-19]}" for v in found) == [
        "review/2 qg:code Pattern", "review/2 qg:grade Node", "review/2 qg:score MaxInclusive",
        "review/2 qg:score MinExclusive", "review/2 qg:summary LanguageIn", "review/2 qg:summary MinLength",
        "review/3 qg:grade Node", "review/3 qg:reviewer Or", "review/3 qg:reviewer Or",
        "review/3 qg:score MaxExclusive", "review/3 qg:score MaxInclusive", "review/3 qg:score MinExclusive",
        "review/3 qg:summary LanguageIn", "review/3 qg:summary MinLength"]
