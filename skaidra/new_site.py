"""`skaidra init DIR`: a new site that builds at once, from the template shipped with the generator.

Every example in it is a draft, so nothing invented is published; the
settings import the generator's defaults; requirements pin this version.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from skaidra_model.speech import say, say_count

from . import __version__

TEMPLATE = Path(__file__).resolve().parent / "site_template"
# Files kept in the package under names that neither git nor setuptools treat specially.
RENAMED = {"gitignore": ".gitignore", "gitlab-ci.yml": ".gitlab-ci.yml", "github": ".github"}


def target_name(relative: Path) -> Path:
    parts = [RENAMED.get(part, part) for part in relative.parts]
    if parts[-1].endswith(".in"):
        parts[-1] = parts[-1][: -len(".in")]
    return Path(*parts)


def new_site(folder: Path, title: str, today: dt.date) -> list[Path]:
    """Write the template into `folder` (which must be empty or absent); return the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(say("{folder} is not empty; nothing was written. Name a new folder.", folder=f"{folder}/"))
    values = {"@TITLE@": title.replace('"', "'"), "@VERSION@": __version__, "@TODAY@": today.isoformat()}
    written = []
    for source in sorted(p for p in TEMPLATE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        target = folder / target_name(source.relative_to(TEMPLATE))
        text = source.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (folder / "content" / "media").mkdir(exist_ok=True)
    return written


def main(folder: Path, title: str | None) -> int:
    try:
        written = new_site(folder, title or folder.resolve().name, dt.date.today())
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(say_count("Started a site in {folder} ({n} file). Next:", "Started a site in {folder} ({n} files). Next:", len(written),
                    folder=f"{folder}/"), file=sys.stderr)
    alternative = say("or: make html")
    print(f"  cd {folder}\n  skaidra html      # {alternative}\n  skaidra serve     # http://localhost:8000/", file=sys.stderr)
    print(say("Edit content/site.yaml first; every example is a draft until you delete its 'status: draft'."), file=sys.stderr)
    return 0
