"""Pelican's writer, taking the pages whose inputs did not change from the last build (page_memo.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from pelican.writers import Writer as PelicanWriter

from . import build_context


class Writer(PelicanWriter):
    """Renders a page only when its key differs from the last build's; otherwise links the last build's file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._linked: set[str] = set()

    def write_file(self, name, template, context, *args: Any, **kwargs: Any) -> None:
        build = build_context.of(context)
        before = len(build.record.outputs)
        memo = build.pages
        if memo is None or not name:
            super().write_file(name, template, context, *args, **kwargs)
            build.rendered += len(build.record.outputs) - before
            return
        content = Path(self.settings["PATH"])
        own = [content / source for source in map(_source_of, kwargs.values()) if source]
        key = memo.key(name, template.name or "", own)
        reused = memo.reusable(name, key)
        if reused is None:
            super().write_file(name, template, context, *args, **kwargs)
            produced = list(build.record.outputs.values())[before:]
            memo.remember(name, key, produced)
            build.rendered += len(produced)
            return
        for output in reused:
            target = os.path.join(self.output_path, output.path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                os.link(memo.output / output.path, target)
            except OSError:  # another file system, or links not allowed: a copy does the same
                shutil.copy2(memo.output / output.path, target)
            build.record.add(output)
            self._written_files.add(target)
            self._linked.add(target)
        memo.remember(name, key, reused)
        build.reused += len(reused)

    def _open_w(self, filename, encoding, override=False):
        """Never write through a link to the last build's file: replace the link."""
        if filename in self._linked:
            os.unlink(filename)
            self._linked.discard(filename)
        return super()._open_w(filename, encoding, override)


def _source_of(value: Any) -> str | None:
    """The content file a page's own item comes from (a post, a page, an event, an episode), if it is one."""
    source = getattr(value, "relative_source_path", None) or getattr(value, "source", None)
    return source if isinstance(source, str) else None
