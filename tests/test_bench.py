"""`make bench` works end to end (at a tiny size; the figures themselves come only from `make bench`)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_bench_runs_at_a_tiny_size_and_reports_every_measure(tmp_path):
    report = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "12", "24", "--repeats", "1", "--report", str(report),
         "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    for heading in ("## Build time", "## Peak memory", "## Page weight (Skaidra)", "## Budget", "## Why the budget"):
        assert heading in text
    rows = [line for line in text.splitlines() if line.startswith("| 12 |") or line.startswith("| 24 |")]
    assert len(rows) == 6  # two sizes in each of the three tables
    assert text.count("| met |") + text.count("| **missed** |") == 6
    assert "Machine:" in text and "Pelican 4.12.0" in text
