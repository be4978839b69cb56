"""Every error is application/problem+json with a 4xx status, and a crash is a bare 500."""

from __future__ import annotations

import io
import json
import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.logs import JsonFormatter
from api.problems import problem

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The response is a problem with this status and the RFC 9457 members."""
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    return body


def test_problem_builds_rfc_9457_members_and_extensions(app: Flask) -> None:
    """problem() sets type, title (from the status), status, detail and any extension."""
    with app.app_context():
        response = problem(409, "already taken", hint="pick another")
    assert response.status_code == 409
    assert response.mimetype == PROBLEM
    assert json.loads(response.get_data()) == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "already taken",
        "hint": "pick another",
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"days": ', "line 1 column 10"),
        ("{'days': {}}", "double quotes"),
        ("[" * 100_000, "nested too deeply"),
        (b'{"days": "\xc3\x28"}', "UTF-8"),
    ],
)
def test_invalid_json_is_400_saying_where(client: FlaskClient, data: str, expected: str) -> None:
    """Broken JSON is a 400 problem whose detail says where or why it breaks."""
    response = client.post("/v1/weeks/solve", data=data, content_type="application/json")
    assert expected in assert_problem(response, 400)["detail"]


@pytest.mark.parametrize("data", ["[]", '"a week"', "42", "null"])
def test_a_body_that_is_not_an_object_is_400(client: FlaskClient, data: str) -> None:
    """Valid JSON that is not an object is a 400 naming the body."""
    response = client.post("/v1/weeks/solve", data=data, content_type="application/json")
    assert assert_problem(response, 400)["errors"][0]["field"] == "body"


def test_a_body_over_256_kib_is_413(client: FlaskClient) -> None:
    """A body over MAX_CONTENT_LENGTH (256 KiB) is a 413 problem, whatever it holds."""
    data = json.dumps({"days": {}, "padding": "x" * (256 * 1024)})
    response = client.post("/v1/weeks/solve", data=data, content_type="application/json")
    assert "256 KiB" in assert_problem(response, 413)["detail"]


def test_a_streamed_body_over_256_kib_is_413(client: FlaskClient) -> None:
    """A chunked body (no Content-Length) over the limit is a 413 too, not a truncated 400."""
    data = json.dumps({"days": {}, "padding": "x" * (300 * 1024)}).encode()
    response = client.post(
        "/v1/weeks/solve",
        input_stream=io.BytesIO(data),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        # What gunicorn sets: it ends the chunked stream itself, so werkzeug may read it.
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert_problem(response, 413)


def test_a_streamed_body_under_256_kib_is_read(client: FlaskClient) -> None:
    """A small chunked body is read whole and solved."""
    response = client.post(
        "/v1/weeks/solve",
        input_stream=io.BytesIO(b'{"days": {}}'),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 200


def test_a_body_just_under_256_kib_is_read(client: FlaskClient) -> None:
    """The limit is not lower than 256 KiB: a big-but-allowed body reaches validation (400)."""
    data = json.dumps({"days": {}, "padding": "x" * (250 * 1024)})
    response = client.post("/v1/weeks/solve", data=data, content_type="application/json")
    assert assert_problem(response, 400)["errors"][0]["field"] == "padding"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_json_is_415(client: FlaskClient, content_type: str | None) -> None:
    """A body sent as anything but application/json is a 415 problem."""
    response = client.post("/v1/weeks/solve", data="{}", content_type=content_type)
    assert "application/json" in assert_problem(response, 415)["detail"]


def test_a_post_without_a_body_is_400_naming_the_body(client: FlaskClient) -> None:
    """An empty POST (no body, no content type) is a 400 saying the body is missing, not a 415."""
    response = client.post("/v1/weeks/solve")
    assert assert_problem(response, 400)["errors"] == [
        {"field": "body", "message": "missing: send a JSON object"}
    ]


def test_json_with_a_charset_is_accepted(client: FlaskClient) -> None:
    """application/json; charset=utf-8 is JSON too."""
    response = client.post(
        "/v1/weeks/solve", data="{}", content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 200


def test_unknown_route_is_404(client: FlaskClient) -> None:
    """An unknown path is a 404 problem naming it."""
    assert "/v1/nope" in assert_problem(client.get("/v1/nope"), 404)["detail"]


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    """GET on a POST-only route is a 405 problem, and Allow lists the methods that work."""
    response = client.get("/v1/weeks/solve")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_a_crash_is_a_generic_500_without_a_stack_trace(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected exception is logged with its trace and answered as a bare 500 problem."""

    def boom() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/boom", view_func=boom)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/boom")
    body = assert_problem(response, 500)
    text = response.get_data(as_text=True)
    assert "secret internals" not in text
    assert "Traceback" not in text
    assert "something went wrong" in body["detail"]
    assert "secret internals" in caplog.text


def test_a_crash_log_holds_neither_the_body_nor_the_token(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """A 500 while storing a request logs the route and the stack, but not the request body,
    the token or the SQL parameters that carry them."""
    from sqlalchemy import text

    from api.store import EXTENSION

    def boom() -> str:
        with app.extensions[EXTENSION].transaction() as session:
            session.execute(
                text("INSERT INTO no_such_table VALUES (:body, :token)"),
                {"body": "secret-body-value", "token": "secret-token-value"},
            )
        return "unreachable"

    app.add_url_rule("/boom", view_func=boom, methods=["POST"])
    with caplog.at_level(logging.ERROR):
        response = app.test_client().post(
            "/boom",
            json={"name": "secret-body-value"},
            headers={"Authorization": "Bearer secret-token-value"},
        )
    assert_problem(response, 500)
    logged = as_written(caplog)
    assert "Traceback" in logged and "(message not logged)" in logged
    assert "secret-body-value" not in logged
    assert "secret-token-value" not in logged


def as_written(caplog: pytest.LogCaptureFixture) -> str:
    """The captured records as the service's log writes them (api/logs.py's JSON lines)."""
    return "\n".join(JsonFormatter().format(record) for record in caplog.records)


def test_a_validation_error_in_a_crash_is_logged_without_its_input(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """pydantic quotes the input it refused; the crash log names the error, never the input."""
    from solver import WeekRequest

    secret = "-".join(("secret", "body", "value"))  # so the stack's source lines do not spell it

    def boom() -> str:
        WeekRequest.model_validate({"days": {"mon": {"runs": secret}}})
        return "unreachable"

    app.add_url_rule("/boom", view_func=boom)
    with caplog.at_level(logging.ERROR):
        assert_problem(app.test_client().get("/boom"), 500)
    logged = as_written(caplog)
    assert "ValidationError" in logged
    assert "secret-body-value" not in logged


def test_a_busy_database_is_503_with_retry_after(app: Flask) -> None:
    """Busy (SQLite locked past its timeout) answers 503 and says when to retry."""
    from api.storage import Busy

    def busy() -> str:
        raise Busy("the database is busy with other writes; retry shortly")

    app.add_url_rule("/busy", view_func=busy)
    response = app.test_client().get("/busy")
    assert_problem(response, 503)
    assert response.headers["Retry-After"] == "1"
