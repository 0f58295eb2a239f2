"""`content/site.yaml`: the site's own settings, written by editors (contract, section 9).

Validated like all content, every problem with its line; the settings it
gives win over `pelicanconf.py` (applied by skaidra_core.site_settings).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from icalendar import vRecur
from pydantic import AfterValidator, Field, StrictBool, ValidationError, model_validator

from .fields import LANG_RE, Email, Lang, LongText, MediaPath, Slug, Text, TimeZoneName, Url, fail
from .messages import message_of
from .problems import Problem, dotted, places_in_data
from .schema import Strict
from .source_files import SourceError, read_yaml_file
from .speech import say

SITE_FILE = "site.yaml"


class Publisher(Strict):
    name: Text | None = None
    email: Email | None = None
    address: Text | None = None
    url: Url | None = None
    registration_code: Text | None = None


class Licence(Strict):
    name: Text
    url: Url


class Owner(Strict):
    name: Text | None = None
    email: Email | None = None


class Directory(Strict):
    name: Text
    url: Url


def _feed_rule(value: str) -> str:
    """An RFC 5545 RRULE value (podcast:updateFrequency's `rrule`)."""
    try:
        vRecur.from_ical(value)
        parts = dict(part.split("=", 1) for part in value.split(";"))
    except (ValueError, TypeError):
        raise fail(
            say(
                "must be a rule such as 'FREQ=MONTHLY' or 'FREQ=WEEKLY;BYDAY=TU', got {value!r}",
                value=value,
            )
        ) from None
    if "FREQ" not in parts:
        raise fail(
            say("needs FREQ (how often), such as 'FREQ=MONTHLY', got {value!r}", value=value)
        )
    return value


def _guid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise fail(
            say(
                "must be a podcast's GUID (a UUID such as 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'), got {value!r}",
                value=value,
            )
        ) from None


class UpdateFrequency(Strict):
    """podcast:updateFrequency: how often new episodes come, as a rule and as words."""

    rule: Annotated[Text, AfterValidator(_feed_rule)]
    label: Text
    complete: StrictBool = False


class RemoteFeed(Strict):
    """A podcast the site recommends (podcast:podroll), by its podcast:guid."""

    feed_guid: Annotated[Text, AfterValidator(_guid)]
    feed_url: Url | None = None


class Podcast(Strict):
    title: Text | None = None
    description: LongText | None = None
    author: Text | None = None
    owner: Owner | None = None
    image: MediaPath | None = None
    categories: list[Annotated[list[Text], Field(min_length=1, max_length=2)]] | None = Field(
        default=None, min_length=1
    )
    explicit: StrictBool | None = None
    type: Literal["episodic", "serial"] | None = None
    locked: StrictBool | None = None
    copyright: Text | None = None
    license: Text | Licence | None = None
    directories: list[Directory] | None = None
    image_alt: Text | None = None
    seasons: dict[Annotated[int, Field(ge=1)], Text] | None = None
    update_frequency: UpdateFrequency | None = None
    applepodcastsverify: Annotated[str, Field(min_length=1, max_length=4000)] | None = None
    podroll: list[RemoteFeed] | None = None


class Member(Strict):
    id: Slug
    name: Text
    url: Url
    source: Text | None = None  # a URL or a local folder; default `url`


# Where the web editor keeps the site (contract, section 11): the hosts Decap CMS signs in to.
EDITOR_BACKENDS = ("github", "gitlab", "gitea")
REPO_RE = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")


def _repo(value: str) -> str:
    if not REPO_RE.match(value):
        raise fail(
            say(
                "must be the repository as owner/name, such as 'bendruomene/svetaine', got {value!r}",
                value=value,
            )
        )
    return value


class Editor(Strict):
    """The web editor at /admin/: the repository it commits to and how editors sign in."""

    backend: Literal[EDITOR_BACKENDS]  # type: ignore[valid-type]
    repo: Annotated[Text, AfterValidator(_repo)]
    branch: Text = "main"
    base_url: Url | None = None  # GitLab's or Gitea's own address; for GitHub, the sign-in helper's
    app_id: Text | None = (
        None  # the OAuth application's id (GitLab, Gitea: sign-in without a server of ours)
    )

    @model_validator(mode="after")
    def _can_sign_in(self) -> Editor:
        if self.backend in ("gitlab", "gitea") and not self.app_id:
            raise fail(
                say(
                    "needs app_id: the id of the OAuth application made for the editor on {host} (see the guide)",
                    host=self.backend,
                )
            )
        if self.backend in ("github", "gitea") and not self.base_url:
            raise fail(
                say(
                    "needs base_url: for github the address of the sign-in helper, for gitea the server's address (see the guide)"
                )
            )
        return self


# Where `skaidra deploy` uploads (contract, section 9): the kinds of host rclone reaches.
DEPLOY_SCHEMES = ("s3", "sftp", "ftp", "ftps", "http", "https")


def _deploy_target(value: str) -> str:
    scheme, _, rest = value.partition("://")
    if scheme not in DEPLOY_SCHEMES or not rest or any(c.isspace() for c in value):
        raise fail(say(
            "must be where the site goes: s3://bucket/folder, sftp://user@host/folder, ftp://user@host/folder, "
            "ftps://… or a WebDAV address https://…; got {value!r}", value=value,
        ))  # fmt: skip
    if "@" in rest.split("/", 1)[0] and ":" in rest.split("@", 1)[0]:
        raise fail(say("must not hold a password: give it in SKAIDRA_DEPLOY_PASSWORD instead"))
    return value


class Deploy(Strict):
    """Where `skaidra deploy` uploads the published site; passwords and keys never here."""

    to: Annotated[Text, AfterValidator(_deploy_target)]
    endpoint: Url | None = None  # an S3-compatible service's address
    region: Text | None = None  # an S3 region

    @model_validator(mode="after")
    def _s3_has_endpoint(self) -> Deploy:
        if self.to.startswith("s3://") and not self.endpoint:
            raise fail(
                say(
                    "needs endpoint: the address of the S3-compatible storage, such as https://s3.eu-central-1.amazonaws.com"
                )
            )
        return self


class SiteFile(Strict):
    """Every key of `site.yaml`; only `title` is required."""

    title: Text
    tagline: dict[Lang, Text] | None = None
    url: Url | None = None
    languages: list[Lang] | None = Field(default=None, min_length=1)
    timezone: TimeZoneName | None = None
    publisher: Publisher | None = None
    logo: MediaPath | None = None
    social_image: MediaPath | None = None
    podcast: Podcast | None = None
    identity_domain: Text | None = None
    grant_id_prefix: Text | None = None
    data_licence: Licence | None = None
    members: list[Member] | None = None
    editor: Editor | None = None
    deploy: Deploy | None = None


@dataclass(frozen=True)
class SiteFileRead:
    """What reading `site.yaml` gave: the settings (None when absent or wrong), where each key is, problems."""

    site_file: SiteFile | None
    line_of: Callable[[tuple], int]
    problems: tuple[Problem, ...] = ()


def read_site_file(content: Path, shown: str) -> SiteFileRead:
    """Read and check `content/site.yaml`."""
    path = content / SITE_FILE
    where = f"{shown}/{SITE_FILE}"
    nowhere: Callable[[tuple], int] = lambda _loc: 1
    if not path.exists():
        return SiteFileRead(None, nowhere)
    try:
        doc = read_yaml_file(path)
    except SourceError as exc:
        return SiteFileRead(None, nowhere, (Problem(where, exc.line, exc.field, exc.message),))
    problems = tuple(
        Problem(where, line, dotted(loc), message) for line, loc, message in doc.problems
    )
    if problems:
        return SiteFileRead(None, doc.line_of, problems)
    if not isinstance(doc.data, dict):
        return SiteFileRead(
            None,
            doc.line_of,
            (
                Problem(
                    where,
                    1,
                    "-",
                    say("must be a group of 'key: value' lines, starting with 'title:'"),
                ),
            ),
        )
    try:
        site_file = SiteFile.model_validate(doc.data, context={"media_root": content / "media"})
    except ValidationError as exc:
        return SiteFileRead(None, doc.line_of, tuple(
            Problem(where, doc.line_of(place), dotted(place), message_of(e, SiteFile, place))
            for place, e in places_in_data(doc.data, exc.errors())
        ))  # fmt: skip
    members = [m.id for m in site_file.members or []]
    for i, member in enumerate(members):
        if member in members[:i]:
            problem = Problem(
                where,
                doc.line_of(("members", i, "id")),
                f"members[{i}].id",
                say("duplicate id {id!r}", id=member),
            )
            return SiteFileRead(None, doc.line_of, (problem,))
    return SiteFileRead(site_file, doc.line_of)


def first_language(content: Path) -> str | None:
    """The first of site.yaml's `languages`, read leniently: messages about site.yaml itself are said in it."""
    try:
        data = read_yaml_file(content / SITE_FILE).data
    except (SourceError, OSError):
        return None
    languages = data.get("languages") if isinstance(data, dict) else None
    first = languages[0] if isinstance(languages, list) and languages else None
    return first if isinstance(first, str) and LANG_RE.match(first) else None
