"""Every built page is valid HTML according to the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(folder) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Java or vnu.jar missing: run the tests with `make test`, which installs them")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_sample_site_is_valid_html(sample_output):
    assert check(sample_output) == []


def test_funded_test_site_is_valid_html(funded_output):
    assert check(funded_output) == []


def test_the_checker_reports_invalid_html(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=lt><title>x</title><p><div>x</p></html>")
    assert check(tmp_path)
