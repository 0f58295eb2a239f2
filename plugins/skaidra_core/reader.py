"""Pelican reader for posts and pages: YAML front matter, read once by the model.

The content model has already parsed and validated every file under
`content/posts` and `content/pages`; this reader hands Pelican the model's
values and the body rendered through the shared, sanitising Markdown renderer.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import ClassVar
from zoneinfo import ZoneInfo

from pelican.readers import BaseReader, find_empty_alt
from skaidra_model import Site
from skaidra_model.packed_text import unpack

from . import build_context
from .cached_html import CachedHTML, hold_packed
from .fixed_addresses import unsettled
from .markup import excerpt, plain_text
from .routes import save_as
from .settings import build_epoch


class YamlMarkdownReader(BaseReader):
    """Read `.md` files whose metadata is a YAML front-matter block."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def address(self, lang: str, route: str, slug: str, date: dt.datetime, build) -> dict[str, str]:
        """A post's or page's address, as Pelican's own override (as `url` and `save_as` in front matter
        would be): items in other languages than the default get their language's words in it, and
        Pelican need not work out the others' from its settings each time one is read from the cache.
        But a post in the default language dated from a day before now on, which Pelican may yet make a
        draft (fixed_addresses.py): its address is Pelican's."""
        if lang == build.routes.default and route == "article" and unsettled(date):
            return {}
        url = build.routes.route(route, lang, slug=slug)
        return {"url": url, "save_as": save_as(url)}

    def read(self, source_path: str):
        build = build_context.of(self.settings)
        site: Site = build.site
        relative = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        item = site.posts.get(relative) or site.pages.get(relative)
        if item is None:
            raise LookupError(f"{relative} is not a post or page of the content model")
        meta = item.meta
        if meta.is_draft:
            return None, {"status": "skip"}
        content = build.renderer.html(item.body)
        date = _as_datetime(meta.date or self._file_date(source_path))
        metadata = {
            "title": meta.title,
            "slug": item.slug,
            "lang": item.lang,
            "status": meta.status,
            "summary": summary_of(meta, content),
            "projects": item.project_ids,
            "source_line": item.body_line,
            **self.address(
                item.lang, "article" if relative in site.posts else "page", item.slug, date, build
            ),
            "date": date,
        }
        if getattr(meta, "modified", None):
            metadata["modified"] = _as_datetime(meta.modified)
        if meta.tags:
            metadata["tags"] = self.process_metadata("tags", meta.tags)
        if getattr(meta, "author", None):
            metadata["author"] = self.process_metadata("author", meta.author)
        if getattr(meta, "role", None):
            metadata["role"] = meta.role
        if (
            meta.image
        ):  # as the content names it, under content/media; the template makes the picture
            metadata["image"], metadata["image_alt"] = meta.image, meta.image_alt
        if self.settings.get("CACHE_CONTENT"):  # packed for the cache: the article holds it so too
            find_empty_alt(content, source_path)  # which Pelican's reader skips for a packed text
            content = CachedHTML.of(content)
        return content, metadata

    def _file_date(self, source_path: str) -> dt.datetime:
        """A post without `date` is dated by its file, never later than the build epoch."""
        mtime = os.stat(source_path).st_mtime
        epoch = build_epoch()
        if epoch is not None:
            mtime = min(mtime, epoch)
        local = ZoneInfo(self.settings.get("TIMEZONE", "UTC"))
        return dt.datetime.fromtimestamp(int(mtime), local).replace(tzinfo=None)


def summary_of(meta, html: str) -> str:
    """A post's or page's summary: its own, else the start of its text."""
    return meta.summary or excerpt(plain_text(html))


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


def pack_cached_texts(readers) -> None:
    """Pelican's content cache holds each file's text packed (packed_text.py): the whole cache is in
    memory through a build, and a devserver's every build loads it. What is read from it stays packed
    in the article until a page reads it. The cache is written again only when a file was read anew
    (Pelican writes it whole after every build: 10 MB at 5 000 posts)."""
    hold_packed()
    if not readers.settings.get("CACHE_CONTENT"):  # nothing is cached: nothing to pack
        return
    cache_data, get_cached_data, save_cache = (
        readers.cache_data,
        readers.get_cached_data,
        readers.save_cache,
    )
    anew = []

    def cache_packed(filename: str, data: tuple) -> None:
        content, metadata = data  # our reader's: its HTML packed already (None for a draft)
        if isinstance(content, CachedHTML):
            data = (content.packed, metadata, content.pictures, content.links)
        anew.append(filename)
        cache_data(filename, data)

    def save_read_anew() -> None:
        if anew:
            save_cache()
            anew.clear()

    readers.save_cache = save_read_anew

    def unpacked(filename: str, default=None):
        found = get_cached_data(filename, None)
        if found is None or not isinstance(found[0], bytes):
            return default if found is None else found
        packed, metadata, pictures, links = found
        if pictures:  # as Pelican's reader does with a text it is handed
            find_empty_alt(unpack(packed), filename)
        return CachedHTML(packed, pictures, links), metadata

    readers.cache_data, readers.get_cached_data = cache_packed, unpacked
