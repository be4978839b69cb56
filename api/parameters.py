"""The base of every route's query and header models."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel


class Parameters(BaseModel):
    """A route's query or header parameters, whose JSON schema is worked out once.

    flask-openapi3 reads a route's query and header models' JSON schemas on every request, to
    tell list parameters from the others (`_validate_query` and `_validate_header` in
    flask_openapi3/request.py), and pydantic
    builds it anew each time: about a tenth of a week solve over HTTP. Asked without arguments,
    as it is there, the schema is built once per model; the OpenAPI document asks with
    arguments of its own and gets a fresh one.
    """

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return _schema(cls)


@cache
def _schema(model: type[Parameters]) -> dict[str, Any]:
    """The model's JSON schema with pydantic's defaults (shared: read it, do not change it)."""
    return super(Parameters, model).model_json_schema()
