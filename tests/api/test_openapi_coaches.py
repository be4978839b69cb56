"""The OpenAPI document describes the coach endpoints, their models and the bearer scheme."""

from __future__ import annotations

COACH_PATHS = {
    "/v1/coaches": {"post"},
    "/v1/coaches/me": {"get"},
    "/v1/coaches/me/token": {"post"},
    "/v1/profiles": {"get", "post"},
    "/v1/profiles/{profile_id}": {"get", "put", "delete"},
    "/v1/athletes": {"get", "post"},
    "/v1/athletes/{athlete_id}": {"get", "put", "delete"},
    "/v1/athletes/{athlete_id}/solve": {"post"},
    "/v1/athletes/{athlete_id}/history": {"get"},
    "/v1/athletes/{athlete_id}/history/{solved_id}": {"get"},
    "/v1/athletes/{athlete_id}/calendar/rotate": {"post"},
    "/v1/athletes/{athlete_id}/calendar": {"delete"},
}


def document(client) -> dict:
    """The served OpenAPI document."""
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_bearer_scheme_is_declared(client):
    """components.securitySchemes holds an HTTP bearer scheme."""
    schemes = document(client)["components"]["securitySchemes"]
    assert schemes["bearer"]["type"] == "http"
    assert schemes["bearer"]["scheme"] == "bearer"


def test_every_coach_route_is_documented_and_all_but_sign_up_need_the_token(client):
    """Each route appears with its methods; every one but POST /v1/coaches requires bearer."""
    paths = document(client)["paths"]
    for path, methods in COACH_PATHS.items():
        assert set(paths[path]) >= methods, path
        for method in methods:
            security = paths[path][method].get("security")
            if (path, method) == ("/v1/coaches", "post"):
                assert not security
            else:
                assert security == [{"bearer": []}], (path, method)


def test_solve_takes_the_token_only_for_a_profile(client):
    """POST /v1/weeks/solve documents optional bearer auth and the `profile` field."""
    doc = document(client)
    operation = doc["paths"]["/v1/weeks/solve"]["post"]
    assert operation["security"] == [{}, {"bearer": []}]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "profile" in doc["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]


def test_bodies_and_answers_are_described_by_models(client):
    """Profile and athlete bodies, answers and the plan list point at named schemas."""
    doc = document(client)
    schemas = doc["components"]["schemas"]
    for name in (
        "ProfileIn",
        "ProfileOut",
        "ProfileList",
        "AthleteIn",
        "AthleteOut",
        "SolvedWeekOut",
    ):
        assert name in schemas, name
    create = doc["paths"]["/v1/profiles"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ProfileIn"
    )
    assert set(create["responses"]) >= {"201", "400", "401", "409"}
    assert "weights" in schemas["ProfileIn"]["properties"]
    solve = doc["paths"]["/v1/athletes/{athlete_id}/solve"]["post"]
    assert solve["requestBody"]["required"] is False
    assert set(solve["responses"]) >= {"201", "401", "404", "422"}
