"""The generator's default settings: every site's settings file imports them.

A site's `pelicanconf.py` starts with `from skaidra.defaults import *` and
overrides only what it must; what editors set lives in `content/site.yaml`.
Pelican's own settings are UPPERCASE; Skaidra's are grouped in one dict per
plugin (`SKAIDRA`, `PODCAST`). The README lists every setting with its default.
"""

import os
from pathlib import Path

SITENAME = "Skaidra"
SITESUBTITLE = "NVO projektų skaidrumas"
SITEURL = os.environ.get("SITEURL", "http://localhost:8000").rstrip("/")
AUTHOR = "Skaidra"
TIMEZONE = "Europe/Vilnius"

# Relative paths are taken from the folder of the site's own settings file.
PATH = "content"
OUTPUT_PATH = "output"

_HERE = Path(__file__).resolve().parent
# The theme: package data of an installed generator, or theme/ beside skaidra/ in its repository.
THEME = str(
    next(
        folder
        for folder in (_HERE / "theme", _HERE.parent / "theme")
        if (folder / "templates").is_dir()
    )
)
# An installed generator's plugins are packages; in the repository they live in plugins/.
PLUGIN_PATHS = (
    [str(_HERE.parent / "plugins")] if (_HERE.parent / "plugins" / "skaidra_core").is_dir() else []
)
PLUGINS = [
    "skaidra_core",
    "skaidra_discovery",
    "skaidra_projects",
    "skaidra_funding",
    "skaidra_open_data",
    "skaidra_events",
    "skaidra_podcast",
    "skaidra_news",
    "skaidra_network",
    "skaidra_editor",
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
# Hidden files and folders and editors' backups, as the model leaves them out (Pelican matches each
# name alone, a folder's too).
IGNORE_FILES = [".*", "*~"]
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
