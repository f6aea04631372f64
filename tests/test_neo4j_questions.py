"""Saved questions: both engines give the same answers over the whole corpus, and a difference shows."""

import json

from click.testing import CliRunner

from kg import pipeline, questions
from kg.cli import main
from kg.neo4j.sync import push

SEED_MEETING = "县政府第二十八次常务会议"


def test_every_question_has_both_files_and_the_same_parameters():
    names = set(questions.questions())
    issue_3 = {"meeting-attendance", "meeting-reports", "meeting-decisions", "unit-directives",
               "person-meetings", "co-attendance", "pending-documents", "timeline"}  # fmt: skip
    assert issue_3 <= names
    for name in names:
        assert (questions.QUERIES / f"{name}.cypher").exists()


def test_ask_all_compare_agrees_over_the_corpus(neo4j, corpus_store):
    with pipeline.opened(corpus_store) as st:
        push(st, neo4j)
    result = CliRunner().invoke(
        main, ["ask", "--all", "--compare", "--store", str(corpus_store), "--uri", neo4j.uri]
    )
    assert result.exit_code == 0, result.output[-3000:]
    agreed, _, total, *_ = result.output.splitlines()[-1].split()
    assert agreed == total and int(total) > 100


def test_the_seed_attendance_by_role_on_both_engines(neo4j, corpus_store):
    with pipeline.opened(corpus_store) as st:
        push(st, neo4j)
    answers = {}
    for engine in ("sparql", "cypher"):
        args = ["ask", "meeting-attendance", "--param", f"meeting={SEED_MEETING}", "--engine", engine]
        result = CliRunner().invoke(
            main, [*args, "--format", "json", "--store", str(corpus_store), "--uri", neo4j.uri]
        )
        assert result.exit_code == 0, result.output
        answers[engine] = json.loads(result.output)
    assert answers["sparql"] == answers["cypher"]
    roles = {row["role"] for row in answers["sparql"]}
    assert {"chair", "present", "on_leave", "invited", "observer"} <= roles
    assert [row["person"] for row in answers["sparql"] if row["role"] == "chair"] == ["李晓东"]


def test_a_difference_between_the_engines_fails_and_is_shown(neo4j, corpus_store):
    with pipeline.opened(corpus_store) as st:
        push(st, neo4j)
    runner = CliRunner()
    drop = "MATCH (p:Person {name: '李晓东'})-[r:CHAIR]-() DELETE r"
    assert runner.invoke(main, ["cypher", drop, "--write", "--uri", neo4j.uri]).exit_code == 0
    compare = ["ask", "meeting-attendance", "--compare", "--store", str(corpus_store), "--uri", neo4j.uri]
    result = runner.invoke(main, compare)
    assert result.exit_code == 1
    assert result.output.endswith("4 of 5 answers agree\n")
    assert f'DIFFERENT meeting-attendance {{"meeting": "{SEED_MEETING}"}}' in result.output
    assert f'  only sparql: ["{SEED_MEETING}", "chair", "李晓东"]' in result.output


def test_an_unknown_question_or_parameter_is_a_clear_error(corpus_store):
    runner = CliRunner()
    unknown = runner.invoke(main, ["ask", "no-such-question", "--store", str(corpus_store)])
    assert unknown.exit_code == 1 and "kg: no saved question 'no-such-question'; known: " in unknown.output
    missing = runner.invoke(main, ["ask", "meeting-attendance", "--store", str(corpus_store)])
    assert missing.exit_code == 1 and "give --param meeting=VALUE" in missing.output
