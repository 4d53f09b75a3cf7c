"""Tests for the ontology files in ``ontology/``: qgraph.ttl, domains.ttl and shapes.ttl.

The shapes are run the way ``qgraph validate`` runs them: pySHACL with ``inference="none"`` on ONE graph
holding the ontology, the domain taxonomy and the data. ``tests/fixtures/valid.ttl`` must conform; each
file in ``tests/fixtures/broken/`` is valid.ttl with one defect and must be rejected for that defect only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

ONTOLOGY_DIR = Path(__file__).parent.parent / "ontology"
FIXTURES_DIR = Path(__file__).parent / "fixtures"

QG = Namespace("https://w3id.org/qgraph/ontology#")
ID = Namespace("https://w3id.org/qgraph/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")

ONTOLOGY_IRI = URIRef("https://w3id.org/qgraph/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def _parse(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@cache
def _ontology() -> Graph:
    # Parsed once; the tests only read these graphs.
    return _parse(ONTOLOGY_DIR / "qgraph.ttl")


@cache
def _domains() -> Graph:
    # Parsed once; the tests only read these graphs.
    return _parse(ONTOLOGY_DIR / "domains.ttl")


@cache
def _shapes() -> Graph:
    # Parsed once; the tests only read these graphs.
    return _parse(ONTOLOGY_DIR / "shapes.ttl")


def _qg_terms(graph: Graph) -> list[URIRef]:
    """Every qg: IRI declared as a class, property or named individual."""
    terms = {
        s
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(QG))
    }
    return sorted(terms)


def _local(term: URIRef) -> str:
    return term.removeprefix(str(QG))


def _validate(data: Path) -> tuple[bool, Graph, str]:
    """Validate DATA merged with the ontology and taxonomy, as the build does."""
    graph = _parse(ONTOLOGY_DIR / "qgraph.ttl", ONTOLOGY_DIR / "domains.ttl", data)
    shapes = _parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, report, text = validate(graph, shacl_graph=shapes, inference="none")
    return conforms, report, text


def _results(report: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, result path) of every validation result."""
    return {
        (report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


# The contract's terms (and the ones the brief adds), with the kind each must be declared as.
CONTRACT_TERMS = [
    *[(name, OWL.Class) for name in (
        "Jurisdiction City Province AdminLevel PolicyDocument CoveringNotice Clause ClauseKind "
        "Department Government CollectiveBody Assignment Role Target Comparator Period Change "
        "TextReuse DomainAssignment ClassificationMethod LeadBasis").split()],
    *[(name, OWL.NamedIndividual) for name in (
        "ProvinceLevel PrefectureLevel CountyLevel Title DocumentNumber Addressee Preamble "
        "NumberedClause DashItem Closing NoticeText Lead Support Responsible "
        "ExplicitLead SoleResponsible FirstListed JointlyResponsible Supporting Collective "
        "AtLeast GreaterThan Equal AtMost LessThan Approximately Annual Increase Decrease "
        "Stated Inherited Inferred").split()],
    *[(name, OWL.ObjectProperty) for name in (
        "jurisdiction adminLevel document promulgates kind involvesDepartment leadDepartment "
        "supportDepartment responsibleDepartment responsibleGroup departmentType government "
        "assignment assignedIn agent role domain domainAssignment subject method statedIn "
        "comparator period change indicator reusedClause sourceClause leadBasis").split()],
    *[(name, OWL.DatatypeProperty) for name in (
        "adminCode number marker order level heading text sourceText charStart charEnd sourceFile "
        "sourceSha256 script listPosition rule metric value valueMax unit targetYear baselineYear "
        "keyword matchedTerm alignedLength similarity reusedStart reusedEnd reusedTextStart reusedTextEnd sourceStart "
        "sourceEnd countsAsLead leadRank").split()],
]

SUBCLASS_AXIOMS = [
    (QG.Jurisdiction, DCTERMS.Location),
    (QG.City, QG.Jurisdiction),
    (QG.Province, QG.Jurisdiction),
    (QG.PolicyDocument, ELI.LegalResource),
    (QG.CoveringNotice, ELI.LegalResource),
    (QG.Clause, ELI.LegalResourceSubdivision),
    (QG.Department, ORG.Organization),
    (QG.Government, ORG.FormalOrganization),
    (QG.CollectiveBody, ORG.Organization),
    (QG.Assignment, PROV.Influence),
    (QG.Target, PROV.Entity),
    (QG.TextReuse, PROV.Entity),
]

DATATYPE_RANGES = [
    (QG.adminCode, "string"), (QG.number, "string"), (QG.order, "integer"), (QG.level, "integer"),
    (QG.charStart, "integer"), (QG.charEnd, "integer"), (QG.value, "decimal"),
    (QG.valueMax, "decimal"), (QG.unit, "string"), (QG.targetYear, "gYear"),
    (QG.baselineYear, "gYear"), (QG.similarity, "decimal"), (QG.alignedLength, "integer"),
]

DOMAIN_CONCEPTS = [
    "ProductQuality", "EngineeringQuality", "ServiceQuality", "EnvironmentQuality",
    "IndustryQuality", "QualityGovernance", "QualityInfrastructure",
]

CORE_CLASSES = [
    "Jurisdiction", "PolicyDocument", "CoveringNotice", "Clause", "Department", "CollectiveBody",
    "Assignment", "Target", "DomainAssignment", "TextReuse",
]

CLAUSE = ID["doc/hefei-2021/clause/"]
BROKEN_FIXTURES = [
    ("clause-missing-text", URIRef(CLAUSE + "2-2"), QG.text),
    ("target-unknown-comparator", URIRef(CLAUSE + "2-1/target/1"), QG.comparator),
    ("clause-two-parents", URIRef(CLAUSE + "2-2"), DCTERMS.isPartOf),
    ("jurisdiction-no-english-label", ID["jurisdiction/hefei"], RDFS.label),
    ("document-issued-plain-string", ID["doc/hefei-2021"], DCTERMS.issued),
    ("department-no-type", ID["department/hefei/market-regulation"], QG.departmentType),
    ("assignment-unknown-role", URIRef(CLAUSE + "2-1/assignment/1"), QG.role),
]


@pytest.mark.parametrize("name", ["qgraph.ttl", "domains.ttl", "shapes.ttl"])
def test_ontology_file_parses(name: str) -> None:
    assert len(_parse(ONTOLOGY_DIR / name)) > 0


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        (RDF.type, OWL.Ontology),
        (OWL.versionIRI, URIRef("https://w3id.org/qgraph/ontology/0.1.0")),
        (OWL.versionInfo, Literal("0.1.0")),
    ],
)
def test_ontology_header_has(predicate: URIRef, expected: URIRef | Literal) -> None:
    assert (ONTOLOGY_IRI, predicate, expected) in _ontology()


@pytest.mark.parametrize("predicate", [DCTERMS.title, DCTERMS.description])
def test_ontology_header_is_described_in_english(predicate: URIRef) -> None:
    values = list(_ontology().objects(ONTOLOGY_IRI, predicate))
    assert any(isinstance(v, Literal) and v.language == "en" for v in values)


@pytest.mark.parametrize(("name", "kind"), CONTRACT_TERMS, ids=[n for n, _ in CONTRACT_TERMS])
def test_ontology_declares_term(name: str, kind: URIRef) -> None:
    assert (QG[name], RDF.type, kind) in _ontology()


@pytest.mark.parametrize("term", _qg_terms(_ontology()), ids=_local)
def test_ontology_term_has_labels_and_comment(term: URIRef) -> None:
    graph = _ontology()
    labels = {lit.language for lit in graph.objects(term, RDFS.label) if isinstance(lit, Literal)}
    comments = {lit.language for lit in graph.objects(term, RDFS.comment) if isinstance(lit, Literal)}
    assert {"en", "zh"} <= labels, f"{term} labels: {labels}"
    assert "en" in comments, f"{term} has no @en rdfs:comment"


@pytest.mark.parametrize(("sub", "sup"), SUBCLASS_AXIOMS, ids=[_local(s) for s, _ in SUBCLASS_AXIOMS])
def test_ontology_subclass_axiom(sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in _ontology()


@pytest.mark.parametrize("name", ["leadDepartment", "supportDepartment", "responsibleDepartment"])
def test_ontology_department_role_is_subproperty_of_involves(name: str) -> None:
    assert (QG[name], RDFS.subPropertyOf, QG.involvesDepartment) in _ontology()


@pytest.mark.parametrize(("prop", "datatype"), DATATYPE_RANGES, ids=[_local(p) for p, _ in DATATYPE_RANGES])
def test_ontology_datatype_property_range(prop: URIRef, datatype: str) -> None:
    assert _ontology().value(prop, RDFS.range) == URIRef(f"http://www.w3.org/2001/XMLSchema#{datatype}")


def test_ontology_assigned_in_is_inverse_of_assignment() -> None:
    assert (QG.assignment, OWL.inverseOf, QG.assignedIn) in _ontology()


def test_ontology_domains_is_concept_scheme() -> None:
    graph = _domains()
    assert (QG.Domains, RDF.type, SKOS.ConceptScheme) in graph
    languages = {lit.language for lit in graph.objects(QG.Domains, SKOS.prefLabel)}
    assert {"en", "zh"} <= languages


@pytest.mark.parametrize("name", DOMAIN_CONCEPTS)
def test_ontology_domains_has_concept(name: str) -> None:
    graph = _domains()
    assert (QG[name], RDF.type, SKOS.Concept) in graph
    assert (QG[name], SKOS.topConceptOf, QG.Domains) in graph


@pytest.mark.parametrize("concept", sorted(_domains().subjects(RDF.type, SKOS.Concept)), ids=_local)
def test_ontology_domain_concept_is_labelled_and_in_scheme(concept: URIRef) -> None:
    graph = _domains()
    assert (concept, SKOS.inScheme, QG.Domains) in graph
    languages = [lit.language for lit in graph.objects(concept, SKOS.prefLabel)]
    assert sorted(languages) == ["en", "zh"], f"{concept} prefLabels: {languages}"
    assert any(lit.language == "en" for lit in graph.objects(concept, SKOS.definition))


@pytest.mark.parametrize("name", CORE_CLASSES)
def test_ontology_core_class_has_shape(name: str) -> None:
    shapes = _shapes()
    assert any(
        (shape, RDF.type, SH.NodeShape) in shapes for shape in shapes.subjects(SH.targetClass, QG[name])
    )


@pytest.mark.parametrize(
    "shape", sorted(s for s in _shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
)
def test_ontology_property_shapes_have_name_and_message(shape: URIRef) -> None:
    shapes = _shapes()
    for prop in shapes.objects(shape, SH.property):
        path = shapes.value(prop, SH.path)
        assert shapes.value(prop, SH.name) is not None, f"{shape} {path}: no sh:name"
        assert shapes.value(prop, SH.message) is not None, f"{shape} {path}: no sh:message"


@pytest.mark.parametrize("name", ["shapes.ttl", "../tests/fixtures/valid.ttl"])
def test_ontology_file_uses_only_declared_qg_terms(name: str) -> None:
    declared = set(_qg_terms(_ontology())) | set(_domains().subjects(RDF.type, SKOS.Concept)) | {QG.Domains}
    used = {
        node
        for triple in _parse(ONTOLOGY_DIR / name)
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(QG))
    }
    assert used - declared == set()


def test_ontology_valid_fixture_conforms() -> None:
    conforms, _, text = _validate(FIXTURES_DIR / "valid.ttl")
    assert conforms, text


def test_ontology_without_data_conforms() -> None:
    # The ontology and taxonomy alone must not trip any shape (the build validates them with the data).
    graph = _parse(ONTOLOGY_DIR / "qgraph.ttl", ONTOLOGY_DIR / "domains.ttl")
    shapes = _parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text


@pytest.mark.parametrize(
    ("name", "focus", "path"), BROKEN_FIXTURES, ids=[name for name, _, _ in BROKEN_FIXTURES]
)
def test_ontology_broken_fixture_is_rejected(name: str, focus: URIRef, path: URIRef) -> None:
    conforms, report, text = _validate(FIXTURES_DIR / "broken" / f"{name}.ttl")
    assert not conforms
    assert _results(report) == {(focus, path)}, text


def test_ontology_every_broken_fixture_is_tested() -> None:
    on_disk = {p.stem for p in (FIXTURES_DIR / "broken").glob("*.ttl")}
    assert on_disk == {name for name, _, _ in BROKEN_FIXTURES}
