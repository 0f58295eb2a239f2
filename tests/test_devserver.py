"""`make devserver`: rebuilds on change, prints errors without stopping, keeps the last good build on screen."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from conftest import ROOT, ContentTree

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lines:
    """Collect a process's stderr lines as they come."""

    def __init__(self, stream):
        self.lines: list[str] = []
        threading.Thread(
            target=lambda: [self.lines.append(line) for line in stream], daemon=True
        ).start()

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, line in enumerate(self.lines[after:], start=after):
                if text in line:
                    return i
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} within {timeout} s:\n" + "".join(self.lines))


def page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def test_devserver_rebuilds_reports_errors_and_keeps_the_last_good_build(
    content: ContentTree, tmp_path
):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "skaidra", "devserver", "--input", str(content.root),
         "--output", str(tmp_path / "output"), "--port", str(port)],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env={**os.environ},
    )  # fmt: skip
    log = Lines(process.stderr)
    try:
        start = log.wait_for("Serving")
        assert "Pirmoji naujiena." in page(port, "naujienos/labas/")

        content.write("posts/labas.md", "---\ntitle: Labas\ndate: 2024-13-01\n---\nSugadinta.\n")
        error = log.wait_for("date: is not a real date", after=start)
        log.wait_for("is unchanged", after=error)
        assert process.poll() is None  # still running
        assert "Pirmoji naujiena." in page(port, "naujienos/labas/")  # the last good build

        content.write(
            "posts/labas.md", "---\ntitle: Labas\ndate: 2024-02-01\n---\nPataisyta naujiena.\n"
        )
        fixed = log.wait_for("Built", after=error)
        assert "Pataisyta naujiena." in page(port, "naujienos/labas/")

        content.write(
            "posts/labas.md", "---\ntitle: Labas\ndate: 2024-02-01\n---\nTik tekstas pakeistas.\n"
        )
        quick = log.wait_for(
            "1 page rewritten in", after=fixed
        )  # from the site kept in memory, before the rest
        log.wait_for("Built", after=quick)
        assert "Tik tekstas pakeistas." in page(port, "naujienos/labas/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_warning_that_failed_one_build_fails_the_next_in_the_same_process(
    content: ContentTree, tmp_path
):
    """Pelican's LimitFilter remembers messages for the process's life; each build starts clean."""
    from skaidra.build import BuildRequest, build

    settings = tmp_path / "warnconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(ROOT / 'tests' / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'warns_once']\nSKAIDRA = {'search': False}\n",
        encoding="utf-8",
    )
    request = BuildRequest(settings, str(content.root), str(tmp_path / "output"))
    try:
        for attempt in (1, 2):
            out = io.StringIO()
            assert build(request, out=out) == 1, (attempt, out.getvalue())
            assert "the same problem in every build" in out.getvalue()
            assert not (tmp_path / "output").exists()
    finally:  # Pelican's signals live as long as the process: leave no warning behind for other tests
        import warns_once
        from pelican import signals

        signals.finalized.disconnect(warns_once.warn)


def listening_on(port: int) -> set[str]:
    """The local addresses a socket listens on at `port`, read from the kernel's tables (Linux)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, _, hexport = local.partition(":")
                if state == "0A" and int(hexport, 16) == port:  # LISTEN
                    raw = bytes.fromhex(address)
                    words = b"".join(
                        raw[i : i + 4][::-1] for i in range(0, len(raw), 4)
                    )  # each 32-bit word is host-order
                    found.add(
                        socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, words)
                    )
    return found


@pytest.mark.parametrize("command", ["serve", "devserver"])
def test_the_preview_servers_listen_on_loopback_only(content: ContentTree, tmp_path, command):
    """A preview is for the person at this computer: nobody on the same network reaches it."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "skaidra", command, "--input", str(content.root), "--output", str(output),
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not listening_on(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listening_on(port) == {"127.0.0.1"}
    finally:
        process.terminate()
        process.wait(timeout=30)
