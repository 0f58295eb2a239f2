"""Technical settings and defaults of every Skaidra site, for local builds (`make html`).

Pelican's own settings are UPPERCASE; Skaidra's are grouped in one dict per
plugin (`SKAIDRA`, `PODCAST`). A site's own values live in its content
folder's `site.yaml`.
"""

import os

SITENAME = "Skaidra"
SITESUBTITLE = "NVO projektų skaidrumas"
SITEURL = os.environ.get("SITEURL", "http://localhost:8000").rstrip("/")
AUTHOR = "Skaidra"
TIMEZONE = "Europe/Vilnius"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "skaidra_core", "skaidra_discovery", "skaidra_projects", "skaidra_funding", "skaidra_open_data", "skaidra_events",
    "skaidra_podcast", "skaidra_news",
]

# A site's name, languages, publisher and podcast channel are set by its own
# content/site.yaml (docs/CONTENT-FORMAT.md, section 9), which wins over these.
# Nothing here names a file of any site's content. The README lists every
# setting with its default.
SKAIDRA = {}
PODCAST = {}

# Pelican reads only posts as articles and pages as pages; events, episodes
# and data are read by Skaidra's content model.
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["media"]
ARTICLE_EXCLUDES = []
PAGE_EXCLUDES = []
IGNORE_FILES = ["**/.*", "**/*~"]
FORMATTED_FIELDS = []
USE_FOLDER_AS_CATEGORY = False
DELETE_OUTPUT_DIRECTORY = False

# Addresses (ARTICLE_URL, TAG_URL, PAGINATION_PATTERNS, ...) are derived from
# Skaidra's route table (plugins/skaidra_core/routes.py) and SKAIDRA["words"].
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives"]

DEFAULT_PAGINATION = 10
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None  # skaidra_news writes feeds/<lang>.atom.xml for every language
