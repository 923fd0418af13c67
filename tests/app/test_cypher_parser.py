"""Neo4j's own Cypher front end checks every statement the service can send to Neo4j 5.

tools/cypher-lint/lint.mjs runs @neo4j-cypher/language-support (Neo4j's ANTLR grammar and the
semantic analysis of its Scala front end) over: every file in cypher/, every generated Neo4j
DDL statement, and the schema-generated writer statement. Parameters must be the declared ones
(``// @param`` headers; the writer's from the schema), labels and relationship types the schema's.
``make test`` installs the linter (``npm ci --prefix tools/cypher-lint``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.catalogue import load_catalogue
from app.store import neo4j_dialect
from app.writer.statements import document_statement, node_param, rel_param, relationship_patterns
from graph_schema.model import load_schema

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = ROOT / "tools" / "cypher-lint"
LINTER = LINT_DIR / "lint.mjs"
WRITER = "app/writer/statements.py:document_statement"
SELF_CHECK = "self-check: a Neo4j-4-only pattern expression"


def _statements() -> list[dict[str, Any]]:
    schema = load_schema()
    params = {q.source: [p.name for p in q.params] for q in load_catalogue().all()}
    out: list[dict[str, Any]] = []
    for path in sorted((ROOT / "cypher").glob("*.cypher")):
        source = f"cypher/{path.name}"
        out.append({"source": source, "text": path.read_text(encoding="utf-8"), "parameters": params.get(source, [])})
    for i, text in enumerate(neo4j_dialect.ddl(schema)):
        out.append({"source": f"app/store/neo4j_dialect.py:ddl[{i}]", "text": text, "parameters": []})
    writer_params = ["doc", *(node_param(label) for label in schema.entity_labels),
                     *(rel_param(*pattern) for pattern in relationship_patterns(schema))]
    out.append({"source": WRITER, "text": document_statement(schema), "parameters": writer_params})
    return out


STATEMENTS = _statements()


def _schema_names() -> dict[str, list[str]]:
    schema = load_schema()
    return {"labels": [*schema.nodes, *schema.derived_labels], "relationshipTypes": list(schema.relationships)}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: Neo4j's Cypher parser runs on Node.js 18+ (tools/cypher-lint)")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("tools/cypher-lint/node_modules is missing: run `make test` "
                    "(or `npm ci --no-audit --no-fund --prefix tools/cypher-lint`)")
    self_check = {"source": SELF_CHECK, "text": "MATCH (n) WHERE size((n)-->()) > 0 RETURN n", "parameters": []}
    payload = {"schema": _schema_names(), "statements": [*STATEMENTS, self_check]}
    proc = subprocess.run([node, str(LINTER)], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=300, check=False)
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        pytest.fail(f"the Cypher linter failed to run (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    assert result["checked"] == len(STATEMENTS) + 1
    return result


def _problems(report: dict[str, Any], source: str) -> list[str]:
    return [f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
            for d in report["diagnostics"] if d["file"] == source and d["severity"] == "error"]


def test_the_linter_catches_what_neo4j_5_rejects(report: dict[str, Any]) -> None:
    assert not report["ok"]
    assert any("pattern expression" in p for p in _problems(report, SELF_CHECK))


@pytest.mark.parametrize("source", [s["source"] for s in STATEMENTS])
def test_statement_passes_neo4j_5s_parser_and_semantic_analysis(report: dict[str, Any], source: str) -> None:
    problems = _problems(report, source)
    assert not problems, "Neo4j 5 rejects or deprecates:\n" + "\n".join(problems)


def test_every_cypher_file_and_generated_statement_was_checked() -> None:
    sources = {s["source"] for s in STATEMENTS}
    assert {f"cypher/{p.name}" for p in (ROOT / "cypher").glob("*.cypher")} <= sources
    assert WRITER in sources and len(neo4j_dialect.ddl(load_schema())) >= len(load_schema().nodes)
