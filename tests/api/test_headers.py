"""Security headers: the strict policy everywhere but Swagger UI, and the fixed three always."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from api.headers import DOCS_CSP, STRICT_CSP

FIXED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@pytest.mark.parametrize(
    "path",
    ["/", "/healthz", "/openapi.json", "/v1/rules", "/static/tuning.css", "/no/such/page"],
)
def test_page_api_and_errors_carry_the_strict_policy(client: FlaskClient, path: str) -> None:
    """The page, JSON, static files and problems all get the strict CSP and the fixed headers."""
    with client.get(path) as response:  # a static file is streamed: close it
        assert response.headers["Content-Security-Policy"] == STRICT_CSP
        for name, value in FIXED.items():
            assert response.headers[name] == value


def test_the_strict_policy_allows_no_inline_script_and_no_framing() -> None:
    """script-src and style-src name only 'self'; no page may frame ours; no base or plugin."""
    directives = dict(part.strip().split(" ", 1) for part in STRICT_CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in STRICT_CSP


def test_only_swagger_ui_gets_the_looser_policy(client: FlaskClient) -> None:
    """/docs/swagger (inline set-up script) gets its own policy; its redirect keeps the strict."""
    docs = client.get("/docs/swagger")
    assert docs.status_code == 200
    assert docs.headers["Content-Security-Policy"] == DOCS_CSP
    assert docs.headers["X-Frame-Options"] == "DENY"
    assert client.get("/docs").headers["Content-Security-Policy"] == STRICT_CSP
    assert client.get("/docsx").headers["Content-Security-Policy"] == STRICT_CSP
