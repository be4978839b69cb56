"""schemathesis against the app's own /openapi.json, in process: no 5xx, answers match the spec."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.app import create_app
from tests.helpers import plan_of

# Built at collection, before the per-test database fixture: give it a database of its own so
# the checkout's instance/ folder is never written.
DATABASE = Path(tempfile.mkdtemp(prefix="trainweek-schemathesis-")) / "trainweek.sqlite3"
app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{DATABASE}"})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)

# Schema-valid is not always acceptable here, by design: JSON Schema cannot say "week_of is a
# Monday", "min_sessions <= max_sessions" or "weights keys are goal ids" (400), and a valid week
# may have no solution (422). Every other check runs, including that invalid data gets a 4xx.
NOT_APPLICABLE = [positive_data_acceptance]


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    """No generated request gets a 5xx, answers match the document, evaluate agrees with solve."""
    response = case.call_and_validate(excluded_checks=NOT_APPLICABLE)
    if (case.method, case.path, response.status_code) == ("POST", "/v1/weeks/solve", 200):
        week = response.json()
        # `profile` picks weights on /solve; the week request itself has no such field.
        request = {key: value for key, value in case.body.items() if key != "profile"}
        scored = app.test_client().post(
            "/v1/weeks/evaluate", json={"request": request, "plan": plan_of(week)}
        )
        assert scored.status_code == 200
        assert scored.get_json()["feasible"] is True
        assert scored.get_json()["objective"] == week["objective"]
