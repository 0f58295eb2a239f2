"""The benchmark behind `make bench`: Skaidra against bare Pelican and Hugo.

It reads Skaidra's own plugins (the page record, a member site's files) as a build does: from the
repository's `plugins` folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
