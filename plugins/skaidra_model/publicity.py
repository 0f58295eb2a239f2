"""The publicity rules a funder sets (`publicity_rules` in funders.yaml): what each asks of a project's
page and of the news about it, and a warning, naming the file and the rule, for what a project or its
funder lacks.

- `eu-2021-1060`, Regulation (EU) 2021/1060 (Common Provisions Regulation):
  Article 50(1): "Beneficiaries ... shall acknowledge support from the Funds ... by: (a) providing on
  the beneficiary's official website, where such a website exists, and social media sites a short
  description of the operation, proportionate to the level of support, including its aims and results,
  and highlighting the financial support from the Union; (b) providing a statement highlighting the
  support from the Union in a visible manner on documents and communication material relating to the
  implementation of the operation, intended for the public or for participants".
  Article 47 and Annex IX: the emblem of the Union is displayed with the funding statement
  "Co-funded by the European Union" written in full next to it, in the language of the material.
  So the project page shows the emblem and the statement beside it, above its description, and so
  does every news item about the project; a project without aims (`goals`) or results
  (`expected_results` or indicators) lacks what Article 50(1)(a) asks to describe.
- `lt-nvo-fondas`, the NGO Fund (Nevyriausybinių organizacijų fondas): the fund's logo and its
  publicity statement on every project page and every news item about the project. A funder with
  this rule and no `logo` or `publicity_statement` lacks what the rule asks to show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .schema import Funder, Project
from .slips import Slip
from .speech import say

EU_2021_1060 = "eu-2021-1060"
LT_NVO_FONDAS = "lt-nvo-fondas"


def rules_of(project: Project, funders: Mapping[str, Funder]) -> list[str]:
    """The publicity rules that apply to a project: those of every funder of its grants, in order."""
    found: dict[str, None] = {}
    for grant in project.funding:
        for rule in funders[grant.funder].publicity_rules:
            found[rule] = None
    return list(found)


def project_publicity(
    project: Project, source: str, funders: Mapping[str, Funder]
) -> Iterator[Slip]:
    """What a project lacks of what its funders' rules ask it to show."""
    if EU_2021_1060 not in rules_of(project, funders):
        return
    if not project.goals:
        yield Slip(
            source,
            ("goals",),
            say(
                "not given: rule {rule} (Regulation (EU) 2021/1060, Article 50(1)(a)) asks the project page to describe "
                "the operation's aims; list them under 'goals'",
                rule=EU_2021_1060,
            ),
        )
    if not project.expected_results and not any(
        activity.indicators for activity in project.activities
    ):
        yield Slip(
            source,
            ("expected_results",),
            say(
                "not given: rule {rule} (Regulation (EU) 2021/1060, Article 50(1)(a)) asks the project page to describe "
                "the operation's results; list them under 'expected_results' or as indicators",
                rule=EU_2021_1060,
            ),
        )


def funder_publicity(funders: Mapping[str, Funder], source: str) -> Iterator[Slip]:
    """What a funder with the NGO Fund's rule lacks of what the rule asks every project page to show."""
    for i, funder in enumerate(funders.values()):
        if LT_NVO_FONDAS not in funder.publicity_rules:
            continue
        for key, what in (
            ("logo", say("the fund's logo")),
            ("publicity_statement", say("the fund's publicity statement")),
        ):
            if not getattr(funder, key):
                yield Slip(
                    source,
                    (i, key),
                    say(
                        "not given: rule {rule} asks every project page and news item about the project to show {what}",
                        rule=LT_NVO_FONDAS,
                        what=what,
                    ),
                )
