"""schemathesis against the app's own /openapi.json, in process: no 5xx, answers match the spec."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.app import create_app

schema = schemathesis.openapi.from_wsgi("/openapi.json", create_app({"TESTING": True}))

# Schema-valid is not always acceptable here, by design: JSON Schema cannot say "week_of is a
# Monday", "min_sessions <= max_sessions" or "weights keys are goal ids" (400), and a valid week
# may have no solution (422). Every other check runs, including that invalid data gets a 4xx.
NOT_APPLICABLE = [positive_data_acceptance]


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    """Generated requests never get a 5xx, and every answer conforms to the OpenAPI document."""
    case.call_and_validate(excluded_checks=NOT_APPLICABLE)
