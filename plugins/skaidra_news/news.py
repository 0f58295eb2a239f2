"""News listings for languages other than the default one, and a feed per language.

Pelican writes the default language's news index, tag pages and archive;
this generator writes the same pages for each other language, from the
posts written in it, with Pelican's own templates, writer and paginator.
Each language's Atom feed is written even when it has no posts yet, since
every page of that language links to it.

Reads: `SKAIDRA["languages"]`, `DEFAULT_LANG`, `PAGINATION_PATTERNS`.
"""

from __future__ import annotations

from collections import defaultdict

from pelican import signals
from pelican.writers import Writer
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.routes import save_as


class NewsGenerator(SkaidraGenerator):
    """Write `<lang>/news/`, its tag pages and archive for each non-default language."""

    def declare_links(self) -> None:
        self.build.menu.append(Link("news", N_("News"), 50, route="news"))
        self.build.footer.append(
            Link(
                "feed",
                N_("News feed"),
                20,
                files=(("", self.routes.file("language_feed", lang="{lang}")),),
            )
        )

    def write_output(self, writer) -> None:
        for lang in self.languages:
            path = self.routes.file("language_feed", lang=lang)
            title = self.text(lang)("News")
            writer.write_feed(
                self.context["articles_in"](lang), self.context, path, feed_title=title
            )
            if lang == self.default_lang:
                continue
            localized = self.writer_for(lang, writer)
            articles = self.context["articles_in"](lang)
            self.write_listing(localized, "index", "news", lang, articles=articles, dates=articles)
            by_tag: dict = defaultdict(list)
            for article in articles:
                for tag in getattr(article, "tags", []):
                    by_tag[tag].append(article)
            tags = sorted(by_tag.items(), key=lambda kv: kv[0].name)
            self.write_listing(localized, "tags", "tags", lang, tags=tags)
            self.write_listing(localized, "archives", "archives", lang, dates=articles)
            for tag, tagged in tags:
                path = self.routes.route("tag", lang, slug=tag.slug)
                localized.write_file(
                    save_as(path), self.get_template("tag"), self.context,
                    url=path, template_name="tag", tag=tag, articles=tagged, dates=tagged,
                    lang=lang, page_path=path, alternates={lang: path}, section="news",
                )  # fmt: skip

    def write_listing(self, writer, template: str, name: str, lang: str, **context) -> None:
        paths = {other: self.routes.route(name, other) for other in self.languages}
        writer.write_file(
            save_as(paths[lang]), self.get_template(template), self.context,
            url=paths[lang], template_name=template, lang=lang, page_path=paths[lang],
            alternates=paths, section="news", **context,
        )  # fmt: skip

    def writer_for(self, lang: str, writer: Writer) -> Writer:
        """A writer sharing Pelican's, whose page numbers use the language's word."""
        settings = {**self.settings, "PAGINATION_PATTERNS": self.routes.pagination(lang)}
        localized = Writer(writer.output_path, settings=settings)
        localized._written_files = writer._written_files  # one record of what is written
        return localized


def get_generators(_pelican):
    return NewsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
