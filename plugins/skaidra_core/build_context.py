"""What one build shares between core, the capabilities and the templates.

Pelican copies and pickles its settings, so the objects of a build (the
content model, the Markdown renderer, the catalogs, the record of outputs)
do not travel in them: the settings carry only the build's key, a string,
and `of(settings)` finds the build's context by it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from skaidra_model import Site
from skaidra_model.shared_work import Forked

from .assets import fingerprints
from .i18n import Catalogs, load_catalogs
from .markup import Renderer
from .navigation import Link
from .outputs import FILE, Output, OutputRecord
from .page_memo import Facts, PageMemo, record_file, shared_by_all
from .pictures import CACHE_FOLDER, Pictures
from .routes import RouteTable
from .settings import build_processes, core_settings, route_table
from .views import SiteView

KEY = "SKAIDRA_BUILD"

_open: dict[str, BuildContext] = {}
_numbers = itertools.count(1)


@dataclass
class BuildContext:
    """The content model and the shared objects of one build."""

    site: Site
    renderer: Renderer
    catalogs: Catalogs
    assets: dict[str, str]  # theme file -> its fingerprinted name
    record: OutputRecord
    routes: RouteTable
    views: SiteView
    pictures: Pictures
    pages: PageMemo | None = None  # the last build's pages, when caching is on
    menu: list[Link] = field(default_factory=list)  # the main navigation
    footer: list[Link] = field(default_factory=list)  # links in every footer
    rendered: int = 0  # pages rendered by this build
    jobs: list | None = (
        None  # pages to render after Pelican's run, on every core (writer.py); None: render at once
    )
    processes: int = 1  # that render pages
    early: list[Forked] = field(default_factory=list)  # rendering Pelican's own pages (writer.py)
    early_jobs: int = 0  # the jobs handed to them
    # files being made in processes of their own (generator.Aside)
    aside: list = field(default_factory=list)
    reused: int = 0  # pages taken from the last build
    # files taken from the last build: left in the output (output_folder.bring_in)
    kept: set[str] = field(default_factory=set)
    shown_on: dict[str, list] | None = (
        None  # content file -> how each page showing it was written (devserver)
    )
    rewrites: dict[str, Callable] | None = (
        None  # data file -> (context, writer) -> writes its own pages from that context (devserver)
    )

    def provides(self, key: str) -> Link | None:
        """The menu or footer entry a capability declared under `key`, if it did."""
        return next((link for link in (*self.menu, *self.footer) if link.key == key), None)


def open_build(settings: dict, site: Site, published: Path | None = None) -> BuildContext:
    """Start a build of a validated site: its context is found from now on by `of(settings)`.

    `published` is the output folder the build will be brought into; with `CACHE_CONTENT`, pages
    whose inputs did not change are taken from it."""
    key = f"build-{next(_numbers)}"
    theme = Path(settings["THEME"])
    languages = tuple(core_settings(settings)["languages"])
    routes = route_table(settings)
    output = Path(settings["OUTPUT_PATH"])
    record = OutputRecord(output)

    def write_picture(path: str, source: str, data: bytes) -> None:
        record.write(Output(path, FILE, None, (source,)), data)

    context = BuildContext(
        site=site,
        renderer=Renderer(site.markdown),
        catalogs=load_catalogs(theme / "translations", languages),
        assets=fingerprints(theme / "static"),
        record=record,
        routes=routes,
        views=SiteView(site, routes),
        pictures=Pictures(
            Path(settings["PATH"]) / "media", output.parent / CACHE_FOLDER, write_picture
        ),
    )
    for (
        picture
    ) in site.pictures():  # made before any page, so that rendering a page (or not) makes no file
        context.pictures.of(picture)
    context.processes = build_processes(settings)
    if context.processes > 1:
        context.jobs = []
    if published is not None and settings.get("CACHE_CONTENT"):
        memo_file = record_file(Path(settings["CACHE_PATH"]), published)
        facts = Facts(settings, site, site.markdown.handed, shared_by_all(settings, site, context))
        context.pages = PageMemo(memo_file, published, facts)
    _open[key] = context
    settings[KEY] = key
    return context


def of(settings: dict) -> BuildContext:
    """The context of the build these settings (or a copy of them) belong to."""
    return _open[settings[KEY]]


@contextmanager
def reopened(settings: dict, context: BuildContext):
    """A finished build's context, found again by `of(settings)` while its pages are rendered again."""
    _open[settings[KEY]] = context
    try:
        yield context
    finally:
        _open.pop(settings[KEY], None)


def close_build(settings: dict) -> None:
    """Forget a finished build, so that its model can be freed."""
    _open.pop(settings.get(KEY, ""), None)
