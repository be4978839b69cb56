"""The bench: scenarios x presets x seeds, solved, checked, compared with baselines, reported.

`solver.bench.runner` solves and measures; `solver.bench.report` writes the CSV, JSON and HTML
(it alone imports matplotlib, so importing this package stays light).
"""

from __future__ import annotations

from solver.bench.runner import BenchConfig, BenchError, BenchRun, Row, run_bench

__all__ = ["BenchConfig", "BenchError", "BenchRun", "Row", "run_bench"]
