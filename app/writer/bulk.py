"""Batched loading of pre-keyed rows, for large imports (and the load benchmark).

Rows arrive already keyed: entity nodes by label, relationships by (type, source label,
target label), documents and MENTIONS separately. Each batch is one schema-generated
``UNWIND $rows MERGE`` statement that writes the same properties as the document writer
(app/writer/statements.py), so canned queries work the same on a bulk-loaded graph:
entities are ``:Label:Entity`` with ``id, name, type, keys, aliases, search``; facts carry
the parallel evidence lists ``ev_*`` plus ``roles, docs, evidence_count, confidence``; FUNDS
sources get ``:Funder``. A new fact is written in one ``ON CREATE SET``; a fact that exists
already gets the evidence it lacks (keyed by ``ev_keys``) appended, as the writer does, so
loading the same rows twice changes nothing. Load nodes before the relationships that use them.

Each batch is applied all-or-nothing; a whole import is not (use the document writer for
that). Labels and types come only from the schema; values travel as parameters.

On FalkorDB the rows travel as positional lists encoded with ``json`` (a valid Cypher literal
for these values; a batch with other escapes falls back to the client's own encoding), and the
next batch is encoded while the engine writes the previous one: the client's per-value
parameter encoding otherwise costs about as much as the engine's work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from app.store.base import Session
from app.writer.statements import EVIDENCE_FIELDS, relationship_patterns
from graph_schema.model import GraphSchema
from graph_schema.names import normalize_name

# Tuned with `python -m bench` on a 2-core machine: 5000 rows per statement loaded ~1.5-2x faster than 500
# and ~1.3x faster than 2000 (per-statement parse and fsync); 10000 was no faster, only bigger.
DEFAULT_BATCH_SIZE = 5000

NODE_FIELDS = ("id", "name", "names", "keys", "aliases", "search")
REL_FIELDS = ("source", "target", "roles", *EVIDENCE_FIELDS, "docs", "evidence_count", "confidence")
DOCUMENT_FIELDS = ("id", "title", "url", "date", "language", "content_hash", "source", "ingested_at")
MENTION_FIELDS = ("document", "entity")

_NODE = """UNWIND $rows AS row
MERGE (n:{label}:Entity {{id: row.id}})
ON CREATE SET n.name = row.name, n.type = '{label}', n.keys = row.keys, n.aliases = row.aliases,
  n.search = row.search
ON MATCH SET n.search = coalesce(n.search, '|') + reduce(s = '', k IN row.keys |
    CASE WHEN k IN coalesce(n.keys, []) THEN s ELSE s + k + '|' END),
  n.aliases = coalesce(n.aliases, []) + [j IN range(0, size(row.keys) - 1)
    WHERE NOT row.keys[j] IN coalesce(n.keys, []) AND row.names[j] <> n.name | row.names[j]],
  n.keys = coalesce(n.keys, []) + [k IN row.keys WHERE NOT k IN coalesce(n.keys, [])]
RETURN count(*) AS rows
"""

# ON MATCH: every item reads only properties no earlier item of the SET has written (ev_keys is
# written last), so the text means the same on FalkorDB (items read the old values) and Neo4j
# (items apply in order).
_FRESH = "[j IN range(0, size(row.ev_keys) - 1) WHERE NOT row.ev_keys[j] IN r.ev_keys | row.{f}[j]]"
_REL = """UNWIND $rows AS row
MATCH (s:{source} {{id: row.source}}), (t:{target} {{id: row.target}})
MERGE (s)-[r:{rel_type}]->(t)
ON CREATE SET {on_create}
ON MATCH SET r.docs = reduce(acc = [], x IN r.ev_docs + {fresh_docs} | CASE WHEN x IN acc THEN acc ELSE acc + x END),
  r.evidence_count = size(r.ev_docs + {fresh_docs}),
  r.confidence = reduce(m = 0.0, c IN r.ev_conf + {fresh_conf} | CASE WHEN c > m THEN c ELSE m END),
  r.roles = r.roles + [x IN row.roles WHERE NOT x IN r.roles],
  {on_match}{funder}
RETURN count(*) AS rows
"""

_DOCUMENT = """UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d.title = row.title, d.url = row.url, d.date = row.date, d.language = row.language,
  d.content_hash = row.content_hash, d.source = row.source, d.ingested_at = row.ingested_at
RETURN count(*) AS rows
"""

_MENTIONS = """UNWIND $rows AS row
MATCH (d:Document {{id: row.document}}), (n:{label} {{id: row.entity}})
MERGE (d)-[:MENTIONS]->(n)
RETURN count(*) AS rows
"""


def node_statement(label: str) -> str:
    return _NODE.format(label=label)


def relationship_statement(schema: GraphSchema, rel_type: str, source: str, target: str) -> str:
    funder = "\nSET s:Funder" if rel_type == "FUNDS" and "Funder" in schema.derived_labels else ""
    on_create = ",\n  ".join(f"r.{f} = row.{f}" for f in REL_FIELDS[2:])
    on_match = ",\n  ".join(f"r.{f} = r.{f} + {_FRESH.format(f=f)}" for f in (*EVIDENCE_FIELDS[1:], "ev_keys"))
    return _REL.format(source=source, target=target, rel_type=rel_type, on_create=on_create, on_match=on_match,
                       fresh_docs=_FRESH.format(f="ev_docs"), fresh_conf=_FRESH.format(f="ev_conf"), funder=funder)


def mentions_statement(label: str) -> str:
    return _MENTIONS.format(label=label)


def positional(statement: str, fields: tuple[str, ...]) -> str:
    """The statement reading ``row[i]`` instead of ``row.field`` (rows sent as lists)."""
    index = {f: i for i, f in enumerate(fields)}
    return re.sub(r"\brow\.([a-z_]+)\b", lambda m: f"row[{index[m.group(1)]}]", statement)


def node_row(node_id: str, name: str, aliases: Iterable[str] = ()) -> dict[str, Any]:
    """An entity row: the canonical name first, then aliases with distinct normalised keys."""
    by_key: dict[str, str] = {}
    for n in (name, *aliases):
        by_key.setdefault(normalize_name(n), n)
    keys = list(by_key)
    return {"id": node_id, "name": name, "names": list(by_key.values()), "keys": keys,
            "aliases": [n for n in by_key.values() if n != name], "search": "|" + "".join(k + "|" for k in keys)}


_EV_KEYS = dict(zip(EVIDENCE_FIELDS, ("key", "document", "quote", "start", "end", "rule", "model", "version",
                                      "confidence"), strict=True))


def relationship_row(source: str, target: str, evidence: list[Mapping[str, Any]], roles: Iterable[str] = ()
                     ) -> dict[str, Any]:
    """A fact row; ``evidence`` items have key, document, quote, start, end, rule, model, version, confidence."""
    row: dict[str, Any] = {"source": source, "target": target, "roles": list(dict.fromkeys(roles))}
    for fld, key in _EV_KEYS.items():
        row[fld] = [ev[key] for ev in evidence]
    row["docs"] = list(dict.fromkeys(row["ev_docs"]))
    row["evidence_count"] = len(evidence)
    row["confidence"] = max((float(c) for c in row["ev_conf"]), default=0.0)
    return row


@dataclass
class LoadStats:
    rows: dict[str, int] = field(default_factory=dict)
    statements: int = 0

    def add(self, what: str, n: int) -> None:
        self.rows[what] = self.rows.get(what, 0) + n


class _Literal:
    """A parameter value already encoded as Cypher text (the FalkorDB client inserts ``str()`` as is)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _batches(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _is_falkordb(session: Session) -> bool:
    from app.store.falkordb_store import FalkorSession

    return isinstance(session, FalkorSession)


class BulkLoader:
    """Load pre-keyed rows through one session, ``batch_size`` rows per statement.

    ``fast`` (default: on for FalkorDB sessions) sends rows as JSON-encoded positional lists and
    overlaps encoding with the engine's work (one statement in flight, in order).
    """

    def __init__(self, session: Session, schema: GraphSchema, batch_size: int = DEFAULT_BATCH_SIZE,
                 fast: bool | None = None) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.session = session
        self.schema = schema
        self.batch_size = batch_size
        self.fast = _is_falkordb(session) if fast is None else fast
        self.stats = LoadStats()
        self._patterns = set(relationship_patterns(schema))
        self._symmetric = {t for t in schema.fact_types if schema.relationship(t).symmetric}

    def _encode(self, batch: list[Mapping[str, Any]], fields: tuple[str, ...]) -> Any:
        text = json.dumps([[row[f] for f in fields] for row in batch], ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
        if "\\u" in text:  # Cypher literals here take \n, \t, \" ... but not \uXXXX
            return [[row[f] for f in fields] for row in batch]
        return _Literal(text)

    def _run(self, what: str, statement: str, fields: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> int:
        total = 0
        if not self.fast:
            for batch in _batches(rows, self.batch_size):
                self.session.write(statement, {"rows": batch})
                self.stats.statements += 1
                total += len(batch)
            self.stats.add(what, total)
            return total
        text = positional(statement, fields)
        pending: Future[Any] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk") as pool:
            for batch in _batches(rows, self.batch_size):
                encoded = self._encode(batch, fields)
                if pending is not None:
                    pending.result()
                pending = pool.submit(self.session.write, text, {"rows": encoded})
                self.stats.statements += 1
                total += len(batch)
            if pending is not None:
                pending.result()
        self.stats.add(what, total)
        return total

    def nodes(self, label: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Entity rows of one label (see :func:`node_row`)."""
        if label not in self.schema.entity_labels:
            raise ValueError(f"{label!r} is not an entity label of the schema")
        return self._run(label, node_statement(label), NODE_FIELDS, rows)

    def relationships(self, rel_type: str, source: str, target: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Fact rows of one allowed pattern (see :func:`relationship_row`); symmetric facts are stored once."""
        if (rel_type, source, target) not in self._patterns:
            raise ValueError(f"({source})-[:{rel_type}]->({target}) is not an allowed pattern of the schema")
        if rel_type in self._symmetric:
            rows = (_ordered(r) for r in rows)
        return self._run(rel_type, relationship_statement(self.schema, rel_type, source, target), REL_FIELDS, rows)

    def documents(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Document rows: id, title, url, date, language, content_hash, source, ingested_at."""
        return self._run("Document", _DOCUMENT, DOCUMENT_FIELDS, ({f: r.get(f) for f in DOCUMENT_FIELDS}
                                                                  for r in rows))

    def mentions(self, label: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """MENTIONS rows ``{document, entity}`` for entities of one label."""
        if label not in self.schema.entity_labels:
            raise ValueError(f"{label!r} is not an entity label of the schema")
        return self._run("MENTIONS", mentions_statement(label), MENTION_FIELDS, rows)


def _ordered(row: Mapping[str, Any]) -> Mapping[str, Any]:
    if row["target"] < row["source"]:
        return {**row, "source": row["target"], "target": row["source"]}
    return row
