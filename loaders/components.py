"""The extraction pipeline as registered spaCy components, results on ``Doc`` and ``Span`` extensions.

Importing this module registers six factories, one per stage; ``ExtractionPipeline`` runs them in order on a
blank multilingual host pipeline, and a data scientist can assemble the same pipeline in their own code::

    import spacy
    import loaders.components  # registers the factories

    nlp = spacy.blank("xx")
    for name in loaders.components.STAGES:
        nlp.add_pipe(name)
    doc = nlp("UNODC, with funding from Japan, trains judges in Niamey.")
    doc._.relations                  # tuple of RelationRecord (type, source, target, evidence)
    [(s.text, s.label_, s._.canonical) for s in doc.spans["nexus_mentions"]]

The stages and what each leaves on the ``Doc``:

- ``nexus_analysis`` (config: ``english_model``, ``french_model``, spaCy package names or null for the best
  installed): language per paragraph, each segment parsed by its language's model -> ``doc._.analysis``,
  ``doc._.meta`` (the ``DocumentMeta``: id, title, language, content hash);
- ``nexus_mentions``: gazetteer, statistical NER and the general signals, choice among overlapping spans,
  anaphors and resolution -> ``doc._.context`` (the ``DocContext`` the relation stages read);
- ``nexus_rules``: the hand-written cue-lexicon and dependency rules (``loaders/relations.py``) -> facts in
  the context;
- ``nexus_candidates``: every type-compatible pair with its features -> ``doc._.candidates``;
- ``nexus_decide`` (config: ``model_path``, null for ``loaders/relation_model.json``; ``enabled``): the logistic
  model keeps the candidates it believes;
- ``nexus_assemble``: -> ``doc._.extraction`` (what the writer stores), ``doc._.relations``, and
  ``doc.spans["nexus_mentions"]``: one span per kept mention, labelled with its entity type, with
  ``span._.canonical`` (the resolved entity name).

Document metadata (id, title, url, date, language, source) goes in ``doc._.nexus_input`` before the first
stage; without it the id is ``document`` and the language is detected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from graph_schema.contract import DocumentMeta, sha256_text
from graph_schema.taxonomy import load_taxonomy
from loaders.analysis import analyse, find_title
from loaders.assemble import assemble
from loaders.candidates import propose
from loaders.gazetteer import default_gazetteer
from loaders.language import detect_language
from loaders.lexicon import load_lexicon
from loaders.mention_stage import MentionFinder
from loaders.models import LoadedModel, load_model
from loaders.relations import extract_relations
from loaders.scorer import MODEL_PATH, decide, load_scorer

STAGES = ("nexus_analysis", "nexus_mentions", "nexus_rules", "nexus_candidates", "nexus_decide", "nexus_assemble")
MENTIONS_KEY = "nexus_mentions"

for _name in ("nexus_input", "analysis", "title_span", "meta", "context", "candidates", "extraction"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=())
if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)


def _required(doc: Doc, name: str, stage: str) -> Any:
    value = getattr(doc._, name)
    if value is None:
        raise ValueError(f"{stage}: doc._.{name} is not set; add the stages in the order of loaders.components.STAGES")
    return value


class AnalysisStage:
    def __init__(self, english_model: str | None, french_model: str | None) -> None:
        self.models: dict[str, LoadedModel] = {"en": load_model("en", english_model),
                                               "fr": load_model("fr", french_model)}

    @property
    def max_length(self) -> int:
        return min(m.nlp.max_length for m in self.models.values())

    def __call__(self, doc: Doc) -> Doc:
        given: dict[str, Any] = doc._.nexus_input or {}
        text = doc.text
        language = given.get("language")
        lang = language if language in ("en", "fr") else detect_language(text)
        analysis = analyse(text, lang, self.models)
        title = str(given.get("title") or "")
        title_span = find_title(text, title)
        doc._.analysis = analysis
        doc._.title_span = title_span
        doc._.meta = DocumentMeta(
            id=str(given.get("doc_id") or "document"),
            title=title or (text[title_span[0] : title_span[1]] if title_span else "")[:1000],
            url=given.get("url"),
            date=given.get("date"),
            language=lang,
            content_hash=sha256_text(text),
            source=given.get("source"),
        )
        return doc


class MentionStage:
    def __init__(self) -> None:
        self.finder = MentionFinder(load_taxonomy(), load_lexicon(), default_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        analysis = _required(doc, "analysis", "nexus_mentions")
        meta: DocumentMeta = _required(doc, "meta", "nexus_mentions")
        ctx = self.finder.context(doc.text, meta.id, analysis.sentences, analysis.ner, doc._.title_span,
                                  analysis.models)
        ctx.parses = analysis.parses
        doc._.context = ctx
        return doc


def rules_stage(doc: Doc) -> Doc:
    extract_relations(_required(doc, "context", "nexus_rules"))
    return doc


def candidates_stage(doc: Doc) -> Doc:
    doc._.candidates = propose(_required(doc, "context", "nexus_candidates"))
    return doc


class DecideStage:
    def __init__(self, model_path: str | None, enabled: bool) -> None:
        self.scorer = load_scorer(Path(model_path) if model_path else MODEL_PATH) if enabled else None

    def __call__(self, doc: Doc) -> Doc:
        ctx = _required(doc, "context", "nexus_decide")
        decide(ctx, list(doc._.candidates or ()), self.scorer)
        return doc


def assemble_stage(doc: Doc) -> Doc:
    ctx = _required(doc, "context", "nexus_assemble")
    extraction = assemble(_required(doc, "meta", "nexus_assemble"), ctx)
    doc._.extraction = extraction
    doc._.relations = extraction.relations
    spans: list[Span] = []
    for m in ctx.mentions:
        if (m.start, m.end) in ctx.dropped:
            continue
        span = doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand")
        if span is not None:
            span._.canonical = m.name
            spans.append(span)
    doc.spans[MENTIONS_KEY] = SpanGroup(doc, name=MENTIONS_KEY, spans=spans)
    return doc


@Language.factory("nexus_analysis", default_config={"english_model": None, "french_model": None})
def make_analysis(nlp: Language, name: str, english_model: str | None, french_model: str | None) -> AnalysisStage:
    return AnalysisStage(english_model, french_model)


@Language.factory("nexus_mentions")
def make_mentions(nlp: Language, name: str) -> MentionStage:
    return MentionStage()


@Language.factory("nexus_rules")
def make_rules(nlp: Language, name: str) -> Any:
    return rules_stage


@Language.factory("nexus_candidates")
def make_candidates(nlp: Language, name: str) -> Any:
    return candidates_stage


@Language.factory("nexus_decide", default_config={"model_path": None, "enabled": True})
def make_decide(nlp: Language, name: str, model_path: str | None, enabled: bool) -> DecideStage:
    return DecideStage(model_path, enabled)


@Language.factory("nexus_assemble")
def make_assemble(nlp: Language, name: str) -> Any:
    return assemble_stage
