"""The devserver's quick pages: the page of a saved post or project on disk within a second, before the rest.

A build at the devserver's request keeps its context (the content model, the templates and, for each content
file, how every page showing it was written: `BuildContext.shown_on`, and how a project's pages are written:
`BuildContext.rewrites`). When an editor saves posts or pages whose front matter did not change and whose new
body has no problem, their own pages are rendered again from that context, straight into the output folder;
when an editor saves a project file that has no problem and keeps its id, the project's own pages are
written from the kept site with that project as the file now holds it. The full build, which follows at once,
brings everything else in line (the listings, the totals, the feeds, the search index) and finds these pages
already as it makes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pelican.contents import Content
from pelican.writers import Writer
from skaidra_core import build_context
from skaidra_core.build_context import BuildContext
from skaidra_core.outputs import OutputRecord
from skaidra_core.reader import summary_of
from skaidra_core.views import SiteView
from skaidra_model.loader import body_changed, project_changed
from skaidra_model.site import Item


@dataclass
class KeptBuild:
    """What a finished build leaves for quick pages: its settings, its context and where it was brought."""

    settings: dict
    context: BuildContext
    output: Path
    shown: str  # the content folder as the editor named it, for messages


def quick_pages(kept: KeptBuild, changed: Iterable[Path]) -> list[str]:
    """Render again the pages of each changed post or page whose body alone changed, and of each saved
    project file that alone tells what its project is now; return the paths written.

    Events and episodes are left to the full build: their pages carry what was made from the body when
    they were written (the calendar's and the structured data's description)."""
    content = Path(kept.settings["PATH"])
    context = replace(
        kept.context, record=OutputRecord(kept.output)
    )  # the pages land in the output itself
    writer = Writer(str(kept.output), settings=kept.settings)
    paths = sorted({p.resolve() for p in changed})
    rewrites = kept.context.rewrites or {}
    written: list[str] = [
        page
        for path in paths
        if path.is_relative_to(content) and path.relative_to(content).as_posix() in rewrites
        for page in _data_pages(kept, path.relative_to(content).as_posix(), writer)
    ]
    with build_context.reopened(kept.settings, context):
        for path in paths:
            if not path.is_relative_to(content) or path.suffix != ".md":
                continue
            relative = path.relative_to(content).as_posix()
            pages = (context.shown_on or {}).get(relative)
            if not pages or not all(_item_read(kwargs, relative) for *_, kwargs in pages):
                continue
            new = body_changed(context.site, relative, content, kept.shown)
            if new is None:
                continue
            html = context.renderer.html(new.body)
            for name, template, page_context, args, kwargs in pages:
                _set_body(_item_read(kwargs, relative), html, new)
                writer.write_file(name, template, page_context, *args, **kwargs)
                written.append(name)
    return written


def _data_pages(kept: KeptBuild, relative: str, writer) -> list[str]:
    """The pages of a saved data file (a project's), written from the kept site with the file as it is
    now, when it alone tells (loader.project_changed); return their paths."""
    content = Path(kept.settings["PATH"])
    site = project_changed(kept.context.site, relative, content, kept.shown)
    if site is None:
        return []
    record = OutputRecord(kept.output)
    context = replace(
        kept.context,
        site=site,
        views=SiteView(site, kept.context.routes),
        record=record,
        pages=None,
        jobs=None,
        shown_on=None,
    )
    with build_context.reopened(kept.settings, context):
        kept.context.rewrites[relative](context, writer)
    return [output.path for output in record.outputs.values()]


def _item_read(kwargs: dict, relative: str) -> Content | None:
    """The post or page Pelican read from `relative` among a page's variables, if it is there."""
    return next(
        (
            v
            for v in kwargs.values()
            if isinstance(v, Content) and v.relative_source_path == relative
        ),
        None,
    )


def _set_body(item: Content, html: str, new: Item) -> None:
    """Give a post or page Pelican read its new HTML, and the summary made from it (as the reader does)."""
    item._content = html
    item.metadata["summary"] = item._summary = summary_of(new.meta, html)
    for memo in (
        Content.get_content,
        Content.get_summary,
    ):  # Pelican keeps both per item and address
        for key in [key for key in memo.cache if key[0] is item]:
            del memo.cache[key]
