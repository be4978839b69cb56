"""api/services/replan.py: what the solver refuses becomes what both front doors report."""

from __future__ import annotations

import pytest

from api.services.errors import InvalidField, NoWeek
from api.services.replan import replan_week
from solver.replan import ReplanRequest
from tests.helpers import runs

REQUEST = {"days": {"tue": runs("intervals"), "sat": runs("long")}}


def test_a_replan_naming_what_the_week_lacks_is_invalid_field():
    """A done session the week never planned: InvalidField on that field, the 400's source."""
    body = ReplanRequest.model_validate(
        {
            "request": REQUEST,
            "week": {},
            "today": "wed",
            "done": [{"day": "mon", "session": "plyometrics"}],
        }
    )
    with pytest.raises(InvalidField) as refused:
        replan_week(body)
    assert refused.value.field == "done[0].session"
    assert "never planned" in str(refused.value)


def test_a_replan_with_no_week_is_no_week_with_conflicts():
    """Heavy legs pinned on the day before the long run: NoWeek, the 422's source."""
    body = ReplanRequest.model_validate(
        {
            "request": REQUEST,
            "week": {"mon": {"strength": [{"session": "strength_control"}]}},
            "today": "mon",
            "moved": [{"day": "mon", "session": "strength_control", "to": "fri"}],
        }
    )
    with pytest.raises(NoWeek) as refused:
        replan_week(body)
    assert {conflict.rule for conflict in refused.value.conflicts} >= {
        "past_as_it_happened",
        "no_heavy_legs_before_key_run",
    }
    assert "move the session the runner put on Fri to another day" in refused.value.suggestions


def test_a_replan_that_works_comes_back_with_its_changes():
    """An empty held week replanned from Monday: sessions are added, each with the goal that
    asks for it."""
    body = ReplanRequest.model_validate({"request": REQUEST, "week": {}, "today": "mon"})
    result = replan_week(body)
    assert result.status == "optimal" and result.today == "mon"
    assert result.changes
    assert all(c.change == "added" and "target_sessions" in c.reasons for c in result.changes)
