"""The mentions stage: gazetteer, statistical NER and general signals -> chosen, resolved mentions.

``MentionFinder.context`` turns a document's text, sentences and NER spans into the ``DocContext`` that the
relation stages read: every candidate mention (gazetteer, donor states, ministries, acronyms, long names,
projects, unnamed activities), the choice among overlapping ones, anaphors, generic project heads named by
their description, and resolution to canonical names.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from graph_schema.taxonomy import Taxonomy
from loaders import entities as ent
from loaders import longnames
from loaders.activities import descriptive_name, find_activities, is_generic_project, unnamed_programmes
from loaders.context import DocContext
from loaders.diplomatic_missions import diplomatic_mission_mentions
from loaders.gazetteer import Gazetteer
from loaders.lexicon import Lexicon
from loaders.mentions import Mention, choose_mentions
from loaders.national_bodies import national_body_mentions
from loaders.places import place_mentions
from loaders.projects import (
    baptised_projects,
    head_first_projects,
    legal_instruments,
    named_projects,
    observance_projects,
    quoted_projects,
)
from loaders.resolution import acronym_occurrences, resolve, resolve_bare_threats
from loaders.textfold import fold_phrase, fold_text


class MentionFinder:
    """Built once per process from the taxonomy, the cue lexicon and the gazetteer."""

    def __init__(self, taxonomy: Taxonomy, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self._known_names = frozenset(fold_phrase(n) for a in taxonomy.actors for n in (a.name, *a.aliases)) | \
            frozenset(fold_phrase(n) for r in taxonomy.regions for n in (r.name, *r.aliases))
        self._countries = {fold_phrase(a): r.name for r in taxonomy.regions if r.kind == "country"
                           for a in (r.name, *r.aliases)}

    def context(
        self,
        text: str,
        doc_id: str,
        sentences: list[tuple[int, int]],
        ner: list[tuple[int, int, str]],
        title_span: tuple[int, int] | None,
        models: tuple[str, ...],
    ) -> DocContext:
        lex, gaz = self.lexicon, self.gazetteer
        matches = gaz.find(text)
        demonyms = ent.demonym_index(matches)
        countries = self._countries
        known = frozenset(fold_phrase(m.text) for m in matches)
        known_acr = frozenset(a for actor in self.taxonomy.actors for a in (actor.name, *actor.aliases) if a.isupper())
        cands: list[Mention] = ent.gazetteer_mentions(matches)
        cands += ent.coordinated_threats(text, gaz)
        cands += ent.ministry_mentions(text, demonyms)
        cands += ent.government_mentions(text, demonyms, countries)
        cands += ent.donor_state_mentions(text, countries)
        cands += ent.embassy_list_mentions(text, demonyms)
        cands += ent.demonym_org_mentions(text, demonyms, lex)
        acr = ent.acronym_mentions(text, lex, known_acr, demonyms)
        cands += acr + acronym_occurrences(text, acr)
        cands += ent.ner_mentions(text, ner, lex, known)
        named = known | self._known_names  # what the gazetteer matched here and every taxonomy name
        cands += place_mentions(text, ner, named, frozenset(lex.words["org_heads"]))
        long_names = {alias: actor.name for actor in self.taxonomy.actors if actor.name.isupper()
                      for alias in actor.aliases if len(alias.split()) >= 3}
        cands += ent.sub_body_mentions(text, lex, known_acr, long_names)
        cands += ent.mission_mentions(text, countries)
        cands += national_body_mentions(text, self.taxonomy)
        cands += diplomatic_mission_mentions(text, self.taxonomy)
        orgs = frozenset(a for m in cands if m.type == "Organization" for a in (m.name, *m.aliases) if a.isupper())
        cands += named_projects(text, lex, orgs)
        cands += head_first_projects(text, named)
        cands += quoted_projects(text, named)
        cands += baptised_projects(text, named)
        cands += observance_projects(text, self._known_names)
        cands += legal_instruments(text)
        cands += self._long_names(text, demonyms, known, known_acr)
        cands = [m for m in cands if not (m.type in ("Organization", "Project")
                                          and m.source in ("ner", "acronym", "project")
                                          and longnames.is_role_phrase(m.name, lex))]
        chosen = choose_mentions(cands)
        regions = [m for m in chosen if m.type == "Region"]
        activity = find_activities(text, sentences, title_span, regions, lex)
        activity += unnamed_programmes(text, sentences, regions, lex)
        if title_span:
            activity = [_with_title(m, text, title_span) for m in activity]
        chosen = choose_mentions(chosen + activity)
        chosen = longnames.adopt_cue_names(text, chosen)
        chosen = _titled_work_refs(text, chosen)
        chosen = _anaphors(text, sentences, chosen, lex)
        chosen = resolve_bare_threats(chosen)
        chosen = _name_generic_projects(text, sentences, chosen, lex)
        resolved = resolve(chosen, self.taxonomy)
        sentences = _repair_sentences(text, sentences, resolved.mentions)
        ctx = DocContext(doc_id=doc_id, text=text, sentences=sentences, mentions=resolved.mentions, lex=lex,
                         taxonomy=self.taxonomy, model_label="+".join(models))
        ctx.author = _author(ctx)
        ctx.groups = dict(resolved.groups)
        return ctx

    def _long_names(self, text: str, demonyms: dict[int, tuple[int, str]], known: frozenset[str],
                    known_acr: frozenset[str]) -> list[Mention]:
        """Long title-case names with an acronym, cue-named projects, described organizations, local bodies."""

        def region_of(name: str) -> str | None:
            region = self.taxonomy.region_named(name)
            return region.name if region is not None else None

        def is_known(name: str) -> bool:
            return fold_phrase(name) in known

        out = longnames.acronym_long_names(text, self.lexicon, is_known, known_acr)
        out += longnames.cue_named_projects(text)
        out += longnames.described_orgs(text, demonyms, region_of, is_known)
        out += longnames.local_bodies(text, region_of)
        return out


def _name_generic_projects(text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
                           lex: Any) -> list[Mention]:
    """A Project named only by a generic head ('new project', 'Formation') takes the description that follows its
    first mention ('new project on trust between ...'); one that has none is not kept."""
    names: dict[str, str | None] = {}
    for m in mentions:
        if m.type != "Project" or m.name in names or not is_generic_project(m.name, lex):
            continue
        start, stop = next(((s, e) for s, e in sentences if s <= m.start < e), (0, len(text)))
        longer = descriptive_name(text, m.start, m.end, stop)
        if is_generic_project(longer, lex):  # 'UNICRI will start a new project': its owner names it
            owner = [o for o in mentions if o.type == "Organization" and start <= o.start and o.end <= m.start]
            longer = f"{owner[-1].name} {m.name[:1].lower()}{m.name[1:]}" if owner else longer
        names[m.name] = None if is_generic_project(longer, lex) else longer
    out: list[Mention] = []
    for m in mentions:
        if m.type != "Project" or m.name not in names:
            out.append(m)
        elif (new := names[m.name]) is not None:
            out.append(dataclasses.replace(m, name=new, aliases=tuple(dict.fromkeys((*m.aliases, m.name)))))
    return out


def _repair_sentences(text: str, sentences: list[tuple[int, int]], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Undo sentence breaks the parser put inside a name ('... pour la Survie | au Sahel (AMSS)')."""
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        joined = out and re.search(r"[,;]\s*$", text[out[-1][0] : out[-1][1]]) and "\n" not in text[out[-1][1] : s]
        if out and (joined or any(m.start < out[-1][1] and m.end > s and m.start >= out[-1][0] for m in mentions)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _with_title(m: Mention, text: str, title: tuple[int, int]) -> Mention:
    return Mention(m.start, m.end, m.text, m.type, m.name, m.aliases, m.source, m.country, m.bare,
                   (*m.attrs, ("title", text[title[0] : title[1]])))


_WORK_NOUN = (r"(?:policy brief|brief|report|study|paper|research paper|working paper|guide|handbook|manual|toolkit|"
              r"documentary|film|video|podcast|rapport|etude|étude|note|note de politique|documentaire)")
_WORK_BEFORE = re.compile(rf"\b(?:the|this|our|its|le|la|ce|cette|notre|son|sa)\s+(?:new\s+|nouveau\s+|nouvelle\s+)?"
                          rf"({_WORK_NOUN})\s*,?\s*(?:called|titled|entitled|named|intitulée?|appelée?)?\s*[\"“«‘']?\s*$",
                          re.IGNORECASE)


def _titled_work_refs(text: str, mentions: list[Mention]) -> list[Mention]:
    """'launched a new policy brief on X ... The brief, called "Y"': every mention of the brief is the work Y."""
    extra: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        if m.type != "Project" or m.attr("kind") != "titled":
            continue
        hit = _WORK_BEFORE.search(text[max(0, m.start - 60) : m.start])
        if not hit:
            continue
        noun = hit.group(1).split()[-1]
        refs = re.compile(rf"\b(?:an?|the|this|our|its|une?|le|la|cette|ce|notre|son|sa)\s+"
                          rf"(?:new\s+|nouveau\s+|nouvelle\s+)?"
                          rf"(?:[\w-]+\s+)?{re.escape(noun)}\b", re.IGNORECASE)
        for r in refs.finditer(text):
            s, e = r.start(), r.end()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            extra.append(Mention(s, e, text[s:e], "Project", m.name, (), "activity", attrs=m.attrs))
    return sorted(mentions + extra, key=lambda x: (x.start, x.end, x.type, x.name))


def _anaphors(text: str, sentences: list[tuple[int, int]], mentions: list[Mention], lex: Any) -> list[Mention]:
    """'the initiative', 'this project', sentence-initial 'It' -> the current project or activity."""
    pattern = re.compile(rf"\b(?:{'|'.join(sorted(lex.words['activity_anaphors']))})\b", re.IGNORECASE)
    extra: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    projects = [m for m in mentions if m.type == "Project"]
    folded = fold_text(text)
    for hit in pattern.finditer(folded.folded):
        s, e = folded.span(hit.start(), hit.end())
        if any(a < e and s < b for a, b in taken):
            continue
        wants_project = bool(re.search(r"project|programme|program|projet", hit.group(0), re.I))
        before = [p for p in projects + extra if p.end <= s and (p.attr("kind") != "activity") == wants_project]
        before = before or [p for p in projects + extra if p.end <= s]
        if before:
            extra.append(Mention(s, e, text[s:e], "Project", before[-1].name, (), "activity", attrs=before[-1].attrs))
    for s, e in sentences:
        # 'It ...', and 'Launched in 2012 as ..., it helps ...': the subject after a fronted phrase
        m = re.match(r"\s*(It|Its|Il|Elle)\s", text[s:e]) or _FRONTED_IT.match(text[s:e])
        prev = [p for p in projects + extra if p.end <= s and p.start >= max(0, s - 400)]
        if m and prev:
            p = prev[-1]
            # the subject of the previous sentence, when that sentence opens with a project
            last = [(a, b) for a, b in sentences if b <= s]
            if last:
                a, b = last[-1]
                lead = [x for x in projects + extra if a <= x.start < b and not text[a : x.start].strip(" \"“‘'")]
                if lead:
                    p = lead[0]
            extra.append(Mention(s + m.start(1), s + m.end(1), m.group(1), "Project", p.name, (), "activity",
                                 attrs=p.attrs))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end, m.type, m.name))


_FRONTED_IT = re.compile(
    r"\s*(?:[A-Z][a-z]+(?:ed|en|é|ée|és|ées)|In|Since|Under|Through|After|Before|From|Depuis|Dans|Après|Sous|Lancée?|Créée?)"
    r"\b[^.;:]{0,200}?,\s+(it|il|elle)\s"
)


def _author(ctx: DocContext) -> str | None:
    """A first-person document speaks for the first organization that is the subject of an activity verb."""
    if not re.search(r"\b(?:we|our|nous|notre)\b", ctx.text, re.IGNORECASE):
        return None
    verb = ctx.lex.cue("IMPLEMENTS", "active")
    for m in ctx.mentions:
        if m.type == "Organization" and verb.match(ctx.folded(m.end, m.end + 60).folded.lstrip().removeprefix("has ")
                                                   .removeprefix("have ")):
            return m.name
    return None
