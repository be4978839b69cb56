"""Settings: the app's config wins over TRAINWEEK_* in the environment, which wins over the
default; a value that does not parse stops the start-up naming it."""

from __future__ import annotations

import pytest

from api.app import create_app
from api.services.athletes import DEFAULT_HISTORY_LIMIT
from api.store import CACHE_EXTENSION


def test_the_history_limit_defaults_to_500(private_database):
    """Nothing set: HISTORY_LIMIT is the documented default."""
    app = create_app({"TESTING": True})
    assert app.config["HISTORY_LIMIT"] == DEFAULT_HISTORY_LIMIT == 500


def test_the_environment_sets_the_history_limit(private_database, monkeypatch):
    """TRAINWEEK_HISTORY_LIMIT=7 gives HISTORY_LIMIT 7."""
    monkeypatch.setenv("TRAINWEEK_HISTORY_LIMIT", "7")
    assert create_app({"TESTING": True}).config["HISTORY_LIMIT"] == 7


def test_the_apps_config_wins_over_the_environment(private_database, monkeypatch):
    """create_app's config is the last word."""
    monkeypatch.setenv("TRAINWEEK_HISTORY_LIMIT", "7")
    assert create_app({"TESTING": True, "HISTORY_LIMIT": 3}).config["HISTORY_LIMIT"] == 3


@pytest.mark.parametrize("value", ["0", "-5", "many", "2.5"])
def test_a_history_limit_that_is_not_a_positive_whole_number_stops_the_start(
    private_database, monkeypatch, value
):
    """A bad TRAINWEEK_HISTORY_LIMIT fails create_app with the variable's name and value."""
    monkeypatch.setenv("TRAINWEEK_HISTORY_LIMIT", value)
    with pytest.raises(ValueError, match=f"TRAINWEEK_HISTORY_LIMIT='{value}'"):
        create_app({"TESTING": True})


def test_the_solving_budget_comes_from_the_environment(private_database, monkeypatch):
    """TRAINWEEK_SOLVE_BUDGET_SOLVES and _SECONDS set the budget; unset, 48 solves and 10 s."""
    assert create_app({"TESTING": True}).config["SOLVE_BUDGET_SOLVES"] == 48
    assert create_app({"TESTING": True}).config["SOLVE_BUDGET_SECONDS"] == 10.0
    monkeypatch.setenv("TRAINWEEK_SOLVE_BUDGET_SOLVES", "12")
    monkeypatch.setenv("TRAINWEEK_SOLVE_BUDGET_SECONDS", "2.5")
    config = create_app({"TESTING": True}).config
    assert (config["SOLVE_BUDGET_SOLVES"], config["SOLVE_BUDGET_SECONDS"]) == (12, 2.5)


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "soon"])
def test_a_budget_of_no_seconds_stops_the_start(private_database, monkeypatch, value):
    """Seconds must be a finite number above 0."""
    monkeypatch.setenv("TRAINWEEK_SOLVE_BUDGET_SECONDS", value)
    with pytest.raises(ValueError, match="TRAINWEEK_SOLVE_BUDGET_SECONDS"):
        create_app({"TESTING": True})


def test_the_week_cache_size_comes_from_the_environment(private_database, monkeypatch):
    """TRAINWEEK_WEEK_CACHE_MB bounds the optimal weeks kept (8 MiB unless set); 0 keeps none."""
    assert create_app({"TESTING": True}).extensions[CACHE_EXTENSION].max_bytes == 8 * 2**20
    monkeypatch.setenv("TRAINWEEK_WEEK_CACHE_MB", "0")
    assert create_app({"TESTING": True}).extensions[CACHE_EXTENSION].max_bytes == 0


@pytest.mark.parametrize("value", ["-1", "lots"])
def test_a_week_cache_size_below_zero_stops_the_start(private_database, monkeypatch, value):
    monkeypatch.setenv("TRAINWEEK_WEEK_CACHE_MB", value)
    with pytest.raises(ValueError, match="TRAINWEEK_WEEK_CACHE_MB"):
        create_app({"TESTING": True})
