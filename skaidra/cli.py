"""Command line: `skaidra init|check|html|publish|deploy|serve|devserver|edit|linkcheck|new|gather`.

Makefiles call these too; their `INPUTDIR` and `OUTPUTDIR` arrive as `--input` and `--output`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from skaidra_editor.paths import LOCAL_PORT
from skaidra_model import Problem
from skaidra_model.speech import say, say_count, speaking

from . import __version__
from .build import (
    BuildRequest,
    SettingsFileError,
    build,
    read_build_settings,
    site_language,
    validate,
)
from .linkcheck import check_links, link_problems, written_at
from .new_site import LANGUAGES

DESCRIPTION = "Skaidra builds a website of what an NGO's projects were funded for and achieved, from a content folder."
EPILOG = (
    "Start with `skaidra init my-site`, then run the other commands inside my-site/. "
    "Guide: docs/guide.md in Skaidra's repository."
)
HERE = Path(__file__).resolve().parent
# The generator's own settings, for a folder that has no settings file of its own.
BUILT_IN = {"pelicanconf.py": HERE / "defaults.py", "publishconf.py": HERE / "publish_defaults.py"}


def _request(args: argparse.Namespace, settings_name: str) -> BuildRequest:
    """The settings file: --settings, else the site folder's own, else the generator's."""
    own = Path(settings_name)
    settings_file = (
        Path(args.settings) if args.settings else own if own.is_file() else BUILT_IN[settings_name]
    )
    return BuildRequest(settings_file=settings_file, input_dir=args.input, output_dir=args.output)


def cmd_html(args: argparse.Namespace) -> int:
    return build(_request(args, "pelicanconf.py"))


def cmd_publish(args: argparse.Namespace) -> int:
    """A production build that is swapped in only when every internal link works."""

    def links_work(scratch: Path, settings: dict) -> list[str]:
        """Every broken link, said where it was written: the content file and line, else the page."""
        found = []
        problems = link_problems(scratch, settings["SITEURL"])
        where = (
            written_at(Path(settings["PATH"]), {p.link for p in problems if p.link})
            if problems
            else {}
        )
        for problem in problems:
            written = where.get(problem.link)
            if written is None:
                found.append(say("error: {problem}", problem=problem))
            else:
                path, line = written
                shown = f"{args.input.rstrip('/')}/{path.relative_to(settings['PATH']).as_posix()}"
                found.append(
                    str(
                        Problem(
                            shown,
                            line,
                            "link",
                            say(
                                "{message} (on {page})", message=problem.message, page=problem.page
                            ),
                        )
                    )
                )
        return found

    request = _request(args, "publishconf.py")
    request.production = True
    return build(request, after_build=links_work)


def cmd_linkcheck(args: argparse.Namespace) -> int:
    settings = read_build_settings(_request(args, "pelicanconf.py"))
    output = Path(args.output)
    if not output.is_dir():
        print(
            say("{folder} does not exist yet; run 'make html' first.", folder=f"{args.output}/"),
            file=sys.stderr,
        )
        return 1
    problems = check_links(output, settings["SITEURL"])
    for problem in problems:
        print(f"{args.output}/{problem}", file=sys.stderr)
    pages = sum(1 for _ in output.rglob("*.html"))
    broken = say_count("{n} broken link", "{n} broken links", len(problems))
    print(
        say_count(
            "{broken} in {n} page of {folder}.",
            "{broken} in {n} pages of {folder}.",
            pages,
            broken=broken,
            folder=f"{args.output}/",
        ),
        file=sys.stderr,
    )
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    request = _request(args, "pelicanconf.py")
    settings = read_build_settings(request)
    with speaking(site_language(settings)):
        site = validate(settings, request.input_dir, request.settings_file, strict=args.strict)
        if site is None:
            return 1
        counts = ", ".join(
            (
                say_count("{n} project", "{n} projects", len(site.projects)),
                say_count(
                    "{n} post",
                    "{n} posts",
                    sum(1 for p in site.posts.values() if not p.meta.is_draft),
                ),
                say_count("{n} event", "{n} events", len(site.events)),
                say_count("{n} episode", "{n} episodes", len(site.episodes)),
            )
        )
        print(
            say("{folder} is valid: {counts}.", folder=f"{request.input_dir}/", counts=counts),
            file=sys.stderr,
        )
    return 0


def cmd_gather(args: argparse.Namespace) -> int:
    """Refresh the copies of what an umbrella's members published (contract, section 10)."""
    import datetime as dt

    from skaidra_network.gather import gather

    content = Path(args.input)
    warnings, changed = gather(content, args.input.rstrip("/"), dt.datetime.now(dt.UTC))
    for problem in warnings:
        print(problem, file=sys.stderr)
    if any(problem.level != "warning" for problem in warnings):
        return 1
    print(
        say_count("{n} member file changed.", "{n} member files changed.", changed), file=sys.stderr
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(Path(args.output), args.port)


def cmd_devserver(args: argparse.Namespace) -> int:
    from .devserver import devserver

    return devserver(_request(args, "pelicanconf.py"), args.port)


def cmd_edit(args: argparse.Namespace) -> int:
    from .edit import edit

    return edit(_request(args, "pelicanconf.py"), args.port, args.backend_port)


def cmd_deploy(args: argparse.Namespace) -> int:
    from .deploy import deploy

    return deploy(
        Path(args.input),
        args.input.rstrip("/"),
        Path(args.output),
        args.dry_run,
        args.force,
        args.verbose,
    )


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import main as scaffold

    return scaffold(args.kind, args.title, Path(args.input), args.audio or "")


def cmd_init(args: argparse.Namespace) -> int:
    from .new_site import main as new_site

    return new_site(Path(args.folder), args.title, args.language)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skaidra", description=DESCRIPTION, epilog=EPILOG)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, func, help_text in (
        ("html", cmd_html, "build content into the output folder"),
        ("publish", cmd_publish, "production build with publishconf.py"),
        ("check", cmd_check, "validate all content, write nothing"),
        ("serve", cmd_serve, "serve the output folder on localhost"),
        ("devserver", cmd_devserver, "rebuild on change and serve"),
        (
            "edit",
            cmd_edit,
            "the web editor at http://localhost:8000/admin/, saving into the site's git repository",
        ),
        ("linkcheck", cmd_linkcheck, "check every internal link of the output folder"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--input", default="content", help="the content folder (default: content)")
        sub.add_argument(
            "--output", default="output", help="the folder the site is written to (default: output)"
        )
        sub.add_argument(
            "--settings", help="settings file (default: pelicanconf.py or publishconf.py)"
        )
        sub.add_argument("--port", type=int, default=8000)
        if name == "edit":
            sub.add_argument(
                "--backend-port",
                type=int,
                default=LOCAL_PORT,
                help="the port of the editor's local git backend (default: 8081)",
            )
        if name == "check":
            sub.add_argument(
                "--strict",
                action="store_true",
                help="fail on warnings too (data-quality checks, likely slips)",
            )
        sub.set_defaults(func=func)
    upload = commands.add_parser(
        "deploy",
        help="upload the last publish to the host site.yaml's deploy names: only what changed",
    )
    upload.add_argument("--input", default="content", help="the content folder (default: content)")
    upload.add_argument("--output", default="output", help="the published site (default: output)")
    upload.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be uploaded and deleted; change nothing",
    )
    upload.add_argument(
        "--force",
        action="store_true",
        help="delete even more than a quarter of the files on the host",
    )
    upload.add_argument(
        "--verbose", action="store_true", help="show rclone's own account of each file"
    )
    upload.set_defaults(func=cmd_deploy)
    gather_command = commands.add_parser(
        "gather", help="refresh the copies of what an umbrella's members published"
    )
    gather_command.add_argument(
        "--input", default="content", help="the content folder (default: content)"
    )
    gather_command.set_defaults(func=cmd_gather)
    new = commands.add_parser(
        "new", help="start a new post, event, episode or project from a commented template"
    )
    new.add_argument("kind", choices=["post", "event", "episode", "project"])
    new.add_argument("title")
    new.add_argument("--input", default="content", help="the content folder (default: content)")
    new.add_argument("--audio", help="for an episode: its recording, a path under content/media")
    new.set_defaults(func=cmd_new)
    init = commands.add_parser(
        "init", help="start a new site in a folder: content, settings, Makefile, workflows"
    )
    init.add_argument("folder")
    init.add_argument("--title", help="the site's name (default: the folder's name)")
    init.add_argument(
        "--language",
        choices=LANGUAGES,
        default=LANGUAGES[0],
        help="the site's first language; the other is its second (default: lt)",
    )
    init.set_defaults(func=cmd_init)
    parser.add_argument("--version", action="version", version=f"skaidra {__version__}")
    args = parser.parse_args(argv)
    content = Path(getattr(args, "input", None) or Path(args.folder) / "content")
    with speaking(site_language({"PATH": str(content)})):
        try:
            return args.func(args)
        except SettingsFileError as exc:
            print(exc.args[0], file=sys.stderr)
            print(say("Nothing was built; fix the settings file first."), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130


def run() -> None:
    """The `skaidra` command an installed generator provides (and `python -m skaidra`).

    Once the command is done, the process ends without freeing what it held one object at a time:
    after a build of thousands of pages that takes about half a second, and the system frees it all
    at once anyway. Nothing the command started is left running (its pools and processes are
    ended where they are used), and what it printed is flushed first."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or stream
            pass
    os._exit(code or 0)
