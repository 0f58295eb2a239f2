"""The code's own habits: `make test` runs ruff's check and its formatter's check before the suite."""

from __future__ import annotations

import subprocess

from conftest import ROOT


def test_make_test_checks_the_code_with_ruff_before_the_suite():
    planned = subprocess.run(
        ["make", "-n", "-W", "requirements.txt", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert planned.returncode == 0, planned.stderr
    lines = [line.strip() for line in planned.stdout.splitlines()]
    check = next(i for i, line in enumerate(lines) if line.endswith("ruff check ."))
    formatted = next(i for i, line in enumerate(lines) if line.endswith("ruff format --check ."))
    suite = next(i for i, line in enumerate(lines) if "pytest" in line)
    assert check < formatted < suite
