"""Deployment: the workflows and targets are well formed and do what the README says."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from conftest import ROOT


def commands(job_steps) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job_steps)


def test_github_pages_workflow_tests_builds_and_deploys_on_push_to_main():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as true
    # Daily, so that "coming" events and project status follow the calendar without a commit.
    assert [entry["cron"].split()[2:] for entry in workflow[True]["schedule"]] == [["*", "*", "*"]]
    build = commands(workflow["jobs"]["build"]["steps"])
    assert "make test" in build and "make publish" in build
    assert build.index("make test") < build.index("make publish")
    assert "actions/upload-pages-artifact" in build
    assert "actions/deploy-pages" in commands(workflow["jobs"]["deploy"]["steps"])
    assert workflow["permissions"]["pages"] == "write"


def test_gitlab_pages_job_publishes_to_public_on_main():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    assert pipeline["test"]["script"] == ["make test"]
    pages = pipeline["pages"]
    assert any("make publish" in line for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert [rule["if"] for rule in pages["rules"]] == ['$CI_COMMIT_BRANCH == "main"', '$CI_PIPELINE_SOURCE == "schedule"']


def dry_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", "-W", "publish", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("makefile", [ROOT / "Makefile", ROOT / "skaidra" / "site_template" / "Makefile"], ids=["repository", "init site"])
def test_make_deploy_publishes_then_uploads_with_skaidra_deploy(makefile, tmp_path):
    folder = ROOT if makefile.parent == ROOT else tmp_path
    if folder == tmp_path:  # an init site's folder: its Makefile beside its requirements
        (tmp_path / "Makefile").write_text(makefile.read_text())
        (tmp_path / "requirements.txt").write_text("skaidra\n")
    run = subprocess.run(["make", "-n", "deploy", "DRY_RUN=1"], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    publish = next(i for i, line in enumerate(lines) if " publish " in line)
    deploy = next(i for i, line in enumerate(lines) if " deploy " in line)
    assert publish < deploy and lines[deploy].rstrip().endswith("--dry-run")


def test_headers_file_carries_security_headers_long_caching_and_types(sample_output):
    headers = (sample_output / "_headers").read_text()
    blocks = {block.split("\n", 1)[0]: block for block in headers.strip().split("\n\n")}
    assert "Content-Security-Policy:" in blocks["/*"] and "X-Content-Type-Options: nosniff" in blocks["/*"]
    assert "immutable" in blocks["/theme/*"]
    assert "text/calendar" in blocks["/*.ics"] and "text/vtt" in blocks["/*.vtt"]
    assert "application/rss+xml" in blocks["/feeds/podcast.xml"] and "audio/mpeg" in blocks["/*.mp3"]
    theme_files = [p.name for p in (sample_output / "theme/css").iterdir()]
    assert all(len(name.split(".")) == 3 for name in theme_files), theme_files  # name.hash.css
