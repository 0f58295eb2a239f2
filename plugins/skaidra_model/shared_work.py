"""Work shared out among the machine's cores: processes forked from the build, which hold what it loaded.

Forking (rather than starting fresh processes) hands each process the whole loaded site for nothing;
where the system cannot fork (Windows), the build's own process does all the work.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class SharedWorkFailed(Exception):
    """A share of the work raised: each failure's traceback (or how its process ended)."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("\n".join(failures))
        self.failures = failures


def cores() -> int:
    """The cores this process may run on (all of the machine's where the system cannot say)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def usable(processes: int) -> int:
    """`processes`, or one where the system cannot fork."""
    return processes if hasattr(os, "fork") else 1


@dataclass(frozen=True)
class Forked:
    """A process forked to do a share of some work; `report` is where it leaves its result."""

    pid: int
    report: Path


def fork(work: Callable[[list[Item]], Result], items: list[Item]) -> Forked:
    """Start `work` over `items` in a forked process; `collect` waits for its result."""
    with tempfile.NamedTemporaryFile(prefix="skaidra-share-", delete=False) as report:
        pass
    pid = os.fork()
    if pid == 0:  # the child does its share and leaves without running anything of the parent's
        code = 0
        try:
            result = work(items)
            with open(report.name, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - reported to the parent, whatever it is
            Path(report.name).write_text(traceback.format_exc(), encoding="utf-8")
            code = 1
        os._exit(code)
    return Forked(pid, Path(report.name))


def collect(forked: list[Forked]) -> tuple[list, list[str]]:
    """Wait for every forked process: their results, in order, and their failures."""
    results, failures = [], []
    for child in forked:
        _, status = os.waitpid(child.pid, 0)
        said = child.report.read_bytes()
        child.report.unlink(missing_ok=True)
        if status != 0:
            failures.append(
                said.decode("utf-8", "replace") or f"a process ended with status {status}"
            )
        else:
            results.append(pickle.loads(said))
    return results, failures


def stop(forked: list[Forked]) -> None:
    """End forked processes whose results are no longer wanted, and wait for them."""
    for child in forked:
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:  # it had ended already
            pass
    collect(forked)


def share_out(
    work: Callable[[list[Item]], Result],
    items: list[Item],
    processes: int,
    started: Sequence[Forked] = (),
    contiguous: bool = False,
) -> list[Result]:
    """`work` over `items[i::processes]` for each share i (or, `contiguous`, over the i-th of as many
    runs of `items`, so that items next to each other stay together): the first in this process, the
    others in forked ones; their results (and those of the processes `started` earlier), this
    process's first. No process is forked for a share that would be empty. Raise SharedWorkFailed,
    after every process has ended, if any share raised."""
    processes = max(1, min(usable(processes), len(items)))
    if contiguous:
        size = -(-len(items) // processes)
        shares = [items[share * size : (share + 1) * size] for share in range(processes)]
    else:
        shares = [items[share::processes] for share in range(processes)]
    children = [fork(work, shares[share]) for share in range(1, processes)]
    results, failures = [], []
    try:
        results.append(work(shares[0]))
    except Exception:  # noqa: BLE001 - a bug in the work, reported with the others' once they end
        failures.append(traceback.format_exc())
    theirs, their_failures = collect([*started, *children])
    if failures or their_failures:
        raise SharedWorkFailed(failures + their_failures)
    return results + theirs
