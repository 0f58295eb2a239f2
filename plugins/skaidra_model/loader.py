"""Load and validate everything under `content/` into one `Site`.

Every problem in every file is collected; if any is an error, `ContentError`
is raised once with all of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from . import placeholders
from .apple_rules import artwork_problem, description_problem
from .audio import AudioError, inspect_audio
from .fields import MediaPathError, resolve_media
from .front_matter import Common, EpisodeMeta, EventMeta, Location, PageMeta, PostMeta, Venue
from .html_policy import MarkdownRenderer, markdown_problems
from .identities import (
    PODCAST_NAMESPACE,
    PROVISIONAL_DOMAIN,
    REGISTRY,
    Candidate,
    RegistryError,
    assign,
    read_registry,
)
from .media_types import AUDIO_SUFFIXES, media_type, suffix_of
from .messages import message_of, with_nearest
from .problems import WARNING, ContentError, Problems, dotted, places_in_data
from .publicity import funder_publicity, project_publicity
from .quality import organisation_quality, project_quality
from .schema import Funder, Organisation, Project
from .site import (
    Audio,
    Episode,
    Event,
    Item,
    ModelSettings,
    Page,
    Post,
    Site,
    canonical,
    project_status,
)
from .slips import event_slips, project_slips
from .slugs import slugify
from .source_files import (
    MarkdownSource,
    SourceError,
    read_markdown_file,
    read_yaml_file,
    recall,
)
from .speech import say
from .transcripts import TranscriptError, read_transcript
from .yaml_source import YamlDocument

M = TypeVar("M", bound=BaseModel)


# The built-in folders of Markdown items, each with the schema of its front matter.
SCHEMAS: dict[str, type[Common]] = {
    "posts": PostMeta,
    "pages": PageMeta,
    "events": EventMeta,
    "podcast": EpisodeMeta,
}
_LINK_RE = re.compile(r"\{(filename|static|attach)\}([^)\s\"'>]+)")


class _Loader:
    """One pass over a content folder."""

    def __init__(
        self,
        content: Path,
        settings: ModelSettings,
        now: dt.datetime,
        shown: str,
        markdown: MarkdownRenderer,
    ):
        self.content = content
        self.media = content / "media"
        self.settings = settings
        self.now = now
        self.shown = shown.rstrip("/") or "."
        self.problems = Problems()
        self.markdown = markdown
        self.project_ids: dict[str, bool] = {}
        self.invalid_ids: dict[str, set[str]] = defaultdict(set)
        self.unreadable: set[str] = set()
        self.drafts: set[str] = set()  # ids of draft projects
        self.venues: dict[str, Venue] = {}  # data/venues.yaml, read with the events
        self.documents: dict[
            str, YamlDocument
        ] = {}  # each file's YAML, by path under the content folder, for lines
        self._checked_against: str | None = None  # see checked_against

    # -- reporting --------------------------------------------------------

    def where(self, path: Path) -> str:
        return f"{self.shown}/{path.relative_to(self.content).as_posix()}"

    def report(self, path: Path, line: int, field: str, message: str, level: str = "error") -> None:
        self.problems.add(self.where(path), line, field, message, level)

    def report_at(
        self, path: Path, doc: YamlDocument, loc: tuple, message: str, level: str = "error"
    ) -> None:
        self.report(path, doc.line_of(loc), dotted(loc), message, level)

    def validate(
        self, model: type[M], data: Any, path: Path, doc: YamlDocument, loc: tuple = ()
    ) -> M | None:
        """Validate `data` against `model`, reporting every error with its line."""
        try:
            return model.model_validate(
                data, context={"media_root": self.media, "markdown": self.markdown}
            )
        except ValidationError as exc:
            for place, error in places_in_data(data, exc.errors()):
                self.report_at(path, doc, loc + place, message_of(error, model, place))
            return None

    # -- files ------------------------------------------------------------

    def read_yaml(self, path: Path) -> YamlDocument | None:
        try:
            doc = read_yaml_file(path)
        except SourceError as exc:
            self.report(path, exc.line, exc.field, exc.message)
            return None
        self.documents[path.relative_to(self.content).as_posix()] = doc
        for line, loc, message in doc.problems:
            self.report(path, line, dotted(loc), message)
        return None if doc.problems else doc

    def read_list(self, name: str, model: type[M]) -> dict[str, M]:
        path = self.content / "data" / name
        if not path.exists():
            return {}
        doc = self.read_yaml(path)
        if doc is None:
            self.unreadable.add(name)
            return {}
        if not isinstance(doc.data, list):
            self.report(path, 1, "-", say("must be a list of entries, each starting with '- id:'"))
            self.unreadable.add(name)
            return {}
        found: dict[str, M] = {}
        first_line: dict[str, int] = {}
        for i, entry in enumerate(doc.data):
            obj = self.validate(model, entry, path, doc, (i,))
            if obj is None:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.invalid_ids[name].add(entry["id"])
                continue
            if obj.id in found:
                self.report_at(
                    path,
                    doc,
                    (i, "id"),
                    say(
                        "duplicate id {id!r} (first on line {line})",
                        id=obj.id,
                        line=first_line[obj.id],
                    ),
                )
                continue
            found[obj.id] = obj
            first_line[obj.id] = doc.line_of((i, "id"))
        return found

    def read_projects(self, orgs: dict, funders: dict) -> tuple[dict[str, Project], dict[str, str]]:
        folder = self.content / "data" / "projects"
        projects: dict[str, Project] = {}
        sources: dict[str, str] = {}
        by_slug: dict[str, Project] = {}
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
        for path in files:
            doc = self.read_yaml(path)
            if doc is None:
                self.unreadable.add("projects")
                continue
            if not isinstance(doc.data, dict):
                self.report(
                    path, 1, "-", say("must be one project: 'key: value' lines starting with 'id:'")
                )
                self.unreadable.add("projects")
                continue
            if doc.data.get("status") == "draft":  # checked, its problems as warnings, and left out
                first_problem = len(self.problems.items)
                self.check_project_refs_raw(doc, path, orgs, funders)
                self.validate(Project, {**doc.data, "status": None}, path, doc)
                self.check_examples(path, doc)
                self.problems.soften(first_problem)
                if isinstance(doc.data.get("id"), str):
                    self.drafts.add(doc.data["id"])
                continue
            self.check_project_refs_raw(doc, path, orgs, funders)
            project = self.validate(Project, doc.data, path, doc)
            self.check_examples(
                path, doc
            )  # an error: the build stops, but the project is checked on
            if project is None:
                if isinstance(doc.data.get("id"), str):
                    self.invalid_ids["projects"].add(doc.data["id"])
                continue
            if project.id in projects:
                other = f"{self.shown}/{sources[project.id]}"
                self.report_at(
                    path,
                    doc,
                    ("id",),
                    say(
                        "duplicate project id {id!r} (also in {other})", id=project.id, other=other
                    ),
                )
                continue
            if project.slug in self.settings.reserved_slugs.get("project", ()):
                self.report_at(
                    path,
                    doc,
                    ("id",),
                    say(
                        "gives the address {slug!r}, which the project index uses for its filters; choose another id",
                        slug=project.slug,
                    ),
                )
                continue
            same_slug = by_slug.get(project.slug)
            if same_slug is not None:
                other = f"{self.shown}/{sources[same_slug.id]}"
                self.report_at(
                    path,
                    doc,
                    ("id",),
                    say(
                        "gives the same page address as project {id!r} in {other}; choose another id",
                        id=same_slug.id,
                        other=other,
                    ),
                )
                continue
            self.check_project(project, path, doc)
            projects[project.id] = project
            by_slug[project.slug] = project
            sources[project.id] = path.relative_to(self.content).as_posix()
        return projects, sources

    def is_unknown(self, kind: str, value: object, known: dict) -> bool:
        """Whether a reference names nothing, not counting entries that are broken themselves."""
        if (
            isinstance(value, bool)
            or not isinstance(value, (str, int, float))
            or kind in self.unreadable
        ):
            return False
        return str(value) not in known and str(value) not in self.invalid_ids[kind]

    def check_project_refs_raw(
        self, doc: YamlDocument, path: Path, orgs: dict, funders: dict
    ) -> None:
        """Check references even where the rest of the project is invalid."""
        data = doc.data
        org = data.get("organisation")
        if self.is_unknown("organisations.yaml", org, orgs):
            self.report_at(
                path,
                doc,
                ("organisation",),
                with_nearest(
                    say(
                        "unknown organisation {id!r}: no organisation with this id in {file}",
                        id=str(org),
                        file="data/organisations.yaml",
                    ),
                    str(org),
                    orgs,
                ),
            )
        funding = data.get("funding")
        for i, grant in enumerate(funding if isinstance(funding, list) else []):
            funder = grant.get("funder") if isinstance(grant, dict) else None
            if self.is_unknown("funders.yaml", funder, funders):
                self.report_at(
                    path,
                    doc,
                    ("funding", i, "funder"),
                    with_nearest(
                        say(
                            "unknown funder {id!r}: no funder with this id in {file}",
                            id=str(funder),
                            file="data/funders.yaml",
                        ),
                        str(funder),
                        funders,
                    ),
                )

    def check_project(self, project: Project, path: Path, doc: YamlDocument) -> None:
        seen: dict[str, int] = {}
        for i, activity in enumerate(project.activities):
            if activity.id is None:
                continue
            if activity.id in seen:
                self.report_at(
                    path,
                    doc,
                    ("activities", i, "id"),
                    say(
                        "duplicate activity id {id!r} (also activity {number})",
                        id=activity.id,
                        number=seen[activity.id] + 1,
                    ),
                )
            seen.setdefault(activity.id, i)
        for lang in project.translations:
            if lang not in self.settings.languages or lang == self.settings.default_lang:
                others = ", ".join(
                    l for l in self.settings.languages if l != self.settings.default_lang
                )
                self.report_at(
                    path,
                    doc,
                    ("translations", lang),
                    say(
                        "{lang!r} is not a second language of this site (use: {others})",
                        lang=lang,
                        others=others,
                    ),
                )
        texts = [("description", project.description)]
        texts += [
            (f"activities[{i}].description", a.description)
            for i, a in enumerate(project.activities)
        ]
        for field_name, text in texts:
            if text:
                for target in self.missing_links(text, path.parent):
                    self.report_at(
                        path,
                        doc,
                        tuple(_split_loc(field_name)),
                        say("links to {target}, which does not exist", target=target),
                    )

    def read_markdown(self, folder: str, model: type[M]) -> list[tuple[Path, M, Any, YamlDocument]]:
        base = self.content / folder
        out = []
        if not base.is_dir():
            return out
        sources: list[tuple[Path, MarkdownSource | SourceError | None]] = []  # None: not Markdown
        for path in _files_in(base):
            if path.suffix != ".md":
                sources.append((path, None))
                continue
            try:
                sources.append((path, read_markdown_file(path)))
            except SourceError as exc:
                sources.append((path, exc))
        self.markdown.convert_ahead(
            {s.body_key: s.packed_body for _, s in sources if isinstance(s, MarkdownSource)}
        )
        for path, source in sources:
            if source is None:
                self.report(
                    path,
                    1,
                    "file",
                    say(
                        "is not a Markdown file ending in .md, so it would be left out; rename it or move it to content/media"
                    ),
                )
                continue
            if isinstance(source, SourceError):
                self.report(path, source.line, source.field, source.message)
                continue
            doc = source.front_matter
            self.documents[f"{Path(folder).as_posix()}/{path.relative_to(base).as_posix()}"] = doc
            first_problem = len(self.problems.items)
            meta = self.checked_markdown(path, model, source, doc)
            if doc.data.get("status") == "draft":
                self.problems.soften(first_problem)
            if meta is not None:
                out.append((path, meta, source, doc))
        return out

    def checked_markdown(
        self, path: Path, model: type[M], source: MarkdownSource, doc: YamlDocument
    ) -> M | None:
        """`check_markdown`, taken from an earlier build while the file and what its checks look at
        (`checked_against`) are unchanged."""

        def check() -> tuple[M | None, tuple]:
            first = len(self.problems.items)
            meta = self.check_markdown(path, model, source, doc)
            found = tuple(
                (p.line, p.field, p.message, p.level) for p in self.problems.items[first:]
            )
            del self.problems.items[first:]
            return meta, found

        meta, found = recall(f"check:{model.__name__}", path, self.checked_against(), check)
        self.markdown.seen(source.body_key)
        for line, field, message, level in found:
            self.report(path, line, field, message, level)
        return meta

    def checked_against(self) -> str:
        """A digest of what a Markdown file's checks look at beyond the file: the names of the content
        folder's files (links), the media files themselves (pictures are opened), and the projects
        (references); worked out once per load, after the projects are read."""
        if self._checked_against is None:
            names, media, media_folder = [], [], f"{self.media}{os.sep}"
            for folder, folders, files in os.walk(self.content):
                folders[:] = sorted(name for name in folders if name != ".git")
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    names.append(path)
                    if path.startswith(media_folder):
                        stat = os.stat(path)
                        media.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
            projects = (sorted(self.project_ids), sorted(self.drafts),
                        sorted(self.invalid_ids["projects"]), "projects" in self.unreadable)  # fmt: skip
            self._checked_against = hashlib.blake2b(
                repr((str(self.content), names, media, projects)).encode(), digest_size=16
            ).hexdigest()
        return self._checked_against

    def check_markdown(
        self, path: Path, model: type[M], source: Any, doc: YamlDocument
    ) -> M | None:
        """Validate one Markdown file's front matter, references and body links."""
        for line, loc, message in doc.problems:
            self.report(path, line, dotted(loc), message)
        if doc.problems:
            return None
        self.check_project_refs(path, doc, doc.data)
        body = source.body
        for offset, target in self.missing_links_with_lines(body, path.parent):
            self.report(
                path,
                source.body_line + offset,
                "body",
                say("links to {target}, which does not exist", target=target),
            )
        for clue, message in markdown_problems(body, self.markdown):
            self.report(path, source.body_line + _line_with(body, clue), "body", message)
        example = placeholders.body_example(body)
        if example:
            self.report(
                path,
                source.body_line + _line_with(body, example),
                "body",
                placeholders.message(example),
            )
        self.check_examples(path, doc)
        return self.validate(model, doc.data, path, doc)

    def check_examples(self, path: Path, doc: YamlDocument) -> None:
        """Report the new-file template's examples left in a file."""
        for loc, example in placeholders.left_in(doc.data):
            self.report_at(path, doc, loc, placeholders.message(example))

    # -- documents --------------------------------------------------------

    def item_fields(
        self, path: Path, meta: Common, source: Any, doc: YamlDocument, slug_from_title: bool
    ) -> dict:
        lang = meta.lang or self.settings.default_lang
        if lang not in self.settings.languages:
            self.report_at(
                path,
                doc,
                ("lang",),
                say(
                    "{lang!r} is not a language of this site (use: {languages})",
                    lang=lang,
                    languages=", ".join(self.settings.languages),
                ),
            )
        slug = meta.slug or slugify(meta.title if slug_from_title else path.stem)
        if not slug:
            self.report_at(path, doc, ("title",), say("gives an empty slug; add 'slug'"))
        return dict(  # noqa: C408 - the keyword arguments of the item this becomes
            source=path.relative_to(self.content).as_posix(),
            meta=meta,
            packed_body=source.packed_body,
            body_line=source.body_line,
            slug=slug,
            lang=lang,
        )

    def missing_links_with_lines(self, text: str, folder: Path) -> Iterable[tuple[int, str]]:
        for offset, line in enumerate(text.split("\n")):
            for target in self.missing_links(line, folder):
                yield offset, target

    def missing_links(self, text: str, folder: Path) -> Iterable[str]:
        for _kind, target in _LINK_RE.findall(text):
            target = target.split("#", 1)[0].split("?", 1)[0]
            if not target:
                continue
            base = self.content if target.startswith("/") else folder
            resolved = (base / target.lstrip("/")).resolve()
            if not resolved.is_relative_to(self.content.resolve()):
                yield say("{target} (outside content/)", target=target)
            elif not resolved.is_file():
                yield target

    def check_project_refs(self, path: Path, doc: YamlDocument, data: dict) -> None:
        """Check `project` and `projects` against the loaded projects."""
        projects = self.project_ids
        value = data.get("project")
        if self.is_unknown("projects", value, projects):
            self.report_at(path, doc, ("project",), self.unknown_project(str(value)))
        values = data.get("projects")
        for i, pid in enumerate(values if isinstance(values, list) else []):
            if self.is_unknown("projects", pid, projects):
                self.report_at(path, doc, ("projects", i), self.unknown_project(str(pid)))

    def unknown_project(self, value: str) -> str:
        if value in self.drafts:
            return say(
                "project {id!r} is a draft, so nothing may link to it yet; publish it or remove the link",
                id=value,
            )
        return with_nearest(
            say(
                "unknown project {id!r}: no project with this id in {folder}",
                id=value,
                folder="data/projects/",
            ),
            value,
            self.project_ids,
        )

    def check_reserved(self, kind: str, item: Item, path: Path, doc: YamlDocument) -> None:
        """Refuse a slug that one of the site's own pages already uses."""
        reserved = self.settings.reserved_slugs.get(kind, ())
        if item.slug not in reserved and not (kind == "event" and item.slug.isdigit()):
            return
        if item.meta.slug:
            message = say(
                "gives the address {slug!r}, which the site uses for its own pages; choose another 'slug'",
                slug=item.slug,
            )
            self.report_at(path, doc, ("slug",), message)
        elif kind == "page":
            message = say(
                "gives the address {slug!r}, which the site uses for its own pages; set a 'slug'",
                slug=item.slug,
            )
            self.report_at(path, doc, ("title",), message)
        else:
            message = say(
                "gives the address {slug!r}, which the site uses for its own pages; rename the file or set a 'slug'",
                slug=item.slug,
            )
            self.report(path, 1, "file", message)

    def check_unique_slugs(
        self, kind: str, items: Iterable[tuple[Path, YamlDocument, Item]]
    ) -> None:
        seen: dict[tuple[str, str], Path] = {}
        for path, doc, item in items:
            key = (item.slug, item.lang)
            if key in seen:
                field_name = "slug" if item.meta.slug else "title"
                self.report_at(
                    path,
                    doc,
                    (field_name,),
                    say(
                        "gives the slug {slug!r} in language {lang!r}, already used by {other}; set a different 'slug'",
                        slug=item.slug,
                        lang=item.lang,
                        other=self.where(seen[key]),
                    ),
                )
            else:
                seen[key] = path

    def posts_and_pages(self, projects: dict) -> tuple[dict[str, Post], dict[str, Page]]:
        posts: dict[str, Post] = {}
        pages: dict[str, Page] = {}
        for folder, cls, target in (("posts", Post, posts), ("pages", Page, pages)):
            checked = []
            for path, meta, source, doc in self.read_markdown(folder, SCHEMAS[folder]):
                item = cls(**self.item_fields(path, meta, source, doc, slug_from_title=True))
                target[item.source] = item
                if meta.is_draft:
                    continue
                if cls is Page:
                    self.check_reserved("page", item, path, doc)
                checked.append((path, doc, item))
            self.check_unique_slugs(folder[:-1], checked)
            if cls is Page:
                self.check_roles(checked)
        return posts, pages

    def check_roles(self, pages: list[tuple[Path, YamlDocument, Page]]) -> None:
        """At most one page per role and language; a warning when no page is the site's `about`."""
        seen: dict[tuple[str, str], Path] = {}
        for path, doc, page in sorted(pages, key=lambda found: found[0]):
            role = page.meta.role
            if role is None:
                continue
            if (role, page.lang) in seen:
                self.report_at(
                    path,
                    doc,
                    ("role",),
                    say(
                        "the {role!r} page in {lang!r} is already {other}; a role has one page per language",
                        role=role,
                        lang=page.lang,
                        other=self.where(seen[role, page.lang]),
                    ),
                )
            seen.setdefault((role, page.lang), path)
        if not any(role == "about" for role, _lang in seen):
            self.report(
                self.content / "pages",
                1,
                "role",
                say(
                    "no page says 'role: about', so the footer links no page about the site; add it to that page's front matter"
                ),
                WARNING,
            )

    def registered(self, kind) -> tuple[Item, ...]:
        """The published items of a kind a capability registered (see kinds.py)."""
        items = []
        for path, meta, source, doc in self.read_markdown(kind.folder, kind.schema):
            if meta.is_draft:
                continue
            items.append(
                (path, doc, Item(**self.item_fields(path, meta, source, doc, kind.slug_from_title)))
            )
        self.check_unique_slugs(kind.name, items)
        return tuple(item for _, _, item in items)

    def events(self, projects: dict) -> list[Event]:
        venues = self.venues = self.read_list("venues.yaml", Venue)
        found: list[tuple[Path, YamlDocument, Event]] = []
        for path, meta, source, doc in self.read_markdown("events", SCHEMAS["events"]):
            venue_id = meta.location if isinstance(meta.location, str) else None
            if venue_id:  # a venue's id: the event gets the venue's place
                venue = venues.get(meta.location)
                if venue is None:
                    if "venues.yaml" not in self.unreadable:
                        self.report_at(
                            path,
                            doc,
                            ("location",),
                            with_nearest(
                                say(
                                    "unknown venue {id!r}: no venue with this id in {file}",
                                    id=meta.location,
                                    file="data/venues.yaml",
                                ),
                                meta.location,
                                venues,
                            ),
                        )
                    continue
                place = Location.model_construct(
                    **{key: getattr(venue, key) for key in Location.model_fields}
                )  # validated
                meta = meta.model_copy(update={"location": place})
            if meta.activity and meta.project in projects:
                ids = [a.id for a in projects[meta.project].activities if a.id]
                if meta.activity not in ids:
                    known = ", ".join(ids) or say("none has an 'id'")
                    self.report_at(
                        path,
                        doc,
                        ("activity",),
                        say(
                            "{activity!r} is not an activity of project {project!r} (its activity ids: {known})",
                            activity=meta.activity,
                            project=meta.project,
                            known=known,
                        ),
                    )
            tz = ZoneInfo(meta.timezone or self.settings.timezone)
            fields = self.item_fields(path, meta, source, doc, slug_from_title=False)
            if meta.status == "draft":
                continue
            event = Event(
                **fields,
                uid="",
                tz=tz,
                start=_aware(meta.start, tz),
                end=_aware(meta.end, tz),
                venue=venue_id,
            )
            self.check_reserved("event", event, path, doc)
            found.append((path, doc, event))
        uids = self.identities("events", [
            Candidate(e.source, e.meta.uid, f"{slugify(path.stem)}@{self.domain}", e.title, e.start.isoformat(), e.body, _schedule(e))
            for path, _doc, e in found
        ])  # fmt: skip
        recorded = self.registry["events"]
        events = [
            replace(event, uid=uids[event.source], sequence=recorded[event.source]["sequence"])
            for _path, _doc, event in found
        ]
        self.check_unique(
            "uid",
            say("calendar UID"),
            [
                (path, doc, e.uid, e.meta.uid)
                for (path, doc, _), e in zip(found, events, strict=True)
            ],
        )
        self.check_unique_slugs(
            "event", [(path, doc, e) for (path, doc, _), e in zip(found, events, strict=True)]
        )
        return sorted(events, key=lambda e: (e.begins, e.source))

    @property
    def domain(self) -> str:
        """The domain of new identities: the site's, or one that says they are provisional."""
        return self.settings.identity_domain or PROVISIONAL_DOMAIN

    def identities(self, kind: str, candidates: list[Candidate]) -> dict[str, str]:
        """Assign identities from the registry, remembering the result for the build to save."""
        ids, self.registry[kind] = assign(candidates, self.registry.get(kind, {}))
        return ids

    def check_unique(
        self, key: str, label: str, items: list[tuple[Path, YamlDocument, str, str | None]]
    ) -> None:
        """Report an identity used by two files, on the later file."""
        seen: dict[str, Path] = {}
        for path, doc, identity, explicit in sorted(items, key=lambda i: i[0]):
            if identity in seen:
                self.report_at(
                    path,
                    doc,
                    (key,) if explicit else ("title",),
                    say(
                        "{label} {identity!r} is already used by {other}",
                        label=label,
                        identity=identity,
                        other=self.where(seen[identity]),
                    ),
                )
            seen.setdefault(identity, path)

    def episodes(self) -> list[Episode]:
        found: list[tuple[Path, YamlDocument, Episode]] = []
        for path, meta, source, doc in self.read_markdown("podcast", SCHEMAS["podcast"]):
            fields = self.item_fields(path, meta, source, doc, slug_from_title=False)
            audio = self.audio(path, doc, meta)
            self.check_chapters(path, doc, meta, audio)
            transcript = None
            if meta.transcript is None:
                level = WARNING if self.settings.allow_missing_transcript else "error"
                self.report_at(
                    path,
                    doc,
                    ("transcript",),
                    say(
                        "is missing: audio needs a text transcript for people who cannot hear it (WCAG 1.2.1)"
                    ),
                    level,
                )
            else:
                try:
                    transcript = read_transcript(self.media, meta.transcript)
                except TranscriptError as exc:
                    self.report_at(path, doc, ("transcript",), str(exc))
                else:
                    if transcript.text.strip() == placeholders.EPISODE_TRANSCRIPT:
                        level = WARNING if meta.is_draft else "error"
                        self.report_at(
                            path,
                            doc,
                            ("transcript",),
                            placeholders.file_message(f"{self.shown}/media/{meta.transcript}"),
                            level,
                        )
            alternates = self.alternate_audio(path, doc, meta)
            self.check_for_apple(path, doc, meta, audio)
            if audio is None or meta.is_draft:
                continue
            tz = ZoneInfo(self.settings.timezone)
            episode = Episode(
                **fields,
                guid="",
                published=_aware_datetime(meta.date, tz),
                audio=audio,
                transcript=transcript,
                alternates=alternates,
            )
            found.append((path, doc, episode))
        guids = self.identities("episodes", [
            Candidate(
                e.source, e.meta.guid,
                str(uuid.uuid5(PODCAST_NAMESPACE, f"{self.domain}/podcast/{slugify(path.stem)}")),
                e.title, e.published.isoformat(), e.body,
            )
            for path, _doc, e in found
        ])  # fmt: skip
        episodes = [replace(e, guid=guids[e.source]) for _path, _doc, e in found]
        self.check_unique(
            "guid",
            say("guid"),
            [
                (path, doc, e.guid, e.meta.guid)
                for (path, doc, _), e in zip(found, episodes, strict=True)
            ],
        )
        numbers: dict[tuple, Path] = {}
        for (path, doc, _), episode in sorted(
            zip(found, episodes, strict=True), key=lambda pair: pair[0][0]
        ):
            meta = episode.meta
            if meta.episode is not None and episode.lang == self.settings.default_lang:
                key = (meta.season, meta.episode)
                if key in numbers:
                    other = self.where(numbers[key])
                    self.report_at(
                        path,
                        doc,
                        ("episode",),
                        say(
                            "season {season}, episode {episode} is already used by {other}",
                            season=meta.season,
                            episode=meta.episode,
                            other=other,
                        )
                        if meta.season
                        else say(
                            "episode {episode} is already used by {other}",
                            episode=meta.episode,
                            other=other,
                        ),
                    )
                numbers.setdefault(key, path)
        self.check_unique_slugs(
            "episode", [(path, doc, e) for (path, doc, _), e in zip(found, episodes, strict=True)]
        )
        self.check_enclosures_once(
            [(path, doc, e) for (path, doc, _), e in zip(found, episodes, strict=True)]
        )
        return sorted(episodes, key=lambda e: (e.published, e.source), reverse=True)

    def check_enclosures_once(self, found: list[tuple[Path, YamlDocument, Episode]]) -> None:
        """Apple Podcasts refuses a feed whose episodes share an audio address: each recording once
        (a translation of an episode is the same episode and may share its recording)."""
        first: dict[str, tuple[Path, str]] = {}
        default = self.settings.default_lang  # of one episode's versions, the original is named
        for path, doc, episode in sorted(
            found, key=lambda entry: (entry[2].published, entry[2].lang != default, entry[0])
        ):
            for i, audio in enumerate((episode.audio, *episode.alternates)):
                address = audio.url or audio.media_path
                seen = first.setdefault(address, (path, episode.slug))
                if seen[1] != episode.slug:
                    loc = ("audio",) if i == 0 else ("alternate_audio", i - 1)
                    self.report_at(
                        path,
                        doc,
                        loc,
                        say(
                            "{audio} is already the recording of {other}: podcast apps need each episode's own file",
                            audio=address,
                            other=self.where(seen[0]),
                        ),
                    )

    def check_for_apple(
        self, path: Path, doc: YamlDocument, meta: EpisodeMeta, audio: Audio | None
    ) -> None:
        """Apple Podcasts' rules an episode can break: the length given for a local file, the size of
        the description, the episode's artwork."""
        if (
            audio is not None
            and audio.media_path
            and meta.length is not None
            and meta.length != audio.length
        ):
            self.report_at(
                path,
                doc,
                ("length",),
                say(
                    "is {given} bytes, but content/media/{file} has {size}: leave 'length' out for a file under content/media",
                    given=meta.length,
                    file=audio.media_path,
                    size=audio.length,
                ),
            )
        if meta.summary and (trouble := description_problem(meta.summary)):
            self.report_at(path, doc, ("summary",), trouble)
        if meta.image:
            trouble = artwork_problem(self.media, meta.image)
            if trouble:
                self.report_at(path, doc, ("image",), trouble)

    def alternate_audio(
        self, path: Path, doc: YamlDocument, meta: EpisodeMeta
    ) -> tuple[Audio, ...]:
        """The episode's recording in other formats, each measured from its file."""
        found = []
        for i, relative in enumerate(meta.alternate_audio):
            if suffix_of(relative) not in AUDIO_SUFFIXES:
                self.report_at(
                    path,
                    doc,
                    ("alternate_audio", i),
                    say("must be an .mp3, .m4a, .ogg or .opus file"),
                )
                continue
            try:
                length, duration, measured = inspect_audio(self.media / relative)
            except AudioError as exc:
                self.report_at(path, doc, ("alternate_audio", i), str(exc))
                continue
            found.append(
                Audio(
                    url=None,
                    media_path=relative,
                    length=length,
                    duration=duration,
                    mime_type=media_type(relative),
                    measured=measured,
                )
            )
        return tuple(found)

    def audio_type(self, path: Path, doc: YamlDocument, name: str) -> str | None:
        """The media type of an audio file by its name; reported when it is not audio."""
        if suffix_of(name) in AUDIO_SUFFIXES:
            return media_type(name)
        self.report_at(path, doc, ("audio",), say("must be an .mp3, .m4a, .ogg or .opus file"))
        return None

    def audio(self, path: Path, doc: YamlDocument, meta: EpisodeMeta) -> Audio | None:
        value = meta.audio
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
            if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
                self.report_at(
                    path,
                    doc,
                    ("audio",),
                    say(
                        "must be a file under content/media or a full https:// address, got {value!r}",
                        value=value,
                    ),
                )
                return None
            missing = [key for key in ("length", "duration") if getattr(meta, key) is None]
            for key in missing:
                self.report(
                    path,
                    doc.line_of(("audio",)),
                    key,
                    say(
                        "is required when 'audio' is a web address (HH:MM:SS for duration, bytes for length)"
                    ),
                )
            if missing:
                return None
            mime = self.audio_type(path, doc, value)
            if mime is None:
                return None
            return Audio(
                url=value,
                media_path=None,
                length=meta.length,
                duration=meta.duration,
                mime_type=mime,
            )
        try:
            relative = resolve_media(value, self.media)
        except MediaPathError as exc:
            self.report_at(path, doc, ("audio",), str(exc))
            return None
        mime = self.audio_type(path, doc, relative)
        if mime is None:
            return None
        try:
            length, duration, measured = inspect_audio(self.media / relative)
        except AudioError as exc:
            self.report_at(path, doc, ("audio",), str(exc))
            return None
        return Audio(
            url=None,
            media_path=relative,
            length=length,
            duration=duration,
            mime_type=mime,
            measured=measured,
        )

    def check_chapters(
        self, path: Path, doc: YamlDocument, meta: EpisodeMeta, audio: Audio | None
    ) -> None:
        for i, (before, after) in enumerate(zip(meta.chapters, meta.chapters[1:]), start=1):
            if after.start <= before.start:
                self.report_at(
                    path,
                    doc,
                    ("chapters", i, "start"),
                    say(
                        "must be later than the chapter before it ({time})",
                        time=_clock(before.start),
                    ),
                )
        if audio is not None:
            for i, chapter in enumerate(meta.chapters):
                if chapter.start >= audio.duration:
                    self.report_at(
                        path,
                        doc,
                        ("chapters", i, "start"),
                        say(
                            "{time} is not before the end of the audio ({end})",
                            time=_clock(chapter.start),
                            end=_clock(audio.duration),
                        ),
                    )

    def resolve(
        self, projects: dict, posts: dict, events: list[Event], episodes: list[Episode]
    ) -> tuple[dict, dict]:
        links: dict[str, dict[str, list]] = {
            "events": defaultdict(list),
            "episodes": defaultdict(list),
            "posts": defaultdict(list),
        }
        default = self.settings.default_lang
        for event in canonical(events, default):
            for pid in event.project_ids:
                links["events"][pid].append(event)
        for episode in canonical(episodes, default):
            for pid in episode.project_ids:
                links["episodes"][pid].append(episode)
        for post in posts.values():
            if post.meta.is_draft:
                continue
            for pid in post.project_ids:
                links["posts"][pid].append(post.source)
        actuals: dict[tuple[str, int, int], Decimal | None] = {}
        for project in projects.values():
            for a, activity in enumerate(project.activities):
                for i, indicator in enumerate(activity.indicators):
                    if indicator.from_events:
                        counted = [
                            Decimal(e.meta.attendance)
                            for e in links["events"][project.id]
                            if e.meta.activity == activity.id
                            and e.status != "cancelled"
                            and e.is_past(self.now)
                            and e.meta.attendance is not None
                        ]
                        actuals[(project.id, a, i)] = sum(counted, Decimal(0)) if counted else None
        frozen = {
            kind: {pid: tuple(items) for pid, items in by.items()} for kind, by in links.items()
        }
        return frozen, actuals

    def report_slips(
        self,
        orgs: dict,
        funders: dict,
        projects: dict,
        sources: dict,
        events: list[Event],
        actuals: dict,
    ) -> None:
        """Warn of valid data that is most likely a mistake (slips.py) or that reusers trip over (quality.py)."""
        found = list(event_slips(events, projects))
        for project in projects.values():
            status = project_status(project, self.now.date())
            found += project_slips(project, sources[project.id], status, actuals)
            found += project_quality(project, sources[project.id], self.now.date())
            found += project_publicity(project, sources[project.id], funders)
        found += organisation_quality(orgs, "data/organisations.yaml")
        found += funder_publicity(funders, "data/funders.yaml")
        for slip in found:
            doc = self.documents[slip.source]
            self.report(
                self.content / slip.source,
                doc.line_of(slip.loc),
                dotted(slip.loc),
                slip.message,
                WARNING,
            )

    def load(self) -> Site:
        try:
            self.registry = read_registry(self.content)
        except RegistryError as exc:
            self.report(self.content / REGISTRY, exc.line, exc.field, str(exc))
            self.registry = {}
        if "projects" in self.settings.left_out:
            orgs, funders, projects, sources = {}, {}, {}, {}
        else:
            orgs = self.read_list("organisations.yaml", Organisation)
            funders = self.read_list("funders.yaml", Funder)
            projects, sources = self.read_projects(orgs, funders)
        self.project_ids = {pid: True for pid in projects}
        posts, pages = self.posts_and_pages(projects)
        events = self.events(projects) if "events" not in self.settings.left_out else []
        episodes = self.episodes() if "podcast" not in self.settings.left_out else []
        extra = {kind.name: self.registered(kind) for kind in self.settings.kinds}
        links, actuals = self.resolve(projects, posts, events, episodes)
        if (
            not self.problems.errors
        ):  # judged on valid data only: a broken event leaves actuals incomplete
            self.report_slips(
                orgs,
                funders,
                projects,
                sources,
                canonical(events, self.settings.default_lang),
                actuals,
            )
        if self.problems.errors:
            raise ContentError(self.problems.items)
        return Site(
            settings=self.settings,
            now=self.now,
            organisations=orgs,
            funders=funders,
            projects=projects,
            project_sources=sources,
            posts=posts,
            pages=pages,
            events=tuple(events),
            venues=self.venues,
            episodes=tuple(episodes),
            extra=extra,
            warnings=tuple(self.problems),
            identities=self.registry if self.settings.identity_domain else {},
            markdown=self.markdown,
            _links=links,
            _actuals=actuals,
        )


def _files_in(base: Path) -> list[Path]:
    """The files under `base` in the order of their paths, leaving out hidden ones (a name starting with
    `.`) and editors' backups (ending in `~`), and what is in such folders."""

    def shown(name: str) -> bool:
        return not (name.startswith(".") or name.endswith("~"))

    found = []
    for folder, folders, names in os.walk(base):
        folders[:] = [name for name in folders if shown(name)]
        relative = Path(folder).relative_to(base).parts
        found.extend((*relative, name) for name in names if shown(name))
    return [base.joinpath(*parts) for parts in sorted(found)]


def _schedule(event: Event) -> str:
    """What a calendar app must be told again when it changes (RFC 5545's SEQUENCE): when, how often, where, whether."""
    meta = event.meta
    location = meta.location.model_dump(mode="json") if meta.location is not None else None
    return json.dumps([str(meta.start), str(meta.end), event.tz.key, meta.repeat and meta.repeat.model_dump(mode="json"),
                       location, meta.online, meta.status], sort_keys=True, ensure_ascii=False)  # fmt: skip


def load_site(
    content: Path,
    settings: ModelSettings,
    now: dt.datetime,
    shown: str | None = None,
    markdown: MarkdownRenderer | None = None,
) -> Site:
    """Load `content`; raise ContentError listing every error found."""
    content = Path(content)
    shown = shown if shown is not None else str(content)
    return _Loader(content, settings, now, shown, markdown or MarkdownRenderer()).load()


def body_changed(site: Site, relative: str, content: Path, shown: str) -> Item | None:
    """The item `site` has from a Markdown file, with the body the file holds now, when nothing but the body
    changed and the new body has no problem, not even a warning; None otherwise, for a full load to judge
    and to say what is wrong."""
    old = next((item for item in _items(site) if item.source == relative), None)
    schema = next(
        (s for folder, s in _schemas(site.settings) if relative.startswith(folder + "/")), None
    )
    if old is None or schema is None:
        return None
    path = content / relative
    loader = _Loader(content, site.settings, site.now, shown, site.markdown)
    loader.project_ids = {pid: True for pid in site.projects}
    try:
        source = read_markdown_file(path)
    except (SourceError, OSError):
        return None
    meta = loader.check_markdown(path, schema, source, source.front_matter)
    if (
        meta is None
        or loader.problems.items
        or meta != old.meta
        or source.body_line != old.body_line
    ):
        return None
    return replace(old, packed_body=source.packed_body)


def project_changed(site: Site, relative: str, content: Path, shown: str) -> Site | None:
    """`site` with the project a saved file holds now, when that file alone tells it: the same project
    (its id and address) changed, with no problem, not even a warning; None otherwise, for a full load
    to judge.
    Indicators counted from events are counted again; everything else of the site is as it was."""
    pid = next((p for p, source in site.project_sources.items() if source == relative), None)
    if pid is None:
        return None
    path = content / relative
    loader = _Loader(content, site.settings, site.now, shown, site.markdown)
    doc = loader.read_yaml(path)
    if doc is None or not isinstance(doc.data, dict) or doc.data.get("status") == "draft":
        return None
    loader.check_project_refs_raw(doc, path, dict(site.organisations), dict(site.funders))
    project = loader.validate(Project, doc.data, path, doc)
    loader.check_examples(path, doc)
    if project is not None:
        loader.check_project(project, path, doc)
    if (
        project is None
        or loader.problems.items
        or project.id != pid
        or project.slug != site.projects[pid].slug
        or project == site.projects[pid]
    ):
        return None
    projects = {**site.projects, pid: project}
    _links, actuals = loader.resolve(
        projects, dict(site.posts), list(site.events), list(site.episodes)
    )
    return replace(site, projects=projects, _actuals=actuals)


def _items(site: Site) -> Iterable[Item]:
    yield from site.posts.values()
    yield from site.pages.values()
    yield from site.events
    yield from site.episodes
    for items in site.extra.values():
        yield from items


def _schemas(settings: ModelSettings) -> Iterable[tuple[str, type[Common]]]:
    """Each folder of Markdown items with the schema of its front matter."""
    yield from SCHEMAS.items()
    yield from ((kind.folder, kind.schema) for kind in settings.kinds)


# -- helpers ---------------------------------------------------------------


def _aware(value, tz: ZoneInfo):
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=tz)
    return value


def _aware_datetime(value, tz: ZoneInfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=tz)
    return dt.datetime.combine(value, dt.time(), tz)


def _line_with(text: str, clue: str) -> int:
    """The offset of the first line of `text` that contains `clue` (any case), or 0."""
    needle = clue.lower()
    for offset, line in enumerate(text.split("\n")):
        if needle in line.lower():
            return offset
    return 0


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _split_loc(dotted_path: str) -> list:
    parts: list = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", dotted_path):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts
