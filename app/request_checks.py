"""A dependency on every route: path and query parameters hold no control characters (422 naming the field)."""

from __future__ import annotations

from fastapi import Depends, Request

from app.services.field_rules import check_field


def check_parameters(request: Request) -> None:
    for name, value in request.path_params.items():
        if isinstance(value, str):
            check_field(name, value)
    for name, value in request.query_params.multi_items():
        check_field(name, value)


CleanParameters = Depends(check_parameters)
