"""Acronym definitions: 'Long Name (ACR)' -> an entity named by the long name, alias ACR."""

from __future__ import annotations

import re

from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_DEF_RE = re.compile(r"\((?:[^()]{0,80}?,\s*or\s+)?([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?:/[A-Z][A-Za-z0-9&]+)?)\)")
_GLUE = frozenset("of and the for on in to & de des du la le les l d et pour au aux en sur a".split())
_PREP = frozenset("of for on to against in de des du pour sur contre".split())
_TOKEN_RE = re.compile(r"[\w’'&-]+|[^\w\s]")
_STOP_PUNCT = frozenset(",.;:!?\"“”«»()[]")
_ARTICLE_RE = re.compile(r"^(?:the|The|L['’]|l['’]|La|la|Le|le|Les|les)\s*")


def _initials(word: str) -> str:
    word = re.split(r"['’]", word)[-1]
    parts = [p for p in word.split("-") if p]
    return "".join(fold_phrase(p[0]).upper()[:1] for p in parts if p[0].isalnum())


def _covers(acronym: str, initials: list[str]) -> bool:
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters or not initials or not initials[0] or initials[0][0] != letters[0]:
        return False
    i = 0
    for chunk in initials:
        for ch in chunk:
            if i < len(letters) and ch == letters[i]:
                i += 1
    return i == len(letters)


def find_long_name(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    """(start, end) of the long form just before text[paren] == '(' whose initials spell the acronym."""
    window_start = max(0, paren - 240)
    window = re.sub(r"\([\w-]{1,6}\)", lambda m: " " * len(m.group(0)), text[window_start:paren])
    tokens = [(window_start + m.start(), window_start + m.end(), m.group(0)) for m in _TOKEN_RE.finditer(window)]
    words: list[tuple[int, int, str]] = []
    for tok in reversed(tokens):
        if tok[2] in _STOP_PUNCT or len(words) >= 16:
            break
        words.insert(0, tok)
    if not words:
        return None
    for i in range(len(words) - 1, -1, -1):
        word = words[i][2]
        if fold_phrase(word) in _GLUE or not word[:1].isalpha():
            continue
        content = [_initials(w[2]) for w in words[i:] if fold_phrase(w[2]) not in _GLUE]
        if _covers(acronym.rstrip("s"), content) and len(content) <= len(acronym) + 5:
            return words[i][0], words[-1][1]
    return None


def classify_name(name: str, lex: Lexicon) -> str | None:
    """'Organization' / 'Project' from the head noun (the last word before the first preposition)."""
    words = [fold_phrase(w) for w in re.findall(r"[\w’'-]+", name)]
    head_words: list[str] = []
    for w in words:
        if w in _PREP and head_words:
            break
        head_words.append(w)
    if not head_words:
        return None
    last_two = " ".join(head_words[-2:])
    head = head_words[-1]
    first = head_words[0].split("'")[-1]
    if head in lex.words["project_heads"] or last_two in lex.words["project_heads"]:
        return "Project"
    if head in lex.words["org_heads"] or last_two in lex.words["org_heads"] or first in lex.words["org_heads"]:
        return "Organization"
    return None


def acronym_mentions(
    text: str, lex: Lexicon, known_acronyms: frozenset[str], demonyms: dict[int, tuple[int, str]]
) -> list[Mention]:
    """Long forms defined with an acronym, typed by their head noun or by '<ACR> project' usage."""
    out: list[Mention] = []
    for m in _DEF_RE.finditer(text):
        for part in m.group(1).split("/"):
            if part in known_acronyms or len(part.rstrip("s")) < 2:
                continue
            span = find_long_name(text, m.start(), part)
            usage = re.search(rf"\b{re.escape(part)}\s+(project|programme|program|projet|initiative)\b", text, re.I)
            if span is None:
                typ = _described_type(text, m.start(), lex)
                if typ:
                    start = m.start(1) + m.group(1).find(part)
                    out.append(Mention(start, start + len(part), part, typ, part, (), "acronym"))
                continue
            start, end = span
            art = _ARTICLE_RE.match(text[start:end])
            long_name = text[start + (art.end() if art else 0) : end]
            typ = classify_name(long_name, lex) or ("Project" if usage else None)
            if typ is None:
                continue
            start = _extend_demonym(text, start + (art.end() if art else 0), demonyms)
            long_name = text[start:end]
            aliases = (part, f"{long_name} ({part})", text[span[0] : end])
            out.append(Mention(start, end, long_name, typ, long_name, aliases, "acronym"))
    return out


def _described_type(text: str, paren: int, lex: Lexicon) -> str | None:
    """'the network of NGOs working on violent extremism (COPEV)' -> Organization."""
    before = text[max(0, paren - 120) : paren]
    m = re.search(r"\bthe\s+([a-z][\w-]*)\b[^,;:()]*$", before)
    if m and fold_phrase(m.group(1)) in lex.words["org_heads"]:
        return "Organization"
    return None


def _extend_demonym(text: str, start: int, demonyms: dict[int, tuple[int, str]]) -> int:
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    hit = demonyms.get(j)
    if hit is None:
        return start
    royal = text[max(0, hit[0] - 6) : hit[0]] == "Royal "
    return hit[0] - 6 if royal else hit[0]
