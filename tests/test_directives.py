"""Directives: who is told to act (named units, not groups), with verb and persons who lead."""

from pathlib import Path

import pytest

from loaders.directives import addressees
from loaders.items import parse_body
from loaders.normalize import normalize

BODIES = Path(__file__).parent / "data" / "bodies"


def items(name: str, level: str):
    norm = normalize((BODIES / name).read_text(encoding="utf-8"))
    return parse_body(norm, 0, len(norm.text), level=level)[0]


@pytest.mark.parametrize(
    ("name", "level", "expected"),
    [
        (
            "headings.txt",
            "县",
            [[], ["县农业农村局", "县财政局", "白沙镇"], ["县住建局", "县自然资源局", "县城投集团"], None],
        ),
        ("paragraph-items.txt", "县", [["县应急局"], ["县发改局"], ["县教育局", "县政府办公室"]]),
        ("bare-numbers.txt", "市", [["市水利局"], ["市应急管理局"], ["市住建局", "市财政局"]]),
        ("unnumbered.txt", "区", [["区民政局"], [], ["区水务局"], ["区房管局"]]),
    ],
)
def test_directive_addressees(name, level, expected):
    found = [i.directive_addressees for i in items(name, level)]
    for got, want in zip(found, expected, strict=True):
        if want is not None:
            assert got == want


def test_enterprise_by_its_own_name_is_no_addressee():
    item = items("headings.txt", "县")[3]
    assert "青禾文旅发展有限公司" not in item.directive_addressees
    assert {"青禾经济开发区", "县发改局"} <= set(item.directive_addressees)
    assert [o.name for o in item.organizations_mentioned] == ["青禾文旅发展有限公司"]


def test_verbs_carry_over_and_persons_who_lead():
    item = items("paragraph-items.txt", "县")[0]
    assert [(d.verb, d.addressees, d.persons) for d in item.directives] == [
        ("强调", [], []),
        ("强调", ["县应急局"], ["陈立新"]),
    ]
    assert item.directives[1].text == "副县长陈立新牵头，县应急局等部门要开展隐患排查。"


def test_verb_carries_over_to_the_list_after_a_colon_and_to_要_paragraphs():
    text = (
        "一、听取县丙局关于某事的汇报\n会议要求：\n一、县甲局要抓好落实。\n二、县乙局要加强督查。\n"
        "会议指出，形势严峻。\n要压实责任。"
    )
    norm = normalize(text)
    [item], _ = parse_body(norm, 0, len(norm.text), level="县")
    assert [(d.verb, d.addressees) for d in item.directives] == [
        ("要求", []),
        ("要求", ["县甲局"]),
        ("要求", ["县乙局"]),
        ("指出", []),
        ("指出", []),
    ]


def test_decided_assignment_is_a_directive_too():
    item = items("paragraph-items.txt", "县")[1]
    [directive] = item.directives
    assert (directive.verb, directive.addressees, directive.persons) == ("确定", ["县发改局"], ["陈立新"])


def test_approval_sentence_without_a_unit_to_act_is_no_directive():
    item = items("decisions.txt", "市")[1]
    assert item.directives == []


@pytest.mark.parametrize(
    ("sentence", "units"),
    [
        ("会议强调，县妇联、各乡镇及县直相关部门要抓好落实。", ["县妇联"]),
        ("县委常委、常务副县长王某某牵头，发展改革、统计等部门要强化调度。", []),
        ("市场监管部门要加强统筹协调。", []),
        ("清泉镇和发展改革、财政等部门要加强沟通协作。", ["清泉镇"]),
        ("由某园事务中心会同市甲局进一步对接。", ["某园事务中心", "市甲局"]),
        ("县交通局负责，发展改革、财政部门配合。", ["县交通局"]),
        ("同意由产发公司自筹资金。", []),
        ("由县城乡融合发展投资集团公司作为项目建设主体组织实施。", ["县城乡融合发展投资集团公司"]),
        ("二是市政府办及相关部门要主动沟通汇报。", ["市政府办"]),
        ("相关部门、镇（街道）要严格抓好落实。", []),
        ("会议听取了市甲局、市乙局工作汇报。", []),
        ("剩余价款由市财政拨付。", []),
        ("镇财政所、红星村要做好资金拨付，各村要抓好落实。", ["镇财政所", "红星村"]),
        ("美丽乡村建设要持续推进。", []),
        ("会议原则同意该办法，要求县医保局修改完善后报县委审定。", ["县医保局"]),
        ("项目由县产投集团负责建设，县自然资源局做好用地保障。", ["县产投集团", "县自然资源局"]),
        ("征迁工作由县交通运输局牵头，沿线乡镇负责。", ["县交通运输局"]),
        ("由县发改局牵头，会同县财政局等部门研究。", ["县发改局", "县财政局"]),
    ],
)
def test_addressees_of_a_sentence(sentence, units):
    assert addressees(sentence, 0, len(sentence)) == units
