"""The store's doors: a wrong --store, queries that would write or reach out, readers beside a load."""

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store import Store, is_store
from tests.conftest import SEED


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("command", [["stats"], ["sparql", "ASK {}"], ["validate"], ["remove", "x.txt"]])
def test_read_commands_refuse_a_missing_store_and_make_none(tmp_path, command):
    missing = tmp_path / "nothing-here"
    result = run(*command, "--store", missing)
    assert result.exit_code != 0
    assert "no store there" in one_line(result)
    assert not missing.exists()


def test_a_folder_of_minutes_is_not_a_store(tmp_path, corpus_dir):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(corpus_dir / f"{SEED}.txt", folder)
    for command in (["stats"], ["load", corpus_dir / f"{SEED}.txt"]):
        result = run(*command, "--store", folder)
        assert result.exit_code != 0
        assert "not a store" in one_line(result) or "no store there" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [f"{SEED}.txt"]
    assert not is_store(folder)


def test_load_creates_a_store_in_a_new_folder(tmp_path, corpus_dir):
    result = run("load", corpus_dir / f"{SEED}.txt", "--store", tmp_path / "new" / "store")
    assert result.exit_code == 0, result.output
    assert is_store(tmp_path / "new" / "store")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE { service ex:endpoint { ?s ?p ?o } }",
    ],
)
def test_sparql_refuses_service_unless_allowed(corpus_store, query):
    result = run("sparql", query, "--store", corpus_store)
    assert result.exit_code != 0
    assert "--allow-service" in one_line(result)


def test_service_inside_a_string_is_only_text(corpus_store):
    result = run("sparql", 'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) }', "--store", corpus_store)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
        "LOAD <http://127.0.0.1:9/x>",
    ],
)
def test_sparql_refuses_updates_with_a_clear_line(corpus_store, update):
    result = run("sparql", update, "--store", corpus_store)
    assert result.exit_code != 0
    assert "read-only" in one_line(result)


def test_readers_answer_while_a_writer_holds_the_store(tmp_path, corpus_dir):
    path = tmp_path / "store"
    assert run("load", corpus_dir / f"{SEED}.txt", "--store", path).exit_code == 0
    with Store(path):  # what kg load holds for as long as it writes
        stats = run("stats", "--store", path, "--format", "json")
        assert stats.exit_code == 0, stats.output
        assert json.loads(stats.output)["documents"] == 1
        persons = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/minutes-kg/ns#Person> }"
        answer = run("sparql", persons, "--store", path)
        assert answer.exit_code == 0, answer.output


def test_a_second_file_of_the_same_name_with_another_meeting_is_kept_beside(tmp_path, corpus_dir):
    """纪要.txt of one government, then 纪要.txt of another: both stay, and the user is told."""
    one, two, store = tmp_path / "one", tmp_path / "two", tmp_path / "store"
    for folder, source in ((one, f"{SEED}.txt"), (two, "miluo-2025-standing-47.txt")):
        folder.mkdir()
        shutil.copy(corpus_dir / source, folder / "纪要.txt")
    assert run("load", one, "--store", store).exit_code == 0
    second = run("load", two, "--store", store)
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("1 loaded, 0 replaced")
    assert "kept both" in second.output and "纪要.txt~" in second.output
    with Store(store) as st:
        assert len(st.documents()) == 2
        meetings = st.query(
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <https://w3id.org/minutes-kg/ns#Meeting> }"
        )
        assert int(next(iter(meetings))["n"].value) == 2


def test_a_moved_folder_loads_nothing_twice(tmp_path, corpus_dir):
    folder, store = tmp_path / "minutes", tmp_path / "store"
    shutil.copytree(corpus_dir, folder, ignore=shutil.ignore_patterns("*.json", "*.md"))
    assert run("load", folder, "--store", store).exit_code == 0
    moved = shutil.move(folder, tmp_path / "elsewhere" / "renamed")
    again = run("load", moved, "--store", store)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("0 loaded, 0 replaced, 5 unchanged")


def test_a_changed_file_of_the_same_meeting_replaces_it(tmp_path, corpus_dir):
    path, store = tmp_path / "m.txt", tmp_path / "store"
    text = (corpus_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert run("load", path, "--store", store).exit_code == 0
    path.write_text(text + "\n", encoding="utf-8")
    again = run("load", path, "--store", store)
    assert again.stdout.startswith("0 loaded, 1 replaced"), again.output
    assert "kept both" not in again.output


def test_a_store_begun_and_killed_before_it_was_whole_is_made_again(tmp_path, corpus_dir):
    """A load killed while RocksDB wrote its first files leaves a folder that is no store yet."""
    store = tmp_path / "store"
    store.mkdir()
    for name in ("LOCK", "LOG", "IDENTITY", "000003.log"):
        (store / name).write_bytes(b"")
    result = run("load", corpus_dir / f"{SEED}.txt", "--store", store)
    assert result.exit_code == 0, result.output
    assert is_store(store)
