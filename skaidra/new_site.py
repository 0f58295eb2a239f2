"""`skaidra init DIR`: a new site that builds at once, from the template shipped with the generator.

Every example in it is a draft, so nothing invented is published; the
settings import the generator's defaults; `requirements.txt` names the source this
generator was installed from (`provenance`), so that CI installs the same one.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from skaidra_model.speech import say, say_count, speaking

from . import __version__
from .build import site_language
from .provenance import Source, running_source

TEMPLATE = Path(__file__).resolve().parent / "site_template"
# Files kept in the package under names that neither git nor setuptools treat specially.
RENAMED = {"gitignore": ".gitignore", "gitlab-ci.yml": ".gitlab-ci.yml", "github": ".github"}


def target_name(relative: Path) -> Path:
    parts = [RENAMED.get(part, part) for part in relative.parts]
    parts[-1] = parts[-1].removesuffix(".in")
    return Path(*parts)


LANGUAGES = ("lt", "en")  # the template's own words exist in these; the first named leads


def new_site(
    folder: Path, title: str, today: dt.date, source: Source, language: str = LANGUAGES[0]
) -> list[Path]:
    """Write the template into `folder` (which must be empty or absent); return the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(
            say(
                "{folder} is not empty; nothing was written. Name a new folder.",
                folder=f"{folder}/",
            )
        )
    languages = [language, *(other for other in LANGUAGES if other != language)]
    values = {
        "@TITLE@": title.replace('"', "'"),
        "@VERSION@": __version__,
        "@TODAY@": today.isoformat(),
        "@REQUIREMENT@": source.requirement,
        "@LANGUAGES@": ", ".join(languages),
    }
    written = []
    for template in sorted(
        p for p in TEMPLATE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        target = folder / target_name(template.relative_to(TEMPLATE))
        text = template.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (folder / "content" / "media").mkdir(exist_ok=True)
    return written


def main(folder: Path, title: str | None, language: str = LANGUAGES[0]) -> int:
    """Command-line entry: write the site and say, in its first language, what to do next."""
    source = running_source()
    try:
        written = new_site(
            folder, title or folder.resolve().name, dt.date.today(), source, language
        )
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    with speaking(site_language({"PATH": str(folder / "content")})):
        _tell(folder, written, source)
    return 0


def _tell(folder: Path, written: list[Path], source: Source) -> None:
    print(
        say_count(
            "Started a site in {folder} ({n} file). Next:",
            "Started a site in {folder} ({n} files). Next:",
            len(written),
            folder=f"{folder}/",
        ),
        file=sys.stderr,
    )
    alternative = say("or: make html")
    print(
        f"  cd {folder}\n  skaidra html      # {alternative}\n  skaidra serve     # http://localhost:8000/",
        file=sys.stderr,
    )
    print(
        say(
            "Edit content/site.yaml first; every example is a draft until you delete its 'status: draft'."
        ),
        file=sys.stderr,
    )
    if not source.portable:
        print(
            say(
                "Skaidra was installed from {path}, which only this computer has: requirements.txt names it, so the "
                "site builds here, but not on GitHub or GitLab. Write there instead where Skaidra can be installed "
                "from (the site's README.md says how).",
                path=source.local_path,
            ),
            file=sys.stderr,
        )
