"""Project pages and the project index, in every language."""

from __future__ import annotations

from pelican import signals

from skaidra_core.generator import SkaidraGenerator


class ProjectsGenerator(SkaidraGenerator):
    """Write `projektai/` and `projektai/<id>/` in each language."""

    def generate_output(self, writer) -> None:
        projects = sorted(self.site.projects.values(), key=lambda p: (p.period.start, p.id), reverse=True)
        self.write_in_all_languages(writer, "projects", "projects", projects=projects, section="projects")
        for project in projects:
            self.write_in_all_languages(
                writer, "project", "project", {"slug": project.slug}, project=project, section="projects"
            )


def get_generators(_pelican):
    return ProjectsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
