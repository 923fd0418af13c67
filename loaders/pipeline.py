"""The extraction pipeline: text or file -> Extraction (entities, relations, evidence).

``ExtractionPipeline`` reads files (``loaders/readers.py``), enforces the limits, and runs the registered spaCy
components of ``loaders/components.py`` in order on a blank host pipeline (``pipeline.nlp.pipe_names``):
analysis -> mentions -> rules -> candidates -> decide -> assemble.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph_schema.contract import DocumentMeta, Extraction
from graph_schema.errors import BadDocument, DocumentTooLarge, ExtractionTimeout
from loaders.assemble import assemble, government_aliases
from loaders.components import STAGES, AnalysisStage, DecideStage, MentionStage
from loaders.context import DocContext
from loaders.models import LoadedModel
from loaders.readers import read_bytes
from loaders.scorer import RelationScorer

__all__ = ["DEFAULT_MAX_BYTES", "ExtractionPipeline", "build_nlp", "government_aliases", "sanitize_doc_id"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_ID_BAD = re.compile(r"[^A-Za-z0-9._:-]+")
_PREPARE_STAGES = STAGES[: STAGES.index("nexus_rules") + 1]


def sanitize_doc_id(stem: str) -> str:
    cleaned = _ID_BAD.sub("-", stem).strip("-._:")
    return cleaned[:200] or "document"


def build_nlp(*, english_model: str | None = None, french_model: str | None = None,
              use_model: bool = True, max_length: int = DEFAULT_MAX_BYTES) -> Language:
    """A blank multilingual host pipeline with the six nexus stages (each parses with its own models)."""
    nlp = spacy.blank("xx")
    nlp.max_length = max_length
    for name in STAGES:
        config: dict[str, Any] = {}
        if name == "nexus_analysis":
            config = {"english_model": english_model, "french_model": french_model}
        elif name == "nexus_decide":
            config = {"enabled": use_model}
        nlp.add_pipe(name, config=config)
    return nlp


class ExtractionPipeline:
    """Built once per process: the host spaCy pipeline, whose stages load the models, taxonomy and lexicon."""

    def __init__(
        self, *, max_bytes: int = DEFAULT_MAX_BYTES, english_model: str | None = None, timeout_s: float | None = None,
        use_model: bool = True,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.nlp = build_nlp(english_model=english_model, use_model=use_model, max_length=max_bytes + 1)
        analysis = self.nlp.get_pipe("nexus_analysis")
        assert isinstance(analysis, AnalysisStage)
        self._analysis = analysis
        mentions = self.nlp.get_pipe("nexus_mentions")
        assert isinstance(mentions, MentionStage)
        self.taxonomy = mentions.finder.taxonomy
        self.lexicon = mentions.finder.lexicon

    @property
    def models(self) -> dict[str, LoadedModel]:
        return self._analysis.models

    @property
    def scorer(self) -> RelationScorer | None:
        decide = self.nlp.get_pipe("nexus_decide")
        assert isinstance(decide, DecideStage)
        return decide.scorer

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
        doc = self._run(text, STAGES, doc_id=doc_id, title=title, url=url, date=date, language=language,
                        source=source)
        extraction: Extraction = doc._.extraction
        return extraction

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
        doc = self._run(text, _PREPARE_STAGES, doc_id=doc_id, title=title, url=url, date=date, language=language,
                        source=source)
        return doc._.meta, doc._.context

    def extraction(self, meta: DocumentMeta, ctx: DocContext) -> Extraction:
        return assemble(meta, ctx)

    def _run(self, text: str, stages: tuple[str, ...], *, doc_id: str, **given: Any) -> Doc:
        started = time.monotonic()
        if not text.strip():
            raise BadDocument(f"{doc_id}: the document has no text")
        if len(text.encode("utf-8")) > self.max_bytes:
            raise DocumentTooLarge(f"{doc_id}: text exceeds the limit of {self.max_bytes} bytes")
        limit = self._analysis.max_length
        if len(text) > limit:
            raise DocumentTooLarge(
                f"{doc_id}: text has {len(text):,} characters; the language models accept at most {limit:,} "
                "characters per document (split the document into smaller parts)"
            )
        doc = self.nlp.make_doc(text)
        doc._.nexus_input = {"doc_id": doc_id, **given}
        for name, proc in self.nlp.pipeline:
            if name not in stages:
                continue
            doc = proc(doc)
            if name in ("nexus_analysis", "nexus_rules"):
                self._check_time(started, doc_id)
        return doc

    def _check_time(self, started: float, doc_id: str) -> None:
        if self.timeout_s is not None and time.monotonic() - started > self.timeout_s:
            raise ExtractionTimeout(f"{doc_id}: extraction ran over {self.timeout_s} s")
