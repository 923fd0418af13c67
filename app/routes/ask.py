from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import CatalogueDep, Repo
from app.schemas_explorer import AskAnswer
from app.services import ask_service

router = APIRouter(tags=["analyst questions"])


@router.get(
    "/ask", response_model=AskAnswer, summary="A question in plain words (English or French) -> a canned query",
    description=(
        "Reads the question deterministically (no language model) as one canned query and its parameters, "
        "resolves the names in it, runs the query and returns which query ran with which parameters, then the "
        "rows. A question it cannot read is a 200 with `matched: false` and the closest canned queries as "
        "`suggestions`: nothing is run and no answer is guessed. A name that is not in the graph is a 404."
    ),
    responses={404: {"description": "A name in the question is not in the graph"}},
)
def ask(
    repo: Repo, catalogue: CatalogueDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="e.g. who funds what in Mali")],
) -> AskAnswer:
    return ask_service.ask(repo, catalogue, q)
