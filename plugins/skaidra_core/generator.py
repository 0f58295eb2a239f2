"""The base of Skaidra's generators, and the home page.

Reads: `SKAIDRA["languages"]`, `SKAIDRA["home_projects"]`, `SKAIDRA["home_posts"]`, `DEFAULT_LANG`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator
from skaidra_model import Site
from skaidra_model.funding import grant_records, total
from skaidra_model.results import people
from skaidra_model.shared_work import Forked, SharedWorkFailed, collect, fork

from . import build_context
from .i18n import translator
from .outputs import FILE, Output
from .page_memo import digest
from .routes import save_as
from .settings import core_settings

HOME_ORDER = (
    "active",
    "planned",
    "completed",
    "cancelled",
)  # the order of projects on the home page
HOME_EVENTS = 3  # coming events on the home page


class SkaidraGenerator(Generator):
    """A Pelican generator that reads the content model and writes per language."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # One template environment for all of Skaidra's generators: each template compiled once.
        self.env = self.context.setdefault("SKAIDRA_TEMPLATES", self.env)
        self.build = build_context.of(self.settings)
        self.site: Site = self.build.site
        self.renderer = self.build.renderer
        self.routes = self.build.routes
        self.languages: list[str] = list(core_settings(self.settings)["languages"])
        self.default_lang: str = self.settings["DEFAULT_LANG"]
        self._structural: dict[str, str] = {}  # files `reuse_file` could not take: path -> key
        self._making: tuple[str, str, list[Output]] | None = None  # see reuse_files

    capability: str | None = None  # the name SKAIDRA["off"] uses for this generator's part, if any

    @property
    def is_on(self) -> bool:
        return self.capability not in core_settings(self.settings)["off"]

    def generate_context(self) -> None:
        """Declare this part's menu and footer entries (before any page is rendered)."""
        if self.is_on:
            self.declare_links()

    def declare_links(self) -> None:
        """Add entries to `self.build.menu` and `self.build.footer`; none by default."""

    def generate_output(self, writer) -> None:
        if self.is_on:
            self.write_output(writer)

    def write_output(self, writer) -> None:
        """Write this part's pages and files."""

    def absolute(self, path: str) -> str:
        """The full address of a site path, for feeds, calendars and open data."""
        return f"{self.settings['SITEURL']}/{path}"

    def text(self, lang: str):
        """The interface strings of a language, for text written outside templates."""
        return translator(self.build.catalogs, lang)

    def write_file(
        self, path: str, data: bytes | str, lang: str | None = None, sources: tuple[str, ...] = ()
    ) -> None:
        """Write a file that is not a page (a feed, a calendar, open data) and record it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        output = Output(path, FILE, lang, sources)
        self.build.record.write(output, payload)
        if path in self._structural:
            self.build.pages.remember(path, self._structural.pop(path), [output], (), rendered=True)
        if self._making is not None:
            self._making[2].append(output)

    def reuse_file(self, path: str, facts: tuple[str, ...]) -> bool:
        """Take the last build's file at `path` if none of the `facts` it is made from changed
        (page_memo.py); otherwise say so, and remember the file that `write_file` writes next. A fact
        this build cannot tell makes the file every time."""
        key = self._taken(path, facts)
        if key:
            self._structural[path] = key
        return key is None

    def reuse_files(self, name: str, facts: tuple[str, ...]) -> bool:
        """Take the files the last build made together under `name` (the open data) if none of the
        `facts` they are made from changed; otherwise say so, and remember the files `write_file`
        writes until `files_made()` under `name`."""
        key = self._taken(name, facts)
        if key:
            self._making = (name, key, [])
        return key is None

    def files_made(self) -> None:
        """The files `reuse_files` could not take are written."""
        if self._making is not None:
            name, key, outputs = self._making
            self._making = None
            self.build.pages.remember(name, key, outputs, (), rendered=True)

    def start_aside(self) -> None:
        """Once every generator has read its content and declared its links, before any page is written:
        start what this part makes from the model alone (`make_aside`); nothing by default."""

    def make_aside(
        self, name: str, facts: tuple[str, ...] | None, make: Callable[[], None]
    ) -> None:
        """`make()` writes files with `write_file`, unless the files the last build made under `name`
        are taken (`reuse_files`; `facts` None: made every time). Where the build has processes to
        spare, it runs in one of its own while this one writes the pages (the files are the same);
        `collect_aside` records what it wrote."""
        if facts is not None and self.reuse_files(name, facts):
            return
        if self.build.processes > 1:
            key = self._making[1] if self._making is not None else ""
            self._making = None
            self.build.aside.append(Aside(fork(self._made, [make]), name, key))
        else:
            make()
            self.files_made()

    def _made(self, makes: list[Callable[[], None]]) -> list[Output]:
        """In a process of its own: make the files, and say which."""
        self._making = ("", "", [])
        for make in makes:
            make()
        return self._making[2]

    def _taken(self, name: str, facts: tuple[str, ...]) -> str | None:
        """None if the last build's outputs of `name` are taken (left where it put them, bring_in), or
        the key to remember this build's under; "" where the page memo cannot tell (no cache)."""
        memo = self.build.pages
        if memo is None:
            return ""
        values = [memo.facts.of(fact) for fact in facts]
        if None in values:
            return ""
        key = digest(*facts, *values, name)
        return None if take_from_last_build(self.build, name, key) else key

    def write_page(
        self, writer, template: str, paths: dict[str, str], lang: str, **context: Any
    ) -> None:
        """Render one page in one language; `paths` are its versions in every language.

        `sources` (content files it shows) and `listed=False` (not in the sitemap) go to the record."""
        views = self.build.views
        writer.write_file(
            save_as(paths[lang]),
            self.get_template(template),
            self.context,
            lang=lang,
            page_path=paths[lang],
            alternates=paths,
            **{key: views.of(value) for key, value in context.items()},
        )

    def write_in_all_languages(
        self, writer, template: str, name: str, params: dict | None = None, **context: Any
    ) -> None:
        """Render a routed page once per language."""
        params = params or {}
        paths = {lang: self.routes.route(name, lang, **params) for lang in self.languages}
        for lang in self.languages:
            self.write_page(writer, template, paths, lang, **context)


def take_from_last_build(build, name: str, key: str) -> bool:
    """Whether the last build's outputs of `name`, made from what `key` tells, are taken: left where it
    put them (bring_in), recorded and remembered again."""
    outputs = build.pages.reusable(name, key)
    if outputs is None:
        return False
    for output in outputs:
        build.kept.add(output.path)
        build.record.add(output)
    build.pages.keep(name, key, outputs)
    return True


@dataclass(frozen=True)
class Aside:
    """Files being made in a process of their own (`SkaidraGenerator.make_aside`), to be remembered
    under `name` and `key` (page_memo.py; no key: not remembered)."""

    forked: Forked
    name: str
    key: str


def collect_aside(build) -> None:
    """Wait for the files made aside, and record them (and remember them, with the page memo); raise
    SharedWorkFailed, once all have ended, if any process failed."""
    asides, build.aside = build.aside, []
    made, failures = collect([aside.forked for aside in asides])
    if failures:
        raise SharedWorkFailed(failures)
    for aside, outputs in zip(asides, made, strict=True):
        for output in outputs:
            build.record.add(output)
        if aside.key and build.pages is not None:
            build.pages.remember(aside.name, aside.key, outputs, (), rendered=True)


def start_aside(generators) -> None:
    """Every Skaidra generator starts what it makes aside (`SkaidraGenerator.start_aside`)."""
    for generator in generators:
        if isinstance(generator, SkaidraGenerator) and generator.is_on:
            generator.start_aside()


class HomeGenerator(SkaidraGenerator):
    """The home page tells the story at a glance: the money, the projects and what they reached,
    the current projects, coming events, the latest episode and news."""

    def write_output(self, writer) -> None:
        site = self.site
        status_of = {project.id: site.project_status(project) for project in site.projects.values()}
        # Current projects first: those under way, then those about to start, then the finished ones.
        projects = sorted(
            site.projects.values(), key=lambda p: (p.period.start, p.id), reverse=True
        )
        projects.sort(key=lambda p: HOME_ORDER.index(status_of[p.id]))
        by_status = Counter(status_of.values())
        coming = site.coming_events() if self.build.provides("events") else []
        episodes = site.canonical_episodes() if self.build.provides("podcast") else []
        money = total(grant_records(site))
        reached = people(site, site.projects.values())
        core = core_settings(self.settings)
        for_lang = self.context["articles_in"]
        paths = {lang: self.routes.route("home", lang) for lang in self.languages}
        for lang in self.languages:
            self.write_page(
                writer,
                "home",
                paths,
                lang,
                money=money,
                by_status={status: by_status[status] for status in HOME_ORDER if by_status[status]},
                people=reached,
                projects=projects[: core["home_projects"]],
                coming=coming[:HOME_EVENTS],
                episode=episodes[0] if episodes else None,
                latest=for_lang(lang)[: core["home_posts"]],
            )
