"""The cue lexicon (cues.yaml) as compiled regular expressions, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph_schema.errors import SchemaFileError

CUES_PATH = Path(__file__).with_name("cues.yaml")


@dataclass(frozen=True)
class Lexicon:
    version: int
    words: dict[str, frozenset[str]]
    cues: dict[str, dict[str, re.Pattern[str]]]  # relation type -> cue group -> alternation regex
    dep: dict[str, re.Pattern[str]] = field(default_factory=dict)  # dependency word class -> full-match regex

    def rule_id(self, relation: str, group: str) -> str:
        return f"{relation.lower()}.{group}.v{self.version}"

    def cue(self, relation: str, group: str) -> re.Pattern[str]:
        return self.cues[relation][group]

    def dep_word(self, key: str, word: str) -> bool:
        """True when one folded token (or 'verb particle') belongs to the dependency word class ``key``."""
        return self.dep[key].fullmatch(word) is not None

    def alternation(self, key: str) -> str:
        return "|".join(sorted((re.escape(w) for w in self.words[key]), key=lambda w: (-len(w), w)))


def _compile(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(sorted(patterns, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    try:
        raw: dict[str, Any] = yaml.safe_load(CUES_PATH.read_text(encoding="utf-8"))
        words = {
            key: frozenset(str(w) for w in raw[key])
            for key in ("org_heads", "project_heads", "activity_nouns", "honorifics", "roles")
        }
        words["activity_anaphors"] = frozenset(str(w) for w in raw["activity_anaphors"])
        cues = {
            rel: {group: _compile([str(p) for p in pats]) for group, pats in groups.items()}
            for rel, groups in raw["relations"].items()
        }
        dep = {
            key: re.compile("|".join(f"(?:{p})" for p in sorted(str(x) for x in pats)))
            for key, pats in raw.get("dependency", {}).items()
        }
        return Lexicon(version=int(raw["version"]), words=words, cues=cues, dep=dep)
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise SchemaFileError(f"{CUES_PATH}: invalid cue lexicon: {exc}") from None
