"""The layers, as docs/architecture.md draws them: which package may import which.

routes -> services -> storage, solver        cli -> services -> storage, solver
solver never imports the web layer; api never imports ortools or the CP-SAT internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from solver import HardRuleId, SoftGoalId

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "api"
SOLVER = ROOT / "solver"
WEB = {"flask", "flask_openapi3", "werkzeug"}


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports, by its dotted name (`from a import b` gives a.b too)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def modules_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def forbidden(path: Path, prefixes: set[str]) -> list[str]:
    """The imports of `path` that are, or lie under, one of `prefixes`."""
    return sorted(
        module
        for module in imported_modules(path)
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)
    )


def ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules_under(API), ids=ids)
def test_api_never_imports_ortools(path: Path) -> None:
    """No api/ module imports ortools or the solver's CP-SAT internals (solver.cpsat)."""
    assert not forbidden(path, {"ortools", "solver.cpsat"})


@pytest.mark.parametrize("path", modules_under(SOLVER), ids=ids)
def test_solver_never_imports_the_web_layer(path: Path) -> None:
    """No solver/ module imports Flask, werkzeug, flask-openapi3 or the api package."""
    assert not forbidden(path, WEB | {"api"})


@pytest.mark.parametrize("path", modules_under(API / "routes"), ids=ids)
def test_a_route_calls_services_never_another_route_nor_storage(path: Path) -> None:
    """A route module imports no other route module and never reaches storage directly."""
    others = {f"api.routes.{p.stem}" for p in modules_under(API / "routes") if p != path}
    assert not forbidden(path, others | {"api.storage", "api.cli"})


@pytest.mark.parametrize("path", modules_under(API / "services"), ids=ids)
def test_services_know_no_http(path: Path) -> None:
    """Services are plain Python the CLI calls too: no Flask, no routes, no HTTP helpers."""
    http = {
        "api.routes",
        "api.cli",
        "api.app",
        "api.problems",
        "api.auth",
        "api.responses",
        "api.headers",
    }
    http |= {"api.logs", "api.metrics"}
    assert not forbidden(path, WEB | http | {"api.store"})


@pytest.mark.parametrize("path", modules_under(API / "storage"), ids=ids)
def test_storage_is_rows_only(path: Path) -> None:
    """Storage knows tables and transactions: no solver, no services, no routes, no Flask."""
    assert not forbidden(path, WEB | {"solver", "api.services", "api.routes", "api.cli"})


@pytest.mark.parametrize("path", modules_under(API / "cli"), ids=ids)
def test_the_cli_goes_through_services(path: Path) -> None:
    """A command calls services, never the HTTP routes or the storage layer."""
    assert not forbidden(path, {"api.routes", "api.storage"})


RULE_AND_GOAL_IDS = {str(member) for member in (*HardRuleId, *SoftGoalId)}


@pytest.mark.parametrize(
    "path",
    # Migrations are frozen history: their column names (max_strength_minutes) are the
    # schema's, which may share a word with a rule.
    [
        p
        for p in modules_under(SOLVER) + modules_under(API)
        if p.name != "rules.py" and "migrations" not in p.parts
    ],
    ids=ids,
)
def test_rule_and_goal_ids_are_spelled_only_in_the_rule_book(path: Path) -> None:
    """No module writes a rule or goal id as a bare string: each names its enum member."""
    literals = {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert not literals & RULE_AND_GOAL_IDS
