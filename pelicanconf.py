"""Settings of the Skaidra sample site, for local builds (`make html`).

Pelican's own settings are UPPERCASE; Skaidra's are grouped in one dict per
plugin (`SKAIDRA`, `PROJECTS`, `EVENTS`, `PODCAST`, `OPEN_DATA`). The README
lists every Skaidra setting with its default.
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

SKAIDRA = {
    "languages": ["lt", "en"],
    "identity_domain": "skaidra.example",
    "social_image": "skaidra-kortele.png",
    "publisher": {
        "name": "Skaidra (pavyzdinė svetainė)",
        "email": "info@skaidra.example",
        "address": "",
        "url": "",
    },
}

PODCAST = {
    "title": "Skaidra: NVO projektų podkastas",
    "description": (
        "Pavyzdinis podkastas apie NVO projektus: kas finansuota, kam ir kas iš to "
        "išėjo. Jo epizodai yra pavyzdžiai."
    ),
    "image": "podcast/skaidra-podkastas.png",
    "categories": [["Society & Culture"], ["Government"]],
    "explicit": False,
    "type": "episodic",
    "locked": True,
    "directories": [],
}

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
