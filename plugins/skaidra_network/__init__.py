"""Skaidra network: an umbrella's portal of what its members published on their own sites."""

from __future__ import annotations

from pathlib import Path

from skaidra_core.settings import core_settings
from skaidra_core.site_settings import origin_of
from skaidra_model.problems import WARNING, Problem
from skaidra_model.speech import say

from .copies import read_state
from .network import read_network
from .portal import register  # noqa: F401


def check(settings: dict, site, settings_file: Path, shown: str) -> list[Problem]:
    """A warning for each member of whom nothing has been gathered yet (the network would not show it), and
    for each member record left out because it fails validation (members.py)."""
    problems = []
    origin = origin_of(settings, "SKAIDRA", "members")
    path, line = (origin[0], origin[1]) if origin else (shown, 1)
    members = core_settings(settings)["members"]
    index = {member["id"]: i for i, member in enumerate(members)}
    for i, member in enumerate(members):
        if not read_state(Path(settings["PATH"]), member["id"]):
            problems.append(
                Problem(
                    path,
                    line,
                    f"members[{i}]",
                    say("{id}: nothing gathered yet; run 'make gather'", id=member["id"]),
                    WARNING,
                )
            )
    if members:
        network = read_network(Path(settings["PATH"]), members)
        for member, rejected in network.rejected:
            message = say(
                "{id}: {file}: {record}: {reason}; left out",
                id=member.id,
                file=rejected.file,
                record=rejected.record,
                reason=rejected.reason,
            )
            problems.append(Problem(path, line, f"members[{index[member.id]}]", message, WARNING))
        for member, uid, first, given in network.renamed:
            message = say("{id}: calendar.ics: {uid}: {first} publishes an event with this UID too; this member's is kept as {given}",
                          id=member.id, uid=uid, first=first, given=given)  # fmt: skip
            problems.append(Problem(path, line, f"members[{index[member.id]}]", message, WARNING))
    return problems
