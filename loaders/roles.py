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


def list_after(ctx: DocContext, pos: int, stop: int, max_gap: int = 70) -> list[Mention]:
    """Organizations listed from pos on: 'A, B and the C (D)'; stops at the first non-list gap."""
    out: list[Mention] = []
    cursor = pos
    for m in ctx.within(pos, stop):
        org = _org_at(ctx, m)
        gap = ctx.text[cursor : m.start]
        if org is None:
            if m.type in ("Region",) and out:  # "X in Canada", "Embassy in Bamako"
                cursor = m.end
                continue
            break
        if out and not gap_is_list(re.sub(r"^\s*in\s+\S+", "", gap)) and not re.search(
            r"(?:such as|including|notamment|dont)\s*(?:the\s+)?$", gap
        ):
            break
        if not out and (len(gap) > max_gap or re.search(r"[.;]", gap)):
            break
        out.append(org)
        cursor = m.end
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
    cands = [m for m in ctx.within(sent_start, end) if _org_at(ctx, m)]
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
                continue
            for org in subjects:
                ctx.add("IMPLEMENTS", org_name(ctx, org), project.name, (s, e), "active", 0.85)
            _through_its(ctx, s, s + c0, subjects[0], project)
            _co_partners(ctx, subjects, (s, e))
        for group in ("passive_by", "support_of"):
            for cue in ctx.lex.cue("FUNDS", group).finditer(folded.folded):
                c0, c1 = folded.span(cue.start(), cue.end())
                funders = list_after(ctx, s + c1, e, max_gap=12)
                project = _project_before(ctx, s, s + c0) or _current(ctx, s)
                for org in funders:
                    if project:
                        ctx.add("FUNDS", org_name(ctx, org), project.name, (s, e), group, 0.9)
        _possessive_projects(ctx, s, e)
    _name_prefix(ctx)


def _project_before(ctx: DocContext, start: int, pos: int) -> Mention | None:
    found = [m for m in ctx.within(start, pos, "Project")]
    return found[-1] if found else None


def _project_after(ctx: DocContext, pos: int, stop: int) -> Mention | None:
    found = [m for m in ctx.within(pos, stop, "Project") if m.start - pos <= 120]
    return found[0] if found else None


def _relative_project(ctx: DocContext, start: int, pos: int) -> Mention | None:
    """'<project> that we led'."""
    m = re.search(r"\b(?:that|which|qu['’]|que)\s+\w+\s*$", ctx.text[start:pos])
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


def _possessive_projects(ctx: DocContext, s: int, e: int) -> None:
    for m in ctx.within(s, e, "Project"):
        if re.search(r"\b(?:its|their)\s+(?:new\s+)?(?:programme|program|project|strategy|initiative)\s+(?:on\s+)?$",
                     ctx.text[max(s, m.start - 40) : m.start]):
            subjects = [x for x in ctx.within(s, m.start, "Organization")]
            if subjects:
                ctx.add("IMPLEMENTS", subjects[0].name, m.name, (s, e), "possessive", 0.75)


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
        for cue in ctx.lex.cue("PARTNERS_WITH", "in_cooperation").finditer(folded.folded):
            c0, c1 = folded.span(cue.start(), cue.end())
            partners = list_after(ctx, s + c1, e)
            leads = _leads(ctx, s, e, s + c0, partners)
            for lead in leads:
                for p in partners:
                    ctx.add("PARTNERS_WITH", lead, org_name(ctx, p), (s, e), "in_cooperation", 0.8)


def _leads(ctx: DocContext, s: int, e: int, cue: int, partners: list[Mention]) -> list[str]:
    taken = {(p.start, p.end) for p in partners}
    before = [m for m in ctx.within(s, cue, "Organization")]
    if before:
        return [before[0].name]
    after = [m for m in ctx.within(cue, e, "Organization") if (m.start, m.end) not in taken]
    verb = ctx.lex.cue("IMPLEMENTS", "active")
    for m in after:
        if verb.search(ctx.folded(m.end, e).folded[:80]):
            return [m.name]
    project = _project_before(ctx, s, cue) or _current(ctx, s)
    if project is not None:
        return list(ctx.implementers.get(project.name, []))
    return []
