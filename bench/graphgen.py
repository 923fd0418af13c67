"""A seeded synthetic graph: entities of the five types, facts of the seven types, with skew.

Nodes: taxonomy names first (actors, regions, threats), then made-up names. Facts follow the
schema's allowed patterns only; endpoints are drawn with Zipf-like weights (rank ** -ZIPF_A),
so a few hubs carry thousands of facts, as UNODC or Mali do in the real corpus. Regions form a
tree through LOCATED_IN (depth <= 5). Every fact has 1-4 evidence items citing a pool of
Document nodes; each Document MENTIONS a few dozen entities. Rows use the layout of
app/writer/bulk.py (the same properties as the document writer).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from app.writer.bulk import node_row, relationship_row
from app.writer.statements import relationship_patterns
from graph_schema.model import GraphSchema
from graph_schema.names import entity_id

ZIPF_A = 0.85
# Share of the nodes per label and of the facts per pattern (LOCATED_IN Region->Region is the tree).
NODE_SHARE = {"Organization": 0.30, "Project": 0.30, "Person": 0.30, "Region": 0.08, "Threat": 0.02}
FACT_SHARE = {
    ("FUNDS", "Organization", "Project"): 0.14,
    ("FUNDS", "Organization", "Organization"): 0.03,
    ("PARTNERS_WITH", "Organization", "Organization"): 0.12,
    ("IMPLEMENTS", "Organization", "Project"): 0.17,
    ("TARGETS", "Project", "Threat"): 0.13,
    ("TARGETS", "Project", "Region"): 0.15,
    ("AFFILIATED_WITH", "Person", "Organization"): 0.14,
    ("LINKED_TO", "Threat", "Threat"): 0.02,
    ("LOCATED_IN", "Organization", "Region"): 0.10,  # minus the region tree
    ("LOCATED_IN", "Region", "Region"): 0.0,
}
# Skew exponent of (source, target) per pattern: the popular side (donors, implementers, targeted
# regions and threats, employers) is Zipf-like; the other side is mild (a project targets a few
# regions, a person works for one or two organizations).
MILD = 0.3
FACT_SKEW = {
    ("FUNDS", "Organization", "Project"): (ZIPF_A, MILD),
    ("FUNDS", "Organization", "Organization"): (ZIPF_A, MILD),
    ("PARTNERS_WITH", "Organization", "Organization"): (ZIPF_A, ZIPF_A),
    ("IMPLEMENTS", "Organization", "Project"): (ZIPF_A, MILD),
    ("TARGETS", "Project", "Threat"): (MILD, ZIPF_A),
    ("TARGETS", "Project", "Region"): (MILD, ZIPF_A),
    ("AFFILIATED_WITH", "Person", "Organization"): (MILD, ZIPF_A),
    ("LINKED_TO", "Threat", "Threat"): (ZIPF_A, ZIPF_A),
    ("LOCATED_IN", "Organization", "Region"): (MILD, ZIPF_A),
    ("LOCATED_IN", "Region", "Region"): (0.0, 0.0),
}
ROLES = ("Programme Officer", "Director", "Coordinator", "Head of Office", "Analyst", "Spokesperson")
RULES = ("funded_by", "with_support_of", "in_partnership", "implemented_by", "targets", "located_in", "role_at")
QUOTES = {
    "FUNDS": "{s} provided the money for {t}, according to the annual report.",
    "PARTNERS_WITH": "{s} worked hand in hand with {t} on border security.",
    "IMPLEMENTS": "{t} was carried out by {s} over eighteen months.",
    "TARGETS": "The programme {s} is aimed at {t}.",
    "AFFILIATED_WITH": "{s}, who works for {t}, presented the findings.",
    "LINKED_TO": "Profits from {s} keep feeding {t} across the region.",
    "LOCATED_IN": "{s} is based in {t}.",
}
_ORG_HEADS = ("Association", "Network", "Office", "Agency", "Foundation", "Coalition", "Institute", "Council",
              "Collectif", "Observatoire", "Centre", "Fund")
_ORG_TOPICS = ("Rural Security", "Border Management", "Youth Resilience", "Drug Prevention", "Justice Reform",
               "Community Dialogue", "Pastoral Peace", "Women's Rights", "Financial Integrity", "Civic Trust")
_PROJECT_HEADS = ("Programme", "Initiative", "Project", "Workshop", "Dialogue", "Training", "Strategy", "Campaign")
_GIVEN = ("Amina", "Moussa", "Fatoumata", "Ibrahim", "Aïssata", "Oumar", "Mariam", "Boubacar", "Hawa", "Seydou",
          "Claire", "Jean", "Kadiatou", "Abdoulaye", "Salif", "Ramatou")
_FAMILY = ("Traoré", "Diallo", "Keïta", "Coulibaly", "Ouédraogo", "Maïga", "Touré", "Sawadogo", "Cissé", "Diarra",
           "Kaboré", "Sidibé", "Dembélé", "Konaté", "Ag Mohamed", "Mahamadou")
_THREAT_WORDS = ("trafficking", "smuggling", "extortion", "recruitment", "laundering", "looting", "racketeering")
_THREAT_GOODS = ("fuel", "gold", "cigarettes", "medicines", "tramadol", "cattle", "timber", "ivory", "arms", "cannabis")


@dataclass(frozen=True)
class GraphSpec:
    nodes: int
    relationships: int
    documents: int
    mentions_per_document: int = 30
    seed: int = 7


SCALES = {
    "tiny": GraphSpec(nodes=1_000, relationships=5_000, documents=20),
    "small": GraphSpec(nodes=10_000, relationships=100_000, documents=100),
    "full": GraphSpec(nodes=100_000, relationships=1_000_000, documents=500),
}


def _taxonomy_names() -> dict[str, list[tuple[str, list[str]]]]:
    try:
        from graph_schema.taxonomy import load_taxonomy
    except ImportError:  # the taxonomy module is optional
        return {}
    tax = load_taxonomy()
    return {
        "Organization": [(a.name, list(a.aliases)) for a in tax.actors],
        "Region": [(r.name, list(r.aliases)) for r in tax.regions],
        "Threat": [(t.name, list(t.aliases)) for t in tax.threats],
    }


def _made_up(label: str, i: int, rng: np.random.Generator) -> tuple[str, list[str]]:
    def pick(xs: tuple[str, ...]) -> str:
        return xs[int(rng.integers(len(xs)))]

    if label == "Organization":
        name = f"{pick(_ORG_HEADS)} for {pick(_ORG_TOPICS)} {i}"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper()) + str(i)
        return name, [acronym]
    if label == "Project":
        return f"{pick(_ORG_TOPICS)} {pick(_PROJECT_HEADS)} {i}", []
    if label == "Person":
        return f"{pick(_GIVEN)} {pick(_FAMILY)} {i}", []
    if label == "Region":
        return f"District {i}", [f"Cercle {i}"]
    return f"{pick(_THREAT_GOODS)} {pick(_THREAT_WORDS)} {i}", []


class SyntheticGraph:
    """Deterministic for a given spec: the same seed gives the same rows, in the same order."""

    def __init__(self, schema: GraphSchema, spec: GraphSpec) -> None:
        self.schema = schema
        self.spec = spec
        self.patterns = relationship_patterns(schema)
        unknown = set(FACT_SHARE) - set(self.patterns)
        if unknown:
            raise ValueError(f"patterns not allowed by the schema: {sorted(unknown)}")

    # -- nodes -----------------------------------------------------------------------------
    @cached_property
    def node_counts(self) -> dict[str, int]:
        counts = {label: max(8, int(self.spec.nodes * NODE_SHARE[label])) for label in self.schema.entity_labels}
        return counts

    @cached_property
    def names(self) -> dict[str, list[tuple[str, list[str]]]]:
        rng = np.random.default_rng(self.spec.seed)
        known = _taxonomy_names()
        out: dict[str, list[tuple[str, list[str]]]] = {}
        for label in self.schema.entity_labels:
            n = self.node_counts[label]
            seen: set[str] = set()
            rows: list[tuple[str, list[str]]] = []
            for name, aliases in known.get(label, []):
                if len(rows) >= n:
                    break
                if entity_id(label, name) not in seen:
                    seen.add(entity_id(label, name))
                    rows.append((name, aliases))
            i = 0
            while len(rows) < n:
                name, aliases = _made_up(label, i, rng)
                i += 1
                if entity_id(label, name) not in seen:
                    seen.add(entity_id(label, name))
                    rows.append((name, aliases))
            out[label] = rows
        return out

    @cached_property
    def ids(self) -> dict[str, list[str]]:
        return {label: [entity_id(label, name) for name, _ in rows] for label, rows in self.names.items()}

    def node_rows(self, label: str) -> Iterator[dict[str, Any]]:
        for node_id, (name, aliases) in zip(self.ids[label], self.names[label], strict=True):
            yield node_row(node_id, name, aliases)

    # -- facts -----------------------------------------------------------------------------
    def _weights(self, label: str, skew: float, rng: np.random.Generator) -> np.ndarray:
        """Zipf-like weights by rank; mild skews are shuffled so that hubs do not pile up on the same nodes."""
        n = self.node_counts[label]
        w = 1.0 / np.arange(1, n + 1) ** skew
        w = w[rng.permutation(n)] if skew < ZIPF_A else w
        return w / w.sum()

    def _region_tree(self) -> tuple[np.ndarray, np.ndarray]:
        """Each region but the first few gets one parent among earlier regions (fan-out ~8, depth <= 5)."""
        n = self.node_counts["Region"]
        rng = np.random.default_rng(self.spec.seed + 1)
        child = np.arange(4, n)
        parent = (rng.random(len(child)) * np.maximum(1, child // 8)).astype(np.int64)
        return child, parent

    @cached_property
    def facts(self) -> dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]]:
        """(type, source label, target label) -> (source indexes, target indexes), unique, no self-loops."""
        total = self.spec.relationships
        tree = self._region_tree()
        out: dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]] = {}
        quotas = {p: round(total * share) for p, share in FACT_SHARE.items()}
        quotas[("LOCATED_IN", "Organization", "Region")] -= len(tree[0])
        quotas[("FUNDS", "Organization", "Project")] += total - sum(quotas.values()) - len(tree[0])
        lex_rank = {label: np.argsort(np.argsort(np.array(ids))) for label, ids in self.ids.items()}
        for k, pattern in enumerate(FACT_SHARE):
            rel_type, s_label, t_label = pattern
            if pattern == ("LOCATED_IN", "Region", "Region"):
                out[pattern] = tree
                continue
            rng = np.random.default_rng(self.spec.seed * 1000 + k)
            ws, wt = (self._weights(lab, a, rng) for lab, a in zip((s_label, t_label), FACT_SKEW[pattern], strict=True))
            n_s, n_t = self.node_counts[s_label], self.node_counts[t_label]
            want = quotas[pattern]
            symmetric = self.schema.relationship(rel_type).symmetric
            keys = np.empty(0, dtype=np.int64)
            for _ in range(50):
                need = want - len(keys)
                if need <= 0:
                    break
                s = rng.choice(n_s, size=int(need * 1.3) + 16, p=ws)
                t = rng.choice(n_t, size=int(need * 1.3) + 16, p=wt)
                if symmetric:  # stored once, source = the smaller id (as the writer does)
                    rank = lex_rank[s_label]
                    swap = rank[t] < rank[s]
                    s, t = np.where(swap, t, s), np.where(swap, s, t)
                keep = s != t if s_label == t_label else np.ones(len(s), dtype=bool)
                new = s[keep].astype(np.int64) * n_t + t[keep]
                _, first = np.unique(new, return_index=True)
                new = new[np.sort(first)]
                new = new[~np.isin(new, keys)]
                keys = np.concatenate([keys, new[:need]])
            out[pattern] = (keys // n_t, keys % n_t)
        return out

    @property
    def relationship_count(self) -> int:
        return sum(len(s) for s, _ in self.facts.values())

    def _evidence(self, rng: np.random.Generator, rel_type: str, s: str, t: str, n: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(n):
            doc = f"doc-{int(rng.integers(self.spec.documents)):05d}"
            quote = QUOTES[rel_type].format(s=s, t=t)
            start = int(rng.integers(0, 40_000))
            rule = RULES[int(rng.integers(len(RULES)))]
            digest = hashlib.sha1(f"{doc}{start}{quote}".encode()).hexdigest()[:12]
            out.append({"key": f"{doc}|{start}|{rule}|{digest}", "document": doc, "quote": quote, "start": start,
                        "end": start + len(quote), "rule": rule, "model": "en_core_web_md-3.8.0",
                        "version": "0.1.0", "confidence": round(float(rng.uniform(0.5, 1.0)), 3)})
        return out

    def relationship_rows(self, pattern: tuple[str, str, str]) -> Iterator[dict[str, Any]]:
        rel_type, s_label, t_label = pattern
        src, tgt = self.facts[pattern]
        rng = np.random.default_rng(self.spec.seed * 7919 + list(FACT_SHARE).index(pattern))
        n_ev = np.minimum(4, rng.geometric(0.6, size=len(src)))
        s_ids, t_ids = self.ids[s_label], self.ids[t_label]
        s_names, t_names = self.names[s_label], self.names[t_label]
        for i, j, k in zip(src.tolist(), tgt.tolist(), n_ev.tolist(), strict=True):
            ev = self._evidence(rng, rel_type, s_names[i][0], t_names[j][0], k)
            roles = [ROLES[(i + j) % len(ROLES)]] if rel_type == "AFFILIATED_WITH" else []
            yield relationship_row(s_ids[i], t_ids[j], ev, roles)

    # -- provenance ------------------------------------------------------------------------
    def document_rows(self) -> Iterator[dict[str, Any]]:
        rng = np.random.default_rng(self.spec.seed + 2)
        for d in range(self.spec.documents):
            lang = "fr" if rng.random() < 0.2 else "en"
            yield {"id": f"doc-{d:05d}", "title": f"Synthetic report {d}", "url": f"https://example.org/r/{d}",
                   "date": f"20{int(rng.integers(15, 25))}-0{int(rng.integers(1, 10))}-1{int(rng.integers(0, 10))}",
                   "language": lang, "content_hash": hashlib.sha256(str(d).encode()).hexdigest(),
                   "source": "bench", "ingested_at": "2025-01-01T00:00:00+00:00"}

    def mention_rows(self, label: str) -> Iterator[dict[str, Any]]:
        rng = np.random.default_rng(self.spec.seed + 3 + self.schema.entity_labels.index(label))
        share = NODE_SHARE[label]
        per_doc = max(1, round(self.spec.mentions_per_document * share))
        n = self.node_counts[label]
        for d in range(self.spec.documents):
            for i in sorted(set(rng.integers(0, n, size=per_doc).tolist())):
                yield {"document": f"doc-{d:05d}", "entity": self.ids[label][i]}

    def degrees(self) -> dict[str, np.ndarray]:
        """Fact degree (either direction) of every entity, by label."""
        deg = {label: np.zeros(n, dtype=np.int64) for label, n in self.node_counts.items()}
        for (_, s_label, t_label), (s, t) in self.facts.items():
            deg[s_label] += np.bincount(s, minlength=self.node_counts[s_label])
            deg[t_label] += np.bincount(t, minlength=self.node_counts[t_label])
        return deg
