"""Content kinds that capabilities register from outside the model.

A capability's package lists its kinds in a module-level `CONTENT_KINDS`
tuple; the loader reads each kind's folder like the built-in ones: front
matter validated against the kind's schema, links and project references
checked, drafts left out, slugs unique per language. Its items are then
`site.items(kind.name)`, and `{filename}` links to them resolve to the
kind's route.
"""

from __future__ import annotations

from dataclasses import dataclass

from .front_matter import Common


@dataclass(frozen=True)
class ContentKind:
    """A folder of Markdown files, one item each."""

    name: str  # how code and templates ask for the items: site.items("reports")
    folder: str  # under content/
    schema: type[Common]  # the front matter
    route: str  # the route name of an item's page (from the capability's ROUTES)
    slug_from_title: bool = False  # otherwise the slug is the file name
