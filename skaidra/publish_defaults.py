"""The generator's production settings (`skaidra publish`): the defaults, with absolute addresses.

The address is the `SITEURL` environment variable, else `url` in the site's
`site.yaml`; a publish without either is refused.
"""

import os

from skaidra.defaults import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
