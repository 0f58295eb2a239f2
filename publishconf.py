"""Production settings (`make publish`): the SITEURL environment variable sets the address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://skaidra.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
