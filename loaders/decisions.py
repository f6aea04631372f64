"""Decisions in one agenda item: one per decision sentence, with outcome, document and next step.

A decision sentence opens (at a clause) with the meeting's verb: 原则同意/原则通过/原则上同意
(``approved_in_principle``), also stacked after 研究/审议/讨论 (会议讨论并原则同意…);
同意/通过/审议通过 (``approved``; a bare 通过 without 会议 is "by means of", not a decision);
会议确定/明确/决定/议定 (``decided``). A lead-in such as 议定了以下意见： is no decision of its own
where what follows it holds one; where a part that follows (the rest of the sentence, or one
（一）（二） sub-item) holds none, that part is one ``decided`` decision.

The next step is the action the meeting asks for after the decision: the clause after
修改完善后/审核把关后 (提请县委审议, 区政府办公室印发实施 -> 印发实施), or one that opens with
提请/报…审议/由X按程序印发/以…名义印发, in the decision sentence or in a following 会后… sentence.

Sentences come as ``(start, end, section, paragraph)`` offsets into the text; ``section`` counts
the （一）（二） sub-items of the item.

>>> text = "会议原则同意《某县预算方案》（送审稿），要求修改完善后提请县委审议。"
>>> [decision] = find_decisions(text, [(0, len(text), 0, 0)], lambda s, e: None)
>>> decision.outcome, decision.document, decision.document_status, decision.next_step
('approved_in_principle', '某县预算方案', '送审稿', '提请县委审议')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from loaders.genre import (
    APPROVAL_VERBS,
    DECIDING_VERBS,
    DECISION_VERBS,
    ENTRY_LABEL,
    NEXT_STEP_VERBS,
    alternation,
)
from loaders.mentions import find_documents, is_named_unit, unit_at
from loaders.record import Decision, Span

SpanOf = Callable[[int, int], Span | None]

_LABEL = rf"(?:{ENTRY_LABEL})?"
_APPROVING = alternation(v for v, outcome in DECISION_VERBS.items() if outcome != "decided" and v != "通过")
"""The approving verbs but a bare 通过, which is a decision only where no 视频/电话… follows."""
_APPROVE = re.compile(
    rf"{_LABEL}(?P<lead>(?:会议)?(?:(?:经|并|还|会议)?(?:研究|审议|讨论|听取|审阅)(?:了)?(?:后|并)?[，,]?)*)"
    rf"(?P<verb>{_APPROVING}|通过(?!视频|电视|电话|网络|线上|远程))"
)
_DECIDE = re.compile(
    rf"{_LABEL}会议(?:研究|经研究)?(?P<verb>{DECIDING_VERBS})(?![了]?(?:以下|如下)|要求|指出|提出)"
)
_LEADIN = re.compile(r"(?:议定|形成|明确|决定)了?[以如]下(?:意见|事项)?[：:]")
_MEETING_DECIDES = re.compile(r"决定(?![了]?[以如]下)")
_CLAUSE = re.compile(r"[^，,；;：:]+")
_ANY_VERB = re.compile(f"{APPROVAL_VERBS}|{DECIDING_VERBS}")

OUTCOMES = DECISION_VERBS
"""The outcome each decision verb records (the genre's data)."""

_ACTION = re.compile(alternation(NEXT_STEP_VERBS))
_ASKED = re.compile(r"^(?:要求|并|再|及时|(?:该|此|上述)[^，。；]{0,8}?(?=提请|报请|报))+")
_AFTER_REVISION = re.compile(r"^.*(?:修改完善|完善|修改|把关|审核|同意|征求意见)后")
_REVISION = re.compile(r"修改完善|完善|修改|把关后|审核后|征求意见后")
_STEP_OPENING = re.compile(r"(?:提请|报请|报|提交|由|请|以|按程序|依规|印发)")
_STEP_LEAD = re.compile(r"^(?:要求|并|再|及时|由|请)+")
_FOLLOW_ON = re.compile(r"会后|随后|并|要求")
_STEP_FORM = re.compile(
    r"提请|报请|报\S*?审|提交\S*?审|[由请]\S+?(?:印发|下发|报批|发布|提请|报请|按程序\S*?实施)|以\S+?名义印发"
    r"|按程序\S*?(?:印发|报批|下达|执行|实施|报送|上报)|依规\S*?印发|印发"
)
"""Clauses that are a next step by their form (提请县委审议, 由区政府办按程序印发, 以县政府名义印发)."""


@lru_cache(maxsize=4096)
def decision_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The outcome of the decision sentence ``text[start:end]`` and where its verb ends, or None.

    >>> decision_at("会议讨论并原则同意县交通局《关于某事的请示》。", 0, 23)
    ('approved_in_principle', 9)
    >>> decision_at("要通过行政处罚等手段加大力度。", 0, 15) is None
    True
    """
    if not _ANY_VERB.search(text, start, end):
        return None
    for clause in _CLAUSE.finditer(text, start, end):
        m = _APPROVE.match(text, clause.start(), end)
        if m and not (m["verb"] == "通过" and not m["lead"]):
            return OUTCOMES[m["verb"]], m.end()
        m = _DECIDE.match(text, clause.start(), end)
        if m:
            approval = _APPROVE.match(text, m.end() + 1, end)  # 会议确定：原则同意… is the approval
            if approval and approval["lead"] == "" and approval["verb"] != "通过":
                return OUTCOMES[approval["verb"]], approval.end()
            return OUTCOMES[m["verb"]], m.end()
        if clause.start() > start and text.startswith("会议", start):
            m = _MEETING_DECIDES.match(text, clause.start(), end)  # 会议研究了…，决定…
            if m:
                return "decided", m.end()
    return None


def next_step(text: str, start: int, end: int, level: str | None = None) -> str | None:
    """The action asked for after a decision, read from ``text[start:end]`` (its tail).

    >>> t = "对该办法进一步修改完善，经分管副区长审核把关后，区政府办公室印发实施。"
    >>> next_step(t, 0, len(t))
    '印发实施'
    >>> t = "按会议意见修改后，依规依程序印发，各有关单位抓好落实。"
    >>> next_step(t, 0, len(t))
    '依规依程序印发'
    >>> steps = ("会议决定，该办法提请县人大常委会审议。", "由县水利局按程序组织实施。")
    >>> [next_step(t, 0, len(t)) for t in steps]
    ['提请县人大常委会审议', '按程序组织实施']
    """
    revised = False
    clauses = ["".join(c[0].split()).rstrip("。") for c in _CLAUSE.finditer(text, start, end)]
    for k, part in enumerate(clauses):
        cut = _AFTER_REVISION.match(part)
        if cut and _REVISION.search(cut[0]):
            rest = part[cut.end() :]
            if _ACTION.search(rest):
                return _single_step(rest, clauses[k + 1 :], level)
            revised = True
            continue
        asked = _ASKED.sub("", part)
        if (revised or _STEP_OPENING.match(asked)) and _ACTION.search(asked) and _opens_step(asked, revised):
            return _single_step(asked, clauses[k + 1 :], level)
        revised = revised or bool(_REVISION.search(part))
    return None


def _single_step(part: str, after: list[str], level: str | None) -> str | None:
    """The step, unless another unit is then given an action of its own (two steps: none)."""
    for clause in after:
        unit = unit_at(clause, 0)
        if unit and is_named_unit(clause[: unit[1]], level):
            return None
    return _trim_step(part, level)


def _opens_step(part: str, revised: bool) -> bool:
    """A clause that is itself a next step: after a revision, or one that opens like one."""
    return revised or bool(_STEP_FORM.match(part))


def _trim_step(part: str, level: str | None) -> str | None:
    """The step without the unit that performs it and without 要求/并/由 before it."""
    part = _STEP_LEAD.sub("", part)
    unit = unit_at(part, 0)
    if unit and is_named_unit(part[: unit[1]], level) and _ACTION.search(part, unit[1]):
        part = part[unit[1] :]
    return part or None


def find_decisions(
    text: str,
    sentences: list[tuple[int, int, int, int]],
    span_of: SpanOf,
    level: str | None = None,
) -> list[Decision]:
    """The decisions in one item's sentences, in order (see the module's doc)."""
    found: dict[int, list[Decision]] = {}
    for k, (start, end, _section, _paragraph) in enumerate(sentences):
        hit = decision_at(text, start, end)
        if hit is None:
            continue
        outcome, verb_end = hit
        found[k] = _decisions(text, sentences, k, outcome, verb_end, span_of, level)
    for k, (start, end, section, _paragraph) in enumerate(sentences):
        lead = _LEADIN.search(text, start, end)
        if lead is None or k in found:
            continue
        for first, group in _groups(sentences, k, section, lead.end() < end - 1):
            if not any(g in found for g in group):
                s, e = sentences[first][:2]
                found[first] = [Decision(outcome="decided", span=span_of(start if first == k else s, e))]
    return [decision for k in sorted(found) for decision in found[k]]


def _groups(sentences, k: int, section: int, rest_of_sentence: bool) -> list[tuple[int, list[int]]]:
    """What a lead-in at sentence ``k`` covers, part by part: its own section, then each sub-item."""
    groups: dict[int, list[int]] = {}
    for j in range(k + 1, len(sentences)):
        groups.setdefault(sentences[j][2], []).append(j)
    own = ([k] if rest_of_sentence else []) + groups.pop(section, [])
    out = [(own[0], own)] if own else []
    out.extend((members[0], members) for members in groups.values())
    return out


def _decisions(text, sentences, k, outcome, verb_end, span_of, level) -> list[Decision]:
    """The decisions of sentence ``k``: one for each title its verb approves together (原则同意《A》
    （送审稿）、《B》和《C》), each with its own status and the next step they share; one otherwise."""
    start, end = sentences[k][:2]
    documents = _listed(text, find_documents(text, 0, verb_end, end), verb_end)
    if not documents:
        before = find_documents(text, 0, start, verb_end)
        documents = [before[-1]] if before else [None]
    step = next_step(text, verb_end, end, level)
    if step is None and k + 1 < len(sentences):
        s, e = sentences[k + 1][:2]
        if _FOLLOW_ON.match(text, s) and decision_at(text, s, e) is None:
            step = next_step(text, s, e, level)
    return [
        Decision(
            outcome=outcome,
            document=document.name if document else None,
            document_status=document.status if document else None,
            next_step=step,
            span=span_of(start, end),
        )
        for document in documents
    ]


_BETWEEN_TITLES = re.compile(r"[、，,和及与]?")


def _listed(text: str, documents: list, verb_end: int) -> list:
    """The titles the verb approves: the first after it and those listed right after that one
    (separated by 、，和 only); a title named later in the sentence (按照《某条例》) is not approved."""
    out = documents[:1]
    for document in documents[1:]:
        if not _BETWEEN_TITLES.fullmatch(text, out[-1].end, document.start):
            break
        out.append(document)
    return out
