"""Deployment: the workflows and targets are well formed and do what the README says."""

from __future__ import annotations

import subprocess

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


def test_rsync_target_is_well_formed():
    run = dry_run("deploy-rsync", "RSYNC_TARGET=deploy@example.org:/var/www/skaidra")
    assert run.returncode == 0, run.stderr
    line = next(line for line in run.stdout.splitlines() if line.startswith("rsync"))
    assert line == 'rsync --archive --compress --delete --checksum --human-readable "output/" "deploy@example.org:/var/www/skaidra"'


def test_object_storage_target_is_well_formed():
    run = dry_run("deploy-s3", "S3_BUCKET=skaidra-svetaine", "S3_ENDPOINT=https://s3.example.org")
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("aws s3 sync")]
    assert len(lines) == 2
    assert '"output/theme/" "s3://skaidra-svetaine/theme/"' in lines[0] and "immutable" in lines[0]
    assert '--exclude "theme/*"' in lines[1] and "--endpoint-url \"https://s3.example.org\"" in lines[1]


def test_targets_refuse_to_guess_where_to_deploy():
    for target, variable in (("deploy-rsync", "RSYNC_TARGET"), ("deploy-s3", "S3_BUCKET")):
        run = subprocess.run(["make", "-s", "-o", "publish", target], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode != 0 and variable in run.stderr


def test_headers_file_carries_security_headers_long_caching_and_types(sample_output):
    headers = (sample_output / "_headers").read_text()
    blocks = {block.split("\n", 1)[0]: block for block in headers.strip().split("\n\n")}
    assert "Content-Security-Policy:" in blocks["/*"] and "X-Content-Type-Options: nosniff" in blocks["/*"]
    assert "immutable" in blocks["/theme/*"]
    assert "text/calendar" in blocks["/*.ics"] and "text/vtt" in blocks["/*.vtt"]
    assert "application/rss+xml" in blocks["/feeds/podcast.xml"] and "audio/mpeg" in blocks["/*.mp3"]
    theme_files = [p.name for p in (sample_output / "theme/css").iterdir()]
    assert all(len(name.split(".")) == 3 for name in theme_files), theme_files  # name.hash.css
