"""Classify threats into clusters (terrorism, crime) by keywords kept as data in graph_schema/threat_clusters.yaml."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from graph_schema.errors import SchemaFileError

SOURCE = "graph_schema/threat_clusters.yaml"


@dataclass(frozen=True)
class ThreatClusters:
    keywords: dict[str, tuple[str, ...]]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.keywords)

    def classify(self, names: Iterable[str]) -> tuple[str, ...]:
        """The clusters whose keywords occur in any of the names (a threat's name and aliases)."""
        texts = [fold(n) for n in names if n]
        return tuple(c for c, words in self.keywords.items() if any(w in t for w in words for t in texts))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_clusters(data: object) -> ThreatClusters:
    clusters = data.get("clusters") if isinstance(data, dict) else None
    if not isinstance(clusters, dict) or not clusters:
        raise SchemaFileError(f"{SOURCE}: expected a non-empty 'clusters' mapping")
    out: dict[str, tuple[str, ...]] = {}
    for name, spec in clusters.items():
        words = spec.get("keywords") if isinstance(spec, dict) else None
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise SchemaFileError(f"{SOURCE}: cluster {name!r} needs a non-empty list of keywords")
        out[str(name)] = tuple(fold(w.strip()) for w in words)
    return ThreatClusters(out)


@lru_cache(maxsize=1)
def load_clusters() -> ThreatClusters:
    text = resources.files("graph_schema").joinpath("threat_clusters.yaml").read_text(encoding="utf-8")
    return parse_clusters(yaml.safe_load(text))
