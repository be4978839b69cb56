"""The tuning page in a real headless Chromium: load, slide, watch the week change, save.

Skipped when Debian's chromium is not installed, except under CI (the `CI` variable set),
where a missing browser fails: `.ci/run` installs it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Response,
    Route,
    expect,
    sync_playwright,
)
from werkzeug.serving import make_server

from api.app import create_app
from api.headers import STRICT_CSP
from solver import SOFT_GOALS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
MODULES = Path(__file__).parents[3] / "api" / "static" / "js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def has_route(app: Flask, path: str, method: str) -> bool:
    """Whether the app answers `method` on `path` (features from other branches may be absent)."""
    return any(
        rule.rule == path and method in (rule.methods or set()) for rule in app.url_map.iter_rules()
    )


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium; without it skip, or fail when CI promised to install it."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app on a database of its own (once profiles are stored), for the served page."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'trainweek.sqlite3'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield create_app({"TESTING": True, "DATABASE_URL": url})


@pytest.fixture(scope="module")
def base_url(live_app: Flask) -> Iterator[str]:
    """The app served by werkzeug on a free localhost port, in a thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    """Headless Chromium driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """The tuning page at 1280x800, loaded and solved once."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    yield page
    context.close()
    assert errors == [], "the page raised JavaScript errors"


def open_page(browser: Browser, base_url: str, width: int = 1280) -> Page:
    """A fresh page in a context of its own, not yet navigated."""
    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=base_url)
    return context.new_page()


def strength_on(page: Page, day: str) -> str:
    """The strength shown on a day of the grid, as text."""
    return page.locator(f"#day-{day} .strength-slot").inner_text().strip()


def open_day(page: Page, day: str) -> None:
    """Open a day's editor through its Edit button."""
    page.get_by_role("button", name=f"Edit {day}", exact=True).click()


def test_the_page_opens_on_a_solved_week_with_a_slider_per_goal(page: Page, live_app: Flask):
    """A coach lands on a solved week: seven days, sessions on Tue and Thu, a slider per goal."""
    expect(page.locator("#week > .day")).to_have_count(7)
    assert "Runner's bodyweight circuit" in strength_on(page, "tue")
    assert "Strength and control" in strength_on(page, "thu")
    expect(page.locator("input[type=range]")).to_have_count(len(SOFT_GOALS))
    slider = page.get_by_label("Put strength on easy days so key runs stay focused", exact=True)
    expect(slider).to_have_value("1")
    expect(page.locator("#penalties .penalty")).to_have_count(1)


def test_moving_a_slider_re_solves_the_week(page: Page):
    """Pushing 'strength on easy days' to the top moves strength off the key-run days."""
    before = page.locator("#week").get_attribute("data-plan")
    slider = page.get_by_label("Put strength on easy days so key runs stay focused", exact=True)
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator(".weight-value[data-goal=strength_on_easy_days]")).to_have_value("30")
    page.wait_for_function(
        "before => document.querySelector('#week').dataset.plan !== before", arg=before
    )
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    assert strength_on(page, "tue") == "No strength"
    assert strength_on(page, "thu") == "No strength"
    expect(page.locator("#day-thu .day-badge")).to_be_visible()
    penalty_goals = page.locator("#penalties .penalty").evaluate_all(
        "items => items.map(item => item.dataset.goal)"
    )
    assert "strength_on_easy_days" not in penalty_goals


def test_the_slider_band_shows_the_range_that_keeps_the_week(page: Page):
    """After a solve, each slider says how far it can move before the week changes."""
    note = page.locator("#slider-strength_on_easy_days .range-note")
    expect(note).to_contain_text("Keeps this week up to 2.")
    expect(note).to_contain_text("At 3:")


def test_a_week_with_no_room_for_strength_explains_itself(page: Page):
    """Closing every day to strength shows the conflicting rules and what to relax."""
    for day_name in DAY_NAMES.values():
        open_day(page, day_name)
        page.get_by_label("Strength possible this day").uncheck()
    expect(page.locator("#status")).to_have_attribute("data-kind", "infeasible")
    explanation = page.locator("#explanation")
    expect(explanation).to_be_visible()
    expect(explanation.locator("#conflicts li").first).to_be_visible()
    expect(explanation.locator("#suggestions li").first).to_be_visible()
    expect(page.locator("#breakdown")).to_be_hidden()


def test_editing_a_run_re_solves(page: Page):
    """Turning Thursday's tempo into an easy run takes the session off Thursday."""
    open_day(page, "Thursday")
    page.get_by_label("Thursday run 1 type").select_option("easy")
    expect(page.locator("#day-thu .run-chip")).to_have_text("Easy 75′")
    page.wait_for_function("() => !document.querySelector('#day-thu .session')")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_fits_the_screen(browser: Browser, base_url: str, width: int):
    """No sideways scrolling on a phone or a laptop; the week grid and sliders are shown."""
    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= width


def test_the_scenario_loader_follows_the_server(page: Page, live_app: Flask):
    """Without /v1/scenarios the loader stays hidden; with it, a chosen scenario fills the week."""
    loader = page.locator("#scenario-loader")
    if not has_route(live_app, "/v1/scenarios", "GET"):
        expect(loader).to_be_hidden()
        return
    expect(loader).to_be_visible()
    page.get_by_label("Scenario").select_option("beginner-three-runs")
    loader.get_by_role("button", name="Load").click()
    expect(page.locator("#day-tue .rest")).to_have_text("Rest day")
    expect(page.locator("#day-mon .run-chip")).to_have_text("Easy 25′")
    expect(page.locator("#athlete-level")).to_have_value("beginner")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")


def test_an_impossible_scenario_loads_as_its_explanation(page: Page, live_app: Flask):
    """A scenario built to have no week shows the explanation, not a stale grid."""
    if not has_route(live_app, "/v1/scenarios", "GET"):
        pytest.skip("GET /v1/scenarios is not served")
    page.get_by_label("Scenario").select_option("infeasible-three-sessions-two-days")
    page.locator("#scenario-loader").get_by_role("button", name="Load").click()
    expect(page.locator("#status")).to_have_attribute("data-kind", "infeasible")
    expect(page.locator("#conflicts li").first).to_be_visible()
    expect(page.locator("#day-thu .session")).to_have_count(0)


def test_a_preset_sets_the_sliders(page: Page, live_app: Flask):
    """Picking a weight preset from the library moves the sliders to its weights."""
    if not has_route(live_app, "/v1/scenarios", "GET"):
        pytest.skip("GET /v1/scenarios is not served")
    presets = page.request.get("/v1/scenarios").json()["presets"]
    chosen = next(p for p in presets if p["name"] == "hard-days-hard")
    page.locator("#preset-picker").get_by_label("Start from").select_option("hard-days-hard")
    for goal, weight in chosen["weights"].items():
        expect(page.locator(f".weight-value[data-goal={goal}]")).to_have_value(str(weight))
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")


def test_saving_a_profile_keeps_the_weights(page: Page, live_app: Flask):
    """A new coach signs up, tunes a weight, saves a profile; it comes back with that weight."""
    if not has_route(live_app, "/v1/profiles", "POST"):
        pytest.skip("POST /v1/profiles is not served yet (coach branch not merged)")
    signup = page.request.post("/v1/coaches", data={"name": "Ana Tuning"})
    assert signup.status == 201, signup.text()
    token = signup.json()["token"]
    weight = page.locator(".weight-value[data-goal=spread_sessions]")
    weight.fill("7")
    page.get_by_label("Coach token").fill(token)
    page.get_by_label("Name", exact=True).fill("Hard days hard")
    page.get_by_label("Description").fill("Stack strength on key-run days")
    page.get_by_role("button", name="Save profile").click()
    result = page.locator("#save-result")
    expect(result).to_have_attribute("data-kind", "ok")
    expect(result).to_contain_text("Saved profile “Hard days hard”")
    profiles = page.request.get("/v1/profiles", headers={"Authorization": f"Bearer {token}"})
    saved: list[dict[str, Any]] = profiles.json()["profiles"]
    assert [(p["name"], p["weights"]["spread_sessions"]) for p in saved] == [("Hard days hard", 7)]


def test_saving_with_a_bad_token_shows_the_problem(page: Page, live_app: Flask):
    """A wrong token is refused, and the page shows the server's reason."""
    if not has_route(live_app, "/v1/profiles", "POST"):
        pytest.skip("POST /v1/profiles is not served yet (coach branch not merged)")
    page.get_by_label("Coach token").fill("not-a-token")
    page.get_by_label("Name", exact=True).fill("Nope")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#save-result")).to_have_attribute("data-kind", "error")


def test_every_module_loads_without_errors(browser: Browser, base_url: str):
    """Each ES module under api/static/js is fetched and the page loads with no error at all."""
    page = open_page(browser, base_url)
    problems: list[str] = []
    modules: set[str] = set()

    def on_response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")
        if "/static/js/" in response.url:
            modules.add(response.url.rsplit("/", 1)[1])

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
    page.goto("/", wait_until="networkidle")
    status = page.locator("#status").get_attribute("data-kind")
    page.context.close()
    assert problems == []
    assert modules == {path.name for path in MODULES.glob("*.js")}
    assert status == "optimal"


def test_limits_come_from_the_openapi_document(browser: Browser, base_url: str):
    """Served an OpenAPI document with other limits, the page enforces those, not copies."""
    page = open_page(browser, base_url)
    openapi = page.request.get("/openapi.json").json()
    schemas = openapi["components"]["schemas"]
    assert (
        schemas["WeekRequest"]["properties"]["weights"]["additionalProperties"]["maximum"] == 1000
    )
    schemas["WeekRequest"]["properties"]["weights"]["additionalProperties"]["maximum"] = 77
    schemas["ProfileIn"]["properties"]["name"]["maxLength"] = 42
    schemas["Run"]["properties"]["minutes"]["maximum"] = 99
    schemas["Day"]["properties"]["runs"]["maxItems"] = 1

    def doctored(route: Route) -> None:
        route.fulfill(json=openapi)

    page.route("**/openapi.json", doctored)
    page.goto("/")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator(".weight-value[data-goal=spread_sessions]")).to_have_attribute("max", "77")
    expect(page.locator("#profile-name")).to_have_attribute("maxlength", "42")
    open_day(page, "Monday")
    expect(page.get_by_label("Monday run 1 minutes")).to_have_attribute("max", "99")
    expect(page.locator("#day-editor .add-run")).to_be_hidden()  # one run, and one is the most
    page.context.close()


def test_the_page_runs_under_its_own_content_security_policy(browser: Browser, base_url: str):
    """Served with the app's real strict CSP (no inline script or style), nothing is refused."""
    page = open_page(browser, base_url)
    refused: list[str] = []
    page.on("console", lambda message: message.type == "error" and refused.append(message.text))
    response = page.goto("/")
    assert response is not None
    assert response.headers["content-security-policy"] == STRICT_CSP
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator("#slider-strength_on_easy_days .range-note")).not_to_be_empty()
    page.context.close()
    assert refused == []


def test_swagger_ui_works_under_its_policy(browser: Browser, base_url: str):
    """/docs renders the operations from /openapi.json under its own CSP, refusing nothing."""
    page = open_page(browser, base_url)
    refused: list[str] = []
    page.on("console", lambda message: message.type == "error" and refused.append(message.text))
    page.goto("/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator("#operations-health-healthz")).to_have_count(1)
    page.context.close()
    assert refused == []


def test_the_template_has_no_inline_script_handlers_or_styles():
    """The page's HTML keeps to markup: scripts by src, no on...= handlers, no style= attributes."""
    template = (MODULES.parents[1] / "templates" / "tuning.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", template), "inline script"
    assert not re.search(r"<style\b", template), "inline style sheet"
    assert not re.search(r"\son[a-z]+\s*=", template), "inline event handler"
    assert not re.search(r"\sstyle\s*=", template), "inline style attribute"
