"""Structured logs: a request id on every request and log line, JSON lines, no body or token."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from api.logs import JsonFormatter, exception_trace, install

ACCESS_KEYS = {
    "time",
    "level",
    "logger",
    "message",
    "request_id",
    "method",
    "path",
    "status",
    "duration_ms",
}
SECRET_TOKEN = "tok-4f1c9e-never-logged"
SECRET_NAME = "name-7b2d-never-logged"


def json_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    """Every record captured, as the service writes it: one JSON object per line."""
    formatter = JsonFormatter()
    lines = [formatter.format(record) for record in caplog.records]
    assert all("\n" not in line for line in lines)
    return [json.loads(line) for line in lines]


def access_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    """The access log's lines among those captured."""
    return [line for line in json_lines(caplog) if line["logger"] == "trainweek.access"]


def test_a_sane_request_id_is_echoed_and_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """The client's X-Request-Id comes back in the response and in the request's access line."""
    with caplog.at_level(logging.INFO, logger="trainweek.access"):
        response = client.get("/healthz", headers={"X-Request-Id": "edge-1:2a.b_c"})
    assert response.headers["X-Request-Id"] == "edge-1:2a.b_c"
    [line] = access_lines(caplog)
    assert set(line) == ACCESS_KEYS
    assert line["request_id"] == "edge-1:2a.b_c"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["level"] == "INFO"
    assert line["duration_ms"] >= 0


@pytest.mark.parametrize(
    "offered",
    ["", "has space", "x" * 129, "-leading-dash", 'a"b', "<script>", "ü-nicode"],
)
def test_an_odd_request_id_is_replaced_by_a_fresh_one(client: FlaskClient, offered: str) -> None:
    """An id that is empty, too long or has other characters than a token's is not trusted."""
    response = client.get("/healthz", headers={"X-Request-Id": offered})
    request_id = response.headers["X-Request-Id"]
    assert request_id != offered
    assert len(request_id) == 32 and int(request_id, 16) >= 0


def test_each_request_without_an_id_gets_its_own(client: FlaskClient) -> None:
    """Two requests without X-Request-Id get two different ids."""
    first = client.get("/healthz").headers["X-Request-Id"]
    second = client.get("/healthz").headers["X-Request-Id"]
    assert first != second


def test_errors_get_an_id_and_an_access_line_too(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A 401 refused before the body is read, and a 404, still carry the id and are logged."""
    with caplog.at_level(logging.INFO, logger="trainweek.access"):
        refused = client.get("/v1/profiles", headers={"X-Request-Id": "r401"})
        missing = client.get("/no/such/thing", headers={"X-Request-Id": "r404"})
    assert (refused.status_code, refused.headers["X-Request-Id"]) == (401, "r401")
    assert (missing.status_code, missing.headers["X-Request-Id"]) == (404, "r404")
    logged = [(line["request_id"], line["status"]) for line in access_lines(caplog)]
    assert logged == [("r401", 401), ("r404", 404)]


def test_no_line_carries_the_token_or_the_body_even_on_a_crash(
    client: FlaskClient,
    ana: dict[str, str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash whose message quotes the Authorization header and the body is logged, under the
    request's id, with its stack but not that message; the access line has neither either."""

    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"{request.headers['Authorization']} sent {request.get_data()!r}")

    monkeypatch.setattr("api.services.profiles.profile_out", crash)
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/v1/profiles", json={"name": SECRET_NAME}, headers={**ana, "X-Request-Id": "crash-1"}
        )
    assert response.status_code == 500
    lines = json_lines(caplog)
    [crash_line] = [line for line in lines if line["level"] == "ERROR"]
    assert crash_line["request_id"] == "crash-1"
    assert "RuntimeError (message not logged)" in crash_line["exception"]
    assert "in crash" in crash_line["exception"]
    [access] = access_lines(caplog)
    assert (access["request_id"], access["status"]) == ("crash-1", 500)
    written = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    token = ana["Authorization"].removeprefix("Bearer ")
    for secret in (token, SECRET_NAME, "Bearer"):
        assert secret not in written


def test_a_refused_token_is_not_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A 401 for a wrong token logs its access line without the token."""
    with caplog.at_level(logging.INFO):
        response = client.get("/v1/profiles", headers={"Authorization": f"Bearer {SECRET_TOKEN}"})
    assert response.status_code == 401
    [access] = access_lines(caplog)
    assert access["status"] == 401
    written = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    assert SECRET_TOKEN not in written


def test_a_trace_keeps_every_chained_exception_and_none_of_their_messages() -> None:
    """Exceptions raised from others are all in the trace, oldest first, each by type only."""

    def inner() -> None:
        raise KeyError(SECRET_TOKEN)

    def outer() -> None:
        try:
            inner()
        except KeyError as error:
            raise ValueError(SECRET_NAME) from error

    with pytest.raises(ValueError) as caught:
        outer()
    trace = exception_trace(caught.value)
    assert trace.index("KeyError (message not logged)") < trace.index(
        "ValueError (message not logged)"
    )
    assert "direct cause" in trace
    assert "in inner" in trace and "in outer" in trace
    assert SECRET_TOKEN not in trace and SECRET_NAME not in trace


def test_lines_logged_during_a_request_carry_its_id(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """Any logger used while a request runs tags its line with that request's id; outside one,
    the id is null."""

    def chatty() -> str:
        logging.getLogger("trainweek.anything").warning("working on it")
        return "ok"

    app.add_url_rule("/chatty", view_func=chatty)
    with caplog.at_level(logging.INFO):
        app.test_client().get("/chatty", headers={"X-Request-Id": "chat-1"})
        logging.getLogger("trainweek.anything").warning("between requests")
    lines = {line["message"]: line["request_id"] for line in json_lines(caplog)}
    assert lines["working on it"] == "chat-1"
    assert lines["between requests"] is None


def test_without_logging_set_up_the_service_logs_json_to_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When nothing configured logging (no root handler), install() writes JSON lines to
    stderr, and a second install() adds no second handler."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    install()
    install()
    assert len(root.handlers) == 1
    logging.getLogger("trainweek.test").info("hello")
    line = json.loads(capsys.readouterr().err)
    assert (line["message"], line["logger"], line["level"]) == ("hello", "trainweek.test", "INFO")
