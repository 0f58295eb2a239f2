"""Skaidra's command line: build, check, serve and preview the site."""

import sys
from pathlib import Path

__version__ = "0.3.0"

# In the repository the plugins are a folder beside this package; installed, they are packages.
PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
if (PLUGINS / "skaidra_core").is_dir() and str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))
