"""Every built page is valid HTML according to the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def messages(sample_output, funded_output, tmp_path_factory) -> list[str]:
    """The checker's errors for both built sites and one broken page, from one run of Java."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Java or vnu.jar missing: run the tests with `make test`, which installs them")
    bad = tmp_path_factory.mktemp("invalid")
    (bad / "bad.html").write_text(
        "<!doctype html><html lang=lt><title>x</title><p><div>x</p></html>"
    )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         str(sample_output), str(funded_output), str(bad)],
        capture_output=True, text=True, timeout=300, check=False
    )  # fmt: skip
    found = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in found]


def within(messages: list[str], folder: Path) -> list[str]:
    return [m for m in messages if m.startswith(folder.resolve().as_uri())]


def test_sample_site_is_valid_html(messages, sample_output):
    assert within(messages, sample_output) == []


def test_funded_test_site_is_valid_html(messages, funded_output):
    assert within(messages, funded_output) == []


def test_the_checker_reports_invalid_html(messages, sample_output, funded_output):
    assert messages and len(within(messages, sample_output)) + len(
        within(messages, funded_output)
    ) < len(messages)
