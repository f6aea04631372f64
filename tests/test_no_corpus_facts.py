"""The parser reads the genre, not the five corpus files: no fact of a corpus document in the code.

Names of persons, meetings, titles, document numbers, documents, projects and enterprises found in the
hand-written expected records must not appear in library code (docstrings and comments included).
Generic unit names (县财政局) are vocabulary of the genre and are not checked.
"""

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

LIBRARY = ("kg", "loaders", "ontology", "visualizations")


def corpus_facts() -> set[str]:
    facts: set[str] = set()
    for path in CORPUS.glob("*.expected.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        meeting = record.get("meeting") or {}
        facts |= {record.get("title"), record.get("doc_number"), meeting.get("name"), meeting.get("chair")}
        for names in (record.get("participants") or {}).values():
            facts |= set(names)
        for item in record.get("items") or []:
            facts |= set(item.get("persons_mentioned") or [])
            for key in ("documents", "projects", "organizations_mentioned"):
                # short forms such as 方案 are words of the genre, not facts of one document
                facts |= {name for name in item.get(key) or [] if len(name) >= 4}
    return {fact for fact in facts if fact and len(fact) >= 2}


def library_files() -> list[Path]:
    files = (p for package in LIBRARY for p in (ROOT / package).rglob("*"))
    return sorted(p for p in files if p.suffix in {".py", ".ttl"})


def test_the_corpus_has_facts_to_check():
    assert len(corpus_facts()) > 200


@pytest.mark.parametrize("path", library_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_corpus_fact_in_library_code(path):
    text = path.read_text(encoding="utf-8")
    found = sorted(fact for fact in corpus_facts() if fact in text)
    assert not found, f"{path.relative_to(ROOT)} names corpus facts: {found}"
