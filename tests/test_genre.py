"""The genre's vocabulary is data (loaders/genre.toml): its codes are the ontology's, every entry is
read by the parser, and no rule module spells the words again."""

import ast
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from loaders import genre
from loaders.minutes import parse_minutes

ROOT = Path(__file__).resolve().parent.parent
MKG = "https://w3id.org/minutes-kg/ns#"
OPENING = "2025年3月4日，县长王大明主持召开县政府第5次常务会议。\n"


def _concepts(scheme: str) -> set[str]:
    graph = Graph().parse(ROOT / "ontology" / "minutes.ttl")
    members = graph.subjects(SKOS.inScheme, URIRef(MKG + scheme))
    return {str(m).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for m in members}


def test_role_codes_are_the_ontologys_concepts():
    assert set(genre.ROLES) == _concepts("Roles")
    assert set(genre.LIST_LABELS.values()) | set(genre.ATTENDANCE_VERBS.values()) <= set(genre.ROLES)


def test_outcome_codes_are_the_ontologys_concepts():
    assert set(genre.OUTCOMES) == _concepts("Outcomes")
    assert set(genre.DECISION_VERBS.values()) == set(genre.OUTCOMES)


def test_item_kind_codes_are_the_ontologys_concepts():
    assert set(genre.ITEM_KINDS) == _concepts("ItemKinds")
    assert (
        {"study", "report", "review"}
        <= set(genre.GENRE["item_kinds"])
        <= {*genre.ITEM_KINDS, "review_with_title"}
    )


@pytest.mark.parametrize(
    ("verb", "kind"), [(v, k) for k, verbs in genre.GENRE["item_kinds"].items() for v in verbs]
)
def test_every_kind_verb_gives_its_kind(verb, kind):
    raw = f"{OPENING}一、会议{verb}了《某某县管理办法》。\n二、会议{verb}了县财政局关于预算的汇报。\n"
    kinds = [i.kind for i in parse_minutes(raw, "a.txt").items]
    assert kinds[0] == ("review" if kind == "review_with_title" else kind)


@pytest.mark.parametrize(("label", "role"), sorted(genre.LIST_LABELS.items()))
def test_every_list_label_reads_its_role(label, role):
    minutes = parse_minutes(f"{OPENING}{label}：李小红 赵四\n会议听取了县财政局关于预算的汇报。\n", "a.txt")
    assert {p.role for p in minutes.participants} == {role}


@pytest.mark.parametrize("label", genre.DISTRIBUTION_LABELS)
def test_every_distribution_label_lists_units(label):
    raw = f"{OPENING}会议听取了县财政局关于预算的汇报。\n{label}：县委办公室，县人大常委会办公室\n"
    assert [m.name for m in parse_minutes(raw, "a.txt").distribution] == ["县委办公室", "县人大常委会办公室"]


@pytest.mark.parametrize(("verb", "role"), sorted(genre.ATTENDANCE_VERBS.items()))
def test_every_attendance_verb_reads_its_role(verb, role):
    ending = "。" if verb.endswith("会议") else "，县政府办公室主任王五列席会议。"
    minutes = parse_minutes(
        f"{OPENING}副县长李小红、赵四{verb}{ending}\n会议听取了县财政局的汇报。\n", "a.txt"
    )
    assert {p.role for p in minutes.participants if p.name in ("李小红", "赵四")} == {role}


@pytest.mark.parametrize(("verb", "outcome"), sorted(genre.DECISION_VERBS.items()))
def test_every_decision_verb_reads_its_outcome(verb, outcome):
    sentence = (
        f"会议{verb}《某某县城市管理办法》。" if outcome != "decided" else f"会议{verb}：由县城管局牵头实施。"
    )
    minutes = parse_minutes(f"{OPENING}一、听取县城管局关于城市管理的汇报\n{sentence}\n", "a.txt")
    assert [d.outcome for d in minutes.items[0].decisions] == [outcome]


@pytest.mark.parametrize("style", genre.NUMBERING, ids=[s.example for s in genre.NUMBERING])
def test_every_numbering_style_numbers_items(style):
    first, second = (style.example.replace("一", n).replace("1", d) for n, d in (("一", "1"), ("二", "2")))
    raw = f"{OPENING}{first}会议听取了县财政局关于预算的汇报。\n{second}会议审议了《某某县管理办法》。\n"
    assert [(i.number, i.kind) for i in parse_minutes(raw, "a.txt").items] == [(1, "report"), (2, "review")]


@pytest.mark.parametrize(("heading", "part"), sorted(genre.SECTION_HEADINGS.items()))
def test_every_section_heading_is_no_item(heading, part):
    raw = f"{OPENING}{heading}\n会议听取了县财政局关于预算的汇报。\n"
    kinds = [i.kind for i in parse_minutes(raw, "a.txt").items]
    assert kinds == ([] if part in ("agenda", "links") else ["report"])


@pytest.mark.parametrize(
    "closing",
    ["会议还研究了其他事项。", "会议还研究讨论了其他事项。", "会议还研究了《甲》《乙》等其他事宜。"],
)
def test_the_closing_formula_and_its_variants_are_other_business(closing):
    minutes = parse_minutes(f"{OPENING}会议听取了县财政局关于预算的汇报。\n{closing}\n", "a.txt")
    assert len(minutes.items) == 1 and len(minutes.other_business) == 1


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code, its docstrings (and their examples) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # a string standing as a statement is a docstring (of a module, class, function or attribute)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


RULE_MODULES = sorted(p for p in (ROOT / "loaders").glob("*.py") if p.name != "genre.py")
WORDS = sorted(
    {w for w in (*genre.LIST_LABELS, *genre.DISTRIBUTION_LABELS, *genre.DECISION_VERBS) if len(w) >= 3}
    | {w for w in (*genre.STATUSES, *genre.METADATA_KEYS, *genre.TITLE_ENDS) if len(w) >= 3}
)


@pytest.mark.parametrize("path", RULE_MODULES, ids=[p.name for p in RULE_MODULES])
def test_no_rule_module_spells_the_vocabulary_again(path):
    spelled = {w for s in _code_strings(path) for w in WORDS if w in s}
    assert not spelled, f"{path.name} spells {sorted(spelled)}: take it from loaders.genre"
