"""The coach's page in headless Chromium: tune a week, sign in, profiles, learning, athletes,
plans.

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


def test_a_week_solved_before_says_it_came_from_the_cache(page: Page):
    """Reloaded, the same week comes from the service's cache, and the status line says so."""
    page.reload()
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator("#status")).to_contain_text(re.compile(r"solved before in \d+ ms, kept"))


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


@pytest.mark.parametrize("width", [375, 1280])
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


def sign_up(page: Page, name: str) -> str:
    """Sign up through the page's form; the token it keeps in sessionStorage."""
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("#coach-name")).to_have_text(name)
    token = page.evaluate("sessionStorage.getItem('trainweek.token')")
    assert isinstance(token, str) and token
    return token


def api_sign_up(page: Page, name: str) -> dict[str, str]:
    """A coach signed up through the API: the Authorization header for their calls."""
    signup = page.request.post("/v1/coaches", data={"name": name})
    assert signup.status == 201, signup.text()
    return {"Authorization": f"Bearer {signup.json()['token']}"}


def sign_in(page: Page, headers: dict[str, str]) -> None:
    """Paste a coach's token into the page."""
    page.get_by_label("Coach token").fill(headers["Authorization"].removeprefix("Bearer "))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signed-in")).to_be_visible()


def test_saving_a_profile_keeps_the_weights(page: Page):
    """A new coach signs up, tunes a weight, saves a profile; it comes back with that weight."""
    token = sign_up(page, "Ana Tuning")
    weight = page.locator(".weight-value[data-goal=spread_sessions]")
    weight.fill("7")
    page.get_by_label("Name", exact=True).fill("Hard days hard")
    page.get_by_label("Description").fill("Stack strength on key-run days")
    page.get_by_role("button", name="Save profile").click()
    result = page.locator("#save-result")
    expect(result).to_have_attribute("data-kind", "ok")
    expect(result).to_contain_text("Saved profile “Hard days hard”")
    expect(page.locator("#profile-list .profile.loaded")).to_have_text(re.compile("Hard days hard"))
    profiles = page.request.get("/v1/profiles", headers={"Authorization": f"Bearer {token}"})
    saved: list[dict[str, Any]] = profiles.json()["profiles"]
    assert [(p["name"], p["weights"]["spread_sessions"]) for p in saved] == [("Hard days hard", 7)]


def test_a_bad_token_is_refused_with_the_servers_reason(page: Page):
    """A wrong token is refused, the page says why, and nothing of a coach's is shown."""
    page.get_by_label("Coach token").fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#account-result")).to_have_attribute("data-kind", "error")
    expect(page.locator("#signed-in")).to_be_hidden()
    expect(page.locator("#profile-list")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('trainweek.token')") is None


def test_the_token_lasts_the_tab_and_sign_out_forgets_it(page: Page):
    """Signed in, a reload keeps the coach; signing out clears the token and the examples."""
    sign_up(page, "Bea")
    page.reload()
    expect(page.locator("#coach-name")).to_have_text("Bea")
    page.get_by_role("button", name="+ Add the week above as an example").click()
    expect(page.locator("#examples .example")).to_have_count(1)
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#signed-out")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('trainweek.token')") is None
    assert page.evaluate("sessionStorage.length") == 0
    expect(page.locator("#examples .example")).to_have_count(0)
    page.reload()
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator("#signed-out")).to_be_visible()
    expect(page.locator("#coach-name")).to_have_text("")


def test_profiles_load_rename_and_delete(page: Page):
    """A coach's profiles are listed; one loads into the sliders, is renamed, then deleted."""
    headers = api_sign_up(page, "Cleo")
    for name, weight in [("easy days", 9), ("spread", 2)]:
        created = page.request.post(
            "/v1/profiles",
            headers=headers,
            data={"name": name, "weights": {"strength_on_easy_days": weight}},
        )
        assert created.status == 201, created.text()
    sign_in(page, headers)
    expect(page.locator("#profile-list .profile-name")).to_have_text(["easy days", "spread"])
    page.get_by_role("button", name="Load easy days").click()
    expect(page.locator(".weight-value[data-goal=strength_on_easy_days]")).to_have_value("9")
    assert "profile=" in page.url
    page.get_by_role("button", name="Rename spread").click()
    page.get_by_label("New name").fill("spread out")
    page.locator("#rename-form").get_by_role("button", name="Rename").click()
    expect(page.locator("#profile-list .profile-name")).to_have_text(["easy days", "spread out"])
    page.get_by_role("button", name="Delete easy days").click()
    page.get_by_role("button", name="Really delete easy days?").click()
    expect(page.locator("#profile-list .profile-name")).to_have_text(["spread out"])
    stored = page.request.get("/v1/profiles", headers=headers).json()["profiles"]
    assert [p["name"] for p in stored] == ["spread out"]


def test_two_profiles_compare_side_by_side(page: Page):
    """Compare shows both profiles' weeks day by day and marks the days that differ."""
    headers = api_sign_up(page, "Dora")
    for name, weights in [("defaults", {}), ("easy days only", {"strength_on_easy_days": 30})]:
        created = page.request.post(
            "/v1/profiles", headers=headers, data={"name": name, "weights": weights}
        )
        assert created.status == 201, created.text()
    sign_in(page, headers)
    page.get_by_label("First profile").select_option(label="defaults")
    page.get_by_label("Second profile").select_option(label="easy days only")
    page.locator("#compare-form").get_by_role("button", name="Compare").click()
    table = page.locator("#comparison table")
    expect(table.locator("thead th")).to_have_text(["Day", "defaults", "easy days only"])
    expect(table.locator("tbody tr")).to_have_count(7)
    tue = table.locator("tbody tr").nth(1)
    expect(tue).to_have_class(re.compile("differs"))
    expect(tue.locator("td").first).to_have_text("Runner's bodyweight circuit")


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
    goals = schemas["WeekRequest"]["properties"]["weights"]["properties"]
    assert {goal["maximum"] for goal in goals.values()} == {1000}
    for goal in goals.values():
        goal["maximum"] = 77
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


def test_learning_limits_come_from_the_openapi_document(
    browser: Browser, base_url: str, live_app: Flask
):
    """The most example weeks, and sessions a day in one, are LearnBody's, read from the API."""
    if not has_route(live_app, "/v1/profiles/learn", "POST"):
        pytest.skip("POST /v1/profiles/learn is not served (the learn branch is not merged)")
    page = open_page(browser, base_url)
    openapi = page.request.get("/openapi.json").json()
    schemas = openapi["components"]["schemas"]
    schemas["LearnBody"]["properties"]["examples"]["maxItems"] = 2
    for day in schemas["ExampleWeek"]["properties"]["plan"]["properties"].values():
        day["maxItems"] = 1
    page.route("**/openapi.json", lambda route: route.fulfill(json=openapi))
    page.goto("/")
    sign_up(page, "Ida")
    add = page.get_by_role("button", name="+ Add the week above as an example")
    add.click()
    add.click()
    expect(add).to_be_hidden()
    expect(page.locator("#examples-full")).to_have_text(
        "2 example weeks is the most one learning takes."
    )
    page.get_by_role("button", name=re.compile(r"^Week 2, Monday")).click()
    page.get_by_role("button", name="Place", exact=True).click()
    expect(page.get_by_role("button", name="Place", exact=True)).to_be_disabled()
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


def test_the_week_and_weights_survive_a_reload(page: Page):
    """The URL holds the week and the weights: a reload (or the link) brings both back."""
    open_day(page, "Thursday")
    page.get_by_label("Thursday run 1 type").select_option("easy")
    page.locator(".weight-value[data-goal=spread_sessions]").fill("12")
    expect(page.locator("#day-thu .run-chip")).to_have_text("Easy 75′")
    page.wait_for_function("() => location.hash.includes('spread_sessions')")
    link = page.url
    page.reload()
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator("#day-thu .run-chip")).to_have_text("Easy 75′")
    expect(page.locator(".weight-value[data-goal=spread_sessions]")).to_have_value("12")
    fresh = page.context.new_page()
    fresh.goto(link)
    expect(fresh.locator("#day-thu .run-chip")).to_have_text("Easy 75′")
    expect(fresh.locator(".weight-value[data-goal=spread_sessions]")).to_have_value("12")
    fresh.close()


def test_exercises_are_written_on_the_grid(page: Page):
    """Each placed session lists its exercises on the grid itself, not only in a tooltip."""
    catalogue = {s["id"]: s for s in page.request.get("/v1/sessions").json()["sessions"]}
    card = page.locator("#day-thu .session")
    session = catalogue[card.get_attribute("data-session") or ""]
    # Each line is the exercise's name, then its dose when the API gives one.
    names = [exercise["name"] for exercise in session["exercises"]]
    expect(card.locator(".exercises li")).to_contain_text(names)
    expect(card.locator(".exercises li").first).to_be_visible()
    assert card.get_attribute("title") is None


def test_doses_are_written_on_the_grid_when_the_api_gives_them(page: Page):
    """A session answered with `dose` and `prescription` shows both, exercise by exercise."""
    prescription = [
        {"exercise": "Back squat", "sets": 3, "reps": "6", "intensity": "RPE 7"},
        {"exercise": "Calf raises", "sets": 2, "reps": "15", "intensity": None},
    ]

    def with_doses(route: Route) -> None:
        response = route.fetch()
        week = response.json()
        for day in week["days"].values():
            for placed in day["strength"]:
                placed["dose"] = "3 x 6 @ RPE 7"
                placed["prescription"] = prescription
        route.fulfill(response=response, json=week)

    page.route("**/v1/weeks/solve", with_doses)
    page.locator(".weight-value[data-goal=spread_sessions]").fill("6")
    card = page.locator("#day-thu .session")
    expect(card.locator(".dose")).to_have_text("3 x 6 @ RPE 7")
    expect(card.locator(".exercises li")).to_have_text(
        ["Back squat 3 × 6 @ RPE 7", "Calf raises 2 × 15"]
    )


# The plan view: a plan file in, the plan as a grid of weeks out.
PLANS = Path(__file__).parents[3] / "scenarios" / "plans"
FRR = PLANS / "calendar-hack-frr-5k-01.yaml"
FRR_RACE_DAY = "2027-03-14"


def place(page: Page, plan: Path, race_date: str = "") -> None:
    """Choose the plan file, the race date, and place strength."""
    page.get_by_label("Plan file").set_input_files(str(plan))
    page.get_by_label("Race date").fill(race_date)
    page.get_by_role("button", name="Place strength").click()


def test_a_calendar_hack_plan_shows_as_a_grid_of_weeks(page: Page):
    """Twelve weeks, each with its phase; the race day marked; strength placed with doses."""
    place(page, FRR, FRR_RACE_DAY)
    expect(page.locator("#plan-result")).to_have_attribute("data-kind", "ok")
    expect(page.locator("#plan-result")).to_contain_text("12 weeks from 2026-12-21")
    rows = page.locator(".plan-grid tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.last).to_have_class("phase-race_week")
    expect(rows.last.locator(".plan-phase")).to_have_text("Race week")
    race_day = page.locator(f'.plan-day[data-date="{FRR_RACE_DAY}"]')
    expect(race_day).to_have_class("plan-day race")
    expect(race_day).to_contain_text("Race")
    expect(rows.first.locator(".session .dose").first).to_be_visible()
    assert page.locator(".plan-grid .session").count() >= 12
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#plan-title").scroll_into_view_if_needed()
    shoot(page, "plan-view")
    assert axe_violations(page) == []


def test_a_plan_file_the_server_refuses_says_why(page: Page):
    """A calendar-hack plan without its race date: the server's reason, and no grid."""
    place(page, FRR)
    expect(page.locator("#plan-result")).to_have_attribute("data-kind", "error")
    expect(page.locator("#plan-result")).to_contain_text("race date")
    expect(page.locator(".plan-grid")).to_have_count(0)


def test_an_ics_export_is_read_as_a_calendar_plan(browser: Browser, base_url: str):
    """An .ics file goes as text/calendar: the Garmin-style export's weeks come back."""
    page = open_page(browser, base_url)
    page.goto("/")
    place(page, PLANS / "garmin-style-half-marathon.ics")
    expect(page.locator("#plan-result")).to_have_attribute("data-kind", "ok")
    assert page.locator(".plan-grid tbody tr").count() >= 2
    expect(page.locator(".plan-day.race")).to_have_count(1)
    page.context.close()


def test_sessions_are_placed_by_hand_on_example_weeks(page: Page):
    """Examples copy the grid's week; a day takes catalogue sessions; examples last a reload."""
    sign_up(page, "Eve")
    page.get_by_role("button", name="+ Add the week above as an example").click()
    # By keyboard: the day opens with Enter, the session list has the focus, Place is a Tab away.
    page.get_by_role("button", name=re.compile(r"^Week 1, Wednesday: rest")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Session for Wednesday")).to_be_focused()
    page.get_by_label("Session for Wednesday").select_option(label="Lower body and core")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_label("Session for Wednesday").select_option(label="Mobility, feet and hips")
    page.get_by_role("button", name="Place", exact=True).click()
    page.get_by_role("button", name="Remove Mobility, feet and hips from Wednesday").click()
    page.get_by_role("button", name="Done", exact=True).click()
    wed = page.locator("#example-0 .example-day[data-day=wed]")
    expect(wed.locator(".placed")).to_have_text(["Lower body and core"])
    expect(wed).to_be_focused()
    page.reload()
    expect(page.locator("#coach-name")).to_have_text("Eve")
    expect(page.locator("#example-0 .example-day[data-day=wed] .placed")).to_have_text(
        ["Lower body and core"]
    )
    expect(page.locator("#example-0 .example-day[data-day=tue] .example-runs")).to_have_text(
        "intervals 60′"
    )


def test_learning_posts_the_examples_as_the_learn_contract_says(page: Page, live_app: Flask):
    """ "Learn my weights" posts each example's week and hand-placed plan, with the token."""
    sign_up(page, "Fay")
    page.get_by_role("button", name="+ Add the week above as an example").click()
    page.get_by_role("button", name=re.compile(r"^Week 1, Monday")).click()
    page.get_by_label("Session for Monday").select_option("upper_body_core")
    page.get_by_role("button", name="Place", exact=True).click()
    with page.expect_request("**/v1/profiles/learn") as posted:
        page.get_by_role("button", name="Learn my weights").click()
    request = posted.value
    assert request.method == "POST"
    assert request.headers["authorization"].startswith("Bearer ")
    body = request.post_data_json
    assert body["save"] is False
    assert body["examples"][0]["plan"] == {"mon": [{"session": "upper_body_core"}]}
    assert body["examples"][0]["request"]["days"]["sun"]["runs"] == [
        {"type": "long", "minutes": 135}
    ]
    if not has_route(live_app, "/v1/profiles/learn", "POST"):
        # Without the route the server's 404 problem is shown, as any refusal would be.
        expect(page.locator("#learn-result")).to_have_attribute("data-kind", "error")


def test_athletes_are_added_edited_solved_and_remembered(page: Page):
    """An athlete gets the grid's week, edits it, is solved with a profile, and has history."""
    headers = api_sign_up(page, "Gus")
    created = page.request.post(
        "/v1/profiles", headers=headers, data={"name": "spread", "weights": {"spread_sessions": 9}}
    )
    assert created.status == 201, created.text()
    sign_in(page, headers)
    page.get_by_label("New athlete").fill("Mia")
    page.get_by_role("button", name="Add with the week above").click()
    expect(page.get_by_label("Athlete", exact=True)).to_have_value(re.compile(r"^\d+$"))
    athlete_id = page.get_by_label("Athlete", exact=True).input_value()
    expect(page.locator("#history li")).to_have_text(["No week solved yet."])
    open_day(page, "Wednesday")
    page.get_by_role("button", name="+ Add a run").click()
    page.get_by_role("button", name="Save the grid as default week").click()
    expect(page.locator("#athlete-result")).to_contain_text("Saved the week on the grid")
    stored = page.request.get(f"/v1/athletes/{athlete_id}", headers=headers).json()
    runs = stored["default_week"]["days"]["wed"]["runs"]
    assert [(run["type"], run["minutes"]) for run in runs] == [("easy", 45)]
    assert stored["version"] == 2
    page.get_by_role("button", name="Remove Wednesday run 1").click()
    expect(page.locator("#day-wed .rest")).to_be_visible()
    page.get_by_role("button", name="Edit default week").click()
    expect(page.locator("#day-wed .run-chip")).to_have_text("Easy 45′")
    page.get_by_label("Solve with").select_option(label="spread")
    page.locator("#solve-athlete").get_by_role("button", name="Solve").click()
    expect(page.locator("#solved-week .mini-day")).to_have_count(7)
    expect(page.locator("#solved-week .session").first).to_be_visible()
    expect(page.locator("#history .history-item")).to_have_count(1)
    expect(page.locator("#history .history-item")).to_contain_text("profile spread")
    history = page.request.get(f"/v1/athletes/{athlete_id}/history", headers=headers).json()
    assert [solved["profile"] for solved in history["history"]] == [created.json()["id"]]


SHOTS = Path(__file__).parents[3] / "bench-out" / "page"
SERIOUS = {"serious", "critical"}


def axe_violations(page: Page) -> list[str]:
    """What axe-core (vendored by axe-playwright-python, no CDN) finds serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def shoot(page: Page, name: str) -> Path:
    """A full-page screenshot in bench-out/page/, its path printed for the report."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def find_everything_again(page: Page, coach: str, profile: str, athlete: str) -> None:
    """After a reload: the coach, the loaded profile, the athlete, their history, the week."""
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    expect(page.locator("#coach-name")).to_have_text(coach)
    expect(page.locator("#profile-list .profile.loaded .profile-name")).to_have_text(profile)
    expect(page.locator("#update-profile")).to_have_text(f"Update “{profile}”")
    selected = page.get_by_label("Athlete", exact=True).locator("option:checked")
    expect(selected).to_have_text(athlete)
    expect(page.locator("#history .history-item")).to_have_count(1)
    expect(page.locator("#history .history-item")).to_contain_text(f"profile {profile}")
    expect(page.locator("#solved-week .mini-day")).to_have_count(7)


def check_widths(page: Page, name: str) -> None:
    """Desktop then phone: a screenshot each, no sideways scrolling, nothing serious for axe."""
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)  # let the layout settle at the new width before measuring it
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shoot(page, f"{name}-{width}")
        assert axe_violations(page) == [], f"axe at {width} px"


def test_a_coachs_day_tuned_by_hand(browser: Browser, base_url: str):
    """Sign up, tune and save a profile, add an athlete, solve with it, reload: all still there."""
    page = open_page(browser, base_url)
    page.goto("/")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    sign_up(page, "Hana")
    page.locator(".weight-value[data-goal=strength_on_easy_days]").fill("8")
    page.get_by_label("Name", exact=True).fill("Easy days")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#profile-list .profile.loaded")).to_contain_text("Easy days")
    page.get_by_label("New athlete").fill("Mia")
    page.get_by_role("button", name="Add with the week above").click()
    page.get_by_label("Solve with").select_option(label="Easy days")
    page.locator("#solve-athlete").get_by_role("button", name="Solve").click()
    expect(page.locator("#history .history-item")).to_have_count(1)
    page.reload()
    find_everything_again(page, "Hana", "Easy days", "Mia")
    expect(page.locator(".weight-value[data-goal=strength_on_easy_days]")).to_have_value("8")
    check_widths(page, "coach-by-hand")
    page.context.close()


# Three weeks a coach places by hand: strength on the quality days, never before the long run.
HAND_PLACED = [
    ({}, {"tue": "lower_body_core", "thu": "bodyweight_circuit"}),
    ({"thu": "easy"}, {"tue": "lower_body_core", "fri": "mobility_core"}),
    ({"tue": "easy"}, {"mon": "upper_body_core", "thu": "lower_body_core"}),
]


def test_a_coachs_whole_day(browser: Browser, base_url: str, live_app: Flask):
    """Sign up, learn from 3 hand-placed weeks, save, add an athlete, solve, reload, find all."""
    if not has_route(live_app, "/v1/profiles/learn", "POST"):
        pytest.skip("POST /v1/profiles/learn is not served (the learn branch is not merged)")
    page = open_page(browser, base_url)
    page.goto("/")
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    sign_up(page, "Ana Coach")
    for index, (runs, placed) in enumerate(HAND_PLACED):
        page.goto("/")  # the starter week, then this example's changes to it
        expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
        for day, run_type in runs.items():
            open_day(page, DAY_NAMES[day])
            page.get_by_label(f"{DAY_NAMES[day]} run 1 type").select_option(run_type)
            page.get_by_role("button", name="Done").click()
        page.get_by_role("button", name="+ Add the week above as an example").click()
        for day, session in placed.items():
            name = f"Week {index + 1}, {DAY_NAMES[day]}"
            page.get_by_role("button", name=re.compile(f"^{name}:")).click()
            page.get_by_label(f"Session for {DAY_NAMES[day]}").select_option(session)
            page.get_by_role("button", name="Place", exact=True).click()
            page.get_by_role("button", name="Done", exact=True).click()
    expect(page.locator("#examples .example")).to_have_count(3)
    page.get_by_label("Save as profile (optional name)").fill("My weeks")
    with page.expect_response("**/v1/profiles/learn") as answered:
        page.get_by_role("button", name="Learn my weights").click()
    answer = answered.value.json()
    assert answered.value.status == 200, answer
    reproduced = answer["agreement"]["reproduced"]
    result = page.locator("#learn-result")
    expect(result).to_contain_text(f"Agreement: {reproduced} of 3 weeks reproduced")
    expect(result).to_contain_text("Saved as profile “My weeks”")
    expect(page.locator("#examples .verdict")).to_have_count(3)
    expect(page.locator("#examples .disagreement")).to_have_count(3 - reproduced)
    for goal, weight in answer["weights"].items():
        expect(page.locator(f".weight-value[data-goal={goal}]")).to_have_value(str(weight))
    expect(page.locator("#profile-list .profile.loaded")).to_contain_text("My weeks")
    page.get_by_label("New athlete").fill("Mia")
    page.get_by_role("button", name="Add with the week above").click()
    page.get_by_label("Solve with").select_option(label="My weeks")
    page.locator("#solve-athlete").get_by_role("button", name="Solve").click()
    expect(page.locator("#history .history-item")).to_have_count(1)
    page.reload()
    find_everything_again(page, "Ana Coach", "My weeks", "Mia")
    expect(page.locator("#examples .example")).to_have_count(3)
    expect(page.locator("#examples .verdict")).to_have_count(3)
    expect(page.locator("#examples .disagreement")).to_have_count(3 - reproduced)
    expect(result).to_contain_text(f"Agreement: {reproduced} of 3 weeks reproduced")
    for goal, weight in answer["weights"].items():
        expect(page.locator(f".weight-value[data-goal={goal}]")).to_have_value(str(weight))
    check_widths(page, "coach-day")
    page.context.close()


def test_a_sessions_alternatives_are_marked_on_the_grid_and_it_moves(page: Page):
    """Click Thursday's session: Wednesday is not allowed (heavy legs before Thursday's tempo,
    the rule named), Friday is allowed with its cost delta; move it there and the page shows
    the moved week, scored by evaluate. Keyboard reachable, and nothing serious for axe."""
    assert "Strength and control" in strength_on(page, "thu")
    with page.expect_response("**/v1/weeks/alternatives") as answered:
        page.get_by_role("button", name=re.compile(r"^Strength and control.* on Thursday")).click()
    answer = answered.value.json()
    assert answered.value.status == 200, answer
    by_day = {option["day"]: option for option in answer["alternatives"]}
    wednesday, friday = by_day["wed"], by_day["fri"]
    assert not wednesday["allowed"] and friday["allowed"]
    expect(page.locator("#day-wed .alt-slot")).to_contain_text("Not allowed")
    expect(page.locator("#day-wed .alt-slot")).to_contain_text(wednesday["rule"])
    expect(page.locator("#alternatives-list [data-day=wed]")).to_contain_text("Thu's key tempo run")
    delta = friday["cost_delta"]
    shown = f"+{delta}" if delta > 0 else ("±0" if delta == 0 else f"−{-delta}")
    expect(page.locator("#day-fri .alt-cost")).to_have_text(shown)
    shoot(page, "alternatives")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 900})
    page.wait_for_timeout(100)  # let the layout settle at the new width before measuring it
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(page, "alternatives-375")
    page.set_viewport_size({"width": 1280, "height": 800})
    move = page.get_by_role("button", name=re.compile(r"^Move Strength and control.* to Friday"))
    move.focus()
    with page.expect_response("**/v1/weeks/evaluate") as scored:
        page.keyboard.press("Enter")
    evaluation = scored.value.json()
    assert evaluation["feasible"] is True
    assert evaluation["objective"] == answer["objective"] + delta
    assert "Strength and control" in strength_on(page, "fri")
    assert "Strength and control" not in strength_on(page, "thu")
    expect(page.locator("#status")).to_have_attribute("data-kind", "moved")
    expect(page.locator("#objective")).to_have_text(f"Total {evaluation['objective']}")
    expect(page.locator("#alternatives")).to_be_hidden()
    expect(page.locator("#day-fri .session-pick")).to_be_focused()


def test_saving_a_default_week_keeps_what_the_page_does_not_edit(page: Page):
    """The athlete's time zone, age, lifting years, movements to avoid and strength cap, set
    through the API, survive saving the grid as their default week (a PUT replaces)."""
    headers = api_sign_up(page, "Ida")
    kept = {
        "timezone": "Europe/Paris",
        "age": 55,
        "strength_training_age": 3.0,
        "avoid": ["jumps"],
        "max_strength_minutes": 90,
    }
    created = page.request.post("/v1/athletes", headers=headers, data={"name": "Mia", **kept})
    assert created.status == 201, created.text()
    sign_in(page, headers)
    page.get_by_label("Athlete", exact=True).select_option(str(created.json()["id"]))
    page.get_by_role("button", name="Save the grid as default week").click()
    expect(page.locator("#athlete-result")).to_contain_text("Saved the week on the grid")
    stored = page.request.get(f"/v1/athletes/{created.json()['id']}", headers=headers).json()
    assert stored["version"] == 2
    assert {field: stored[field] for field in kept} == kept


def test_a_timed_weeks_alternatives_show_their_times_and_move_to_one(page: Page, live_app: Flask):
    """A library week with times keeps them on the page (runs' starts, the days' windows, each
    session's start); a session's alternatives are one per time window, each with its start,
    the evening before Tuesday's 07:00 intervals forbidden with the rule and the run's time;
    "Move here" moves the session to that day and start, and evaluate scores it there."""
    if not has_route(live_app, "/v1/scenarios", "GET"):
        pytest.skip("GET /v1/scenarios is not served")
    with page.expect_response("**/v1/weeks/solve") as solved:
        page.get_by_label("Scenario").select_option("evening-lift-before-0700-intervals")
        page.locator("#scenario-loader").get_by_role("button", name="Load").click()
    expect(page.locator("#status")).to_have_attribute("data-kind", "optimal")
    week = solved.value.json()
    tuesday = week["days"]["tue"]["strength"][0]
    expect(page.locator("#day-tue .run-chip")).to_contain_text("07:00 Intervals 60′")
    expect(page.locator("#day-mon .day-flags")).to_contain_text("free 18:00–21:00")
    expect(page.locator("#day-tue .session-meta")).to_contain_text(tuesday["at"])
    with page.expect_response("**/v1/weeks/alternatives") as answered:
        page.get_by_role("button", name=re.compile(r"^Strength and control.* on Tuesday")).click()
    answer = answered.value.json()
    assert answered.value.status == 200, answer
    assert answer["at"] == tuesday["at"]
    expect(page.locator("#alternatives-title")).to_contain_text(f"Now on Tuesday {tuesday['at']}")
    items = page.locator("#alternatives-list li")
    expect(items).to_have_count(len(answer["alternatives"]))
    for option in answer["alternatives"]:
        item = page.locator(
            f"#alternatives-list [data-day={option['day']}][data-at='{option['at']}']"
        )
        expect(item).to_contain_text(f"{option['at']}")
    monday = next(o for o in answer["alternatives"] if o["day"] == "mon")
    assert monday["rule"] == "no_heavy_legs_before_key_run"
    expect(page.locator("#day-mon .alt-slot")).to_contain_text(monday["at"])
    expect(page.locator("#day-mon .alt-slot")).to_contain_text("Not allowed")
    expect(page.locator("#alternatives-list [data-day=mon]")).to_contain_text(
        "Tue's 07:00 key intervals run"
    )
    wednesday = [o for o in answer["alternatives"] if o["day"] == "wed"]
    expect(page.locator("#day-wed .alt-option")).to_have_count(len(wednesday))
    target = next(o for o in answer["alternatives"] if o["allowed"])
    shoot(page, "alternatives-timed")
    move = page.get_by_role(
        "button",
        name=re.compile(
            rf"^Move Strength and control.* to {DAY_NAMES[target['day']]} at {target['at']}"
        ),
    )
    with (
        page.expect_request("**/v1/weeks/evaluate") as sent,
        page.expect_response("**/v1/weeks/evaluate") as scored,
    ):
        move.click()
    placed = sent.value.post_data_json["plan"][target["day"]]
    assert {"session": tuesday["session"], "at": target["at"]} in placed
    evaluation = scored.value.json()
    assert evaluation["objective"] == answer["objective"] + target["cost_delta"]
    expect(page.locator("#status")).to_have_attribute("data-kind", "moved")
    expect(page.locator("#status")).to_contain_text(f"to {DAY_NAMES[target['day']]} {target['at']}")
    expect(page.locator(f"#day-{target['day']} .session-meta").last).to_contain_text(target["at"])


def test_a_missed_session_replans_the_rest_of_the_week(page: Page):
    """Mark Tuesday's session missed from the grid (keyboard): /v1/weeks/replan answers, the grid
    shows the replanned week with Tuesday empty and its mark, the change list words each change
    with its ids, and Monday is past. Axe finds nothing serious; the phone width does not scroll."""
    assert "Runner's bodyweight circuit" in strength_on(page, "tue")
    page.get_by_role(
        "button", name=re.compile(r"^Runner's bodyweight circuit.* on Tuesday")
    ).click()
    missed = page.get_by_role(
        "button", name="Mark Runner's bodyweight circuit on Tuesday as missed"
    )
    missed.focus()
    with (
        page.expect_request("**/v1/weeks/replan") as sent,
        page.expect_response("**/v1/weeks/replan") as answered,
    ):
        page.keyboard.press("Enter")
    body = sent.value.post_data_json
    assert body["missed"] == [{"day": "tue", "session": "bodyweight_circuit"}]
    assert (body["today"], body["legs"], body["done"]) == ("tue", "normal", [])
    answer = answered.value.json()
    assert answered.value.status == 200, answer
    expect(page.locator("#status")).to_have_attribute("data-kind", "replanned")
    assert "Runner's bodyweight circuit" not in strength_on(page, "tue")
    expect(page.locator("#day-tue .mark-list")).to_have_text("Missed: Runner's bodyweight circuit")
    expect(page.locator("#day-mon")).to_have_class(re.compile(r"\bsettled\b"))
    expect(page.locator("#day-tue .day-when")).to_have_text("Today")
    changes = page.locator("#replan-changes li")
    expect(changes).to_have_count(len(answer["changes"]))
    tuesday = next(change for change in answer["changes"] if change["day"] == "tue")
    row = page.locator("#replan-changes li[data-day=tue]").first
    expect(row).to_contain_text(tuesday["because"])
    for reason in tuesday["reasons"]:
        expect(row.locator("code", has_text=reason)).to_have_count(1)
    for day, plan in answer["days"].items():
        for placed in plan["strength"]:
            assert placed["name"] in strength_on(page, day)
    shoot(page, "replan")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 900})
    page.wait_for_timeout(100)  # let the layout settle at the new width before measuring it
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(page, "replan-375")
    assert axe_violations(page) == []


def test_a_session_done_pins_the_past_and_survives_a_reload(page: Page):
    """Mark Thursday's session done and a run missed, with heavy legs: today is Thursday, Monday
    to Wednesday are settled and keep the week's sessions; a reload brings the marks back and
    replans again; Start again shows the solved week."""
    held = {day: strength_on(page, day) for day in DAY_NAMES}
    page.get_by_role("button", name=re.compile(r"^Strength and control.* on Thursday")).click()
    with page.expect_response("**/v1/weeks/replan"):
        page.get_by_role("button", name="Mark Strength and control (A) on Thursday as done").click()
    page.get_by_role("button", name="Easy 72′ on Monday: mark it run, missed or skipped").click()
    with page.expect_response("**/v1/weeks/replan"):
        page.get_by_role("button", name="Mark easy run on Monday as missed").click()
    with page.expect_request("**/v1/weeks/replan") as sent:
        page.get_by_label("Legs feel").select_option("heavy")
    body = sent.value.post_data_json
    assert body["done"] == [{"day": "thu", "session": "strength_control"}]
    assert body["missed"] == [{"day": "mon", "run": "easy"}]
    assert (body["today"], body["legs"]) == ("thu", "heavy")
    expect(page.locator("#status")).to_have_attribute("data-kind", "replanned")
    for day in ("mon", "tue", "wed"):
        expect(page.locator(f"#day-{day}")).to_have_class(re.compile(r"\bsettled\b"))
        assert strength_on(page, day) == held[day], f"{day} is past: kept as it happened"
    expect(page.locator("#day-thu .day-when")).to_have_text("Today")
    expect(page.locator("#day-thu .mark-list")).to_have_text("Done: Strength and control (A)")
    expect(page.locator("#day-mon .mark-list")).to_have_text("Missed: easy run")
    page.wait_for_function("() => location.hash.includes('replan')")
    with page.expect_response("**/v1/weeks/replan"):
        page.reload()
    expect(page.locator("#status")).to_have_attribute("data-kind", "replanned")
    expect(page.get_by_label("Legs feel")).to_have_value("heavy")
    expect(page.locator("#replan-marks li")).to_have_count(2)
    expect(page.locator("#day-wed")).to_have_class(re.compile(r"\bsettled\b"))
    page.get_by_role("button", name="Start again").click()
    expect(page.locator("#replan-marks li")).to_have_count(0)
    expect(page.locator("#day-wed")).not_to_have_class(re.compile(r"\bsettled\b"))
    assert {day: strength_on(page, day) for day in DAY_NAMES} == held


def test_the_forms_wait_for_the_page_to_be_wired(browser: Browser, base_url: str):
    """As served, the forms' buttons are disabled, so a click before the modules are wired
    neither does nothing nor reloads the page through the form's own submit; once wired, they
    are enabled."""
    page = open_page(browser, base_url)
    served = page.request.get("/").text()
    assert re.search(r'<button type="submit" disabled data-until-ready[^>]*>Sign up<', served)
    page.goto("/")
    expect(page.get_by_role("button", name="Sign up")).to_be_enabled()
    expect(page.locator("button[data-until-ready]")).to_have_count(0)
    page.context.close()
