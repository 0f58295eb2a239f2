"""The generator's production settings (`skaidra publish`): the defaults, with absolute addresses.

The address is the `SITEURL` environment variable, else `url` in the site's
`site.yaml`, else a placeholder.
"""

import os

from skaidra.defaults import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://skaidra.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
