"""Project pages, the project index with its filters, organisation and funder pages.

Reads: `SKAIDRA["grant_id_prefix"]`, `SITEURL`.
"""

from __future__ import annotations

import functools

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.navigation import Link
from skaidra_core.settings import grant_id, grant_id_prefix
from skaidra_model.funding import (
    GrantRecord,
    grant_records,
    paid_total,
    records_by_project,
    total,
    totals_by,
)
from skaidra_model.schema import Project

from .facets import facet_values
from .jsonld import project_graph


class ProjectsGenerator(SkaidraGenerator):
    """Write every page about projects, organisations and funders, in each language."""

    capability = "projects"

    def declare_links(self) -> None:
        if self.site.projects:
            self.build.menu.append(Link("projects", N_("Projects"), 10, route="projects"))

    def write_output(self, writer) -> None:
        projects = sorted(
            self.site.projects.values(), key=lambda p: (p.period.start, p.id), reverse=True
        )
        records = grant_records(self.site)
        facets = facet_values(self.site, projects)
        common = {"section": "projects", "facets": facets}
        self.write_in_all_languages(
            writer, "projects", "projects", projects=projects, active=None, **common
        )
        for values in facets.values():
            for value in values:
                paths = {
                    lang: self.routes.route(
                        "projects_by",
                        lang,
                        facet=value.facet,
                        key=self.routes.facet_key(value.facet, value.value, lang),
                    )
                    for lang in self.languages
                }
                for lang in self.languages:
                    self.write_page(
                        writer,
                        "projects",
                        paths,
                        lang,
                        projects=[self.site.projects[pid] for pid in value.projects],
                        active=value,
                        **common,
                    )
        of_project = records_by_project(records)
        for project in projects:
            self.write_project(writer, project, of_project[project.id])
            if self.build.rewrites is not None:
                self.build.rewrites[self.site.project_sources[project.id]] = functools.partial(
                    self.rewrite_project, project.id
                )
        for org_id, org in self.site.organisations.items():
            mine = [r for r in records if r.project.organisation == org_id]
            self.write_in_all_languages(
                writer,
                "organisation",
                "organisation",
                {"slug": org_id},
                organisation=org,
                projects=[p for p in projects if p.organisation == org_id],
                records=mine,
                totals=total(mine),
                paid=paid_total(mine),
                section="projects",
            )
        for funder_id, funder in self.site.funders.items():
            mine = [r for r in records if r.grant.funder == funder_id]
            self.write_in_all_languages(
                writer,
                "funder",
                "funder",
                {"slug": funder_id},
                funder=funder,
                projects=list({r.project.id: r.project for r in mine}.values()),
                records=mine,
                totals=total(mine),
                paid=paid_total(mine),
                by_year=totals_by(mine, lambda r: r.year),
                section="funding",
            )

    def write_project(self, writer, project: Project, records: list[GrantRecord]) -> None:
        paths = {
            lang: self.routes.route("project", lang, slug=project.slug) for lang in self.languages
        }
        for lang in self.languages:
            url = f"{self.settings['SITEURL']}/{paths[lang]}"
            self.write_page(
                writer,
                "project",
                paths,
                lang,
                project=project,
                records=records,
                totals=total(records),
                paid=paid_total(records),
                posts=self.linked_posts(project, lang),
                events=[
                    (e.shown_at(self.site.now), not e.is_past(self.site.now))
                    for e in self.site.events_of(project.id)
                ],
                episodes=self.site.episodes_of(project.id),
                calendar=self.routes.file("project_calendar", slug=project.slug),
                jsonld=project_graph(self.site, project, records, url, lang, self.grant_id),
                history=self.site.history.changes.get(project.id)
                if self.site.history
                else None,  # None: not committed yet
                section="projects",
            )

    def rewrite_project(self, project_id: str, build, writer) -> None:
        """Write a project's pages again from another build's context: the devserver's quick pages,
        from the site with the project as its file now holds it (skaidra/quick_pages.py)."""
        kept = self.site, self.build
        self.site, self.build = build.site, build
        try:
            records = [r for r in grant_records(build.site) if r.project.id == project_id]
            self.write_project(writer, build.site.projects[project_id], records)
        finally:
            self.site, self.build = kept

    def linked_posts(self, project: Project, lang: str) -> list:
        """News linked to a project, one version per post: the reader's language if it exists."""
        by_source = self.context["content_by_source"]
        chosen = {}
        for source in self.site.posts_of(project.id):
            article = by_source.get(source)
            if article is None:
                continue
            variants = [article, *article.translations]
            original = next((v for v in variants if v.in_default_lang), article)
            best = next((v for v in variants if v.lang == lang), original)
            chosen[id(original)] = best
        return sorted(chosen.values(), key=lambda a: a.date, reverse=True)

    @functools.cached_property
    def prefix(self) -> str:
        """The prefix of the site's grant identifiers, found once."""
        return grant_id_prefix(self.settings, self.site)

    def grant_id(self, record: GrantRecord) -> str:
        return grant_id(self.prefix, record)


def get_generators(_pelican):
    return ProjectsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
