"""The whole tour over a SPARQL server (Oxigraph's and Fuseki), against the embedded store's answers.

Each test empties the dataset it uses first: the session's servers are shared by every module. The
servers are the ones ``kg sparql-server start`` runs (tests/sparql_servers.py); the crash test
starts one of its own, on a port of its own, through the same library function.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kg import questions, sparqlserver
from kg.cli import main
from kg.neo4j.sync import clear, counts, push
from kg.pipeline import load, stats
from kg.stores import opened, sparql
from kg.viz import subgraph
from tests.conftest import MULTI
from tests.many import GOVERNMENTS, write_minutes

KG = Path(sys.executable).with_name("kg")
SEED = "xiangshan-2023-standing-28.txt"


@pytest.fixture(params=["oxigraph_server", "fuseki_server"])
def server(request, monkeypatch) -> str:
    """The URL of a session server's dataset, emptied; its credentials in KG_STORE_USER/PASSWORD."""
    info = request.getfixturevalue(request.param)
    if info["user"]:
        monkeypatch.setenv("KG_STORE_USER", info["user"])
        monkeypatch.setenv("KG_STORE_PASSWORD", info["password"])
    return emptied(info["url"])


def emptied(url: str) -> str:
    """``url``, its dataset emptied: the decisions and aliases kept in it too (a rebuild keeps them).
    Opened emptying, as ``kg load --rebuild`` does: the tests' servers outlive a session, and what an
    older kg wrote there (another layout) must not refuse the next run."""
    with opened(url, empty=True) as st:
        st._update("DROP ALL")
    return url


def kg(*args: str) -> str:
    done = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def every_fact(store) -> set[str]:
    """Every quad a store holds for the graph: each document's own facts and references, the shared
    facts once (the bookkeeping apart), as text."""
    with opened(store) as st:
        return {str(q) for q in st.document_quads()} | {str(q) for q in st.quads()}


def unordered(text: str) -> list[str]:
    """A page's lines, sorted, each with its 、-joined lists sorted: SPARQL leaves the order of
    rows without ORDER BY, and of GROUP_CONCAT's values, to the engine."""

    def cells(line: str) -> str:
        return "|".join("、".join(sorted(cell.strip().split("、"))) for cell in line.split("|"))

    return sorted(map(cells, text.splitlines()))


def loading(folder: Path, url: str) -> subprocess.Popen:
    """``kg load FOLDER --store URL`` running as a user runs it."""
    pipe = subprocess.PIPE
    return subprocess.Popen([KG, "load", folder, "--store", url], stdout=pipe, stderr=pipe, text=True)


def files(corpus_dir: Path) -> list[Path]:
    return sorted([*corpus_dir.glob("*.txt"), *MULTI.glob("*.txt")])


def test_the_tour_gives_the_embedded_stores_answers(server, county_store, corpus_dir, tmp_path):
    loaded = kg("load", *files(corpus_dir), "--store", server)
    assert loaded.startswith(f"{len(files(corpus_dir))} loaded, 0 replaced")
    assert stats(server) == stats(county_store)
    assert every_fact(server) == every_fact(county_store)

    compared = kg("ask", "--all", "--compare", "--store", county_store, "--against", server)
    agree, _, total = compared.splitlines()[-1].removesuffix(" answers agree").partition(" of ")
    assert agree == total and int(total) > 100, compared

    page = {store: subgraph(store, person="李晓东").graph for store in (county_store, server)}
    assert set(page[server].nodes) == set(page[county_store].nodes) and len(page[server]) > 20
    assert sorted(page[server].edges) == sorted(page[county_store].edges)
    kg("viz", "--person", "李晓东", "--out", tmp_path / "p.html", "--store", server)
    assert "李晓东" in (tmp_path / "p.html").read_text(encoding="utf-8")

    for kind, name in [("person", "李晓东"), ("unit", "县发改局")]:
        summary = kg("summary", kind, name, "--store", server)
        assert unordered(summary) == unordered(kg("summary", kind, name, "--store", county_store))
        assert name in summary
    exported = []
    for store in (server, county_store):
        out = tmp_path / f"{len(exported)}.nt"
        kg("export", "--format", "nt", "--out", out, "--store", store)
        exported.append(sorted(out.read_text(encoding="utf-8").splitlines()))
    assert exported[0] == exported[1] and len(exported[0]) > 3_000
    assert "conforms" in kg("validate", "--store", server)

    again = kg("load", *files(corpus_dir), "--store", server)
    assert again.startswith(f"0 loaded, 0 replaced, {len(files(corpus_dir))} unchanged")
    assert every_fact(server) == every_fact(county_store)

    kg("remove", SEED, "--store", server)
    without = tmp_path / "without"
    assert not load([p for p in files(corpus_dir) if p.name != SEED], without).failed
    assert every_fact(server) == every_fact(without)


def test_parameters_never_become_query_text(server, corpus_dir):
    """A value that would end a literal or open a clause stays one value, as on the embedded store."""
    kg("load", corpus_dir / SEED, "--store", server)
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    query = "SELECT ?n WHERE { ?p ?q ?n FILTER(STR(?n) = ?name) }"
    table = sparql(query, server, {"name": hostile})
    assert table.rows == []
    assert stats(server)["documents"] == 1


def test_decisions_and_aliases_live_in_the_server(server, corpus_dir):
    from kg import resolve

    kg("load", corpus_dir / SEED, "--store", server)
    merged = resolve.merge("person", "吴志辉", "吴智慧", server)
    assert merged["rewritten"] and resolve.decisions(server) == [merged["decision"]]
    asked = questions.ask("person-meetings", params={"person": "吴智慧"}, store=server)
    assert asked.rows
    kg("load", "--rebuild", corpus_dir / SEED, "--store", server)  # rebuilt: the decision stays, applied
    assert resolve.decisions(server) == [merged["decision"]]
    assert questions.ask("person-meetings", params={"person": "吴智慧"}, store=server).rows == asked.rows


def test_an_unreachable_server_is_one_line():
    url = "http://kg:secret@127.0.0.1:9"
    done = subprocess.run([KG, "stats", "--store", url], capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "http://127.0.0.1:9: no SPARQL server answers there" in done.stderr and "secret" not in done.stderr


def test_a_wrong_password_is_one_line(fuseki_server):
    url = fuseki_server["url"].replace("http://", "http://kg:wrong@")
    done = subprocess.run([KG, "stats", "--store", url], capture_output=True, text=True)
    assert done.returncode == 1 and "wrong" not in done.stderr
    said = f"kg: {fuseki_server['url']}: refused the credentials (401); set KG_STORE_USER/KG_STORE_PASSWORD\n"
    assert done.stderr == said


def test_two_loads_at_once_leave_every_document_whole(oxigraph_server, tmp_path):
    url = emptied(oxigraph_server["url"])
    first = write_minutes(tmp_path / "first", 30, {"qinghe": sorted(MULTI.glob("qinghe-*.txt"))})
    second = tmp_path / "second"
    for government in ("xiangshan", "zhangjiagang"):
        write_minutes(second / government, 15, {government: GOVERNMENTS[government]})
    runs = [loading(folder, url) for folder in (tmp_path / "first", second)]
    assert [run.wait() for run in runs] == [0, 0], [run.stderr.read() for run in runs]
    both = tmp_path / "both"
    assert not load([tmp_path / "first", second], both).failed
    assert every_fact(url) == every_fact(both)
    with opened(url) as st:
        assert len(st.documents()) == len(first) + 30
        twice = """SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/minutes-kg/ns#contentHash> ?h } }
                   GROUP BY ?g HAVING (COUNT(?h) > 1)"""
        assert list(st.query(twice)) == []


def test_killing_the_server_mid_load_then_loading_again(tmp_path):
    """kill -9 the server while ``kg load`` writes; start it again, load again: one clean load's graph."""
    folder = tmp_path / "minutes"
    write_minutes(folder, 40)
    data = tmp_path / "server"
    info = sparqlserver.start("oxigraph", port=7893, data=data)
    url = info["url"]
    try:
        process = loading(folder, url)
        with opened(url) as st:
            while process.poll() is None and not st.documents():
                time.sleep(0.01)
        assert process.poll() is None, "the load ended before the server could be killed"
        os.kill(info["pid"], signal.SIGKILL)
        assert process.wait() == 1
        assert process.stderr.read().startswith(f"kg: {url}: no SPARQL server answers there")
        info = sparqlserver.start("oxigraph", port=7893, data=data)
        with opened(url) as st:
            partly = len(st.documents())
        assert 0 < partly < 120
        again = subprocess.run([KG, "load", folder, "--store", url], capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        clean = tmp_path / "clean"
        assert not load([folder], clean).failed
        assert every_fact(url) == every_fact(clean)
    finally:
        sparqlserver.stop("oxigraph", data=data)
        shutil.rmtree(data, ignore_errors=True)


def test_a_server_without_the_union_default_graph_is_refused():
    url = "http://127.0.0.1:7894"
    server = subprocess.Popen([KG.with_name("oxigraph"), "serve", "--bind", url.removeprefix("http://")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(200):
            try:
                requests.post(f"{url}/store", data=b"<urn:s> <urn:p> <urn:o> <urn:g> .\n",
                              headers={"Content-Type": "application/n-quads"}).raise_for_status()  # fmt: skip
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        done = subprocess.run([KG, "stats", "--store", url], capture_output=True, text=True)
        assert done.returncode == 1 and done.stderr.count("\n") == 1
        assert "does not query the union of the named graphs by default; turn it on" in done.stderr
    finally:
        server.kill()
        server.wait()


def test_kg_serve_pages_over_a_server(oxigraph_server, county_store, corpus_dir):
    """The explorer's pages read a server as they read the embedded store: the same page text."""
    from kg.serve import create_app

    url = emptied(oxigraph_server["url"])
    kg("load", *files(corpus_dir), "--store", url)
    pages = ["/?q=李晓", "/meetings", "/questions/person-meetings?person=李晓东&ask=1"]
    with opened(url) as there, opened(county_store) as here:
        stores = (there, here)
        for page in pages:
            answers = [create_app(st, sources=[corpus_dir, MULTI]).test_client().get(page) for st in stores]
            assert [a.status_code for a in answers] == [200, 200]
            texts = [a.get_data(as_text=True) for a in answers]
            assert unordered(texts[0]) == unordered(texts[1])
        assert "县政府第二十八次常务会议" in texts[0]


def test_push_and_analyze_over_a_server(oxigraph_server, neo4j, corpus_store, corpus_dir):
    """``kg push`` from a server writes what a push from the embedded store writes, and ``kg
    analyze`` over it ranks the same networks."""
    url = emptied(oxigraph_server["url"])
    kg("load", *sorted(corpus_dir.glob("*.txt")), "--store", url)
    written = {}
    for store in (url, corpus_store):
        clear(neo4j)
        with opened(store) as st:
            pushed = push(st, neo4j)
        written[store] = (len(pushed["pushed"]), counts(neo4j))
    assert written[url] == written[corpus_store] and written[url][1]["relationships"] > 1_000
    analyses = [kg("analyze", "--format", "csv", "--store", store) for store in (url, corpus_store)]
    assert sorted(analyses[0].splitlines()) == sorted(analyses[1].splitlines()) and len(analyses[0]) > 1_000
