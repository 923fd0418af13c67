"""Run spaCy over a text (routing paragraphs by language): sentences and NER spans with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from loaders.language import split_by_language
from loaders.models import LoadedModel

_BOILERPLATE = re.compile(
    r"^(?:skip to (?:main )?content|alt text is missing|originally published|view original|share|print|"
    r"aller au contenu(?: principal)?|read more|lire la suite)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Analysis:
    sentences: list[tuple[int, int]]
    ner: list[tuple[int, int, str]]
    models: tuple[str, ...]
    parses: tuple[tuple[int, Doc], ...] = ()  # (offset of the segment in the text, its parsed spaCy Doc)


def analyse(text: str, language: str, models: dict[str, LoadedModel]) -> Analysis:
    sentences: list[tuple[int, int]] = []
    ner: list[tuple[int, int, str]] = []
    used: list[str] = []
    parses: list[tuple[int, Doc]] = []
    for seg in split_by_language(text, language):
        model = models.get(seg.language) or models["en"]
        if model.label not in used:
            used.append(model.label)
        doc = model.nlp(text[seg.start : seg.end])
        parses.append((seg.start, doc))
        for sent in doc.sents:
            s, e = seg.start + sent.start_char, seg.start + sent.end_char
            pos = s
            for line in re.finditer(r"\n+", text[s:e]):
                sentences.append((pos, s + line.start()))
                pos = s + line.end()
            sentences.append((pos, e))
        ner.extend((seg.start + ent.start_char, seg.start + ent.end_char, ent.label_) for ent in doc.ents)
    clean = sorted({(s, e) for s, e in sentences if text[s:e].strip()})
    return Analysis(sentences=clean, ner=ner, models=tuple(used), parses=tuple(parses))


def find_title(text: str, title: str) -> tuple[int, int] | None:
    """The span of the document's title: the given title if it occurs, else the first real line."""
    if title.strip():
        pos = text.find(title.strip())
        if pos >= 0:
            return pos, pos + len(title.strip())
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0).strip()
        if not line or _BOILERPLATE.match(line) or len(line.split()) < 3:
            continue
        if len(line.split()) > 30 or line.endswith("."):
            return None
        start = m.start() + m.group(0).find(line)
        return start, start + len(line)
    return None
