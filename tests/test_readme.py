"""The README is true: its tour's commands run as written, and every command has help text."""

import shlex
import shutil

import click
import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import ROOT

README = ROOT / "README.md"


def tour_commands() -> list[list[str]]:
    """Every ``$ kg …`` line of the README, without comments or shell redirections.

    ``kg neo4j …`` and ``kg sparql-server …`` are left out: they manage the developer's own servers,
    and the tests run the same code against servers of their own (``tests/test_neo4j_server.py``,
    ``tests/test_sparql_server.py``).
    """
    commands = []
    for line in README.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("$ kg "):
            continue
        words = shlex.split(line[2:], comments=True)
        if ">" in words:
            words = words[: words.index(">")]
        if words[1] not in ("neo4j", "sparql-server"):
            commands.append(words[1:])
    return commands


def test_the_readme_has_a_tour():
    names = {words[0] for words in tour_commands()}
    assert {"extract", "load", "stats", "sparql", "ask", "push", "cypher", "viz", "summary"} <= names


def test_the_tour_runs_as_written(tmp_path, neo4j, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    env = {"KG_STORE": str(tmp_path / "store"), "NEO4J_URI": neo4j.uri}
    runner = CliRunner()
    said = []
    for words in tour_commands():
        result = runner.invoke(main, words, env=env, catch_exceptions=False)
        assert result.exit_code == 0, f"kg {shlex.join(words)} failed:\n{result.output}"
        said.append(result.output)
    # the figures the README shows are the ones kg prints: the first load's line, and stats' triples
    shown = README.read_text(encoding="utf-8")
    loaded = said[[w[:2] for w in tour_commands()].index(["load", "examples/minutes"])].splitlines()[0]
    assert f"    {loaded}\n" in shown
    triples = loaded.split("(")[1].split()[0]
    assert f"    triples          {triples}\n" in shown
    assert (tmp_path / "p.html").is_file() and (tmp_path / "report.html").is_file()


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize(
    "path, command", list(all_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help(path, command):
    assert (command.help or "").strip(), f"kg {' '.join(path)} has no help text"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
