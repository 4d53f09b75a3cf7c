"""Quality domains of clauses (stated, inherited, inferred) and jieba's policy vocabulary."""
from __future__ import annotations

import pytest

from qgraph.extract.domains import INFERRED, INHERITED, STATED, classify
from qgraph.extract.keywords import keywords
from qgraph.text.words import words_for

QG = "https://w3id.org/qgraph/ontology#"


@pytest.fixture(scope="module")
def domains_of(corpus):
    """domains_of(doc_id, number) → {domain local name: method}."""
    labels = {doc_id: classify(parsed.clauses) for doc_id, parsed in corpus.items()}

    def find(doc_id, number):
        slug = next(c.slug for c in corpus[doc_id].clauses if c.number == number)
        return {l.domain[len(QG):]: l.method for l in labels[doc_id] if l.clause == slug}
    return find


@pytest.mark.parametrize("doc_id,number,domain,method", [
    ("hefei-2021", "二.(一)", "ProductQuality", STATED),
    ("hefei-2021", "二.(二)", "EngineeringQuality", STATED),
    ("hefei-2021", "二.(三)", "ServiceQuality", STATED),
    ("hefei-2021", "二.(四)", "EnvironmentQuality", STATED),
    ("hangzhou-2011", "三.(六)", "ProductQuality", STATED),
    ("hangzhou-2011", "三.(九)", "EnvironmentQuality", STATED),
    ("yangzhou-2023", "三", "EngineeringQuality", STATED),
    ("yangzhou-2023", "二.(二)", "ProductQuality", INHERITED),
    ("yangzhou-2023", "四.(八)", "ServiceQuality", INHERITED),
    ("yangzhou-2023", "九.(二十五)", "QualityGovernance", INHERITED),
    ("gansu-2015", "二.(九)", "EnvironmentQuality", INFERRED),
    ("gansu-2015", "二.(十)", "EngineeringQuality", INFERRED),
    ("huairen-2023", "五.(一)", "ProductQuality", INFERRED),
    ("huairen-2023", "五.(六)", "ServiceQuality", INFERRED),
])
def test_domains_clause_domain_and_method(domains_of, doc_id, number, domain, method):
    assert domains_of(doc_id, number).get(domain) == method


@pytest.mark.parametrize("doc_id,number", [("hefei-2021", "二.(一)"), ("hangzhou-2011", "三.(八)")])
def test_domains_stated_clause_has_only_its_domain(domains_of, doc_id, number):
    assert len(domains_of(doc_id, number)) == 1


def test_domains_gansu_states_none(corpus):
    """Gansu names domains in some headings, but not as a structure of parallel sections."""
    assert STATED not in {l.method for l in classify(corpus["gansu-2015"].clauses)}


def test_domains_inferred_keeps_matched_terms(corpus):
    label = next(l for l in classify(corpus["gansu-2015"].clauses)
                 if l.clause == "2-9" and l.domain == QG + "EnvironmentQuality")
    assert "环境质量" in label.terms and "大气" in label.terms


@pytest.mark.parametrize("term", ["首席质量官", "地理标志", "检验检测", "质量基础设施", "食品安全"])
def test_domains_jieba_keeps_policy_terms_whole(term):
    assert term in words_for().tokens(f"推动企业建立{term}制度并加强管理")


def test_domains_keywords_lead_with_policy_terms(clause_of):
    words = keywords(clause_of("huairen-2023", "五.(一)").text)
    assert words[:5] == ("农产品", "食品药品", "质量安全", "食品安全", "地理标志")
    assert not {"加强", "建设", "质量"} & set(words)


def test_domains_clause_without_evidence_takes_its_parents(corpus):
    """Hefei 三.(三).3 岗位创优激发活力 names no domain term; its parent 三.(三) is about governance."""
    labels = [l for l in classify(corpus["hefei-2021"].clauses) if l.clause == "3-3-3"]
    parent = {l.domain for l in classify(corpus["hefei-2021"].clauses) if l.clause == "3-3"}
    assert labels and {l.domain for l in labels} == parent and {l.method for l in labels} == {INHERITED}


def test_domains_every_clause_and_target_has_one(graph_engine):
    rows = graph_engine("SELECT ?x WHERE { { ?x qg:kind qg:NumberedClause } UNION { ?x qg:kind qg:DashItem } "
                        "UNION { ?x a qg:Target } FILTER NOT EXISTS { ?x qg:domain ?d } }")
    assert rows == []


def test_domains_section_without_evidence_takes_its_clauses(corpus):
    """Hefei 四、保障措施: its three clauses are about governance."""
    labels = [l for l in classify(corpus["hefei-2021"].clauses) if l.clause == "4"]
    assert [(l.domain[len(QG):], l.method, l.rule) for l in labels] == [("QualityGovernance", INFERRED, "children")]
