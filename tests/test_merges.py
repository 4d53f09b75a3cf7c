"""One node per unit, whatever the spelling: the variants a document writes for one unit merge under
one canonical label (the most used; ties → the shortest, then the first written), the others kept as
skos:altLabel. Invented places only."""
from __future__ import annotations

import pytest

from qgraph.extract.departments import extract_assignments, merge_departments, name_key, unify_labels
from qgraph.graph.triples import agent_triples
from qgraph.model import Jurisdiction
from qgraph.vocab import SKOS

CITY = Jurisdiction("yx", "云溪市", "Yunxi", "prefecture", "999999")
COUNTY = Jurisdiction("qc", "青川县", "Qingchuan", "county", "999998")


@pytest.mark.parametrize("variants,where", [
    (("市市场监督管理局", "市市场监管局", "云溪市市场监管局", "市场监管局"), CITY),
    (("市发展和改革委员会", "市发展改革委", "市发改委", "发改委"), CITY),
    (("市工业和信息化局", "市工信局", "工信局"), CITY),
    (("市住房和城乡建设局", "市住建局", "住房城乡建设局"), CITY),
    (("云溪生态环境局青川分局", "云溪市生态环境局青川分局"), COUNTY),   # the parent city's branch in a county
])
def test_merges_variants_share_one_key(variants, where):
    text = "（一）推进。（" + "、".join(variants) + "负责）"
    labels = [a.label for a in extract_assignments(text, "1", where)]
    assert len({name_key(label) for label in labels}) == 1, labels


@pytest.mark.parametrize("a,b", [
    ("市文化广电和旅游局", "市文化和旅游局"), ("市发展和改革委员会", "市发展和改革局"),
    ("市工信局", "市经信局"), ("市市场监管局", "市地方金融监管局"), ("市税务局", "市财政局"),
])
def test_merges_different_units_stay_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("labels,expected", [
    (["市发改委", "市发展和改革委员会", "市发改委"], (("市发改委", ("市发展和改革委员会",)),)),
    (["市发展和改革委员会", "市发改委"], (("市发改委", ("市发展和改革委员会",)),)),           # tie → shortest
    (["市发展改革委", "市发改委", "市发展改革委"], (("市发展改革委", ("市发改委",)),)),         # most used
    (["市财政局", "市财政局"], ()),
])
def test_merges_canonical_label_is_deterministic(labels, expected):
    assert merge_departments(labels) == expected
    assert merge_departments(list(reversed(labels)))[0][0] == expected[0][0] if expected else True


def test_merges_unify_labels_keeps_groups_and_offsets():
    text = "（一）推进。（市市场监督管理局、市工信局、市质量工作领导小组各成员单位负责）（二）（市市场监管局、市工业和信息化局负责）"
    found = extract_assignments(text, "1", CITY)
    unified, merges = unify_labels(found)
    assert [a.label for a in unified] == ["市市场监管局", "市工信局", "市质量工作领导小组各成员单位", "市市场监管局", "市工信局"]
    assert [(a.start, a.written) for a in unified] == [(a.start, a.written) for a in found]
    assert dict(merges) == {"市市场监管局": ("市市场监督管理局",), "市工信局": ("市工业和信息化局",)}


def test_merges_alt_labels_become_skos_alt_label(corpus):
    spec = next(iter(corpus.values())).spec
    from qgraph.extract.department_types import department_type

    a = extract_assignments("（一）推进。（市市场监管局负责）", "1", spec.jurisdiction)[0]
    triples = agent_triples(spec, a, department_type(a.label), ("市市场监督管理局",))
    assert [t.object.value for t in triples if t.predicate == SKOS.altLabel] == ["市市场监督管理局"]
    assert not [t for t in agent_triples(spec, a, department_type(a.label)) if t.predicate == SKOS.altLabel]
