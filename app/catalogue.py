"""The catalogue of canned Cypher queries, read once from ``cypher/*.cypher`` (package data).

Each file holds one query behind a header of ``// @`` lines::

    // @name who_funds_what
    // @description Who funds what, optionally in a region (sub-regions included).
    // @param region: entity(Region)? | Region name, alias or id
    // @param limit: int = 100 [1..500] | Maximum rows
    // @returns funder, recipient, documents, evidence
    // @kind read

Parameter types: ``string``, ``int``, ``bool``, ``entity(Label,...)`` (a name, alias or id,
resolved to an entity id before the query runs), ``label`` (an entity label). A trailing
``?`` makes a parameter optional (null). Files of ``@kind write`` are the writer's and are
not exposed over HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

from graph_schema.errors import NotFound, SchemaFileError

_PARAM_RE = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<type>string|int|bool|label|entity\((?P<labels>[A-Za-z, ]*)\))"
    r"(?P<optional>\?)?\s*(?:=\s*(?P<default>[^\[|]+?))?\s*(?:\[(?P<lo>-?\d+)\.\.(?P<hi>-?\d+)\])?\s*"
    r"(?:\|\s*(?P<doc>.*))?$"
)
ParamType = Literal["string", "int", "bool", "label", "entity"]


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: ParamType
    optional: bool
    default: Any
    minimum: int | None
    maximum: int | None
    labels: tuple[str, ...]
    description: str

    @property
    def required(self) -> bool:
        return not self.optional and self.default is None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    description: str
    params: tuple[ParamSpec, ...]
    returns: tuple[str, ...]
    kind: str
    text: str
    source: str


def _default(raw: str | None, ptype: str, where: str) -> Any:
    if raw is None or raw.strip() == "null":
        return None
    raw = raw.strip()
    if ptype == "int":
        try:
            return int(raw)
        except ValueError:
            raise SchemaFileError(f"{where}: default {raw!r} is not an int") from None
    if ptype == "bool":
        return raw == "true"
    return raw.strip("'\"")


def parse_param(line: str, where: str) -> ParamSpec:
    m = _PARAM_RE.match(line.strip())
    if not m:
        raise SchemaFileError(f"{where}: cannot parse @param {line.strip()!r}")
    ptype = cast(ParamType, "entity" if m["type"].startswith("entity") else m["type"])
    labels = tuple(x.strip() for x in (m["labels"] or "").split(",") if x.strip())
    return ParamSpec(
        name=m["name"], type=ptype, optional=bool(m["optional"]), default=_default(m["default"], ptype, where),
        minimum=int(m["lo"]) if m["lo"] else None, maximum=int(m["hi"]) if m["hi"] else None,
        labels=labels, description=(m["doc"] or "").strip(),
    )


def parse_query(text: str, source: str) -> CannedQuery:
    header: dict[str, list[str]] = {}
    body: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("// @") and not body:
            key, _, value = stripped[4:].partition(" ")
            header.setdefault(key, []).append(value.strip())
        elif stripped.startswith("//") and not body:
            continue
        else:
            body.append(line)
    for key in ("name", "description", "returns"):
        if key not in header:
            raise SchemaFileError(f"{source}: missing // @{key} header")
    name = header["name"][0]
    if f"{name}.cypher" != source.rsplit("/", 1)[-1]:
        raise SchemaFileError(f"{source}: @name {name!r} does not match the file name")
    params = tuple(parse_param(p, source) for p in header.get("param", []))
    for p in params:
        if f"${p.name}" not in "\n".join(body) and p.type != "entity":
            raise SchemaFileError(f"{source}: parameter {p.name!r} is declared but never used")
    return CannedQuery(
        name=name, description=" ".join(header["description"]), params=params,
        returns=tuple(r.strip() for r in ",".join(header["returns"]).split(",") if r.strip()),
        kind=header.get("kind", ["read"])[0], text="\n".join(body).strip() + "\n", source=source,
    )


class Catalogue:
    def __init__(self, queries: dict[str, CannedQuery]) -> None:
        self._queries = queries

    def get(self, name: str) -> CannedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise NotFound(f"no canned query named {name!r}; GET /queries lists them") from None

    def public(self) -> list[CannedQuery]:
        return [q for q in self._queries.values() if q.kind == "read" and not q.name.startswith("_")]

    def all(self) -> list[CannedQuery]:
        return list(self._queries.values())


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Read every ``cypher/*.cypher`` once per process."""
    root = resources.files("cypher")
    queries: dict[str, CannedQuery] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = parse_query(entry.read_text(encoding="utf-8"), f"cypher/{entry.name}")
            queries[q.name] = q
    return Catalogue(queries)
