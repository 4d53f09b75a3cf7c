"""Checking a build a document at a time (qgraph/check/document.py): each document in its worker, what
only the corpus shows in the parent, to the same result as checking the whole graph."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from qgraph.check import check_queries, check_store
from qgraph.check.compiled import compile_shapes
from qgraph.check.blocks import PLACED_SHAPES
from qgraph.check.document import DOCUMENT_QUERIES, DOCUMENT_SHAPES, DocumentChecker, check_corpus
from qgraph.check.shacl import shapes_graph
from qgraph.errors import ValidationFailed
from qgraph.graph import index as index_module
from qgraph.graph.aggregates import AggregateSum
from qgraph import pipeline as pipeline_module
from qgraph.graph import triples as graph_module
from qgraph.model import DocumentCheck
from qgraph.pipeline import build
from qgraph.vocab import DCTERMS, QG, RDF, Triple, clause_iri, department_iri

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "data" / "documents.yaml"
ID = "https://w3id.org/qgraph/id/"

QINGLAN_2022 = """青岚县人民政府关于推进质量强县建设的实施意见

各乡镇人民政府，县政府各部门：

为深入推进质量强县建设，全面提升我县产品、工程和服务质量，结合我县实际，提出如下意见。

一、强化产品质量监管
（一）加强重点产品质量抽检。到2025年，食品抽检合格率达到98%以上。（县市场监管局牵头，县农业农村局配合）
（二）推进企业质量诚信建设。引导企业建立首席质量官制度。（县市场监管局负责）

二、提升工程质量水平
（三）强化工程质量安全监管。落实建设单位首要责任。（县住房城乡建设局牵头）

青岚县人民政府
2022年3月1日
"""
QINGLAN_2023 = """青岚县2023年质量强县工作要点

一、夯实质量基础
（一）完善计量标准体系。新建社会公用计量标准2项。（县市场监管局牵头，县科技局配合）
（二）加强品牌培育。培育县级质量品牌3个。（县工业和信息化局牵头，县市场监管局配合）

二、优化质量服务
（三）推进质量基础设施“一站式”服务。（县市场监管局负责）

青岚县人民政府办公室
2023年2月10日
"""


class Outcomes(list):
    """(the documents' checks, the build's outcome, the whole graph's outcome) of each build, and the
    shapes each build checked on the parent's blocks (``placed``)."""

    def __init__(self) -> None:
        super().__init__()
        self.placed: list[frozenset[str]] = []


@pytest.fixture()
def outcomes(monkeypatch):
    """Each build's check as made (check_corpus) and the whole-graph check on the same store, side by side:
    a list of (the documents' checks, the build's outcome, the whole graph's outcome)."""
    seen = Outcomes()
    placed = seen.placed
    original = index_module.check_corpus

    def checked(store, documents, ontology, *, where, **blocks):
        results = []
        placed.append(blocks.get("blocks", (frozenset(), ()))[0])
        for check in (lambda: original(store, documents, ontology, where=where, **blocks),
                      lambda: check_store(store, where=where)):
            try:
                results.append(check())
            except ValidationFailed as failure:
                results.append(failure)
        seen.append((tuple(documents), *results))
        if isinstance(results[0], ValidationFailed):
            raise results[0]
        return results[0]

    monkeypatch.setattr(index_module, "check_corpus", checked)
    return seen


def _same(made, whole) -> None:
    """The build's outcome is the whole graph check's: the same error, code and violations, in order."""
    assert type(made) is type(whole)
    if isinstance(made, ValidationFailed):
        assert (str(made), made.code, made.exit_code, made.violations) == \
               (str(whole), whole.code, whole.exit_code, whole.violations)
    else:
        assert made == whole


def _fails_on_blocks(manifest: Path, tmp_path: Path, outcomes) -> tuple[str, ...]:
    """Build MANIFEST, whose check must fail: its violations, the shapes of the parent's blocks having been
    checked there, to the whole graph's outcome."""
    with pytest.raises(ValidationFailed) as caught:
        build(manifest, tmp_path / "out", workers=1)
    assert outcomes.placed == [PLACED_SHAPES]
    _same(*outcomes[0][1:])
    return caught.value.violations


def _qinglan(tmp_path: Path, codes: tuple[str, str]) -> Path:
    """Two documents of the invented 青岚县, their entries giving the county the administrative CODES."""
    folder = tmp_path / "qinglan"
    folder.mkdir()
    (folder / "qinglan-2022.txt").write_text(QINGLAN_2022, encoding="utf-8")
    (folder / "qinglan-2023.txt").write_text(QINGLAN_2023, encoding="utf-8")
    entries = [f"""  - id: qinglan-{year}
    file: qinglan-{year}.txt
    jurisdiction: {{id: qinglan, name_zh: 青岚县, name_en: Qinglan, level: county, code: "{code}"}}
    issued: {issued}
""" for year, code, issued in (("2022", codes[0], "2022-03-01"), ("2023", codes[1], "2023-02-10"))]
    (folder / "documents.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")
    return folder / "documents.yaml"


def test_check_document_bundled_corpus_passes_in_its_workers(outcomes, tmp_path):
    report = build(MANIFEST, tmp_path, workers=1)
    documents, made, whole = outcomes[0]
    assert [(d.doc_id, d.contained, d.shapes, d.rows) for d in documents] == [
        (doc, True, (), ()) for doc in ("hefei-2021", "huairen-2023", "hangzhou-2011", "gansu-2015", "yangzhou-2023")]
    _same(made, whole)
    assert made.conforms and report.triples == 23316
    assert outcomes.placed == [PLACED_SHAPES]


def test_check_document_breaking_a_shape_fails_the_build_as_before(outcomes, tmp_path, monkeypatch):
    broken = clause_iri("gansu-2015", "2-7")
    original = graph_module.clause_triples
    monkeypatch.setattr(graph_module, "clause_triples", lambda clause, source: [
        t for t in original(clause, source) if not (t.subject == broken and t.predicate == QG.text)])
    with pytest.raises(ValidationFailed) as caught:
        build(MANIFEST, tmp_path / "out", workers=1)
    assert str(caught.value) == (f"{MANIFEST}: [QG301] the graph does not conform to the shapes: 1 violation(s)")
    assert caught.value.exit_code == 3
    assert caught.value.violations == (f"<{ID}doc/gansu-2015/clause/2-7> qg:text: A clause needs exactly one "
                                       f"non-empty qg:text, a string. (sh:MinCountConstraintComponent)",)
    documents, made, whole = outcomes[0]
    assert [d.doc_id for d in documents if d.shapes] == ["gansu-2015"]
    _same(made, whole)
    assert not (tmp_path / "out").exists()


def test_check_document_overlapping_clauses_fail_the_build_as_before(outcomes, tmp_path, monkeypatch):
    original = graph_module.clause_triples

    def longer(clause, source):   # the third part of hefei-2021 runs into the fourth
        if clause.doc_id != "hefei-2021" or clause.order != 3:
            return original(clause, source)
        return [Triple(t.subject, t.predicate, ox.Literal(str(int(t.object.value) + 40), datatype=t.object.datatype))
                if t.predicate == QG.charEnd else t for t in original(clause, source)]

    monkeypatch.setattr(graph_module, "clause_triples", longer)
    with pytest.raises(ValidationFailed) as caught:
        build(MANIFEST, tmp_path / "out", workers=1)
    assert str(caught.value) == (f"{MANIFEST}: [QG302] the graph fails "
                                 f"queries/checks/clause-overlap-violation.rq (1 row(s))")
    documents, made, whole = outcomes[0]
    assert [(d.doc_id, len(d.rows)) for d in documents if d.rows] == [("hefei-2021", 1)]
    _same(made, whole)


def test_check_document_conflict_across_two_documents_is_caught_in_the_parent(outcomes, tmp_path):
    """Two plans of one county whose entries give it different codes: each document alone is sound; only
    their union gives the county two qg:adminCode."""
    with pytest.raises(ValidationFailed) as caught:
        build(_qinglan(tmp_path, ("990101", "990102")), tmp_path / "out", workers=1)
    assert caught.value.violations == (
        f"<{ID}jurisdiction/qinglan> qg:adminCode: A jurisdiction needs exactly one qg:adminCode: a six-digit "
        f"GB/T 2260 code as a string. (sh:MaxCountConstraintComponent)",)
    documents, made, whole = outcomes[0]
    assert [(d.doc_id, d.contained, d.shapes, d.rows) for d in documents] == [
        ("qinglan-2022", True, (), ()), ("qinglan-2023", True, (), ())]
    _same(made, whole)


def test_check_document_same_county_twice_passes(outcomes, tmp_path):
    report = build(_qinglan(tmp_path, ("990101", "990101")), tmp_path / "out", workers=1)
    assert report.documents == 2
    _same(*outcomes[0][1:])


def test_check_document_naming_another_documents_clause_checks_the_whole_graph(outcomes, tmp_path, monkeypatch):
    """A part of hefei-2021 whose parent is a clause of gansu-2015: no document alone shows it, so the
    parent checks the whole graph and reports what it always did (the parent belongs to another document)."""
    moved, elsewhere = clause_iri("hefei-2021", "1"), clause_iri("gansu-2015", "1")
    original = graph_module.clause_triples
    monkeypatch.setattr(graph_module, "clause_triples", lambda clause, source: [
        Triple(t.subject, t.predicate, elsewhere) if t.subject == moved and t.predicate == DCTERMS.isPartOf else t
        for t in original(clause, source)])
    with pytest.raises(ValidationFailed) as caught:
        build(MANIFEST, tmp_path / "out", workers=1)
    assert str(caught.value) == (f"{MANIFEST}: [QG302] the graph fails "
                                 f"queries/checks/clause-outside-document-violation.rq (1 row(s))")
    documents, made, whole = outcomes[0]
    assert [d.doc_id for d in documents if not d.contained] == ["hefei-2021"]
    _same(made, whole)


def test_check_document_ontology_nodes_are_checked_once():
    """An indicator of the ontology with a qg:domain outside qg:Domains: one violation each, as the whole
    graph check gives, not one per document."""
    ontology = (f"<{ID}indicator/x> <{QG.domain.value}> <{ID}nowhere> .\n").encode()
    store = ox.Store()
    store.load(ontology, format=ox.RdfFormat.N_TRIPLES)
    documents = [DocumentCheck("a"), DocumentCheck("b")]
    with pytest.raises(ValidationFailed) as made:
        check_corpus(store, documents, ontology, where="g")
    with pytest.raises(ValidationFailed) as whole:
        check_store(store, where="g")
    assert made.value.violations == whole.value.violations == (
        f"<{ID}indicator/x> qg:domain: A qg:domain value must be a skos:Concept in the scheme qg:Domains. "
        f"(sh:ClassConstraintComponent)",
        f"<{ID}indicator/x> qg:domain: A qg:domain value must be a skos:Concept in the scheme qg:Domains. "
        f"(sh:NodeConstraintComponent)")


def test_check_document_checker_keeps_only_its_documents_nodes():
    """The worker's store holds the ontology; a document is loaded beside it and removed after."""
    checker = DocumentChecker(f"<{ID}indicator/x> <{QG.domain.value}> <{ID}nowhere> .\n".encode())
    own = f"<{ID}doc/d/clause/1> <{QG.domain.value}> <{ID}nowhere> .\n".encode()
    found = checker.check("d", own, b"")
    assert {v.focus for v in found.shapes} == {f"<{ID}doc/d/clause/1>"}
    assert found.contained is False   # it names a node of qgraph's ids that nothing describes
    assert len(checker.store) == 1


def test_check_document_places_every_shape_and_query():
    shapes = {c.shape for c in compile_shapes(shapes_graph())}
    assert DOCUMENT_SHAPES <= shapes
    assert shapes - DOCUMENT_SHAPES == {"qgs:JurisdictionShape", "qgs:DepartmentShape", "qgs:CollectiveBodyShape",
                                         "qgs:TextReuseShape", "qgs:ObservationShape"}
    assert DOCUMENT_QUERIES == {q.name for q in check_queries()}


def test_check_document_corrupted_reuse_block_fails_as_the_whole_graph(outcomes, tmp_path, monkeypatch):
    """A reuse block missing a qg:reusedEnd and a qg:reusedText, with a passage pointing at an assignment
    instead of a clause: checked on its own block, to the whole graph's violations."""
    original = pipeline_module.reuse_ntriples
    corrupted: list[str] = []

    def corrupt(reuses):
        block = original(reuses)
        lines = block.decode("utf-8").splitlines(keepends=True)
        if corrupted or not lines:
            return block
        node = lines[0].split(" ")[0]
        corrupted.append(node)
        kept = [line for line in lines if not (line.startswith(node + " ") and (
            f"<{QG.reusedEnd.value}>" in line or f"<{QG.reusedText.value}>" in line))]
        clause = next(line.split(" ")[2] for line in kept if f" <{QG.reusedClause.value}> " in line)
        return "".join(line.replace(f"<{QG.reusedClause.value}> {clause}",
                                    f"<{QG.reusedClause.value}> {clause[:-1]}/assignment/1>")
                       if line.startswith(node + " ") else line for line in kept).encode("utf-8")

    monkeypatch.setattr(pipeline_module, "reuse_ntriples", corrupt)
    violations = _fails_on_blocks(MANIFEST, tmp_path, outcomes)
    node = corrupted[0]
    assert node == f"<{ID}reuse/hefei-2021/hangzhou-2011/1>"
    assert violations == (
        f"{node} qg:reusedClause: A text reuse needs exactly one qg:reusedClause, a qg:Clause. "
        f"(sh:ClassConstraintComponent)",
        f"{node} qg:reusedEnd: A text reuse needs exactly one qg:reusedEnd, an integer. "
        f"(sh:MinCountConstraintComponent)")


def test_check_document_broken_observation_fails_as_the_whole_graph(outcomes, tmp_path, monkeypatch):
    """An observation with a negative count and no data set: checked on the aggregate block alone (the
    observations summed from the documents' counts, as a build makes them)."""
    original = AggregateSum.lines
    node = f"<{ID}observation/clause-counts/broken>"

    def broken(self, store):
        return iter(sorted([*original(self, store),
                            f'{node} <{RDF.type.value}> <http://purl.org/linked-data/cube#Observation> .\n'.encode(),
                            f'{node} <{QG.clauseCount.value}> "-3"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
                            .encode()]))

    monkeypatch.setattr(AggregateSum, "lines", broken)
    assert _fails_on_blocks(MANIFEST, tmp_path, outcomes) == (
        f"{node} qb:dataSet: An observation needs exactly one qb:dataSet, a qb:DataSet of the ontology. "
        f"(sh:MinCountConstraintComponent)",
        f"{node} qg:clauseCount: An observation has at most one qg:clauseCount, a count: an integer of at "
        f"least 0. (sh:MinInclusiveConstraintComponent)")


def test_check_document_department_typed_twice_by_two_documents(outcomes, tmp_path, monkeypatch):
    """The county's market regulator given another department type by its second plan: each document alone
    is sound; the shared block shows two qg:departmentType."""
    regulator = department_iri("qinglan", "县市场监管局")
    original = graph_module.document_triples

    def retyped(extraction):
        found = original(extraction)
        if found.doc_id != "qinglan-2023":
            return found
        other = next(t.object for t in found.shared if t.predicate == QG.departmentType and t.subject != regulator)
        return replace(found, shared=tuple(Triple(t.subject, t.predicate, other)
                                           if t.subject == regulator and t.predicate == QG.departmentType else t
                                           for t in found.shared))

    monkeypatch.setattr(pipeline_module, "document_triples", retyped)
    assert _fails_on_blocks(_qinglan(tmp_path, ("990101", "990101")), tmp_path, outcomes) == (
        f"<{ID}jurisdiction/qinglan/department/县市场监管局> qg:departmentType: A department needs exactly one "
        f"qg:departmentType, a skos:Concept. (sh:MaxCountConstraintComponent)",)
    documents = outcomes[0][0]
    assert [(d.doc_id, d.contained, d.shapes, d.reuse_clauses) for d in documents] == [
        ("qinglan-2022", True, (), True), ("qinglan-2023", True, (), True)]
