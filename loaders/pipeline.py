"""The extraction pipeline: text or file -> Extraction (entities, relations, evidence)."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path
from typing import Any

from graph_schema.contract import DocumentMeta, Extraction, RelationRecord, sha256_text
from graph_schema.errors import BadDocument, DocumentTooLarge, ExtractionTimeout
from graph_schema.taxonomy import load_taxonomy
from loaders import entities as ent
from loaders import longnames
from loaders.activities import descriptive_name, find_activities, is_generic_project, unnamed_programmes
from loaders.analysis import analyse, find_title
from loaders.candidates import propose
from loaders.context import DocContext
from loaders.gazetteer import default_gazetteer
from loaders.language import detect_language
from loaders.lexicon import load_lexicon
from loaders.mentions import Mention, choose_mentions
from loaders.models import LoadedModel, load_model
from loaders.projects import head_first_projects, legal_instruments, named_projects
from loaders.readers import read_bytes
from loaders.relations import extract_relations
from loaders.resolution import acronym_occurrences, entity_records, resolve, resolve_bare_threats
from loaders.scorer import decide, load_scorer
from loaders.textfold import fold_phrase, fold_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_ID_BAD = re.compile(r"[^A-Za-z0-9._:-]+")
_SIGNATURE_TYPES = {"FUNDS": ("Organization", None), "IMPLEMENTS": ("Organization", "Project"),
                    "PARTNERS_WITH": ("Organization", "Organization"), "AFFILIATED_WITH": ("Person", "Organization"),
                    "LINKED_TO": ("Threat", "Threat"), "TARGETS": ("Project", None), "LOCATED_IN": (None, "Region")}


def sanitize_doc_id(stem: str) -> str:
    cleaned = _ID_BAD.sub("-", stem).strip("-._:")
    return cleaned[:200] or "document"


class ExtractionPipeline:
    """Built once per process: loads the spaCy models, taxonomy and cue lexicon."""

    def __init__(
        self, *, max_bytes: int = DEFAULT_MAX_BYTES, english_model: str | None = None, timeout_s: float | None = None
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.models: dict[str, LoadedModel] = {"en": load_model("en", english_model), "fr": load_model("fr")}
        self.taxonomy = load_taxonomy()
        self.lexicon = load_lexicon()
        self.gazetteer = default_gazetteer()
        self.scorer = load_scorer()
        self._known_names = frozenset(fold_phrase(n) for a in self.taxonomy.actors for n in (a.name, *a.aliases)) | \
            frozenset(fold_phrase(n) for r in self.taxonomy.regions for n in (r.name, *r.aliases))

    def extract_file(self, path: str | Path) -> Extraction:
        text, fields = self._file_text(path)
        return self.extract_text(text, **fields)

    def prepare_file(self, path: str | Path) -> tuple[DocumentMeta, DocContext]:
        """``prepare`` for a file: what the scorer's training script reads."""
        text, fields = self._file_text(path)
        return self.prepare(text, **fields)

    def extract_bytes(self, data: bytes, *, filename: str, doc_id: str | None = None, **meta: Any) -> Extraction:
        text, fields = self._bytes_text(data, filename=filename, doc_id=doc_id, **meta)
        return self.extract_text(text, **fields)

    def _file_text(self, path: str | Path) -> tuple[str, dict[str, Any]]:
        p = Path(path)
        try:
            size = p.stat().st_size
            if size > self.max_bytes:
                raise DocumentTooLarge(f"{p.name}: {size} bytes exceeds the limit of {self.max_bytes} bytes")
            data = p.read_bytes()
        except OSError as exc:
            raise BadDocument(f"{p}: cannot read the file: {exc.strerror or exc}") from None
        return self._bytes_text(data, filename=p.name, doc_id=sanitize_doc_id(p.stem), source=str(p))

    def _bytes_text(self, data: bytes, *, filename: str, doc_id: str | None = None,
                    **meta: Any) -> tuple[str, dict[str, Any]]:
        if len(data) > self.max_bytes:
            raise DocumentTooLarge(f"{filename}: {len(data)} bytes exceeds the limit of {self.max_bytes} bytes")
        doc = read_bytes(data, filename)
        fields = {**doc.meta, **{k: v for k, v in meta.items() if v is not None}}
        return doc.text, {
            "doc_id": doc_id or sanitize_doc_id(Path(filename).stem),
            "title": str(fields.get("title", "")),
            "url": fields.get("url"),
            "date": fields.get("date"),
            "language": fields.get("language"),
            "source": fields.get("source"),
        }

    def extract_text(
        self,
        text: str,
        *,
        doc_id: str,
        title: str = "",
        url: str | None = None,
        date: str | None = None,
        language: str | None = None,
        source: str | None = None,
    ) -> Extraction:
        meta, ctx = self.prepare(text, doc_id=doc_id, title=title, url=url, date=date, language=language,
                                 source=source)
        decide(ctx, propose(ctx), self.scorer)
        return self.extraction(meta, ctx)

    def prepare(
        self,
        text: str,
        *,
        doc_id: str,
        title: str = "",
        url: str | None = None,
        date: str | None = None,
        language: str | None = None,
        source: str | None = None,
    ) -> tuple[DocumentMeta, DocContext]:
        """Everything up to the decision on candidates: mentions, resolution and the hand-written rules."""
        started = time.monotonic()
        if not text.strip():
            raise BadDocument(f"{doc_id}: the document has no text")
        if len(text.encode("utf-8")) > self.max_bytes:
            raise DocumentTooLarge(f"{doc_id}: text exceeds the limit of {self.max_bytes} bytes")
        limit = min(m.nlp.max_length for m in self.models.values())
        if len(text) > limit:
            raise DocumentTooLarge(
                f"{doc_id}: text has {len(text):,} characters; the language models accept at most {limit:,} "
                "characters per document (split the document into smaller parts)"
            )
        lang = language if language in ("en", "fr") else detect_language(text)
        analysis = analyse(text, lang, self.models)
        self._check_time(started, doc_id)
        title_span = find_title(text, title)
        ctx = self._context(text, doc_id, analysis.sentences, analysis.ner, title_span, analysis.models)
        ctx.parses = analysis.parses
        extract_relations(ctx)
        self._check_time(started, doc_id)
        meta = DocumentMeta(
            id=doc_id,
            title=title or (text[title_span[0] : title_span[1]] if title_span else "")[:1000],
            url=url,
            date=date,
            language=lang,
            content_hash=sha256_text(text),
            source=source,
        )
        return meta, ctx

    def _check_time(self, started: float, doc_id: str) -> None:
        if self.timeout_s is not None and time.monotonic() - started > self.timeout_s:
            raise ExtractionTimeout(f"{doc_id}: extraction ran over {self.timeout_s} s")

    def _context(
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
        countries = {fold_phrase(a): r.name for r in self.taxonomy.regions if r.kind == "country"
                     for a in (r.name, *r.aliases)}
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
        long_names = {alias: actor.name for actor in self.taxonomy.actors if actor.name.isupper()
                      for alias in actor.aliases if len(alias.split()) >= 3}
        cands += ent.sub_body_mentions(text, lex, known_acr, long_names)
        cands += ent.mission_mentions(text, countries)
        orgs = frozenset(a for m in cands if m.type == "Organization" for a in (m.name, *m.aliases) if a.isupper())
        cands += named_projects(text, lex, orgs)
        cands += head_first_projects(text, known | self._known_names)
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

    def extraction(self, meta: DocumentMeta, ctx: DocContext) -> Extraction:
        groups = dict(ctx.groups)
        used = {(m.type, m.name) for m in ctx.mentions if (m.start, m.end) not in ctx.dropped}
        for rel in ctx.relations.values():
            for end, slot in ((rel.source, 0), (rel.target, 1)):
                typ = _end_type(rel.type, slot, end, ctx, groups)
                if typ and (typ, end) not in used:
                    used.add((typ, end))
                    if end.startswith("Government of "):
                        groups.setdefault((typ, end), (end.removeprefix("Government of "),))
        for typ, name in used:
            if typ == "Organization" and name.startswith("Government of "):
                extra = government_aliases(self.taxonomy, name.removeprefix("Government of "))
                groups[(typ, name)] = tuple(dict.fromkeys((*groups.get((typ, name), ()), *extra)))
        relations: list[RelationRecord] = sorted(ctx.relations.values(), key=lambda r: (r.type, r.source, r.target))
        return Extraction(document=meta, entities=tuple(entity_records(groups, used)), relations=tuple(relations))


def government_aliases(taxonomy: Any, state: str) -> tuple[str, ...]:
    """'Government of Czechia': also 'Czechia', 'Czech Republic', 'Government of the Czech Republic'."""
    region = taxonomy.region_named(state)
    names = (state, *(region.aliases if region is not None else ()))
    out: list[str] = []
    for n in names:
        if n[:1].isupper() and len(n) > 2:
            out += [n, f"Government of {n}"]
            if re.search(r"\b(?:Republic|Kingdom|States|Netherlands|Emirates|Islands|Union|Federation)\b", n):
                out.append(f"Government of the {n}")  # 'the Government of the Netherlands'
    return tuple(dict.fromkeys(a for a in out if a != f"Government of {state}"))


def _end_type(
    rel_type: str, slot: int, name: str, ctx: DocContext, groups: dict[tuple[str, str], tuple[str, ...]]
) -> str | None:
    fixed = _SIGNATURE_TYPES[rel_type][slot]
    if fixed:
        return fixed
    for typ in ("Organization", "Project", "Threat", "Region"):
        if (typ, name) in groups:
            return typ
    if ctx.taxonomy.region_named(name) is not None:
        return "Region"
    if rel_type == "TARGETS":
        return "Threat"
    return "Organization"


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
