# Two commands on a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-fast lint types pytest bench clean

$(BIN)/trainweek: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/trainweek
	PORT=$(PORT) $(BIN)/trainweek serve

test: $(BIN)/trainweek lint types pytest

lint: $(BIN)/trainweek
	$(BIN)/ruff format --check solver api tests benchmarks
	$(BIN)/ruff check solver api tests benchmarks

types: $(BIN)/trainweek
	$(BIN)/mypy solver api

pytest: $(BIN)/trainweek
	$(BIN)/pytest

# The solver and the API contract in process, on SQLite only, without the slow, served or browser
# tests: for the edit-test loop (about a minute on two cores). `make test` runs everything.
test-fast: $(BIN)/trainweek
	$(BIN)/pytest -m "not slow and not browser and not postgresql" tests/solver tests/api tests/test_layers.py

bench: $(BIN)/trainweek
	$(BIN)/python benchmarks/bench_solve.py
	$(BIN)/python benchmarks/bench_http.py
	$(BIN)/python benchmarks/bench_sensitivity.py

clean:
	rm -rf $(VENV) bench-out .pytest_cache .mypy_cache .ruff_cache
