"""Saved questions: both engines give the same answers over the corpus and the invented county's
minutes (where people, units and documents recur across documents), and a difference shows.

The module's tests share one push of that store into the tests' Neo4j (``county_neo4j``)."""

import json

from click.testing import CliRunner

from kg import questions
from kg.cli import main
from kg.neo4j.cypher import cypher

SEED_MEETING = "县政府第二十八次常务会议"
DRC_DIRECTIVES = {  # the invented county's development and reform bureau: (date, meeting, item)
    ("2025-09-10", "县政府第十次常务会议", 2),
    ("2025-11-05", "县政府第十一次常务会议", 2),
}
COUNTY_MEETINGS = 8


def on(store, conn) -> list[str]:
    """The options that point ``kg`` at a store and a Neo4j."""
    return ["--store", str(store), "--uri", conn.uri]


def test_every_question_has_both_files_and_the_same_parameters():
    names = set(questions.questions())
    issue_3 = {"meeting-attendance", "meeting-reports", "meeting-decisions", "unit-directives",
               "person-meetings", "co-attendance", "pending-documents", "timeline"}  # fmt: skip
    assert issue_3 <= names
    for name in names:
        assert (questions.QUERIES / f"{name}.cypher").exists()


def test_ask_all_compare_agrees_over_the_corpus_and_the_county(county_store, county_neo4j):
    answers = questions.ask_all(county_store, county_neo4j)
    differ = {f"{a.question} {json.dumps(a.params, ensure_ascii=False)}": a.difference() for a in answers}
    assert {k: d for k, d in differ.items() if d} == {}
    assert {a.question for a in answers} == set(questions.questions()) and len(answers) > 700
    # a node several documents state (a person, a unit) gives its rows once, not once per document
    sparql = [(a.question, [tuple(row) for row in a.tables["sparql"].rows]) for a in answers]
    assert [name for name, rows in sparql if len(set(rows)) < len(rows)] == []
    assert sum(len(rows) for _, rows in sparql) > 2000


FILTERS = {"since": "2025-10", "until": "2025-11", "in_government": "青禾县政府"}  # the invented county


def test_both_engines_agree_on_the_filters(county_store, county_neo4j):
    names = [q.name for q in questions.questions().values() if "in_government" in q.params]
    assert len(names) >= 8
    answers = questions.ask_all(county_store, county_neo4j, names=names, params=FILTERS)
    assert {a.question: a.difference() for a in answers if a.difference()} == {}
    rows = [
        dict(zip(a.tables["sparql"].columns, r, strict=True))
        for a in answers
        for r in a.tables["sparql"].rows
    ]
    assert rows and all(r["in_government"] == "青禾县政府" for r in rows)
    dated = [r["date"] for r in rows if r.get("date")]
    assert dated and all("2025-10" <= d[:7] <= "2025-11" for d in dated)


def test_ask_compare_on_the_command_line_agrees(county_store, county_neo4j):
    result = CliRunner().invoke(
        main, ["ask", "meeting-attendance", "--compare", *on(county_store, county_neo4j)]
    )
    assert result.exit_code == 0, result.output[-3000:]
    assert result.output == f"{COUNTY_MEETINGS} of {COUNTY_MEETINGS} answers agree\n"


def test_the_seed_attendance_by_role_on_both_engines(county_store, county_neo4j):
    answers = {}
    for engine in ("sparql", "cypher"):
        args = ["ask", "meeting-attendance", "--param", f"meeting={SEED_MEETING}", "--engine", engine]
        result = CliRunner().invoke(main, [*args, "--format", "json", *on(county_store, county_neo4j)])
        assert result.exit_code == 0, result.output
        answers[engine] = json.loads(result.output)
    assert answers["sparql"] == answers["cypher"]
    roles = {row["role"] for row in answers["sparql"]}
    assert {"chair", "present", "on_leave", "invited", "observer"} <= roles
    assert [row["person"] for row in answers["sparql"] if row["role"] == "chair"] == ["李晓东"]


def test_unit_directives_finds_a_unit_by_any_of_its_names(county_store, county_neo4j):
    def meetings(unit: str, engine: str) -> set:
        table = questions.ask("unit-directives", engine, {"unit": unit}, county_store, county_neo4j)
        assert table.columns[:3] == ["unit", "government", "date"]
        return {(row[2], row[3], row[4]) for row in table.rows}

    for engine in ("sparql", "cypher"):
        full, short = meetings("青禾县发展和改革局", engine), meetings("县发改局", engine)
        assert full == DRC_DIRECTIVES
        # the short name is also the seed county's unit's: both units' directives
        assert short == full | {("2023-12-20", SEED_MEETING, 4)}
        assert meetings("县发展和改革局", engine) == short
        governments = {row[1] for row in questions.ask("unit-directives", engine, {"unit": "县发改局"},
                                                       county_store, county_neo4j).rows}  # fmt: skip
        assert len(governments) == 2  # the two units of that short name are told apart


def test_a_difference_between_the_engines_fails_and_is_shown(county_store, county_neo4j):
    chaired = "MATCH (m:Meeting)-[r:CHAIR]->(p:Person {name: '李晓东'}) RETURN m.uri, p.uri, properties(r)"
    ((meeting, person, props),) = cypher(chaired, county_neo4j).rows
    runner = CliRunner()
    drop = "MATCH (p:Person {name: '李晓东'})-[r:CHAIR]-() DELETE r"
    assert runner.invoke(main, ["cypher", drop, "--write", "--uri", county_neo4j.uri]).exit_code == 0
    try:
        result = runner.invoke(
            main, ["ask", "meeting-attendance", "--compare", *on(county_store, county_neo4j)]
        )
    finally:  # the module's other tests share this graph: put the edge back
        restore = "MATCH (m {uri: $m}), (p {uri: $p}) CREATE (m)-[r:CHAIR]->(p) SET r = $props"
        cypher(restore, county_neo4j, {"m": meeting, "p": person, "props": props}, write=True)
    assert result.exit_code == 1
    assert result.output.endswith(f"{COUNTY_MEETINGS - 1} of {COUNTY_MEETINGS} answers agree\n")
    assert f'DIFFERENT meeting-attendance {{"meeting": "{SEED_MEETING}"}}' in result.output
    assert f'  only sparql: ["{SEED_MEETING}", "chair", "李晓东"]' in result.output
    assert cypher(chaired, county_neo4j).rows == [[meeting, person, props]]


def test_an_unknown_question_or_parameter_is_a_clear_error(corpus_store):
    runner = CliRunner()
    unknown = runner.invoke(main, ["ask", "no-such-question", "--store", str(corpus_store)])
    assert unknown.exit_code == 1 and "kg: no saved question 'no-such-question'; known: " in unknown.output
    missing = runner.invoke(main, ["ask", "meeting-attendance", "--store", str(corpus_store)])
    assert missing.exit_code == 1 and "give --param meeting=VALUE" in missing.output
