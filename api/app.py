"""The HTTP service: `create_app()` builds the Flask app from the routes in `api/routes/`."""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import Any

from flask import Response, jsonify, redirect
from flask.json.provider import DefaultJSONProvider
from flask_openapi3 import Info, OpenAPI
from flask_openapi3.utils import get_model_schema
from pydantic import BaseModel

from api import auth, contract, headers, limits, logs, metrics, problems, settings, store
from api.routes import (
    athletes,
    calendars,
    catalogue,
    coaches,
    health,
    page,
    plans,
    profiles,
    scenarios,
    weeks,
)
from solver.importers import json_number

MAX_BODY_BYTES = 256 * 1024


class TrainweekAPI(OpenAPI):
    """flask-openapi3's app, with an OpenAPI document that says what the service does."""

    def generate_spec_json(self) -> None:
        """Build the OpenAPI document, then fix three things flask-openapi3 writes on its own.

        It writes `securitySchemes: null`, which OpenAPI forbids (and there are none); it gives
        each operation without a declared 400 an `application/json` *array* of the validation
        error model, where ours is one `application/problem+json` object; and it drops
        `propertyNames`, which says which keys a map takes (goal ids in `weights`, day ids).
        Every rate-limited operation (all of /v1/) also gets its 429 problem. Then
        `api/contract.py` closes the key maps, adds the request examples and the links.
        """
        super().generate_spec_json()
        _restore_property_names(self.spec_json["components"]["schemas"])
        if not self.spec_json["components"].get("securitySchemes"):
            self.spec_json["components"].pop("securitySchemes", None)
        bad_request = problems.problem_responses(400)[400]
        too_many = problems.problem_responses(429)[429]
        for path, path_item in self.spec_json["paths"].items():
            for operation in path_item.values():
                operation["responses"]["400"] = bad_request
                if path.startswith(limits.LIMITED_PREFIX):
                    operation["responses"]["429"] = too_many
        contract.close_key_maps(self.spec_json)
        contract.integer_bounds(self.spec_json)
        contract.plain_parameters(self.spec_json)
        contract.add_request_examples(self.spec_json)
        contract.add_links(self.spec_json)


class WholeNumbersJSON(DefaultJSONProvider):
    """Reads a request's JSON as JSON Schema does: `25.0` is the integer 25, as the OpenAPI
    document's `"type": "integer"` says, so an integer field takes it. A string or a boolean
    is still refused where a number belongs, and `25.5` where a whole one does."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return json.loads(s, parse_float=json_number, **kwargs)


def _restore_property_names(components: dict[str, Any]) -> None:
    """Copy `propertyNames` from pydantic's own JSON schemas of our models into the document."""
    models = {model.__name__: model for model in _our_models(BaseModel)}
    for name, schema in components.items():
        model = models.get(name)
        if model is not None:
            _copy_property_names(get_model_schema(model), schema)


def _copy_property_names(source: Any, target: Any) -> None:
    if not isinstance(source, dict) or not isinstance(target, dict):
        return
    if "propertyNames" in source:
        target["propertyNames"] = source["propertyNames"]
    for key, value in source.items():
        if key == "$defs":
            continue
        if isinstance(value, list) and isinstance(target.get(key), list):
            for source_item, target_item in zip(value, target[key], strict=False):
                _copy_property_names(source_item, target_item)
        else:
            _copy_property_names(value, target.get(key))


def _our_models(base: type[BaseModel]) -> list[type[BaseModel]]:
    """Every pydantic model defined in trainweek's own packages."""
    found = []
    for model in base.__subclasses__():
        if model.__module__.split(".")[0] in ("api", "solver"):
            found.append(model)
        found.extend(_our_models(model))
    return found


def create_app(config: dict[str, Any] | None = None) -> OpenAPI:
    """The trainweek service; `config` overrides Flask settings (e.g. `{"TESTING": True}`)."""
    app = TrainweekAPI(
        __name__,
        info=Info(
            title="trainweek",
            version=version("trainweek"),
            description="Place strength sessions in a runner's training week: every hard rule "
            "kept, soft goals traded off by weights, proven optimal, explained. "
            "Every error is application/problem+json (RFC 9457).",
        ),
        # The docs UI lives under /docs; GET / stays free for the app's own pages.
        doc_prefix="/docs",
        doc_url="/openapi.json",
        validation_error_status=400,
        validation_error_model=problems.Problem,
        validation_error_callback=problems.validation_problem,
        security_schemes=auth.SECURITY_SCHEMES,
    )
    app.json = WholeNumbersJSON(app)
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    app.config.update(config or {})
    settings.init_app(app)
    # Keep fields in model order (days mon..sun), not sorted.
    app.json.sort_keys = False
    # First: every request has its id (and its clock started) before any hook can refuse it.
    logs.init_app(app)
    metrics.init_app(app)
    # A coach-only route without a well-formed token answers 401 first: it costs nothing to say,
    # and the OpenAPI document promises it. A token that is well formed is looked up only after
    # the limits, so guessing tokens still counts against the address.
    auth.init_app(app)
    limits.init_app(app)  # then: a client over its limit hears 429 before anything is read
    problems.init_app(app)
    store.init_app(app)
    headers.init_app(app)

    for routes in (
        health,
        catalogue,
        weeks,
        plans,
        scenarios,
        coaches,
        profiles,
        athletes,
        calendars,
    ):
        app.register_api(routes.blueprint)
    app.register_blueprint(page.blueprint)

    app.add_url_rule("/openapi.json", "openapi_json", lambda: jsonify(app.api_doc))
    app.add_url_rule("/docs", "docs", _docs)
    return app


def _docs() -> Response:
    """Interactive docs (Swagger UI, from the flask-openapi3-swagger plugin)."""
    return redirect("/docs/swagger")  # type: ignore[return-value]
