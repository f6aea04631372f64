"""`kg serve` through Flask's test client, over the corpus and the invented county (real store on
disk, real files of minutes): search, entity pages, filters, the source with the fact marked, the
graph's data, the saved view, queries and downloads, and what it refuses.
"""

import csv
import io
import json
import re
from html import unescape
from urllib.parse import unquote

import pytest

from kg import explore
from kg.pipeline import load
from kg.serve import create_app
from kg.serve_routes import entity_url
from kg.stores import opened
from tests.conftest import CORPUS, MULTI, ROOT

CHAIR = "陆安平"  # chairs the invented county's meetings (tests/data/multi)
HOSTILE = ROOT / "tests" / "data" / "viz" / "hostile-2025-standing-1.txt"


@pytest.fixture(scope="module")
def county(county_store):
    """The county store open for this module (closed after it, so `kg serve` can open it later)."""
    with opened(county_store) as st:
        yield st


@pytest.fixture(scope="module")
def client(county):
    return create_app(county, sources=[CORPUS, MULTI]).test_client()


def links(html: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(' + re.escape(prefix) + r'[^"]*)"', html)]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def person_page(client) -> str:
    (hit,) = [h for h in explore.search(client.application.config["KG_STORE"], CHAIR) if h["name"] == CHAIR]
    response = client.get(entity_url(hit["iri"]))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_search_finds_people_units_and_meetings_with_type_and_government(client, county):
    html = client.get("/", query_string={"q": CHAIR}).get_data(as_text=True)
    assert CHAIR in text_of(html) and "人员 person" in html and "青禾县人民政府" in html
    units = explore.search(county, "财政局", kind="unit")
    assert len({h["government"] for h in units}) >= 3 and all(h["type"] != "Person" for h in units)
    one = explore.search(county, "局", kind="unit", government="青禾县人民政府")
    assert one and {h["government"] for h in one} == {"青禾县人民政府"}
    meetings = explore.search(county, "常务会议", kind="meeting")
    assert len(meetings) >= 8 and {h["type"] for h in meetings} == {"Meeting"}


def test_search_matches_aliases(county):
    """A unit labelled with its full name is found by the short name the minutes write."""
    aliased = [r for r in explore.rows(county, explore.q.HEAD.replace("?target", "?node")) if r["alias"]]
    assert aliased
    alias = aliased[0]["alias"]
    hits = explore.search(county, alias)
    assert any(h["iri"] == aliased[0]["node"] and h["matched"] == alias for h in hits)


def test_a_persons_page_cites_every_meeting_and_links_on(client):
    html = person_page(client)
    assert "Meetings and roles" in html and "青禾县人民政府" in html
    meetings = {m for m in links(html, "/id/") if re.search(r"/meeting/[^/]+$", unquote(m))}
    assert len(meetings) >= 3  # the county's three meetings
    facts = links(html, "/source/")
    assert facts and all("start=" in f and f.endswith("#focus") for f in facts if "start=" in f)
    for link in sorted(meetings)[:3]:
        page = client.get(link)
        assert page.status_code == 200 and "Attendance" in page.get_data(as_text=True)


def test_a_fact_links_to_its_sentence_marked_in_the_source(client, county):
    html = person_page(client)
    fact = next(f for f in links(html, "/source/") if "start=" in f)
    start, end = (int(x) for x in re.search(r"start=(\d+)&end=(\d+)", fact).groups())
    page = client.get(fact).get_data(as_text=True)
    focus = re.search(r'<mark id="focus" class="[^"]*focus[^"]*"[^>]*>(.*?)</mark>', page, re.S)
    assert focus, "the fact is not marked"
    file = fact.split("?")[0].removeprefix("/source/")
    raw = next(p for p in [CORPUS / file, MULTI / file] if p.exists()).read_text(encoding="utf-8")
    assert unescape(focus.group(1)) in raw[start:end]
    marks = re.findall(r"<mark ", page)
    assert len(marks) > 10  # every fact of the file is marked, not only this one


def test_filters_narrow_the_rows_of_a_page(client, county):
    (hit,) = [h for h in explore.search(county, CHAIR) if h["name"] == CHAIR]
    whole = explore.entity(county, hit["iri"]).sections[0].rows
    later = explore.entity(county, hit["iri"], {"from": "2025-11"}).sections[0].rows
    chair = explore.entity(county, hit["iri"], {"role": "chair"}).sections[0].rows
    assert len(later) < len(whole) and all(r["date"] >= "2025-11" for r in later)
    assert chair and {r["role"] for r in chair} == {"chair"} and len(chair) < len(whole)
    html = client.get(entity_url(hit["iri"]), query_string={"from": "2025-11"}).get_data(as_text=True)
    assert html.count("2025-09-10") < person_page(client).count("2025-09-10")
    listed = client.get("/meetings", query_string={"government": "青禾县人民政府"}).get_data(as_text=True)
    assert text_of(listed).count("常务会议") == 3


def test_every_kind_of_page_answers(client, county):
    """A crawl from the person's page: meetings, items, units, documents, governments all render."""
    seen, todo, kinds = set(), [entity_url(explore.search(county, CHAIR)[0]["iri"])], set()
    while todo and len(seen) < 60:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        kinds.add(re.search(r'<span class="type">([^<]*)</span>', html).group(1))
        todo += [u for u in links(html, "/id/") if u not in seen]
    assert {"人员 person", "会议 meeting", "议题 item"} <= kinds and len(kinds) >= 5


def test_neighbours_and_the_saved_view(client, county):
    iri = explore.search(county, CHAIR)[0]["iri"]
    found = client.get("/api/neighbours", query_string={"iri": iri}).get_json()
    ids = {n["id"] for n in found["nodes"]}
    assert iri in ids and sum("/meeting/" in i for i in ids) >= 3
    assert all(e["from"] in ids and e["to"] in ids for e in found["edges"])
    assert any(e["label"] == "chair" for e in found["edges"])
    side = client.get("/api/node", query_string={"iri": iri}).get_json()
    assert side["label"] == CHAIR and side["facts"]
    saved = client.post("/graph/save", data={"id": sorted(ids)})
    assert saved.status_code == 200 and "attachment" in saved.headers["Content-Disposition"]
    data = re.search(
        r'<script id="kg-data" type="application/json">(.*?)</script>', saved.get_data(as_text=True)
    )
    drawn = json.loads(data.group(1))
    assert len(drawn["nodes"]) == len(ids) and len(drawn["edges"]) >= len(ids) - 1


def test_sparql_answers_and_downloads(client):
    query = "SELECT ?m WHERE { ?m a <https://w3id.org/minutes-kg/ns#Meeting> }"
    html = client.get("/sparql", query_string={"query": query}).get_data(as_text=True)
    assert re.search(r'id="kg-rows">\s*(\d+)', html).group(1) == str(
        len(
            list(
                csv.reader(
                    io.StringIO(
                        client.get("/sparql", query_string={"query": query, "format": "csv"}).get_data(
                            as_text=True
                        )
                    )
                )
            )
        )
        - 1
    )
    answer = client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()
    assert len(answer) >= 8 and all("/meeting/" in row["m"] for row in answer)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "CLEAR DEFAULT",
    ],
)
def test_a_sparql_update_is_refused_and_changes_nothing(client, county, update):
    before = len(county)
    response = client.get("/sparql", query_string={"query": update})
    assert response.status_code == 403 and "read-only" in response.get_data(as_text=True)
    assert len(county) == before


def test_a_saved_question_is_a_form_and_answers(client, county):
    from kg.questions import ask

    expected = ask("person-meetings", "sparql", {"person": CHAIR}, county)
    assert len(expected.rows) >= 3
    listing = client.get("/questions").get_data(as_text=True)
    assert "person-meetings" in listing
    form = client.get("/questions/person-meetings").get_data(as_text=True)
    assert 'name="person"' in form
    answer = client.get("/questions/person-meetings", query_string={"person": CHAIR, "ask": "1"})
    assert re.search(r'id="kg-rows">\s*(\d+)', answer.get_data(as_text=True)).group(1) == str(
        len(expected.rows)
    )
    rows = client.get(
        "/questions/person-meetings", query_string={"person": CHAIR, "ask": "1", "format": "csv"}
    )
    assert len(rows.get_data(as_text=True).splitlines()) == len(expected.rows) + 1


def test_the_report_is_served_live(client):
    html = client.get("/report").get_data(as_text=True)
    assert "Most active units" in html and "<script src" not in html


def test_every_page_forbids_outside_scripts(client):
    for url in ["/", "/meetings", "/graph", "/sparql", "/questions", "/cypher", "/vis/vis-network.min.js"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert client.get("/vis/other.js").status_code == 404


def test_errors_are_one_line_pages(client):
    missing = client.get("/id/nowhere/person/nobody")
    assert missing.status_code == 404 and "holds nothing" in missing.get_data(as_text=True)
    bad = client.get("/sparql", query_string={"query": "SELEC nonsense"})
    assert bad.status_code == 400 and "does not parse" in bad.get_data(as_text=True)
    assert client.get("/api/neighbours", query_string={"iri": "urn:x"}).get_json()["error"]


def test_a_missing_source_file_says_where_it_looked(county):
    app = create_app(county, sources=[MULTI]).test_client()
    corpus_file = next(CORPUS.glob("*.txt")).name
    response = app.get(f"/source/{corpus_file}")
    assert response.status_code == 404 and str(MULTI) in response.get_data(as_text=True)


def test_a_cypher_box_only_when_neo4j_is_configured(client):
    assert "No Neo4j is configured" in client.get("/cypher").get_data(as_text=True)


def test_a_cypher_write_is_refused_and_a_read_answers(county, neo4j):
    app = create_app(county, sources=[], conn=neo4j).test_client()
    count = "MATCH (n) RETURN count(n) AS n"
    before = app.get("/cypher", query_string={"query": count, "format": "json"}).get_json()[0]["n"]
    refused = app.get("/cypher", query_string={"query": "CREATE (x:Intruder {name: 'x'}) RETURN x"})
    assert refused.status_code == 403 and "refused" in refused.get_data(as_text=True)
    assert app.get("/cypher", query_string={"query": count, "format": "json"}).get_json()[0]["n"] == before


# ---------------------------------------------------------------- a hostile document


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "store"
    assert not load([str(HOSTILE)], path).failed
    with opened(path) as st:
        yield st


def test_a_hostile_documents_markup_is_text_on_every_page(hostile):
    client = create_app(hostile, sources=[HOSTILE.parent]).test_client()
    pages = [("/", {"q": "王"}), ("/", {"q": "管理办法"}), ("/meetings", {}), (f"/source/{HOSTILE.name}", {})]
    for row in explore.rows(hostile, "SELECT DISTINCT ?s WHERE { ?s a ?t }"):
        if entity_url(row["s"]):
            pages += [
                (entity_url(row["s"]), {}),
                ("/graph", {"focus": row["s"]}),
                ("/api/node", {"iri": row["s"]}),
            ]
    assert len(pages) > 20
    for url, args in pages:
        response = client.get(url, query_string=args)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        if url.startswith("/api/"):  # data, not a page: the scripts put it in through textContent
            assert response.mimetype == "application/json" and response.headers["X-Content-Type-Options"]
            continue
        for raw in ("<script>window.kgPwned", "<img src=x", "<b onclick", "<i>四"):
            assert raw not in html, (url, raw)
    shown = client.get("/", query_string={"q": "管理办法"}).get_data(as_text=True)
    assert "&lt;img src=x onerror=&#34;window.kgPwned=2&#34;&gt;管理办法" in shown


def test_long_sections_are_cut_and_can_be_shown_whole(client, county):
    iri = explore.search(county, CHAIR)[0]["iri"]
    whole = explore.entity(county, iri, limit=None).sections[0]
    cut = explore.entity(county, iri, limit=2).sections[0]
    assert cut.total == whole.total == len(whole.rows) > 2 and cut.rows == whole.rows[:2]
    few = explore.neighbours(county, iri, limit=2)
    every = explore.neighbours(county, iri)
    assert len(few["nodes"]) == 3 and few["more"] == len(every["nodes"]) - 3 and every["more"] == 0
    html = client.get(entity_url(iri)).get_data(as_text=True)
    assert 'class="all"' not in html  # the county's sections are short: nothing to show more of
