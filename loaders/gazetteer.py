"""Dictionary matching of known actors, threats and regions (from the taxonomy) over a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph_schema.taxonomy import Taxonomy, load_taxonomy
from loaders.textfold import fold_phrase, fold_text


@dataclass(frozen=True)
class Entry:
    type: str  # Organization | Threat | Region | Demonym
    name: str
    alias: str  # the alias as written in the taxonomy (its case decides case-sensitivity)
    aliases: tuple[str, ...]
    country: str | None = None  # for demonyms and national actors: the country's name
    kind: str = ""
    bare: bool = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: Entry


class Gazetteer:
    """Leftmost-longest, word-bounded, accent-insensitive matching of every taxonomy alias."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        entries: dict[str, list[Entry]] = {}

        def add(alias: str, entry: Entry) -> None:
            key = fold_phrase(alias)
            if len(key) >= 2:
                entries.setdefault(key, []).append(entry)

        code_to_name = {r.code: r.name for r in taxonomy.regions if r.code}
        for actor in taxonomy.actors:
            names = (actor.name, *actor.aliases)
            country = code_to_name.get(actor.country) if actor.country else None
            for alias in names:
                add(alias, Entry("Organization", actor.name, alias, names, country, actor.kind))
        for threat in taxonomy.threats:
            names = (threat.name, *threat.aliases)
            for alias in names:
                add(alias, Entry("Threat", threat.name, alias, names))
            for alias in names:  # 'intercommunal conflicts', 'criminal economies': the plural names the same threat
                plural = _plural(alias)
                if plural and fold_phrase(plural) not in entries:
                    add(plural, Entry("Threat", threat.name, plural, names))
            for word in threat.bare:
                add(word, Entry("Threat", threat.name, word, names, bare=True))
        for region in taxonomy.regions:
            names = (region.name, *region.aliases)
            for alias in names:
                add(alias, Entry("Region", region.name, alias, names, kind=region.kind))
            for demonym in region.demonyms:
                add(demonym, Entry("Demonym", region.name, demonym, (demonym,), region.name))
        self._entries = entries
        keys = sorted(entries, key=lambda k: (-len(k), k))
        body = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
        self._regex = re.compile(rf"(?<![\w-])(?:{body})(?!\w)(?!-(?!based\b|basee?s?\b))")

    def find(self, text: str) -> list[Match]:
        folded = fold_text(text)
        out: list[Match] = []
        for m in self._regex.finditer(folded.folded):
            start, end = folded.span(m.start(), m.end())
            surface = text[start:end]
            key = " ".join(m.group(0).split())
            for entry in self._entries.get(key, []):
                if _case_ok(entry.alias, surface):
                    out.append(Match(start, end, surface, entry))
                    break
        return out


def _plural(name: str) -> str | None:
    """The plural of a threat name's last word ('conflict' -> 'conflicts', 'economy' -> 'economies'), where it has
    one; words in -s, -x, -z, -ing, acronyms and mass nouns of the field keep their form."""
    words = name.split()
    last = words[-1] if words else ""
    if len(last) < 4 or not last.isalpha() or not last.islower() or last.endswith(("s", "x", "z", "ing")) \
            or last in _MASS_NOUNS:
        return None
    if last.endswith("y") and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("al", "eau", "au")) and not last.endswith("eal"):
        return None  # French -al/-au plurals are irregular; the taxonomy lists the ones it needs
    else:
        last += "s"
    return " ".join((*words[:-1], last))


_MASS_NOUNS = frozenset("terrorism extremism jihadism radicalisation radicalization corruption crime criminalité "
                        "violence insecurity insécurité instability instabilité banditry banditisme piracy "
                        "cybercrime cybercriminalité laundering blanchiment fraud fraude poaching braconnage "
                        "cannabis cocaine cocaïne heroin héroïne tramadol haschich hashish marijuana resin "
                        "migration immigration smuggling trafficking use abuse consumption production".split())


def _case_ok(alias: str, surface: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters):  # acronyms: exact case
        return all(c.isupper() for c in surface if c.isalpha())
    if alias[:1].isupper():  # proper nouns: capitalised in the text
        return surface[:1].isupper()
    return True


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer(load_taxonomy())
