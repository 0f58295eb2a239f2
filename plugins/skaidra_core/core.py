"""Skaidra's core plugin: the content model, the YAML reader, safe and translated templates.

Reads: `SKAIDRA`, `THEME`, `SITEURL`, `JINJA_ENVIRONMENT`, `DEFAULT_LANG`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import imagesize
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from skaidra_model.front_matter import PAGE_ROLES

from . import build_context, formatting
from .assets import rename_published
from .collector import set_aside
from .date_formats import use_formats_read_once
from .fixed_addresses import fix_addresses, fix_when_made
from .generator import HomeGenerator, collect_aside, start_aside
from .i18n import install, language_name, open_graph_locale
from .links import resolve
from .markup import sanitise
from .outputs import FILE, PAGE
from .page_memo import fingerprint
from .page_reads import read, read_all, reading, watch_templates
from .reader import YamlMarkdownReader, pack_cached_texts
from .security import csp
from .settings import (
    TEMPLATES_CACHE,
    core_settings,
    grant_id,
    grant_id_prefix,
    load_model,
    site_path,
)
from .source_paths import use_known_source_paths
from .static_files import keep_unchanged
from .tag_lists import tag_lists
from .template_cache import share_compiled_templates
from .template_language import language_helpers
from .translations import use_linear_translations
from .writer import Writer, render_early


def configure(pelican) -> None:
    """Load the content model once and make every template autoescape."""
    settings = pelican.settings
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja["autoescape"] = True
    jinja["auto_reload"] = False  # a build never sees a template change; skip the stat per include
    jinja["extensions"] = sorted({*jinja.get("extensions", []), "jinja2.ext.i18n"})
    settings["JINJA_ENVIRONMENT"] = jinja
    if build_context.KEY not in settings:  # run by Pelican's own command, not by skaidra
        build_context.open_build(settings, load_model(settings))
    settings["SITE_PATH"] = site_path(settings)
    routes = build_context.of(settings).routes
    settings["DEFAULT_LANG"] = routes.default
    settings.update(routes.pelican_settings())


def publish_assets(pelican) -> None:
    """After every file is written: rename the theme's files to their fingerprinted names."""
    build = build_context.of(pelican.settings)
    rename_published(Path(pelican.output_path), pelican.settings["THEME_STATIC_DIR"], build.assets)


def collect_files_aside(pelican) -> None:
    """Every page is written: record the files made aside (generator.collect_aside)."""
    collect_aside(build_context.of(pelican.settings))


def leave_out_future_posts(generator) -> None:
    """Posts Pelican made drafts (dated later than now, where a site sets `WITH_FUTURE_DATES = False`)
    are left out until their date, as a post with `status: draft` is: Pelican would write each at a
    draft's address, and fail on it, reading the category Skaidra gives no post."""
    for name in ("drafts", "drafts_translations"):
        getattr(generator, name, []).clear()  # in place: the context holds the same lists


def use_yaml_reader(readers) -> None:
    """Read `.md` with YAML front matter; read nothing else as content; cache texts packed."""
    for extension in list(readers.reader_classes):
        if extension != "static":
            readers.reader_classes[extension] = None
    readers.reader_classes["md"] = YamlMarkdownReader
    pack_cached_texts(readers)


def template_tools(generator) -> None:
    """Give a generator's templates translations, formatting, language and URL helpers."""
    settings, env = generator.settings, generator.env
    cache = (
        Path(settings["CACHE_PATH"]) / TEMPLATES_CACHE if settings.get("CACHE_CONTENT") else None
    )
    share_compiled_templates(env, cache)
    build = build_context.of(settings)
    install(env, build.catalogs, settings["DEFAULT_LANG"])
    env.filters.update(formatting_filters(settings, build.renderer))
    helpers = language_helpers(settings["DEFAULT_LANG"])
    env.filters.update(text=helpers["text"], text_in=helpers["text_in"])
    env.globals.update(lang_of=helpers["lang_of"], translated=helpers["translated"])
    env.globals.update(site_globals(settings, build, env))
    watch_templates(env)
    if build.pages is not None:
        build.pages.facts.pure.update(PURE)
        build.pages.facts.names.update(
            articles_in=lambda: fingerprint(
                generator.context.get("articles", []), build.pages.facts
            ),
            url_of_source=lambda: build.pages.facts.of("routes"),
        )


# Shared names whose worth every page's key holds already (the settings, the catalogs), or whose
# reads are noted where they are made (`site`'s views, `render_once`, `picture_of`), or that show
# only what they are handed.
PURE = frozenset(
    {
        "asset", "route", "routes", "facet_key", "link_path", "grant_id", "file_path", "render_once",
        "picture_of", "site", "provided", "language_name", "open_graph_locale", "lang_of", "translated",
        "range", "dict", "lipsum", "cycler", "joiner", "namespace", "gettext", "ngettext",
        "pgettext", "npgettext", "_", "localsiteurl", "menu", "footer_links",
    }
)  # fmt: skip


def formatting_filters(settings: dict, renderer) -> dict:
    """Filters that format numbers, dates and money in the page's language, and turn texts and paths
    into HTML and addresses."""
    base = settings["SITE_PATH"]
    absolute_base = settings["SITEURL"].rstrip("/")

    @pass_context
    def markdown_filter(context, text: str | None, source: str | None = None) -> Markup:
        """Markdown to sanitised HTML; `source` (the file it was written in) resolves its links."""
        rendered = renderer.html(text)
        if source and "{" in rendered:
            read("name:url_of_source")
            rendered = resolve(rendered, source, context["url_of_source"], base)
        return Markup(rendered)

    return {
        "date": formatting.date,
        "time_span": formatting.time_span,
        "period": formatting.period,
        "month_name": formatting.month,
        "number": formatting.number,
        "money": formatting.money,
        "percent": formatting.percent,
        "clock": formatting.clock,
        "duration": formatting.duration,
        "megabytes": formatting.megabytes,
        "sanitise": lambda html: Markup(sanitise(html)),
        "iso": formatting.iso,
        "local": lambda path: f"{base}/{path}",
        "absolute": lambda path: f"{absolute_base}/{path}",
        "markdown": markdown_filter,
        "inline_markdown": lambda text: Markup(renderer.inline(text)),
    }


def site_globals(settings: dict, build, env) -> dict:
    """What every template may ask of the site: its routes and assets, its settings, its menus, and
    partials rendered once per build."""
    core = core_settings(settings)  # validated once here, not once per global
    rendered: dict[tuple, Markup] = {}
    reads: dict[tuple, set[str]] = {}  # what each partial read, which every page showing it reads

    @pass_context
    def render_once(context, template: str, **variables) -> Markup:
        """A partial that depends only on `variables` (language, section) and on what is
        the same for the whole build, rendered once per build (or taken from the last build's,
        kept_partials.py)."""
        key = (template, *sorted(variables.items()))
        if key not in rendered:
            memo = build.pages
            kept_as = memo.partial_key(template, variables) if memo is not None else None
            taken = memo.partials.take(kept_as) if kept_as is not None else None
            if taken is not None:
                rendered[key], reads[key] = Markup(taken[0]), taken[1]
            else:
                with reading() as found:
                    rendered[key] = Markup(
                        env.get_template(template).render({**context.get_all(), **variables})
                    )
                reads[key] = found
                if kept_as is not None:
                    memo.partials.remember(
                        kept_as, str(rendered[key]), memo.page_facts(found, variables)
                    )
        read_all(reads[key])
        return rendered[key]

    assets, static_dir = build.assets, settings["THEME_STATIC_DIR"]
    prefix = grant_id_prefix(settings, build.site)

    def picture_of(media_path: str):
        read(f"media:{media_path}")
        return build.pictures.of(media_path)

    def asset(relative: str) -> str:
        """The published (fingerprinted) path of a theme file, e.g. `theme/css/main.3f2a….css`."""
        return f"{static_dir}/{assets[relative]}"

    return {
        "asset": asset,
        "render_once": render_once,
        "route": build.routes.route,
        "routes": build.routes.versions,
        "facet_key": build.routes.facet_key,
        "link_path": lambda link, lang: link.path(build.routes, lang),
        "grant_id": lambda record: grant_id(prefix, record),
        "file_path": build.routes.file,
        "picture_of": picture_of,
        "publisher": core["publisher"],
        "content_security_policy": csp(build.site),
        "site": build.views,
        "social_image": core["social_image"],
        "logo": logo_of(settings["PATH"], core["logo"]),
        "stylesheet": core["stylesheet"],
        "tagline": core["tagline"],
        "page_roles": PAGE_ROLES,
        "menu": build.menu,
        "provided": build.provides,
        "footer_links": build.footer,
        "languages": core["languages"],
        "language_name": language_name,
        "open_graph_locale": open_graph_locale,
    }


def logo_of(content: str, name: str) -> dict | None:
    """The site's logo (`SKAIDRA["logo"]`, under content/media) with its size, for the header."""
    if not name:
        return None
    width, height = imagesize.get(Path(content) / "media" / name)
    return {"path": f"media/{name}", "width": max(width, 0), "height": max(height, 0)}


def link_context(generators) -> None:
    """After every generator has read its content: shared lookups for templates."""
    set_aside()  # what Pelican read lives as long as the build, as the model does (collector.py)
    context = generators[0].context
    fix_addresses(context)
    context["localsiteurl"] = context["SITE_PATH"]
    default_lang = context["DEFAULT_LANG"]

    def articles_in(lang: str) -> list:
        """Published news in one language, newest first."""
        found = []
        for article in context.get("articles", []):
            if article.lang == lang:
                found.append(article)
            else:
                found.extend(t for t in article.translations if t.lang == lang)
        if lang == default_lang:
            return found
        return sorted(found, key=lambda a: a.date, reverse=True)

    context["articles_in"] = articles_in
    by_source = {}
    for item in [*context.get("articles", []), *context.get("pages", [])]:
        for variant in (item, *item.translations):
            by_source[variant.relative_source_path] = variant
    context["content_by_source"] = by_source
    context["page_by_role"] = {
        (variant.metadata["role"], variant.lang): variant.url
        for page in context.get("pages", [])
        for variant in (page, *page.translations)
        if variant.metadata.get("role")
    }
    build = build_context.of(context)
    routed = routed_sources(build.site, build.routes)
    context["url_of_source"] = url_of_source(routed, by_source)
    # Pelican resolves {filename} links of posts and pages through generated_content:
    # there, Skaidra's own items stand in with their addresses.
    for source, url in routed.items():
        context["generated_content"].setdefault(source, Routed(url))


@dataclass(frozen=True)
class Routed:
    """A content file Skaidra turns into a page itself (an event, an episode, a project...)."""

    url: str


def routed_sources(site, routes) -> dict[str, str]:
    """The site path (in the default language) of every content file Skaidra routes itself."""
    lang = routes.default
    routed = {e.source: routes.route("event", lang, slug=e.slug) for e in site.events}
    routed.update({e.source: routes.route("episode", lang, slug=e.slug) for e in site.episodes})
    routed.update(
        {
            source: routes.route("project", lang, slug=site.projects[pid].slug)
            for pid, source in site.project_sources.items()
        }
    )
    for kind in site.settings.kinds:
        routed.update(
            {
                item.source: routes.route(kind.route, lang, slug=item.slug)
                for item in site.items(kind.name)
            }
        )
    return routed


def url_of_source(routed: dict[str, str], by_source: dict):
    """Map a content path to the site path of what it becomes (in the default language)."""

    def url_of(path: str) -> str | None:
        if path.startswith("media/"):
            return path
        if path in by_source:
            return by_source[path].url
        return routed.get(path)

    return url_of


def record_page(path: str, context: dict) -> None:
    """Pelican's writer wrote a page: record it with its language versions and sources."""
    item = context.get("article") or context.get("page")
    alternates = context.get("alternates")
    if alternates is None and item is not None:
        alternates = {variant.lang: variant.url for variant in (item, *item.translations)}
    build_context.of(context).record.add_written(
        path,
        kind=PAGE,
        lang=context.get("lang") or getattr(item, "lang", None) or context["DEFAULT_LANG"],
        sources=tuple(
            context.get("sources") or ((item.relative_source_path,) if item is not None else ())
        ),
        alternates=tuple(sorted((alternates or {}).items())),
        listed=context.get("listed", True),
    )


def record_feed(path: str, context: dict, feed) -> None:
    """Pelican's writer wrote a feed."""
    build_context.of(context).record.add_written(path, kind=FILE)


def date_empty_feed(context: dict, feed) -> None:
    """A feed with no entries is dated by the build's day, not by the clock (Pelican's default), so that a
    rebuild on the same day leaves it as it was."""
    if not feed.items:
        day = build_context.of(context).site.now.replace(hour=0, minute=0, second=0, microsecond=0)
        feed.latest_post_date = lambda: day


def get_generators(_pelican):
    return HomeGenerator


def get_writer(_pelican):
    return Writer


def register() -> None:
    use_linear_translations()
    use_known_source_paths()
    use_formats_read_once()
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_yaml_reader)
    signals.generator_init.connect(template_tools)
    signals.content_object_init.connect(fix_when_made)
    signals.article_generator_finalized.connect(tag_lists)
    signals.article_generator_finalized.connect(leave_out_future_posts)
    signals.all_generators_finalized.connect(link_context)
    # after link_context, which sets what Pelican read aside before the files made aside fork
    signals.all_generators_finalized.connect(start_aside)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.content_written.connect(record_page)
    signals.page_writer_finalized.connect(render_early)
    signals.static_generator_init.connect(keep_unchanged)
    signals.feed_generated.connect(date_empty_feed)
    signals.feed_written.connect(record_feed)
    signals.finalized.connect(collect_files_aside)
    signals.finalized.connect(publish_assets)
