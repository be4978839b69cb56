"""/v1/athletes/<id>/calendar: an athlete's calendar feed, read with its own secret, and the
coach's routes that mint (rotate) and revoke that secret.

The feed is read with the secret in the query string, never the coach's token: a calendar app
holds only the feed URL, which can read this one athlete's weeks and nothing else. Query strings
are never logged (`api/logs.py`), so the secret stays out of the access log.
"""

from __future__ import annotations

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

from api.auth import COACH_ONLY, bearer_token
from api.ical import week_calendar
from api.parameters import Parameters
from api.problems import problem_responses
from api.responses import CALENDAR, calendar_response, json_response
from api.services.athletes import AthleteOut
from api.services.calendars import athlete_feed, revoke_feed, rotate_feed
from api.store import database

blueprint = APIBlueprint(
    "calendars",
    __name__,
    url_prefix="/v1/athletes",
    abp_tags=[
        Tag(
            name="calendars",
            description="An athlete's calendar feed: subscribe once, see each new week.",
        )
    ],
)


class FeedPath(BaseModel):
    """Whose calendar."""

    athlete_id: int = Field(description="The athlete's id.")


class FeedQuery(Parameters):
    """The feed's secret."""

    secret: str = Field(
        min_length=1,
        max_length=100,
        description="The feed secret, as in the `calendar_url` POST .../calendar/rotate "
        "answered. Not the coach's token: that is never a feed secret.",
    )


@blueprint.get(
    "/<int:athlete_id>/calendar.ics",
    operation_id="athlete_calendar_feed",
    responses={
        200: {
            "description": "The athlete's weeks as an iCalendar (.ics) file.",
            "content": {CALENDAR: {"schema": {"type": "string"}}},
        },
        304: {"description": "Not modified since the ETag sent as If-None-Match."},
        **problem_responses(400, 404),
    },
)
def feed(path: FeedPath, query: FeedQuery) -> Response:
    """The athlete's calendar feed: the newest solve of each week in their history.

    Subscribe to it in a calendar app. Every week solved for the athlete with a `week_of`
    appears; solving a week again updates its events (same UIDs, a higher SEQUENCE) instead of
    adding copies. A wrong or revoked secret, or an unknown athlete, is 404. The answer has
    an ETag: sent back as If-None-Match while nothing changed, the answer is 304.
    """
    calendar = athlete_feed(database(), path.athlete_id, query.secret)
    response = calendar_response(week_calendar(calendar), headers={"Cache-Control": "no-cache"})
    # An unchanged history draws the same bytes: a calendar app polling with If-None-Match
    # gets 304 and no body.
    response.add_etag()
    response.make_conditional(request)  # in place: 304 and no body when the ETag matches
    return response


@blueprint.post(
    "/<int:athlete_id>/calendar/rotate",
    operation_id="rotate_athlete_calendar",
    responses={200: AthleteOut, **problem_responses(400, 401, 404, 409)},
    security=COACH_ONLY,
)
def rotate(path: FeedPath) -> Response:
    """Mint a new feed secret for the athlete: the answer's `calendar_url` is shown only now.

    The feed's old URL, if any, answers 404 from now on. The first rotation starts the feed.
    """
    return json_response(rotate_feed(database(), bearer_token(), path.athlete_id))


@blueprint.delete(
    "/<int:athlete_id>/calendar",
    operation_id="revoke_athlete_calendar",
    responses={204: None, **problem_responses(400, 401, 404)},
    security=COACH_ONLY,
)
def revoke(path: FeedPath) -> Response:
    """Revoke the athlete's calendar feed: its URL answers 404 from now on (204 even when
    there was none). POST .../calendar/rotate starts a new one."""
    revoke_feed(database(), bearer_token(), path.athlete_id)
    return Response(status=204)
