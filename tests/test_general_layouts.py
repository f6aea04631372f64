"""The layouts and texts of the genre seen in real documents, each in general words (issue 10, §2):
text as extracted, openings, dates, attendance written as sentences, items, decisions, web reports."""

import pytest

from loaders.minutes import parse_minutes
from loaders.normalize import normalize

OPENING = "2025年3月4日，区长王大明主持召开区政府第5次常务会议。\n"
REPORT = "会议听取了区财政局关于预算执行情况的汇报。\n"


def parse(raw):
    return parse_minutes(raw, "a.txt")


def test_half_width_punctuation_is_a_clause_boundary():
    minutes = parse("3月4日,区长王大明主持召开区政府第5次常务会议。副区长张三、李四出席会议。\n" + REPORT)
    assert (minutes.meeting.chair_title, minutes.meeting.chair) == ("区长", "王大明")
    assert (
        normalize("会议指出,要(送审稿)抓好; 16:31:47 PM2.5").text
        == "会议指出，要（送审稿）抓好；16:31:47 PM2.5"
    )


@pytest.mark.parametrize(
    ("opening", "chair", "title"),
    [
        ("2025年3月4日，区长王大明主持召开区政府第5次常务会议。", "王大明", "区长"),
        ("2025年3月4日，王大明区长主持召开区政府第5次常务会议。", "王大明", "区长"),
        ("2025年3月4日，区政府第5次常务会议召开。区长王大明主持。", "王大明", "区长"),
        ("2025年3月4日，区政府第5次常务会议在区行政中心召开，会议由区长王大明主持。", "王大明", "区长"),
        ("2025年3月4日，市政府召开第5次常务会议。", None, None),
        ("2025年3月4日，某某区政府区长王大明主持召开区政府第5次常务会议。", "王大明", "区长"),
    ],
)
def test_the_opening_names_the_chair_either_way_or_none(opening, chair, title):
    meeting = parse(f"{opening}\n{REPORT}").meeting
    assert (meeting.chair, meeting.chair_title, meeting.ordinal, meeting.date) == (
        chair,
        title,
        5,
        "2025-03-04",
    )


def test_two_meetings_held_together_name_the_standing_one():
    raw = "2025年3月4日，区长王大明主持召开区政府党组（扩大）会议和区政府十五届第21次常务会议。\n" + REPORT
    meeting = parse(raw).meeting
    assert (meeting.name, meeting.kind, meeting.ordinal) == ("区政府十五届第21次常务会议", "常务会议", 21)


def test_an_ordinal_after_a_term_without_第():
    assert parse("3月4日，区长王大明主持召开五届104次区政府常务会议。\n" + REPORT).meeting.ordinal == 104


def test_headline_and_breadcrumbs_do_not_run_into_the_meeting_sentence():
    raw = (
        "当前位置：首页 > 政务公开 > 政府常务会议\n区政府召开第5次常务会议\n"
        "发布时间：2025-03-06 10:12 来源：某某区人民政府办公室\n"
        "4日，区长王大明主持召开区政府第5次常务会议。\n" + REPORT
    )
    minutes = parse(raw)
    assert (minutes.title, minutes.issued, minutes.body) == (
        "区政府召开第5次常务会议",
        "2025-03-06",
        "某某区人民政府",
    )
    assert (minutes.meeting.date, minutes.meeting.chair) == ("2025-03-04", "王大明")


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        ("3月4日，区长王大明主持召开区政府2022年第9次常务会议。\n", "2022-03-04"),
        ("发布日期：2023-03-06\n3月4日，区长王大明主持召开区政府第9次常务会议。\n", "2023-03-04"),
        ("2025年1127日，区长王大明主持召开区政府第9次常务会议。\n", "2025-11-27"),
        ("发布日期：2025-11-12\n1110日，区长王大明主持召开区政府第9次常务会议。\n", "2025-11-10"),
        ("2025年111日，区长王大明主持召开区政府第9次常务会议。\n", None),
    ],
)
def test_meeting_dates_without_a_year_or_a_月(raw, date):
    assert parse(raw + REPORT).meeting.date == date


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("区领导张三、李四、王五出席会议。", {"张三": "present", "李四": "present", "王五": "present"}),
        ("张三、李四和王五参加会议。", {"张三": "present", "李四": "present", "王五": "present"}),
        ("副区长张三出席，区人大副主任李四列席。", {"张三": "present", "李四": "observer"}),
        ("区政府班子成员出席会议，各部门负责人列席会议。", {}),
        ("副区长张三及各部门负责人出席会议，区法院、区检察院负责人列席会议。", {"张三": "present"}),
    ],
)
def test_attendance_written_as_sentences(sentence, roles):
    minutes = parse(OPENING + sentence + "\n" + REPORT)
    assert {p.name: p.role for p in minutes.participants} == roles
    assert len(minutes.items) == 1, "a sentence of who attended is no item"


def test_numbered_with_half_width_brackets():
    raw = OPENING + "(1)会议听取了区财政局关于预算的汇报。\n(2)会议审议了《某某区管理办法》。\n"
    assert [(i.number, i.kind) for i in parse(raw).items] == [(1, "report"), (2, "review")]


def test_unnumbered_paragraphs_each_on_a_matter_of_their_own():
    raw = (
        "3月4日，区长王大明主持召开区政府第5次常务会议，研究审议了停车管理和学校建设等事项。\n"
        "会议原则通过了《某某区停车管理办法》。会议强调，要加强停车秩序管理。\n"
        "会议指出，停车泊位的收费要公开透明。\n"
        "会议原则同意启动实施第二实验学校建设项目。\n"
        "会议还研究讨论了其他事项。\n"
    )
    minutes = parse(raw)
    assert [(i.kind, len(i.decisions)) for i in minutes.items] == [("review", 1), ("other", 1)]
    assert [o.text for o in minutes.other_business] == ["会议还研究讨论了其他事项"]


def test_one_decision_per_title_approved_together():
    approval = "会议原则同意《甲办法》（送审稿）、《乙方案》和《丙规划》（征求意见稿），"
    approval += "要求修改完善后提请区委常委会审议。"
    raw = f"{OPENING}一、审议有关文件\n{approval}\n"
    decisions = [d.to_dict() for d in parse(raw).items[0].decisions]
    assert decisions == [
        {
            "outcome": "approved_in_principle",
            "document": "甲办法",
            "document_status": "送审稿",
            "next_step": "提请区委常委会审议",
        },
        {"outcome": "approved_in_principle", "document": "乙方案", "next_step": "提请区委常委会审议"},
        {
            "outcome": "approved_in_principle",
            "document": "丙规划",
            "document_status": "征求意见稿",
            "next_step": "提请区委常委会审议",
        },
    ]


@pytest.mark.parametrize(
    ("body", "presenters"),
    [
        ("会议审议了区财政局《甲办法》、区住建局《乙方案》。\n", ["区财政局", "区住建局"]),
        ("会议听取了区财政局关于甲的汇报、区住建局关于乙的汇报。\n", ["区财政局", "区住建局"]),
        ("会议听取并原则同意了区财政局关于甲的汇报。\n", ["区财政局"]),
        ("会议听取了区教育局关于甲的汇报；听取区住建局关于乙的汇报。\n", ["区教育局", "区住建局"]),
    ],
)
def test_presenters_of_each_title_or_report(body, presenters):
    (item,) = parse(OPENING + body).items
    assert [p.name for p in item.presenters] == presenters


@pytest.mark.parametrize(
    ("head", "title", "issued", "body"),
    [
        (
            "市政府常务会议研究部署安全生产工作\n2024-12-13 10:00 来源：某某市人民政府办公室\n",
            "市政府常务会议研究部署安全生产工作",
            "2024-12-13",
            "某某市人民政府",
        ),
        (
            "某某市人民政府召开第74次常务会议\n2024年12月13日 来源: 某某发布\n",
            "某某市人民政府召开第74次常务会议",
            "2024-12-13",
            "某某市人民政府",
        ),
    ],
)
def test_a_web_reports_headline_and_publication_line(head, title, issued, body):
    minutes = parse(
        head + "12月6日，市长王大明主持召开市政府第74次常务会议。\n会议听取了市应急局关于安全生产的汇报。\n"
    )
    assert (minutes.title, minutes.issued, minutes.body, minutes.meeting.date) == (
        title,
        issued,
        body,
        "2024-12-06",
    )


def test_a_chair_titled_by_the_place_then_dated_by_the_day():
    meeting = parse("某江省长李强17日上午主持召开省政府第二次常务会议。\n" + REPORT).meeting
    assert (meeting.chair, meeting.chair_title, meeting.ordinal) == ("李强", "省长", 2)


def test_a_web_reports_section_headings_are_no_items():
    raw = (
        "1月19日，市长王大明主持召开市政府第20次常务会议。\n会议议题\n"
        "研究市政府工作规则，听取关于新建某某灌区工程情况的汇报。\n议题解读\n某某市第20次常务会议：一图速览\n"
        "会议内容\n会议原则通过了《某某市人民政府工作规则》。\n"
        "会议强调，新建某某灌区工程对保障灌溉用水至关重要，市水利局要抓好落实。\n"
        "列席情况\n市人大常委会副主任陈正一，市政协副主席孙衍辉列席会议。\n"
    )
    minutes = parse(raw)
    assert [(i.kind, len(i.decisions)) for i in minutes.items] == [("review", 1), ("other", 0)]
    assert [p.name for p in minutes.participants] == ["陈正一", "孙衍辉"]
    assert "paragraph_without_fact" not in [w.code for w in minutes.warnings]


def test_a_page_laid_out_as_a_form_with_labels_over_their_values():
    raw = (
        "图文回放：某某区政府召开第19届42次常务会议\n会议时间:\n2023年11月20日(星期一)上午9:30\n"
        "会议地点:\n区长会议室\n会议主持人:\n区委副书记、区长王大明\n列席情况:\n武毅、赵冬梅、王若曦\n"
        "会议议题:\n关于某某规划实施情况中期评估的汇报\n"
    )
    minutes = parse(raw)
    meeting = minutes.meeting
    assert (meeting.ordinal, meeting.date, meeting.chair, meeting.chair_title) == (
        42,
        "2023-11-20",
        "王大明",
        "区委副书记、区长",
    )
    assert [(p.name, p.role) for p in minutes.participants] == [
        ("武毅", "observer"),
        ("赵冬梅", "observer"),
        ("王若曦", "observer"),
    ]
    assert minutes.title == "图文回放：某某区政府召开第19届42次常务会议"


def test_a_sites_links_to_other_reports_close_the_minutes():
    raw = (
        OPENING
        + REPORT
        + "上一篇：区政府召开第4次常务会议，研究部署春耕工作\n下一篇：区政府召开第6次常务会议\n"
    )
    minutes = parse(raw)
    assert [i.span.text for i in minutes.items] == [REPORT.strip()]
    assert minutes.warnings == []
