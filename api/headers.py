"""Security headers on every response, in one place: no inline script, no framing, no sniffing.

The page and the API get a strict Content-Security-Policy. Swagger UI (the
flask-openapi3-swagger plugin, under /docs) writes its set-up as an inline script and style, so
its routes alone get a policy that allows inline ones; nothing else on /docs is ours to change.
"""

from __future__ import annotations

from flask import Flask, Response, request

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
DOCS_PREFIX = "/docs/"
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def init_app(app: Flask) -> None:
    """Add the security headers to every response the app gives."""
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Set the policy for the path and the fixed headers, unless a view set its own."""
    policy = DOCS_CSP if request.path.startswith(DOCS_PREFIX) else STRICT_CSP
    response.headers.setdefault("Content-Security-Policy", policy)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def strict_csp_with_style(source: str) -> str:
    """The strict policy, allowing one more style source (an inline style's hash)."""
    return STRICT_CSP.replace("style-src 'self'", f"style-src 'self' {source}", 1)
