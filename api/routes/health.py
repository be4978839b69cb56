"""GET /healthz: the process is up and answering (cheap: no solve, no I/O)."""

from __future__ import annotations

from typing import Literal

from flask_openapi3 import APIBlueprint, Tag
from pydantic import BaseModel, Field

blueprint = APIBlueprint("health", __name__, abp_tags=[Tag(name="health")])


class Health(BaseModel):
    """The service is up."""

    status: Literal["ok"] = Field(description="Always 'ok' when the service answers.")


@blueprint.get("/healthz", responses={200: Health}, operation_id="healthz")
def healthz() -> dict[str, str]:
    """Tell a load balancer the service is up."""
    return {"status": "ok"}
