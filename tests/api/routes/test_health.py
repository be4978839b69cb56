"""GET /healthz."""

from flask.testing import FlaskClient


def test_healthz_says_ok(client: FlaskClient) -> None:
    """/healthz answers 200 {"status": "ok"} as JSON."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok"}
