"""What the relation rules see: the text, its sentences, the chosen mentions, and helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from graph_schema.contract import Evidence, RelationRecord
from graph_schema.taxonomy import Taxonomy
from loaders import PIPELINE_VERSION
from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import FoldedText, fold_text

MAX_QUOTE = 400


@dataclass
class DocContext:
    doc_id: str
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    lex: Lexicon
    taxonomy: Taxonomy
    model_label: str
    author: str | None = None  # the organization a first-person document speaks for ("we", "our")
    relations: dict[tuple[str, str, str], RelationRecord] = field(default_factory=dict)
    implementers: dict[str, list[str]] = field(default_factory=dict)  # project name -> organizations
    dropped: set[tuple[int, int]] = field(default_factory=set)  # region mentions re-read as organizations
    # (type, canonical name) -> aliases of every resolved entity (per document, so extraction is re-entrant)
    groups: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    parses: tuple[tuple[int, Doc], ...] = ()  # (offset in text, parsed spaCy Doc) per language segment

    def folded(self, start: int, end: int) -> FoldedText:
        return fold_text(self.text[start:end])

    def within(self, start: int, end: int, *types: str) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and (not types or m.type in types)]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return next(((s, e) for s, e in self.sentences if s <= pos < e), (pos, pos))

    def projects_before(self, pos: int) -> list[Mention]:
        return [m for m in self.mentions if m.type == "Project" and m.end <= pos]

    def add(
        self,
        rel_type: str,
        source: str,
        target: str,
        span: tuple[int, int],
        group: str,
        confidence: float,
        role: str | None = None,
    ) -> None:
        if source == target:
            return
        symmetric = rel_type in ("PARTNERS_WITH", "LINKED_TO")
        first, second = sorted((source, target)) if symmetric else (source, target)
        key = (rel_type, first, second)
        if key in self.relations:
            return
        start, end = self._quote_span(*span)
        evidence = Evidence(
            document_id=self.doc_id,
            quote=self.text[start:end],
            start=start,
            end=end,
            rule=self.lex.rule_id(rel_type, group),
            model=self.model_label,
            pipeline_version=PIPELINE_VERSION,
            confidence=confidence,
        )
        self.relations[key] = RelationRecord(type=rel_type, source=source, target=target, role=role,
                                             evidence=(evidence,))
        if rel_type == "IMPLEMENTS":
            self.implementers.setdefault(target, []).append(source)

    def _quote_span(self, start: int, end: int) -> tuple[int, int]:
        s, e = self.sentence_of(start)
        s, e = min(s, start), max(e, end)
        if e - s > MAX_QUOTE:
            s = max(s, min(start, end - MAX_QUOTE))
            e = min(e, s + MAX_QUOTE)
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e


_DEMONYM_WORD = re.compile(r"(?<=\s)[A-Z][a-zé]+(?:ian|an|ese|ais|aise|ien|ienne|ain|aine|ois|oise|ish)(?=\s+$)")


def gap_is_list(text: str) -> bool:
    """True when the text between two mentions only joins them into a list."""
    cleaned = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", text)
    cleaned = _DEMONYM_WORD.sub(" ", cleaned)  # 'UNODC and the Malian OCS
    joiner = (r"[\s,]*(?:(?:and|&|et|as well as|or|ou|ainsi que)\s+)?(?:(?:with|avec)\s+)?"
              r"(?:(?:de|du|des|d['’])\s*)?(?:the\s+|la\s+|le\s+|les\s+|l['’]\s*)?[\s]*")
    return bool(re.fullmatch(joiner, cleaned))
