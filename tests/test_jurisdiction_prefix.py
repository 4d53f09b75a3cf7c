"""The jurisdiction prefix of department names comes from the jurisdiction's level and the suffix of its
full name, never from the name's last character; a manifest name written bare, with its suffix or as
its government gives the same labels. Invented places only."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from qgraph.extract.departments import department_prefix, extract_assignments, restore_prefix
from qgraph.model import Jurisdiction
from qgraph.text.manifest import jurisdiction_name, jurisdiction_warnings, load_manifest

# (bare name, level, suffix as written in full, the prefix departments take)
LEVELS = [
    ("云岭", "province", "省", "省"),
    ("青川", "province", "市", "市"),            # a municipality
    ("某某", "province", "自治区", "自治区"),
    ("云溪", "prefecture", "市", "市"),
    ("某某族", "prefecture", "自治州", "州"),
    ("某某", "prefecture", "盟", "盟"),
    ("云溪", "county", "县", "县"),
    ("青川", "county", "区", "区"),
    ("云溪", "county", "市", "市"),              # a county-level city
    ("某某族", "county", "自治县", "县"),
    ("某某右", "county", "旗", "旗"),
    ("某某族", "county", "自治旗", "旗"),
]
BARE_DEFAULT = {"province": "省", "prefecture": "市", "county": "县"}


def _j(name: str, level: str, prefix: str | None = None) -> Jurisdiction:
    return Jurisdiction("x", name, "X", level, "999999", department_prefix=prefix)


@pytest.mark.parametrize("bare,level,suffix,prefix", LEVELS)
@pytest.mark.parametrize("written", ["{bare}{suffix}", "{bare}{suffix}人民政府"])
def test_prefix_from_full_name(bare, level, suffix, prefix, written):
    name = written.format(bare=bare, suffix=suffix)
    assert department_prefix(_j(name, level)) == prefix
    assert jurisdiction_name(name, level).bare == bare


@pytest.mark.parametrize("bare,level", sorted({(b, lv) for b, lv, _, _ in LEVELS}))
def test_prefix_of_bare_name_from_level(bare, level):
    assert department_prefix(_j(bare, level)) == BARE_DEFAULT[level]


@pytest.mark.parametrize("name", ["云溪", "青川", "某州", "白水"])
def test_prefix_never_from_last_character(name):
    assert department_prefix(_j(name, "county")) == "县"
    assert restore_prefix("市场监管局", _j(name, "county")) == "县市场监管局"


def test_prefix_manifest_setting_wins():
    assert department_prefix(_j("云溪", "county", "市")) == "市"


@pytest.mark.parametrize("name,level,written,label", [
    ("云溪市", "prefecture", "云溪市市场监管局", "市市场监管局"),
    ("云溪市", "prefecture", "市市场监管局", "市市场监管局"),
    ("云溪市", "prefecture", "市场监管局", "市市场监管局"),
    ("云岭省", "province", "云岭省发展改革委", "省发展改革委"),
    ("某某自治区", "province", "发展改革委", "自治区发展改革委"),
    ("某某自治区", "province", "某某自治区财政厅", "自治区财政厅"),
    ("某某族自治州", "prefecture", "财政局", "州财政局"),
    ("青川区", "county", "青川区住建局", "区住建局"),
    ("青川区", "county", "区域发展中心", "区区域发展中心"),
    ("云溪市", "prefecture", "云溪海关", "云溪海关"),                  # another body, own name kept
    ("云溪市", "prefecture", "中国人民银行云溪市中心支行", "中国人民银行云溪市中心支行"),
])
def test_prefix_restored_or_written_with_full_name(name, level, written, label):
    assert restore_prefix(written, _j(name, level)) == label


@pytest.mark.parametrize("name,level,warns", [
    ("云岭省", "province", False), ("青川市", "province", False), ("云溪县", "province", True),
    ("云溪县", "prefecture", True), ("云溪省", "county", True), ("某某盟", "county", True),
    ("云溪", "county", False), ("青川区", "county", False), ("某某自治区", "county", True),
])
def test_prefix_manifest_warns_on_level_mismatch(tmp_path, name, level, warns):
    (tmp_path / "documents.yaml").write_text(
        "documents:\n  - id: d\n    file: d.txt\n    jurisdiction: {id: x, name_zh: %s, name_en: X, level: %s, "
        "code: \"999999\"}\n    title: t\n    issued: 2024\n" % (name, level), encoding="utf-8")
    specs = load_manifest(tmp_path / "documents.yaml")          # still loads: a warning, not an error
    found = jurisdiction_warnings(specs)
    assert bool(found) is warns
    assert all("\n" not in w and name in w for w in found)


TASK = ("（一）加强质量监管。（牵头单位：{p}市场监管局；配合单位：{p}发展改革委、财政局、{full}工信局、"
        "中国人民银行{full}中心支行）")
NAMES = st.sampled_from(["云溪", "青川", "白水", "某某", "金沙", "石门"])


@settings(max_examples=60, deadline=None)
@given(bare=NAMES, level_suffix=st.sampled_from([(lv, sfx) for _, lv, sfx, _ in LEVELS]),
       spelling=st.sampled_from(["{b}", "{b}{s}", "{b}{s}人民政府"]), with_prefix=st.booleans())
def test_prefix_property_any_manifest_spelling_same_labels(bare, level_suffix, spelling, with_prefix):
    level, suffix = level_suffix
    full = Jurisdiction("x", bare + suffix, "X", level, "999999")
    written = Jurisdiction("x", spelling.format(b=bare, s=suffix), "X", level, "999999")
    if spelling == "{b}":   # a bare name says nothing of its suffix: the manifest states the prefix
        written = Jurisdiction("x", bare, "X", level, "999999", department_prefix=department_prefix(full))
    text = TASK.format(p=department_prefix(full) if with_prefix else "", full=bare + suffix)
    labels = [a.label for a in extract_assignments(text, "1", full)]
    assert [a.label for a in extract_assignments(text, "1", written)] == labels
    assert len(labels) == 5 and all(lb.startswith(department_prefix(full)) for lb in labels[:4])
