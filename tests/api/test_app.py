"""The app as a whole: its OpenAPI 3.1 document, the docs, and schemathesis against both."""

from __future__ import annotations

import subprocess
import sys

import pytest
from flask.testing import FlaskClient

from api.app import create_app


def test_openapi_json_is_3_1_and_uses_the_solver_models(client: FlaskClient) -> None:
    """/openapi.json is OpenAPI 3.1: WeekResult and Evaluation answers, Problem errors (400 too)."""
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.1")
    solve = spec["paths"]["/v1/weeks/solve"]["post"]
    evaluate = spec["paths"]["/v1/weeks/evaluate"]["post"]
    assert solve["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/WeekResult"
    }
    assert "text/calendar" in solve["responses"]["200"]["content"]
    assert evaluate["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Evaluation"
    }
    problem = solve["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            assert operation["responses"]["400"]["content"] == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
    schemes = spec["components"]["securitySchemes"]
    assert all(scheme["scheme"] == "bearer" for scheme in schemes.values())
    assert {"WeekRequest", "WeekResult", "Evaluation", "Problem"} <= set(
        spec["components"]["schemas"]
    )
    assert set(spec["paths"]) >= {
        "/healthz",
        "/v1/rules",
        "/v1/sessions",
        "/v1/weeks/solve",
        "/v1/weeks/evaluate",
    }


def test_docs_serve_swagger_ui_with_its_assets(client: FlaskClient) -> None:
    """/docs leads to an interactive Swagger UI whose script and spec URL both resolve."""
    response = client.get("/docs", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "SwaggerUIBundle" in page
    assert response.request.path == "/docs/swagger"
    # Closed explicitly: a static file response holds the file open until then.
    with client.get("/docs/swagger/js/swagger-ui-bundle.js") as script:
        assert script.status_code == 200
    assert client.get("/docs/openapi.json").get_json()["openapi"].startswith("3.1")


def test_root_is_the_tuning_page(client: FlaskClient) -> None:
    """GET / is the coaches' tuning page, not the API or the docs."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_apps_are_independent() -> None:
    """Two apps from the factory do not share config."""
    first = create_app({"MAX_CONTENT_LENGTH": 10})
    second = create_app()
    assert first.config["MAX_CONTENT_LENGTH"] == 10
    assert second.config["MAX_CONTENT_LENGTH"] == 256 * 1024


@pytest.mark.slow
def test_importing_the_app_loads_neither_matplotlib_nor_rich() -> None:
    """The service starts without the bench's charts or the terminal's tables."""
    probe = (
        "import sys, api.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'rich'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_operation_has_a_stable_operation_id(client: FlaskClient) -> None:
    """Clients generate code from /openapi.json: each operation is named, once, in snake_case."""
    spec = client.get("/openapi.json").get_json()
    names = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(names) == len(set(names))
    assert all(name.replace("_", "").isalpha() and name.islower() for name in names)
