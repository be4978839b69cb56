"""Query and header models keep their JSON schema, which flask-openapi3 reads per request."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import get_type_hints

from pydantic import BaseModel

import api.routes
from api.ical import CalendarQuery
from api.parameters import Parameters


def test_the_schema_is_built_once_and_is_pydantic_s() -> None:
    first = CalendarQuery.model_json_schema()

    assert CalendarQuery.model_json_schema() is first
    assert first == BaseModel.model_json_schema.__func__(CalendarQuery)  # type: ignore[attr-defined]


def test_asked_with_arguments_the_schema_is_built_fresh() -> None:
    cached = CalendarQuery.model_json_schema()
    fresh = CalendarQuery.model_json_schema(mode="serialization")

    assert fresh is not cached
    assert fresh["properties"].keys() == cached["properties"].keys()


def test_every_route_s_query_and_header_model_keeps_its_schema() -> None:
    models = set()
    for module_info in pkgutil.iter_modules(api.routes.__path__):
        module = importlib.import_module(f"api.routes.{module_info.name}")
        for _, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue
            hints = get_type_hints(function)
            models |= {hints[name] for name in ("query", "header") if name in hints}

    assert models, "the routes take queries and headers"
    assert all(issubclass(model, Parameters) for model in models), models
