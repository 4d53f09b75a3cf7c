"""Aggregate figures made at build time (RDF Data Cube observations, qgraph/graph/aggregates.py): the library queries
that read them answer exactly what the queries that counted every clause answered (tests/fixtures/scanning/*.rq,
the library's queries as they were on main before the observations: numbered clauses with dash items apart, the
jurisdiction's place), on the bundled corpus."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from qgraph.graph.aggregates import aggregate_triples, datasets

SCANNING = Path(__file__).parent / "fixtures" / "scanning"
QUERIES = Path(__file__).parent.parent / "queries"
QB = "http://purl.org/linked-data/cube#"
QG = "https://w3id.org/qgraph/ontology#"


@pytest.fixture(scope="module")
def store(built_graph) -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(path=str(built_graph), format=ox.RdfFormat.TURTLE)
    return loaded


def _rows(store: ox.Store, text: str) -> list[list[str | None]]:
    answer = store.query(text)
    return [[None if row[v] is None else str(row[v]) for v in range(len(answer.variables))] for row in answer]


@pytest.mark.parametrize("name", sorted(p.stem for p in SCANNING.glob("*.rq")))
def test_library_query_reading_observations_answers_as_the_scan(store, name):
    scanned = _rows(store, (SCANNING / f"{name}.rq").read_text(encoding="utf-8"))
    read = _rows(store, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    assert "qb:dataSet" in (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    if name == "department-types-across-jurisdictions":
        # GROUP_CONCAT's order is the engine's: the lists hold the same ids and names; the build sorts them
        def as_sets(rows):
            return [[r[0], r[1], sorted(r[2].split('"')[1].split("、")), sorted(r[3].split('"')[1].split("、"))]
                    for r in rows]
        scanned, read = as_sets(scanned), as_sets(read)
    assert read == scanned and len(read) > 4


def test_every_observation_has_one_value_per_dimension_of_its_structure(store):
    missing = _rows(store, f"""PREFIX qb: <{QB}>
        SELECT ?o ?d WHERE {{ ?o a qb:Observation ; qb:dataSet ?ds . ?ds qb:structure/qb:component/qb:dimension ?d .
          FILTER NOT EXISTS {{ ?o ?d ?v }} }}""")
    counts = dict((r[0], int(r[1].split('"')[1])) for r in _rows(store, f"""PREFIX qb: <{QB}>
        SELECT ?ds (COUNT(?o) AS ?n) WHERE {{ ?o qb:dataSet ?ds }} GROUP BY ?ds"""))
    assert missing == []
    assert sorted(counts) == sorted(f"<{QG}{name}>" for name in datasets())
    # 5 documents × their (level, kind) pairs; 8 (year, jurisdiction) pairs with targets (checked with the scan)
    assert counts[f"<{QG}ClauseCounts>"] == 29 and counts[f"<{QG}TargetDeadlines>"] == 8


def test_aggregates_are_made_once_and_the_same_again(store):
    again = aggregate_triples(store)
    assert {str(t) for t in again} == {str(q.triple) for q in store.quads_for_pattern(None, None, None)
                                       if q.subject.value.startswith("https://w3id.org/qgraph/id/observation/")}
    assert again == sorted(again, key=str)


def test_targets_of_jurisdiction_lists_each_targets_domains_by_name(store):
    # the rewrite that looks a target's domains up from it (not every qg:domain triple) listed them in the store's
    # order (service quality / product quality / industry quality); the domains are ordered by name first
    rows = _rows(store, (QUERIES / "targets-of-jurisdiction.rq").read_text(encoding="utf-8"))
    lists = [r[2].split('"')[1].split(" / ") for r in rows if r[2] is not None]
    assert len(rows) == 118 and all(names == sorted(names) for names in lists)
    assert ["industry quality", "product quality", "service quality"] in lists


# --- counted a document at a time, summed in the parent (the build's way) against the whole-store queries ----------

def _summed_and_whole(manifest: Path) -> tuple[bytes, bytes, int]:
    """Each document through its worker's stages (counts included), the counts summed, and the reference queries
    over a store of the ontology and every document's own and shared triples: both observations' N-Triples."""
    from qgraph.graph.aggregates import AggregateSum, aggregate_ntriples
    from qgraph.graph.triples import ontology_graph
    from qgraph.pipeline import process_document, rules_for
    from qgraph.text.manifest import load_manifest

    rule_set = rules_for(manifest)
    whole = ox.Store()
    whole.load(rule_set.compiled(ontology_graph).serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    sums = AggregateSum()
    specs = load_manifest(manifest)
    for spec in specs:
        output = process_document(spec, "nt", rule_set)
        assert output.check.contained
        whole.load(output.ntriples, format=ox.RdfFormat.N_TRIPLES)
        whole.load(output.shared, format=ox.RdfFormat.N_TRIPLES)
        sums.add(output.counts)
    return sums.ntriples(whole), aggregate_ntriples(whole), len(specs)


def test_summed_counts_are_the_whole_store_observations_on_the_bundled_corpus(built_graph):
    summed, whole, documents = _summed_and_whole(Path(__file__).parent.parent / "data" / "documents.yaml")
    assert documents == 5 and summed == whole
    # and the built graph (reuse triples in its store) holds exactly these observations
    built = ox.Store()
    built.bulk_load(path=str(built_graph), format=ox.RdfFormat.TURTLE)
    observations = [q.triple for q in built.quads_for_pattern(None, None, None)
                    if q.subject.value.startswith("https://w3id.org/qgraph/id/observation/")]
    assert set(summed.splitlines()) == set(ox.serialize(observations, format=ox.RdfFormat.N_TRIPLES).splitlines())
    assert summed.count(b"<http://purl.org/linked-data/cube#Observation>") > 100


def test_summed_counts_are_the_whole_store_observations_on_a_synthetic_corpus(tmp_path):
    # 120 varied documents: jurisdictions with several documents, departments shared by many, pairs across places
    import sys
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synthetic import make_corpus

    summed, whole, documents = _summed_and_whole(make_corpus(tmp_path / "corpus", 120))
    lines = summed.splitlines()
    assert documents == 120 and summed == whole
    spread = [line for line in lines if b"#jurisdictionPlaces>" in line and "、".encode() in line]
    pairs = [line for line in lines if b"#jurisdictionCount>" in line and b'"1"^^' not in line]
    assert len(lines) > 20000 and spread and pairs


def _integer(n: int) -> str:
    return f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_rows_of_two_documents_add_up_and_their_jurisdictions_are_counted_once(store):
    from qgraph.graph.aggregates import AggregateSum
    from qgraph.model import DocumentCounts

    place, domain = "<https://w3id.org/qgraph/id/jurisdiction/yunxi>", f"<{QG}ProductQuality>"
    market, health = "<https://w3id.org/qgraph/id/dt/market>", "<https://w3id.org/qgraph/id/dt/health>"
    emphasis = ("refJurisdiction", "refDomain", "clauseCount", "statedCount", "dashItemCount")
    pairs = ("refDepartmentType", "refPartnerType", "refRelation", "j", "clauseCount")
    sums = AggregateSum()
    for clauses, stated in ((7, 2), (3, 0)):   # two plans of 云溪市
        sums.add(DocumentCounts((
            ("DomainEmphasis", emphasis, ((place, domain, _integer(clauses), _integer(stated), _integer(1)),)),
            ("LeadPartnerPairs", pairs, ((market, health, '"lead-support"', place, _integer(clauses)),)))))
    lines = sums.ntriples(store).decode().splitlines()
    assert [line.split("> ", 1)[1] for line in lines if "/domain-emphasis/" in line and "Count>" in line] == [
        f"<{QG}clauseCount> {_integer(10)} .", f"<{QG}dashItemCount> {_integer(2)} .",
        f"<{QG}statedCount> {_integer(2)} ."]
    assert sorted(line.split("> ", 1)[1] for line in lines if "/lead-partner-pairs/" in line and "Count>" in line) == [
        f"<{QG}clauseCount> {_integer(10)} .", f"<{QG}jurisdictionCount> {_integer(1)} ."]


def test_a_measure_that_is_no_integer_is_an_error_naming_its_query():
    from qgraph.graph.aggregates import AggregateSum
    from qgraph.model import DocumentCounts

    rows = (("<https://w3id.org/qgraph/id/doc/d>", _integer(1), f"<{QG}NumberedClause>", '"7.5"', _integer(4)),)
    with pytest.raises(ValueError, match=r"ClauseCounts.rq: the column clauseCount is not an xsd:integer"):
        AggregateSum().add(DocumentCounts(
            (("ClauseCounts", ("refDocument", "refLevel", "refKind", "clauseCount", "characterCount"), rows),)))
