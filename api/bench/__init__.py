"""`trainweek bench`: scenarios x profiles x seeds, solved, checked, compared and reported."""

from __future__ import annotations

from api.bench.runner import BenchConfig, BenchError, BenchRun, Row, run_bench

__all__ = ["BenchConfig", "BenchError", "BenchRun", "Row", "run_bench"]
