"""The deploy case of `make bench`: a published site of N posts uploaded to a real S3 server, then one post edited.

The bench's own site of N posts is published with an address and a `deploy` to SeaweedFS on loopback;
`skaidra deploy` uploads it whole, then, after one post's text changes and the site is published again,
uploads what changed. Files and bytes come from `--dry-run`'s list just before each upload, times from
the upload itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .measure import measure
from .s3_server import KEY, SECRET, s3_server

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "AWS_ACCESS_KEY_ID": KEY,
    "AWS_SECRET_ACCESS_KEY": SECRET,
    "SKAIDRA_MESSAGES": "en",
    "SOURCE_DATE_EPOCH": "1780000000",
}


@dataclass
class Upload:
    files: int
    bytes: int
    seconds: float


@dataclass
class DeployResult:
    posts: int
    site_files: int
    full: Upload
    after_edit: Upload


def command(name: str, content: Path, output: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "skaidra",
        name,
        "--input",
        str(content),
        "--output",
        str(output),
        *extra,
    ]


def upload(content: Path, output: Path) -> Upload:
    """What a deploy sends (listed by a dry run first), and how long sending it takes."""
    dry = subprocess.run(command("deploy", content, output, "--dry-run"), cwd=ROOT, env={**os.environ, **ENV},
                         capture_output=True, text=True, check=True)  # fmt: skip
    listed = [
        line.removeprefix("would upload ")
        for line in dry.stdout.splitlines()
        if line.startswith("would upload ")
    ]
    seconds, _memory = measure(command("deploy", content, output), ROOT, ENV)
    return Upload(len(listed), sum((output / path).stat().st_size for path in listed), seconds)


def bench_deploy(work: Path, site: Path, posts: int) -> DeployResult:
    """`site` is the bench's content folder of `posts` posts (bench.generate)."""
    content, output = site, work / f"deploy-{posts}"
    settings = content / "site.yaml"
    original = settings.read_text(encoding="utf-8")
    with s3_server(work / "seaweed") as storage:
        try:
            settings.write_text(original + f"url: https://bench.example/\ndeploy:\n  to: s3://bench/site\n  endpoint: {storage.s3}\n",
                                encoding="utf-8")  # fmt: skip
            measure(command("publish", content, output), ROOT, ENV)
            full = upload(content, output)
            post = sorted((content / "posts").glob("*.md"))[
                len(list((content / "posts").glob("*.md"))) // 2
            ]
            post.write_text(
                post.read_text(encoding="utf-8").rstrip("\n") + "\n\nPataisyta po paskelbimo.\n",
                encoding="utf-8",
            )
            measure(command("publish", content, output), ROOT, ENV)
            after = upload(content, output)
        finally:
            settings.write_text(original, encoding="utf-8")
    files = sum(1 for path in output.rglob("*") if path.is_file())
    return DeployResult(posts, files, full, after)


def deploy_report(result: DeployResult) -> list[str]:
    full, after = result.full, result.after_edit
    return [
        "",
        "## Deploy",
        "",
        f"`skaidra deploy` of the published site of {result.posts} posts ({result.site_files} files) to SeaweedFS's S3 on",
        "loopback, whole, then after one post's text changed and the site was published again.",
        "",
        "| upload | files sent | MB sent | time |",
        "|---|---:|---:|---:|",
        f"| full, to an empty bucket | {full.files} | {full.bytes / 1e6:.1f} | {full.seconds:.1f} s |",
        f"| after one edit | {after.files} | {after.bytes / 1e6:.2f} | {after.seconds:.1f} s |",
        "",
        f"After one edit the deploy sent {after.files / full.files:.1%} of the files and {after.bytes / full.bytes:.1%} of the",
        "bytes of a full upload: the post's page, the lists, feeds and search parts that show it. Its time is",
        "mostly the comparison of every file's checksum with the bucket's.",
        "",
    ]
