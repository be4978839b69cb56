"""Rate limits on /v1/ (Flask-Limiter): who is counted, how much each may ask, the 429 answer.

- Every /v1/ request counts against RATELIMIT_PER_CLIENT: per coach token on the routes that
  need one, per client address on the others.
- Sign-up (POST /v1/coaches) also counts against the stricter RATELIMIT_SIGNUP, per address.
- A request whose token is refused (401) counts against RATELIMIT_AUTH_FAILURES, per address:
  made-up tokens buy no fresh allowance, and guessing tokens stops there.

The health check, the docs and the page are not limited. Counts live in RATELIMIT_STORAGE_URI:
`memory://` by default, where each worker process counts on its own; a `redis://` URI shares
them between workers and hosts (install trainweek[redis]). The limits and the switch
(RATELIMIT_ENABLED, off in testing unless a test turns it on) are settings: see api/settings.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, Response, current_app, request
from flask_limiter import Limit, Limiter, RequestLimit
from flask_limiter.util import get_remote_address

from api import problems
from api.auth import coach_only_request, optional_bearer_token
from api.services.coaches import hash_token
from api.services.errors import NotAuthenticated

LIMITED_PREFIX = "/v1/"
SIGNUP_ENDPOINT = "coaches.register"


def client_key() -> str:
    """Who a request counts for: the coach's token on a route that needs one, else the address.

    Only a hash of the token is used, so the counts' storage never holds a token.
    """
    if coach_only_request():
        try:
            token = optional_bearer_token()
        except NotAuthenticated:
            token = None
        if token is not None:
            return f"coach:{hash_token(token)}"
    return address_key()


def address_key() -> str:
    """The client's address, as the server sees it."""
    return f"address:{get_remote_address()}"


def init_app(app: Flask) -> None:
    """Count /v1/ requests and answer 429 past a limit; nothing at all when RATELIMIT_ENABLED is
    false. Call after auth's header check and before anything else: a client over its limit
    hears so before its token is looked up or its body read."""
    limiter = Limiter(
        client_key,
        default_limits=[
            Limit(
                _setting("RATELIMIT_PER_CLIENT"),
                key_function=client_key,
                scope="client",
                shared=True,
                on_breach=_too_many("from this client"),
            ),
            Limit(
                _setting("RATELIMIT_SIGNUP"),
                key_function=address_key,
                scope="signup",
                shared=True,
                exempt_when=lambda: request.endpoint != SIGNUP_ENDPOINT,
                on_breach=_too_many("sign-ups from this address"),
            ),
            Limit(
                _setting("RATELIMIT_AUTH_FAILURES"),
                key_function=address_key,
                scope="auth-failures",
                shared=True,
                deduct_when=lambda response: response.status_code == 401,
                on_breach=_too_many("refused tokens from this address"),
            ),
        ],
    )
    limiter.request_filter(lambda: not request.path.startswith(LIMITED_PREFIX))
    limiter.init_app(app)


def _setting(key: str) -> Callable[[], str]:
    """A limit read from the app's config when a request comes (tests may change it)."""
    return lambda: str(current_app.config[key])


def _too_many(what: str) -> Callable[[RequestLimit], Response]:
    def answer(limit: RequestLimit) -> Response:
        retry_after = max(1, limit.reset_at - int(time.time()))
        return problems.too_many_requests(
            f"too many requests: at most {limit.limit} {what}; retry after {retry_after} s",
            retry_after,
        )

    return answer
