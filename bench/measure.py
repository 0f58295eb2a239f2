"""Running a command and measuring it: wall time and peak memory, for every case of the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Run a command; return its wall time and the peak memory (MB) of it and its children."""
    seconds, memory, _said = measure_said(command, cwd, env)
    return seconds, memory


# Left out of a measured command's environment: Python keeps its compiled bytecode between runs, as it
# does on the machine of anyone who installs Skaidra (some CI images and sandboxes tell it not to).
NOT_PASSED = ("PYTHONDONTWRITEBYTECODE",)


def measure_said(
    command: list[str], cwd: Path, env: dict | None = None
) -> tuple[float, float, str]:
    """`measure`, and what the command said on its standard error."""
    started = time.perf_counter()
    environment = {key: value for key, value in os.environ.items() if key not in NOT_PASSED}
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**environment, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=said,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        said.seek(0)
        text = said.read().decode("utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{text[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, text


def skaidra(content: Path, output: Path, settings: Path | None = None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "skaidra",
        "html",
        "--input",
        str(content),
        "--output",
        str(output),
    ]
    return command + (["--settings", str(settings)] if settings else [])
