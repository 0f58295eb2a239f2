"""What helps people and machines find their way: sitemap.xml with language
alternates, robots.txt, the `_headers`, `.htaccess` and `_redirects` files for hosts that
read them, redirect pages at old addresses, the 404 page and the search page
(its index is built after the site, by Pagefind).

The sitemap and the files beside it are written when Pelican has finished,
from the record of every output, so this plugin may stand anywhere in PLUGINS.

Reads: `SITEURL`, `SKAIDRA["languages"]`, `SKAIDRA["redirects"]`, `DEFAULT_LANG`.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from pelican import signals
from skaidra_core import build_context
from skaidra_core.generator import SkaidraGenerator, take_from_last_build
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.outputs import Output
from skaidra_core.page_memo import digest
from skaidra_core.routes import save_as
from skaidra_core.security import csp
from skaidra_core.settings import core_settings
from skaidra_core.settings import site_path as site_path_of

from .hosting import headers_file, htaccess_file

SITEMAP = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


class DiscoveryGenerator(SkaidraGenerator):
    """The search page, the 404 page and pages at the old addresses of renamed pages."""

    def declare_links(self) -> None:
        if core_settings(self.settings)["search"]:
            self.build.footer.append(Link("search", N_("Search"), 10, route="search"))

    def write_output(self, writer) -> None:
        if core_settings(self.settings)["search"]:
            self.write_in_all_languages(writer, "search", "search", section="search", listed=False)
        writer.write_file(
            "404.html",
            self.get_template("404"),
            self.context,
            lang=self.default_lang,
            page_path="404.html",
            listed=False,
        )
        for old, new in sorted(core_settings(self.settings)["redirects"].items()):
            writer.write_file(
                save_as(old), self.get_template("redirect"), self.context,
                lang=self.default_lang, page_path=old, target=new, listed=False,
            )  # fmt: skip


def describe_site(pelican) -> None:
    """After every generator has written: the files that describe what was written."""
    settings = pelican.settings
    build = build_context.of(settings)
    base = settings["SITEURL"]
    site_path = site_path_of(settings)
    redirects = core_settings(settings)["redirects"]
    files = {
        "robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {base}/{SITEMAP}\n",
        "_headers": headers_file(csp(build.site, for_header=True), editor_policy(settings)),
        ".htaccess": htaccess_file(csp(build.site), editor_policy(settings), site_path),
        "_redirects": "".join(
            f"{site_path}/{old} {site_path}/{new} 301\n" for old, new in sorted(redirects.items())
        ),
    }
    for path, text in files.items():
        build.record.write(Output(path), text.encode("utf-8"))
    write_sitemap(build, build.record.pages(), base)


def write_sitemap(build, pages: list[Output], base: str) -> None:
    """The sitemap, or the last build's while the pages it lists and their versions are the same
    (with the page memo): 10 000 pages take a tenth of a second to list again."""
    key = digest(base, *(f"{page.url}\0{page.alternates!r}" for page in pages))
    if build.pages is not None and take_from_last_build(build, SITEMAP, key):
        return
    output = Output(SITEMAP)
    build.record.write(output, sitemap(pages, base))
    if build.pages is not None:
        build.pages.remember(SITEMAP, key, [output], (), rendered=True)


def editor_policy(settings: dict) -> str | None:
    """The web editor's own policy, when the site has the editor (skaidra_editor)."""
    from skaidra_editor import admin_policy, local_port

    core = core_settings(settings)
    return admin_policy(core["editor"], local_port(settings)) if core["editor"] else None


def sitemap(pages: list[Output], base: str) -> bytes:
    """sitemap.xml: every listed page, with its versions in other languages."""
    versions: dict[str, dict[str, str]] = {}
    for page in pages:
        if page.alternates:
            for _lang, url in page.alternates:
                versions.setdefault(url, dict(page.alternates))
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in pages:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{base}/{page.url}"
        others = versions.get(page.url, {})
        if len(others) > 1:
            for lang, other in sorted(others.items()):
                ET.SubElement(
                    url,
                    f"{{{XHTML_NS}}}link",
                    rel="alternate",
                    hreflang=lang,
                    href=f"{base}/{other}",
                )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def get_generators(_pelican):
    return DiscoveryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(describe_site)
