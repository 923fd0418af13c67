"""Validate canned-query parameters against their declared specs (before anything runs)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, create_model

from app.catalogue import CannedQuery, ParamSpec
from app.services.field_rules import no_control
from graph_schema.errors import InvalidParameters
from graph_schema.model import ENTITY_LABELS

MAX_TEXT = 300


def _field(spec: ParamSpec) -> tuple[Any, Any]:
    default = spec.default if not spec.required else ...
    if spec.type == "int":
        annotation: Any = int
        info = Field(default, ge=spec.minimum, le=spec.maximum, description=spec.description, strict=True)
    elif spec.type == "bool":
        annotation, info = bool, Field(default, description=spec.description, strict=True)
    elif spec.type == "label":
        annotation = Literal[ENTITY_LABELS]
        info = Field(default, description=spec.description)
    else:
        annotation = Annotated[str, AfterValidator(no_control)]
        info = Field(default, min_length=1, max_length=MAX_TEXT, description=spec.description)
    if spec.optional or (spec.default is None and not spec.required):
        annotation = annotation | None
    return annotation, info


@lru_cache(maxsize=128)
def params_model(query: CannedQuery) -> type[BaseModel]:
    fields = {spec.name: _field(spec) for spec in query.params}
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"{query.name}_params", __config__=ConfigDict(extra="forbid"), **fields
    )
    return model


def json_schema(query: CannedQuery) -> dict[str, Any]:
    return params_model(query).model_json_schema()


def validate_params(query: CannedQuery, raw: dict[str, Any]) -> dict[str, Any]:
    try:
        return params_model(query).model_validate(raw).model_dump()
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "body"
            problems.append(f"{where}: {err['msg']}")
        raise InvalidParameters(f"invalid parameters for {query.name}: " + "; ".join(problems)) from None
