"""The HTTP service: `create_app()` builds the Flask app from the routes in `api/routes/`."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from flask import Response, jsonify, redirect
from flask_openapi3 import Info, OpenAPI

from api import auth, problems, store
from api.routes import athletes, catalogue, coaches, health, page, profiles, scenarios, weeks

MAX_BODY_BYTES = 256 * 1024


class TrainweekAPI(OpenAPI):
    """flask-openapi3's app, with an OpenAPI document that says what the service does."""

    def generate_spec_json(self) -> None:
        """Build the OpenAPI document, then fix two things flask-openapi3 writes on its own.

        It writes `securitySchemes: null`, which OpenAPI forbids (and there are none); and it
        gives each operation without a declared 400 an `application/json` *array* of the
        validation error model, where ours is one `application/problem+json` object.
        """
        super().generate_spec_json()
        if not self.spec_json["components"].get("securitySchemes"):
            self.spec_json["components"].pop("securitySchemes", None)
        bad_request = problems.problem_responses(400)[400]
        for path_item in self.spec_json["paths"].values():
            for operation in path_item.values():
                operation["responses"]["400"] = bad_request


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
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    app.config.update(config or {})
    # Keep fields in model order (days mon..sun), not sorted.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    auth.init_app(app)  # first: a coach-only route answers 401 before it looks at the body
    problems.init_app(app)
    store.init_app(app)

    for routes in (health, catalogue, weeks, scenarios, coaches, profiles, athletes):
        app.register_api(routes.blueprint)
    app.register_blueprint(page.blueprint)

    app.add_url_rule("/openapi.json", "openapi_json", lambda: jsonify(app.api_doc))
    app.add_url_rule("/docs", "docs", _docs)
    return app


def _docs() -> Response:
    """Interactive docs (Swagger UI, from the flask-openapi3-swagger plugin)."""
    return redirect("/docs/swagger")  # type: ignore[return-value]
