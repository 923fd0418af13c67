"""One settings object for the whole service (environment prefix ``NEXUS_``)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

COMPOSE_DEFAULT_PASSWORD = "nexus-dev-password"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEXUS_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    store: Literal["falkordb", "neo4j"] = "falkordb"
    data_dir: Path = Path("./data")
    graph_name: str = Field(default="nexus", pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    falkordb_socket: Path | None = None  # connect to an existing server instead of supervising one
    query_timeout_ms: int = Field(default=10_000, ge=100, le=600_000)

    neo4j_uri: str = Field(
        default="bolt://localhost:7687", validation_alias=AliasChoices("NEO4J_URI", "NEXUS_NEO4J_URI")
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "NEXUS_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        default=SecretStr(""), validation_alias=AliasChoices("NEO4J_PASSWORD", "NEXUS_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "NEXUS_NEO4J_DATABASE")
    )
    allow_default_password: bool = False

    api_keys: str = ""  # comma-separated keys for write endpoints
    protect_reads: bool = False
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    extraction_timeout_s: float = Field(default=120.0, gt=0)

    # dashboards on other origins (app/http/): CORS, compression, HTTP caching keyed by the graph version
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser (comma-separated or a "
        "JSON list); '*' lets any origin read (GET/HEAD) but never write. Empty: no CORS headers (the default).")
    compress_min_bytes: int = Field(default=1000, ge=0, description="Compress answers from this size (br or gzip)")
    cache_control: str = Field(default="no-cache", max_length=200, description="Cache-Control of read answers "
                               "(they carry an ETag; no-cache: revalidate every time, a 304 when nothing changed)")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [o.strip() for o in text.split(",") if o.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins_valid(cls, origins: list[str]) -> list[str]:
        out = []
        for origin in origins:
            origin = origin.strip().rstrip("/")
            if origin != "*" and not re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:]+", origin):
                raise ValueError(f"NEXUS_CORS_ORIGINS: {origin!r} is not an origin (scheme://host[:port], or '*')")
            out.append(origin)
        return out

    @model_validator(mode="after")
    def _safe_outside_development(self) -> Settings:
        if self.store == "neo4j":
            password = self.neo4j_password.get_secret_value()
            if not password:
                raise ValueError("NEO4J_PASSWORD must be set when NEXUS_STORE=neo4j")
            if password == COMPOSE_DEFAULT_PASSWORD and not self.allow_default_password:
                raise ValueError(
                    "NEO4J_PASSWORD is the docker-compose default; set a real secret, or "
                    "NEXUS_ALLOW_DEFAULT_PASSWORD=true for local development only"
                )
        if self.environment == "production" and not self.key_list:
            raise ValueError("NEXUS_API_KEYS must be set in production (write endpoints need keys)")
        return self

    @property
    def key_list(self) -> tuple[str, ...]:
        return tuple(k.strip() for k in self.api_keys.split(",") if k.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
