"""What templates see of the content: model objects wrapped with their addresses and derived facts.

Templates never call the route table with a slug or query the raw model:
`project.page(lang)`, `project.organisation_entity.name`, `project.current_status`,
`site.version(event, lang).page(lang)`. A view reads every other attribute
from the object it wraps, so `project.period.start` works as before.
`SkaidraGenerator.write_page` wraps the objects it hands to a template.
"""

from __future__ import annotations

from typing import Any

from skaidra_model import Episode, Event, Site
from skaidra_model.funding import Totals, grant_records, totals_by
from skaidra_model.publicity import LT_NVO_FONDAS, rules_of
from skaidra_model.results import Results, project_results
from skaidra_model.schema import Funder, Organisation, Project

from .routes import RouteTable


class View:
    """A model object with its address; every other attribute is the object's own."""

    route: str = ""

    def __init__(self, item: Any, views: SiteView):
        self._item = item
        self._views = views

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    def __eq__(self, other: object) -> bool:
        return self._item is (other._item if isinstance(other, View) else other)

    def __hash__(self) -> int:
        return id(self._item)

    @property
    def model(self) -> Any:
        """The wrapped model object, for code that needs it (JSON-LD, facets)."""
        return self._item

    def page(self, lang: str) -> str:
        """This item's page in a language, as a site path."""
        return self._views._routes.route(
            self.route, lang, slug=self._item.slug if hasattr(self._item, "slug") else self._item.id
        )


class OrganisationView(View):
    route = "organisation"


class FunderView(View):
    route = "funder"


class ProjectView(View):
    route = "project"

    @property
    def organisation_entity(self) -> OrganisationView:
        return self._views.organisations[self._item.organisation]

    @property
    def current_status(self) -> str:
        """The declared status, or the one the build date gives."""
        return self._views._site.project_status(self._item)

    @property
    def source(self) -> str:
        """The YAML file the project was read from (its links resolve from there)."""
        return self._views._site.project_sources[self._item.id]

    def indicators(self, activity_index: int):
        return self._views._site.indicators(self._item, activity_index)

    @property
    def amounts(self) -> Totals:
        """The money granted to the project, per currency."""
        return self._views._amounts.get(self._item.id, {})

    @property
    def results(self) -> Results:
        return project_results(self._views._site, self._item)

    @property
    def publicity_rules(self) -> list[str]:
        """The publicity rules of the project's funders (publicity.py), which its page and news follow."""
        return rules_of(self._item, self._views._site.funders)

    @property
    def publicity_funders(self) -> list[FunderView]:
        """The funders whose own rule asks for their logo and statement on the project's news."""
        ids = dict.fromkeys(grant.funder for grant in self._item.funding)
        return [
            self._views.funders[i]
            for i in ids
            if LT_NVO_FONDAS in self._views._site.funders[i].publicity_rules
        ]

    @property
    def official_numbers(self) -> list[str]:
        """The numbers the funders gave the project: each grant's agreement number, else its decision's.

        Never the project's `id`, which the site chose and which may look like one."""
        numbers = [
            grant.reference or (grant.decision.number if grant.decision else None)
            for grant in self._item.funding
        ]
        return list(dict.fromkeys(number for number in numbers if number))


class ItemView(View):
    """An event, an episode or an item of a registered kind."""

    def __init__(self, item: Any, views: SiteView, route: str):
        super().__init__(item, views)
        self.route = route


class SiteView:
    """The site as templates see it: lookups that give views."""

    def __init__(self, site: Site, routes: RouteTable):
        self._site = site
        self._routes = routes
        self._amounts = totals_by(
            grant_records(site), lambda record: record.project.id
        )  # once, for every card
        self.organisations = {
            key: OrganisationView(value, self) for key, value in site.organisations.items()
        }
        self.funders = {key: FunderView(value, self) for key, value in site.funders.items()}
        self.projects = {key: ProjectView(value, self) for key, value in site.projects.items()}
        self.has_episodes = bool(site.episodes)

    def version(self, item: Any, lang: str) -> View:
        """An event's or episode's version in a language (the item itself where there is none)."""
        raw = item.model if isinstance(item, View) else item
        return self.of(self._site.version_in(raw, lang))

    def of(self, value: Any) -> Any:
        """The view of a model object; lists and tuples of them, element by element; anything else as it is."""
        if isinstance(value, View):
            return value
        if isinstance(value, Project):
            return self.projects.get(value.id) or ProjectView(value, self)
        if isinstance(value, Organisation):
            return self.organisations.get(value.id) or OrganisationView(value, self)
        if isinstance(value, Funder):
            return self.funders.get(value.id) or FunderView(value, self)
        if isinstance(value, Event):
            return ItemView(value, self, "event")
        if isinstance(value, Episode):
            return ItemView(value, self, "episode")
        if (
            isinstance(value, (list, tuple))
            and value
            and isinstance(value[0], (Project, Event, Episode, Organisation, Funder))
        ):
            return type(value)(self.of(element) for element in value)
        return value
