"""Header, footer and the opening sentence, over layouts seen in the wild and the corpus."""

from pathlib import Path

import pytest

from loaders.dates import chinese_number, find_dates, resolve_year
from loaders.errors import NotMinutesError
from loaders.minutes import parse_minutes
from tests.conftest import CORPUS, CORPUS_NAMES

LAYOUTS = Path(__file__).parent / "data" / "layouts"

HEADERS = {
    "no-header-names-per-line": {
        "header": {},
        "meeting": {
            "name": "县人民政府2026年第1次常务会议",
            "kind": "常务会议",
            "ordinal": 1,
            "date": "2026-01-07",
            "chair": "马建国",
            "chair_title": "县长",
        },
    },
    "masthead-office-and-date": {
        "header": {"body": "云溪县人民政府", "issuer": "云溪县人民政府办公室", "issued": "2025-11-07"},
        "meeting": {
            "name": "十九届县政府第12次常务会议",
            "kind": "常务会议",
            "ordinal": 12,
            "date": "2025-11-03",
            "chair": "陈志远",
            "chair_title": "县委副书记、县长",
        },
    },
    "government-then-title": {
        "header": {
            "body": "青禾市人民政府",
            "title": "2026年第1次常务会议纪要",
            "issuer": "青禾市人民政府办公室",
            "issued": "2026-01-09",
        },
        "meeting": {
            "name": "市政府2026年第1次常务（扩大）会议",
            "kind": "常务会议",
            "ordinal": 1,
            "date": "2026-01-07",
            "chair": "张伟",
            "chair_title": "市长",
        },
    },
    "chinese-date-units-per-line": {
        "header": {"body": "白石区人民政府"},
        "meeting": {
            "name": "区政府第35次常务会议",
            "ordinal": 35,
            "date": "2025-12-26",
            "chair": "林海峰",
            "chair_title": "区政府党组书记、区长",
        },
    },
    "lists-after-opening": {
        "header": {"body": "云溪县人民政府", "title": "云溪县人民政府第3次常务会议纪要"},
        "meeting": {
            "name": "云溪县人民政府第3次常务会议",
            "kind": "常务会议",
            "ordinal": 3,
            "date": "2025-06-12",
            "chair": "王立军",
            "chair_title": "县长",
        },
    },
    "dated-heading-inline-leave": {
        "header": {"body": "云溪县人民政府", "title": "云溪县人民政府第5次常务会议纪要"},
        "meeting": {
            "name": "云溪县人民政府第5次常务会议",
            "ordinal": 5,
            "date": "2025-04-08",
            "chair": "张三",
            "chair_title": "县长",
        },
    },
    "news-heading": {
        # a web report: the headline is its title, the page's publication line its date of issue
        "header": {"title": "县政府召开第15次常务会议", "issued": "2025-03-06"},
        "meeting": {"name": "县政府第15次常务会议", "ordinal": 15, "date": "2025-03-05", "chair": "张立军"},
        "metadata": {"发布时间": "2025-03-06 10:12"},
    },
    "web-page-inline-attendance": {
        "header": {"body": "青禾县人民政府", "title": "青禾县人民政府第8次常务会议纪要"},
        "meeting": {"name": "县政府第8次常务会议", "ordinal": 8, "date": "2026-02-06", "chair": "赵立新"},
        "metadata": {"索引号": "11330000/2026-00012", "生成日期": "2026-02-10 09:30:00"},
    },
}


def parse_layout(name):
    raw = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    return raw, parse_minutes(raw, f"{name}.txt")


def test_every_layout_file_is_checked():
    assert sorted(p.stem for p in LAYOUTS.glob("*.txt")) == sorted(HEADERS)


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_meeting_of_each_layout(name):
    _, minutes = parse_layout(name)
    record = minutes.to_dict()
    want = HEADERS[name]
    for key in ("body", "issuer", "issued", "title", "doc_number"):
        assert record.get(key) == want["header"].get(key), key
    for key, value in want["meeting"].items():
        assert record["meeting"].get(key) == value, key
    for key, value in want.get("metadata", {}).items():
        assert minutes.metadata[key] == value


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_spans_quote_the_original(name):
    raw, minutes = parse_layout(name)
    for key, span in minutes.spans.items():
        original = "".join(raw[span.start : span.end].split())
        if key != "issued":
            assert original == getattr(minutes, key), key
    meeting = minutes.meeting.span
    assert ("召开" in meeting.text or "主持" in meeting.text) and meeting.text.endswith("。")
    assert raw[meeting.start : meeting.end].replace(" ", "").startswith(meeting.text[:4])


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_meeting_spans_point_at_the_opening(name):
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    span = parse_minutes(raw, name).meeting.span
    assert "主持" in "".join(raw[span.start : span.end].split())


@pytest.mark.parametrize(
    ("header", "facts"),
    [
        ("长府会议纪要〔2025〕2 号", {"doc_number": "长府会议纪要〔2025〕2号"}),
        (
            "临川市人民政府\n常 务 会 议 纪 要\n〔2025〕12号",
            {"body": "临川市人民政府", "doc_number": "〔2025〕12号"},
        ),
        ("临川市人民政府办公室\n2025年5月20日", {"issuer": "临川市人民政府办公室", "issued": "2025-05-20"}),
        ("索引号：001/2025-1\n文号：临府纪〔2025〕3号", {"doc_number": "临府纪〔2025〕3号"}),
    ],
)
def test_header_lines(header, facts):
    minutes = parse_minutes(f"{header}\n5月16日，市长周文主持召开市政府第30次常务会议。\n", "header.txt")
    assert {key: getattr(minutes, key) for key in facts} == facts
    assert minutes.meeting.date == ("2025-05-16" if "2025年" in header else None)


def test_minutes_without_an_opening_sentence_keep_their_header():
    raw = (
        "云溪县人民政府常务会议纪要\n云溪县人民政府办公室 2025年4月10日\n"
        "一、听取县财政局关于一季度财政收支情况的汇报\n会议要求，县财政局要加强收支管理。\n"
    )
    minutes = parse_minutes(raw, "no-opening.txt")
    assert minutes.body == "云溪县人民政府" and minutes.issuer == "云溪县人民政府办公室"
    assert minutes.issued == "2025-04-10"
    assert minutes.meeting.name is None and len(minutes.items) == 1


def test_text_that_is_not_minutes_is_refused():
    with pytest.raises(NotMinutesError, match=r"notes\.txt: no meeting sentence"):
        parse_minutes("今天天气很好。\n我们去公园散步，然后回家吃饭。\n", "notes.txt")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年12月20日", "2023-12-20"),
        ("二〇二五年十一月三日", "2025-11-03"),
        ("二〇二五年十二月三十一日", "2025-12-31"),
        ("2026年1月7日", "2026-01-07"),
    ],
)
def test_dates(text, iso):
    assert find_dates(text)[0].iso == iso


def test_a_date_without_year_takes_the_year_of_the_document():
    (meeting,) = find_dates("11月3日")
    assert resolve_year(meeting, find_dates("二〇二五年十一月三日")[0]) == "2025-11-03"
    assert resolve_year(meeting, find_dates("2026年1月5日")[0]) == "2025-11-03"
    assert resolve_year(meeting, None) is None
    assert find_dates("13月40日") == []


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("二十八", "九十七", "十", "一百零二", "97", "二〇二六")] == [
        28,
        97,
        10,
        102,
        97,
        2026,
    ]


def test_minutes_laid_out_as_a_form():
    raw = (
        "会议纪要\n〔2025〕第5号\n时间：2025年6月3日上午\n地点：县政府第一会议室\n主持：县长 王大明\n"
        "出席：王大明、李小红\n会议名称：县人民政府第二十一次常务会议\n"
        "一、会议听取了县教育局关于中考组织工作的汇报。\n某县人民政府办公室\n2025年6月5日\n"
    )
    minutes = parse_minutes(raw, "form.txt")
    assert minutes.meeting.to_dict() == {
        "name": "县人民政府第二十一次常务会议",
        "kind": "常务会议",
        "ordinal": 21,
        "date": "2025-06-03",
        "chair": "王大明",
        "chair_title": "县长",
    }
    assert (minutes.doc_number, minutes.issuer, minutes.issued) == (
        "〔2025〕第5号",
        "某县人民政府办公室",
        "2025-06-05",
    )
    assert len(minutes.items) == 1


def test_a_page_lends_its_office_and_date_where_the_minutes_give_none():
    raw = (
        "区政府第31次常务会议纪要\n11月26日，区长王大明主持召开区政府第31次常务会议。\n"
        "一、会议听取了区商务局的汇报。\n"
    )
    minutes = parse_minutes(raw, "page.html", {"主办": "某某区人民政府办公室", "生成日期": "2025-12-02"})
    assert (minutes.body, minutes.issuer, minutes.meeting.date) == ("某某区人民政府", None, "2025-11-26")
    named = parse_minutes(
        raw.replace("区政府第31次常务会议。", "某甲区人民政府第31次常务会议。"),
        "p.html",
        {"主办": "某某区人民政府办公室"},
    )
    assert named.body == "某甲区人民政府"


def test_a_printed_date_at_the_foot_is_the_date_of_issue():
    raw = (
        "3月1日，县长王大明主持召开县政府第5次常务会议。\n一、会议听取了县财政局的汇报。\n"
        "分送：县委办。\n（2025年3月3日印发）\n"
    )
    minutes = parse_minutes(raw, "foot.txt")
    assert (minutes.issued, minutes.meeting.date, [d.name for d in minutes.distribution]) == (
        "2025-03-03",
        "2025-03-01",
        ["县委办"],
    )


@pytest.mark.parametrize(
    ("opening", "meeting"),
    [
        (
            "2025年9月3日，县政府第十二次常务会议召开，会议由县长王大明主持召开。",
            ("县政府第十二次常务会议", "王大明", "县长"),
        ),
        (
            "2025年9月3日，县政府召开第十二次常务会议，县长王大明主持。",
            ("县政府第十二次常务会议", "王大明", "县长"),
        ),
        (
            "2025年9月3日，受县长王大明委托，县委常委、常务副县长李小红主持召开县政府第十二次常务会议。",
            ("县政府第十二次常务会议", "李小红", "县委常委、常务副县长"),
        ),
        (
            "2025年9月3日，某某县人民政府在县行政中心会议室召开第十二次常务会议，会议由县长王大明同志主持。",
            ("某某县人民政府第十二次常务会议", "王大明", "县长"),
        ),
        (
            "2025年9月3日（星期三）上午，常务副县长李小红（受县长委托）主持召开县政府第十二次常务会议。",
            ("县政府第十二次常务会议", "李小红", "常务副县长"),
        ),
        (
            "2025年9月3日，市委副书记、市长艾山·吾买尔主持召开市政府第十二次常务会议。",
            ("市政府第十二次常务会议", "艾山·吾买尔", "市委副书记、市长"),
        ),
    ],
)
def test_the_chair_and_the_meeting_in_the_opening(opening, meeting):
    minutes = parse_minutes(f"{opening}\n一、会议听取了县财政局的汇报。\n", "opening.txt")
    assert (minutes.meeting.name, minutes.meeting.chair, minutes.meeting.chair_title) == meeting
    assert minutes.meeting.date == "2025-09-03"


def test_form_fields_and_lists_before_unnumbered_items_are_no_item():
    raw = (
        "某某县人民政府常务会议纪要\n会议时间：2025年6月3日上午\n会议地点：县政府第一会议室\n"
        "主持人：县长 王大明\n出席人员：王大明、李小红\n会议名称：县人民政府第二十一次常务会议\n"
        "会议听取了县教育局关于中考组织工作的汇报。\n会议审议并原则同意《某某县财政资金管理办法》。\n"
    )
    minutes = parse_minutes(raw, "form.txt")
    assert [item.kind for item in minutes.items] == ["report", "review"]
    assert (minutes.meeting.chair, minutes.meeting.ordinal, minutes.body) == ("王大明", 21, "某某县人民政府")


@pytest.mark.parametrize(
    ("meeting", "body"),
    [
        ("二届市人民政府第93次常务会议", None),
        ("某某市第9届人民政府第93次常务会议", "某某市人民政府"),
        ("七台河市人民政府第93次常务会议", "七台河市人民政府"),
    ],
)
def test_a_government_named_in_the_meeting_but_not_a_term(meeting, body):
    raw = f"2025年9月3日，市长王大明主持召开{meeting}。\n一、会议听取了市财政局的汇报。\n"
    minutes = parse_minutes(raw, "x.txt")
    assert (minutes.body, minutes.meeting.name) == (body, meeting)


@pytest.mark.parametrize("issue", ["第5期", "2025年第3期（总第45期）"])
def test_an_issue_number_between_the_office_and_its_date(issue):
    raw = (
        f"某某县人民政府办公室编\n{issue}\n2025年11月7日\n11月5日，县长王大明主持召开县政府第5次常务会议。\n"
    )
    minutes = parse_minutes(raw + "一、会议听取了县财政局的汇报。\n", "issue.txt")
    assert (minutes.issuer, minutes.issued, minutes.meeting.date) == (
        "某某县人民政府办公室",
        "2025-11-07",
        "2025-11-05",
    )


@pytest.mark.parametrize("foot", ["某某县人民政府\n2025年11月7日", "某某县人民政府  2025年11月7日印发"])
def test_minutes_signed_by_the_government(foot):
    body = "一、会议听取了县财政局的汇报。\n分送：县委办，\n各区县人民政府\n"
    raw = f"11月5日，县长王大明主持召开县政府第5次常务会议。\n{body}{foot}\n"
    minutes = parse_minutes(raw, "signed.txt")
    assert (minutes.issuer, minutes.issued, minutes.body) == (
        "某某县人民政府",
        "2025-11-07",
        "某某县人民政府",
    )
    assert [d.name for d in minutes.distribution] == ["县委办", "各区县人民政府"]


def test_a_date_in_brackets_after_the_title_is_the_meetings():
    raw = (
        "县政府第12次常务会议纪要（2025年9月3日）\n县长王大明主持召开县政府第12次常务会议。\n"
        "一、会议听取了县财政局的汇报。\n"
    )
    minutes = parse_minutes(raw, "dated-title.txt")
    assert (minutes.title, minutes.meeting.date) == ("县政府第12次常务会议纪要", "2025-09-03")


def test_a_title_ending_in_yi_ding_shi_xiang():
    raw = (
        "某某市人民政府第12次常务会议议定事项\n9月3日，市长王大明主持召开市政府第12次常务会议。\n"
        "一、会议听取了市财政局的汇报。\n"
    )
    minutes = parse_minutes(raw, "yiding.txt")
    assert (minutes.title, minutes.body) == ("某某市人民政府第12次常务会议议定事项", "某某市人民政府")
