from __future__ import annotations

from fastapi import APIRouter

from app.deps import Repo, StoreDep
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Engine, version and graph size")
def health(repo: Repo, store: StoreDep) -> Health:
    counts = repo.counts()
    return Health(
        status="ok", engine=store.engine, version=store.server_version(),
        nodes=int(counts["nodes"]), relationships=int(counts["relationships"]),
    )
