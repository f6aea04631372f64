"""Names in the body: persons with titles, documents with statuses and aliases, enterprises, projects."""

import pytest

from loaders.mentions import (
    document_aliases,
    find_documents,
    find_enterprises,
    find_persons,
    find_projects,
    is_named_unit,
    unit_at,
)


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("会议传达学习省委书记易某某来调研指示精神。", [("易某某", "省委书记")]),
        ("县委常委、常务副县长郭强审核把关", [("郭强", "县委常委、常务副县长")]),
        (
            "经县委常委、常务副县长郭强，副县长李辉审核把关",
            [("郭强", "县委常委、常务副县长"), ("李辉", "副县长")],
        ),
        ("副县长张克孟牵头，", [("张克孟", "副县长")]),
        ("会议传达学习了习近平总书记重要讲话精神", [("习近平", "总书记")]),
        ("学习习近平主席在峰会上的讲话", [("习近平", "主席")]),
        ("由曹陶同志牵头调度", [("曹陶", "同志")]),
        ("由吴艳平同志牵头调度", [("吴艳平", "同志")]),
        ("副县长林志远牵头", [("林志远", "副县长")]),
        ("张伟市长主持召开会议", [("张伟", "市长")]),
        ("由副县长王强、李明牵头", [("王强", "副县长"), ("李明", "副县长")]),
        ("由王强副市长牵头，市应急管理局配合", [("王强", "副市长")]),
        ("会议要求，县长要带头", []),
        ("镇党委书记要带头，各位分管副市长及相关单位要熟知情况", []),
        ("为民实事包抓县级领导和责任单位主要负责同志要亲自调度", []),
    ],
)
def test_persons(text, persons):
    assert [(f.name, f.title) for f in find_persons(text, 0)] == persons


def test_person_offsets_are_shifted():
    [found] = find_persons("xx副县长石晶牵头", 100, 2)
    assert (found.name, found.start, found.end) == ("石晶", 102, 107)


@pytest.mark.parametrize(
    ("text", "documents"),
    [
        ("原则同意《某县预算方案》（送审稿）", [("某县预算方案", "送审稿")]),
        ("原则同意《某县预算方案（审议稿）》", [("某县预算方案", "审议稿")]),
        ("审议《某市生态文明建设规划（2025-2035）》", [("某市生态文明建设规划（2025-2035）", None)]),
        ("关于印发《某制度》的通知、《某办法》", [("某制度", None), ("某办法", None)]),
    ],
)
def test_documents(text, documents):
    assert [(f.name, f.status) for f in find_documents(text, 0)] == documents


def test_a_short_form_introduced_by_the_text_is_not_a_second_document():
    text = "原则通过《政府工作报告》（以下简称《报告》）分工方案。各单位要把落实《报告》任务作为重点。"
    aliases = frozenset(document_aliases(text))
    assert [f.name for f in find_documents(text, 0, aliases=aliases)] == ["政府工作报告"]
    assert [f.name for f in find_documents("细化《方案》实施路径", 0, aliases=aliases)] == ["方案"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("推进宁波某某药业有限公司债权处置", ["宁波某某药业有限公司"]),
        ("是落实与中国某某电力股份有限公司《合作框架协议》", ["中国某某电力股份有限公司"]),
        ("原则上同意湖南省某某控股集团有限公司启动发行", ["湖南省某某控股集团有限公司"]),
        ("同意由产发公司自筹资金", ["产发公司"]),
        ("支持中国农业银行某县支行发放贷款", ["中国农业银行某县支行"]),
        ("督促该公司整改，指导国有企业改革", []),
        ("甲乙智能不再向市政府主张因逾期未支付该公司垫付费用", ["甲乙智能"]),
        ("《关于某某有限公司的请示》", []),
    ],
)
def test_enterprises(text, names):
    assert [f.name for f in find_enterprises(text, 0)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("推进石浦港海底隧道及接线工程，是民生工程", ["石浦港海底隧道及接线工程"]),
        (
            "原则上同意S1某市甲至乙段改善工程、某市丙片区排水工程建设项目按程序立项",
            ["S1某市甲至乙段改善工程", "某市丙片区排水工程建设项目"],
        ),
        ("听取某镇关于观海酒店（暂名）项目有关情况的汇报", ["观海酒店（暂名）项目"]),
        ("对某县北站综合客运枢纽建设项目建设规模再行核实", ["某县北站综合客运枢纽建设项目"]),
        ("保障重点项目不停工，力争更多重大项目、重点工程纳入，全力推进项目早日开工", []),
        ("审议《某市乡镇污水提升工程实施方案》", []),
        ("1.某县老城区雨污分流改造工程；", ["某县老城区雨污分流改造工程"]),
        ("会议同意新建城东幼儿园项目和河西幼儿园项目，", ["城东幼儿园项目", "河西幼儿园项目"]),
    ],
)
def test_projects(text, names):
    assert [f.name for f in find_projects(text, 0)] == names


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("县政府办公室要牵头", "县政府办公室"),
        ("市自然资源和规划局、", "市自然资源和规划局"),
        ("双山香山旅游度假区安全生产工作汇报", "双山香山旅游度假区"),
        ("市自然资源局解除原土地出让合同", "市自然资源局"),
        ("县城乡融合发展投资集团公司作为主体", "县城乡融合发展投资集团公司"),
        ("为民实事办理工作情况汇报", None),
        ("全县安全生产工作情况汇报", None),
    ],
)
def test_unit_at(text, unit):
    found = unit_at(text, 0)
    assert (text[slice(*found)] if found else None) == unit


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("县财政局", True),
        ("市安委办", True),
        ("弼时镇", True),
        ("飞地园事务中心", True),
        ("县工投集团", True),
        ("产发公司", False),
        ("各乡镇", False),
        ("相关单位", False),
        ("县直相关部门", False),
        ("县委常委", False),
        ("镇（街道", False),
    ],
)
def test_named_units(name, named):
    assert is_named_unit(name, "县") is named
