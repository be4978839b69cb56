"""The OpenAPI document's examples and links: every request body has an example that validates
against its schema and that its operation answers with a 2xx, as Swagger's "Try it out" sends it;
every creating POST links to what reads, changes and deletes what it made."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from flask.testing import FlaskClient
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.contract import REQUEST_EXAMPLES
from tests.helpers import register

METHODS = ("get", "put", "post", "delete", "patch")


def document(client: FlaskClient) -> dict[str, Any]:
    """The served /openapi.json."""
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Operation id -> (method, path template, operation)."""
    return {
        operation["operationId"]: (method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def validator(spec: dict[str, Any], schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A JSON Schema 2020-12 validator of `schema`, resolving `#/components/...` in the document."""
    registry: Registry = Registry().with_resource(
        "urn:openapi", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    rooted = {"$id": "urn:openapi", **spec, **schema}
    return jsonschema.Draft202012Validator(
        rooted, registry=registry, format_checker=jsonschema.FormatChecker()
    )


def body_example(operation: dict[str, Any]) -> Any:
    """The JSON request body's example (None when the operation takes no body)."""
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return None if media is None else media.get("example")


def text_body(operation: dict[str, Any]) -> tuple[str, Any] | None:
    """A body of one media type that is not JSON (a busy calendar): its type and example."""
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content or len(content) != 1:
        return None
    media_type, media = next(iter(content.items()))
    return media_type, media.get("example")


def query_examples(operation: dict[str, Any]) -> dict[str, Any]:
    """A value for each required query parameter: its example."""
    return {
        parameter["name"]: parameter["example"]
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter.get("required") and "example" in parameter
    }


def test_every_request_body_has_an_example_valid_against_its_schema(client: FlaskClient) -> None:
    """Each operation with a JSON body carries an example, and the example is schema-valid."""
    spec = document(client)
    with_body = 0
    for operation_id, (_, _, operation) in operations(spec).items():
        text = text_body(operation)
        if text is not None:
            with_body += 1
            assert isinstance(text[1], str), f"{operation_id}: add its example to REQUEST_EXAMPLES"
            continue
        media = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if media is None:
            continue
        with_body += 1
        assert "example" in media, f"{operation_id}: add its example to REQUEST_EXAMPLES"
        errors = list(validator(spec, media["schema"]).iter_errors(media["example"]))
        assert not errors, f"{operation_id}: {[error.message for error in errors]}"
    assert with_body >= len(REQUEST_EXAMPLES)
    assert set(REQUEST_EXAMPLES) <= set(operations(spec)), "an example for no operation"


def test_an_example_off_its_schema_is_caught(client: FlaskClient) -> None:
    """The validator above can fail: an unknown goal id in weights is off the schema."""
    spec = document(client)
    _, _, operation = operations(spec)["solve_week"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert list(validator(spec, schema).iter_errors({"weights": {"additionalProp1": 0}}))
    assert list(validator(spec, schema).iter_errors({"relax": ["session_count"]}))
    assert list(validator(spec, schema).iter_errors({"week_of": "1969-12-28"}))
    assert not list(validator(spec, schema).iter_errors({"week_of": "2025-03-06"}))


class Caller:
    """Calls operations by id with their examples, making first whatever their path needs,
    by following the document's links backwards to the POST that creates it."""

    def __init__(self, client: FlaskClient, spec: dict[str, Any]) -> None:
        self.client = client
        self.spec = spec
        self.operations = operations(spec)
        self.auth = register(client, "Ana")
        self.creators = {
            link["operationId"]: (operation_id, link["parameters"])
            for operation_id, (_, _, operation) in self.operations.items()
            for link in operation["responses"].get("201", {}).get("links", {}).values()
        }
        # What each creating operation made last: its answer and the path values it used.
        self.created: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def call(self, operation_id: str) -> tuple[Any, dict[str, Any]]:
        """Call the operation with its example body; its response and the path it filled."""
        method, template, operation = self.operations[operation_id]
        values = self.path_values(operation_id, operation)
        path = template.format(**values)
        body = body_example(operation)
        text = text_body(operation)
        query = query_examples(operation)
        if text is not None:
            media_type, example = text
            response = self.client.open(
                path,
                method=method.upper(),
                query_string=query,
                data=example,
                content_type=media_type,
                headers=self.auth,
            )
        else:
            response = self.client.open(
                path, method=method.upper(), query_string=query, json=body, headers=self.auth
            )
        if response.status_code == 201:
            self.created[operation_id] = (response.get_json(), values)
        return response, values

    def path_values(self, operation_id: str, operation: dict[str, Any]) -> dict[str, Any]:
        """A value for each path parameter: the example, or made by the linked creator."""
        parameters = [p for p in operation.get("parameters", []) if p["in"] == "path"]
        values = {p["name"]: p["example"] for p in parameters if "example" in p}
        missing = [p["name"] for p in parameters if p["name"] not in values]
        if not missing:
            return values
        assert operation_id in self.creators, f"{operation_id}: no link or example fills {missing}"
        creator, link_parameters = self.creators[operation_id]
        if creator not in self.created:
            response, _ = self.call(creator)
            assert response.status_code == 201, (creator, response.get_data(as_text=True))
        created, creator_values = self.created[creator]
        for name, expression in link_parameters.items():
            if expression == "$response.body#/id":
                values[name] = created["id"]
            elif expression.startswith("$request.path."):
                values[name] = creator_values[expression.removeprefix("$request.path.")]
        return values


@pytest.mark.slow
def test_every_example_is_answered_with_a_2xx(client: FlaskClient) -> None:
    """Each example body, posted as is to its operation (with a coach token, and what its path
    names made first through the links), is accepted."""
    spec = document(client)
    caller = Caller(client, spec)
    for operation_id, (_, _, operation) in operations(spec).items():
        if body_example(operation) is None and text_body(operation) is None:
            continue
        response, _ = caller.call(operation_id)
        assert 200 <= response.status_code < 300, (
            operation_id,
            response.status_code,
            response.get_data(as_text=True),
        )


def test_creating_operations_link_to_what_reads_changes_and_deletes_it(client: FlaskClient) -> None:
    """Sign-up links to the coach's own operations with the new token; creating a profile or an
    athlete links to its GET, PUT and DELETE with the new id; every link names an operation."""
    spec = document(client)
    ids = operations(spec)
    links = {
        operation_id: operation["responses"]["201"].get("links", {})
        for operation_id, (method, _, operation) in ids.items()
        if method == "post" and "201" in operation["responses"]
    }
    assert {"get_me", "replace_token"} <= set(links["register_coach"])
    assert links["register_coach"]["get_me"]["parameters"] == {
        "header.Authorization": "Bearer {$response.body#/token}"
    }
    for create, resource in (("create_profile", "profile"), ("create_athlete", "athlete")):
        for target in (f"get_{resource}", f"replace_{resource}", f"delete_{resource}"):
            assert links[create][target]["parameters"] == {f"{resource}_id": "$response.body#/id"}
    assert links["solve_athlete_week"]["get_solved_week"]["parameters"] == {
        "athlete_id": "$request.path.athlete_id",
        "solved_id": "$response.body#/id",
    }
    for operation_links in links.values():
        for link in operation_links.values():
            assert link["operationId"] in ids
