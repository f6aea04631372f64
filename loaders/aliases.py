"""One name for each unit, person, document and project of a government, whatever the minutes call it.

Minutes shorten names freely: the same bureau is 县发改局 in one meeting, 县发展和改革局 in the next
and 某县发展和改革局 in the header of a third. This module turns any name into a key (what the IRI is
minted from) and a preferred label, from plain data:

- the regular abbreviations of the genre (``ontology/aliases.ttl``, rules in SKOS: prefLabel the full
  form of a name after its place or level, altLabel its short forms);
- a government's own aliases (the same file, or an ``aliases.ttl`` in the store's folder);
- the decisions a person took with ``kg resolve`` (merge two names, split one person in two), given
  as plain dicts by the caller: this layer knows nothing of where they are kept.

>>> names = default_names()
>>> resolve("unit", "县发改局", "某县人民政府", names).label
'某县发展和改革局'
>>> resolve("unit", "县政府", "某县人民政府", names).label
'某县人民政府'
>>> posts("县委副书记、县长")
['县委副书记', '县长']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from loaders.errors import KGError
from loaders.genre import UPPER_LEVELS

KINDS = ("unit", "person", "document", "project")
"""The kinds of named thing that resolve by name within one government."""

LEVELS = UPPER_LEVELS
"""The characters that end a place's name and begin a unit's name (县发改局: the county's bureau)."""

HONORIFICS = frozenset({"同志", "先生", "女士"})
"""Words that stand where a title would, but name no post."""

ALIAS_NS = "https://w3id.org/minutes-kg/aliases/"
RULES_SCHEME = ALIAS_NS + "rules"


class AliasFileError(KGError):
    """An alias file cannot be read as Turtle, or a concept in it lacks its preferred name."""


@dataclass(frozen=True)
class Names:
    """Everything that decides what a name resolves to, as plain data.

    ``rules`` maps a regular short form to its full form (发改局 -> 发展和改革局); ``aliases`` maps
    kind -> government -> name -> preferred name; ``governments`` one government key to another;
    ``splits`` (government, person name, file name) -> a tag that tells that person apart.
    """

    rules: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    governments: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def lookup(self, kind: str, government: str, name: str) -> str | None:
        """The preferred name recorded for ``name``, following chains (A -> B -> C gives C)."""
        table = self.aliases.get(kind, {}).get(government, {})
        seen, current = {name}, table.get(name)
        while current is not None and current in table and current not in seen:
            seen.add(current)
            current = table[current]
        return current

    def government(self, key: str) -> str:
        """The government key after merges of governments.

        >>> Names(governments={"某府": "某县人民政府"}).government("某府")
        '某县人民政府'
        """
        seen = {key}
        while key in self.governments and self.governments[key] not in seen:
            key = self.governments[key]
            seen.add(key)
        return key


@dataclass(frozen=True)
class Resolved:
    """What a name resolves to: ``key`` mints the IRI, ``label`` is the preferred name to show."""

    key: str
    label: str


# --- reading the alias tables -----------------------------------------------------------------


def read_aliases(paths: Iterable[str | Path]) -> Names:
    """The rules and per-government aliases of Turtle files, later files adding to earlier ones."""
    import rdflib
    from rdflib.namespace import SKOS

    rules: dict[str, str] = {}
    units: dict[str, dict[str, str]] = {}
    for path in paths:
        try:
            g = rdflib.Graph().parse(str(path), format="turtle")
        except (OSError, SyntaxError, ValueError) as error:
            raise AliasFileError(f"{path}: cannot read the aliases ({error})") from None
        for concept, scheme in g.subject_objects(SKOS.inScheme):
            preferred = g.value(concept, SKOS.prefLabel)
            if preferred is None:
                raise AliasFileError(f"{path}: {concept} has no skos:prefLabel")
            alternatives = {str(a) for a in g.objects(concept, SKOS.altLabel)}
            if str(scheme) == RULES_SCHEME:
                target = rules
            else:
                government = g.value(scheme, SKOS.notation)
                if government is None:
                    raise AliasFileError(f"{path}: the scheme {scheme} has no skos:notation (its government)")
                target = units.setdefault(str(government), {})
            if target is rules:  # a rule's full form is a name it knows too (a bare 财政局 is a unit)
                alternatives.add(str(preferred))
            target.update({a: str(preferred) for a in alternatives if target is rules or a != str(preferred)})
    return Names(rules=rules, aliases={"unit": units})


@cache
def default_names() -> Names:
    """The aliases that ship with the ontology (``ontology/aliases.ttl``), read once."""
    from ontology import ALIASES_TTL

    return read_aliases([ALIASES_TTL])


def merged(*tables: Names) -> Names:
    """Several tables as one, later ones winning where they disagree.

    >>> merged(Names(rules={"a": "A"}), Names(rules={"b": "B"})).rules
    {'a': 'A', 'b': 'B'}
    """
    out = Names()
    for t in tables:
        aliases = {k: {g: dict(v) for g, v in out.aliases.get(k, {}).items()} for k in KINDS}
        for kind, per_government in t.aliases.items():
            for government, table in per_government.items():
                aliases.setdefault(kind, {}).setdefault(government, {}).update(table)
        out = Names(
            rules={**out.rules, **t.rules},
            aliases=aliases,
            governments={**out.governments, **t.governments},
            splits={**out.splits, **t.splits},
        )
    return out


def with_decisions(names: Names, decisions: Iterable[dict]) -> Names:
    """``names`` with reviewed decisions applied, in order.

    A decision is a dict: ``{"action": "merge", "kind": KIND or "government", "government": G,
    "name": A, "into": B}`` (A is B), or ``{"action": "split", "government": G, "name": N,
    "documents": [file names], "tag": T}`` (N in those documents is someone else), or
    ``{"action": "distinct", ...}`` (reviewed and kept apart; changes no name).

    >>> n = with_decisions(Names(), [{"action": "merge", "kind": "person", "government": "G",
    ...                               "name": "王小二", "into": "王晓二"}])
    >>> resolve("person", "王小二", "G", n)
    Resolved(key='王晓二', label='王晓二')
    """
    aliases = {k: {g: dict(t) for g, t in names.aliases.get(k, {}).items()} for k in KINDS}
    governments, splits = dict(names.governments), dict(names.splits)
    for decision in decisions:
        action = decision.get("action")
        if action == "merge" and decision.get("kind") == "government":
            governments[decision["name"]] = decision["into"]
        elif action == "merge":
            table = aliases.setdefault(decision["kind"], {}).setdefault(decision["government"], {})
            table[decision["name"]] = decision["into"]
        elif action == "split":
            for document in decision["documents"]:
                splits[(decision["government"], decision["name"], document)] = decision["tag"]
    return replace(names, aliases=aliases, governments=governments, splits=splits)


# --- places -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """The place a government governs: its full name, the level it ends in, and shorter forms."""

    full: str | None
    level: str | None
    forms: tuple[str, ...] = ()
    short: tuple[str, ...] = ()


@cache
def place_of(government: str) -> Place:
    """某市某区人民政府 -> full 某市某区, level 区, forms also 某区; short (for projects) 某市某, 某.

    >>> place_of("示例县人民政府")
    Place(full='示例县', level='县', forms=('示例县',), short=('示例',))
    >>> place_of("某府").full is None
    True
    """
    full = government.removesuffix("人民政府")
    if full == government or len(full) < 2 or full[-1] not in LEVELS:
        return Place(None, None)
    forms = [full] + [full[i + 1 :] for i, ch in enumerate(full[:-1]) if ch in LEVELS and len(full) - i > 3]
    short = tuple(f[:-1] for f in forms if len(f) > 2)
    return Place(full, full[-1], tuple(forms), short)


def _after_place(name: str, place: Place, names: Names) -> tuple[str, str | None]:
    """The name after its place or level, and that level (None when the name starts with neither).

    A bare name the rules know (财政局, 发改局) is the government's own unit; so is 市场监管局,
    whose first character is no level.
    """
    for form in sorted(place.forms, key=len, reverse=True):
        if name.startswith(form) and len(name) > len(form):
            return name[len(form) :], place.level
    if name in names.rules:
        return name, place.level
    if len(name) > 1 and name[0] in LEVELS:
        return name[1:], name[0]
    return name, None


# --- resolving each kind ----------------------------------------------------------------------


def _unit(name: str, government: str, names: Names) -> Resolved:
    """A unit of the government's own level: labelled with its place and the full form of its name,
    keyed without the place (the IRI holds the government already).

    >>> _unit("县人社局", "示例县人民政府", default_names())
    Resolved(key='县人力资源和社会保障局', label='示例县人力资源和社会保障局')
    >>> _unit("市发改委", "示例县人民政府", default_names()).label
    '市发展和改革委员会'
    >>> _unit("某某镇", "示例县人民政府", default_names()).label
    '某某镇'
    >>> _unit("县政府", "示例县人民政府", default_names()).key
    '示例县人民政府'
    """
    written = _expanded(name, government, names)
    explicit = names.lookup("unit", government, name) or names.lookup("unit", government, written)
    label = _expanded(explicit, government, names) if explicit else written
    label = names.lookup("unit", government, label) or label
    return Resolved(_relative(label, government), label)


def _expanded(name: str, government: str, names: Names) -> str:
    place = place_of(government)
    rest, level = _after_place(name, place, names)
    if level is None:
        return names.rules.get(name, name)
    prefix = place.full if place.full and level == place.level else level
    return prefix + names.rules.get(rest, rest)


def _relative(label: str, government: str) -> str:
    """示例县财政局 -> 县财政局 within 示例县人民政府; the government itself keeps its key."""
    place = place_of(government)
    if label != government and place.full and label.startswith(place.full) and len(label) > len(place.full):
        return place.level + label[len(place.full) :]
    return label


def _person(name: str, government: str, names: Names) -> Resolved:
    label = names.lookup("person", government, name) or name
    return Resolved(label, label)


def _document(name: str, government: str, names: Names) -> Resolved:
    label = names.lookup("document", government, name) or name
    return Resolved(label, label)


def _project(name: str, government: str, names: Names) -> Resolved:
    """The project without the government's own place before it, and …工程项目 as …工程.

    >>> _project("示例县滨河路改造工程项目", "示例县人民政府", Names()).label
    '滨河路改造工程'
    >>> _project("示例滨河路改造工程", "示例县人民政府", Names()).label
    '滨河路改造工程'
    """
    label = names.lookup("project", government, name)
    if label is None:
        place = place_of(government)
        label = name
        for form in sorted(place.forms + place.short, key=len, reverse=True):
            if label.startswith(form) and len(label) - len(form) >= 4:
                label = label[len(form) :]
                break
        if label.endswith("工程项目"):
            label = label.removesuffix("项目")
        label = names.lookup("project", government, label) or label
    return Resolved(label, label)


RESOLVERS: dict[str, Callable[[str, str, Names], Resolved]] = {
    "unit": _unit,
    "person": _person,
    "document": _document,
    "project": _project,
}
"""How each kind of name becomes its preferred form within one government."""


def resolve(kind: str, name: str, government: str, names: Names, source: str | None = None) -> Resolved:
    """The key and preferred label of ``name`` (of ``kind``) in ``government``.

    ``source`` (a file name) matters only for a person split apart in some documents: there the
    key carries the split's tag, so the IRI differs while the label stays the name.

    >>> n = Names(splits={("G", "李四", "b.txt"): "2"})
    >>> resolve("person", "李四", "G", n, "a.txt").key, resolve("person", "李四", "G", n, "b.txt").key
    ('李四', '李四~2')
    """
    if kind not in RESOLVERS:
        raise KGError(f"unknown kind of name {kind!r} (known: {', '.join(RESOLVERS)})")
    name = name.strip()
    resolved = RESOLVERS[kind](name, government, names)
    tag = names.splits.get((government, name, source or "")) if kind == "person" else None
    return Resolved(f"{resolved.key}~{tag}", resolved.label) if tag else resolved


def unit_names(canonical: str, government: str, names: Names) -> set[str]:
    """Other names the unit goes by under the rules and tables (for search: skos:hiddenLabel).

    >>> sorted(unit_names("示例县发展和改革局", "示例县人民政府", default_names()))[:3]
    ['县发展和改革局', '县发展改革局', '县发改局']
    """
    place = place_of(government)
    rest, level = _after_place(canonical, place, names)
    out = {a for a, p in names.aliases.get("unit", {}).get(government, {}).items() if p == canonical}
    if level is not None:
        bodies = {rest} | {short for short, full in names.rules.items() if full == rest}
        prefixes = {level} | ({"", *place.forms} if level == place.level else set())
        out |= {prefix + body for prefix in prefixes for body in bodies}
    return out - {canonical}


_TITLE_SEPARATORS = re.compile(r"[、，,；;\s]+")


def posts(title: str | None, government: str | None = None) -> list[str]:
    """The posts of ``government`` a title names: 县委常委、常务副县长 holds two; 同志 holds none.

    Given the government, a title without its level (省委书记 in a county's minutes, 主席) is a post
    elsewhere and left out; the person keeps the title as written all the same.

    >>> posts("某局局长，某办主任"), posts("同志"), posts(None)
    (['某局局长', '某办主任'], [], [])
    >>> posts("省委书记、县长", "某县人民政府")
    ['县长']
    """
    parts = [p for p in _TITLE_SEPARATORS.split(title or "") if p and p not in HONORIFICS]
    level = place_of(government).level if government else None
    return list(dict.fromkeys(p for p in parts if level is None or level in p))
