"""The web editor's `config.yml`, made from the content schemas (contract, section 11).

Every field of every kind gets a Decap CMS widget from its type in the
schema: its label and hint from words.py, `required` where the schema
requires it, a pattern where the contract has one, ids of funders,
organisations, venues, projects and activities chosen from those that exist.
A field whose type has no widget is an error here, so that a new field in
the schema cannot be forgotten by the editor.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union

from babel import Locale
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from skaidra_model import fields as f
from skaidra_model.front_matter import EpisodeMeta, EventMeta, PageMeta, PostMeta, Venue
from skaidra_model.schema import Funder, Organisation, Project
from skaidra_model.site_file import SiteFile
from skaidra_model.speech import language, say

from .paths import LOCAL_PORT, local_backend
from .words import hint_of, label_of

MEDIA_FOLDER = "media"  # under the content folder; pictures' paths are written relative to it
# A YAML file whose top level is a list (the format is registered by skaidra-editor.js).
LIST_FORMAT = "skaidra-list"

# Patterns the contract gives, each with what an editor is told when a value breaks it.
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_OR_TIME = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"
AMOUNT = r"^\d+(\.\d{1,2})?$"
COUNT = r"^\d+(\.\d+)?$"


def _patterns() -> dict[Any, list[str]]:
    return {
        f._slug: [r"^[a-z0-9-]+$", say("only small letters a-z, digits and '-'")],
        f._project_id: [r"^[A-Za-z0-9._-]+$", say("only letters, digits, '-', '_' and '.'")],
        f._url: [r"^https?://\S+$", say("a full web address starting with https://")],
        f._email: [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", say("an e-mail address like info@example.org")],
        f._currency: [r"^[A-Z]{3}$", say("a currency code of three capital letters, such as EUR")],
        f._country: [r"^[A-Z]{2}$", say("a country code of two capital letters, such as LT")],
        f._lang: [r"^[a-z]{2,3}$", say("a language code such as lt or en")],
        f.parse_date: [DATE, say("a date YYYY-MM-DD, such as 2024-05-18")],
        f.parse_date_or_datetime: [
            DATE_OR_TIME,
            say("a date YYYY-MM-DD, or a date and time YYYY-MM-DD HH:MM"),
        ],
        f.parse_clock: [r"^(\d+:)?[0-5]?\d:[0-5]\d$", say("a time HH:MM:SS, such as 00:12:30")],
    }


def _amount_pattern() -> list[str]:
    return [
        AMOUNT,
        say("digits only, without thousands separators, a dot before the cents: 20000 or 20000.50"),
    ]


def _count_pattern() -> list[str]:
    return [COUNT, say("a number without thousands separators, a dot before decimals: 1200 or 2.5")]


@dataclass(frozen=True)
class Relation:
    """A field whose value is the id of something that exists: chosen from a list, not typed."""

    collection: str
    value: str
    shown: str
    file: str | None = None
    multiple: bool = False

    def widget(self) -> dict:
        spec = {"widget": "relation", "collection": self.collection, "value_field": self.value,
                "search_fields": [self.shown, self.value], "display_fields": [self.shown]}  # fmt: skip
        if self.file:
            spec["file"] = self.file
        if self.multiple:
            spec["multiple"] = True
        return spec


RELATIONS = {
    ("Grant", "funder"): Relation("funders", "items.*.id", "items.*.name", file="funders"),
    ("Project", "organisation"): Relation(
        "organisations", "items.*.id", "items.*.name", file="organisations"
    ),
    ("project",): Relation("projects", "id", "title"),
    ("projects",): Relation("projects", "id", "title", multiple=True),
    ("EventMeta", "activity"): Relation("projects", "activities.*.id", "activities.*.title"),
}


def _relation(model: type[BaseModel], name: str) -> Relation | None:
    return RELATIONS.get((model.__name__, name)) or RELATIONS.get((name,))


@dataclass(frozen=True)
class Kind:
    """One collection of the editor: a folder of Markdown or YAML items, or one YAML file."""

    name: str
    schema: type[BaseModel]
    folder: str | None = None  # under the content folder
    file: str | None = None  # under the content folder
    markdown: bool = False
    listed: bool = False  # the file is a list of items
    slug: str = "{{slug}}"


def kinds(extra: tuple = ()) -> list[Kind]:
    """Every kind of the contract, in the order editors see them; then those plugins declare."""
    return [
        Kind(
            "posts",
            PostMeta,
            folder="posts",
            markdown=True,
            slug="{{year}}-{{month}}-{{day}}-{{slug}}",
        ),
        Kind("pages", PageMeta, folder="pages", markdown=True),
        Kind("events", EventMeta, folder="events", markdown=True),
        Kind("podcast", EpisodeMeta, folder="podcast", markdown=True),
        Kind("projects", Project, folder="data/projects"),
        Kind("organisations", Organisation, file="data/organisations.yaml", listed=True),
        Kind("funders", Funder, file="data/funders.yaml", listed=True),
        Kind("venues", Venue, file="data/venues.yaml", listed=True),
        Kind("site", SiteFile, file="site.yaml"),
        *(Kind(kind.name, kind.schema, folder=kind.folder, markdown=True) for kind in extra),
    ]


class NoWidget(TypeError):
    """A schema field of a type the editor has no widget for."""


@dataclass(frozen=True)
class Context:
    languages: tuple[str, ...]
    venues: tuple[
        tuple[str, str], ...
    ] = ()  # (id, name) of the site's venues, for an event's place


def _unwrap(annotation: Any) -> tuple[Any, list, bool]:
    """The type under Optional and Annotated, every metadata item on the way, and whether None is allowed."""
    metadata: list = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(typing.get_args(annotation))
            if len(members) == 1:
                annotation = members[0]
            else:
                return annotation, metadata, optional
        else:
            return annotation, metadata, optional


def _validators(metadata: list) -> set:
    found = set()
    for item in metadata:
        func = getattr(item, "func", None)
        if func is not None:
            found.add(func)
        found |= _validators(list(getattr(item, "metadata", []) or []))
    return found


def field_spec(model: type[BaseModel], name: str, info: FieldInfo, ctx: Context) -> dict:
    """The Decap field for one field of a schema."""
    annotation, metadata, optional = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    spec = {
        "name": info.alias or name,
        "label": label_of(name),
        **_widget(model, name, annotation, metadata, ctx),
    }
    spec["hint"] = hint_of(model.__name__, name)
    spec["required"] = info.is_required() and not optional
    min_length = next((m.min_length for m in metadata if getattr(m, "min_length", None)), None)
    if spec["widget"] == "list" and min_length:
        spec["min"] = min_length
    if spec["widget"] == "object" and not spec["required"]:
        _nothing_required(spec["fields"])
    return spec


def _nothing_required(fields: list[dict]) -> None:
    """Inside an object that may be left empty, nothing is required: Decap would refuse to save without it.
    (The schema still requires them once the object is filled in: `skaidra check` says so.)"""
    for spec in fields:
        spec["required"] = False
        if spec["widget"] == "object":
            _nothing_required(spec["fields"])


# Fields that take a short form or a long one: the editor offers the short form, which most use.
SHORT_FORMS = {("EpisodeMeta", "license"), ("Podcast", "license")}


def _widget(
    model: type[BaseModel], name: str, annotation: Any, metadata: list, ctx: Context
) -> dict:
    relation = _relation(model, name)
    if relation is not None:
        return relation.widget()
    if (model.__name__, name) in SHORT_FORMS:
        return {"widget": "string"}
    if name == "lang":  # the language of an item: one of the site's
        return {"widget": "select", "options": list(ctx.languages)}
    if (model.__name__, name) == (
        "EventMeta",
        "location",
    ):  # a venue's id, or a place written out (skaidra-editor.js)
        return place_widget(ctx)
    origin = typing.get_origin(annotation)
    validators = _validators(metadata)
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if origin in (Union, types.UnionType):
        return _union(model, name, annotation, ctx)
    if origin is list:
        return _list(model, name, typing.get_args(annotation)[0], validators, ctx)
    if origin is dict:
        if typing.get_args(annotation)[0] is int:
            raise NoWidget(f"{model.__name__}.{name}: no widget for a mapping keyed by numbers")
        return _per_language(model, name, typing.get_args(annotation)[1], ctx)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": True, "fields": fields_of(annotation, ctx)}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int", "min": 0}
    if annotation is Decimal:
        pattern = (
            _count_pattern()
            if any(getattr(m, "ge", None) == 0 for m in metadata)
            else _amount_pattern()
        )
        return {"widget": "string", "pattern": pattern}
    return _scalar(validators, model, name)


def place_widget(ctx: Context) -> dict:
    """An event's place: one of the site's venues, or another place typed in (skaidra-editor.js)."""
    words = {
        key: label_of(key)
        for key in ("name", "address", "locality", "country", "accessibility", "lat", "lon")
    }
    words.update(
        none=say("— no place —"), other=say("Another place, written here"), geo=label_of("geo")
    )
    return {"widget": "skaidra-place", "venues": [{"id": id_, "name": name} for id_, name in ctx.venues],
            "languages": list(ctx.languages), "words": words}  # fmt: skip


def _scalar(validators: set, model: type[BaseModel], name: str) -> dict:
    if f._image_type in validators:
        return {"widget": "image", "choose_url": False}
    if f.media_path in validators:
        return {"widget": "file", "choose_url": False}
    if f._safe_markdown in validators:
        return {"widget": "markdown", "minimal": True, "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                "editor_components": []}  # fmt: skip
    for validator, pattern in _patterns().items():
        if validator in validators:
            return {"widget": "string", "pattern": pattern}
    if f._single_line in validators or f.plain_string in validators or f._timezone in validators:
        return {"widget": "string"}
    if f._text in validators:
        return {"widget": "text"}
    if not validators:  # a plain string the schema bounds by length only
        return {"widget": "string"}
    raise NoWidget(
        f"{model.__name__}.{name}: no widget for validators {sorted(v.__name__ for v in validators)}"
    )


def _list(model: type[BaseModel], name: str, item: Any, validators: set, ctx: Context) -> dict:
    item_type, item_metadata, _ = _unwrap(item)
    if f._comma_list in validators:  # tags, keywords: typed as "a, b, c"
        return {"widget": "list"}
    if isinstance(item_type, type) and issubclass(item_type, BaseModel):
        fields = fields_of(item_type, ctx)
        return {
            "widget": "list",
            "collapsed": True,
            "summary": "{{fields." + fields[0]["name"] + "}}",
            "fields": fields,
        }
    if typing.get_origin(item_type) is Literal:
        return {"widget": "select", "multiple": True, "options": list(typing.get_args(item_type))}
    if typing.get_origin(item_type) is list:  # podcast categories: [category, subcategory]
        return {
            "widget": "list",
            "field": {"name": "category", "label": label_of("category"), "widget": "list"},
        }
    inner = _widget(model, name + "[]", item_type, item_metadata, ctx)
    if inner["widget"] == "markdown":
        inner = {"widget": "text"}  # one list item: a line of inline Markdown
    return {"widget": "list", "field": {"name": name, "label": label_of(name), **inner}}


def _union(model: type[BaseModel], name: str, annotation: Any, ctx: Context) -> dict:
    """Fields that take either of two forms: the editor offers the richer one, which the contract accepts."""
    members = [_unwrap(a)[0] for a in typing.get_args(annotation) if a is not type(None)]
    for member in members:
        if typing.get_origin(member) is dict:  # text, or the same text per language
            return _per_language(model, name, typing.get_args(member)[1], ctx)
    for member in members:
        if isinstance(member, type) and issubclass(member, BaseModel):
            return {"widget": "object", "collapsed": True, "fields": fields_of(member, ctx)}
    for member in members:
        if typing.get_origin(member) is list:  # geo: [latitude, longitude]
            return {
                "widget": "list",
                "field": {
                    "name": name,
                    "label": label_of(name),
                    "widget": "number",
                    "value_type": "float",
                },
            }
    return {"widget": "string"}


def _per_language(model: type[BaseModel], name: str, value: Any, ctx: Context) -> dict:
    """`{<lang>: ...}`: one part per language of the site; translations leave out the first (the original's)."""
    languages = ctx.languages[1:] if name == "translations" else ctx.languages
    value_type, value_metadata, _ = _unwrap(value)
    parts = []
    for lang in languages:
        if isinstance(value_type, type) and issubclass(value_type, BaseModel):
            inner = {"widget": "object", "collapsed": True, "fields": fields_of(value_type, ctx)}
        else:
            inner = _widget(model, name, value_type, value_metadata, ctx)
        parts.append({"name": lang, "label": language_name(lang), "required": False, **inner})
    return {"widget": "object", "collapsed": True, "fields": parts}


def language_name(lang: str) -> str:
    """A language's name in the language the editor speaks, where Babel knows it: 'anglų (en)'."""
    try:
        return f"{Locale.parse(lang).get_display_name(language())} ({lang})"
    except (ValueError, TypeError):
        return lang


# Fields the editor shows differently from how the schema reads them.
GEO_FIELDS = ("geo",)
# Fields beyond the contract the editor leaves to the file (it keeps them as they are when it saves).
LEFT_TO_THE_FILE = {
    ("Podcast", "seasons")
}  # season names keyed by number: Decap has no widget for such keys


def fields_of(model: type[BaseModel], ctx: Context) -> list[dict]:
    """The Decap fields of a schema, in the schema's order (`title` first where there is one)."""
    found = []
    for name, info in model.model_fields.items():
        if (model.__name__, name) in LEFT_TO_THE_FILE:
            continue
        if name in GEO_FIELDS:
            spec = {"name": name, "label": label_of(name), "hint": hint_of(model.__name__, name), "required": False,
                    "widget": "list", "min": 2, "max": 2,
                    "field": {"name": name, "label": label_of(name), "widget": "number", "value_type": "float"}}  # fmt: skip
        else:
            spec = field_spec(model, name, info, ctx)
        found.append(spec)
    return sorted(found, key=_place)


def _place(spec: dict) -> int:
    """The contract's order: ids and names first, the picture and translations last (inherited fields come
    first in the schema), so that a saved file keeps its keys near where editors wrote them."""
    return {"id": 0, "title": 1, "name": 1, "image": 3, "image_alt": 4, "translations": 5}.get(
        spec["name"], 2
    )


def collection(kind: Kind, ctx: Context) -> dict:
    """One Decap collection."""
    fields = fields_of(kind.schema, ctx)
    spec: dict = {
        "name": kind.name,
        "label": label_of(f"collection.{kind.name}"),
        "description": hint_of("collection", kind.name),
        "editor": {"preview": False},
    }  # the site itself is the preview (`skaidra edit` rebuilds it)
    if kind.folder:
        spec.update(folder=f"content/{kind.folder}", create=True, slug=kind.slug)
        if kind.markdown:
            body = {
                "name": "body",
                "label": label_of("body"),
                "widget": "markdown",
                "hint": hint_of(kind.schema.__name__, "body"),
            }
            spec.update(extension="md", format="frontmatter", fields=[*fields, body])
        else:
            spec.update(extension="yaml", format="yaml", fields=fields)
        spec["summary"] = "{{title}}"
        return spec
    assert kind.file is not None
    entry = {
        "name": kind.name,
        "label": label_of(f"collection.{kind.name}"),
        "file": f"content/{kind.file}",
    }
    if kind.listed:
        spec["format"] = LIST_FORMAT
        entry["fields"] = [{"name": "items", "label": label_of(f"collection.{kind.name}"), "widget": "list", "collapsed": True,
                            "summary": "{{fields.name}}", "fields": fields}]  # fmt: skip
    else:
        spec["format"] = "yaml"
        entry["fields"] = fields
    spec["files"] = [entry]
    return spec


def decap_config(
    settings_languages: tuple[str, ...],
    editor: dict | None,
    local: int | None,
    extra_kinds: tuple = (),
    venues: tuple = (),
) -> dict:
    """The whole `config.yml`: the backend, where media go, every collection; with `local`, the port of the
    local git backend Decap uses when the editor is opened on this computer."""
    ctx = Context(settings_languages, venues)
    config: dict = {
        "backend": {**backend(editor, local), "commit_messages": commit_messages()},
        "locale": settings_languages[0],
        "media_folder": f"content/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "site_url": "/",
        "show_preview_links": False,
        "collections": [collection(kind, ctx) for kind in kinds(extra_kinds)],
    }
    if local:
        config["local_backend"] = {"url": f"{local_backend(local)}/api/v1"}
    return config


def commit_messages() -> dict[str, str]:
    """What the editor's commits say, in the site's first language ({{...}} are Decap's)."""
    return {
        "create": say("Add {what}", what="{{collection}} “{{slug}}”"),
        "update": say("Change {what}", what="{{collection}} “{{slug}}”"),
        "delete": say("Delete {what}", what="{{collection}} “{{slug}}”"),
        "uploadMedia": say("Upload {what}", what="“{{path}}”"),
        "deleteMedia": say("Delete {what}", what="“{{path}}”"),
    }


def backend(editor: dict | None, local: int | None = None) -> dict:
    """Decap's `backend`: GitLab and Gitea sign in by PKCE; GitHub through the sign-in helper at `base_url`;
    without `editor` (`skaidra edit` only), the local git backend alone."""
    if editor is None:
        return {"name": "proxy", "proxy_url": f"{local_backend(local or LOCAL_PORT)}/api/v1"}
    name = editor["backend"]
    spec = {"name": name, "repo": editor["repo"], "branch": editor["branch"]}
    base = (editor.get("base_url") or "").rstrip("/")
    if name == "gitlab":
        base = base or "https://gitlab.com"
        spec.update(
            auth_type="pkce", app_id=editor["app_id"], base_url=base, api_root=f"{base}/api/v4"
        )
    elif name == "gitea":
        spec.update(app_id=editor["app_id"], base_url=base, api_root=f"{base}/api/v1")
    else:
        spec["base_url"] = base
    return spec


def api_origins(editor: dict | None) -> list[str]:
    """The origins the editor talks to besides the site: the host's API and its sign-in page."""
    if editor is None:
        return []
    spec = backend(editor)
    origins = {spec["base_url"]}
    origins.add(spec.get("api_root", "https://api.github.com"))
    return sorted({"/".join(url.split("/")[:3]) for url in origins if url})
