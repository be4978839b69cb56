"""GET /: the tuning page (HTML, CSS and JavaScript modules from api/templates and api/static)."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("page", __name__)


@blueprint.get("/")
def tuning_page() -> str:
    """The tuning page: edit a week, move the weights, watch the optimal week change."""
    return render_template("tuning.html")
