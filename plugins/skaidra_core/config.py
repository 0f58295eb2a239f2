"""Typed settings: every settings dict of Skaidra is a pydantic model, checked like content.

Each plugin declares its namespaces in a module-level `SETTINGS` tuple of
`Namespace` models (`SKAIDRA` in skaidra_core, `PODCAST` in
skaidra_podcast); `settings_problems` validates those of a build's plugins and reports a bad value as
`pelicanconf.py:NN: SKAIDRA.key: message`, the line found in the settings
file's syntax tree. Unknown keys are errors, as in content.
"""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, ValidationError
from skaidra_model import Problem
from skaidra_model.fields import Lang, PlainString, Slug, Text, fail
from skaidra_model.messages import message_of
from skaidra_model.problems import dotted
from skaidra_model.site_file import Editor, Licence, Member
from skaidra_model.speech import say


class Strict(BaseModel):
    """A settings group: unknown keys are errors, values are never coerced from other types."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _site_path(value: str) -> str:
    """A path inside the site, as the address bar shows it after the domain."""
    path = PurePosixPath(value)
    if value.startswith("/") or "://" in value:
        raise fail(
            say(
                "must be a path inside the site without a leading '/', like 'naujienos/senas/'; got {value!r}",
                value=value,
            )
        )
    if ".." in path.parts or "\\" in value:
        raise fail(say("must not leave the site; got {value!r}", value=value))
    return value


SitePath = Annotated[Text, AfterValidator(_site_path)]


# Capabilities a site may leave out (SKAIDRA["off"]); each is a plugin of its own.
Capability = Literal["projects", "funding", "events", "podcast", "open_data"]


class Publisher(Strict):
    name: PlainString = ""
    email: PlainString = ""
    address: PlainString = ""
    url: PlainString = ""
    registration_code: PlainString = ""


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise fail(say("must not name a language twice"))
    return values


class Namespace(Strict):
    """A settings dict of its own, such as `SKAIDRA` or `PODCAST`."""

    namespace: ClassVar[str]

    @classmethod
    def read(cls, settings: dict) -> dict[str, Any]:
        """The values over their defaults, as plain data; call after `settings_problems`."""
        return cls.model_validate(settings.get(cls.namespace) or {}).model_dump()


class SkaidraSettings(Namespace):
    """`SKAIDRA`: the site-wide settings of every capability."""

    namespace: ClassVar[str] = "SKAIDRA"

    languages: Annotated[list[Lang], Field(min_length=1), AfterValidator(_unique)] = Field(
        default=["lt", "en"], description="languages of the site; the first is `DEFAULT_LANG`"
    )
    identity_domain: PlainString = Field(
        default="",
        description="domain in calendar UIDs and episode guids (default: the host of the site's address); "
        "an identifier once published keeps its domain",
    )
    grant_id_prefix: PlainString = Field(
        default="",
        description="prefix of grant identifiers in open data (default: the register identifier, `LT-RC-` and the"
        " code, of the publisher or of the site's only organisation; your 360Giving prefix, if you have one)",
    )
    data_licence: Licence = Field(
        default=Licence(name="CC BY 4.0", url="https://creativecommons.org/licenses/by/4.0/"),
        description="`name` and `url` of the licence of the open data",
    )
    publisher: Publisher = Field(
        default=Publisher(), description="who publishes the site (footer, feeds)"
    )
    logo: PlainString = Field(
        default="", description="the site's logo under `content/media`, shown beside its name"
    )
    stylesheet: PlainString = Field(
        default="",
        description="the site's own stylesheet under `content/media`, after the theme's: e.g. the accent colour"
        " through `--sk-brand`, `--sk-link` and `--sk-bar`",
    )
    social_image: PlainString = Field(
        default="",
        description="image under `content/media` for link previews (Open Graph), ideally 1200×630",
    )
    tagline: dict[Lang, PlainString] = Field(
        default={"lt": "NVO projektų skaidrumas", "en": "Transparency of NGO projects"},
        description="the line under the site name, per language",
    )
    search: StrictBool = Field(
        default=True, description="build the in-browser site search (Pagefind)"
    )
    processes: Annotated[int, Field(ge=0)] = Field(
        default=0,
        description="processes that convert Markdown and render pages: 0 for one per core, 1 to work in the build's own",
    )
    search_pages_per_part: Annotated[int, Field(ge=1)] = Field(
        default=250,
        description="pages per part of the search index: a part is indexed by a Pagefind process of its own",
    )
    redirects: dict[SitePath, SitePath] = Field(
        default={}, description="old addresses of renamed pages and their new ones"
    )
    home_projects: Annotated[int, Field(ge=0, strict=True)] = Field(
        default=6, description="projects on the home page"
    )
    home_posts: Annotated[int, Field(ge=0, strict=True)] = Field(
        default=5, description="news posts on the home page"
    )
    words: dict[Lang, dict[Text, Slug]] = Field(
        default={},
        description="words in addresses, per language, over the built-in Lithuanian and English ones,"
        ' e.g. `{"lt": {"news": "aktualijos"}}`',
    )
    off: list[Capability] = Field(
        default=[],
        description="capabilities left out of the site: any of `projects`, `funding`, `events`, `podcast`, `open_data`",
    )
    members: list[Member] = Field(
        default=[],
        description="an umbrella's members whose sites `skaidra gather` copies: `[{id, name, url, source}]` (see the contract, section 10)",
    )
    editor: Editor | None = Field(
        default=None,
        description="the web editor at `/admin/`: `{backend, repo, branch, base_url, app_id}` (see the contract, section 11); without it there is no `/admin/`",
    )


def settings_problems(
    settings: dict, namespaces: list[type[Namespace]], settings_file: Path, shown: str
) -> list[Problem]:
    """Every bad value in the given namespaces, each at its line in the settings file."""
    tree = _syntax_tree(settings_file)
    problems = []
    for model in namespaces:
        name = model.namespace
        value = settings.get(name)
        if value is None:
            continue
        if not isinstance(value, dict):
            problems.append(
                Problem(
                    shown,
                    _line(tree, name, ()),
                    name,
                    say('must be a dict, like {name} = {{"key": value}}', name=name),
                )
            )
            continue
        try:
            model.model_validate(value)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                problems.append(
                    Problem(
                        shown,
                        _line(tree, name, loc),
                        f"{name}.{dotted(loc)}",
                        message_of(error, model, loc),
                    )
                )
    return problems


def settings_line(settings_file: Path, name: str, loc: tuple) -> int:
    """The line of a value in the settings file, or 1."""
    return _line(_syntax_tree(settings_file), name, loc)


def _syntax_tree(settings_file: Path) -> ast.Module | None:
    try:
        return ast.parse(settings_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None


def _line(tree: ast.Module | None, name: str, loc: tuple) -> int:
    """The line of `NAME = {...}` and, inside it, of the deepest key of `loc` written there."""
    if tree is None:
        return 1
    node: ast.AST | None = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in statement.targets
        ):
            node = statement.value
            line = statement.lineno
    if node is None:
        return 1
    for part in loc:
        if isinstance(node, ast.Dict):
            match = next(
                (
                    v
                    for k, v in zip(node.keys, node.values)
                    if isinstance(k, ast.Constant) and k.value == part
                ),
                None,
            )
        elif (
            isinstance(node, (ast.List, ast.Tuple))
            and isinstance(part, int)
            and part < len(node.elts)
        ):
            match = node.elts[part]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.lineno
    return line
