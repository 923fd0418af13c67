"""Relation rules: TARGETS, AFFILIATED_WITH, LINKED_TO, LOCATED_IN; orchestration of all rules."""

from __future__ import annotations

import itertools
import re

from loaders.context import DocContext, gap_is_list
from loaders.deps import dependency_relations
from loaders.gazetteer import default_gazetteer
from loaders.mentions import Mention
from loaders.roles import implements_and_funds, org_name, partnerships, subject_group
from loaders.textfold import fold_phrase

_PREP_CUES = frozenset({"on", "against", "sur", "contre", "related to"})


def extract_relations(ctx: DocContext) -> None:
    actions(ctx)
    implements_and_funds(ctx)
    dependency_relations(ctx)
    partnerships(ctx)
    targets(ctx)
    affiliations(ctx)
    links(ctx)
    locations(ctx)


_ACTION = re.compile(r"\b(?:trained|mentored|coached|taught|sensiti[sz]ed|prepared|a formé|ont formé|a sensibilisé|"
                     r"ont sensibilisé|a accompagné|ont accompagné)\s+(?!(?:a|an|the|its|their|un|une|le|la|les)\s)")
_ACTION_STOP = re.compile(r"[,.;:()]|\s(?:who|which|whom|qui|que|dont|so that|afin|in order)\b")
_PLACE_LEAD = re.compile(r"\s*(?:In|At|Au|Aux|En|À|A)\s+$")


def actions(ctx: DocContext) -> None:
    """'In Niger, UNODC trained 15 national trainers': an unnamed activity, named by the clause itself, implemented
    by the subject, aimed at the place the sentence opens with and the threats it names."""
    for s, e in ctx.sentences:
        for hit in _ACTION.finditer(ctx.text, s, e):
            subjects = subject_group(ctx, s, hit.start())
            if not subjects or (subjects[0].name == ctx.author and subjects[0].text == "we"):
                continue
            stop = _ACTION_STOP.search(ctx.text, hit.end(), e)
            end = stop.start() if stop else e
            words = ctx.text[hit.end() : end].split()
            if len(words) < 2 or ctx.within(hit.end(), end, "Project"):
                continue
            end = hit.end() + len(ctx.text[hit.end() : end].rstrip())
            if len(words) > 14:
                end = hit.end() + len(" ".join(words[:14]))
            name = " ".join(ctx.text[subjects[0].start : end].split())
            for org in subjects:
                ctx.add("IMPLEMENTS", org_name(ctx, org), name, (s, e), "action", 0.7)
            lead = [r for r in ctx.within(s, subjects[0].start, "Region")
                    if _PLACE_LEAD.match(ctx.text[s : r.start]) and re.match(r"\s*,", ctx.text[r.end : r.end + 2])]
            for r in lead[:1]:
                ctx.add("TARGETS", name, r.name, (s, e), "action", 0.7)
            for t in _distinct(ctx.within(hit.end(), e, "Threat")):
                ctx.add("TARGETS", name, t.name, (s, e), "action", 0.7)


def targets(ctx: DocContext) -> None:
    gaz = default_gazetteer()
    seen: set[str] = set()
    for m in ctx.mentions:
        if m.type != "Project" or m.name in seen:
            continue
        seen.add(m.name)
        scope = m.name if m.attr("kind") != "activity" or not m.attr("title") else m.attr("title") or m.name
        for hit in gaz.find(scope):
            if hit.entry.type in ("Threat", "Region") and not hit.entry.bare:
                ctx.add("TARGETS", m.name, hit.entry.name, (m.start, m.end), "name", 0.8)
        place = m.attr("place")
        if place:
            ctx.add("TARGETS", m.name, place, (m.start, m.end), "place", 0.85)
            _place_country(ctx, m, place)
    for s, e in ctx.sentences:
        folded = ctx.folded(s, e)
        for cue in ctx.lex.cue("TARGETS", "purpose").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            near = 40 if cue.group(0) in _PREP_CUES else e - s
            projects = [p for p in ctx.within(s, s + c0, "Project") if s + c0 - p.end <= near]
            if not projects:
                continue
            project = projects[-1]
            after = ctx.within(s + c1, min(e, s + c1 + 120))
            for i, t in enumerate(after):
                if t.type not in ("Threat", "Region"):
                    continue
                if t.type == "Region" and not re.search(r"\b(?:in|au|en)\s+$", ctx.text[t.start - 4 : t.start]):
                    first = i == 0 and t.start - (s + c1) <= 60 and cue.group(0) not in _PREP_CUES
                    if not first or re.search(r"[,;.]", ctx.text[s + c1 : t.start]):
                        continue
                ctx.add("TARGETS", project.name, t.name, (s, e), "purpose", 0.7)
            for name in _same_regions(ctx, s + c1, e):
                ctx.add("TARGETS", project.name, name, (s, e), "same_regions", 0.7)
        for cue in ctx.lex.cue("TARGETS", "coverage").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            found = ctx.within(s, s + c0, "Project")
            if not found:
                continue
            # '<project> was designed as ... and covers': the coordinated verb shares the sentence's subject
            coordinated = re.search(r"(?:\band|,|\bet)\s+$", ctx.text[s : s + c0])
            project = found[0] if coordinated else found[-1]
            for r in region_list(ctx, s + c1, e):
                ctx.add("TARGETS", project.name, r, (s, e), "coverage", 0.75)
    _participants(ctx)
    _took_part(ctx)


_AGGREGATE = re.compile(
    r"\b(central|northern|southern|eastern|western|north|south|east|west|centre|nord|sud|ouest)\b", re.IGNORECASE
)
_AGG_FORMS = {"central": "central {}", "centre": "central {}", "northern": "northern {}", "north": "northern {}",
              "nord": "northern {}", "southern": "southern {}", "south": "southern {}", "sud": "southern {}",
              "eastern": "eastern {}", "east": "eastern {}", "western": "western {}",
              "west": "western {}", "ouest": "western {}"}


def _sentence_project(ctx: DocContext, s: int, pos: int) -> Mention | None:
    """The project or activity a clause is about: the last one mentioned before pos in the sentence."""
    found = [m for m in ctx.within(s, pos, "Project")]
    return found[-1] if found else None


def region_list(ctx: DocContext, pos: int, stop: int) -> list[str]:
    """Regions listed from pos on: 'Burkina Faso, Chad and Mali', "the country's central regions: A, B and C",
    'les régions de Mopti, Bandiagara et Douentza'; with the aggregate region ('central Mali') when named."""
    out: list[str] = []
    cursor = pos
    head = re.match(r"\s*(?:(?:the|its|le|la|les|l['’]|des|of)\s*)?(?:[\w'’-]+\s+){0,4}?"
                    r"(?:regions?|areas?|countries|provinces?|districts?|zones?|states|pays|régions?|cercles?)"
                    r"\s*(?::|of|de|d['’]|des|du|such as|including|notamment)?\s*(?:the\s+)?",
                    ctx.text[pos:stop], re.IGNORECASE)
    if head:
        cursor = pos + head.end()
    for m in ctx.within(cursor, stop):
        gap = ctx.text[cursor : m.start]
        first_gap = re.fullmatch(r"\s*(?:the|le|la|les|l['’]|au|aux|en|du|des)?\s*", gap, re.IGNORECASE)
        if m.type != "Region" or (out and not gap_is_list(gap)) or (not out and not first_gap):
            break
        if m.attr("kind") == "country" or m.type == "Region":
            out.append(m.name)
        cursor = m.end
    if head and out:
        agg = _AGGREGATE.search(head.group(0))
        country = _country_before(ctx, pos)
        if agg and country:
            region = ctx.taxonomy.region_named(_AGG_FORMS[agg.group(1).lower()].format(country))
            if region is not None:
                out.append(region.name)
    return out


_SAME = re.compile(
    r"\s*(?:the|these|those|les|ces)\s+(?:same|memes|mêmes)\s+(?:(\w+)\s+)?(?:regions?|areas?|countries|provinces|districts|"
    r"zones|pays|régions|regions)\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}


def _same_regions(ctx: DocContext, pos: int, stop: int) -> list[str]:
    """'the same three regions of central Mali' -> the last list of regions named before."""
    hit = _SAME.match(ctx.text[pos:stop])
    if not hit:
        return []
    want = _NUMBERS.get((hit.group(1) or "").lower())
    regions = [m for m in ctx.mentions if m.type == "Region" and m.end <= pos]
    best: list[str] = []
    i = len(regions) - 1
    while i > 0:
        group = [regions[i]]
        j = i - 1
        while j >= 0 and gap_is_list(ctx.text[regions[j].end : group[0].start]):
            group.insert(0, regions[j])
            j -= 1
        names = list(dict.fromkeys(m.name for m in group))
        if len(names) >= 2 and (want is None or len(names) == want):
            best = names
            break
        i = j
    return best


def _country_before(ctx: DocContext, pos: int) -> str | None:
    found = [m for m in ctx.mentions if m.type == "Region" and m.end <= pos and m.attr("kind") == "country"]
    return found[-1].name if found else None


def _participants(ctx: DocContext) -> None:
    """Countries taking part in a project ('with Mali representing one of the partners, alongside Algeria, Benin
    and Togo', 'participating countries: A, B') -> TARGETS."""
    cue = re.compile(r"\b(?:representing|as|being|among)\s+(?:one of\s+)?(?:the\s+)?(?:partners?|participants?|"
                     r"participating countries|beneficiary countries|beneficiaries)\b|\bparticipating\b")
    for s, e in ctx.sentences:
        for hit in cue.finditer(ctx.text, s, e):
            project = _sentence_project(ctx, s, hit.start()) or ctx_current(ctx, s)
            if project is None:
                continue
            before = [m for m in ctx.within(s, hit.start(), "Region") if m.attr("kind") == "country"]
            names: list[str] = []
            if before and re.fullmatch(r"\s*", ctx.text[before[-1].end : hit.start()]):
                names.append(before[-1].name)
            rest = re.match(r"[\s,]*(?:alongside|along with|together with|with|as well as|aux cotes de)\s+",
                            ctx.text[hit.end() : e])
            if rest:
                names += region_list(ctx, hit.end() + rest.end(), e)
            for name in names:
                region = ctx.taxonomy.region_named(name)
                if region is not None and region.kind == "country":
                    ctx.add("TARGETS", project.name, name, (s, e), "participants", 0.7)


_TOOK_PART = re.compile(r"\b(?:took|take|takes|taking) part\b|\bparticipat(?:ed|e|es|ing) in\b|"
                        r"\b(?:ont|a) (?:pris part|participé)\b")


def _took_part(ctx: DocContext) -> None:
    """'officers from Burkina Faso, Mali and Niger took part ... in Operation X' -> TARGETS each country."""
    for s, e in ctx.sentences:
        for hit in _TOOK_PART.finditer(ctx.text, s, e):
            after = [p for p in ctx.within(hit.end(), min(e, hit.end() + 120), "Project")]
            if not after:
                continue
            frm = list(re.finditer(r"\b(?:from|de|des|du)\s+", ctx.text[s : hit.start()]))
            for f in frm[:1]:
                for name in region_list(ctx, s + f.end(), hit.start()):
                    ctx.add("TARGETS", after[0].name, name, (s, e), "participants", 0.7)


def ctx_current(ctx: DocContext, pos: int) -> Mention | None:
    before = ctx.projects_before(pos)
    return before[-1] if before else None


def _place_country(ctx: DocContext, m: Mention, place: str) -> None:
    for r in ctx.mentions:
        if r.type == "Region" and r.name == place:
            after = ctx.text[r.end : r.end + 40]
            nxt = re.match(r",\s*([A-Z][\w'’ -]+?)\b", after)
            if nxt:
                country = ctx.taxonomy.region_named(nxt.group(1))
                if country is not None and country.kind == "country":
                    ctx.add("TARGETS", m.name, country.name, (r.start, r.end + nxt.end()), "place", 0.8)
            return


def affiliations(ctx: DocContext) -> None:
    roles = ctx.lex.alternation("roles")
    role_re = re.compile(rf"(?i:\b(?:{roles})\b)")
    for p in ctx.mentions:
        if p.type != "Person":
            continue
        s, e = ctx.sentence_of(p.start)
        before = ctx.text[max(s, p.start - 90) : p.start]
        orgs = [m for m in ctx.within(max(s, p.start - 90), p.start) if m.type in ("Organization", "Project")]
        role_hit = role_re.search(before)
        if orgs and role_hit:
            org = orgs[-1]
            tail = ctx.text[org.end : p.start]
            titled = role_re.search(tail + " " + (org.attr("role") or "")) is not None
            if (len(tail) < 60 and titled) or org.attr("role"):
                org_name = org.name if org.type == "Organization" else _owner(ctx, org)
                if org_name:
                    role = org.attr("role") or _role_text(ctx, org, tail)
                    ctx.add("AFFILIATED_WITH", p.name, org_name, (s, e), "title_before", 0.8, role=role)
                    continue
        our = bool(re.search(r"\b(?:our|notre)\b", before, re.I))
        bare_title = role_hit is not None and not orgs and before[role_hit.start() :].strip()[:1].isupper()
        if ctx.author and role_hit and (our or bare_title):
            ctx.add("AFFILIATED_WITH", p.name, ctx.author, (s, e), "title_author", 0.6,
                    role=re.sub(r"^(?:our|notre)\s+", "", before[role_hit.start() - 0 :].strip(), flags=re.I) or None)
            continue
        after = ctx.text[p.end : min(e, p.end + 120)]
        rep = ctx.lex.cue("AFFILIATED_WITH", "represented").search(fold_phrase(after))
        cand = [m for m in ctx.within(p.end, min(e, p.end + 120), "Organization")]
        if cand and (rep or re.match(rf",\s*(?:the\s+|le\s+|la\s+)?(?:[A-Z][\w-]+(?:['’]s)?\s+){{0,2}}(?i:{roles})\b",
                                     after)):
            role = "representative" if rep else re.sub(r"^,\s*", "", ctx.text[p.end : cand[0].start]).strip(" ,")
            owner = re.match(r",\s*([A-Z][\w-]+)['’]s\s+(.+?)(?:\s+(?:in|at|for)\s+[A-Z][\w'’-]+.*)?$",
                             ctx.text[p.end : min(e, p.end + 120)])
            if owner and owner.group(1) in (cand[0].text, cand[0].name):
                role = owner.group(2).strip(" ,.")
            ctx.add("AFFILIATED_WITH", p.name, cand[0].name, (s, e), "title_after", 0.75, role=role or None)


def _owner(ctx: DocContext, project: Mention) -> str | None:
    first = project.name.split()[0]
    for m in ctx.mentions:
        if m.type == "Organization" and first in (m.name, *m.aliases):
            return m.name
    return None


def _role_text(ctx: DocContext, org: Mention, tail: str) -> str | None:
    role = re.sub(r"^['’]s\s+", "", tail.strip(" ,"))
    if org.type == "Project":
        words = org.text.split()
        role = " ".join([*words[1:], role]).strip()
    role = re.sub(r"\s+(?:General|Lieutenant Colonel|Colonel|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)$", "", role)
    return role or None


_FINANCING = re.compile(r"financ|fund|income|revenue|resource|ressource|cash|money|argent|profit|proceed|ransom|ranc|"
                        r"pay|paid|source|stream|benefice|revenu")
_LEFT_GAP = re.compile(r"[\s,]*(?:(?:and|or|et|ou|as well as|ainsi que)\s+)?"
                       r"(?:(?:the|of|de|du|des|d['’]|la|le|les|l['’])\s*)*", re.IGNORECASE)


def links(ctx: DocContext) -> None:
    financing = _financing_threat(ctx)
    for s, e in ctx.sentences:
        threats = ctx.within(s, e, "Threat")
        if len({t.name for t in threats}) < 2:
            continue
        folded = ctx.folded(s, e)
        for cue in ctx.lex.cue("LINKED_TO", "between").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            items = _distinct([t for t in threats if s + c1 <= t.start < s + c1 + 120])
            _pairs(ctx, items, (s, e), "between")
        for cue in ctx.lex.cue("LINKED_TO", "mutual").finditer(folded.folded):
            c0, _ = folded.span(cue.start(), cue.end())
            items = _distinct([t for t in threats if t.end <= s + c0])[-3:]
            _pairs(ctx, items, (s, e), "mutual")
        for group in ("transitive", "reverse", "proceeds"):
            for cue in ctx.lex.cue("LINKED_TO", group).finditer(folded.folded):
                c0, c1 = folded.span(cue.start(), cue.end())
                money = bool(_FINANCING.search(cue.group(0)))
                if group == "proceeds":
                    sources = coordinated(ctx, [t for t in threats if s + c1 <= t.start < s + c1 + 100], forward=True)
                    ends = [t for t in threats if sources and t.start > sources[-1].end
                            and t.name not in {x.name for x in sources}]
                    ends = [t for t in ends if t.name in ("terrorism", "terrorist financing")][:1]
                    money = True
                else:
                    left = coordinated(ctx, [t for t in threats if t.end <= s + c0 and s + c0 - t.end <= 250])
                    right = _distinct([t for t in threats if s + c1 <= t.start < s + c1 + 150])
                    sources, ends = (right, left) if group == "reverse" else (left, right)
                for a in sources:
                    for b in ends:
                        target = b.name
                        if money and financing and target == "terrorism":
                            target = financing
                        ctx.add("LINKED_TO", a.name, target, (s, e), group, 0.65)


def _financing_threat(ctx: DocContext) -> str | None:
    """When the document names terrorist financing, money flowing to armed groups is that threat."""
    for m in ctx.mentions:
        if m.type == "Threat" and m.name == "terrorist financing":
            return m.name
    return None


def coordinated(ctx: DocContext, items: list[Mention], forward: bool = False) -> list[Mention]:
    """The coordinated group of mentions next to a cue: 'drug trafficking, arms trafficking and the smuggling of
    migrants' -> all three (the last group before the cue, or the first one after it)."""
    if not items:
        return []
    if forward:
        group = [items[0]]
        for m in items[1:]:
            if not _LEFT_GAP.fullmatch(ctx.text[group[-1].end : m.start]):
                break
            group.append(m)
    else:
        group = [items[-1]]
        for m in reversed(items[:-1]):
            if not _LEFT_GAP.fullmatch(ctx.text[m.end : group[0].start]):
                break
            group.insert(0, m)
    return _distinct(group)


def _distinct(items: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for t in items:
        if t.name not in {o.name for o in out}:
            out.append(t)
    return out


def _pairs(ctx: DocContext, items: list[Mention], span: tuple[int, int], group: str) -> None:
    if len(items) > 3:
        items = items[:3]
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            ctx.add("LINKED_TO", a.name, b.name, span, group, 0.7)


def locations(ctx: DocContext) -> None:
    region_names = {m.name for m in ctx.mentions if m.type == "Region" and (m.start, m.end) not in ctx.dropped}
    regions = [m for m in ctx.mentions if m.type == "Region"]
    for a, b in itertools.pairwise(regions):
        if re.fullmatch(r",\s*", ctx.text[a.end : b.start]) and _inside(ctx, a.name, b.name):
            ctx.add("LOCATED_IN", a.name, b.name, (a.start, b.end), "comma", 0.9)
    for s, e in ctx.sentences:
        in_sent = ctx.within(s, e, "Region")
        for a in in_sent:
            for b in in_sent:
                if a.name != b.name and b.name in _parents(ctx, a.name):
                    ctx.add("LOCATED_IN", a.name, b.name, (s, e), "gazetteer", 0.75)
        _shared_by(ctx, s, e)
    # the region hierarchy of the gazetteer, when the document names both regions anywhere
    first: dict[str, Mention] = {}
    for m in regions:
        if (m.start, m.end) not in ctx.dropped:
            first.setdefault(m.name, m)
    for name, m in first.items():
        for parent in _parents(ctx, name):
            if parent in first:
                ctx.add("LOCATED_IN", name, parent, (m.start, m.end), "gazetteer_doc", 0.7)
    _actor_countries(ctx, first)
    for m in ctx.mentions:
        if m.type != "Organization":
            continue
        if m.country and m.country in region_names and m.source == "pattern":
            ctx.add("LOCATED_IN", m.name, m.country, (m.start, m.end), "demonym", 0.85)
        ends_in = re.search(r"\sin\s+([A-Z][\w'’-]+)$", m.text)
        if ends_in and ctx.taxonomy.region_named(ends_in.group(1)) is not None:
            inner = [g for g in default_gazetteer().find(m.text) if g.entry.type == "Organization"
                     and g.end == len(m.text)]
            owner = inner[0].entry.name if inner else m.name
            region = ctx.taxonomy.region_named(ends_in.group(1))
            if region is not None:
                ctx.add("LOCATED_IN", owner, region.name, (m.start, m.end), "name_in", 0.85)
                country = [r for r in regions if r.start == m.end + 2 and ctx.text[m.end : m.end + 2] == ", "]
                if country and _inside(ctx, region.name, country[0].name):
                    ctx.add("LOCATED_IN", region.name, country[0].name, (m.start, country[0].end), "comma", 0.85)
        owner_state = [r for r in regions if r.attr("kind") == "country" and r.end <= m.start
                       and re.fullmatch(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}?(?:[a-z][\w-]*,\s+(?:the\s+)?)?",
                                        ctx.text[r.end : m.start])]
        if owner_state:  # "Niger's Ministry of Justice", "Niger's drug squad, the OCRTIS"
            ctx.add("LOCATED_IN", m.name, owner_state[-1].name, (owner_state[-1].start, m.end), "possessive", 0.85)
        before = ctx.text[max(0, m.start - 40) : m.start]
        based = [r for r in regions if r.end <= m.start and r.start >= m.start - 40]
        if based and re.match(r"-based\b", ctx.text[based[-1].end : based[-1].end + 6]):
            ctx.add("LOCATED_IN", m.name, based[-1].name, (based[-1].start, m.end), "based", 0.9)
        after = re.match(r"(?:\s+\([^()]{1,20}\))?\s+(?:in|de|du|à|a)\s+", ctx.text[m.end : m.end + 30])
        if after and m.attr("kind") not in ("international",) and m.source != "gazetteer":
            nxt = [r for r in regions if r.start == m.end + after.end()]
            if nxt:
                ctx.add("LOCATED_IN", m.name, nxt[0].name, (m.start, nxt[0].end), "org_in", 0.8)
        del before


def _parents(ctx: DocContext, name: str) -> tuple[str, ...]:
    """Containing regions worth an edge: countries and sub-national areas ('central Mali'), not continents or
    wide areas (nobody states 'Mali is in Africa')."""
    region = ctx.taxonomy.region_named(name)
    if region is None:
        return ()
    out: list[str] = []
    for parent in region.located_in:
        p = ctx.taxonomy.region_named(parent)
        if p is not None and (p.kind == "country" or any(
            (q := ctx.taxonomy.region_named(x)) is not None and q.kind == "country" for x in p.located_in
        )):
            out.append(p.name)
    return tuple(out)


def _inside(ctx: DocContext, a: str, b: str) -> bool:
    parents = _parents(ctx, a)
    if b in parents:
        return True
    ra, rb = ctx.taxonomy.region_named(a), ctx.taxonomy.region_named(b)
    return bool(ra and rb and ra.kind == "place" and rb.kind == "country" and not ra.located_in)


_SHARED = re.compile(
    r"^\s*,?\s*(?:the\s+|a\s+|la\s+|une\s+)?(?:[\w-]+\s+){0,2}?(?:area|zone|region|border area|border zone|"
    r"borderlands?|tri-border area|basin|zone frontaliere|region frontaliere)?\s*,?\s*(?:shared by|between|"
    r"straddling|spanning|at the borders? of|where the borders of|partagee? (?:par|entre)|entre|a cheval sur)\s+",
    re.IGNORECASE,
)


def _shared_by(ctx: DocContext, s: int, e: int) -> None:
    """'the Liptako-Gourma area shared by Mali, Burkina Faso and Niger' -> LOCATED_IN each country."""
    for m in ctx.within(s, e, "Region"):
        if m.attr("kind") == "country":
            continue
        folded = ctx.folded(m.end, min(e, m.end + 80))
        hit = _SHARED.match(folded.folded)
        if not hit:
            continue
        pos = m.end + folded.span(hit.end(), hit.end() + 1)[0] if hit.end() < len(folded.folded) else e
        for name in region_list(ctx, pos, e):
            region = ctx.taxonomy.region_named(name)
            if region is not None and region.kind == "country":
                ctx.add("LOCATED_IN", m.name, name, (m.start, e), "shared_by", 0.75)


def _actor_countries(ctx: DocContext, regions: dict[str, Mention]) -> None:
    """A known national actor (taxonomy `country`) is in its country when the document names that country."""
    by_name = {a.name: a for a in ctx.taxonomy.actors}
    codes = {r.code: r.name for r in ctx.taxonomy.regions if r.code}
    for m in ctx.mentions:
        actor = by_name.get(m.name) if m.type == "Organization" else None
        if actor is None or not actor.country or actor.kind == "international":
            continue
        country = codes.get(actor.country)
        if country and country in regions:
            ctx.add("LOCATED_IN", m.name, country, (m.start, m.end), "actor_country", 0.7)
