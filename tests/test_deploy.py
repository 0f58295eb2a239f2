"""Deployment: the workflows and targets are well formed and do what the README says."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import ROOT, skaidra


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
    assert [rule["if"] for rule in pages["rules"]] == [
        '$CI_COMMIT_BRANCH == "main"',
        '$CI_PIPELINE_SOURCE == "schedule"',
    ]


def dry_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-n", "-W", "publish", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "makefile",
    [ROOT / "Makefile", ROOT / "skaidra" / "site_template" / "Makefile"],
    ids=["repository", "init site"],
)
def test_make_deploy_publishes_then_uploads_with_skaidra_deploy(makefile, tmp_path):
    folder = ROOT if makefile.parent == ROOT else tmp_path
    if folder == tmp_path:  # an init site's folder: its Makefile beside its requirements
        (tmp_path / "Makefile").write_text(makefile.read_text())
        (tmp_path / "requirements.txt").write_text("skaidra\n")
    run = subprocess.run(
        ["make", "-n", "deploy", "DRY_RUN=1"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    publish = next(i for i, line in enumerate(lines) if " publish " in line)
    deploy = next(i for i, line in enumerate(lines) if " deploy " in line)
    assert publish < deploy and lines[deploy].rstrip().endswith("--dry-run")


def test_headers_file_carries_security_headers_long_caching_and_types(sample_output):
    headers = (sample_output / "_headers").read_text()
    blocks = {block.split("\n", 1)[0]: block for block in headers.strip().split("\n\n")}
    assert (
        "Content-Security-Policy:" in blocks["/*"]
        and "X-Content-Type-Options: nosniff" in blocks["/*"]
    )
    assert "immutable" in blocks["/theme/*"]
    assert "text/calendar" in blocks["/*.ics"] and "text/vtt" in blocks["/*.vtt"]
    assert (
        "application/rss+xml" in blocks["/feeds/podcast.xml"] and "audio/mpeg" in blocks["/*.mp3"]
    )
    theme_files = [p.name for p in (sample_output / "theme/css").iterdir()]
    assert all(len(name.split(".")) == 3 for name in theme_files), theme_files  # name.hash.css


def test_the_init_sites_workflows_upload_to_the_host_when_told_to():
    """GitHub: host.yml runs `make deploy` with the credentials as secrets when SKAIDRA_DEPLOY_TO_HOST is
    true, and pages.yml then stands aside; GitLab: the same with a CI/CD variable."""
    workflows = ROOT / "skaidra/site_template/github/workflows"
    host = yaml.safe_load((workflows / "host.yml").read_text())
    pages = yaml.safe_load((workflows / "pages.yml").read_text())
    assert host["jobs"]["upload"]["if"] == "vars.SKAIDRA_DEPLOY_TO_HOST == 'true'"
    assert pages["jobs"]["build"]["if"] == "vars.SKAIDRA_DEPLOY_TO_HOST != 'true'"
    upload = next(
        step for step in host["jobs"]["upload"]["steps"] if step.get("run") == "make deploy"
    )
    assert upload["env"] == {
        "AWS_ACCESS_KEY_ID": "${{ secrets.AWS_ACCESS_KEY_ID }}",
        "AWS_SECRET_ACCESS_KEY": "${{ secrets.AWS_SECRET_ACCESS_KEY }}",
        "SKAIDRA_DEPLOY_PASSWORD": "${{ secrets.SKAIDRA_DEPLOY_PASSWORD }}",
    }
    assert host[True]["schedule"] and host[True]["push"]["branches"] == ["main"]
    pipeline = yaml.safe_load((ROOT / "skaidra/site_template/gitlab-ci.yml").read_text())
    assert pipeline["pages"]["rules"][0] == {
        "if": '$SKAIDRA_DEPLOY_TO_HOST == "true"',
        "when": "never",
    }
    assert pipeline["host"]["script"] == ["make deploy"]
    assert all(
        '$SKAIDRA_DEPLOY_TO_HOST == "true"' in rule["if"] for rule in pipeline["host"]["rules"]
    )


@pytest.mark.parametrize("guide", ["guide.md", "vadovas.md"])
def test_the_guides_deploy_settings_and_htaccess_are_what_the_site_gets(
    guide, sample_output, content
):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    shown = re.search(r"<!-- site.yaml: deploy -->\n```yaml\n(.*?)```", text, re.DOTALL).group(1)
    content.write("site.yaml", "title: Bendruomenė\n" + shown)
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    htaccess = re.search(r"<!-- htaccess -->\n```apache\n(.*?)```", text, re.DOTALL).group(1)
    assert htaccess == (sample_output / ".htaccess").read_text(encoding="utf-8")


def test_htaccess_gives_apache_the_types_lifetimes_and_policy(sample_output):
    lines = (sample_output / ".htaccess").read_text(encoding="utf-8").splitlines()
    assert "AddType text/calendar .ics" in lines and "AddType audio/mpeg .mp3" in lines
    assert any(
        line.strip().startswith("Header always set Content-Security-Policy \"default-src 'self'")
        for line in lines
    )
    assert "ErrorDocument 404 /404.html" in lines
    cache = [line.strip() for line in lines if "Cache-Control" in line]
    assert cache == ['Header set Cache-Control "public, max-age=3600"', 'Header set Cache-Control "public, max-age=300"',
                     'Header set Cache-Control "public, max-age=31536000, immutable"']  # fmt: skip


def test_deploy_refuses_a_site_without_an_address_or_a_host(content, tmp_path):
    """As `publish` does (contract, section 8): `site.yaml: url: …`; and a site.yaml without `deploy` is told so."""
    content.write(
        "site.yaml", "title: Bendruomenė\ndeploy:\n  to: sftp://bendruomene@serveris.example/www\n"
    )
    run = skaidra("deploy", "--input", str(content.root), "--output", str(tmp_path / "output"))
    assert run.code == 1
    assert len(run.problems) == 1 and run.problems[0].startswith(
        f"{content.root}/site.yaml:1: url: "
    ), run.err
    assert "SITEURL" in run.problems[0]
    content.write("site.yaml", "title: Bendruomenė\nurl: https://bendruomene.example/\n")
    run = skaidra("deploy", "--input", str(content.root), "--output", str(tmp_path / "output"))
    assert run.code == 1
    assert run.problems[0].startswith(
        f"{content.root}/site.yaml:1: deploy: nurodykite, kur įkelti svetainę"
    ), run.err
