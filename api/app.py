"""The HTTP service: `create_app()` builds the Flask app, one blueprint per resource."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from flask import Response, jsonify, redirect
from flask_openapi3 import Info, OpenAPI

from api import (
    athletes,
    auth,
    catalogue,
    coaches,
    health,
    problems,
    profiles,
    scenarios,
    store,
    tuning,
    weeks,
)

MAX_BODY_BYTES = 256 * 1024


def create_app(config: dict[str, Any] | None = None) -> OpenAPI:
    """The trainweek service; `config` overrides Flask settings (e.g. `{"TESTING": True}`)."""
    app = OpenAPI(
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
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    app.config.update(config or {})
    # Keep fields in model order (days mon..sun), not sorted.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    problems.init_app(app)
    auth.init_app(app)
    store.init_app(app)

    for blueprint in (
        health.blueprint,
        catalogue.blueprint,
        weeks.blueprint,
        scenarios.blueprint,
        tuning.blueprint,
        coaches.blueprint,
        profiles.blueprint,
        athletes.blueprint,
    ):
        app.register_api(blueprint)
    app.register_blueprint(tuning.page)

    app.add_url_rule("/openapi.json", "openapi_json", lambda: jsonify(app.api_doc))
    app.add_url_rule("/docs", "docs", _docs)
    return app


def _docs() -> Response:
    """Interactive docs (Swagger UI, from the flask-openapi3-swagger plugin)."""
    return redirect("/docs/swagger")  # type: ignore[return-value]
