"""The podcast RSS feed, built with feedgen, following Apple's guide and Podcasting 2.0.

feedgen's own podcast extension writes most `itunes:` tags. A small
extension of ours writes what feedgen gets wrong or lacks: `itunes:explicit`
as true/false, `itunes:image` whatever its URL ends with, and the
`podcast:` namespace (declared on the channel, used on channel and items;
`Tag`s for the elements podcast.py composes).
`lastBuildDate` is the newest episode's date, so the same content always
gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"


@dataclass(frozen=True)
class Tag:
    """One `podcast:` element: its name without the prefix, attributes, text and inner elements."""

    name: str
    attributes: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    children: tuple[Tag, ...] = ()

    def write(self, parent) -> None:
        element = xml_elem(f"{{{PODCAST_NS}}}{self.name}", parent)
        element.attrib.update(
            {key: value for key, value in self.attributes.items() if value is not None}
        )
        if self.text is not None:
            element.text = self.text
        for child in self.children:
            child.write(element)


@dataclass
class ChannelExtras:
    """Channel tags feedgen cannot write correctly."""

    explicit: bool = False
    image: str | None = None
    guid: str | None = None
    locked: bool | None = None
    owner_email: str | None = None
    funding: tuple[str, str] | None = None
    tags: list[Tag] = field(default_factory=list)  # the rest of the podcast: namespace, in order


@dataclass
class ItemExtras:
    """Item tags feedgen cannot write correctly."""

    explicit: bool = False
    image: str | None = None
    transcripts: list[dict] = field(default_factory=list)
    chapters: str | None = None
    persons: list[dict] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)  # the rest of the podcast: namespace, in order


def _bool(value: bool) -> str:
    return "true" if value else "false"


class SkaidraExtension(BaseExtension):
    """Channel part: declares the namespaces, writes the extras."""

    def __init__(self) -> None:
        self.extras = ChannelExtras()

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS, "podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        extras = self.extras
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = _bool(extras.explicit)
        if extras.image:
            xml_elem(f"{{{ITUNES_NS}}}image", channel).attrib["href"] = extras.image
        if extras.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = extras.guid
        if extras.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "yes" if extras.locked else "no"
            if extras.owner_email:
                locked.attrib["owner"] = extras.owner_email
        if extras.funding:
            url, label = extras.funding
            funding = xml_elem(f"{{{PODCAST_NS}}}funding", channel)
            funding.attrib["url"] = url
            funding.text = label
        for tag in extras.tags:
            tag.write(channel)
        return rss_feed


class SkaidraEntryExtension(BaseEntryExtension):
    """Item part: explicit, image, transcripts, chapters, persons."""

    def __init__(self) -> None:
        self.extras = ItemExtras()

    def extend_rss(self, entry):
        extras = self.extras
        xml_elem(f"{{{ITUNES_NS}}}explicit", entry).text = _bool(extras.explicit)
        if extras.image:
            xml_elem(f"{{{ITUNES_NS}}}image", entry).attrib["href"] = extras.image
        for attributes in extras.transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", entry).attrib.update(attributes)
        if extras.chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry).attrib.update(
                {"url": extras.chapters, "type": "application/json+chapters"}
            )
        for person in extras.persons:
            element = xml_elem(f"{{{PODCAST_NS}}}person", entry)
            element.text = person["name"]
            element.attrib.update({k: v for k, v in person.items() if k != "name"})
        for tag in extras.tags:
            tag.write(entry)
        return entry


def new_feed() -> FeedGenerator:
    """A FeedGenerator with feedgen's podcast extension and ours."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("skaidra", SkaidraExtension, SkaidraEntryExtension)
    return feed


def extras_of(item: FeedGenerator | FeedEntry):
    """The extras of a feed or an entry, to fill in."""
    return item.skaidra.extras
