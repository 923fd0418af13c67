"""Resolve entity references (a name, an alias or an id) to stored entity ids."""

from __future__ import annotations

from app.repository import GraphRepository
from graph_schema.errors import NotFound
from graph_schema.model import ENTITY_LABELS
from graph_schema.names import normalize_name


def resolve_entity(repo: GraphRepository, ref: str, labels: tuple[str, ...] = ()) -> str:
    """The id of the entity ``ref`` names; NotFound (naming it) when there is none."""
    allowed = labels or ENTITY_LABELS
    key = normalize_name(ref)
    candidates = [row for row in repo.entities_by_ref(ref.strip()) if row["type"] in allowed]
    if not candidates and key and key != ref.strip():
        candidates = [row for row in repo.entities_by_ref(key) if row["type"] in allowed]
    if not candidates:
        kind = " or ".join(allowed) if labels else "entity"
        raise NotFound(f"no {kind} named {ref!r} in the graph; try GET /entities?q=...")
    order = {label: i for i, label in enumerate(ENTITY_LABELS)}
    exact = [row for row in candidates if row["id"] == ref.strip() or normalize_name(row["name"]) == key]
    best = sorted(exact or candidates, key=lambda row: (order.get(row["type"], 99), row["id"]))
    return str(best[0]["id"])
