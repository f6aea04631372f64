"""Name canonicalisation (loaders/aliases.py): rules, per-government tables, decisions, posts."""

import pytest

from loaders.aliases import (
    AliasFileError,
    Names,
    Resolved,
    default_names,
    merged,
    place_of,
    posts,
    read_aliases,
    resolve,
    unit_names,
    with_decisions,
)

GOV = "青禾县人民政府"


@pytest.mark.parametrize(
    "written",
    ["县发改局", "县发展改革局", "县发展和改革局", "青禾县发展和改革局", "青禾县发改局"],
)
def test_every_form_of_a_bureau_is_one_unit(written):
    got = resolve("unit", written, GOV, default_names())
    assert got.key == "县发展和改革局"
    assert got.label == "青禾县发展和改革局"


@pytest.mark.parametrize(
    "written", ["县府办", "县政府办公室", "县政府办", "县人民政府办公室", "青禾县人民政府办公室"]
)
def test_the_government_office_and_its_short_forms(written):
    assert resolve("unit", written, GOV, default_names()).label == "青禾县人民政府办公室"


@pytest.mark.parametrize("written", ["县政府", "县人民政府", "青禾县人民政府"])
def test_the_government_named_in_the_text_is_the_government_itself(written):
    assert resolve("unit", written, GOV, default_names()).key == GOV


def test_a_unit_of_another_level_is_expanded_but_not_given_this_place():
    got = resolve("unit", "市发改委", GOV, default_names())
    assert got.label == got.key == "市发展和改革委员会"


def test_names_without_place_or_level_stay_as_written():
    for name in ("石塘镇", "青禾城投集团有限公司", "各人民团体"):
        assert resolve("unit", name, GOV, default_names()).label == name


def test_a_district_of_a_city_strips_either_place_form():
    gov = "江城市滨湖区人民政府"
    assert place_of(gov).forms == ("江城市滨湖区", "滨湖区")
    for written in ("区住建局", "滨湖区住建局", "江城市滨湖区住房和城乡建设局"):
        assert resolve("unit", written, gov, default_names()).label == "江城市滨湖区住房和城乡建设局"


def test_a_government_without_a_place_keeps_the_level_in_its_names():
    assert resolve("unit", "区人社局", "江府", default_names()).label == "区人力资源和社会保障局"


def test_resolving_is_idempotent():
    names = default_names()
    for written in ("县府办", "县发改局", "市发改委", "石塘镇", "县政府"):
        once = resolve("unit", written, GOV, names).label
        assert resolve("unit", once, GOV, names).label == once


def test_hidden_labels_are_the_other_forms_the_rules_know():
    names = unit_names("青禾县发展和改革局", GOV, default_names())
    assert {"县发改局", "青禾县发改局", "县发展和改革局"} <= names
    assert "青禾县发展和改革局" not in names


def test_a_government_table_renames_a_unit(tmp_path):
    table = tmp_path / "aliases.ttl"
    table.write_text(
        """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:s> a skos:ConceptScheme ; skos:notation "青禾县人民政府" .
<urn:x:c> skos:inScheme <urn:x:s> ; skos:prefLabel "青禾县文化和旅游局"@zh ; skos:altLabel "县文化局"@zh .
""",
        encoding="utf-8",
    )
    names = merged(default_names(), read_aliases([table]))
    assert resolve("unit", "县文化局", GOV, names).label == "青禾县文化和旅游局"
    assert resolve("unit", "县文化局", "别的县人民政府", names).label == "别的县文化局"
    assert "县文化局" in unit_names("青禾县文化和旅游局", GOV, names)


def test_a_broken_alias_file_names_the_file(tmp_path):
    bad = tmp_path / "aliases.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(AliasFileError, match=r"aliases\.ttl"):
        read_aliases([bad])


def test_the_shipped_rules_hold_the_regular_abbreviations():
    rules = default_names().rules
    assert rules["人社局"] == "人力资源和社会保障局"
    assert rules["住建局"] == "住房和城乡建设局"
    assert rules["府办"] == rules["政府办"] == "人民政府办公室"


def test_decisions_merge_persons_units_and_governments_and_split_a_person():
    names = with_decisions(
        default_names(),
        [
            {"action": "merge", "kind": "person", "government": GOV, "name": "周文", "into": "周雯"},
            {
                "action": "merge",
                "kind": "unit",
                "government": GOV,
                "name": "县城管局",
                "into": "县综合执法局",
            },
            {"action": "merge", "kind": "government", "name": "青府", "into": GOV},
            {"action": "split", "government": GOV, "name": "陈立", "documents": ["b.txt"], "tag": "2"},
            {"action": "distinct", "kind": "person", "name": "甲", "into": "乙"},
        ],
    )
    assert resolve("person", "周文", GOV, names).label == "周雯"
    assert resolve("unit", "县城管局", GOV, names).label == "青禾县综合行政执法局"
    assert names.government("青府") == GOV
    assert resolve("person", "陈立", GOV, names, "a.txt").key == "陈立"
    assert resolve("person", "陈立", GOV, names, "b.txt") == Resolved("陈立~2", "陈立")


def test_chains_of_merges_end_at_the_last_name_and_cycles_stop():
    names = Names(aliases={"person": {GOV: {"甲": "乙", "乙": "丙", "丙": "乙"}}})
    assert resolve("person", "甲", GOV, names).label in {"乙", "丙"}


def test_projects_drop_the_place_and_a_trailing_project_after_works():
    names = default_names()
    forms = ["青禾县滨江大道改造工程项目", "滨江大道改造工程", "青禾滨江大道改造工程项目"]
    assert {resolve("project", f, GOV, names).label for f in forms} == {"滨江大道改造工程"}
    assert resolve("project", "青禾县茶园", GOV, names).label == "青禾县茶园"


def test_posts_split_titles_and_drop_honorifics():
    assert posts("县委副书记、县长") == ["县委副书记", "县长"]
    assert posts("县委常委、常务副县长") == ["县委常委", "常务副县长"]
    assert posts("同志") == []
    assert posts("") == []


def test_a_bare_name_the_rules_know_is_the_governments_own_unit():
    names = default_names()
    assert resolve("unit", "财政局", GOV, names).label == "青禾县财政局"
    assert resolve("unit", "发改局", GOV, names).label == "青禾县发展和改革局"
    assert resolve("unit", "市场监管局", "江城市人民政府", names).label == "江城市市场监督管理局"
    assert resolve("unit", "发改局", "江府", names).label == "发展和改革局"


def test_posts_of_the_government_carry_its_level():
    assert posts("县委常委、常务副县长", GOV) == ["县委常委", "常务副县长"]
    assert posts("省委书记", GOV) == []
    assert posts("市委副书记、市长", "江城市人民政府") == ["市委副书记", "市长"]
    assert posts("主席", "江府") == ["主席"]
