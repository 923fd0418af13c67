"""Entity resolution: canonical names, acronym <-> long name, aliases, never merging 'not the same' pairs."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph_schema.contract import EntityRecord
from graph_schema.names import is_generic_name, normalize_name
from graph_schema.taxonomy import Taxonomy
from loaders.mentions import SOURCE_PRIORITY, Mention


@dataclass(frozen=True)
class Resolved:
    mentions: list[Mention]
    groups: dict[tuple[str, str], tuple[str, ...]]  # (type, canonical name) -> aliases
    conflicts: tuple[str, ...]


def resolve_bare_threats(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if m.type == "Threat" and m.bare:
            word = normalize_name(m.text)
            recent = [p for p in out if p.type == "Threat" and not p.bare and word in normalize_name(p.name)]
            if recent:
                m = replace(m, name=recent[-1].name, aliases=recent[-1].aliases)
        out.append(m)
    return out


def acronym_occurrences(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later bare uses of an acronym defined in the text ('TPB', 'AMSS')."""
    out: list[Mention] = []
    for m in mentions:
        if m.source != "acronym" or not m.aliases:
            continue
        acr = m.aliases[0]
        if not re.fullmatch(r"[A-Z][A-Za-z0-9&]+", acr):
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            out.append(Mention(hit.start(), hit.end(), acr, m.type, m.name, m.aliases, "acronym"))
    return out


def _variants(m: Mention, org_acronyms: frozenset[str]) -> set[str]:
    names = {m.name, *m.aliases}
    extra: set[str] = set()
    for n in names:
        words = n.split()
        if m.type == "Project":
            if len(words) > 2 and words[0] in org_acronyms:
                extra.add(" ".join(words[1:]))
            if len(words) == 2 and words[0].isupper() and words[1].lower() in ("project", "programme", "program") \
                    and words[0] not in org_acronyms:  # 'UNODC project': an organization's acronym is no alias
                extra.add(words[0])
        if n.startswith("UN "):
            extra.add("United Nations " + n[3:])
        if n.startswith("United Nations "):
            extra.add("UN " + n[len("United Nations ") :])
    return names | extra


def resolve(mentions: list[Mention], taxonomy: Taxonomy) -> Resolved:
    org_acronyms = frozenset(
        a for m in mentions if m.type == "Organization" for a in (m.name, *m.aliases) if a.isupper()
    ) | frozenset(a for actor in taxonomy.actors for a in (actor.name, *actor.aliases) if a.isupper())
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    conflicts: list[str] = []
    keys: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        names = {m.name} if m.source == "activity" else _variants(m, org_acronyms)
        for name in sorted(names):
            key = (m.type, normalize_name(name))
            if not key[1]:
                continue
            j = keys.setdefault(key, i)
            a, b = find(i), find(j)
            if a == b:
                continue
            if taxonomy.is_not_same(mentions[a].name, mentions[b].name):
                conflicts.append(f"not merged: {mentions[a].name!r} / {mentions[b].name!r} share {name!r}")
                continue
            parent[max(a, b)] = min(a, b)
    for a, b in _same_projects(mentions, org_acronyms):
        ra, rb = find(a), find(b)
        if ra != rb and not taxonomy.is_not_same(mentions[ra].name, mentions[rb].name):
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        members.setdefault(find(i), []).append(i)
    canonical: dict[int, str] = {}
    groups: dict[tuple[str, str], tuple[str, ...]] = {}
    for root, idx in sorted(members.items()):
        group = [mentions[i] for i in idx]
        best = max(group, key=_rank)
        name = best.name
        aliases: list[str] = []
        for g in group:
            # an item of an elliptic list ('de France' in 'la police du Niger, de France') is no name of its own
            surface = [] if g.attr("elliptic") == "yes" else [g.text]
            for raw in [*sorted(_variants(g, org_acronyms)), *surface]:
                alias = " ".join(raw.split())
                if normalize_name(alias) and normalize_name(alias) != normalize_name(name) and alias not in aliases:
                    aliases.append(alias)
        canonical[root] = name
        key = (best.type, name)
        merged = list(groups.get(key, ())) + [a for a in aliases if a not in groups.get(key, ())]
        groups[key] = tuple(merged)
    out = [replace(m, name=canonical[find(i)]) for i, m in enumerate(mentions)]
    return Resolved(mentions=out, groups=groups, conflicts=tuple(conflicts))


_STOP = frozenset("a an and at by for from in into of on or the to with its their au aux d de des du en et l la le les "
                  "pour sur un une".split())
_MODIFIERS = frozenset("regional régional regionale régionale new nouveau nouvelle joint conjoint conjointe".split())


def _content(name: str) -> list[str]:
    words = "".join(c if c.isalnum() or c == "-" else " " for c in normalize_name(name)).split()
    return [w for w in words if w not in _STOP]


def _same_projects(mentions: list[Mention], org_acronyms: frozenset[str]) -> list[tuple[int, int]]:
    """Two names of one project in a document: 'Regional Stabilization Facility for Liptako-Gourma' and 'UNDP
    Liptako-Gourma Stabilization Facility', 'Peace and Stabilisation Programme' and 'Peace and Stabilisation
    Programme for the Sahel'. Their content words agree once the owner's acronym and modifiers ('regional', 'new')
    are set aside, and the longer adds at most places; at least three words must agree, and a name that could be
    a part of two different projects joins neither."""
    orgs = {normalize_name(a) for a in org_acronyms}
    places = {w for m in mentions if m.type == "Region" for w in _content(m.name)}
    firsts: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "Project" and m.source != "activity":
            firsts.setdefault(m.name, i)
    cores = {name: frozenset(w for w in _content(name) if w not in orgs and w not in _MODIFIERS)
             for name in firsts}
    pairs: list[tuple[int, int]] = []
    for name, core in sorted(cores.items()):
        if len(core) < 3:
            continue
        wider = [other for other, oc in sorted(cores.items())
                 if other != name and core <= oc and oc - core <= places and (oc != core or other < name)]
        if len(wider) == 1:
            pairs.append((firsts[name], firsts[wider[0]]))
    return pairs


def _rank(m: Mention) -> tuple[int, int, int, str]:
    kind = m.attr("kind")
    activity = 1 if m.source == "activity" and kind == "activity" else 0
    return (SOURCE_PRIORITY.get(m.source, 0) if m.source != "activity" else 7, activity, len(m.name), m.name)


def entity_records(
    groups: dict[tuple[str, str], tuple[str, ...]], used: set[tuple[str, str]]
) -> list[EntityRecord]:
    """One record per used entity; an alias that is only generic words ('The programme', 'drugs') names a class,
    not this entity, and is left out (GUIDE.md: an alias is another name of the same thing)."""
    return [
        EntityRecord(name=name, type=typ, aliases=tuple(sorted(
            a for a in groups.get((typ, name), ()) if not is_generic_name(normalize_name(a)))))
        for typ, name in sorted(used)
    ]
