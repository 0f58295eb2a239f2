"""Pelican's writer: pages whose inputs did not change are taken from the last build (page_memo.py), and
the others rendered on every core.

With more than one process (`SKAIDRA["processes"]`), a page is recorded when Pelican writes it and
rendered later, in processes forked from the build, which hold the whole site already: Pelican's own
pages (posts, tags, archives) as soon as its generators have recorded them, by the processes beside
this one while Skaidra's generators go on here; the rest after every generator has run, shared out
among all of them. The output is the same as one process's, which renders each page as it is written
(tested).
"""

from __future__ import annotations

import os
from functools import partial
from typing import Any

from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import Writer as PelicanWriter
from skaidra_model.shared_work import SharedWorkFailed, fork, share_out, stop

from . import build_context
from .outputs import PAGE
from .page_reads import reading
from .views import ItemView, View


class Writer(PelicanWriter):
    """Renders a page only when its key differs from the last build's; otherwise the last build's file
    stays where it is (`BuildContext.kept`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later: set[str] = set()  # pages `_Deferred` recorded, not yet opened by Pelican

    def write_file(self, name, template, context, *args: Any, **kwargs: Any) -> None:
        build = build_context.of(context)
        sources = list(
            dict.fromkeys(source for source in map(_source_of, kwargs.values()) if source)
        )
        if (
            build.shown_on is not None
        ):  # the devserver keeps how to render each content file's pages again
            for source in sources:
                build.shown_on.setdefault(source, []).append(
                    (name, template, context, args, kwargs)
                )
        memo = build.pages
        if memo is None or not name:
            if build.jobs is not None:
                template = _Deferred(template, self, build.jobs, context, None)
            before = len(build.record.outputs)
            super().write_file(name, template, context, *args, **kwargs)
            build.rendered += len(_pages_since(build, before))
            return
        facts = memo.facts
        if facts.env is None:  # the first page: the shared context is complete by now
            facts.context, facts.env = context, template.environment
        content = self.settings["PATH"]
        own = [os.path.join(content, source) for source in sources]
        key = memo.key(name, template.name or "", own, kwargs)
        reused = memo.reusable(name, key)
        if reused is None:
            self._render_and_remember(build, name, key, template, context, args, kwargs)
            return
        for output in reused:  # left where the last build put it (bring_in)
            build.kept.add(output.path)
            build.record.add(output)
            self._written_files.add(sanitised_join(self.output_path, output.path))
        memo.keep(name, key, reused)
        build.reused += len(reused)

    def _render_and_remember(self, build, name, key, template, context, args, kwargs) -> None:
        """Render a page (now, or later on every core) and remember what it read."""
        memo = build.pages
        before = len(build.record.outputs)
        facts = {f"template:{template.name}"}
        if build.jobs is not None:
            deferred = _Deferred(template, self, build.jobs, context, name)
            super().write_file(name, deferred, context, *args, **kwargs)
        else:
            with reading() as found:
                super().write_file(name, template, context, *args, **kwargs)
            forget_rendered_items()
            facts |= memo.page_facts(found, kwargs)
        produced = _pages_since(build, before)
        memo.remember(name, key, produced, facts, rendered=True)
        build.rendered += len(produced)

    def _open_w(self, filename, encoding, override=False):
        """A page rendered later (`_Deferred`) is written then: nothing is written now, as Pelican would
        write its first time."""
        if filename in self._later:
            self._later.discard(filename)
            if not (
                override or filename in self._written_files or filename in self._overridden_files
            ):
                self._written_files.add(filename)
                return open(os.devnull, "w", encoding=encoding)
        return super()._open_w(filename, encoding, override)


class _Deferred:
    """A template whose rendering waits: Pelican records the page (and makes its folder), and its file is
    written when the page is rendered, later, with the same variables.

    A page's variables are the generator's shared context and the page's own; only the page's own are
    kept (a whole copy per page would hold some 5 KB each, 50 MB for 10 000 pages). `memo_name` is
    the write the page memo remembers it under (None without the memo)."""

    def __init__(self, template, writer: Writer, jobs: list, shared: dict, memo_name: str | None):
        self.template = template
        self.name = template.name
        self.writer = writer
        self.jobs = jobs
        self.shared = shared
        self.memo_name = memo_name

    def render(self, context: dict) -> str:
        own = {
            key: value
            for key, value in context.items()
            if self.shared.get(key, _ABSENT) is not value
        }
        # the path as Pelican's writer makes it, by which it opens the file (`Writer._open_w`)
        path = sanitised_join(self.writer.output_path, context["output_file"])
        self.writer._later.add(path)
        self.jobs.append((self.template, self.shared, own, path, self.memo_name))
        return ""


_ABSENT = object()


# Pelican's pages worth rendering early; fewer are rendered with the rest, at the end.
EARLY_FROM = 32


def render_early(generator, writer) -> None:
    """Pelican's own pages are recorded once its page generator, the last of its own, has written: start
    rendering them in forked processes, which take the cores this one leaves idle while Skaidra's
    generators go on (the same pages as one process's, which renders each as it is written). A rebuild
    that renders few is spared the processes (each slows this one while they share its memory)."""
    build = build_context.of(generator.context)
    if build.jobs and len(build.jobs) >= EARLY_FROM and not build.early:
        helpers = build.processes - 1
        render = partial(_render, memo=build.pages)
        build.early = [fork(render, build.jobs[share::helpers]) for share in range(helpers)]
        build.early_jobs = len(build.jobs)


def render_deferred(build) -> list[str]:
    """Render the recorded pages not started early, shared out among the build's processes (this one and
    forked ones) in runs of one language (`_language`), and tell the page memo what each read; return
    problems."""
    started, build.early = build.early, []
    try:
        found = share_out(
            partial(_render, memo=build.pages),
            sorted(build.jobs[build.early_jobs :], key=_language),
            build.processes,
            started,
            contiguous=True,
        )
    except SharedWorkFailed as failed:
        return failed.failures
    if build.pages is not None:
        for reads in found:
            for name, places in reads["pages"].items():
                build.pages.add_reads(name, [reads["facts"][place] for place in places])
            build.pages.partials.add(*reads["partials"])
    return []


def _language(job: tuple) -> str:
    """The language of a page to render: a process renders the pages of one language together, and
    so each of the cards they show (`render_once`) once, not once in each process."""
    return str(job[2].get("lang") or "")


def abandon_early(build) -> None:
    """End the processes started early, whose pages (or files made aside) a build that failed will not
    use."""
    started, build.early = build.early, []
    aside, build.aside = build.aside, []
    stop([*started, *(made.forked for made in aside)])


def _render(jobs: list, memo) -> dict:
    """Render pages; return what each write the memo remembers read: `facts`, every fact read once,
    and `pages`, each write's places in it (their worth the build's own process works out); and
    `partials`, the partials this process used and those it rendered (kept_partials.py)."""
    places: dict[str, int] = {}
    pages: dict[str, set[int]] = {}
    for template, shared, own, path, memo_name in jobs:
        with reading() as found:
            text = template.render({**shared, **own})
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        forget_rendered_items()  # each post's HTML is shown whole on one page: none is kept after it
        if memo is not None and memo_name is not None:
            pages.setdefault(memo_name, set()).update(
                places.setdefault(fact, len(places)) for fact in memo.page_facts(found, own)
            )
    partials = memo.partials if memo is not None else None
    return {
        "facts": list(places),
        "pages": {name: sorted(read) for name, read in pages.items()},
        "partials": (partials.handed(), partials.made) if partials is not None else None,
    }


def _pages_since(build, before: int) -> list:
    """The pages recorded since the record held `before` outputs."""
    return [output for output in build.record.since(before) if output.kind == PAGE]


def _source_of(value: Any) -> str | None:
    """The content file a page's own item comes from (a post, a page, an event, an episode), if it is one.

    A project, funder or organisation a page shows counts by the fields it reads (views.py)."""
    if isinstance(value, View) and not isinstance(value, ItemView):
        return None
    source = getattr(value, "relative_source_path", None) or getattr(value, "source", None)
    return source if isinstance(source, str) else None


def forget_rendered_items() -> None:
    """Empty the caches where Pelican keeps every item it ever rendered, with its HTML (class-wide: left
    full, they would keep a devserver's last build, its whole site, alive into the next)."""
    for memo in (Content.get_content, Content.get_summary):
        memo.cache.clear()
