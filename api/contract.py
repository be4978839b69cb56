"""The OpenAPI document says exactly what the API accepts: closed key maps, an example for every
request body, and links from what a POST creates to the operations that read, change or delete it.

`api/app.py` runs these over the document flask-openapi3 builds. Generic on purpose: a new
route gets its links from its paths, and `tests/api/test_contract.py` fails until its request
body has an example in `REQUEST_EXAMPLES`.
"""

from __future__ import annotations

import re
from typing import Any

from api.services.busy import EXAMPLE_BUSY_CALENDAR
from api.services.learn import EXAMPLE_BODY as LEARN_EXAMPLE
from solver.rules import SoftGoalId

# Request bodies as "Try it out" in /docs sends them, by operation id: each one valid against
# its schema and answered 2xx (tests/api/test_contract.py posts every one). A JSON object goes
# in the operation's JSON media type; a text (a busy calendar) in its one media type.
_WEEK: dict[str, Any] = {
    "days": {
        "tue": {"runs": [{"type": "intervals", "minutes": 60}]},
        "thu": {"runs": [{"type": "tempo", "minutes": 50}]},
        "sat": {"runs": [{"type": "long", "minutes": 120}]},
    },
    "athlete": {"level": "intermediate", "phase": "build", "equipment": "gym"},
    "weights": {SoftGoalId.STRENGTH_ON_HARD_DAYS: 5},
}
REQUEST_EXAMPLES: dict[str, Any] = {
    "solve_week": {**_WEEK, "week_of": "2025-03-03"},
    "evaluate_week": {
        "request": _WEEK,
        "plan": {"tue": [{"session": "lower_body_core"}], "thu": [{"session": "upper_body_core"}]},
    },
    "replan_week": {
        "request": {**_WEEK, "week_of": "2025-03-03"},
        "week": {
            "tue": {"strength": [{"session": "lower_body_core"}]},
            "thu": {"strength": [{"session": "upper_body_core"}]},
        },
        "today": "2025-03-05",
        "missed": [{"day": "tue", "session": "lower_body_core"}],
        "moved": [{"day": "sat", "run": "long", "to": "sun"}],
        "legs": "heavy",
    },
    "week_alternatives": {
        "request": _WEEK,
        "week": {
            "tue": {
                "runs": _WEEK["days"]["tue"]["runs"],
                "strength": [{"session": "lower_body_core"}],
            },
            "thu": {
                "runs": _WEEK["days"]["thu"]["runs"],
                "strength": [{"session": "upper_body_core"}],
            },
        },
        "day": "thu",
        "session": "upper_body_core",
    },
    "compare_weeks": {"request": _WEEK, "weights": [{}, {SoftGoalId.STRENGTH_ON_EASY_DAYS: 8}]},
    "week_sensitivity": {"request": _WEEK, "goals": [SoftGoalId.SPREAD_SESSIONS]},
    "solve_scenario": {"preset": "hard-days-hard"},
    "register_coach": {"name": "Ana"},
    "create_profile": {
        "name": "marathon",
        "description": "Strength on the hard days, off before the long run.",
        "weights": {SoftGoalId.STRENGTH_ON_HARD_DAYS: 8},
    },
    "replace_profile": {"name": "marathon", "weights": {SoftGoalId.STRENGTH_ON_HARD_DAYS: 10}},
    "create_athlete": {
        "name": "Mia",
        "phase": "build",
        "age": 52,
        "avoid": ["jumps"],
        "default_week": {"days": _WEEK["days"]},
    },
    "replace_athlete": {"name": "Mia", "phase": "peak", "default_week": {"days": _WEEK["days"]}},
    "solve_athlete_week": {"weights": {SoftGoalId.SPREAD_SESSIONS: 4}},
    "replan_athlete_week": {"today": "wed", "legs": "heavy"},
    "learn_profile": LEARN_EXAMPLE,
    "solve_plan": {
        "start": "2025-03-03",
        "weeks": [{"days": _WEEK["days"]}, {"days": _WEEK["days"]}, {"days": _WEEK["days"]}],
        "athlete": {"level": "intermediate", "equipment": "gym"},
        "goal_race": {"date": "2025-03-23", "distance": "10k"},
    },
    "busy_week_windows": EXAMPLE_BUSY_CALENDAR,
    "busy_plan_windows": EXAMPLE_BUSY_CALENDAR,
    "store_athlete_plan": {
        "start": "2025-03-03",
        "weeks": [{"days": _WEEK["days"]}, {"days": _WEEK["days"]}, {"days": _WEEK["days"]}],
        "goal_race": {"date": "2025-03-23", "distance": "10k"},
    },
}

_PARAMETER = re.compile(r"\{(\w+)\}")


def close_key_maps(document: dict[str, Any]) -> None:
    """Turn every map whose keys are a known set (`propertyNames` with an enum: goal ids in
    `weights`, day ids in `days` and in evaluate's `plan`) into an object with exactly those
    properties and no others, which every client generator and fuzzer understands."""
    schemas = document["components"]["schemas"]

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        names = node.get("propertyNames")
        if isinstance(names, dict):
            keys = _enum_of(names, schemas)
            if keys is not None:
                value = node.get("additionalProperties", {})
                node["properties"] = {key: value for key in keys}
                node["additionalProperties"] = False
                del node["propertyNames"]
        for child in list(node.values()):
            visit(child)

    visit(document)


def _enum_of(schema: dict[str, Any], schemas: dict[str, Any]) -> list[str] | None:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
    enum = schema.get("enum")
    return list(enum) if isinstance(enum, list) else None


def integer_bounds(document: dict[str, Any]) -> None:
    """Write an integer's bounds as integers (pydantic's `ge=0` comes out as `minimum: 0.0`,
    from which a generator may draw `25.0`: an integer to JSON Schema, a 400 to this API)."""

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if node.get("type") == "integer":
                for bound in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                    value = node.get(bound)
                    if isinstance(value, float) and value.is_integer():
                        node[bound] = int(value)
            for child in node.values():
                visit(child)

    visit(document)


def plain_parameters(document: dict[str, Any]) -> None:
    """A header, query or path parameter is a string on the wire, never JSON's null: drop the
    `null` branch pydantic gives an optional one, keeping the real type."""
    for operation in _operations(document):
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            branches = schema.get("anyOf")
            if not isinstance(branches, list):
                continue
            kept = [branch for branch in branches if branch.get("type") != "null"]
            if len(kept) == 1 and len(kept) < len(branches):
                del schema["anyOf"]
                schema.update(kept[0])
                if schema.get("default", 0) is None:
                    del schema["default"]


def add_request_examples(document: dict[str, Any]) -> None:
    """Put each operation's example body (REQUEST_EXAMPLES) in its JSON media type, or a text
    example in the operation's only media type."""
    for operation in _operations(document):
        example = REQUEST_EXAMPLES.get(operation.get("operationId", ""))
        content = operation.get("requestBody", {}).get("content", {})
        body = content.get("application/json")
        if isinstance(example, str) and body is None and len(content) == 1:
            body = next(iter(content.values()))
        if body is not None and example is not None:
            body["example"] = example


# A POST that creates somewhere other than under its own path: the collection it adds to.
CREATED_UNDER = {
    "solve_athlete_week": "/v1/athletes/{athlete_id}/history",
    "replan_athlete_week": "/v1/athletes/{athlete_id}/history",
}


# Operations under a created resource on something the creation does not make: an athlete
# has no plan until `PUT .../plan` stores one (which is linked), so these answer 404 at first.
NOT_MADE_BY_CREATE = frozenset({"get_athlete_plan", "delete_athlete_plan", "solve_athlete_plan"})


def add_links(document: dict[str, Any]) -> None:
    """Link each creating POST (a 201) to every operation on what it created.

    `POST /v1/athletes` answering `{"id": 7}` links to `GET/PUT/DELETE /v1/athletes/{athlete_id}`
    and the paths below it that need no other new parameter, the new one taken from the answer's
    `id` and the POST's own path parameters passed on as they were. A creation that answers a
    `token` (signing up) links to the operations under its path that need a bearer token, with it.
    """
    paths: dict[str, dict[str, Any]] = document["paths"]
    for path, path_item in paths.items():
        create = path_item.get("post")
        created = (create or {}).get("responses", {}).get("201")
        if create is None or created is None:
            continue
        own = set(_PARAMETER.findall(path))
        under = CREATED_UNDER.get(create.get("operationId", ""), path)
        returns_token = "token" in _response_properties(created, document)
        links: dict[str, Any] = {}
        for target_path, target_item in paths.items():
            if not target_path.startswith(under + "/"):
                continue
            new = [name for name in _PARAMETER.findall(target_path) if name not in own]
            for method, operation in target_item.items():
                if operation.get("operationId") in NOT_MADE_BY_CREATE:
                    continue
                parameters = {name: f"$request.path.{name}" for name in own}
                if len(new) == 1:
                    parameters[new[0]] = "$response.body#/id"
                elif not new and returns_token and operation.get("security"):
                    parameters["header.Authorization"] = "Bearer {$response.body#/token}"
                else:
                    continue
                links[operation["operationId"]] = {
                    "operationId": operation["operationId"],
                    "parameters": parameters,
                    "description": f"{method.upper()} {target_path} of what this created.",
                }
        if links:
            created["links"] = links


def _response_properties(response: dict[str, Any], document: dict[str, Any]) -> set[str]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref")
    if isinstance(ref, str):
        schema = document["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for path_item in document["paths"].values()
        for operation in path_item.values()
        if isinstance(operation, dict) and "responses" in operation
    ]
