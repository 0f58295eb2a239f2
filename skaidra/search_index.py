"""The site search index, built by Pagefind over the finished pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from skaidra_model.speech import number, say


# Pagefind indexes about a hundred pages a second here; a site that takes ten
# minutes is stuck, not large.
TIMEOUT_SECONDS = 600


def build_search_index(site: Path, timeout: float = TIMEOUT_SECONDS) -> list[str]:
    """Index `site` into `site/pagefind/`; return problems (none when it worked)."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--silent"],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return [say("error: the search index was not built within {seconds} s; set SKAIDRA['search'] = False for a site this large", seconds=number(timeout))]
    if result.returncode != 0:
        return [say("error: the search index could not be built: {reason}", reason=result.stderr.strip() or result.stdout.strip())]
    _stable_entry(site / "pagefind" / "pagefind-entry.json")
    return []


def _stable_entry(entry: Path) -> None:
    """Pagefind lists its languages in any order; sort them, so builds are reproducible."""
    if entry.exists():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
