"""The plan's HTML overview: a week a row, phases, races and strength marked, escaped, printable."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from api.plan_html import STYLE_CSP_SOURCE, STYLESHEET, plan_html
from solver.importers import import_plan
from tests.api.plan_results import SESSION, result_of
from tests.solver.importers.conftest import FIXTURES

GARMIN = (FIXTURES / "garmin_all_day.ics").read_bytes()


class Rows(HTMLParser):
    """Collects the text of each body row, and the class of each row and cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, object]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append({"class": dict(attrs).get("class", ""), "text": "", "cells": []})
        elif tag == "td" and self.rows:
            self.rows[-1]["cells"].append(dict(attrs).get("class") or "")  # type: ignore[union-attr]

    def handle_data(self, data: str) -> None:
        if self.in_body and self.rows:
            self.rows[-1]["text"] = f"{self.rows[-1]['text']} {data.strip()}"


def rendered(result: dict) -> Rows:
    parser = Rows()
    parser.feed(plan_html(result))
    return parser


def test_one_row_a_week_with_seven_days():
    """Two weeks of plan: two rows of seven cells, each headed by its week and phase."""
    plan = import_plan(GARMIN).plan
    plan["weeks"][1]["phase"] = "taper"
    rows = rendered(result_of(plan)).rows
    assert len(rows) == 2 and all(len(row["cells"]) == 7 for row in rows)
    assert "Week 1" in rows[0]["text"] and "Build" in rows[0]["text"]
    assert "Taper" in rows[1]["text"]


def test_races_are_marked_on_their_day_and_their_week():
    """The half marathon's cell and week carry the race classes."""
    rows = rendered(result_of(import_plan(GARMIN).plan)).rows
    assert "race-week" in rows[1]["class"] and "race" in rows[1]["cells"][6]
    assert "race-week" not in rows[0]["class"]


def test_strength_sessions_show_on_their_days_with_the_dose():
    """A session placed on Tuesday shows its name and dose in Tuesday's cell."""
    result = result_of(
        import_plan(GARMIN).plan, {"2026-03-03": SESSION | {"prescription": "3 x 5 at RPE 7"}}
    )
    html = plan_html(result)
    assert "Strength: Lower body heavy (45 min, after the run)" in html
    assert "3 x 5 at RPE 7" in html


def test_titles_from_the_calendar_are_escaped():
    """A title with markup is shown as text, never as markup."""
    plan = {
        "start": "2026-03-02",
        "weeks": [
            {"days": {"mon": {"runs": [{"type": "easy", "minutes": 30, "title": "<b>x</b>"}]}}}
        ],
    }
    html = plan_html(result_of(plan))
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_page_prints_and_its_style_is_allowed_by_hash():
    """Print CSS is inlined, no script is needed, and the CSP hash matches the style."""
    html = plan_html(result_of(import_plan(GARMIN).plan))
    assert "@media print" in html and "<script" not in html
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None and style.group(1) == STYLESHEET
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" == STYLE_CSP_SOURCE


def test_an_empty_result_renders_an_empty_grid():
    """No days (an infeasible plan's answer): a page with no rows, not an error."""
    assert rendered({"days": [], "weeks": []}).rows == []
