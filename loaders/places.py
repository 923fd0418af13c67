"""Places the gazetteer does not know: towns, communes and villages the statistical NER tags as a place (GPE/LOC)
where the text uses them as one ('in Daboua', 'à Mittériné', 'les communes de Konni, Gaya et Dosso').

The NER proposes; a locative word before the name (or a list such a word heads) decides, so that an organization
or a person the model mistook for a place is not read as one. Names of one to three capitalised words, no digits,
no acronyms, nothing the gazetteer already knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NOT_PLACES = frozenset(fold_phrase(w) for w in (
    "north south east west northern southern eastern western central centre center nord sud est ouest north-east "
    "north-west south-east south-west").split())
_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]*[\w](?:[\s-][A-ZÀ-Ý][\w'’-]*[\w]){0,2}")
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|around|across|outside|inside|between|towards|of the (?:town|city|village|commune|"
    r"region|province|district|department) of|town of|city of|village of|commune of|region of|province of|"
    r"district of|à|au|aux|dans|vers|près de|depuis|entre|en|commune de|ville de|village de|région de|province de|"
    r"département de|localité de|communes de|villages de|localités de|régions de|provinces de|"
    r"(?:région|province|département|commune|cercle|zone)s?\s+du)"
    r"(?:\s+(?:the|la|le|les|l['’]))?\s*"
    r"|(?:,\s*|\s+(?:and|et)\s+))$",
    re.IGNORECASE,
)
_LIST_HEAD = re.compile(r"\b(?:in|at|à|au|aux|dans|de|of)\b[^.;:\n]{0,120}$", re.IGNORECASE)


def place_mentions(text: str, spans: Iterable[tuple[int, int, str]], known_keys: frozenset[str],
                   org_heads: frozenset[str] = frozenset()) -> list[Mention]:
    out: list[Mention] = []
    for start, end, label in spans:
        if label not in _PLACE_LABELS:
            continue
        surface = text[start:end]
        lead = re.match(r"(?:the|The|la|La|le|Le|les|Les|l['’]|L['’])\s*", surface)
        s = start + (lead.end() if lead else 0)
        m = _NAME.fullmatch(text[s:end].rstrip(" ,.;:"))
        if m is None:
            continue
        name = m.group(0)
        key = fold_phrase(name)
        if len(name) < 3 or name.isupper() or key in known_keys or key in _NOT_PLACES \
                or fold_phrase(name.split()[-1]) in org_heads:  # 'Gendarmerie', 'the North'
            continue
        before = text[max(0, s - 60) : s]
        cue = _LOCATIVE.search(before)
        if cue is None:
            continue
        if cue.group(0).strip(" ,").lower() in ("and", "et", "") and not _LIST_HEAD.search(before):
            continue  # 'X and Y' only continues a list that a locative word heads
        out.append(Mention(s, s + len(name), name, "Region", name, (), "ner", attrs=(("kind", "place"),)))
    return out
