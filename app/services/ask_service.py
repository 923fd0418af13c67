"""``GET /ask``: read an analyst's question as a canned query, resolve its names, run it.

The reading is :mod:`app.services.ask_grammar` (deterministic, no language model). Names are
resolved as every canned query resolves them (name, alias or id, :func:`resolve_entity`); a name
that is no stored name or alias is looked up in the entity search (``/entities``), and used only
when the search finds exactly one entity of the types the parameter takes. A question no phrasing
reads is answered ``matched: false`` with the closest canned queries, and nothing runs.
"""

from __future__ import annotations

from app.catalogue import CannedQuery, Catalogue
from app.repository import GraphRepository
from app.schemas_explorer import AskAnswer, AskSuggestion, ResolvedName
from app.services import ask_grammar, query_service
from app.services.resolver import resolve_entity
from graph_schema.errors import NotFound
from graph_schema.model import ENTITY_LABELS
from graph_schema.names import normalize_name

SEARCH_LIMIT = 10


def resolve_name(repo: GraphRepository, text: str, labels: tuple[str, ...]) -> ResolvedName:
    """The entity a name in a question stands for; NotFound naming the text (and any candidates)."""
    try:
        entity_id = resolve_entity(repo, text, labels)
    except NotFound:
        entity_id = _search_one(repo, text, labels)
    row = repo.entities_by_ref(entity_id)[0]
    return ResolvedName(text=text, id=str(row["id"]), name=str(row["name"]), type=str(row["type"]))


def _search_one(repo: GraphRepository, text: str, labels: tuple[str, ...]) -> str:
    key = normalize_name(text)
    hits: dict[str, str] = {}
    for label in labels or ENTITY_LABELS:
        params = {"q": key or None, "type": label, "limit": SEARCH_LIMIT, "offset": 0}
        for row in repo.run("_search_entities", params):
            hits[str(row["id"])] = str(row["name"])
    kind = " or ".join(labels) if labels else "entity"
    if len(hits) == 1:
        return next(iter(hits))
    if not hits:
        raise NotFound(f"no {kind} named {text!r} in the graph; try GET /entities?q=...")
    names = ", ".join(sorted(hits.values())[:SEARCH_LIMIT])
    raise NotFound(f"{text!r} names no {kind} exactly and several contain it ({names}): name one of them")


def suggestions(catalogue: Catalogue, question: str) -> list[AskSuggestion]:
    return [AskSuggestion(query=p.query, description=catalogue.get(p.query).description, example=p.example)
            for p in ask_grammar.closest(question)]


def ask(repo: GraphRepository, catalogue: Catalogue, question: str) -> AskAnswer:
    reading = ask_grammar.read(question)
    if reading is None:
        return AskAnswer(question=question, matched=False, suggestions=suggestions(catalogue, question))
    query = catalogue.get(reading.query)
    understood = {name: resolve_name(repo, text, _labels(query, name)) for name, text in reading.slots.items()}
    params = {name: resolved.id for name, resolved in understood.items()}
    rows = query_service.run_query(repo, catalogue, query.name, params)
    shown = {spec.name: spec.default for spec in query.params} | params
    return AskAnswer(question=question, matched=True, query=query.name, parameters=shown, understood=understood,
                     count=len(rows), rows=rows)


def _labels(query: CannedQuery, name: str) -> tuple[str, ...]:
    for spec in query.params:
        if spec.name == name:
            return spec.labels
    raise NotFound(f"canned query {query.name!r} has no parameter {name!r}")  # a grammar bug, caught by the tests
