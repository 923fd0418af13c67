"""Decide: a logistic model over candidate features keeps the candidates it believes, beside the rules' facts.

The model is data (``relation_model.json``: feature weights, a threshold, how it was trained and its
cross-validation figures), built by ``python -m loaders.train_scorer`` from the gold annotations; scoring is a
sum of weights and a sigmoid, so the same input always gives the same output and nothing but the standard
library is needed at run time. A fact the model adds records the rule id ``<type>.learned.v<lexicon version>``
and the model's probability as its confidence. Without a model file the pipeline runs on its rules alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph_schema.errors import SchemaFileError
from loaders.candidates import Candidate, crossed
from loaders.context import DocContext

MODEL_PATH = Path(__file__).with_name("relation_model.json")


@dataclass(frozen=True)
class RelationScorer:
    weights: dict[str, float]
    threshold: float
    thresholds: dict[str, float] = field(default_factory=dict)  # per relation type, where tuned
    version: str = "none"

    def probability(self, candidate: Candidate) -> float:
        z = sum(self.weights.get(f, 0.0) for f in crossed(candidate)) + self.weights.get("bias", 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, candidate: Candidate) -> tuple[bool, float]:
        p = self.probability(candidate)
        return p >= self.thresholds.get(candidate.type, self.threshold), p


@lru_cache(maxsize=4)
def load_scorer(path: Path = MODEL_PATH) -> RelationScorer | None:
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return RelationScorer(weights={str(k): float(v) for k, v in raw["weights"].items()},
                              threshold=float(raw["threshold"]),
                              thresholds={str(k): float(v) for k, v in raw.get("thresholds", {}).items()},
                              version=str(raw.get("version", "unversioned")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SchemaFileError(f"{path}: invalid relation model: {exc}") from None


def decide(ctx: DocContext, candidates: list[Candidate], scorer: RelationScorer | None) -> None:
    """Add every candidate the scorer keeps (the rules' own facts stay; the key de-duplicates)."""
    if scorer is None:
        return
    for c in candidates:
        keep, p = scorer.keeps(c)
        if not keep:
            continue
        for m, name in ((c.source, c.source_name), (c.target, c.target_name)):
            if name != m.name:  # a country read as its government
                ctx.dropped.add((m.start, m.end))
        ctx.add(c.type, c.source_name, c.target_name, (c.sentence[0], c.sentence[1]), "learned", round(p, 3))
