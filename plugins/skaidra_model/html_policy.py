"""What HTML editors may write, checked with a real HTML parser.

The same allow-lists drive the sanitiser that cleans every rendered text
(`skaidra_core.markup`); validation uses them first, so that an editor hears
about markup the sanitiser would remove instead of losing it silently.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown

from .cache_files import keep, kept
from .packed_text import pack, text_key, unpack
from .shared_work import share_out
from .speech import say

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]
MARKDOWN_CONFIGS = {"toc": {"permalink": False}}

# Fewer texts than this to convert ahead are left to be converted one by one where they are needed:
# a forked process costs more than it saves for a few.
AHEAD_FROM = 64

VIDEO_HOSTS = ("www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip

ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "title"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "abbr": {"title"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "cite"}


def allowed_attributes(tag: str) -> set[str]:
    """Attributes allowed on `tag`."""
    return ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"]


def url_problem(value: str) -> str | None:
    """Why a URL may not be used in content, or None if it may."""
    scheme = urlsplit(value.strip()).scheme.lower()
    if scheme and scheme not in URL_SCHEMES and not value.startswith("{"):
        return say(
            "{scheme}: addresses are not allowed (use https://, mailto: or a site path)",
            scheme=scheme,
        )
    return None


def video_source_allowed(value: str) -> bool:
    """Whether an iframe may show this address: an https player from an allowed host."""
    parts = urlsplit(value)
    return parts.scheme == "https" and parts.hostname in VIDEO_HOSTS


class _Inspector(HTMLParser):
    """Collect (clue, message) for every element, attribute or URL the policy refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(
                (f"<{tag}", say("the <{tag}> element is not allowed in content", tag=tag))
            )
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (
                        name,
                        say("event handler attributes such as {name} are not allowed", name=name),
                    )
                )
            elif name == "style":
                self.found.append(
                    (
                        "style=",
                        say(
                            "style attributes are not allowed; the site's stylesheet styles content"
                        ),
                    )
                )
            elif name not in allowed_attributes(tag):
                self.found.append(
                    (
                        f"{name}=",
                        say("the attribute {name} is not allowed on <{tag}>", name=name, tag=tag),
                    )
                )
            elif name in URL_ATTRIBUTES and value:
                problem = url_problem(value)
                if problem:
                    self.found.append((value.split(":", 1)[0] + ":", problem))
                elif tag == "iframe" and name == "src" and not video_source_allowed(value):
                    host = urlsplit(value).hostname or value
                    allowed = ", ".join(VIDEO_HOSTS)
                    self.found.append(
                        (
                            value,
                            say(
                                "an <iframe> from {host} is not allowed; only video players from {allowed}",
                                host=host,
                                allowed=allowed,
                            ),
                        )
                    )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


class MarkdownRenderer:
    """Markdown to (unsanitised) HTML, each distinct text converted once per build.

    Validation and the pages share one renderer, so a body is converted once;
    with a cache file, texts converted by an earlier build are not converted again.
    What the cache keeps is packed (packed_text.py). The bodies of a folder of Markdown files are
    converted together, on `processes` cores (`convert_ahead`).
    """

    def __init__(self, cache_file: Path | None = None, processes: int = 1) -> None:
        self._md = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS
        )
        self._cache_file = cache_file
        self._processes = processes
        self._ahead: dict[bytes, bytes] = {}  # converted by convert_ahead, packed, not yet rendered
        self._known: dict[bytes, bytes] = {}  # from the last build: its texts, compressed
        self._kept: dict[bytes, bytes] = {}  # for the next build: this one's texts, compressed
        # without a cache file: converted, not yet handed to the page that shows it
        self._fresh: dict[bytes, str] = {}
        self._known_clean: set[bytes] = set()  # texts the policy found nothing wrong with
        self._clean: set[bytes] = set()
        if cache_file is not None:
            self._known, self._known_clean = kept(cache_file, ({}, set()))

    def problems(self, text: str) -> list[tuple[str, str]]:
        """(clue, message) for each part of `text` whose HTML the policy refuses; a text found clean by an
        earlier build is not inspected again."""
        key = text_key(text)
        if key in self._clean or key in self._known_clean:
            self._clean.add(key)
            if self._cache_file is not None and key in self._known:
                self._kept.setdefault(key, self._known[key])  # seen, so kept for the next build
            return []
        found = html_problems(self.render(text))
        if not found:
            self._clean.add(key)
        return found

    def seen(self, key: bytes) -> None:
        """A text (by its `text_key`) an earlier build's checks found clean, and whose checks are taken
        from it: as `problems` would, it is kept clean, and converted, for the next build."""
        if key in self._known_clean:
            self._clean.add(key)
            if self._cache_file is not None and key in self._known:
                self._kept.setdefault(key, self._known[key])

    def convert_ahead(self, texts: dict[bytes, bytes]) -> None:
        """Convert those of `texts` (packed, by their `text_key`) no earlier build converted, shared out
        among the renderer's processes (when there are enough of them to be worth a process), so that
        `render` finds them converted."""
        waiting = {
            key: unpack(packed)
            for key, packed in texts.items()
            if not (key in self._fresh or key in self._kept or key in self._known)
        }
        if self._processes < 2 or len(waiting) < AHEAD_FROM:
            return
        for converted in share_out(self._converted, list(waiting.items()), self._processes):
            self._ahead.update(converted)

    def _converted(self, texts: list[tuple[bytes, str]]) -> dict[bytes, bytes]:
        """Each text's HTML, packed, by its key."""
        converted = {}
        for key, text in texts:
            self._md.reset()
            converted[key] = pack(self._md.convert(text))
        return converted

    def render(self, text: str) -> str:
        """The HTML of `text`."""
        key = text_key(text)
        html = self._fresh.get(key)
        if html is not None:
            return html
        packed = self._kept.get(key) or self._known.get(key) or self._ahead.pop(key, None)
        if packed is None:
            self._md.reset()
            html = self._md.convert(text)
        else:
            html = unpack(packed)
        if self._cache_file is None:
            self._fresh[key] = html
        else:
            self._kept.setdefault(key, packed or pack(html))
        return html

    def handed(self, text: str) -> str:
        """The HTML of `text`, for a caller that keeps what it makes of it: not held here any longer
        (but for its compressed copy, when a cache file is to hold it for the next build)."""
        html = self.render(text)
        self._fresh.pop(text_key(text), None)
        return html

    def save(self) -> None:
        """Keep what this build converted for the next one (when there is a cache file)."""
        if self._cache_file is not None:
            keep(self._cache_file, (self._kept, self._clean & self._kept.keys()))


def markdown_problems(text: str, renderer: MarkdownRenderer | None = None) -> list[tuple[str, str]]:
    """(clue, message) for each part of Markdown whose HTML the policy refuses.

    The clue is a piece of the source to find the line by.
    """
    if "<" not in text and "](" not in text and "]:" not in text:
        return []
    return (renderer or MarkdownRenderer()).problems(text)


def html_problems(html: str) -> list[tuple[str, str]]:
    """(clue, message) for each element, attribute or address of `html` the policy refuses."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.found
