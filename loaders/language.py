"""Language identification (English/French) per document and per paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = ("en", "fr")
_MIN_PARAGRAPH_CHARS = 60
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Segment:
    """A run of consecutive paragraphs in one language: text[start:end]."""

    start: int
    end: int
    language: str


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH).build()


def detect_language(text: str, default: str = "en") -> str:
    """'en' or 'fr' for a piece of text (``default`` when undecidable)."""
    if len(text.strip()) < 3:
        return default
    found = _detector().detect_language_of(text[:5000])
    if found == Language.FRENCH:
        return "fr"
    if found == Language.ENGLISH:
        return "en"
    return default


def split_by_language(text: str, document_language: str) -> list[Segment]:
    """Consecutive paragraphs grouped by language; short paragraphs keep the document's language."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_RE.finditer(text):
        bounds.append((pos, match.end()))
        pos = match.end()
    bounds.append((pos, len(text)))
    segments: list[Segment] = []
    for start, end in bounds:
        chunk = text[start:end]
        lang = document_language
        if len(chunk.strip()) >= _MIN_PARAGRAPH_CHARS:
            lang = detect_language(chunk, document_language)
        if segments and segments[-1].language == lang:
            segments[-1] = Segment(segments[-1].start, end, lang)
        else:
            segments.append(Segment(start, end, lang))
    return [s for s in segments if s.end > s.start]
