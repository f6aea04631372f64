"""The lean graph gives the answers the graph before it gave (issue 13): every saved question for
every value, the projection to Neo4j and the tables, over the project's own minutes, as recorded
by layout 3 in ``tests/data/answers`` (``tests/answers.py`` writes them)."""

import difflib

from answers import DATA, write_answers


def test_every_answer_is_what_layout_3_gave(tmp_path):
    recorded = DATA / "answers"
    written = write_answers(tmp_path)
    names = [p.relative_to(tmp_path) for p in written]
    assert names == sorted(p.relative_to(recorded) for p in recorded.rglob("*") if p.is_file())
    for name in names:
        before = (recorded / name).read_text(encoding="utf-8").splitlines()
        after = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        diff = list(difflib.unified_diff(before, after, str(name), str(name), lineterm="", n=1))
        assert not diff, "\n".join(diff[:40])
