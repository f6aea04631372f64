"""The core commands over the real corpus: load, stats, sparql, remove, validate, extract.

Driven through click's CliRunner, and once as a subprocess of the installed ``kg`` script.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, CORPUS_NAMES, SEED

from kg.cli import main
from kg.cli.core import COMMANDS
from kg.store import Store

ATTENDANCE_BY_ROLE = """
PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?file ?role ?name WHERE {
  GRAPH ?g { ?g mkg:sourceFile ?file ; mkg:recordOf ?meeting }
  ?meeting mkg:hasAttendance ?a . ?a mkg:role ?r ; mkg:attendee ?p . ?p rdfs:label ?name .
  BIND(STRAFTER(STR(?r), "/role/") AS ?role)
}
"""


def kg(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def quads(store) -> list[str]:
    with Store(store) as st:
        return sorted(map(str, st.quads()))


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> list[Path]:
    """The corpus's minutes, copied so a test may change them."""
    folder = tmp_path_factory.mktemp("corpus")
    return [Path(shutil.copy(CORPUS / f"{name}.txt", folder)) for name in CORPUS_NAMES]


@pytest.fixture(scope="module")
def loaded(corpus_files, tmp_path_factory) -> Path:
    """A store holding the whole corpus, loaded once for the read-only tests."""
    store = tmp_path_factory.mktemp("loaded") / "store"
    result = kg("load", *corpus_files, "--store", store)
    assert result.stdout.strip().startswith(f"{len(corpus_files)} loaded, 0 replaced, 0 unchanged, 0 failed")
    return store


def test_every_command_has_help_text():
    for command in COMMANDS:
        assert command.help and len(command.help) > 20, command.name
        assert kg(command.name, "--help").output.startswith("Usage:")


def test_stats_count_the_corpus(loaded):
    counts = json.loads(kg("stats", "--format", "json", "--store", loaded).output)
    assert counts["documents"] == len(CORPUS_NAMES)
    assert counts["meetings"] == len(CORPUS_NAMES)
    expected = [json.loads((CORPUS / f"{n}.expected.json").read_text(encoding="utf-8")) for n in CORPUS_NAMES]
    items = sum(len(e["items"]) for e in expected)
    assert abs(counts["items"] - items) <= items // 10
    for key in ("triples", "persons", "organizations", "decisions", "directives"):
        assert counts[key] > 0, key
    assert "persons" in kg("stats", "--store", loaded).output


def test_sparql_gives_the_seeds_attendance_by_role(loaded):
    query = ("sparql", ATTENDANCE_BY_ROLE, "--param", f"file={SEED}.txt")
    answer = kg(*query, "--format", "json", "--store", loaded)
    by_role: dict[str, set] = {}
    for row in json.loads(answer.output):
        assert row["file"] == f"{SEED}.txt"
        by_role.setdefault(row["role"], set()).add(row["name"])
    expected = json.loads((CORPUS / f"{SEED}.expected.json").read_text(encoding="utf-8"))["participants"]
    assert by_role == {role: set(names) for role, names in expected.items()}


def test_sparql_formats_and_query_file(loaded, tmp_path):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/minutes-kg/ns#Meeting> }"
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    assert kg("sparql", "-f", tmp_path / "q.rq", "--format", "csv", "--store", loaded).output.split() == [
        "n",
        str(len(CORPUS_NAMES)),
    ]
    assert json.loads(kg("sparql", query, "--format", "json", "--store", loaded).output) == [
        {"n": len(CORPUS_NAMES)}
    ]
    table = kg("sparql", query, "--store", loaded).output.splitlines()
    assert table == ["n", str(len(CORPUS_NAMES))]  # aligned as the README shows, no rule under the header


def test_sparql_errors_are_one_line(loaded):
    result = kg("sparql", "SELECT WHERE {", "--store", loaded, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: the SPARQL query does not parse")
    assert kg("sparql", "--store", loaded, ok=False).exit_code == 2  # neither QUERY nor -f


def test_the_loaded_corpus_conforms_to_the_shapes(loaded):
    assert kg("validate", "--store", loaded).output.strip() == "the graph conforms to ontology/shapes.ttl"


def test_a_second_load_changes_nothing(corpus_files, tmp_path):
    store = tmp_path / "store"
    kg("load", *corpus_files, "--store", store)
    before = quads(store)
    result = kg("load", corpus_files[0].parent, "--store", store)
    assert result.stdout.startswith(f"0 loaded, 0 replaced, {len(corpus_files)} unchanged, 0 failed")
    assert quads(store) == before
    # withdrawn and loaded again: the very same triples
    kg("remove", corpus_files[0].name, "--store", store)
    assert len(quads(store)) < len(before)
    kg("load", corpus_files[0], "--store", store)
    assert quads(store) == before


def test_a_changed_file_replaces_its_old_facts(tmp_path):
    seed = Path(shutil.copy(CORPUS / f"{SEED}.txt", tmp_path))
    store = tmp_path / "store"
    kg("load", seed, "--store", store)
    seed.write_text(seed.read_text(encoding="utf-8").replace("欧阳炎", "欧阳某"), encoding="utf-8")
    assert kg("load", seed, "--store", store).output.startswith("0 loaded, 1 replaced")
    names = kg("sparql", ATTENDANCE_BY_ROLE, "--format", "csv", "--store", store).output
    assert "欧阳某" in names and "欧阳炎" not in names
    with Store(store) as st:
        assert len(st.documents()) == 1


def test_bad_files_fail_alone_and_leave_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "prose.txt").write_text("今天天气很好，我们去公园散步，看见了很多花。\n" * 20, encoding="utf-8")
    shutil.copy(CORPUS / f"{SEED}.txt", folder)
    store = tmp_path / "store"
    result = kg("load", folder, folder / "missing.txt", "--store", store, ok=False)
    assert result.exit_code == 1
    failures = result.stderr.strip().splitlines()
    assert len(failures) == 4
    for name in ("empty.txt", "binary.txt", "prose.txt", "missing.txt"):
        assert sum(name in line for line in failures) == 1, name
    assert result.stdout.startswith("1 loaded, 0 replaced, 0 unchanged, 4 failed")
    with Store(store) as st:
        assert list(st.documents()) == [f"{SEED}.txt"]
        graph = st.documents()[f"{SEED}.txt"]["graph"]
        assert {q.graph_name.value for q in st.document_quads()} == {graph}


def test_remove_withdraws_a_document_and_refuses_an_unknown_one(corpus_files, tmp_path):
    store = tmp_path / "store"
    kg("load", *corpus_files[:2], "--store", store)
    assert kg("remove", corpus_files[0], "--store", store).output.startswith("removed https://")
    with Store(store) as st:
        assert list(st.documents()) == [corpus_files[1].name]
    result = kg("remove", "nothing.txt", "--store", store, ok=False)
    assert result.exit_code == 1 and "nothing.txt: not loaded in the store" in result.stderr


def test_extract_prints_json_and_jsonl():
    seed, other = CORPUS / f"{SEED}.txt", CORPUS / "shandan-2025-standing-97.txt"
    record = json.loads(kg("extract", seed).output)
    assert record["body"] == "象山县人民政府" and record["source"] == seed.name
    lines = kg("extract", seed, other, "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["meeting"]["ordinal"] for line in lines] == [28, 97]
    assert len(json.loads(kg("extract", seed, other).output)) == 2


def test_the_installed_script_loads_and_counts(tmp_path):
    kg_script = Path(sys.executable).parent / "kg"
    env = {**os.environ, "KG_STORE": str(tmp_path / "store")}
    run = subprocess.run([kg_script, "load", CORPUS / f"{SEED}.txt"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([kg_script, "stats", "--format", "json"], env=env, capture_output=True, text=True)
    assert json.loads(run.stdout)["documents"] == 1


def test_globs_expand_and_progress_reports_every_file(corpus_files, tmp_path):
    from kg.pipeline import load

    pattern = str(corpus_files[0].parent / "*-2025-*.txt")
    seen = []
    report = load([pattern], tmp_path / "store", progress=lambda r, done, total: seen.append((done, total)))
    loaded = sorted(Path(r.path).name for r in report.results)
    assert loaded == sorted(p.name for p in corpus_files if "-2025-" in p.name) and len(loaded) >= 2
    assert seen == [(i, len(loaded)) for i in range(1, len(loaded) + 1)]


def test_sparql_binds_an_iri_parameter(loaded):
    query = "SELECT ?m ?name WHERE { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    meetings = kg(
        "sparql",
        "SELECT ?m WHERE { ?m a <https://w3id.org/minutes-kg/ns#Meeting> }",
        "--format",
        "json",
        "--store",
        loaded,
    )
    first = json.loads(meetings.output)[0]["m"]
    rows = json.loads(
        kg("sparql", query, "--param", f"m=<{first}>", "--format", "json", "--store", loaded).output
    )
    assert [row["m"] for row in rows] == [first]
    bad = kg("sparql", query, "--param", "m=<not an iri>", "--store", loaded, ok=False)
    assert bad.exit_code == 1 and bad.stderr.startswith("kg: a query parameter is not a valid term")


def test_ask_all_prints_every_question_for_every_value_in_the_format_asked(loaded):
    """``kg ask --all`` (without --compare) answers each saved question once per value of its
    parameter, as titled sections in the format asked."""
    from kg import questions

    printed = json.loads(kg("ask", "--all", "--format", "json", "--store", loaded).stdout)
    asked = {s["title"].split(" ", 1)[0] for s in printed["sections"]}
    assert asked == set(questions.questions())
    by_person = [s for s in printed["sections"] if s["title"].startswith("person-meetings ")]
    assert len(by_person) > 10 and sum(bool(s["rows"]) for s in by_person) > 10
    table = kg("ask", "--all", "--store", loaded).stdout
    assert "person-meetings {" in table and "meetings" in table
