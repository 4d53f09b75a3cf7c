"""Tests for qgraph/fastshacl.py: the shapes compiled to SPARQL must find exactly what pySHACL finds.

Every case is run both ways on the same triples — ontology/qgraph.ttl, ontology/domains.ttl and the data,
as tests/test_ontology.py and the build merge them: pySHACL as qgraph.check.shacl.validate_graph runs it, and
the compiled checks on a pyoxigraph Store loaded with the graph's N-Triples. The (focus, path,
constraint) of every violation must agree, counted with multiplicity; on the fixtures the whole
Violation values (messages too) must equal validate_graph's.
"""
from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import SH

from qgraph.errors import RuleError
from qgraph.check.compiled import compile_shapes, validate_store
from qgraph.check.shacl import Violation, _short, shapes_graph, validate_graph

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
FIXTURES_DIR = ROOT / "tests" / "fixtures"

PREFIXES = """
@prefix qg:      <https://w3id.org/qgraph/ontology#> .
@prefix qgs:     <https://w3id.org/qgraph/shapes#> .
@prefix sh:      <http://www.w3.org/ns/shacl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix j:       <https://w3id.org/qgraph/id/jurisdiction/> .
@prefix doc:     <https://w3id.org/qgraph/id/doc/> .
@prefix cl:      <https://w3id.org/qgraph/id/doc/hefei-2021/clause/> .
@prefix dept:    <https://w3id.org/qgraph/id/department/hefei/> .
@prefix test:    <https://w3id.org/qgraph/id/test/> .
"""

# One conforming node of each core class, added to valid.ttl; each case below breaks one of them.
CLAUSE = """test:clause a qg:Clause ;
    qg:document doc:hefei-2021 ; dcterms:isPartOf cl:2 ; qg:kind qg:NumberedClause ;
    qg:number "二.(九)" ; qg:order 9 ; qg:level 2 ; qg:heading "标题" ;
    qg:text "(九)标题" ; qg:sourceText "(九)標題" ; qg:charStart 10 ; qg:charEnd 20 ."""
TARGET = """test:target a qg:Target ;
    qg:statedIn cl:2-1 ; qg:metric "合格率"@zh ; qg:value 95.0 ; qg:unit "%" ; qg:comparator qg:AtLeast ;
    qg:targetYear "2025"^^xsd:gYear ; qg:sourceText "合格率达95%以上" ; qg:charStart 886 ; qg:charEnd 944 ."""
JURISDICTION = """test:city a qg:City ;
    rdfs:label "测试市"@zh , "Test City"@en ; qg:adminLevel qg:PrefectureLevel ; qg:adminCode "340200" ."""
DOCUMENT = """test:doc a qg:PolicyDocument ;
    qg:jurisdiction j:hefei ; dcterms:title "标题"@zh ; dcterms:issued "2021-03-12"^^xsd:date ."""
NOTICE = """test:notice a qg:CoveringNotice ; qg:promulgates doc:hefei-2021 ; dcterms:issued "2021"^^xsd:gYear ."""
ASSIGNMENT = """test:assignment a qg:Assignment ;
    qg:assignedIn cl:2-1 ; qg:agent dept:market-regulation ; qg:role qg:Lead ; qg:listPosition 1 ;
    qg:charStart 1029 ; qg:charEnd 1048 ; qg:rule "lead" ."""
REUSE = """test:reuse a qg:TextReuse ;
    qg:reusedClause cl:2-1 ; qg:sourceClause cl:2-2 ; qg:reusedStart 0 ; qg:reusedEnd 10 ;
    qg:sourceStart 0 ; qg:sourceEnd 10 ; qg:alignedLength 10 ; qg:similarity 0.9 ."""
DOMAIN = """test:domain a qg:DomainAssignment ;
    qg:subject cl:2-2 ; qg:domain qg:ProductQuality ; qg:method qg:Inferred ."""
GROUP = """test:group a qg:CollectiveBody ; rdfs:label "领导小组"@zh ; qg:jurisdiction j:hefei ."""


def _edit(template: str, old: str, new: str) -> str:
    assert old in template, old
    return template.replace(old, new)


EXTRA_CASES = [
    pytest.param(CLAUSE, id="clause-conforms"),
    pytest.param(_edit(CLAUSE, "qg:charEnd 20", "qg:charEnd 10"), id="clause-start-equals-end"),
    pytest.param(_edit(CLAUSE, "qg:charStart 10", "qg:charStart 30"), id="clause-start-after-end"),
    pytest.param(_edit(CLAUSE, "qg:charEnd 20", "qg:charEnd 5 , 20"), id="clause-two-ends"),
    pytest.param(_edit(CLAUSE, 'qg:text "(九)标题"', 'qg:text "(九)标题" , "(九)标题二"'), id="clause-two-texts"),
    pytest.param(_edit(CLAUSE, 'qg:text "(九)标题"', 'qg:text ""'), id="clause-empty-text"),
    pytest.param(_edit(CLAUSE, 'qg:text "(九)标题"', 'qg:text "(九)标题"@zh'), id="clause-text-tagged-zh"),
    pytest.param(_edit(CLAUSE, "qg:order 9", "qg:order 0"), id="clause-order-zero"),
    pytest.param(_edit(CLAUSE, "qg:order 9", "qg:order 9.0"), id="clause-order-decimal"),
    pytest.param(_edit(CLAUSE, "qg:order 9", 'qg:order "nine"^^xsd:integer'), id="clause-order-ill-typed"),
    pytest.param(_edit(CLAUSE, "qg:charStart 10", 'qg:charStart "10"'), id="clause-start-string"),
    pytest.param(_edit(CLAUSE, "dcterms:isPartOf cl:2", "dcterms:isPartOf dept:market-regulation"),
                 id="clause-parent-department"),
    pytest.param(_edit(CLAUSE, "qg:kind qg:NumberedClause", 'qg:kind "NumberedClause"'), id="clause-kind-literal"),
    pytest.param(_edit(CLAUSE, "qg:charEnd 20 .", "qg:charEnd 20 ; qg:domain test:indicator-product-spot-check-pass-rate ."),
                 id="clause-domain-outside-scheme"),
    pytest.param(_edit(CLAUSE, "qg:charEnd 20 .", 'qg:charEnd 20 ; qg:domain "ProductQuality" .'),
                 id="clause-domain-literal"),
    pytest.param('[] a qg:Clause ; qg:text "x" ; qg:charStart 3 ; qg:charEnd 2 .', id="clause-blank-node"),
    pytest.param(TARGET, id="target-conforms"),
    pytest.param(_edit(TARGET, "qg:value 95.0", "qg:value 9.5E1"), id="target-value-double"),
    pytest.param(_edit(TARGET, "qg:value 95.0", "qg:value 95"), id="target-value-integer"),
    pytest.param(_edit(TARGET, '"合格率"@zh', '"pass rate"@en'), id="target-metric-english"),
    pytest.param(_edit(TARGET, '"合格率"@zh', '"合格率"@zh-Hans'), id="target-metric-zh-hans"),
    pytest.param(_edit(TARGET, '"合格率"@zh', '"合格率"'), id="target-metric-plain"),
    pytest.param(_edit(TARGET, '"2025"^^xsd:gYear', "2025"), id="target-year-integer"),
    pytest.param(_edit(TARGET, "qg:charEnd 944 .", "qg:charEnd 944 ; qg:period qg:Annual , qg:Monthly ."),
                 id="target-two-periods"),
    pytest.param(_edit(TARGET, "qg:charEnd 944 .", 'qg:charEnd 944 ; qg:indicator "rate" .'),
                 id="target-indicator-literal"),
    pytest.param(JURISDICTION, id="jurisdiction-conforms"),
    pytest.param(_edit(JURISDICTION, '"340200"', '"34010"'), id="jurisdiction-code-five-digits"),
    pytest.param(_edit(JURISDICTION, '"340200"', "340200"), id="jurisdiction-code-integer"),
    pytest.param(_edit(JURISDICTION, '"340200"', '"340200"@zh'), id="jurisdiction-code-tagged"),
    pytest.param(_edit(JURISDICTION, ' , "Test City"@en', ""), id="jurisdiction-zh-label-only"),
    pytest.param(_edit(JURISDICTION, '"Test City"@en', '"Test City"@en-GB'), id="jurisdiction-en-gb-label"),
    pytest.param(_edit(JURISDICTION, 'rdfs:label "测试市"@zh , "Test City"@en ;', ""), id="jurisdiction-no-labels"),
    pytest.param(_edit(JURISDICTION, "qg:PrefectureLevel", "qg:PrefectureLevel , qg:CountyLevel"),
                 id="jurisdiction-two-levels"),
    pytest.param(DOCUMENT, id="document-conforms"),
    pytest.param(_edit(DOCUMENT, '"2021-03-12"^^xsd:date', '"2021"^^xsd:gYear'), id="document-issued-year"),
    pytest.param(_edit(DOCUMENT, '"2021-03-12"^^xsd:date', '"2021-13-45"^^xsd:date'), id="document-issued-ill-typed"),
    pytest.param(_edit(DOCUMENT, '"2021-03-12"^^xsd:date', "2021"), id="document-issued-integer"),
    pytest.param(_edit(DOCUMENT, "qg:jurisdiction j:hefei", "qg:jurisdiction dept:market-regulation"),
                 id="document-jurisdiction-department"),
    pytest.param(_edit(DOCUMENT, "xsd:date .", 'xsd:date ; eli:id_local "合政〔2021〕1号" , "合政〔2021〕2号" .'),
                 id="document-two-numbers"),
    pytest.param(NOTICE, id="notice-conforms"),
    pytest.param(_edit(NOTICE, "qg:promulgates doc:hefei-2021", "qg:promulgates cl:2"), id="notice-promulgates-clause"),
    pytest.param(ASSIGNMENT, id="assignment-conforms"),
    pytest.param(_edit(ASSIGNMENT, "qg:agent dept:market-regulation",
                       "qg:agent <https://w3id.org/qgraph/id/government/hefei>"), id="assignment-agent-government"),
    pytest.param(_edit(ASSIGNMENT, "qg:agent dept:market-regulation", "qg:agent test:group") + GROUP,
                 id="assignment-agent-collective-body"),
    pytest.param(_edit(ASSIGNMENT, "qg:listPosition 1", "qg:listPosition 0"), id="assignment-position-zero"),
    pytest.param(GROUP.replace(' ; qg:jurisdiction j:hefei', ""), id="collective-body-no-jurisdiction"),
    pytest.param(REUSE, id="reuse-conforms"),
    pytest.param(_edit(REUSE, "qg:similarity 0.9", "qg:similarity 1.5"), id="reuse-similarity-above-one"),
    pytest.param(_edit(REUSE, "qg:similarity 0.9", 'qg:similarity "0.9"'), id="reuse-similarity-string"),
    pytest.param(_edit(REUSE, "qg:similarity 0.9", "qg:similarity 1"), id="reuse-similarity-integer"),
    pytest.param(_edit(REUSE, "qg:alignedLength 10", "qg:alignedLength 0"), id="reuse-aligned-length-zero"),
    pytest.param(_edit(REUSE, "qg:sourceStart 0", "qg:sourceStart 12"), id="reuse-source-start-after-end"),
    pytest.param(DOMAIN, id="domain-conforms"),
    pytest.param(_edit(DOMAIN, "qg:subject cl:2-2", "qg:subject dept:market-regulation"), id="domain-subject-department"),
    pytest.param(_edit(DOMAIN, "qg:method qg:Inferred", "qg:method qg:Guessed"), id="domain-unknown-method"),
    pytest.param(_edit(DOMAIN, "qg:domain qg:ProductQuality", "qg:domain qg:ProductQuality , qg:ServiceQuality"),
                 id="domain-two-domains"),
    pytest.param(_edit(DOMAIN, "qg:domain qg:ProductQuality", "qg:domain test:indicator-product-spot-check-pass-rate"),
                 id="domain-outside-scheme"),
]

# Where the fast validator is stricter than pySHACL, and why (SHACL's own semantics, or pyoxigraph's limits).
STRICTER_CASES = [
    # sh:pattern is an XPath regex: "$" matches only at the very end; Python's re also before a final "\n".
    pytest.param(_edit(JURISDICTION, '"340200"', '"340200\\n"'), "<https://w3id.org/qgraph/id/test/city>",
                 "qg:adminCode", "Pattern", id="pattern-dollar-before-newline"),
    # rdflib does not check xsd:gYear's lexical form, so pySHACL accepts any string typed xsd:gYear.
    pytest.param(_edit(NOTICE, '"2021"^^xsd:gYear', '"MMXXI"^^xsd:gYear'), "<https://w3id.org/qgraph/id/test/notice>",
                 "dcterms:issued", "Or", id="gyear-ill-formed"),
    # A date is not comparable with a number, which SHACL counts as a failure; pySHACL passes it for
    # sh:maxInclusive and sh:maxExclusive (not for the minimums).
    pytest.param(_edit(REUSE, "qg:similarity 0.9", 'qg:similarity "2021-01-01"^^xsd:date'),
                 "<https://w3id.org/qgraph/id/test/reuse>", "qg:similarity", "MaxInclusive",
                 id="range-date-against-number"),
    # pyoxigraph compares decimals of at most 18 fractional digits; a longer one fails the range checks.
    pytest.param(_edit(REUSE, "qg:similarity 0.9", "qg:similarity 0.1234567890123456789012"),
                 "<https://w3id.org/qgraph/id/test/reuse>", "qg:similarity", "MinInclusive",
                 id="decimal-beyond-pyoxigraph-precision"),
]


@cache
def _base_ntriples() -> str:
    graph = Graph()
    for path in (ONTOLOGY_DIR / "qgraph.ttl", ONTOLOGY_DIR / "domains.ttl"):
        graph.parse(path, format="turtle")
    return graph.serialize(format="nt")


@cache
def _checks():
    return compile_shapes(shapes_graph())


def _graph(data: Path | None = None, extra: str = "") -> Graph:
    """The ontology, the taxonomy, DATA (a Turtle file) and EXTRA (Turtle with PREFIXES), in one graph."""
    graph = Graph().parse(data=_base_ntriples(), format="nt")
    if data is not None:
        graph.parse(data, format="turtle")
    if extra:
        graph.parse(data=PREFIXES + extra, format="turtle")
    return graph


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _key(violation: Violation) -> tuple[str, str, str]:
    focus = violation.focus
    if not focus.startswith("<") and ":" not in focus:
        focus = "_:"  # a blank node: its label differs between rdflib and pyoxigraph
    return focus, violation.path, violation.constraint


def _pyshacl(graph: Graph, shapes: Graph | None = None) -> list[Violation]:
    """pySHACL's validation results, run as validate_graph runs it, but only the report's sh:result entries.

    validate_graph reads every node with an sh:resultSeverity, which also picks up the sh:detail results
    that pySHACL nests under a failed sh:node (the value node's own failures); SHACL's results are the
    report's sh:result values, and those are what the fast validator reports.
    """
    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes or shapes_graph(), inference="none",
                                                advanced=True, allow_warnings=True)
    return [
        Violation(focus=_short(report, report.value(result, SH.focusNode)),
                  path=_short(report, report.value(result, SH.resultPath)),
                  message=str(report.value(result, SH.resultMessage) or ""),
                  constraint=_short(report, report.value(result, SH.sourceConstraintComponent)))
        for result in report.objects(None, SH.result)
        if report.value(result, SH.resultSeverity) == SH.Violation
    ]


def _both(graph: Graph) -> tuple[Counter, Counter]:
    """(fast, pySHACL): the violations' (focus, path, constraint), counted."""
    fast = Counter(map(_key, validate_store(_store(graph), _checks())))
    slow = Counter(map(_key, _pyshacl(graph)))
    return fast, slow


@pytest.mark.parametrize(
    "data", [FIXTURES_DIR / "valid.ttl", *sorted((FIXTURES_DIR / "broken").glob("*.ttl"))],
    ids=lambda path: path.stem,
)
def test_fastshacl_fixture_agrees_with_pyshacl(data: Path) -> None:
    fast, slow = _both(_graph(data))
    assert fast == slow
    if data.parent.name == "broken":
        assert sum(fast.values()) == 1


@pytest.mark.parametrize(
    "data", [FIXTURES_DIR / "valid.ttl", *sorted((FIXTURES_DIR / "broken").glob("*.ttl"))],
    ids=lambda path: path.stem,
)
def test_fastshacl_fixture_violations_equal_validate_py(data: Path) -> None:
    # Not only the keys: the whole Violation values, messages included, in validate.py's order.
    graph = _graph(data)
    assert validate_store(_store(graph), _checks()) == validate_graph(graph).violations


@pytest.mark.parametrize("extra", EXTRA_CASES)
def test_fastshacl_case_agrees_with_pyshacl(extra: str) -> None:
    fast, slow = _both(_graph(FIXTURES_DIR / "valid.ttl", extra))
    assert fast == slow


@pytest.mark.parametrize(("extra", "focus", "path", "constraint"), STRICTER_CASES)
def test_fastshacl_stricter_than_pyshacl_where_pyshacl_is_lenient(extra: str, focus: str, path: str,
                                                                   constraint: str) -> None:
    fast, slow = _both(_graph(FIXTURES_DIR / "valid.ttl", extra))
    key = (focus, path, f"sh:{constraint}ConstraintComponent")
    assert key in fast
    assert key not in slow
    assert set(slow) <= set(fast)


def test_fastshacl_ontology_without_data_conforms() -> None:
    assert validate_store(_store(_graph()), _checks()) == ()


@pytest.mark.parametrize("check", _checks(), ids=lambda c: f"{c.shape}-{c.path}-{c.component.split('#')[-1][:-1]}")
def test_fastshacl_check_runs_and_has_a_message(check) -> None:
    assert check.message and not check.message.endswith("on -")
    assert list(ox.Store().query(check.sparql)) == []


# Supported constructs that ontology/shapes.ttl does not use (yet): a shapes graph and data for each.
OTHER_CONSTRUCTS = [
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Clause ; sh:property [ sh:path qg:document ; "
                 "sh:nodeKind sh:IRI ] .",
                 'test:a a qg:Clause ; qg:document "x" , doc:hefei-2021 . test:b a qg:Clause ; qg:document [] .',
                 id="node-kind"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Target ; sh:property [ sh:path qg:value ; "
                 "sh:minExclusive 0 ; sh:maxExclusive 100 ] .",
                 'test:a a qg:Target ; qg:value 0 , 50 , 100 , 100.5 , "abc" , <https://example.org/1> .',
                 id="exclusive-range"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Target ; sh:property [ sh:path qg:value ; "
                 "sh:minInclusive 1.5 ; sh:maxInclusive 2.5 ] .",
                 'test:a a qg:Target ; qg:value 1 , 1.5 , 2 , 2.5e0 , 3 , "2"^^xsd:double .',
                 id="decimal-range"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass skos:Concept ; sh:property [ sh:path skos:inScheme ; "
                 "sh:hasValue qg:Domains ] .",
                 "test:a a skos:Concept . test:b a skos:Concept ; skos:inScheme qg:Other , qg:Domains .",
                 id="has-value"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetSubjectsOf qg:domain ; sh:nodeKind sh:IRI ; "
                 'sh:pattern "^https://" .',
                 "[] qg:domain qg:ProductQuality . <http://example.org/a> qg:domain qg:ProductQuality .",
                 id="node-level-constraints"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Jurisdiction ; sh:property [ sh:path rdfs:label ; "
                 "sh:minCount 2 ; sh:maxCount 2 ] .",
                 'test:a a qg:City ; rdfs:label "甲"@zh . test:b a qg:City ; rdfs:label "乙"@zh , "B"@en . '
                 'test:c a qg:City ; rdfs:label "丙"@zh , "C"@en , "C" .',
                 id="counts-of-two"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Jurisdiction ; sh:property [ sh:path rdfs:label ; "
                 'sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ; sh:qualifiedMinCount 2 ] .',
                 'test:a a qg:City ; rdfs:label "甲"@zh , "A"@en . test:b a qg:City ; rdfs:label "B"@en , "Bee"@en-GB .',
                 id="qualified-min-count-of-two"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Clause ; sh:property [ sh:path qg:heading ; "
                 'sh:pattern "^abc" ; sh:flags "i" ] .',
                 'test:a a qg:Clause ; qg:heading "ABCdef" , "xabc" , "a\\bc" , <https://example.org/abc> .',
                 id="pattern-flags"),
    pytest.param("qgs:Span a sh:NodeShape ; sh:property [ sh:path qg:charStart ; sh:datatype xsd:integer ; "
                 "sh:lessThan qg:charEnd ] , [ sh:path qg:charEnd ; sh:minCount 1 ; sh:maxCount 1 ] . "
                 "qgs:S a sh:NodeShape ; sh:targetClass qg:Assignment ; sh:property [ sh:path qg:span ; "
                 "sh:node qgs:Span ] .",
                 "test:a a qg:Assignment ; qg:span test:s1 , test:s2 , test:s3 , test:s4 . "
                 "test:s1 qg:charStart 1 ; qg:charEnd 2 . test:s2 qg:charStart 3 ; qg:charEnd 2 . "
                 'test:s3 qg:charStart 1 . test:s4 qg:charStart "1" ; qg:charEnd 2 , 3 .',
                 id="node-with-nested-properties"),
    pytest.param("qgs:S a sh:NodeShape ; sh:targetClass qg:Clause ; sh:or ( [ sh:path qg:heading ; sh:minCount 1 ] "
                 "[ sh:path qg:text ; sh:minCount 1 ; sh:minLength 3 ] ) .",
                 'test:a a qg:Clause ; qg:heading "h" . test:b a qg:Clause ; qg:text "abc" . '
                 'test:c a qg:Clause ; qg:text "ab" . test:d a qg:Clause .',
                 id="node-level-or-of-property-shapes"),
    pytest.param("qgs:S a sh:PropertyShape ; sh:targetClass qg:Clause ; sh:path qg:order ; sh:maxCount 1 ; "
                 "sh:in ( 1 2 ) .".replace("sh:in ( 1 2 ) ", 'sh:in ( "1" "2" ) '),
                 'test:a a qg:Clause ; qg:order "1" , "3" . test:b a qg:Clause ; qg:order 1 .',
                 id="property-shape-with-target"),
]


@pytest.mark.parametrize(("shapes_turtle", "data_turtle"), OTHER_CONSTRUCTS)
def test_fastshacl_other_supported_construct_agrees_with_pyshacl(shapes_turtle: str, data_turtle: str) -> None:
    shapes = Graph().parse(data=PREFIXES + shapes_turtle, format="turtle")
    graph = _graph(extra=data_turtle)
    fast = Counter(map(_key, validate_store(_store(graph), compile_shapes(shapes))))
    slow = Counter(map(_key, _pyshacl(graph, shapes)))
    assert fast == slow
    assert fast, "the case should find something"


UNSUPPORTED = [
    pytest.param("sh:closed", "qgs:Bad", "qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ; sh:closed true .",
                 id="closed"),
    pytest.param("sh:sparql", "qgs:Bad", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:sparql [ sh:select "SELECT $this WHERE { $this qg:text ?t }" ] .""", id="sparql"),
    pytest.param("sh:targetNode", "qgs:Bad", "qgs:Bad a sh:NodeShape ; sh:targetNode qg:Lead .", id="target-node"),
    pytest.param("sh:severity", "qgs:Bad property qg:text", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:property [ sh:path qg:text ; sh:minCount 1 ; sh:severity sh:Warning ] .""", id="severity"),
    pytest.param("sh:maxLength", "qgs:Bad property qg:text", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:property [ sh:path qg:text ; sh:maxLength 10 ] .""", id="max-length"),
    pytest.param("sh:equals", "qgs:Bad property qg:text", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:property [ sh:path qg:text ; sh:equals qg:sourceText ] .""", id="equals"),
    pytest.param("sh:qualifiedMaxCount", "qgs:Bad property rdfs:label", """qgs:Bad a sh:NodeShape ;
                     sh:targetClass qg:Clause ; sh:property [ sh:path rdfs:label ;
                     sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ; sh:qualifiedMaxCount 1 ] .""",
                 id="qualified-max-count"),
    pytest.param("sh:deactivated", "qgs:Bad", "qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ; sh:deactivated true .",
                 id="deactivated"),
    pytest.param("sh:not", "qgs:Bad property qg:kind", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:property [ sh:path qg:kind ; sh:not [ sh:in ( qg:Title ) ] ] .""", id="not"),
    pytest.param("sh:xone", "qgs:Bad property qg:kind sh:or", """qgs:Bad a sh:NodeShape ; sh:targetClass qg:Clause ;
                     sh:property [ sh:path qg:kind ; sh:or ( [ sh:xone ( [ sh:in ( qg:Title ) ] ) ] ) ] .""",
                 id="xone-inside-or"),
    pytest.param("a sh:path that is not an IRI", "qgs:Bad property [sh:inversePath qg:document]", """qgs:Bad a sh:NodeShape ;
                     sh:targetClass qg:Clause ; sh:property [ sh:path [ sh:inversePath qg:document ] ;
                     sh:maxCount 1 ] .""", id="inverse-path"),
    pytest.param("sh:in with the value", "qgs:Bad property qg:order", """qgs:Bad a sh:NodeShape ;
                     sh:targetClass qg:Clause ; sh:property [ sh:path qg:order ; sh:in ( 1 2 3 ) ] .""",
                 id="in-with-numbers"),
    pytest.param("sh:closed", "qgs:ClauseShape", "qgs:ClauseShape sh:closed true .", id="closed-added-to-shapes-ttl"),
]


@pytest.mark.parametrize(("construct", "shape", "turtle"), UNSUPPORTED)
def test_fastshacl_unsupported_construct_is_refused(construct: str, shape: str, turtle: str) -> None:
    shapes = Graph()
    if shape == "qgs:ClauseShape":
        shapes.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    shapes.parse(data=PREFIXES + turtle, format="turtle")
    with pytest.raises(RuleError) as caught:
        compile_shapes(shapes)
    assert caught.value.code == "QG204"
    assert f"shape {shape} uses {construct}" in caught.value.message
    assert "which the fast validator does not support" in str(caught.value)
