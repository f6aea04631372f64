"""Hundreds of minutes of three governments, the same officials recurring: one graph that stays one.

The first build counted every person once per document that named them, and its joins multiplied
with the copies; a handful of documents never showed it. Here 210 minutes (tests/many.py) are loaded
as a user would, and every view is asked of them.
"""

import pytest
from click.testing import CliRunner

from kg import questions
from kg.cli import main
from kg.pipeline import load, remove
from kg.stores import opened, sparql
from kg.summaries import summary
from tests.many import write_minutes

PER_GOVERNMENT = 70
CHAIR = "陆安平"  # the chair of every meeting of the invented county (tests/data/multi)

CLASSES = [
    "Person",
    "Organization",
    "Meeting",
    "Decision",
    "Directive",
    "Attendance",
    "AgendaItem",
    "Document",
]


@pytest.fixture(scope="session")
def many_files(tmp_path_factory):
    return write_minutes(tmp_path_factory.mktemp("many"), PER_GOVERNMENT)


@pytest.fixture(scope="session")
def many_store(tmp_path_factory, many_files):
    path = tmp_path_factory.mktemp("many-store") / "store"
    report = load(many_files, path)
    assert not report.failed, [r.reason for r in report.failed]
    return path


def count(store, pattern: str, distinct: bool) -> int:
    what = "DISTINCT ?x" if distinct else "*"
    query = (
        f"PREFIX mkg: <https://w3id.org/minutes-kg/ns#>\nSELECT (COUNT({what}) AS ?n) WHERE {{ {pattern} }}"
    )
    return sparql(query, store).rows[0][0]


IMPLIED = {"Decision": "hasDecision", "Directive": "hasDirective", "Attendance": "hasAttendance",
           "AgendaItem": "hasItem"}  # fmt: skip
"""Classes the link to a part implies (``ontology.IMPLIED_CLASSES``): counted by the link."""


@pytest.mark.parametrize("cls", CLASSES)
def test_a_plain_count_equals_the_distinct_count(many_store, cls):
    pattern = f"?_ mkg:{IMPLIED[cls]} ?x" if cls in IMPLIED else f"?x a mkg:{cls}"
    plain = count(many_store, pattern, distinct=False)
    assert plain == count(many_store, pattern, distinct=True)
    assert plain > 0


def test_names_and_titles_are_stored_once(many_store):
    label = "?x a mkg:Person ; <http://www.w3.org/2000/01/rdf-schema#label> ?l"
    assert count(many_store, label, distinct=False) == count(many_store, "?x a mkg:Person", distinct=True)
    title = "?x mkg:title ?t"
    rows = sparql(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ns#>\nSELECT ?x ?t WHERE { ?x mkg:title ?t }", many_store
    )
    assert count(many_store, title, distinct=False) == len({tuple(r) for r in rows.rows})


def test_a_recurring_chair_has_one_row_per_meeting(many_store):
    table = questions.ask("person-meetings", params={"person": CHAIR}, store=many_store)
    assert len({row[2] for row in table.rows}) == PER_GOVERNMENT
    assert len({tuple(row) for row in table.rows}) == len(table.rows) == 2 * PER_GOVERNMENT  # chair, present


def test_every_saved_question_answers(many_store):
    with opened(many_store) as st:
        for q in questions.questions().values():
            params = questions._param_sets(q, st)
            assert params, q.name
            table = questions.ask(q.name, params=params[0], store=st)
            assert table.columns, q.name


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("person", CHAIR),
        ("unit", "县水利局"),
        ("meeting", "县政府第120次常务会议"),
        ("document", "青禾县城乡供水一体化实施方案"),
        ("project", "滨江大道改造工程"),
    ],
)
def test_every_summary_kind_completes(many_store, kind, name):
    tables = summary(kind, name, many_store)
    assert any(section.rows for section in tables.sections), kind


def test_the_report_completes(many_store, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--store", str(many_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "210" in out.read_text(encoding="utf-8")


def test_removing_a_document_equals_never_loading_it(many_files, tmp_path):
    """The newcomer of one copy goes with it; what the others say stays, quad for quad."""
    files = [p for p in many_files if "xiangshan" in p.name][:12] + [
        p for p in many_files if "qinghe" in p.name
    ][:12]
    leaving = next(p for p in files if "-104." in p.name)  # a copy with a newcomer (tests/many.py)
    everything, without = tmp_path / "all", tmp_path / "without"
    load(files, everything)
    remove(leaving.name, everything)
    load([p for p in files if p != leaving], without)

    def quads(path):
        with opened(path) as st:
            return {str(q) for q in st.quads()} | {str(q) for q in st.document_quads()}

    assert quads(everything) == quads(without)


def test_a_store_of_the_earlier_layout_is_refused(tmp_path):
    """A store written before shared facts were kept once must be reloaded, never mixed."""
    import pyoxigraph as ox

    path = tmp_path / "old"
    old = ox.Store(str(path))
    old.add(
        ox.Quad(ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:q"), ox.Literal("v"), ox.NamedNode("urn:x:g"))
    )
    old.flush()
    del old
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code != 0
    assert "kg load --rebuild" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("layout", ["2", "3"])
def test_a_store_of_an_earlier_layout_is_refused(tmp_path, layout):
    """A store whose facts each repeat their document (layout 2), or whose documents each refer to
    every class and label of what they name (layout 3), is refused with the way to reload it."""
    import pyoxigraph as ox

    from ontology import BOOKKEEPING, MKG

    path = tmp_path / "old"
    old = ox.Store(str(path))
    book = ox.NamedNode(str(BOOKKEEPING))
    number = ox.Literal(layout, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    old.add(ox.Quad(book, ox.NamedNode(str(MKG.layout)), number, book))
    old.flush()
    del old
    result = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert result.exit_code != 0
    assert f"layout {layout}" in result.output and "kg load --rebuild" in result.output
    assert "Traceback" not in result.output


def test_neo4j_agrees_with_the_store_on_every_question(many_files, neo4j, tmp_path):
    """The projection pushed to Neo4j answers every saved question, for every value, as SPARQL does
    (on twenty minutes of each government: kg ask --all on all 210 is timed in bench/bench_many.py)."""
    from kg.neo4j.sync import push

    store = tmp_path / "store"
    load([p for p in many_files if int(p.stem.rsplit("-", 1)[1]) < 120], store)
    with opened(store) as st:
        push(st, neo4j)
    answers = questions.ask_all(store, neo4j)
    assert len(answers) > 100
    differing = [(a.question, a.params) for a in answers if a.difference()]
    assert not differing, differing[:3]


def test_blocks_of_minutes_are_other_governments_with_other_persons(tmp_path):
    """``block`` (bench/bench_scale.py's collections): each block of copies is a government of its own,
    whose chair and participants are its own persons, so entities grow with the collection."""
    from loaders.iris import government_key
    from loaders.reading import read_minutes

    files = write_minutes(tmp_path, 6, block=2)
    records = [read_minutes(path) for path in files]
    assert len(records) == 18
    assert len({government_key(r) for r in records}) == 9  # three blocks of each of three governments
    qinghe = [{p.name for p in r.participants} | {r.meeting.chair} for r in records[:6]]
    assert qinghe[0] & qinghe[1] and qinghe[2] & qinghe[3]  # a block meets alike
    assert not qinghe[0] & qinghe[2] and not qinghe[2] & qinghe[4]  # blocks share no one
