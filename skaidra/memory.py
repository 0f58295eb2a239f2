"""How a long-lived process asks the C library to give back the memory a build frees."""

from __future__ import annotations

import ctypes
import ctypes.util

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE_BLOCK = 128 * 1024  # glibc's initial threshold, kept


def give_back_large_blocks() -> None:
    """Serve every large block (a page's HTML, a cache's pickle, a data file) from its own mapping,
    returned to the system when freed. glibc otherwise raises the threshold each time such a block is
    freed and serves the next ones from the heap, where the blocks a build frees stay resident between
    the objects the next build keeps: a devserver of 20 000 posts grew by a third on its second build.
    Elsewhere than glibc there is nothing to set."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
    except (OSError, AttributeError, TypeError):
        return
    mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)
