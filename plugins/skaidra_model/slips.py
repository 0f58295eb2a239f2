"""Warnings for slips that are valid data but most likely mistakes.

They do not stop the build: an event can rightly precede its project, and a
target can be far exceeded. Each names its file and line like an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .schema import Project
from .site import Event
from .speech import say

# An actual value this many times its target is more likely a typo (an extra zero) than a result.
IMPLAUSIBLE_RATIO = 10


@dataclass(frozen=True)
class Slip:
    source: str  # the content file, relative to the content folder
    loc: tuple
    message: str


def event_slips(events: list[Event], projects: Mapping[str, Project]) -> Iterator[Slip]:
    """An event that takes place outside the period of a project it names."""
    for event in events:
        for pid in event.project_ids:
            if pid not in projects:  # an unknown or broken project: an error already says so
                continue
            period = projects[pid].period
            key = "project" if event.meta.project else "projects"
            if event.first_day < period.start:
                yield Slip(
                    event.source,
                    (key,),
                    say(
                        "the event starts on {day}, before project {id!r} starts ({start}); check the dates or the project",
                        day=event.first_day,
                        id=pid,
                        start=period.start,
                    ),
                )
            elif event.last_day > period.end:
                yield Slip(
                    event.source,
                    (key,),
                    say(
                        "the event ends on {day}, after project {id!r} ends ({end}); check the dates or the project",
                        day=event.last_day,
                        id=pid,
                        end=period.end,
                    ),
                )


def project_slips(
    project: Project,
    source: str,
    status: str,
    actuals: Mapping[tuple[str, int, int], Decimal | None],
) -> Iterator[Slip]:
    """Actual values far above their targets, and a completed project that reports no result."""
    reported = False
    for a, activity in enumerate(project.activities):
        for i, indicator in enumerate(activity.indicators):
            actual = actuals.get((project.id, a, i), indicator.actual)
            reported = reported or actual is not None
            if (
                actual is not None
                and indicator.target
                and actual > IMPLAUSIBLE_RATIO * indicator.target
            ):
                key = "actual" if indicator.actual is not None else "source"
                yield Slip(
                    source,
                    ("activities", a, "indicators", i, key),
                    say(
                        "the actual value {actual} is more than {ratio} times the target {target}; check for a typo",
                        actual=actual,
                        ratio=IMPLAUSIBLE_RATIO,
                        target=indicator.target,
                    ),
                )
    has_indicators = any(activity.indicators for activity in project.activities)
    if status == "completed" and has_indicators and not reported:
        yield Slip(
            source,
            ("activities",),
            say(
                "the project is completed but no indicator has an actual value; add what was achieved"
            ),
        )
