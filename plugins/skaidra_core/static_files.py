"""The content's static files (pictures, audio, documents under `media/`): Pelican copies each one
into every build; a rebuild with the page memo leaves in the output those it already holds byte for
byte (`BuildContext.kept`), as it does the pages it takes from the last build. The bytes are compared
once: while neither file's size and time change, the last build's answer stands (`Stamped`), so a
podcast's audio is not read again on every build."""

from __future__ import annotations

import filecmp
import os
import types
from stat import S_ISREG

from . import build_context

SAME = "same"


def keep_unchanged(generator) -> None:
    """Give Pelican's static generator of a build our way of copying a file."""
    copy = generator._copy_staticfile

    def copy_or_keep(self, static) -> None:
        build = build_context.of(self.settings)
        if build.pages is not None:
            published = build.pages.output / static.save_as
            source = os.path.join(self.path, static.source_path)
            try:
                found = os.stat(published)
            except OSError:
                found = None
            stamped = build.pages.facts.stamped
            if (
                found is not None
                and S_ISREG(found.st_mode)
                and _same(stamped, source, static.save_as, published, found)
            ):
                build.kept.add(static.save_as.replace(os.sep, "/"))
                return
        copy(static)

    generator._copy_staticfile = types.MethodType(copy_or_keep, generator)


def _same(stamped, source: str, save_as: str, published, found: os.stat_result) -> bool:
    """Whether `published` (as `found`) holds the bytes of `source`: compared when either changed since
    the last build compared them."""
    name = f"static:{save_as}:{found.st_size}:{found.st_mtime_ns}"

    def compare() -> str:
        return SAME if filecmp.cmp(source, published, shallow=False) else "differs"

    return stamped.of(name, source, compare) == SAME
