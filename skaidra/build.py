"""Validate content, build it with Pelican in a scratch folder, bring it into the output on success.

The output folder is only ever changed after a build that had no errors, and
then only in the files whose bytes changed (output_folder.py); a failed build
leaves it exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings
from skaidra_core import build_context
from skaidra_core.collector import collector_for_build, loading
from skaidra_core.config import SkaidraSettings, settings_line, settings_problems
from skaidra_core.page_memo import record_file
from skaidra_core.plugins import declared, unloadable_plugins
from skaidra_core.settings import (
    PRODUCTION_KEY,
    core_settings,
    load_model,
    save_model_caches,
    site_address,
)
from skaidra_core.site_settings import apply_site_file
from skaidra_core.writer import abandon_early, forget_rendered_items, render_deferred
from skaidra_model import ContentError, Problem, Site
from skaidra_model.fields import LANG_RE
from skaidra_model.identities import REGISTRY, write_registry
from skaidra_model.problems import ERROR
from skaidra_model.site_file import SITE_FILE, first_language, read_site_file
from skaidra_model.speech import number, say, say_count, speaking

from .cache import configure_cache
from .output_folder import bring_in, listed_aside, take_kept
from .quick_pages import KeptBuild
from .search_index import Reuse, build_search_index


@dataclass
class BuildRequest:
    """What to build, from where, to where."""

    settings_file: Path
    input_dir: str
    output_dir: str
    overrides: dict = field(default_factory=dict)
    production: bool = False  # a publish: site.yaml's `url` is the address


class _Collector(logging.Handler):
    """Keep every warning and error logged while Pelican runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


def shown_path(path: Path) -> str:
    """A path as the person who typed the command sees it."""
    return os.path.relpath(path) if path.is_absolute() else str(path)


def _no_feed_domain_warning(record: logging.LogRecord) -> bool:
    """Pelican warns of feeds without an address while it reads the settings file, before site.yaml's `url`
    is applied; a publish without any address is refused later, in the site's language (`validate`)."""
    return not record.getMessage().startswith("Feeds generated without SITEURL")


class SettingsFileError(Exception):
    """The settings file could not be read: a `path:line: settings: message` problem."""


def read_build_settings(request: BuildRequest) -> dict:
    """Pelican settings for the request, with its input and output folders and its cache."""
    overrides = {
        "PATH": str(Path(request.input_dir).resolve()),
        "OUTPUT_PATH": str(Path(request.output_dir).resolve()),
        **request.overrides,
    }
    site_url = os.environ.get("SITEURL", "").rstrip("/")
    if (
        site_url
    ):  # the contract's override, whatever the settings file read when it was first imported
        overrides.update(SITEURL=site_url, FEED_DOMAIN=site_url)
    shown = shown_path(request.settings_file)
    if not request.settings_file.is_file():
        raise SettingsFileError(Problem(shown, 1, "settings", say("no such settings file")))
    pelican_settings = logging.getLogger("pelican.settings")
    pelican_settings.addFilter(_no_feed_domain_warning)
    try:
        settings = read_settings(str(request.settings_file), override=overrides)
    except SyntaxError as exc:
        raise SettingsFileError(
            Problem(
                shown,
                exc.lineno or 1,
                "settings",
                say("is not valid Python: {reason}", reason=exc.msg),
            )
        ) from None
    except Exception as exc:  # noqa: BLE001 - the file runs as Python: any error in it is the editor's to fix
        line = next(
            (
                f.lineno
                for f in reversed(traceback.extract_tb(exc.__traceback__))
                if f.filename == str(request.settings_file)
            ),
            1,
        )
        raise SettingsFileError(
            Problem(shown, line or 1, "settings", f"{type(exc).__name__}: {exc}")
        ) from None
    finally:
        pelican_settings.removeFilter(_no_feed_domain_warning)
    folder = (
        request.settings_file.resolve().parent
    )  # a site's own templates are named from its folder
    settings["THEME_TEMPLATES_OVERRIDES"] = [
        str(folder / path) for path in settings.get("THEME_TEMPLATES_OVERRIDES") or []
    ]
    configure_cache(settings, request.settings_file)
    return settings


MESSAGES_LANGUAGE = "SKAIDRA_MESSAGES"  # environment: say messages in this language, not the site's


def site_language(settings: dict) -> str:
    """The language messages are said in: the site's first language (site.yaml's, else the settings', else
    the default), unless SKAIDRA_MESSAGES names another, for a maintainer who does not read the site's.

    Read leniently, before either is checked: the messages may be about those very files."""
    chosen = os.environ.get(MESSAGES_LANGUAGE, "")
    if LANG_RE.match(chosen):
        return chosen
    own = settings.get("SKAIDRA")
    languages = own.get("languages") if isinstance(own, dict) else None
    first = (
        languages[0]
        if isinstance(languages, list) and languages and isinstance(languages[0], str)
        else None
    )
    return (
        first_language(Path(settings["PATH"]))
        or first
        or SkaidraSettings.model_fields["languages"].default[0]
    )


def missing_plugins(settings: dict, settings_file: Path) -> list[Problem]:
    """A problem for each name in `PLUGINS` that cannot be imported."""
    return [
        Problem(
            shown_path(settings_file), settings_line(settings_file, "PLUGINS", (i,)), f"PLUGINS[{i + 1}]",
            say("cannot load plugin {name!r}: {reason}", name=name, reason=reason),
        )
        for i, name, reason in unloadable_plugins(settings)
    ]  # fmt: skip


def plugin_problems(settings: dict, site: Site, settings_file: Path) -> list[Problem]:
    """Problems that plugins find in their settings against the content (each plugin's optional `check`)."""
    problems: list[Problem] = []
    for check in declared(settings, "check"):
        problems.extend(check(settings, site, settings_file, shown_path(settings_file)))
    return problems


def validate(
    settings: dict,
    shown: str,
    settings_file: Path,
    out=None,
    production: bool = False,
    strict: bool = False,
) -> Site | None:
    """Check the settings and site.yaml, load the content model; print every problem; None on errors
    (and, when `strict`, on warnings too, which are then said as errors)."""
    out = out or sys.stderr
    problems = missing_plugins(settings, settings_file)
    if not problems:
        namespaces = [model for models in declared(settings, "SETTINGS") for model in models]
        problems = settings_problems(settings, namespaces, settings_file, shown_path(settings_file))
    if not problems:
        settings[PRODUCTION_KEY] = production
        read = read_site_file(Path(settings["PATH"]), shown)
        problems = list(read.problems)
        if read.site_file is not None:
            apply_site_file(settings, read.site_file, read.line_of, shown, production)
            # What site.yaml set must fit the settings' own models too.
            problems += settings_problems(
                settings, namespaces, settings_file, shown_path(settings_file)
            )
        if production and not problems and not site_address(settings):
            problems.append(
                Problem(
                    f"{shown}/{SITE_FILE}",
                    read.line_of(("url",)),
                    "url",
                    say(
                        "the site has no address to publish at: write its address here (url: https://…), or set SITEURL"
                    ),
                )
            )
    site = None
    if not problems:
        settings["DEFAULT_LANG"] = core_settings(settings)["languages"][
            0
        ]  # one place says it: SKAIDRA["languages"]
        try:
            site = load_model(settings, shown=shown)
        except ContentError as exc:
            problems = exc.problems
        else:
            problems = sorted(
                set(site.warnings) | set(plugin_problems(settings, site, settings_file))
            )
    if strict:
        problems = sorted({replace(p, level=ERROR) for p in problems})
    for problem in problems:
        print(problem, file=out)
    errors = sum(1 for p in problems if p.level == ERROR)
    if errors:
        print(
            say_count(
                "{n} error found in {folder}",
                "{n} errors found in {folder}",
                errors,
                folder=f"{shown}/",
            ),
            file=out,
        )
        return None
    return site


def build(
    request: BuildRequest,
    after_build: Callable[[Path, dict], list[str]] | None = None,
    out=None,
    keep: Callable[[KeptBuild], None] | None = None,
    sets_aside: bool = True,
) -> int:
    """Build into a scratch folder beside the output and bring it in; return an exit code.

    `keep`, if given, is handed what a successful build leaves for quick pages (quick_pages.py).
    `sets_aside`: what the build loads is left out of the cycle collector's passes (collector.py); a
    devserver, which drops its last build while it makes the next, says False."""
    out = out or sys.stderr
    started = time.monotonic()
    settings = read_build_settings(request)
    with (
        speaking(site_language(settings)),
        collector_for_build(sets_aside),
        listed_aside(Path(settings["OUTPUT_PATH"])) as listed,
    ):
        return _build(request, settings, started, after_build, out, keep, listed)


def _build(
    request: BuildRequest, settings: dict, started: float, after_build, out, keep, listed
) -> int:
    with loading():  # the model, which lives as long as the build (skaidra_core/collector.py)
        site = validate(settings, request.input_dir, request.settings_file, out, request.production)
    output = Path(settings["OUTPUT_PATH"])
    if site is None:
        print(
            say("Nothing was built; {folder} is unchanged.", folder=f"{request.output_dir}/"),
            file=out,
        )
        return 1
    if site.projects and site.history is None:
        print(
            say(
                "The content is not in a git repository with its whole history (or git is missing): project pages show no change history."
            ),
            file=out,
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=output.parent))
    settings["OUTPUT_PATH"] = str(scratch)
    context = build_context.open_build(settings, site, published=output)
    if keep is not None:
        context.shown_on, context.rewrites = {}, {}
    try:
        problems = _run_pelican(settings)
        if not problems and context.jobs:
            problems = [line for crash in render_deferred(context) for line in crashed(crash)]
    finally:
        abandon_early(context)  # pages started while Pelican ran that failed after
        build_context.close_build(settings)
        context.jobs = None  # each held a page's variables: the whole site, which a devserver frees
        forget_rendered_items()  # the pages rendered after Pelican's run filled them again
    if not problems and core_settings(settings)["search"]:
        problems = build_search_index(
            scratch,
            previous=output,
            pages_per_part=core_settings(settings)["search_pages_per_part"],
            processes=context.processes,
            languages=core_settings(settings)["languages"][1:],  # those with a folder of their own
            reuse=Reuse(
                context.kept,
                parts_kept=True,
                stamps=search_stamps(settings, output),
                seen=context.pages.seen if context.pages is not None else {},
            ),
        )
    if not problems and after_build is not None:
        take_kept(context.kept, output, scratch)  # what is checked is the whole site
        context.kept = set()
        problems = after_build(scratch, settings)
    if problems:
        for message in problems:
            print(message, file=out)
        shutil.rmtree(scratch, ignore_errors=True)
        print(
            say("The build failed; {folder} is unchanged.", folder=f"{request.output_dir}/"),
            file=out,
        )
        return 1
    changes = bring_in(scratch, output, context.kept, listed)
    if context.pages is not None:
        context.pages.save()
    save_model_caches(site)  # after rendering, so that it keeps what the pages converted too
    seconds = time.monotonic() - started
    print(
        say(
            "Built {content} into {output} in {seconds} s; pages rendered: {rendered} of {pages}; "
            "files written: {written}, deleted: {deleted}, unchanged: {kept}.",
            content=f"{request.input_dir}/",
            output=f"{request.output_dir}/",
            seconds=number(seconds, places=1),
            rendered=number(context.rendered),
            pages=number(context.rendered + context.reused),
            written=number(len(changes.written)),
            deleted=number(len(changes.deleted)),
            kept=number(changes.kept),
        ),
        file=out,
    )
    if keep is not None:
        keep(
            KeptBuild({**settings, "OUTPUT_PATH": str(output)}, context, output, request.input_dir)
        )
    if any(site.identities.values()) and write_registry(Path(settings["PATH"]), site.identities):
        print(
            say(
                "Recorded calendar UIDs and episode guids in {file}; commit it, so that renamed files keep them.",
                file=f"{request.input_dir}/{REGISTRY}",
            ),
            file=out,
        )
    return 0


def search_stamps(settings: dict, output: Path) -> Path | None:
    """Where the digests of the pages in `output` are kept for the search index (with a content cache)."""
    if not settings.get("CACHE_CONTENT"):
        return None
    return record_file(Path(settings["CACHE_PATH"]), output).with_suffix(".search.pickle")


def crashed(details: str) -> list[str]:
    """What to print when the build itself fails: not an editor's mistake but a bug in a plugin or a template."""
    return [say("error: the build crashed; this is a bug in Skaidra, please report it:"), details]


def _run_pelican(settings: dict) -> list[str]:
    """Run Pelican; return the warnings and errors it logged, or the crash."""
    # Pelican's LimitFilter drops a message it has seen before in this process; a
    # devserver's next build must see (and fail on) the same problem again.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    forget_rendered_items()
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    previous = root.level
    root.setLevel(logging.WARNING)
    try:
        Pelican(settings).run()
    except Exception:  # noqa: BLE001 - a bug in a plugin or template, not an editor's mistake
        return crashed(traceback.format_exc())
    finally:
        root.removeHandler(collector)
        root.setLevel(previous)
    return collector.messages
