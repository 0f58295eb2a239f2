"""What helps people and machines find their way: sitemap.xml with language
alternates, robots.txt, the `_headers` and `_redirects` files for hosts that
read them, redirect pages at old addresses, the 404 page and the search page
(its index is built after the site, by Pagefind).

List this plugin last in PLUGINS: its sitemap lists what the others wrote.

Reads: `SITEURL`, `SKAIDRA["languages"]`, `SKAIDRA["redirects"]`, `DEFAULT_LANG`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from pelican import signals

from skaidra_core.generator import SkaidraGenerator
from skaidra_core.routes import route, save_as
from skaidra_core.settings import core_settings
from skaidra_core.security import csp
from skaidra_model.media_types import AUDIO_SUFFIXES, content_type

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# Security headers everywhere; long cache lifetimes only where file names change
# with their content (the theme's fingerprinted files, Pagefind's index);
# the right types for calendars, feeds, transcripts and audio.
HEADERS = """\
/*
  Content-Security-Policy: {csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
  X-Frame-Options: DENY

/theme/*
  Cache-Control: public, max-age=31536000, immutable

/pagefind/index/*
  Cache-Control: public, max-age=31536000, immutable

/pagefind/fragment/*
  Cache-Control: public, max-age=31536000, immutable

/feeds/podcast.xml
  Content-Type: application/rss+xml; charset=utf-8

/feeds/*.atom.xml
  Content-Type: application/atom+xml; charset=utf-8
{types}"""


# Files whose type a host may not know: calendars, transcripts, open data, audio.
TYPED_SUFFIXES = (".ics", ".vtt", ".srt", ".csv", *AUDIO_SUFFIXES)


def headers_file(policy: str) -> str:
    """The `_headers` file: security headers, cache lifetimes and content types."""
    types = "".join(f"\n/*{suffix}\n  Content-Type: {content_type(suffix)}\n" for suffix in TYPED_SUFFIXES)
    return HEADERS.format(csp=policy, types=types)


class DiscoveryGenerator(SkaidraGenerator):
    """Write the pages and files that describe the rest of the site."""

    def generate_output(self, writer) -> None:
        if core_settings(self.settings)["search"]:
            self.write_in_all_languages(writer, "search", "search", section="search")
        writer.write_file("404.html", self.get_template("404"), self.context, lang=self.default_lang, page_path="404.html")
        out = Path(self.output_path)
        (out / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {self.absolute('sitemap.xml')}\n", encoding="utf-8"
        )
        (out / "_headers").write_text(headers_file(csp(self.site, for_header=True)), encoding="utf-8")
        (out / "sitemap.xml").write_bytes(self.sitemap())
        redirects = core_settings(self.settings)["redirects"]
        for old, new in sorted(redirects.items()):
            writer.write_file(
                save_as(old), self.get_template("redirect"), self.context,
                lang=self.default_lang, page_path=old, target=new,
            )  # fmt: skip
        (out / "_redirects").write_text(
            "".join(f"{self.settings['SITE_PATH']}/{old} {self.settings['SITE_PATH']}/{new} 301\n" for old, new in sorted(redirects.items())),
            encoding="utf-8",
        )

    def pages_with_alternates(self) -> dict[str, dict[str, str]]:
        """Every page worth listing, with its versions in other languages."""
        pages: dict[str, dict[str, str]] = dict(self.context.get("sitemap", {}))
        for item in [*self.context.get("articles", []), *self.context.get("pages", [])]:
            versions = {variant.lang: variant.url for variant in (item, *item.translations)}
            for url in versions.values():
                pages[url] = versions
        for name in ("news", "tags", "archives"):
            versions = {lang: route(name, lang) for lang in self.languages}
            for url in versions.values():
                pages[url] = versions
        for tag, _articles in self.context.get("tags", []):
            url = route("tag", self.default_lang, slug=tag.slug)
            pages.setdefault(url, {self.default_lang: url})
        search = {route("search", lang) for lang in self.languages}
        return {path: versions for path, versions in pages.items() if path not in search}

    def sitemap(self) -> bytes:
        ET.register_namespace("", SITEMAP_NS)
        ET.register_namespace("xhtml", XHTML_NS)
        root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        for path, versions in sorted(self.pages_with_alternates().items()):
            url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = self.absolute(path)
            if len(versions) > 1:
                for lang, other in sorted(versions.items()):
                    ET.SubElement(
                        url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=self.absolute(other)
                    )
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def get_generators(_pelican):
    return DiscoveryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
