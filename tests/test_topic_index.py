"""The topic index (qg:mentions, qgraph/graph/topics.py): `qgraph lead` looks an indexed topic up instead of reading
every clause text, and still reads the texts for a phrase the build did not index."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

QG = "https://w3id.org/qgraph/ontology#"
PREFIXES = f"PREFIX qg: <{QG}>\n"


@pytest.fixture(scope="module")
def store(built_graph) -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(path=str(built_graph), format=ox.RdfFormat.TURTLE)
    return loaded


def _count(store: ox.Store, where: str) -> int:
    return int(next(iter(store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)


def test_a_clause_mentions_exactly_the_indexed_terms_its_text_contains(store):
    contained = "?c qg:text ?text . qg:TopicIndex qg:indexedTerm ?t . FILTER(CONTAINS(?text, ?t))"
    assert _count(store, contained + " FILTER NOT EXISTS { ?c qg:mentions ?t }") == 0
    assert _count(store, "?c qg:mentions ?t . ?c qg:text ?text FILTER(!CONTAINS(?text, ?t))") == 0
    assert _count(store, "?c qg:mentions ?t FILTER NOT EXISTS { qg:TopicIndex qg:indexedTerm ?t }") == 0
    assert _count(store, contained) == _count(store, "?c qg:mentions ?t") > 100


def test_the_index_holds_topic_synonyms_and_chinese_domain_names_only(store):
    terms = {r["t"].value for r in store.query(PREFIXES + "SELECT ?t WHERE { qg:TopicIndex qg:indexedTerm ?t }")}
    assert {"食品安全", "食品药品安全", "专利", "电梯", "产品质量"} <= terms   # topics.yaml; a domain's @zh label
    assert "product quality" not in terms and "首席质量官" not in terms


def _extra_clauses(count: int, mentioned: int | None) -> str:
    """A 云溪市 document whose clauses all say 食品安全 and 云溪小吃, each led by its market regulator; only clause
    ``mentioned`` (if any) is in the topic index."""
    place, doc = "https://w3id.org/qgraph/id/jurisdiction/yunxi", "https://w3id.org/qgraph/id/doc/yunxi-2024"
    dept = f"{place}/department/市市场监管局"
    lines = [f'<{place}> a qg:Jurisdiction ; rdfs:label "云溪市"@zh , "Yunxi"@en ; dcterms:identifier "yunxi" .',
             f'<{doc}> a qg:PolicyDocument ; dcterms:identifier "yunxi-2024" ; qg:jurisdiction <{place}> .',
             f'<{dept}> a qg:Department ; rdfs:label "市市场监管局"@zh ; qg:jurisdiction <{place}> ; '
             f'qg:departmentType <https://w3id.org/qgraph/department-type/market-regulation> .']
    for n in range(1, count + 1):
        clause = f"{doc}/clause/{n}"
        lines.append(f'<{clause}> qg:document <{doc}> ; qg:number "{n}" ; qg:order {n} ; qg:assignment <{clause}/a> ; '
                     f'qg:text "加强食品安全监管，推进云溪小吃质量提升。（市市场监管局牵头）" .')
        lines.append(f'<{clause}/a> qg:agent <{dept}> ; qg:listPosition 1 ; qg:leadBasis qg:ExplicitLead ; '
                     'qg:charStart 30 ; qg:charEnd 36 .')
        if n == mentioned:
            lines.append(f'<{clause}> qg:mentions "食品安全" .')
    return ("@prefix qg: <https://w3id.org/qgraph/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix dcterms: <http://purl.org/dc/terms/> .\n" + "\n".join(lines) + "\n")


def _lead(run, graph, *args) -> list[dict]:
    result = run("lead", *args, "--graph", str(graph), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_lead_reads_the_index_not_the_texts(run, built_graph, tmp_path):
    # 1,000 clause texts that contain 食品安全 but are not indexed: an indexed topic is looked up, so none is found;
    # the one clause indexed by it is
    graph = tmp_path / "qgraph.ttl"
    graph.write_bytes(built_graph.read_bytes() + _extra_clauses(1000, mentioned=7).encode("utf-8"))
    before = _lead(run, built_graph, "食品安全")
    after = _lead(run, graph, "食品安全")
    assert [r for r in after if r["jurisdiction"] != "yunxi"] == before
    assert [(r["jurisdiction"], r["department"], r["basis"], r["number"]) for r in after if r["jurisdiction"] == "yunxi"] \
        == [("yunxi", "市市场监管局", "lead (牵头)", "7")]


def test_lead_reads_the_texts_for_a_phrase_that_is_not_indexed(run, built_graph, tmp_path):
    graph = tmp_path / "qgraph.ttl"
    graph.write_bytes(built_graph.read_bytes() + _extra_clauses(3, mentioned=None).encode("utf-8"))
    rows = _lead(run, graph, "云溪小吃")
    assert [(r["jurisdiction"], r["department"], r["number"]) for r in rows] == \
        [("yunxi", "市市场监管局", "1"), ("yunxi", "市市场监管局", "2"), ("yunxi", "市市场监管局", "3")]


def _unled_clauses(count: int, mentioned: int) -> str:
    """A 云溪市 document of ``count`` numbered clauses that all say 食品安全 and 云溪小吃 but name no unit; only clause
    ``mentioned`` is in the topic index."""
    place, doc = "https://w3id.org/qgraph/id/jurisdiction/yunxi", "https://w3id.org/qgraph/id/doc/yunxi-2024"
    lines = [f'<{place}> a qg:Jurisdiction ; rdfs:label "云溪市"@zh , "Yunxi"@en ; dcterms:identifier "yunxi" .',
             f'<{doc}> a qg:PolicyDocument ; dcterms:identifier "yunxi-2024" ; qg:jurisdiction <{place}> .']
    for n in range(1, count + 1):
        clause = f"{doc}/clause/{n}"
        lines.append(f'<{clause}> qg:document <{doc}> ; qg:number "{n}" ; qg:order {n} ; qg:kind qg:NumberedClause ; '
                     f'qg:text "各地要把食品安全摆上重要位置，擦亮云溪小吃品牌。" .')
        if n == mentioned:
            lines.append(f'<{clause}> qg:mentions "食品安全" .')
    return ("@prefix qg: <https://w3id.org/qgraph/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix dcterms: <http://purl.org/dc/terms/> .\n" + "\n".join(lines) + "\n")


def test_clauses_that_name_no_lead_are_found_as_lead_finds_clauses(run, built_graph, tmp_path):
    # what lead says of a jurisdiction with no row (queries/app/topic-clauses.rq) looks an indexed topic up as lead
    # does: of five texts holding 食品安全, the one indexed by it counts; a phrase not indexed is read in all five
    graph = tmp_path / "qgraph.ttl"
    graph.write_bytes(built_graph.read_bytes() + _unled_clauses(5, mentioned=4).encode("utf-8"))
    indexed = run("lead", "食品安全", "--graph", str(graph))
    assert indexed.exit_code == 0, indexed.stderr
    assert "yunxi 云溪市: 1 clause on 食品安全, none names a lead" in indexed.stderr.splitlines()
    phrase = run("lead", "云溪小吃", "--city", "yunxi", "--graph", str(graph))
    assert phrase.exit_code == 1
    assert phrase.stderr == ("Error: [QG409] No department leads work on '云溪小吃' in yunxi: "
                             "yunxi 云溪市: 5 clauses on 云溪小吃, none names a lead\n")
