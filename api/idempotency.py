"""`Idempotency-Key` over HTTP: the header's model (for the OpenAPI document) and `once()`,
which answers a retried POST with the first answer instead of running it again.

The bookkeeping is `api/services/idempotency.py`'s; here only the request and the response.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Response, request
from pydantic import ConfigDict, Field

from api.parameters import Parameters
from api.responses import JSON
from api.services.idempotency import Answer, claim, release, remember, request_hash
from api.store import database

HEADER = "Idempotency-Key"
# Long enough that nobody guesses another client's key: a sign-up's replay carries a token.
KEY_PATTERN = r"^[\x21-\x7e]{16,255}$"


class IdempotencyHeader(Parameters):
    """Headers of a POST that creates something."""

    model_config = ConfigDict(populate_by_name=True)

    idempotency_key: str | None = Field(
        default=None,
        alias=HEADER,
        min_length=16,
        max_length=255,
        pattern=KEY_PATTERN,
        description="A key of your own (16 to 255 visible ASCII characters, e.g. a UUID) to "
        "make retrying safe: the same key with the same request within 24 hours answers the "
        "first answer again (header Idempotent-Replayed: true) and creates nothing; with "
        "another request it is 422, and while the first is still running, 409.",
    )


def once(
    key: str | None,
    scope: Callable[[], str],
    run: Callable[[], Response],
    *,
    kept: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    replayed: Callable[[str, str, Answer], Answer] | None = None,
) -> Response:
    """`run()`'s response, or, for a key seen before with this request, the first answer.

    `kept` shapes the body before it is stored, and `replayed` turns a stored answer back
    into one to send (a sign-up's token is never stored).
    """
    if key is None:
        return run()
    db = database()
    owner = scope()
    fingerprint = request_hash(request.method, request.path, request.get_json(silent=True))
    answer = claim(db, owner, key, fingerprint)
    if answer is not None:
        if replayed is not None:
            answer = replayed(owner, key, answer)
        headers = {"Idempotent-Replayed": "true"}
        if answer.location:
            headers["Location"] = answer.location
        return Response(
            json.dumps(answer.body), status=answer.status, mimetype=JSON, headers=headers
        )
    try:
        response = run()
    except BaseException:
        release(db, owner, key)
        raise
    if not 200 <= response.status_code < 300:
        release(db, owner, key)
        return response
    body = json.loads(response.get_data())
    stored = kept(body) if kept is not None else body
    remember(db, owner, key, Answer(response.status_code, stored, response.headers.get("Location")))
    return response
