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
from skaidra_model.schema import Funder, Organisation, Project, ProjectTranslation

from .page_reads import read, read_all
from .routes import RouteTable


class View:
    """A model object with its address; every other attribute is the object's own.

    What a page reads of it is noted (page_reads.py), field by field: `item:project:<id>#<field>`."""

    route: str = ""
    collection: str = ""  # the site's mapping it comes from, by id

    def __init__(self, item: Any, views: SiteView):
        self._item = item
        self._views = views
        self._fact = f"item:{self.collection}:{item.id}#"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in _OWN:
            raise AttributeError(name)
        fields = _METHOD_READS.get((type(self._item), name))
        if fields is None:
            read(self._fact + name)  # a method not in the table: the whole item (page_memo.Facts)
        else:
            read_all(self._fact + field for field in fields)
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
        read(self._fact + ("slug" if hasattr(self._item, "slug") else "id"))
        return self._views._routes.route(
            self.route, lang, slug=self._item.slug if hasattr(self._item, "slug") else self._item.id
        )


# The fields a model's method reads, so that a page calling it reads only those.
_METHOD_READS = {
    (Project, "translated"): ("translations", *ProjectTranslation.model_fields),
}
_OWN = frozenset({"_item", "_views", "_fact"})  # a view's own attributes, never the item's


class OrganisationView(View):
    route = "organisation"
    collection = "organisation"


class FunderView(View):
    route = "funder"
    collection = "funder"


class ProjectView(View):
    route = "project"
    collection = "project"

    @property
    def organisation_entity(self) -> OrganisationView:
        read(self._fact + "organisation")
        return self._views.organisations[self._item.organisation]

    @property
    def current_status(self) -> str:
        """The declared status, or the one the build date gives."""
        read_all((self._fact + "status", self._fact + "period"))
        return self._views._site.project_status(self._item)

    @property
    def source(self) -> str:
        """The YAML file the project was read from (its links resolve from there)."""
        read(self._fact + "__source__")
        return self._views._site.project_sources[self._item.id]

    def indicators(self, activity_index: int):
        read(f"actuals:{self._item.id}")
        return self._views._site.indicators(self._item, activity_index)

    @property
    def amounts(self) -> Totals:
        """The money granted to the project, per currency."""
        read(self._fact + "funding")
        return self._views._amounts.get(self._item.id, {})

    @property
    def results(self) -> Results:
        read(f"actuals:{self._item.id}")
        return project_results(self._views._site, self._item)

    def _funders(self) -> dict[str, None]:
        """The ids of the project's funders, noting that the page read them and their rules."""
        ids = dict.fromkeys(grant.funder for grant in self._item.funding)
        read_all(
            (self._fact + "funding/funder", *(f"item:funder:{i}#publicity_rules" for i in ids))
        )
        return ids

    @property
    def publicity_rules(self) -> list[str]:
        """The publicity rules of the project's funders (publicity.py), which its page and news follow."""
        self._funders()
        return rules_of(self._item, self._views._site.funders)

    @property
    def publicity_funders(self) -> list[FunderView]:
        """The funders whose own rule asks for their logo and statement on the project's news."""
        return [
            self._views.funders[i]
            for i in self._funders()
            if LT_NVO_FONDAS in self._views._site.funders[i].publicity_rules
        ]

    @property
    def official_numbers(self) -> list[str]:
        """The numbers the funders gave the project: each grant's agreement number, else its decision's.

        Never the project's `id`, which the site chose and which may look like one."""
        read_all((self._fact + "funding/reference", self._fact + "funding/decision"))
        numbers = [
            grant.reference or (grant.decision.number if grant.decision else None)
            for grant in self._item.funding
        ]
        return list(dict.fromkeys(number for number in numbers if number))


class ItemView(View):
    """An event, an episode or an item of a registered kind."""

    def __init__(self, item: Any, views: SiteView, route: str):
        self._item = item
        self._views = views
        self._fact = f"file:{item.source}#"
        self.route = route

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in _OWN:
            raise AttributeError(name)
        read(self._fact[:-1])
        return getattr(self._item, name)

    def page(self, lang: str) -> str:
        read(self._fact[:-1])
        return self._views._routes.route(self.route, lang, slug=self._item.slug)


class Listed(dict):
    """The views of one of the site's mappings: a page that looks one up by its id reads that item;
    a page that walks, counts or searches them reads the list (`list:projects`)."""

    def __init__(self, name: str, views: dict):
        super().__init__(views)
        self._fact = f"list:{name}"

    def _read(self) -> None:
        read(self._fact)

    def __iter__(self):
        self._read()
        return super().__iter__()

    def __len__(self) -> int:
        self._read()
        return super().__len__()

    def __contains__(self, key: object) -> bool:
        self._read()
        return super().__contains__(key)

    def keys(self):
        self._read()
        return super().keys()

    def values(self):
        self._read()
        return super().values()

    def items(self):
        self._read()
        return super().items()

    def get(self, key, default=None):
        self._read()
        return super().get(key, default)


class SiteView:
    """The site as templates see it: lookups that give views."""

    def __init__(self, site: Site, routes: RouteTable):
        self._site = site
        self._routes = routes
        self._amounts = totals_by(
            grant_records(site), lambda record: record.project.id
        )  # once, for every card
        self.organisations = Listed(
            "organisations",
            {key: OrganisationView(value, self) for key, value in site.organisations.items()},
        )
        self.funders = Listed(
            "funders", {key: FunderView(value, self) for key, value in site.funders.items()}
        )
        self.projects = Listed(
            "projects", {key: ProjectView(value, self) for key, value in site.projects.items()}
        )

    @property
    def has_episodes(self) -> bool:
        read("list:episodes")
        return bool(self._site.episodes)

    def version(self, item: Any, lang: str) -> View:
        """An event's or episode's version in a language (the item itself where there is none)."""
        read("list:versions")
        raw = item.model if isinstance(item, View) else item
        return self.of(self._site.version_in(raw, lang))

    def of(self, value: Any) -> Any:
        """The view of a model object; lists and tuples of them, element by element; anything else as it is."""
        if isinstance(value, View):
            return value
        if isinstance(value, Project):
            return dict.get(self.projects, value.id) or ProjectView(value, self)
        if isinstance(value, Organisation):
            return dict.get(self.organisations, value.id) or OrganisationView(value, self)
        if isinstance(value, Funder):
            return dict.get(self.funders, value.id) or FunderView(value, self)
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
