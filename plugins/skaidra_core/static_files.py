"""The content's static files (pictures, audio, documents under `media/`): Pelican copies each one
into every build; a rebuild with the page memo leaves in the output those it already holds byte for
byte (`BuildContext.kept`), as it does the pages it takes from the last build."""

from __future__ import annotations

import filecmp
import os
import types

from . import build_context


def keep_unchanged(generator) -> None:
    """Give Pelican's static generator of a build our way of copying a file."""
    copy = generator._copy_staticfile

    def copy_or_keep(self, static) -> None:
        build = build_context.of(self.settings)
        if build.pages is not None:
            published = build.pages.output / static.save_as
            source = os.path.join(self.path, static.source_path)
            if published.is_file() and filecmp.cmp(source, published, shallow=False):
                build.kept.add(static.save_as.replace(os.sep, "/"))
                return
        copy(static)

    generator._copy_staticfile = types.MethodType(copy_or_keep, generator)
