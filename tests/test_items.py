"""Items in every numbering style, their kinds, titles, presenters, and the closing business.

The bodies under tests/data/bodies are written for these tests (invented units and names), one
file per layout of the genre.
"""

import random
import unicodedata
from pathlib import Path

import pytest

from loaders.dates import chinese_number
from loaders.items import parse_body
from loaders.normalize import normalize

BODIES = Path(__file__).parent / "data" / "bodies"


def parse(name: str, level: str):
    norm = normalize((BODIES / name).read_text(encoding="utf-8"))
    items, other = parse_body(norm, 0, len(norm.text), level=level)
    return norm, items, other


@pytest.mark.parametrize(
    ("name", "level", "kinds", "titled"),
    [
        ("headings.txt", "县", ["study", "report", "review", "report"], True),
        ("bare-numbers.txt", "市", ["review", "report", "report"], False),
        ("paragraph-items.txt", "县", ["study", "report", "review"], False),
        ("unnumbered.txt", "区", ["report", "review", "other", "review"], False),
        ("decisions.txt", "市", ["review", "review", "report", "other"], True),
        ("arabic.txt", "市", ["report", "review"], True),
        ("bracketed.txt", "县", ["report", "review"], False),
    ],
)
def test_items_in_every_numbering_style(name, level, kinds, titled):
    _, items, _ = parse(name, level)
    assert [i.kind for i in items] == kinds
    assert [i.number for i in items] == list(range(1, len(kinds) + 1))
    assert all((i.title is not None) == titled for i in items)


def test_heading_is_the_title_and_a_spaced_number_still_counts():
    _, items, _ = parse("headings.txt", "县")
    assert items[0].title == "传达学习习近平总书记重要讲话精神"
    assert items[1].title == "听取县农业农村局关于全县高标准农田建设情况的汇报"


def test_heading_without_a_verb_takes_its_kind_from_the_first_sentence():
    _, items, _ = parse("arabic.txt", "市")
    assert [(i.title, i.kind) for i in items] == [
        ("关于春季森林防火工作", "report"),
        ("关于《北岭市城市供水管理办法》", "review"),
    ]
    assert [[p.name for p in i.presenters] for i in items] == [["市林业局"], ["市水务局"]]


def test_heading_on_a_report_without_a_verb():
    norm = normalize("一、县发改局、县统计局关于一季度经济运行情况的汇报\n会议指出，要稳住经济基本盘。")
    [item], _ = parse_body(norm, 0, len(norm.text), level="县")
    assert (item.kind, [p.name for p in item.presenters]) == ("report", ["县发改局", "县统计局"])


def test_sub_items_and_lists_belong_to_their_item():
    _, items, _ = parse("headings.txt", "县")
    assert len(items) == 4
    assert "（三）会议强调" in items[3].span.text
    assert "2.青禾县东湖片区棚户区改造项目" in items[2].span.text


def test_comment_paragraph_joins_the_matter_before_it_unless_it_takes_up_another():
    _, items, other = parse("unnumbered.txt", "区")
    assert len(items) == 4
    assert "养老服务事关民生福祉" in items[0].span.text
    assert items[2].span.text.startswith("会议强调，要做好汛期防汛准备")
    assert items[3].span.text.startswith("会议原则同意《松湖区老旧小区加装电梯实施办法》")
    assert [(o.kind, o.text) for o in other] == [("other", "会议还研究了其他事项")]


def test_other_matters_are_closing_business_even_when_numbered():
    _, items, other = parse("bracketed.txt", "县")
    assert len(items) == 2
    assert [(o.kind, o.text) for o in other] == [("other", "会议还研究了其他事项")]


def test_closing_business_after_the_last_item():
    _, items, other = parse("headings.txt", "县")
    assert "集体学法" not in items[-1].span.text
    assert [o.to_dict() for o in other] == [
        {
            "kind": "study",
            "text": "会议组织了集体学法，由县司法局解读《中华人民共和国行政复议法》",
            "presenters": ["县司法局"],
            "documents": ["中华人民共和国行政复议法"],
        },
        {"kind": "report", "text": "会议还听取了近期重点工作安排的汇报"},
    ]


@pytest.mark.parametrize(
    ("name", "level", "presenters"),
    [
        (
            "headings.txt",
            "县",
            [[], ["县农业农村局"], ["县住建局"], ["县发改局", "县经信局", "青禾经济开发区"]],
        ),
        ("paragraph-items.txt", "县", [[], [], ["县教育局"]]),
        ("unnumbered.txt", "区", [["区民政局"], ["区财政局"], [], []]),
        ("decisions.txt", "市", [[], ["市交通运输局"], ["市自然资源局"], []]),
        ("bare-numbers.txt", "市", [[], [], []]),
        ("bracketed.txt", "县", [["县住建局"], ["县发改局"]]),
    ],
)
def test_presenters_are_the_units_that_reported_or_submitted(name, level, presenters):
    _, items, _ = parse(name, level)
    assert [[p.name for p in i.presenters] for i in items] == presenters


def test_every_fact_points_back_at_the_original_text():
    raw = "一、听取县财政局关于预算的汇报\n会议 原则同意《某县 2026 年预算》（送审稿），要求提请县委审议。"
    norm = normalize(raw)
    [item], _ = parse_body(norm, 0, len(norm.text), level="县")
    decision = item.decisions[0]
    assert decision.span.text == "会议原则同意《某县2026年预算》（送审稿），要求提请县委审议。"
    assert raw[decision.span.start : decision.span.end].startswith("会议 原则同意")
    assert raw[decision.span.start : decision.span.end].endswith("提请县委审议。")
    [document] = item.documents
    assert raw[document.span.start : document.span.end] == "《某县 2026 年预算》（送审稿）"
    assert raw[item.span.start : item.span.end].startswith("一、听取县财政局")


def test_region_outside_the_body_is_ignored():
    norm, items, _ = parse("paragraph-items.txt", "县")
    cut = norm.text.index("三、")
    items, other = parse_body(norm, 0, cut, level="县")
    assert [i.number for i in items] == [1, 2] and other == []


def test_a_numbered_list_of_sentences_under_a_heading_does_not_split_it():
    text = (
        "一、听取县甲局关于某事的汇报\n会议要求：\n一、要抓好落实。\n二、要加强督查。\n三、要严格考核。\n"
        "二、听取县乙局关于另一事的汇报\n"
    )
    norm = normalize(text)
    items, _ = parse_body(norm, 0, len(norm.text), level="县")
    assert [i.title for i in items] == ["听取县甲局关于某事的汇报", "听取县乙局关于另一事的汇报"]
    assert "三、要严格考核" in items[0].span.text


def test_numbers_out_of_order_do_not_split_an_item():
    norm = normalize(
        "一、听取县甲局关于某事的汇报\n会议要求：\n一、要抓好落实。\n二、听取县乙局关于另一事的汇报\n"
    )
    items, _ = parse_body(norm, 0, len(norm.text), level="县")
    assert [i.title for i in items] == ["听取县甲局关于某事的汇报", "听取县乙局关于另一事的汇报"]


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("三十一", 31)]
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def _spans(items, other):
    for item in items:
        yield item.span
        for mentions in (item.presenters, item.documents, item.projects):
            yield from (m.span for m in mentions)
        yield from (m.span for m in item.persons_mentioned + item.organizations_mentioned)
        yield from (d.span for d in item.decisions)
        yield from (d.span for d in item.directives)
    for o in other:
        yield o.span


def test_any_slice_of_the_corpus_parses_and_its_spans_quote_the_original(corpus_dir):
    rng = random.Random(7)
    for path in sorted(corpus_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        norm = normalize(raw)
        for _ in range(20):
            a = rng.randrange(len(norm.text))
            b = rng.randrange(a, len(norm.text) + 1)
            items, other = parse_body(norm, a, b, level="县")
            for span in _spans(items, other):
                assert 0 <= span.start <= span.end <= len(raw)
                assert norm.text.count(span.text) >= 1
                # normalisation folds width (（ for a ( typed in Chinese text); the character stays
                quoted = unicodedata.normalize("NFKC", "".join(raw[span.start : span.end].split()))
                assert quoted.startswith(unicodedata.normalize("NFKC", span.text[:1]))
