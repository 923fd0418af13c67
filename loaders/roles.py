"""Rules for who does what: IMPLEMENTS, FUNDS and PARTNERS_WITH."""

from __future__ import annotations

import re

from loaders.context import DocContext, gap_is_list
from loaders.mentions import Mention

_AUX = re.compile(
    r"(?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))?[\s,]*(?:(?:has|have|had|also|been|was|were|is|are|will|would|jointly|"
    r"together|successfully|recently|decided to|then|a|ont|aussi|conjointement)\s+)*$"
)
_SIDE_SEGMENT = re.compile(
    r",\s*(?:through its|via its|in (?:close )?(?:cooperation|collaboration|partnership|consultation) with|"
    r"together with|with the support of)\b[^;]*?,\s*(?:has |have |had |also |been )*$"
)
_PLACE_PREP = re.compile(r"\b(?:[Ii]n|[Aa]t|[Aa]u|[Ee]n|à|À|[Ff]rom|[Oo]f)\s+$")
_WE = re.compile(r"\b(?:we|We|our|Our|nous|Nous|notre|Notre)\b")


def _org_at(ctx: DocContext, m: Mention) -> Mention | None:
    if m.type == "Organization":
        return m
    if m.type == "Region" and m.attr("kind") == "country":  # "funded by Denmark": the donor state
        return m
    return None


def org_name(ctx: DocContext, m: Mention) -> str:
    if m.type == "Region":
        ctx.dropped.add((m.start, m.end))
        return f"Government of {m.name}"
    return m.name


_INTRO = re.compile(
    r"^\s*(?:(?:a|an|the|un|une|des|les)\s+)?(?:[\w-]+\s+){0,4}?(?:donors?|partners?|bailleurs?|partenaires?|"
    r"organi[sz]ations?|countries|states|governments?|pays|agencies)\s*,?\s*"
    r"(?:(?:that|which|who|qui)\s+)?(?:includes?|included|including|such as|namely|notamment|dont|comprenant|"
    r"parmi lesquels|:)\s*(?:the\s+|le\s+|la\s+|les\s+|l['’]\s*)?$",
    re.IGNORECASE,
)
# 'financé par les fonds programmatiques de la MINUSMA', 'through the trust fund of the EU'
_FUNDS_OF = re.compile(r"^\s*(?:(?:the|its|les|le|la|l['’])\s*)?(?:[\w-]+\s+){0,2}?(?:funds?|budget|resources|fonds|"
                       r"budgets?|ressources|contributions?|grants?|subventions?)(?:\s+[\w-]+){0,2}?\s+"
                       r"(?:of the|of|from|de la|de l['’]|du|des|de)\s*$", re.IGNORECASE)
# 'X in Canada and Y' (the place is skipped); not 'X in partnership with Y', which names a partner, not an item
_IN_PLACE = re.compile(r"^\s*in\s+(?!(?:close\s+)?(?:partnership|cooperation|co-operation|collaboration|coordination|"
                       r"consultation|association|conjunction|liaison)\b)\S+")
_BASED = re.compile(r"^-(?:based|basee?s?)\b", re.IGNORECASE)


def list_after(ctx: DocContext, pos: int, stop: int, max_gap: int = 70) -> list[Mention]:
    """Organizations listed from pos on: 'A, B and the C (D)'; stops at the first non-list gap.

    The first item may follow a short descriptive noun phrase ('a group of donors that includes the ...') and
    a place it is based in ('Timbuktu-based NGO X')."""
    out: list[Mention] = []
    cursor = pos
    placed = False
    for m in ctx.within(pos, stop):
        if m.start < cursor:
            continue
        org = _org_at(ctx, m)
        gap = ctx.text[cursor : m.start]
        if org is not None and m.type == "Region" and _BASED.match(ctx.text[m.end : m.end + 8]):
            org = None
        if out and m.start > cursor and re.fullmatch(r"\s*\(\s*", gap) and ctx.text[m.end : m.end + 1] == ")":
            cursor = m.end + 1  # 'the Section (SAJP) of ...': the acronym of the item just listed
            continue
        if org is not None and m.type == "Region" and placed and re.fullmatch(r",\s*", gap):
            org = None  # 'Embassy in Bamako, Mali': the address goes on
        if org is None:
            if m.type in ("Region",) and out:  # "X in Canada", "Embassy in Bamako"
                cursor = m.end
                placed = True
                continue
            if m.type == "Region" and _BASED.match(ctx.text[m.end : m.end + 8]) and len(gap) <= max_gap:
                based = re.match(r"-\w+\s+(?:(?:NGO|ONG|[a-z][\w-]*)\s+){0,4}", ctx.text[m.end : m.end + 60])
                cursor = m.end + (based.end() if based else 0)
                continue
            break
        if not out and (_INTRO.match(gap) or _FUNDS_OF.match(gap)):
            out.append(org)
            cursor = m.end
            continue
        if out and not gap_is_list(_IN_PLACE.sub("", gap)) and not re.search(
            r"(?:such as|including|notamment|dont)\s*(?:the\s+)?$", gap
        ):
            break
        if not out and (len(gap) > max_gap or re.search(r"[.;]", gap)):
            break
        out.append(org)
        cursor = m.end
        placed = bool(re.search(r"\s(?:in|à|au|en)\s+[A-Z][\w'’-]+$", m.text))  # 'Embassy in Bamako, Mali'
    return out


def subject_group(ctx: DocContext, sent_start: int, verb_start: int) -> list[Mention]:
    """The organizations right before a verb: 'UNODC and UNICRI convened', 'we led'."""
    window = ctx.text[sent_start:verb_start]
    side = _SIDE_SEGMENT.search(window)
    end = sent_start + (side.start() if side else len(window))
    aux = _AUX.search(ctx.text[sent_start:end])
    end = sent_start + (aux.start() if aux else end - sent_start)
    we = _WE.search(ctx.text[max(sent_start, end - 4) : end + 1])
    if we and ctx.author:
        return [Mention(end - 2, end, "we", "Organization", ctx.author, source="pattern")]
    group: list[Mention] = []
    inner = [(p.start(), p.end()) for p in re.finditer(r"\([^()]*\)", ctx.text[sent_start:end])]
    cands = [m for m in ctx.within(sent_start, end) if _org_at(ctx, m)
             and not any(a < m.start - sent_start and m.end - sent_start < b for a, b in inner)
             and not (m.type == "Region" and _PLACE_PREP.search(ctx.text[max(sent_start, m.start - 6) : m.start]))]
    cursor = end
    for m in reversed(cands):
        gap = ctx.text[m.end : cursor]
        if (group and not gap_is_list(gap)) or (not group and ctx.text[m.end : end].strip(" ,")):
            break
        group.insert(0, m)
        cursor = m.start
    return group


def implements_and_funds(ctx: DocContext) -> None:
    for s, e in ctx.sentences:
        folded = ctx.folded(s, e)
        for group in ("passive_by",):
            for cue in ctx.lex.cue("IMPLEMENTS", group).finditer(folded.folded):
                c0, c1 = folded.span(cue.start(), cue.end())
                orgs = list_after(ctx, s + c1, e, max_gap=12)
                project = _project_before(ctx, s, s + c0)
                for org in orgs:
                    if project:
                        ctx.add("IMPLEMENTS", org_name(ctx, org), project.name, (s, e), group, 0.85)
                _co_partners(ctx, orgs, (s, e))
        for cue in ctx.lex.cue("IMPLEMENTS", "initiative_of").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            orgs = list_after(ctx, s + c1, e, max_gap=12)
            project = _project_before(ctx, s, s + c0) or _current(ctx, s)
            for org in orgs:
                if project:
                    ctx.add("IMPLEMENTS", org_name(ctx, org), project.name, (s, e), "initiative_of", 0.8)
        for cue in ctx.lex.cue("IMPLEMENTS", "active").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            subjects = subject_group(ctx, s, s + c0)
            if not subjects:
                continue
            project = _project_after(ctx, s + c1, e) or _relative_project(ctx, s, s + c0)
            if project is None:
                if len(subjects) >= 2:
                    _co_partners(ctx, subjects, (s, e))  # 'Mali and Italy negotiated three treaties'
                continue
            for org in subjects:
                ctx.add("IMPLEMENTS", org_name(ctx, org), project.name, (s, e), "active", 0.85)
            _through_its(ctx, s, s + c0, subjects[0], project)
            _co_partners(ctx, subjects, (s, e))
        for group in ("passive_by", "support_of"):
            for cue in ctx.lex.cue("FUNDS", group).finditer(folded.folded):
                c0, c1 = folded.span(cue.start(), cue.end())
                funders = list_after(ctx, s + c1, e, max_gap=12)
                funders += _channel(ctx, funders, e)
                project = _project_before(ctx, s, s + c0) or _current(ctx, s)
                for org in funders:
                    if project:
                        ctx.add("FUNDS", org_name(ctx, org), project.name, (s, e), group, 0.9)
        for cue in ctx.lex.cue("FUNDS", "active").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            funders = subject_group(ctx, s, s + c0)
            project = _object_project(ctx, s + c1, e)
            if project is None:
                continue
            for org in funders:
                ctx.add("FUNDS", org_name(ctx, org), project.name, (s, e), "active", 0.85)
        for cue in ctx.lex.cue("FUNDS", "received_from").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            funders = list_after(ctx, s + c1, e, max_gap=12)
            recipients = subject_group(ctx, s, s + c0)
            target = recipients[0].name if recipients else None
            if target is None:
                project = _project_before(ctx, s, s + c0)
                target = project.name if project else None
            for org in funders:
                if target:
                    ctx.add("FUNDS", org_name(ctx, org), target, (s, e), "received_from", 0.8)
        _possessive_projects(ctx, s, e)
    _name_prefix(ctx)


def _channel(ctx: DocContext, funders: list[Mention], stop: int) -> list[Mention]:
    """'financed by the EU through the African Peace Facility': the fund the money goes through also funds."""
    if not funders or funders[-1].end >= stop:
        return []
    folded = ctx.folded(funders[-1].end, stop)
    m = re.match(r"\s*,?\s*(?:through|via|under|par l'intermediaire d[eu]s?|a travers|au titre d[eu]s?)\s+"
                 r"(?:the\s+|its\s+|le\s+|la\s+|l'\s*)?(?:\d+(?:st|nd|rd|th|e|eme)\s+)?", folded.folded)
    if not m or m.end() >= len(folded.folded):
        return []
    pos = funders[-1].end + folded.span(m.end(), m.end() + 1)[0]
    return [x for x in ctx.within(pos, stop, "Organization") if x.start == pos][:1]


def _project_before(ctx: DocContext, start: int, pos: int) -> Mention | None:
    found = [m for m in ctx.within(start, pos, "Project")]
    return found[-1] if found else None


# the words allowed between an active funding verb and its project object: 'funds a new UNODC project',
# 'finance un nouveau projet', 'provides funding to the WAPIS Programme'
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:a|an|the|its|their|this|that|these|his|her|our|un|une|le|la|les|l['’]|ce|cet|cette|son|sa|ses|leur|"
    r"leurs)\s*)?(?:(?!(?:to|for|of|in|on|by|with|and|or|which|that|de|du|des|pour|par|avec|et|ou|qui|que|dont)\b)"
    r"[\w-]+\s+){0,3}",
    re.IGNORECASE,
)


def _object_project(ctx: DocContext, pos: int, stop: int) -> Mention | None:
    """The project right after an active verb, as its object (only determiners and modifiers in between)."""
    found = _project_after(ctx, pos, stop)
    if found is None or not _OBJECT_GAP.fullmatch(ctx.text[pos : found.start]):
        return None
    return found


def _project_after(ctx: DocContext, pos: int, stop: int) -> Mention | None:
    found = [m for m in ctx.within(pos, stop, "Project") if m.start - pos <= 120]
    return found[0] if found else None


def _relative_project(ctx: DocContext, start: int, pos: int) -> Mention | None:
    """'<project> that we led'."""
    m = re.search(r"\b(?:that|which|qu['’]|que|lequel|laquelle)\s*(?:[\w'’-]+\s*){1,4}$", ctx.text[start:pos])
    return _project_before(ctx, start, start + m.start()) if m else None


def _current(ctx: DocContext, pos: int) -> Mention | None:
    before = ctx.projects_before(pos)
    return before[-1] if before else None


def _through_its(ctx: DocContext, start: int, verb: int, lead: Mention, project: Mention) -> None:
    m = re.search(r"\b(?:through|via) its\b(.*)$", ctx.text[start:verb])
    if not m:
        return
    for item in ctx.within(start + m.start(1), verb):
        if item.type == "Project":
            ctx.add("IMPLEMENTS", lead.name, item.name, (start, verb), "through_its", 0.8)
        elif item.type == "Organization":
            ctx.add("IMPLEMENTS", item.name, project.name, (start, verb), "through_its", 0.8)


def _co_partners(ctx: DocContext, orgs: list[Mention], span: tuple[int, int]) -> None:
    if 2 <= len(orgs) <= 4:
        for i, a in enumerate(orgs):
            for b in orgs[i + 1 :]:
                ctx.add("PARTNERS_WITH", org_name(ctx, a), org_name(ctx, b), span, "joint", 0.75)


_POSSESSIVE = re.compile(
    r"\b(?:its|their|son|sa|ses|leur)\s+(?:(?:new|own|flagship|nouveau|nouvelle|propre)\s+)?"
    r"(?:(?:programme|program|project|strategy|initiative|projet|strategie|stratégie)\s+(?:on\s+|sur\s+)?)?$"
)


def _possessive_projects(ctx: DocContext, s: int, e: int) -> None:
    """'UNODC has prolonged its Sahel Programme', 'the EU's Cocaine Route Programme' -> IMPLEMENTS."""
    for m in ctx.within(s, e, "Project"):
        if m.source == "activity" or m.text.lower().startswith(("the ", "this ", "le ", "la ", "ce ", "cette ")):
            continue
        before = ctx.text[max(s, m.start - 40) : m.start]
        if _POSSESSIVE.search(before):
            subjects = [x for x in ctx.within(s, m.start, "Organization")]
            if subjects:
                ctx.add("IMPLEMENTS", subjects[0].name, m.name, (s, e), "possessive", 0.75)
            continue
        owner = [x for x in ctx.within(s, m.start, "Organization")
                 if re.fullmatch(r"['’]s\s+", ctx.text[x.end : m.start])]
        if owner:
            ctx.add("IMPLEMENTS", owner[-1].name, m.name, (s, e), "possessive", 0.75)


def _name_prefix(ctx: DocContext) -> None:
    """'UNODC Sahel Programme' is implemented by UNODC."""
    orgs = {a: m.name for m in ctx.mentions if m.type == "Organization" for a in (m.name, *m.aliases) if a.isupper()}
    for m in ctx.mentions:
        if m.type != "Project":
            continue
        first = m.name.split()[0]
        if first in orgs and len(m.name.split()) > 2:
            ctx.add("IMPLEMENTS", orgs[first], m.name, (m.start, m.end), "name_prefix", 0.8)


def partnerships(ctx: DocContext) -> None:
    for s, e in ctx.sentences:
        folded = ctx.folded(s, e)
        for group in ("in_cooperation", "works_with"):
            for cue in ctx.lex.cue("PARTNERS_WITH", group).finditer(folded.folded):
                c0, c1 = folded.span(cue.start(), cue.end())
                partners = list_after(ctx, s + c1, e, max_gap=70 if group == "in_cooperation" else 12)
                project = _project_before(ctx, s, s + c0)
                if project is not None and any(p.type == "Region" for p in partners):
                    # countries taking part in a project are where it works, not partner organizations
                    for p in partners:
                        if p.type == "Region":
                            ctx.add("TARGETS", project.name, p.name, (s, e), "participants", 0.7)
                    partners = [p for p in partners if p.type != "Region"]
                leads = _leads(ctx, s, e, s + c0, partners)
                for lead in leads:
                    for p in partners:
                        ctx.add("PARTNERS_WITH", lead, org_name(ctx, p), (s, e), group, 0.8)
        for hit in re.finditer(r"\b(?:jointly|together|conjointement|ensemble)\b", ctx.text[s:e]):
            subjects = subject_group(ctx, s, s + hit.start())
            if len(subjects) >= 2 and not re.match(r"\s*(?:with|avec)\b", ctx.text[s + hit.end() : e]):
                _co_partners(ctx, subjects, (s, e))


_AGENT_GAP = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:has|have|had|is|are|was|were|will|a|ont|va|vont)\s+)?(?:(?![A-Z])[^\W\d][\w'’-]*\s+){0,3}$"
)


def _leads(ctx: DocContext, s: int, e: int, cue: int, partners: list[Mention]) -> list[str]:
    """The organization working with the partners: the agent right before the cue ('implemented by X in
    cooperation with', 'que l'ONUDC met en oeuvre en partenariat avec'), else the first organization of the
    sentence, else the implementers of the project the sentence is about."""
    taken = {(p.start, p.end) for p in partners}
    before = [m for m in ctx.within(s, cue, "Organization")]
    if before:
        last = before[-1]
        gap = ctx.text[last.end : cue]
        by = re.search(r"\b(?:by|par)\s+(?:the\s+|l['’]\s*|la\s+|le\s+)?$",
                       ctx.text[max(s, last.start - 12) : last.start])
        if last is not before[0] and (by or (_AGENT_GAP.match(gap) and gap.strip(" ,") and len(gap) < 40)):
            return [last.name]
        return [before[0].name]
    if re.match(r"\s*(?:the|this|le|la|ce|cette)?\s*(?:project|programme|program|initiative|projet|it|il|elle)\b",
                ctx.text[s:cue], re.IGNORECASE) or ctx.within(s, cue, "Project"):
        project = _project_before(ctx, s, cue) or _current(ctx, s)
        if project is not None and ctx.implementers.get(project.name):
            return list(ctx.implementers[project.name])
    after = [m for m in ctx.within(cue, e, "Organization") if (m.start, m.end) not in taken]
    verb = ctx.lex.cue("IMPLEMENTS", "active")
    for m in after:
        if verb.search(ctx.folded(m.end, e).folded[:80]):
            return [m.name]
    project = _project_before(ctx, s, cue) or _current(ctx, s)
    if project is not None:
        return list(ctx.implementers.get(project.name, []))
    return []
