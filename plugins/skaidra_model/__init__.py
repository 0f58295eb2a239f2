"""Skaidra's content model: plain typed objects loaded from `content/`, no Pelican."""

from .loader import load_site
from .problems import ContentError, Problem
from .site import Episode, Event, ModelSettings, Page, Post, Site
from .slugs import slugify

__all__ = [
    "ContentError",
    "Episode",
    "Event",
    "ModelSettings",
    "Page",
    "Post",
    "Problem",
    "Site",
    "load_site",
    "slugify",
]
