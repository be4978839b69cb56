"""/v1/athletes: a coach's athletes, solving their week, and the plans kept for them."""

from __future__ import annotations

from typing import Any, ClassVar

from flask import Response, url_for
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.auth import COACH_ONLY, current_coach
from api.problems import problem_responses
from api.storage import athletes
from api.storage.athletes import AthleteIn, AthleteOut, NoWeek, PlanOut
from api.storage.profiles import ProfiledWeekRequest
from api.store import transaction
from api.weeks import no_week_problem

JSON = "application/json"

blueprint = APIBlueprint(
    "athletes",
    __name__,
    url_prefix="/v1/athletes",
    abp_tags=[Tag(name="athletes", description="A coach's athletes and their plans.")],
    abp_responses=problem_responses(400, 401, 413, 415),
    abp_security=COACH_ONLY,
)


class AthletePath(BaseModel):
    """Which athlete."""

    athlete_id: int = Field(description="The athlete's id.")


class PlanPath(AthletePath):
    """Which of the athlete's plans."""

    plan_id: int = Field(description="The plan's id.")


class AthleteList(BaseModel):
    """The coach's athletes, by name."""

    athletes: list[AthleteOut] = Field(description="Every athlete of the coach, by name.")


class PlanList(BaseModel):
    """The plans solved for an athlete, newest first."""

    plans: list[PlanOut] = Field(description="Every plan kept for the athlete, newest first.")


class AthleteWeekRequest(ProfiledWeekRequest):
    """What to change for this solve; send no body to solve the default week as it is.

    Each field sent replaces the default week's (`athlete` replaces level, phase and equipment
    for this week); `weights` go on top of the default week's, and `profile` under both.
    """

    # flask-openapi3 reads `openapi_extra` from the config: document the body as optional.
    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="forbid",
        openapi_extra={"required": False},  # type: ignore[typeddict-unknown-key]
    )

    @model_validator(mode="before")
    @classmethod
    def _no_body_is_no_change(cls, data: Any) -> Any:
        return {} if data is None else data


@blueprint.post("", responses={201: AthleteOut})
def create_athlete(body: AthleteIn) -> Response:
    """Add an athlete, with the week they usually train."""
    with transaction() as session:
        athlete = athletes.create_athlete(session, current_coach(session).id, body)
    location = url_for("athletes.get_athlete", athlete_id=athlete.id)
    return Response(
        athlete.model_dump_json(), status=201, mimetype=JSON, headers={"Location": location}
    )


@blueprint.get("", responses={200: AthleteList})
def list_athletes() -> Response:
    """Your athletes, by name."""
    with transaction() as session:
        listed = AthleteList(athletes=athletes.list_athletes(session, current_coach(session).id))
    return Response(listed.model_dump_json(), mimetype=JSON)


@blueprint.get("/<int:athlete_id>", responses={200: AthleteOut, **problem_responses(404)})
def get_athlete(path: AthletePath) -> Response:
    """One of your athletes."""
    with transaction() as session:
        athlete = athletes.get_athlete(session, current_coach(session).id, path.athlete_id)
    return Response(athlete.model_dump_json(), mimetype=JSON)


@blueprint.put("/<int:athlete_id>", responses={200: AthleteOut, **problem_responses(404)})
def replace_athlete(path: AthletePath, body: AthleteIn) -> Response:
    """Replace one of your athletes: every field as sent. Their plans stay."""
    with transaction() as session:
        coach_id = current_coach(session).id
        athlete = athletes.replace_athlete(session, coach_id, path.athlete_id, body)
    return Response(athlete.model_dump_json(), mimetype=JSON)


@blueprint.delete("/<int:athlete_id>", responses={204: None, **problem_responses(404)})
def delete_athlete(path: AthletePath) -> Response:
    """Delete one of your athletes and every plan kept for them."""
    with transaction() as session:
        athletes.delete_athlete(session, current_coach(session).id, path.athlete_id)
    return Response(status=204)


@blueprint.post("/<int:athlete_id>/solve", responses={201: PlanOut, **problem_responses(404, 422)})
def solve_athlete_week(path: AthletePath, body: AthleteWeekRequest) -> Response:
    """Solve the athlete's week and keep the plan, with the request and every weight used.

    With no body, the default week is solved as it is. A week no placement can keep every hard
    rule for is 422 with the conflicting rules, and no plan is kept.
    """
    try:
        with transaction() as session:
            coach_id = current_coach(session).id
            plan = athletes.solve_for_athlete(session, coach_id, path.athlete_id, body)
    except NoWeek as no_week:
        return no_week_problem(no_week.result)
    location = url_for("athletes.get_plan", athlete_id=path.athlete_id, plan_id=plan.id)
    return Response(
        plan.model_dump_json(), status=201, mimetype=JSON, headers={"Location": location}
    )


@blueprint.get("/<int:athlete_id>/plans", responses={200: PlanList, **problem_responses(404)})
def list_plans(path: AthletePath) -> Response:
    """The plans kept for one of your athletes, newest first."""
    with transaction() as session:
        plans = athletes.list_plans(session, current_coach(session).id, path.athlete_id)
    return Response(PlanList(plans=plans).model_dump_json(), mimetype=JSON)


@blueprint.get(
    "/<int:athlete_id>/plans/<int:plan_id>", responses={200: PlanOut, **problem_responses(404)}
)
def get_plan(path: PlanPath) -> Response:
    """One plan kept for one of your athletes."""
    with transaction() as session:
        coach_id = current_coach(session).id
        plan = athletes.get_plan(session, coach_id, path.athlete_id, path.plan_id)
    return Response(plan.model_dump_json(), mimetype=JSON)
