"""Department types of the units real task divisions name, written as they write them (invented
places): the share of units with no known type stays below 2 %."""
from __future__ import annotations

import pytest

from qgraph.extract.department_types import department_type
from qgraph.extract.departments import extract_assignments
from qgraph.model import Jurisdiction

# The units one city's task division names, in the forms such lists use (full names, short forms,
# party organs, mass organisations, development zones, vertical agencies, public institutions,
# media, courts, state-owned companies).
UNITS = (
    "市发展和改革委员会",
    "市发展改革委",
    "市发改委",
    "市工业和信息化局",
    "市工信局",
    "市经济和信息化局",
    "市科学技术局",
    "市科技局",
    "市教育局",
    "市公安局",
    "市民政局",
    "市司法局",
    "市财政局",
    "市人力资源和社会保障局",
    "市人社局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房和城乡建设局",
    "市住建局",
    "市城市管理局",
    "市城管局",
    "市交通运输局",
    "市水利局",
    "市水务局",
    "市农业农村局",
    "市商务局",
    "市文化广电和旅游局",
    "市文化和旅游局",
    "市卫生健康委员会",
    "市卫健委",
    "市退役军人事务局",
    "市应急管理局",
    "市审计局",
    "市国资委",
    "市人民政府国有资产监督管理委员会",
    "市市场监督管理局",
    "市市场监管局",
    "市统计局",
    "市医疗保障局",
    "市医保局",
    "市体育局",
    "市林业局",
    "市园林局",
    "市信访局",
    "市行政审批服务局",
    "市数据资源管理局",
    "市大数据局",
    "市地方金融监督管理局",
    "市金融工作办公室",
    "市粮食和物资储备局",
    "市能源局",
    "市乡村振兴局",
    "市投资促进局",
    "市机关事务管理局",
    "市人民政府办公室",
    "市政府办公室",
    "市人民政府研究室",
    "市政务服务中心",
    "市公共资源交易中心",
    "市消防救援支队",
    "市气象局",
    "市烟草专卖局",
    "市邮政管理局",
    "市通信管理办公室",
    "市台办",
    "市外事办",
    "市侨办",
    "市档案馆",
    "市融媒体中心",
    "市检验检测中心",
    "市标准化研究院",
    "市质量技术监督检测院",
    "市委宣传部",
    "市委组织部",
    "市委网信办",
    "市委政法委",
    "市委编办",
    "市委统战部",
    "市委农办",
    "团市委",
    "市妇联",
    "市科协",
    "市工商联",
    "市总工会",
    "市残联",
    "市文联",
    "市红十字会",
    "市消费者协会",
    "市质量协会",
    "云溪经济技术开发区管委会",
    "云溪高新技术产业开发区管理委员会",
    "云溪综合保税区管委会",
    "国网云溪供电公司",
    "云溪供电公司",
    "市城投集团",
    "市交通投资集团有限公司",
    "云溪海关",
    "国家税务总局云溪市税务局",
    "市税务局",
    "中国人民银行云溪市中心支行",
    "国家统计局云溪调查队",
    "国家金融监督管理总局云溪监管分局",
    "云溪银保监分局",
    "市公安局交警支队",
    "市生态环境局青川分局",
    "云溪日报社",
    "市广播电视台",
    "市中级人民法院",
    "市人民检察院",
    "市知识产权局",
    "市药品监督管理局",
    "市中小企业服务中心",
    "市供销合作社",
)

NEW_TYPES = {
    "市退役军人事务局": "veterans-affairs", "县审计局": "audit", "市医保局": "healthcare-security",
    "区信访局": "petitions", "县乡村振兴局": "rural-revitalisation",
    "市投资促进局": "investment-promotion", "市机关事务管理局": "government-affairs-management",
    "市人民政府研究室": "policy-research", "市公共资源交易中心": "public-resource-trading",
    "市消防救援支队": "fire-rescue", "市烟草专卖局": "tobacco-monopoly", "市邮政管理局": "postal-administration",
    "市外事办": "foreign-affairs", "市台办": "taiwan-affairs", "市侨办": "overseas-chinese-affairs",
    "市档案馆": "archives", "县融媒体中心": "media", "市标准化研究院": "inspection-testing-institute",
    "市中级人民法院": "judicial-organs", "市知识产权局": "intellectual-property",
    "市供销合作社": "supply-marketing-cooperative", "国网云溪供电公司": "state-owned-enterprise",
    "市城投集团": "state-owned-enterprise", "市消费者协会": "consumer-association",
    "市委网信办": "cyberspace-affairs", "市委政法委": "political-legal-affairs", "市委统战部": "united-front",
    "市委农办": "rural-work-office", "市文联": "literary-art-federation", "市红十字会": "red-cross",
    "白水县人民政府": "subordinate-government",
}


def test_unit_types_unknown_share_below_two_percent():
    unknown = [name for name in UNITS if not department_type(name).known]
    assert len(UNITS) >= 100
    assert len(unknown) / len(UNITS) < 0.02, unknown


def test_unit_types_every_listed_unit_is_read_as_a_unit():
    city = Jurisdiction("yx", "云溪市", "Yunxi", "prefecture", "999999")
    text = "（一）推进质量强市建设。（" + "、".join(UNITS) + "负责）"
    found = extract_assignments(text, "1", city)
    assert [a.written for a in found] == list(UNITS)
    assert not [a.label for a in found if a.is_group]


@pytest.mark.parametrize("name,local", sorted(NEW_TYPES.items()))
def test_unit_types_new_type(name, local):
    assert department_type(name).local == local


@pytest.mark.parametrize("name", ["各县（市、区）人民政府", "各县、市、区人民政府", "市人民政府", "县人民政府"])
def test_unit_types_collective_or_own_government_untyped(name):
    assert not department_type(name).known
