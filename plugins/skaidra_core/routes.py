"""Every URL the site writes, per language, in one table.

Paths are relative to the site root; a path ending in `/` is written as
`index.html` inside that folder. Lithuanian pages live at the root, other
languages under `/<lang>/`.
"""

from __future__ import annotations

ROUTES: dict[str, dict[str, str]] = {
    "home": {"lt": "", "en": "en/"},
    "news": {"lt": "naujienos/", "en": "en/news/"},
    "tags": {"lt": "naujienos/zymos/", "en": "en/news/tags/"},
    "tag": {"lt": "naujienos/zymos/{slug}/", "en": "en/news/tags/{slug}/"},
    "archives": {"lt": "naujienos/archyvas/", "en": "en/news/archive/"},
    "projects": {"lt": "projektai/", "en": "en/projects/"},
    "project": {"lt": "projektai/{slug}/", "en": "en/projects/{slug}/"},
    "projects_by": {"lt": "projektai/{facet}/{key}/", "en": "en/projects/{facet}/{key}/"},
    "organisation": {"lt": "organizacijos/{slug}/", "en": "en/organisations/{slug}/"},
    "funder": {"lt": "finansuotojai/{slug}/", "en": "en/funders/{slug}/"},
    "funding": {"lt": "finansavimas/", "en": "en/funding/"},
    "events": {"lt": "renginiai/", "en": "en/events/"},
    "events_past": {"lt": "renginiai/praeje/", "en": "en/events/past/"},
    "events_month": {"lt": "renginiai/{year}/{month:02d}/", "en": "en/events/{year}/{month:02d}/"},
    "event": {"lt": "renginiai/{slug}/", "en": "en/events/{slug}/"},
    "podcast": {"lt": "podkastas/", "en": "en/podcast/"},
    "episode": {"lt": "podkastas/{slug}/", "en": "en/podcast/{slug}/"},
    "search": {"lt": "paieska/", "en": "en/search/"},
}

FACETS: dict[str, dict[str, str]] = {
    "status": {"lt": "busena", "en": "status"},
    "year": {"lt": "metai", "en": "year"},
    "funder": {"lt": "finansuotojas", "en": "funder"},
    "organisation": {"lt": "organizacija", "en": "organisation"},
}

STATUS_SLUGS: dict[str, dict[str, str]] = {
    "planned": {"lt": "planuojami", "en": "planned"},
    "active": {"lt": "vykdomi", "en": "active"},
    "completed": {"lt": "baigti", "en": "completed"},
    "cancelled": {"lt": "atsaukti", "en": "cancelled"},
}

FILES: dict[str, str] = {
    "calendar": "calendar.ics",
    "project_calendar": "projektai/{slug}/calendar.ics",
    "event_calendar": "renginiai/{slug}/{slug}.ics",
    "podcast_feed": "feeds/podcast.xml",
    "news_feed": "feeds/all.atom.xml",
    "language_feed": "feeds/{lang}.atom.xml",
    "projects_json": "data/projects.json",
    "grants_csv": "data/grants.csv",
    "giving_json": "data/360giving.json",
}


def reserved_slugs() -> dict[str, tuple[str, ...]]:
    """Slugs each kind of content must not take, because the site's own pages use them."""
    top = {"en", "media", "theme", "feeds", "data", "drafts"}
    for langs in ROUTES.values():
        for lang, path in langs.items():
            segments = path.split("/")
            # Pages live at /<slug>/, and their translations at /<lang>/<slug>/.
            candidate = segments[1] if path.startswith(f"{lang}/") and len(segments) > 1 else segments[0]
            if candidate and "{" not in candidate:
                top.add(candidate)
    facets = {word for names in FACETS.values() for word in names.values()}
    past = {ROUTES["events_past"][lang].rstrip("/").rsplit("/", 1)[-1] for lang in ROUTES["events_past"]}
    return {"page": tuple(sorted(top)), "project": tuple(sorted(facets)), "event": tuple(sorted(past))}


def route(name: str, lang: str, **params: object) -> str:
    """Return the path of a page in a language, e.g. `projektai/nvok06101/`."""
    table = ROUTES[name]
    pattern = table.get(lang)
    if pattern is None:
        pattern = f"{lang}/" + table["en"].removeprefix("en/")
    if "facet" in params:
        facet = FACETS[str(params["facet"])]
        params["facet"] = facet.get(lang, facet["en"])
    return pattern.format(**params)


def facet_key(facet: str, value: str, lang: str) -> str:
    """The address segment of a filter value: statuses are words of the language."""
    if facet == "status":
        return STATUS_SLUGS[value].get(lang, value)
    return value


def file_path(name: str, **params: object) -> str:
    """Return the path of a language-independent file such as a feed."""
    return FILES[name].format(**params)


def save_as(path: str) -> str:
    """The output file for a path: folders get an `index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path
