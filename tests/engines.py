"""The engines the contract suite runs on: FalkorDB always, Neo4j 5 wherever one can be had.

Neo4j comes from, in order:

1. an existing server named by ``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``,
   ``NEO4J_DATABASE``), e.g. CI's service container. The suite deletes everything in that
   database between tests, so it refuses a database that is not empty at the start unless
   ``NEXUS_TEST_NEO4J_WIPE=true``;
2. a throwaway container of ``NEO4J_IMAGE`` through testcontainers, when a Docker engine answers;

otherwise every ``neo4j`` case is skipped with ``NEO4J_SKIP_REASON`` (or fails, when
``NEXUS_REQUIRE_NEO4J=true``, as in CI).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

# Keep in step with docker-compose.yml and .github/workflows/ci.yml.
NEO4J_IMAGE = "neo4j:5.26.19-community"
NEO4J_TEST_PASSWORD = "nexus-test-password"
NEO4J_SKIP_REASON = (
    "no Docker engine and no NEO4J_URI: start Neo4j 5 and set NEO4J_URI/NEO4J_PASSWORD "
    f"(e.g. docker run -p 7687:7687 -e NEO4J_AUTH=neo4j/{NEO4J_TEST_PASSWORD} {NEO4J_IMAGE}), "
    "or run where Docker is available"
)

ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str = "neo4j"

    def settings_values(self) -> dict[str, Any]:
        """Settings(...) keyword values (the Neo4j fields are read under their env names)."""
        return {"store": "neo4j", "NEO4J_URI": self.uri, "NEO4J_USER": self.user,
                "NEO4J_PASSWORD": self.password, "NEO4J_DATABASE": self.database,
                "allow_default_password": True}


def docker_unreachable() -> str | None:
    """Why no Docker engine can be used, or None if one answers."""
    try:
        import docker

        client = docker.from_env(timeout=5)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _node_count(server: Neo4jServer) -> int:
    import neo4j

    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=server.database)
        return int(records[0]["n"])


def neo4j_server() -> Iterator[Neo4jServer]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        server = Neo4jServer(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                             os.environ.get("NEO4J_DATABASE", "neo4j"))
        if os.environ.get("NEXUS_TEST_NEO4J_WIPE", "").lower() != "true" and _node_count(server):
            pytest.skip(f"the Neo4j database at NEO4J_URI={uri} is not empty and the contract suite deletes "
                        "everything in it: use a throwaway server, or set NEXUS_TEST_NEO4J_WIPE=true")
        yield server
        return
    if docker_unreachable() is not None:
        if os.environ.get("NEXUS_REQUIRE_NEO4J", "").lower() == "true":  # CI: never skip silently
            pytest.fail(f"NEXUS_REQUIRE_NEO4J=true but {NEO4J_SKIP_REASON}")
        pytest.skip(NEO4J_SKIP_REASON)
    try:
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:  # testcontainers < 4.14
        from testcontainers.neo4j import Neo4jContainer

    with Neo4jContainer(NEO4J_IMAGE, password=NEO4J_TEST_PASSWORD) as container:
        yield Neo4jServer(container.get_connection_url(), "neo4j", NEO4J_TEST_PASSWORD)
