"""`Idempotency-Key` on the POSTs that create things: a retried request gets the first answer
again instead of creating a second thing.

A key belongs to a coach (or, for a sign-up, to the client's address) and to one request: the
same method, path and body. The first request reserves the key before it runs; while it runs,
the same key is 409; once it has succeeded, the same request gets its answer again, and another
request with the key is refused. An answer that is not a success keeps nothing, so a retry runs
afresh. Keys expire after a day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from api.services.coaches import authenticated, hash_token
from api.services.errors import IdempotencyKeyInUse, IdempotencyKeyReused
from api.storage import Database, NotFound, TokenReplaced
from api.storage import coaches as coach_rows
from api.storage import idempotency as rows
from api.storage.idempotency import KeyTaken

KEY_LIFETIME = dt.timedelta(hours=24)
# Keys are stored hashed like tokens (`hash_token`): a key is the client's secret, as good as a
# token for a sign-up's answer.


@dataclass(frozen=True)
class Answer:
    """A success as first answered: status, JSON body and Location."""

    status: int
    body: dict[str, Any]
    location: str | None


def coach_scope(db: Database, token: str | None) -> str:
    """The keys of the coach holding `token` (NotAuthenticated without a valid one)."""
    with db.transaction() as session:
        return f"coach:{authenticated(session, token).id}"


def client_scope(address: str | None) -> str:
    """The keys of a client known only by its address (a sign-up has no token yet)."""
    return f"client:{address or 'unknown'}"


def request_hash(method: str, path: str, body: object) -> str:
    """SHA-256 of the request: the same JSON body in another layout is the same request."""
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(db: Database, scope: str, key: str, fingerprint: str) -> Answer | None:
    """Reserve `key` for this request (None: go ahead), or the answer it already got.

    IdempotencyKeyReused when the key came with another request; IdempotencyKeyInUse while the
    request that reserved it is still running.
    """
    now = dt.datetime.now(dt.UTC)
    for _ in range(2):
        try:
            with db.transaction() as session:
                rows.purge_expired(session, now)
                row = rows.find_key(session, scope, hash_token(key))
                if row is None:
                    rows.reserve_key(
                        session, scope, hash_token(key), fingerprint, now + KEY_LIFETIME
                    )
                    return None
                if row.request_hash != fingerprint:
                    raise IdempotencyKeyReused(
                        "this Idempotency-Key came with another request (method, path or body); "
                        "use a new key for a new request"
                    )
                if row.status is None or row.body is None:
                    raise IdempotencyKeyInUse(
                        "a request with this Idempotency-Key is still running; retry shortly"
                    )
                return Answer(row.status, row.body, row.location)
        except KeyTaken:
            continue  # another request reserved it between our look and our insert: look again
    raise IdempotencyKeyInUse("a request with this Idempotency-Key is still running")


def remember(db: Database, scope: str, key: str, answer: Answer) -> None:
    """Keep the answer of the request that reserved `key`."""
    with db.transaction() as session:
        rows.save_answer(
            session, scope, hash_token(key), answer.status, answer.body, answer.location
        )


def release(db: Database, scope: str, key: str) -> None:
    """Free `key`: its request failed and created nothing."""
    with db.transaction() as session:
        rows.release_key(session, scope, hash_token(key))


def without_token(body: dict[str, Any]) -> dict[str, Any]:
    """A sign-up's answer as kept: the token's hash in place of the token, never stored."""
    kept = {name: value for name, value in body.items() if name != "token"}
    return {**kept, "token_sha256": hash_token(body["token"])}


def replay_sign_up(db: Database, scope: str, key: str, answer: Answer) -> Answer:
    """A sign-up's answer again, with a fresh token: the first one was never stored.

    The token of the first answer stops working (the client retried because it lost that
    answer). When the coach has replaced that token since, the client did get it: 409.
    """
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        coach = coach_rows.coach_by_id(session, int(answer.body["id"]))
        try:
            if coach is None:
                raise NotFound("the coach this sign-up made no longer exists")
            coach_rows.replace_token_hash(
                session, coach, str(answer.body["token_sha256"]), hash_token(token)
            )
        except TokenReplaced:
            raise TokenReplaced(
                "this sign-up's token has been replaced since; use your current token"
            ) from None
        kept = {**answer.body, "token_sha256": hash_token(token)}
        rows.save_answer(session, scope, hash_token(key), answer.status, kept, answer.location)
    body = {name: value for name, value in answer.body.items() if name != "token_sha256"}
    return Answer(answer.status, {**body, "token": token}, answer.location)
