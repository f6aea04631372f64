"""Decisions: outcome, document and status, next step; lead-ins that are not decisions of their own."""

from pathlib import Path

import pytest

from loaders.decisions import decision_at, find_decisions, next_step
from loaders.items import parse_body
from loaders.normalize import normalize

BODIES = Path(__file__).parent / "data" / "bodies"


def decisions(name: str, level: str) -> list[list[dict]]:
    norm = normalize((BODIES / name).read_text(encoding="utf-8"))
    items, _ = parse_body(norm, 0, len(norm.text), level=level)
    return [[d.to_dict() for d in i.decisions] for i in items]


def test_stacked_verbs_statuses_and_next_steps():
    assert decisions("decisions.txt", "市") == [
        [
            {
                "outcome": "approved_in_principle",
                "document": "临川市物业管理条例实施细则",
                "document_status": "征求意见稿",
                "next_step": "按程序印发",
            }
        ],
        [{"outcome": "approved", "document": "临川市公交线网优化方案"}],
        [{"outcome": "approved_in_principle"}, {"outcome": "decided"}],
        [],
    ]


def test_status_after_the_brackets_and_next_step_in_the_following_sentence():
    found = decisions("headings.txt", "县")
    assert found[1] == [{"outcome": "approved_in_principle", "next_step": "提请县委审议"}]
    assert found[3] == [
        {
            "outcome": "approved_in_principle",
            "document": "青禾县2026年重大项目计划",
            "document_status": "送审稿",
            "next_step": "以县政府名义印发",
        }
    ]


def test_a_lead_in_is_no_decision_where_what_follows_holds_one():
    assert decisions("bare-numbers.txt", "市") == [
        [
            {
                "outcome": "approved_in_principle",
                "document": "云溪市2026年城乡供水一体化实施方案",
                "next_step": "依规依程序印发",
            }
        ],
        [{"outcome": "decided"}],
        [{"outcome": "approved"}, {"outcome": "decided"}],
    ]


def test_lead_in_without_a_following_approval_is_one_decision():
    text = "会议研究了防汛工作，形成如下意见：一是压实责任。二是县水利局要加强值守。"
    sentences = [(0, 24, 0, 0), (24, len(text), 0, 0)]
    [decision] = find_decisions(text, sentences, lambda s, e: None)
    assert decision.outcome == "decided"


def test_approval_of_a_request_then_what_the_meeting_decided():
    found = decisions("paragraph-items.txt", "县")
    assert found[1] == [{"outcome": "decided"}]
    assert found[2] == [
        {"outcome": "approved_in_principle", "document": "关于新建第二实验小学的请示"},
        {"outcome": "decided", "document": "方案", "next_step": "印发实施"},
    ]


def test_document_named_before_the_verb_and_a_step_asked_with_please():
    assert decisions("bracketed.txt", "县")[1] == [
        {
            "outcome": "approved_in_principle",
            "document": "江口县招商引资优惠政策（试行）",
            "next_step": "按程序印发",
        }
    ]


def test_a_sentence_cut_by_a_line_break_is_read_whole():
    norm = normalize("一、会议审议并原则同意县甲局提交的《某计划》，要求\n按程序下达执行。")
    [item], _ = parse_body(norm, 0, len(norm.text), level="县")
    assert item.decisions[0].next_step == "按程序下达执行"


def test_next_step_to_a_party_committee():
    [_, [decision], _, [approval]] = decisions("unnumbered.txt", "区")
    assert approval == {
        "outcome": "approved_in_principle",
        "document": "松湖区老旧小区加装电梯实施办法",
        "next_step": "按程序印发",
    }
    assert decision["next_step"] == "报区委常委会审议"
    assert decision["document_status"] == "送审稿"


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("会议原则上同意该方案。", "approved_in_principle"),
        ("会议研究审议并原则同意《某办法（送审稿）》。", "approved_in_principle"),
        ("会议讨论并原则同意县甲局《关于某事的请示》。", "approved_in_principle"),
        ("会议原则通过县甲局提交的《某规划》。", "approved_in_principle"),
        ("会议审议通过《某方案》。", "approved"),
        ("会议同意县甲局的意见。", "approved"),
        ("同意由市甲局解除合同。", "approved"),
        ("会议确定：县甲局负责。", "decided"),
        ("会议明确，由县乙局牵头。", "decided"),
        ("会议决定成立工作专班。", "decided"),
        ("会议确定：原则同意该办法，由市甲中心修改完善。", "approved_in_principle"),
        ("会议研究了专班事宜，决定成立工作专班。", "decided"),
        ("要求各部门决定事项要落实。", None),
        ("会议研究了专班事宜，决定如下：", None),
        ("要通过行政处罚等手段加大力度。", None),
        ("通过强有力的督查，倒逼责任落实。", None),
        ("会议议定以下意见：", None),
        ("会议议定如下：", None),
        ("会议通过视频形式传达学习了全省会议精神。", None),
        ("会议明确要求，各部门要抓好落实。", None),
        ("经县政府同意后实施。", None),
        ("市场监管部门要明确审查标准。", None),
    ],
)
def test_decision_verbs(sentence, outcome):
    found = decision_at(sentence, 0, len(sentence))
    assert (found[0] if found else None) == outcome


@pytest.mark.parametrize(
    ("tail", "step"),
    [
        ("要求根据审议意见作进一步修改完善后实施。", "实施"),
        ("要求根据讨论意见作进一步修改完善后做好后续工作。", "做好后续工作"),
        ("由区府办按程序印发。", "按程序印发"),
        ("由市司法局按程序报批。", "按程序报批"),
        ("修改完善后提请市委常委会审议。", "提请市委常委会审议"),
        ("支持加快推进发行。", None),
        ("后续事项须报市政府审定后实施。", None),
        ("经审核把关后，由县甲集团公司组织实施，县乙局做好监管工作。", None),
    ],
)
def test_next_steps(tail, step):
    assert next_step(tail, 0, len(tail), "县") == step
