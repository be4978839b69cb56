"""GET /: the coach's page (HTML, CSS and JavaScript modules from api/templates and api/static)."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("page", __name__)


@blueprint.get("/")
def tuning_page() -> str:
    """The coach's page: tune a week's weights, keep profiles, learn weights, solve for athletes."""
    return render_template("tuning.html")
