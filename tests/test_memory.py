"""A long-lived process (the devserver) gives back the large blocks a build frees."""

from __future__ import annotations

import ctypes.util
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Large blocks freed one by one while small objects that outlive them are made in between: what a
# build does with its pages' HTML, its caches' pickles and its data files.
CHURN = """
import sys
from skaidra.memory import give_back_large_blocks
if sys.argv[1] == "give-back":
    give_back_large_blocks()
def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 // 2**20
large, kept = [], []
for i in range(400):
    large.append(b"x" * (600 * 1024 + i))
    kept.append([object() for _ in range(50)])
    if i % 2:
        large.pop(0)
large.clear()
print(resident())
"""


def _resident_after_churn(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHURN, mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(
    platform.system() != "Linux"
    or platform.libc_ver()[0] != "glibc"
    or not ctypes.util.find_library("c"),
    reason="the threshold is glibc's",
)
def test_freed_large_blocks_leave_the_process_instead_of_staying_resident():
    kept = _resident_after_churn("as-is")
    given_back = _resident_after_churn("give-back")
    # 200 blocks of 600 KB were freed: glibc keeps most of them resident in its heap unless told
    assert kept - given_back > 30, (kept, given_back)
