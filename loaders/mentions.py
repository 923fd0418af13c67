"""Mentions: typed spans of the document text, and choosing among overlapping ones."""

from __future__ import annotations

from dataclasses import dataclass, field

# Higher wins when two candidate mentions have the same span.
# 'role' (a country in a donor's role) and 'coordination' (an item of 'trafficking of X, Y and Z') re-read a span the
# gazetteer also matches, and say more about it.
SOURCE_PRIORITY = {"role": 7, "coordination": 7, "gazetteer": 6, "pattern": 5, "project": 4, "acronym": 3,
                   "activity": 2, "ner": 1}
TYPES = ("Organization", "Project", "Region", "Threat", "Person")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    name: str  # canonical name proposed for the entity
    aliases: tuple[str, ...] = ()
    source: str = "ner"
    country: str | None = None  # the state an organization belongs to, when the text says so
    bare: bool = False  # a bare threat word ("trafficking") that names a recent specific threat
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def attr(self, key: str) -> str | None:
        return next((v for k, v in self.attrs if k == key), None)


def choose_mentions(candidates: list[Mention]) -> list[Mention]:
    """Longest span wins; then source priority; nested spans of a kept mention are dropped."""
    ranked = sorted(
        candidates, key=lambda m: (-(m.end - m.start), -SOURCE_PRIORITY.get(m.source, 0), m.start, m.type, m.name)
    )
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in ranked:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, m.end, m.type, m.name))
