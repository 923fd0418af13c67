"""Accent- and case-folded text with a map back to the original character offsets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_QUOTES_DASHES = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0",
    "'" * 7 + '"' * 7 + "-" * 7 + " ",
)


_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}


@lru_cache(maxsize=8192)  # a pure function of one character: the text's alphabet is small
def fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if ch in _LIGATURES:  # 'œuvre' -> 'oeuvre' (NFKD leaves œ/æ alone)
        return _LIGATURES[ch]
    out = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in out if not unicodedata.combining(c)).translate(_QUOTES_DASHES)


@dataclass(frozen=True)
class FoldedText:
    """``folded[i]`` comes from ``original[offsets[i]]``; offsets has one extra entry for the end."""

    original: str
    folded: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of folded[start:end]."""
        return self.offsets[start], self.offsets[end - 1] + 1 if end > start else self.offsets[start]


def fold_text(text: str) -> FoldedText:
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in fold_char(ch):
            chars.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return FoldedText(original=text, folded="".join(chars), offsets=tuple(offsets))


@lru_cache(maxsize=65536)  # names and cue windows recur within and across documents
def fold_phrase(text: str) -> str:
    return " ".join("".join(fold_char(c) for c in text).split())
