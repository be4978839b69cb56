"""schemathesis against the app's own /openapi.json, in process, with every check and a coach
token: no 5xx, answers match the document, what the document calls valid is accepted and what it
calls invalid is refused; then a stateful run along the document's links."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

import tests.api.schemathesis_hooks  # noqa: F401  (registers the cross-field hook)
from api.app import create_app
from tests.helpers import ROOT, plan_of

# Built at collection, before the per-test database fixture: give it a database of its own so
# the checkout's instance/ folder is never written.
DATABASE = Path(tempfile.mkdtemp(prefix="trainweek-schemathesis-")) / "trainweek.sqlite3"
app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{DATABASE}"})
# schemathesis.toml: every check, the hook for cross-field rules, 422 where a week may not exist.
schema = schemathesis.openapi.from_wsgi(
    "/openapi.json", app, config=SchemathesisConfig.from_path(str(ROOT / "schemathesis.toml"))
)


# Every token CoachToken handed out: schemathesis keeps one for minutes, while a generated
# `POST /v1/coaches/me/token` may have replaced it already.
PROVIDED: set[str] = set()


@schema.auth()
class CoachToken:
    """A coach's token for the operations that need one: a coach signed up for it, and another
    once a generated `POST /v1/coaches/me/token` has replaced it (asked again on a 401)."""

    def get(self, case: schemathesis.Case | None, context: Any) -> str:
        answer = app.test_client().post("/v1/coaches", json={"name": "Fuzz"})
        assert answer.status_code == 201, answer.get_data(as_text=True)
        token = str(answer.get_json()["token"])
        PROVIDED.add(token)
        return token

    def set(self, case: schemathesis.Case, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    """Every check passes on each generated request; evaluate agrees with solve."""
    response = case.call_and_validate()
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


# Along the links: sign up, create a profile or an athlete, then read, change, solve, delete it.
REACHED: set[tuple[str, int]] = set()


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """The stateful run with a coach token of its own (unless a link from sign-up set one),
    noting which operations answered what."""

    def setup(self) -> None:
        self.token = CoachToken().get(None, None)

    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
        # Passed as the call's own headers, so the checks know the token is a real one. The
        # auth's token may be one an earlier rotation replaced (every call then a 401): the
        # sequence's own token stands in for it.
        if not self.uses_own_token(case):
            return {}
        return {"headers": {"Authorization": f"Bearer {self.token}"}}

    def uses_own_token(self, case: schemathesis.Case) -> bool:
        """Whether the call goes with the sequence's token: the case has none, or the auth's."""
        given = (case.headers or {}).get("Authorization")
        return given is None or given.removeprefix("Bearer ") in PROVIDED

    def after_call(self, response: Any, case: schemathesis.Case) -> None:
        super().after_call(response, case)
        REACHED.add((case.operation.label, response.status_code // 100))
        replaced = case.operation.label == "POST /v1/coaches/me/token"
        if replaced and response.status_code == 200 and self.uses_own_token(case):
            self.token = response.json()["token"]


@pytest.mark.slow
def test_api_holds_along_the_links_from_each_create() -> None:
    """A stateful run: sequences that follow the links pass every check (a deleted profile is
    404 after, a created athlete is found, ...), and the links do lead somewhere."""
    Workflow.run(
        settings=settings(
            # Ten sequences are few: some seeds never follow a link to a 2xx (seed 3), so the
            # run is the same every time rather than a coin toss in CI.
            derandomize=True,
            max_examples=10,
            stateful_step_count=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    linked = {
        "GET /v1/profiles/{profile_id}",
        "PUT /v1/profiles/{profile_id}",
        "DELETE /v1/profiles/{profile_id}",
        "GET /v1/athletes/{athlete_id}",
        "PUT /v1/athletes/{athlete_id}",
        "DELETE /v1/athletes/{athlete_id}",
        "POST /v1/athletes/{athlete_id}/solve",
        "GET /v1/coaches/me",
    }
    assert {label for label, kind in REACHED if kind == 2} & linked, sorted(REACHED)
