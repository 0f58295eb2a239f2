"""`make new-post|new-event|new-episode|new-project`: a valid, commented file to start from.

Each file gets today's date and a file name (and slug) made from the title,
and is never written over an existing file.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import yaml
from skaidra_model import placeholders as example
from skaidra_model import slugify
from skaidra_model.speech import say


class ScaffoldError(Exception):
    """Why a file cannot be made."""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _first_id(path: Path, missing: str) -> str:
    """The first entry's id in a data file, or a ScaffoldError saying `missing`."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return entries[0]["id"]
    except (OSError, yaml.YAMLError, IndexError, KeyError, TypeError):
        raise ScaffoldError(missing) from None


POST = """\
---
# The title, shown as the page's heading and in lists.
title: {title}
# Publication date (YYYY-MM-DD or YYYY-MM-DD HH:MM).
date: {today}
# One or two sentences for lists and link previews.
summary: {example.POST_SUMMARY}
# Tags group news; write them as a list.
tags: [naujienos]
# The project this news belongs to (an id from content/data/projects/); delete if none.
# project: NVOK06101
# Below the second ---: the text, in Markdown, with an empty line between paragraphs.
# Link to a file in content/media like this: [ataskaita]({{static}}/media/ataskaita.pdf)
# Keep the post off the site until it is ready: replace the examples in this file
# (`make check` says where), then delete this line.
status: draft
---
{example.POST_BODY}
"""

EVENT = """\
---
# The event's name.
title: {title}
# When it starts: a date (all day) or a date and time in Europe/Vilnius.
start: {today} 10:00
# When it ends, of the same kind as start.
end: {today} 12:00
# Where; delete what you do not know. For an online event, use `online:` instead.
location:
  name: {example.EVENT_PLACE}
  locality: {example.EVENT_LOCALITY}
  country: LT
# online: https://example.org/susitikimas
# The project and its activity (an activity `id`) this event serves; delete if none.
# project: NVOK06101
# activity: mokymai
# draft keeps the event off the site until it is ready: replace the examples in this
# file (`make check` says where), then write scheduled. Later: cancelled, postponed or
# rescheduled. Never delete a published event: mark it cancelled, and calendars show it so.
status: draft
# After the event: how many came.
# attendance: 25
# The event's identity in calendars; keep it as it is, whatever else changes.
uid: {uid}
---
{example.EVENT_BODY}
"""

EPISODE = """\
---
# The episode's title.
title: {title}
# Publication date and time.
date: {today} 09:00
# The recording, under content/media (its length and duration are read from the file).
audio: {audio}
# The full text of the episode, for people who cannot hear it. Replace the text in this file.
transcript: {transcript}
# Numbers in the podcast apps.
episode: 1
season: 1
# Chapters: where each part starts.
chapters:
  - {{start: "00:00:00", title: Įžanga}}
# Who speaks: role is host or guest.
persons:
  - {{name: {example.EPISODE_PERSON}, role: host}}
# The project this episode belongs to; delete if none.
# project: NVOK06101
# The episode's identity in podcast apps; keep it as it is, whatever else changes.
guid: {guid}
# Keep the episode off the site until it is ready: replace the examples in this file and
# in the transcript (`make check` says where), then delete this line.
status: draft
---
{example.EPISODE_BODY}
"""

PROJECT = """\
# A project: one file per project. The keys are explained in docs/vadovas.md.
# Keep the project off the site until it is ready: replace the examples in this file
# (`make check` says where) and fill in the amount, then delete this line.
status: draft
# The id: the grant number, or another short unique code. It is part of the address.
id: {id}
title: {title}
# An id from content/data/organisations.yaml.
organisation: {organisation}
# Plain text, at most 300 characters.
summary: {example.PROJECT_SUMMARY}
# Markdown.
description: |
  {example.PROJECT_DESCRIPTION}
period:
  start: {today}
  end: {next_year}
funding:
  # One entry per grant. funder: an id from content/data/funders.yaml.
  - funder: {funder}
    # The amount granted: digits, a dot before the cents (20000 or 20000.50).
    amount:
    currency: EUR
    programme: {example.PROJECT_PROGRAMME}
    # The act that granted the money; its date is the award date.
    decision:
      title: {example.PROJECT_DECISION_TITLE}
      number: {example.PROJECT_DECISION_NUMBER}
      date: {today}
goals:
  - {example.PROJECT_GOAL}
activities:
  - id: pirmoji-veikla
    title: {example.PROJECT_ACTIVITY}
    indicators:
      # target: what was planned; actual: what was achieved (or `source: events`).
      - name: Dalyviai
        unit: asm.
        target:
        source: events
expected_results:
  - {example.PROJECT_RESULT}
"""


def new_file(kind: str, title: str, content: Path, today: dt.date, audio: str = "") -> Path:
    """Write a new file of `kind` for `title` under `content`; return its path."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(say("the title gives an empty file name; use letters or digits"))
    values = {"title": _quoted(title), "today": today.isoformat(), "example": example}
    if kind == "post":
        path, text = content / "posts" / f"{today.isoformat()}-{slug}.md", POST.format(**values)
    elif kind == "event":
        path = content / "events" / f"{today.isoformat()}-{slug}.md"
        text = EVENT.format(**values, uid=f"{today.isoformat()}-{slug}@{uuid.uuid4().hex[:12]}")
    elif kind == "episode":
        if not audio:
            raise ScaffoldError(
                say("give the recording: AUDIO=podcast/file.mp3 (a file under content/media)")
            )
        if not (content / "media" / audio).is_file():
            raise ScaffoldError(
                say("no recording at {path}; put it there first", path=f"content/media/{audio}")
            )
        transcript = f"podcast/{slug}.txt"
        path = content / "podcast" / f"{slug}.md"
        text = EPISODE.format(**values, audio=audio, transcript=transcript, guid=str(uuid.uuid4()))
        transcript_file = content / "media" / transcript
        if transcript_file.exists():
            raise ScaffoldError(
                say("{path} already exists; choose another title", path=transcript_file)
            )
    elif kind == "project":
        path = content / "data" / "projects" / f"{slug}.yaml"
        organisations, funders = (
            content / "data" / "organisations.yaml",
            content / "data" / "funders.yaml",
        )
        text = PROJECT.format(
            **values,
            id=slug.upper()[:40],
            organisation=_first_id(
                organisations,
                say("add an organisation to {path} first: a project needs one", path=organisations),
            ),
            funder=_first_id(
                funders, say("add a funder to {path} first: a project needs one", path=funders)
            ),
            next_year=(today + dt.timedelta(days=365)).isoformat(),
        )
    else:
        raise ScaffoldError(
            say("unknown kind {kind!r}: use post, event, episode or project", kind=kind)
        )
    if path.exists():
        raise ScaffoldError(say("{path} already exists; it was left as it is", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "episode":
        transcript_file.parent.mkdir(parents=True, exist_ok=True)
        transcript_file.write_text(example.EPISODE_TRANSCRIPT + "\n", encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path


def main(kind: str, title: str, content: Path, audio: str = "") -> int:
    """Command-line entry: write the file, or say why not."""
    try:
        path = new_file(kind, title, content, dt.date.today(), audio)
    except ScaffoldError as exc:
        print(say("Not written: {reason}", reason=exc), file=sys.stderr)
        return 1
    print(say("Wrote {path}. Edit it, then run `make check`.", path=path), file=sys.stderr)
    return 0
