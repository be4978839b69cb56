"""GET /v1/rules and GET /v1/sessions: the rule book and the session catalogue, by stable id."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from api.responses import json_response
from api.services.catalogue import Rules, Sessions, rule_book, session_catalogue

blueprint = APIBlueprint("catalogue", __name__, url_prefix="/v1", abp_tags=[Tag(name="catalogue")])


@blueprint.get("/rules", responses={200: Rules}, operation_id="list_rules")
def rules() -> Response:
    """List the hard rules and the soft goals with their default weights."""
    return json_response(rule_book())


@blueprint.get("/sessions", responses={200: Sessions}, operation_id="list_sessions")
def sessions() -> Response:
    """List the session catalogue: id, name, leg load, gym, minutes and exercises."""
    return json_response(session_catalogue())
