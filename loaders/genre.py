"""The vocabulary of the genre, read once from ``genre.toml``: every rule module takes its words here.

Minutes say the same things in the same few hundred words across every government: the labels of an
attendance list, the verbs of a decision, the ways items are numbered, the keys of a web page. They
live as data in ``loaders/genre.toml``, so a new layout is a line of data and a test row, not a
regex edit in several modules. This module builds the patterns from them, longest alternative first
(so 应邀出席 wins over 出席).

>>> LIST_LABELS["应邀列席"], DECISION_VERBS["原则同意"], ROLES[0]
('observer', 'approved_in_principle', 'present')
>>> alternation(["出席", "应邀出席", "列席"])
'应邀出席|出席|列席'
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from typing import NamedTuple


def _load() -> dict:
    return tomllib.loads(files("loaders").joinpath("genre.toml").read_text(encoding="utf-8"))


GENRE = _load()


def alternation(words) -> str:
    """A regex alternation of ``words`` (escaped), longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


LEVELS: str = GENRE["levels"]
"""The characters a government's level ends its name in (某某县), and a unit of it begins with (县…)."""
TOWNSHIP_LEVELS: str = GENRE["township_levels"]
UPPER_LEVELS = "".join(c for c in LEVELS if c not in TOWNSHIP_LEVELS)
"""The levels above a township (省 … 盟)."""
NUMERALS: str = GENRE["numerals"]

ROLES: tuple[str, ...] = tuple(GENRE["codes"]["roles"])
NOT_IN_ROOM: frozenset[str] = frozenset(GENRE["codes"]["not_in_room"])
"""Roles of persons listed at a meeting who were not in the room (请假, 缺席)."""
LIST_LABELS: dict[str, str] = GENRE["list_labels"]
"""Label of an attendance list -> role of the people under it."""
DISTRIBUTION_LABELS: tuple[str, ...] = tuple(GENRE["distribution"]["labels"])
ATTENDANCE_VERBS: dict[str, str] = GENRE["attendance_verbs"]
"""Verb closing a clause that names attendees -> their role."""

OUTCOMES: tuple[str, ...] = tuple(GENRE["codes"]["outcomes"])
ITEM_KINDS: tuple[str, ...] = tuple(GENRE["codes"]["item_kinds"])
KIND_VERBS = re.compile(
    "|".join(f"(?P<{kind}>{alternation(verbs)})" for kind, verbs in GENRE["item_kinds"].items())
)
"""The verbs that give an item its kind, one named group a kind (study, report, review, review_with_title)."""
DECISION_VERBS: dict[str, str] = GENRE["decision_verbs"]
"""Decision verb -> the outcome it records."""
APPROVAL_VERBS = alternation(v for v, outcome in DECISION_VERBS.items() if outcome != "decided")
"""The verbs that approve (原则同意, 通过 …), as one pattern."""
DECIDING_VERBS = alternation(v for v, outcome in DECISION_VERBS.items() if outcome == "decided")
"""The verbs that decide (确定, 明确, 决定, 议定), as one pattern."""
NEXT_STEP_VERBS: tuple[str, ...] = tuple(GENRE["next_steps"]["verbs"])

OTHER_BUSINESS = re.compile("|".join(GENRE["closing"]["other_business"]))
"""The closing formula and its variants: business outside the items."""
NO_MATTER = re.compile("|".join(GENRE["closing"]["no_matter"]))
"""The closing formulas that name no matter (会议还研究了其他事项)."""

MEETING_KINDS = alternation(GENRE["meetings"]["kinds"])
"""The words before 会议 that name the kind of a meeting (常务, 全体 …), as one pattern."""
SECTION_HEADINGS: dict[str, str] = {
    heading: part for part in ("agenda", "links", "plain") for heading in GENRE["sections"][part]
}
"""Heading a web report sets over a part -> what the part holds (agenda, links, plain)."""
TITLE_ENDS: tuple[str, ...] = tuple(GENRE["documents"]["title_ends"])
STATUSES: tuple[str, ...] = tuple(GENRE["documents"]["statuses"])

_UNITS = GENRE["units"]
UNIT_SUFFIXES: tuple[str, ...] = tuple(sorted(_UNITS["suffixes"], key=len, reverse=True))
"""Words a unit's name ends in, longest first."""
STRONG_UNITS = alternation(_UNITS["strong"])
WEAK_UNITS = alternation(_UNITS["weak"])
TOWNSHIP_ENDS: tuple[str, ...] = tuple(_UNITS["township"])
ENTERPRISE_ENDS: tuple[str, ...] = tuple(_UNITS["enterprise"])
INSTITUTIONS = alternation(_UNITS["institutions"])

LIST_TITLES = "|".join(t.replace("[L]", f"[{LEVELS}]") for t in GENRE["titles"]["list"])
"""Titles in attendance lists and openings, as one pattern."""
PROSE_TITLES = alternation(GENRE["titles"]["prose"])
"""Titles that mark a name in running text, as one pattern."""
GENERIC_PREFIXES: tuple[str, ...] = tuple(_UNITS["generic_prefixes"])
SURNAMES = frozenset(GENRE["names"]["surnames"])
COMPOUND_SURNAMES: tuple[str, ...] = tuple(GENRE["names"]["compound_surnames"])

_PAGE = GENRE["page"]
METADATA_KEYS: tuple[str, ...] = tuple(_PAGE["metadata_keys"])
PAGE_FIELD_KEYS: tuple[str, ...] = (*METADATA_KEYS, *_PAGE["field_keys"])
PUBLISHED_KEYS: tuple[str, ...] = tuple(_PAGE["published_keys"])
PAGE_DATE_KEYS: tuple[str, ...] = tuple(_PAGE["page_date_keys"])
SITE_KEYS: tuple[str, ...] = tuple(_PAGE["site_keys"])
STANDALONE_KEYS: tuple[str, ...] = tuple(_PAGE["standalone"])
PAGE_FOOTER = alternation(_PAGE["footer"])
"""Words a line of a site's footer opens with, as one pattern."""

FORM_FIELDS: dict[str, str] = {
    key: what for what in ("date", "chair", "name", "place") for key in GENRE["form"][what]
}
"""Field of minutes laid out as a form -> what it says of the meeting (date, chair, name, place)."""


class NumberingStyle(NamedTuple):
    """One way of numbering items: the pattern of a numbered line (its first group the number), the
    pattern of the number alone on its line, and whether it counts only from the body's first line."""

    example: str
    pattern: re.Pattern
    bare: re.Pattern | None
    first_line_only: bool
    in_lists: bool


def _style(entry: dict) -> NumberingStyle:
    def build(template: str) -> re.Pattern:
        return re.compile(template.replace("{n}", f"[{NUMERALS}]+").replace("{d}", r"\d{1,2}"))

    bare = entry.get("bare")
    return NumberingStyle(
        entry["example"],
        build(entry["pattern"]),
        bare and build(bare),
        entry.get("first_line_only", False),
        entry.get("in_lists", False),
    )


NUMBERING: tuple[NumberingStyle, ...] = tuple(_style(entry) for entry in GENRE["numbering"])
"""Numbering styles of items, tried in order."""
ITEM_NUMBER = "|".join(style.pattern.pattern for style in NUMBERING)
"""A number that opens an item, in any style (一、, 1、, （一）, （1）, 议题一：, 第一项，)."""
BODY_NUMBER = "|".join(
    [f"(?:{s.pattern.pattern})会议" if s.in_lists else s.pattern.pattern for s in NUMBERING]
    + [f"(?:{s.bare.pattern})$" for s in NUMBERING if s.bare]
)
"""A number that opens an item where attendance lists may stand: the styles that also number a list's
groups ((一)邀请列席：) only before 会议; a bare number alone on its line."""
ENTRY_LABEL = rf"[（(][{NUMERALS}]+[）)]|\d{{1,2}}[.、．]|[{NUMERALS}]+、"
"""The label of an entry inside an item or a decision: （一）, 1., 一、."""
