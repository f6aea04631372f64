"""Saved questions that say what they mean: what is still pending, whose government, which name."""

from click.testing import CliRunner

from kg import questions
from kg.cli import main

SUPPLY_PLAN = "青禾县城乡供水一体化实施方案"  # approved for 印发, then taken up again (tests/data/multi)


def test_pending_documents_leaves_out_what_a_later_meeting_took_up(county_store):
    table = questions.ask("pending-documents", store=county_store)
    assert table.columns == ["government", "document", "status", "next_step", "date", "meeting"]
    assert table.rows, "the corpus has documents waiting for their next step"
    assert SUPPLY_PLAN not in {row[1] for row in table.rows}
    for column, values in zip(table.columns, zip(*table.rows, strict=True), strict=True):
        assert any(values), f"column {column} is empty"


def test_a_step_asked_for_is_shown(county_store):
    table = questions.ask("pending-documents", params={"step": "印发"}, store=county_store)
    assert table.columns[0] == "step" and all("印发" in row[4] for row in table.rows)


def test_listings_that_mix_governments_show_the_government(county_store):
    for name, params in [("timeline", {"subject": SUPPLY_PLAN}), ("unit-directives", {"unit": "县发改局"})]:
        table = questions.ask(name, params=params, store=county_store)
        assert table.columns[1] == "government"
        assert all(row[1] for row in table.rows)


def test_an_unknown_name_gets_the_nearest_and_fails(county_store):
    result = CliRunner().invoke(
        main, ["ask", "person-meetings", "--param", "person=陆安", "--store", str(county_store)]
    )
    assert result.exit_code == 1
    assert "no person named '陆安' in the store; did you mean 陆安平?" in result.output
