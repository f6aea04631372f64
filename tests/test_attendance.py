"""Attendance and distribution in every layout: labels, separators, groups, units, reasons, padding."""

from pathlib import Path

import pytest

from loaders.attendance import parse_inline, parse_lists, split_title
from loaders.minutes import parse_minutes
from loaders.normalize import normalize
from tests.conftest import CORPUS, CORPUS_NAMES

LAYOUTS = Path(__file__).parent / "data" / "layouts"

ATTENDANCE = {
    "no-header-names-per-line": {
        "participants": {
            "present": ["马建国", "林小燕", "高文涛", "周峰"],
            "on_leave": ["赵明辉"],
            "observer": ["王海军", "陈立新", "吴志刚"],
            "recorder": ["郑小雨"],
        },
        "distribution": ["县委办", "县人大办", "县政协办", "各乡镇人民政府", "县直各部门"],
        "notes": {"赵明辉": "赴省城参加培训"},
        "units": {"王海军": "县财政局", "陈立新": "县财政局", "吴志刚": "县交通运输局"},
    },
    "masthead-office-and-date": {
        "participants": {
            "present": ["陈志远", "刘强", "杨光明", "李辉"],
            "on_leave": ["孙立平"],
            "observer": ["何跃", "王凯", "秦玉兰", "何振明", "葛勤"],
            "recorder": ["周军"],
        },
        "distribution": [],
        "notes": {"孙立平": "赴省城参加会议"},
        "units": {},
    },
    "government-then-title": {
        "participants": {
            "present": ["张伟", "李国庆", "赵红梅"],
            "observer": ["吴建华", "郑立", "孙晓燕", "何平"],
        },
        "distribution": ["各区人民政府", "市政府各部门", "市委办公室", "市人大常委会办公室", "市政协办公室"],
        "notes": {},
        "units": {"吴建华": "市发展改革委", "郑立": "市住建局", "孙晓燕": "市住建局", "何平": "市政府办公室"},
    },
    "chinese-date-units-per-line": {
        "participants": {
            "present": ["林海峰", "邓伟", "许文静", "马超"],
            "absent": ["田野"],
            "invited": ["黄立新"],
            "observer": ["王芳", "陈建国", "刘洋", "朱丽华"],
        },
        "distribution": ["区委各部门", "各街道办事处"],
        "notes": {},
        "units": {"王芳": "区财政局", "陈建国": "区财政局", "刘洋": "区教育局", "朱丽华": "区卫健委"},
    },
    "lists-after-opening": {
        "participants": {"present": ["王立军", "张宏", "刘晓梅"], "observer": ["陈东", "赵刚", "孙文斌"]},
        "distribution": ["县委办", "县人大办"],
        "notes": {},
        "units": {"陈东": "县政府办公室", "赵刚": "县水利局", "孙文斌": "县水利局"},
    },
    "dated-heading-inline-leave": {
        "participants": {"present": ["李四", "王五"], "on_leave": ["赵六"]},
        "distribution": [],
        "notes": {"赵六": "因公出差"},
        "units": {},
    },
    "news-heading": {
        "participants": {"present": ["王小兵", "刘畅"], "observer": ["孙明"]},
        "distribution": [],
        "notes": {},
        "units": {},
    },
    "web-page-inline-attendance": {
        "participants": {"present": ["王建华", "孙丽", "陈强"], "invited": ["李文"]},
        "distribution": [],
        "notes": {},
        "units": {},
    },
}


def parse_layout(name):
    raw = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    return raw, parse_minutes(raw, f"{name}.txt")


@pytest.mark.parametrize("name", sorted(ATTENDANCE))
def test_attendance_of_each_layout(name):
    _, minutes = parse_layout(name)
    want = ATTENDANCE[name]
    record = minutes.to_dict()
    assert record["participants"] == want["participants"]
    assert record["distribution"] == want["distribution"]
    assert record["counts"]["participants"] == sum(len(v) for v in want["participants"].values())
    assert {p.name: p.note for p in minutes.participants if p.note} == want["notes"]
    assert {p.name: p.unit for p in minutes.participants if p.unit} == want["units"]


@pytest.mark.parametrize("name", sorted(ATTENDANCE))
def test_every_name_quotes_the_original(name):
    raw, minutes = parse_layout(name)
    for person in minutes.participants:
        quoted = "".join(raw[person.span.start : person.span.end].split())
        assert quoted.endswith(person.name), (person, quoted)
    for unit in minutes.distribution:
        assert "".join(raw[unit.span.start : unit.span.end].split()) == unit.name


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_names_quote_the_original(name):
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    for person in parse_minutes(raw, name).participants:
        assert "".join(raw[person.span.start : person.span.end].split()).endswith(person.name)


@pytest.mark.parametrize(
    ("row", "names"),
    [
        ("出席：郭 强 杨从军 李 辉 石 晶", ["郭强", "杨从军", "李辉", "石晶"]),
        ("列席：何振 明 杨樱娜 刘 斌 王廷丰", ["何振明", "杨樱娜", "刘斌", "王廷丰"]),
        ("列席：秦玉兰 何振 明 葛 勤", ["秦玉兰", "何振明", "葛勤"]),
        ("列席：王廷丰 石文鉴 何振\n明 杨樱娜", ["王廷丰", "石文鉴", "何振明", "杨樱娜"]),
        ("列席：张 蕴 王旭凯 洪 海 曹 凯 赖文浩", ["张蕴", "王旭凯", "洪海", "曹凯", "赖文浩"]),
        ("出席：李晓东 吴志辉 潘多\n胡颖磊 欧阳炎", ["李晓东", "吴志辉", "潘多", "胡颖磊", "欧阳炎"]),
        ("出席：林恒求、杨 盛、吴艳平", ["林恒求", "杨盛", "吴艳平"]),
        ("列席：发改局周雄伟，市场监管局李旺、姜波，屈子祠镇干汉林", ["周雄伟", "李旺", "姜波", "干汉林"]),
        ("列席：县发改局、县住建局负责同志，县财政局王五同志", ["王五"]),
    ],
)
def test_a_lone_character_is_no_name(row, names):
    norm = normalize(row)
    participants, _, _ = parse_lists(norm, 0, len(norm.text))
    assert [p.name for p in participants] == names


def test_lists_before_and_between_items_leave_the_items_to_the_body():
    _, minutes = parse_layout("lists-after-opening")
    assert [item.title for item in minutes.items] == [
        "听取县水利局关于防汛准备工作情况的汇报",
        "审议《云溪县城区停车管理办法（送审稿）》",
    ]


def test_lists_stop_at_the_closing_lines():
    norm = normalize(
        "出席：王大明 李小红\n分送：县委办、县政府各部门及各乡镇\n云溪县人民政府办公室\n2025年1月3日"
    )
    participants, distribution, stop = parse_lists(norm, 0, len(norm.text))
    assert [p.name for p in participants] == ["王大明", "李小红"]
    assert [d.name for d in distribution] == ["县委办", "县政府各部门", "各乡镇"]
    assert norm.text[stop:].startswith("云溪县人民政府办公室")


@pytest.mark.parametrize(
    "closing",
    [
        "（共印50份）",
        "【打印本页】【关闭窗口】",
        "云溪县人民政府办公室2025年1月3日印发",
        "（2025年1月3日印发）",
        "校对：周某某",
        "联系人：张某某 联系电话：12345678",
    ],
)
def test_closing_lines_end_a_distribution_list(closing):
    norm = normalize(f"分送：县委办，县人大办\n{closing}")
    _, distribution, stop = parse_lists(norm, 0, len(norm.text))
    assert [d.name for d in distribution] == ["县委办", "县人大办"]
    assert norm.text[stop:] == closing


def test_inline_attendance_skips_groups_and_strips_titles():
    norm = normalize(
        "县长某某主持召开会议。县政府在家领导出席会议，各乡镇负责同志列席会议，"
        "县人大常委会副主任车大成、县政协副主席唐小谦应邀参加会议。"
    )
    found = parse_inline(norm, 0, len(norm.text))
    assert [(p.name, p.role) for p in found] == [("车大成", "invited"), ("唐小谦", "invited")]


@pytest.mark.parametrize(
    ("chunk", "split"),
    [
        ("县委副书记、县长黄国杰", ("县委副书记、县长", "黄国杰")),
        ("市长林恒求", ("市长", "林恒求")),
        ("区政府党组书记、区长林海峰", ("区政府党组书记、区长", "林海峰")),
        ("张伟市长", ("市长", "张伟")),
        ("李晓东", (None, "李晓东")),
    ],
)
def test_split_title(chunk, split):
    assert split_title(chunk) == split


@pytest.mark.parametrize(
    ("raw", "roles"),
    [
        (
            "出席人员：王大明 李小红\n列席领导：张三丰",
            {"present": ["王大明", "李小红"], "observer": ["张三丰"]},
        ),
        ("出席 王大明、李小红\n记录 赵 四", {"present": ["王大明", "李小红"], "recorder": ["赵四"]}),
        (
            "出席会议人员：王大明 李 红\n列席会议：张三丰",
            {"present": ["王大明", "李红"], "observer": ["张三丰"]},
        ),
        ("出席：市长艾山·吾买尔、副市长古丽·米娜", {"present": ["艾山·吾买尔", "古丽·米娜"]}),
        ("出席人员（按姓氏笔画为序）：王大明 李 红", {"present": ["王大明", "李红"]}),
        ("出席人 员：王大明 李 红", {"present": ["王大明", "李红"]}),
        ("列 席 县发展改革局 王大明\n县公 安局 李 红", {"observer": ["王大明", "李红"]}),
        ("列席：县发改局：赵志远\n县财政局：钱立、孙波", {"observer": ["赵志远", "钱立", "孙波"]}),
        ("列席：县第一中学吴刚、县人民医院周强", {"observer": ["吴刚", "周强"]}),
        (
            "出\n席：\n王\n大\n明\n李\n小\n红\n郭\n强\n欧\n阳\n晓\n明",
            {"present": ["王大明", "李小红", "郭强", "欧阳晓明"]},
        ),
    ],
)
def test_list_labels_in_the_wild(raw, roles):
    participants, _, _ = parse_lists(normalize(raw), 0, len(normalize(raw).text))
    found: dict[str, list[str]] = {}
    for p in participants:
        found.setdefault(p.role, []).append(p.name)
    assert found == roles


def test_inline_attendance_with_bare_verbs():
    opening = normalize(
        "会议由县长王大明同志主持，副县长李小红、赵四出席，县政府办公室主任钱五列席。副县长孙六因公请假。"
    )
    found = [(p.name, p.role) for p in parse_inline(opening, 0, len(opening.text))]
    assert found == [("李小红", "present"), ("赵四", "present"), ("钱五", "observer"), ("孙六", "on_leave")]


def test_inline_absence_with_its_reason():
    opening = normalize("副县长王大明出席会议，副县长李小红因病缺席，副县长赵四因公请假。")
    found = [(p.name, p.role, p.note) for p in parse_inline(opening, 0, len(opening.text))]
    assert found == [("王大明", "present", None), ("李小红", "absent", "因病"), ("赵四", "on_leave", "因公")]


def test_inline_verbs_with_shou_yao_and_le():
    opening = normalize("县人大常委会副主任王大明受邀出席会议，副县长李小红出席了会议，主任赵四列席了会议。")
    found = [(p.name, p.role) for p in parse_inline(opening, 0, len(opening.text))]
    assert found == [("王大明", "invited"), ("李小红", "present"), ("赵四", "observer")]


def test_lists_written_as_sentences_after_the_opening():
    raw = (
        "2025年9月3日，县长王大明主持召开县政府第十二次常务会议。\n"
        "出席会议的有：副县长李小红、赵四，县政府办公室主任钱五。\n列席会议的有：县财政局局长孙六。\n"
        "会议听取了县财政局关于预算执行情况的汇报。\n会议审议并原则同意《某某县预算管理办法》。\n"
    )
    minutes = parse_minutes(raw, "sentences.txt")
    assert [(p.name, p.role) for p in minutes.participants] == [
        ("李小红", "present"),
        ("赵四", "present"),
        ("钱五", "present"),
        ("孙六", "observer"),
    ]
    assert [item.kind for item in minutes.items] == ["report", "review"]
