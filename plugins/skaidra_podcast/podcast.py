"""Episode pages, the podcast index, JSON chapters, and `feeds/podcast.xml`.

Reads: `PODCAST` (see channel.py), `SITENAME`, `SITESUBTITLE`, `SITEURL`, `DEFAULT_LANG`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals
from skaidra_core.generator import SkaidraGenerator
from skaidra_core.i18n import N_
from skaidra_core.links import resolve
from skaidra_core.markup import excerpt, plain_text
from skaidra_core.navigation import Link
from skaidra_model import Episode, Problem, Site

from .channel import channel, check_channel, feed_guid
from .feed import extras_of, new_feed
from .tags import channel_tags, item_tags

FUNDING_LABEL = N_("Funding of the projects")


class PodcastGenerator(SkaidraGenerator):
    """Write the podcast's pages, chapters and feed, when there are episodes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = channel(self.settings)

    def audio_url(self, episode: Episode) -> str:
        return episode.audio.url or self.absolute(f"media/{episode.audio.media_path}")

    capability = "podcast"

    def declare_links(self) -> None:
        if self.site.episodes:
            self.build.menu.append(Link("podcast", N_("Podcast"), 40, route="podcast"))

    def write_output(self, writer) -> None:
        episodes = self.site.canonical_episodes()
        if not episodes:
            return
        feed_url = self.absolute(self.routes.file("podcast_feed"))
        image = f"media/{self.config['image']}" if self.config["image"] else None
        self.write_in_all_languages(
            writer, "podcast", "podcast",
            episodes=episodes, podcast=self.config, image=image, feed_url=feed_url, section="podcast",
        )  # fmt: skip
        for episode in episodes:
            self.write_episode(writer, episode, image)
        self.write_file(self.routes.file("podcast_feed"), self.feed(episodes, feed_url))

    def chapters_path(self, episode: Episode) -> str | None:
        return (
            f"{self.routes.route('episode', self.default_lang, slug=episode.slug)}chapters.json"
            if episode.meta.chapters
            else None
        )

    def write_episode(self, writer, episode: Episode, image: str | None) -> None:
        paths = {
            lang: self.routes.route("episode", lang, slug=episode.slug) for lang in self.languages
        }
        chapters = self.chapters_path(episode)
        if chapters and not self.reuse_file(chapters, (f"file:{episode.source}",)):
            document = {
                "version": "1.2.0",
                "title": episode.title,
                "chapters": [
                    {"startTime": c.start, "title": c.title} for c in episode.meta.chapters
                ],
            }
            self.write_file(
                chapters, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
            )
        project = self.site.projects.get(episode.project_ids[0]) if episode.project_ids else None
        for lang in self.languages:
            version = self.site.version_in(episode, lang)
            self.write_page(
                writer, "episode", paths, lang,
                episode=version, canonical=episode, project=project, chapters_url=chapters,
                audio_url=episode.audio.url or f"{self.settings['SITE_PATH']}/media/{episode.audio.media_path}",
                podcast=self.config,
                jsonld=self.jsonld(version, episode, self.absolute(paths[lang]), image),
                section="podcast",
            )  # fmt: skip

    def summary(self, episode: Episode) -> str:
        return episode.meta.summary or excerpt(plain_text(self.renderer.html(episode.body)), 600)

    def jsonld(self, version: Episode, episode: Episode, url: str, image: str | None) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "PodcastEpisode",
            "name": version.title,
            "url": url,
            "datePublished": episode.published.isoformat(),
            "description": self.summary(version),
            "timeRequired": f"PT{episode.audio.duration}S",
            "associatedMedia": {
                "@type": "AudioObject",
                "contentUrl": self.audio_url(episode),
                "encodingFormat": episode.audio.mime_type,
                "duration": f"PT{episode.audio.duration}S",
            },
            "partOfSeries": {
                "@type": "PodcastSeries",
                "name": self.config["title"],
                "url": self.absolute(self.routes.route("podcast", self.default_lang)),
            },
        }
        if episode.meta.episode:
            data["episodeNumber"] = episode.meta.episode
        if image:
            data["image"] = self.absolute(image)
        return data

    def feed(self, episodes: list[Episode], feed_url: str) -> bytes:
        """The RSS feed, newest episode first."""
        config = self.config
        text = self.text(self.default_lang)
        page = self.absolute(self.routes.route("podcast", self.default_lang))
        fg = new_feed()
        fg.title(config["title"])
        fg.description(
            config["description"] or self.settings.get("SITESUBTITLE") or config["title"]
        )
        fg.link(href=feed_url, rel="self")
        fg.link(href=page, rel="alternate")  # feedgen's RSS <link> is the last link given
        fg.language(self.default_lang)
        fg.generator("Skaidra")
        if config["copyright"]:
            fg.copyright(config["copyright"])
        fg.podcast.itunes_author(config["author"])
        fg.podcast.itunes_owner(name=config["owner_name"], email=config["owner_email"])
        fg.podcast.itunes_category([_category(c) for c in config["categories"]])
        fg.podcast.itunes_type(config["type"])
        fg.podcast.itunes_summary(config["description"] or config["title"])
        extras = extras_of(fg)
        extras.explicit = bool(config["explicit"])
        if config["image"]:
            extras.image = self.absolute(f"media/{config['image']}")
            fg.image(url=extras.image, title=config["title"], link=page)
        extras.guid = feed_guid(self.settings, feed_url)
        extras.locked = bool(config["locked"])
        extras.owner_email = config["owner_email"]
        if self.build.provides("funding"):
            extras.funding = (
                self.absolute(self.routes.route("funding", self.default_lang)),
                text(FUNDING_LABEL),
            )
        media = Path(self.settings["PATH"]) / "media"
        extras.tags = channel_tags(config, episodes, media, self.absolute, self.audio_url)
        fg.lastBuildDate(episodes[0].published)
        url_of = self.context["url_of_source"]
        for episode in reversed(episodes):  # feedgen prepends: add oldest first
            fe = fg.add_entry()
            fe.guid(episode.guid, permalink=False)
            fe.title(episode.title)
            fe.link(
                href=self.absolute(
                    self.routes.route("episode", self.default_lang, slug=episode.slug)
                )
            )
            fe.description(self.summary(episode))
            notes = resolve(
                self.renderer.html(episode.body), episode.source, url_of, self.settings["SITEURL"]
            )
            if notes:
                fe.content(notes, type="CDATA")
            fe.pubDate(episode.published)
            fe.enclosure(
                self.audio_url(episode), str(episode.audio.length), episode.audio.mime_type
            )
            fe.podcast.itunes_duration(str(episode.audio.duration))
            fe.podcast.itunes_episode_type(episode.meta.episode_type)
            if episode.meta.episode:
                fe.podcast.itunes_episode(episode.meta.episode)
            if episode.meta.season:
                fe.podcast.itunes_season(episode.meta.season)
            item = extras_of(fe)
            item.explicit = episode.meta.explicit
            if episode.meta.image:
                item.image = self.absolute(f"media/{episode.meta.image}")
            if episode.transcript:
                attributes = {
                    "url": self.absolute(f"media/{episode.transcript.media_path}"),
                    "type": episode.transcript.mime_type,
                    "language": episode.lang,
                }
                if episode.transcript.cues:
                    attributes["rel"] = "captions"
                item.transcripts.append(attributes)
            chapters = self.chapters_path(episode)
            if chapters:
                item.chapters = self.absolute(chapters)
            for person in episode.meta.persons:
                entry = {"name": person.name, "role": person.role.lower()}
                if person.url:
                    entry["href"] = person.url
                if person.img:
                    entry["img"] = self.absolute(f"media/{person.img}")
                item.persons.append(entry)
            item.tags = item_tags(episode, config, media, self.absolute, self.audio_url(episode))
        return fg.rss_str(pretty=True)


def _category(entry: list[str]) -> dict:
    category = {"cat": entry[0]}
    if len(entry) > 1:
        category["sub"] = entry[1]
    return category


def check(settings: dict, site: Site, settings_file: Path, shown: str) -> list[Problem]:
    """Problems with the podcast's settings, for `make check` and every build."""
    return check_channel(settings, site, settings_file, shown)


def get_generators(_pelican):
    return PodcastGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
