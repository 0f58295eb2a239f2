"""A test-only capability: annual reports in `content/reports/`, added without touching core.

It shows what a capability declares: its content kind, its routes and their
words, its menu entry, and a generator that writes its pages. Templates live
beside it and reach the build through THEME_TEMPLATES_OVERRIDES.
"""

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.navigation import Link
from skaidra_model.fields import Text
from skaidra_model.front_matter import Common
from skaidra_model.kinds import ContentKind


class ReportMeta(Common):
    """A report's front matter: the common keys and the period it covers."""

    period: Text


CONTENT_KINDS = (ContentKind(name="reports", folder="reports", schema=ReportMeta, route="report"),)
ROUTES = {"reports": "<reports>/", "report": "<reports>/{slug}/"}
WORDS = {"lt": {"reports": "ataskaitos"}, "en": {"reports": "reports"}}


class ReportsGenerator(SkaidraGenerator):
    """The list of reports and a page for each, in every language."""

    def declare_links(self) -> None:
        self.build.menu.append(Link("reports", "Reports", 60, route="reports"))

    def write_output(self, writer) -> None:
        items = self.site.items("reports")
        by_version = {(item.slug, item.lang): item for item in items}
        slugs = sorted({item.slug for item in items})
        self.write_in_all_languages(writer, "reports", "reports", slugs=slugs, section="reports")
        for slug in slugs:
            paths = self.routes.versions("report", slug=slug)
            for lang in self.languages:
                report = by_version.get((slug, lang)) or by_version.get((slug, self.default_lang))
                if report is None:
                    report = next(item for item in items if item.slug == slug)
                self.write_page(
                    writer,
                    "report",
                    paths,
                    lang,
                    report=report,
                    section="reports",
                    sources=(report.source,),
                )


def get_generators(_pelican):
    return ReportsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
