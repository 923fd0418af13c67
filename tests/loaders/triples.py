"""Relations of an extraction as comparable triples (shared by the rule tests)."""

from __future__ import annotations

from graph_schema.contract import Extraction

SYMMETRIC = ("PARTNERS_WITH", "LINKED_TO")


def triples(x: Extraction, *, both_ways: bool = True) -> set[tuple[str, str, str]]:
    """(type, source, target) of every relation; with ``both_ways``, symmetric types in both directions."""
    out = {(r.type, r.source, r.target) for r in x.relations}
    return out | {(t, o, s) for t, s, o in out if t in SYMMETRIC} if both_ways else out
