"""Normalisation: what extraction breaks is mended, and every character still points at the original."""

import pytest

from loaders.normalize import normalize
from tests.conftest import CORPUS, CORPUS_NAMES


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("象山县 2024 年", "象山县2024年"),
        ("202 6 年 1 月 7 日", "2026年1月7日"),
        ("（二 〇 二 五 年 十一 月 三 日）", "（二〇二五年十一月三日）"),
        ("ＡＢＣ１２３，“好”（一）《文》", "ABC123，“好”（一）《文》"),
        ("会议 传达学习 了 文件", "会议传达学习了文件"),
        ("生成日期： 2025-11-14 16:31:47", "生成日期：2025-11-14 16:31:47"),
        ("五 、会议听取", "五、会议听取"),
    ],
)
def test_spaces_and_width(raw, text):
    assert normalize(raw).text == text


def test_page_number_lines_go_even_inside_a_sentence():
    raw = "会议传达学习省委书记来象调研指示精神。会议指\n\n\x0c— 3 —\x0c\n\n出，要抓好落实。"
    assert normalize(raw).text == "会议传达学习省委书记来象调研指示精神。会议指出，要抓好落实。"
    assert (
        normalize("会议要求，各单位要加强协调配合\n- 12 -\n抓好落实。").text
        == "会议要求，各单位要加强协调配合抓好落实。"
    )


def test_wrapped_lines_join_but_paragraphs_stay():
    raw = (
        "2025 年1 月21 日下午，区长某某主持召开区政府第96\n次常务会议。\n"
        "会议听取区府办关于2025 年区“两会”期间人大代表\n建议的汇报。\n会议指出，要抓好。"
    )
    assert normalize(raw).text == (
        "2025年1月21日下午，区长某某主持召开区政府第96次常务会议。\n"
        "会议听取区府办关于2025年区“两会”期间人大代表建议的汇报。\n会议指出，要抓好。"
    )


def test_headings_and_short_header_lines_are_not_joined():
    raw = (
        "某县人民政府 常务会议纪要\n\n一期\n\n某县人民政府办公室\n\n2024年1月5日\n\n"
        "一、传达学习重要讲话精神\n\n会议传达学习了讲话。"
    )
    assert normalize(raw).text.split("\n") == [
        "某县人民政府常务会议纪要",
        "一期",
        "某县人民政府办公室",
        "2024年1月5日",
        "一、传达学习重要讲话精神",
        "会议传达学习了讲话。",
    ]


def test_a_heading_is_not_joined_to_its_first_paragraph():
    raw = "一、听取县发展和改革局关于全县重大项目建设推进情况的汇报\n县发改局汇报了全县重大项目建设推进情况。"
    assert normalize(raw).text.split("\n") == [
        "一、听取县发展和改革局关于全县重大项目建设推进情况的汇报",
        "县发改局汇报了全县重大项目建设推进情况。",
    ]
    assert normalize("九、听取县工投集团关于宁波某某药业有限公司有关情况\n\n的汇报").text == (
        "九、听取县工投集团关于宁波某某药业有限公司有关情况的汇报"
    )


def test_an_item_paragraph_wrapped_inside_a_title_is_joined():
    raw = "二、会议审议并原则同意县卫健局提交的《某县基层医疗卫生\n服务能力提升方案》，由县卫健局印发。"
    assert (
        normalize(raw).text
        == "二、会议审议并原则同意县卫健局提交的《某县基层医疗卫生服务能力提升方案》，由县卫健局印发。"
    )
    assert normalize("一、审议《某县方案\n》\n会议原则同意。").text == "一、审议《某县方案》\n会议原则同意。"


def test_a_line_broken_before_the_word_hui_yi_is_joined():
    raw = "6月16日上午，县长王大明主持召开县政府第九次常务\n会议，研究部署防汛工作。\n会议要求，各部门落实。"
    assert normalize(raw).text.split("\n") == [
        "6月16日上午，县长王大明主持召开县政府第九次常务会议，研究部署防汛工作。",
        "会议要求，各部门落实。",
    ]


def test_a_title_broken_before_its_last_word_is_joined():
    assert normalize("县政府第十五次常务会议\n纪要\n9月26日").text == "县政府第十五次常务会议纪要\n9月26日"


def test_field_lines_stand_whole():
    raw = "来源：某县人民政府办公室  发布时间：2025-05-08 09:00\n5月6日，县长王大明主持召开县政府常务会议。"
    assert normalize(raw).text.split("\n") == [
        "来源：某县人民政府办公室发布时间：2025-05-08 09:00",
        "5月6日，县长王大明主持召开县政府常务会议。",
    ]


def test_list_lines_keep_the_spaces_that_separate_names():
    raw = "出 席： 王大明 郭 强 杨小军\n刘 一\n\n\x0c— 2 —\n李 辉\n请 假： 高某某 （ 赴省城参加 会议 ）\n"
    assert normalize(raw).text.split("\n") == [
        "出席：王大明 郭 强 杨小军",
        "刘 一",
        "李 辉",
        "请假：高某某（赴省城参加会议）",
    ]


def test_a_label_without_colon_opens_a_list_only_before_names():
    assert normalize("出席 王大明 李 红").text == "出席 王大明 李 红"
    assert normalize("出席 会议的有：副县长王大明").text == "出席会议的有：副县长王大明"


def test_a_label_split_over_two_lines_is_joined():
    assert normalize("出\n席：王大明 李小红\n列\n席：张三丰").text == "出席：王大明 李小红\n列席：张三丰"


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_span_points_back_at_the_original(name):
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    norm = normalize(raw)
    for start, char in enumerate(norm.text):
        span = norm.span(start, start + 1)
        assert span.text == char and span.end == span.start + 1
        if char.isdigit() or "\u4e00" <= char <= "\u9fff":
            assert (
                raw[span.start] == char
                or raw[span.start].translate({0xFF10 + d: str(d) for d in range(10)}) == char
            )

    assert "  " not in norm.text and "\n\n" not in norm.text
