"""The graph schema as frozen pydantic models, loaded once from ``schema.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph_schema.errors import SchemaFileError

ENTITY_LABELS = ("Organization", "Project", "Region", "Threat", "Person")
_NAME_PATTERN = r"^[A-Z][A-Za-z]*$"
_TYPE_PATTERN = r"^[A-Z][A-Z_]*$"
_PROPERTY_PATTERN = r"^[a-z][a-z0-9_]*$"
PROPERTY_OWNER = "props_document"  # the document whose data set an entity's data properties


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NodeType(_Frozen):
    label: str = Field(pattern=_NAME_PATTERN)
    description: str
    key: str
    required: tuple[str, ...]
    fulltext: tuple[str, ...] = ()
    # Data properties a structured source may set (EntityRecord.properties), owned by the setting document.
    properties: tuple[Annotated[str, Field(pattern=_PROPERTY_PATTERN)], ...] = ()

    @model_validator(mode="after")
    def _key_is_required(self) -> NodeType:
        if self.key not in self.required:
            raise ValueError(f"node {self.label}: key {self.key!r} must be listed in required")
        reserved = {"id", "name", "type", "keys", "aliases", "search", PROPERTY_OWNER}
        if reserved & set(self.properties):
            raise ValueError(f"node {self.label}: properties may not be {sorted(reserved & set(self.properties))}")
        return self


class DerivedLabel(_Frozen):
    label: str = Field(pattern=_NAME_PATTERN)
    base: str
    rule: str


class RelationshipType(_Frozen):
    type: str = Field(pattern=_TYPE_PATTERN)
    description: str
    symmetric: bool = False
    internal: bool = False
    patterns: tuple[tuple[str, str], ...]

    def allows(self, source: str, target: str) -> bool:
        return (source, target) in self.patterns

    @property
    def source_labels(self) -> frozenset[str]:
        return frozenset(s for s, _ in self.patterns)

    @property
    def target_labels(self) -> frozenset[str]:
        return frozenset(t for _, t in self.patterns)


class GraphSchema(_Frozen):
    version: int
    nodes: dict[str, NodeType]
    derived_labels: dict[str, DerivedLabel] = {}
    relationships: dict[str, RelationshipType]

    @model_validator(mode="after")
    def _consistent(self) -> GraphSchema:
        for rel in self.relationships.values():
            for source, target in rel.patterns:
                for label in (source, target):
                    if label not in self.nodes:
                        raise ValueError(f"relationship {rel.type}: pattern names unknown label {label!r}")
        for derived in self.derived_labels.values():
            if derived.base != "*" and derived.base not in self.nodes:
                raise ValueError(f"derived label {derived.label}: unknown base label {derived.base!r}")
        return self

    @property
    def entity_labels(self) -> tuple[str, ...]:
        return tuple(label for label in self.nodes if label != "Document")

    @property
    def fact_types(self) -> tuple[str, ...]:
        """Relationship types that extraction may produce (all but internal ones)."""
        return tuple(t for t, rel in self.relationships.items() if not rel.internal)

    def node(self, label: str) -> NodeType:
        return self.nodes[label]

    def relationship(self, rel_type: str) -> RelationshipType:
        return self.relationships[rel_type]


def _with_names(raw: dict[str, Any]) -> dict[str, Any]:
    """Copy each mapping key into its value (``label``/``type``) so models are self-describing."""
    out = dict(raw)
    out["nodes"] = {k: {"label": k, **(v or {})} for k, v in (raw.get("nodes") or {}).items()}
    out["derived_labels"] = {k: {"label": k, **(v or {})} for k, v in (raw.get("derived_labels") or {}).items()}
    out["relationships"] = {k: {"type": k, **(v or {})} for k, v in (raw.get("relationships") or {}).items()}
    return out


def parse_schema(text: str, source: str) -> GraphSchema:
    """Validate schema YAML text; errors raise SchemaFileError naming ``source``."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemaFileError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise SchemaFileError(f"{source}: top level must be a mapping with nodes and relationships")
    try:
        return GraphSchema.model_validate(_with_names(raw))
    except (ValidationError, ValueError, AttributeError, TypeError) as exc:
        raise SchemaFileError(f"{source}: invalid schema: {exc}") from None


def load_schema_file(path: Path) -> GraphSchema:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaFileError(f"{path}: cannot read schema file: {exc}") from None
    return parse_schema(text, str(path))


@lru_cache(maxsize=1)
def load_schema() -> GraphSchema:
    """The packaged schema, loaded and validated once per process."""
    ref = resources.files("graph_schema").joinpath("schema.yaml")
    return parse_schema(ref.read_text(encoding="utf-8"), "graph_schema/schema.yaml")
