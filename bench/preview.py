"""The devserver's answer to an editor's save, measured in its own process (run by bench/run.py).

    python -m bench.preview SETTINGS CONTENT OUTPUT CACHE POST REPEATS

Builds the site as the devserver does (keeping it in memory; its content cache in CACHE), then,
REPEATS times, appends a sentence to POST's text and times what the devserver does: the quick
page, then the whole site. Its last line on standard error is `preview: ` and JSON:
{"quick": [seconds...], "full": [seconds...], "written": [paths...]}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from skaidra.build import BuildRequest
from skaidra.devserver import Preview


def main(argv: list[str]) -> int:
    settings, content, output, cache, post, repeats = argv
    preview = Preview(
        BuildRequest(Path(settings), content, output, overrides={"CACHE_PATH": cache})
    )
    if preview.build() != 0:
        return 1
    path = Path(post)
    original = path.read_text(encoding="utf-8")
    quick, full, written = [], [], []
    try:
        for i in range(int(repeats)):
            path.write_text(original + f"\nPeržiūra {i}.\n", encoding="utf-8")
            started = time.perf_counter()
            written = preview.quick({path})
            quick.append(time.perf_counter() - started)
            if preview.build() != 0:
                return 1
            full.append(time.perf_counter() - started)
    finally:
        path.write_text(original, encoding="utf-8")
    print(
        "preview: " + json.dumps({"quick": quick, "full": full, "written": written}),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
