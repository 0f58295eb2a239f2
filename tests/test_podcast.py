"""The podcast: episode pages, and a feed that podcast apps and directories accept."""

from __future__ import annotations

import email.utils
import io
import json
import os
import re
import uuid

import feedparser
import mutagen
import podcast_site
import podcastparser
import pytest
from conftest import MINIMAL_SITE, ROOT, ContentTree, build, html, skaidra, text
from lxml import etree

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
NOW = "1717200000"  # 2024-06-01


@pytest.fixture(scope="module")
def podcast(tmp_path_factory):
    base = tmp_path_factory.mktemp("podcast")
    tree = ContentTree(base / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    settings = podcast_site.write(tree, ROOT)
    output = base / "output"
    build(tree.root, output, "--settings", str(settings), env={"SOURCE_DATE_EPOCH": NOW})
    return tree, settings, output


def feed_bytes(output) -> bytes:
    return (output / "feeds/podcast.xml").read_bytes()


def test_feedparser_reads_the_channel(podcast):
    _, _, output = podcast
    parsed = feedparser.parse(feed_bytes(output))
    assert not parsed.bozo, parsed.bozo_exception
    feed = parsed.feed
    assert feed.title == "Bandomasis podkastas"
    assert feed.subtitle == "Podkastas testams."
    assert feed.link == "http://localhost:8000/podkastas/"
    assert any(
        link.get("rel") == "self" and link["href"] == "http://localhost:8000/feeds/podcast.xml"
        for link in feed.links
    )
    assert feed.language == "lt"
    assert feed.image.href == "http://localhost:8000/media/art.png"
    assert feed.author == "Bandomoji leidėja"  # the publisher, by default
    assert feed.publisher_detail.email == "podkastas@example.org"
    assert [t.term for t in feed.tags] == ["Society & Culture", "Documentary", "Government"]
    assert not feed.get(
        "itunes_explicit"
    )  # feedparser knows only yes/clean; lxml checks "false" below


def test_podcastparser_reads_every_episode(podcast):
    _, _, output = podcast
    parsed = podcastparser.parse(
        "http://localhost:8000/feeds/podcast.xml", io.BytesIO(feed_bytes(output))
    )
    assert parsed["title"] == "Bandomasis podkastas"
    assert parsed["cover_url"] == "http://localhost:8000/media/art.png"
    assert parsed["type"] == "episodic"
    episodes = {e["title"]: e for e in parsed["episodes"]}
    first, second = episodes["Pirmas epizodas"], episodes["Antras epizodas"]
    audio = output / "media/garsas/tiny.mp3"
    assert first["enclosures"] == [
        {
            "url": "http://localhost:8000/media/garsas/tiny.mp3",
            "file_size": audio.stat().st_size,
            "mime_type": "audio/mpeg",
        }
    ]
    assert (
        first["total_time"] == round(mutagen.File(audio).info.length) == 3
    )  # the file, not the typed 99 hours
    assert first["number"] == 1 and first["season"] == 1
    assert first["type"] == "full" and second["type"] == "bonus"
    assert first["explicit"] is False and second["explicit"] is True
    assert second["enclosures"][0] == {
        "url": "https://cdn.example.org/antras.m4a",
        "file_size": 40500000,
        "mime_type": "audio/x-m4a",
    }
    assert second["total_time"] == 42 * 60 + 10
    assert parsed["episodes"][0]["title"] == "Antras epizodas"  # newest first
    assert first["published"] == int(
        email.utils.parsedate_to_datetime("Sat, 30 Mar 2024 09:00:00 +0200").timestamp()
    )


def xml(output):
    return etree.fromstring(feed_bytes(output))


def test_itunes_and_podcast_namespace_tags(podcast):
    _, _, output = podcast
    root = xml(output)
    channel = root.find("channel")
    raw = feed_bytes(output)
    assert (
        b'xmlns:podcast="https://podcastindex.org/namespace/1.0"' in raw.split(b">", 2)[1]
    )  # declared on <rss>
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert channel.findtext(f"{{{ITUNES}}}type") == "episodic"
    assert (
        channel.find(f"{{{ITUNES}}}owner").findtext(f"{{{ITUNES}}}email") == "podkastas@example.org"
    )
    expected_guid = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "localhost:8000/feeds/podcast.xml"
    )
    assert channel.findtext(f"{{{PODCAST}}}guid") == str(expected_guid)
    locked = channel.find(f"{{{PODCAST}}}locked")
    assert locked.text == "yes" and locked.get("owner") == "podkastas@example.org"
    funding = channel.find(f"{{{PODCAST}}}funding")
    assert (
        funding.get("url") == "http://localhost:8000/finansavimas/"
        and funding.text == "Projektų finansavimas"
    )
    items = {item.findtext("title"): item for item in channel.findall("item")}
    first = items["Pirmas epizodas"]
    assert first.find(f"{{{PODCAST}}}transcript").attrib == {
        "url": "http://localhost:8000/media/garsas/pirmas.vtt", "type": "text/vtt", "language": "lt", "rel": "captions"}  # fmt: skip
    assert items["Antras epizodas"].find(f"{{{PODCAST}}}transcript").get("type") == "text/plain"
    chapters = first.find(f"{{{PODCAST}}}chapters")
    assert chapters.get("type") == "application/json+chapters"
    assert chapters.get("url") == "http://localhost:8000/podkastas/pirmas/chapters.json"
    persons = [
        (p.text, p.get("role"), p.get("href")) for p in first.findall(f"{{{PODCAST}}}person")
    ]
    assert persons == [
        ("Ona Vedėja", "host", None),
        ("Jonas Svečias", "guest", "https://example.org/jonas"),
    ]
    assert first.findtext(f"{{{ITUNES}}}duration") == "3"
    assert first.findtext(f"{{{ITUNES}}}episodeType") == "full"
    guid = first.find("guid")
    assert guid.get("isPermaLink") == "false" and guid.text
    assert first.findtext("pubDate") == "Sat, 30 Mar 2024 09:00:00 +0200"
    assert 'href="http://localhost:8000/media/garsas/pirmas.vtt"' in first.findtext(
        "{http://purl.org/rss/1.0/modules/content/}encoded"
    )


def test_chapters_file(podcast):
    _, _, output = podcast
    chapters = json.loads((output / "podkastas/pirmas/chapters.json").read_text(encoding="utf-8"))
    assert chapters == {
        "version": "1.2.0",
        "title": "Pirmas epizodas",
        "chapters": [{"startTime": 0, "title": "Pradžia"}, {"startTime": 2, "title": "Skaičiai"}],
    }


def test_guids_survive_an_edited_title_and_builds_are_byte_identical(podcast, tmp_path):
    tree, settings, output = podcast
    again = tmp_path / "again"
    build(tree.root, again, "--settings", str(settings), env={"SOURCE_DATE_EPOCH": NOW})
    assert feed_bytes(again) == feed_bytes(output)
    tree.write(
        "podcast/pirmas.md",
        tree.read("podcast/pirmas.md").replace(
            "title: Pirmas epizodas", "title: Pirmasis epizodas"
        ),
    )
    edited = tmp_path / "edited"
    build(
        tree.root,
        edited,
        "--settings",
        str(settings),
        env={"SOURCE_DATE_EPOCH": str(int(NOW) + 3600)},
    )
    guids = lambda out: {i.findtext("guid") for i in xml(out).find("channel").findall("item")}
    assert guids(edited) == guids(output)
    assert "Pirmasis epizodas" in [
        i.findtext("title") for i in xml(edited).find("channel").findall("item")
    ]
    tree.write(
        "podcast/pirmas.md",
        tree.read("podcast/pirmas.md").replace(
            "title: Pirmasis epizodas", "title: Pirmas epizodas"
        ),
    )


def test_episode_page(podcast):
    _, _, output = podcast
    page = html(output / "podkastas/pirmas/index.html")
    audio = page.find("audio")
    assert audio.has_attr("controls") and audio["preload"] == "none"
    assert audio["src"] == "/media/garsas/tiny.mp3"
    assert page.find("a", download=True, href="/media/garsas/tiny.mp3")
    facts = text(page.select_one(".sk-facts"))
    assert "2024 m. kovo 30 d." in facts and "00:03" in facts and "1 sezonas, 1 epizodas" in facts
    assert "Ona Vedėja (vedėjas), Jonas Svečias (svečias)" in facts
    assert page.find("a", href="/projektai/demo-1/")
    chapters = page.select(".sk-chapters li")
    assert [text(li) for li in chapters] == [
        "00:00 Pradžia",
        "00:02 Skaičiai",
    ]  # a plain list without JavaScript
    assert page.select_one(".sk-chapters")["data-module"] == "sk-seek"
    transcript = page.find(id="transcript").find_parent("section")
    assert [text(p) for p in transcript.select(".sk-prose p")] == [
        "00:00 Ona Vedėja: Vienas, du.",
        "00:01 Trys, keturi, penki.",
    ]
    assert page.find("script", src=re.compile(r"^/theme/js/player\.[0-9a-f]{10}\.js$"))
    assert (
        page.find("link", rel="alternate", type="application/rss+xml")["href"]
        == "/feeds/podcast.xml"
    )
    text_transcript = (
        html(output / "podkastas/antras/index.html").find(id="transcript").find_parent("section")
    )
    assert [text(p) for p in text_transcript.select(".sk-prose p")] == [
        "Pirma pastraipa.",
        "Antra pastraipa.",
    ]


def test_every_page_links_the_podcast_feed(podcast):
    _, _, output = podcast
    for path in output.rglob("*.html"):
        link = html(path).find("link", rel="alternate", type="application/rss+xml")
        assert link is not None and link["href"] == "/feeds/podcast.xml", path


def test_podcast_index_has_subscribe_links(podcast):
    _, _, output = podcast
    page = html(output / "podkastas/index.html")
    links = {a["href"] for a in page.find(id="subscribe").find_parent("div").find_all("a")}
    assert links == {"/feeds/podcast.xml", "https://podcasts.apple.example/skaidra"}
    assert [text(h) for h in page.select(".sk-card__title")] == [
        "Antras epizodas",
        "Pirmas epizodas",
    ]


def episode_case(content: ContentTree, front: str) -> list[str]:
    podcast_site.write(content, ROOT)
    content.remove("podcast/antras.md")
    content.write("podcast/pirmas.md", "---\n" + front + "---\nUžrašai.\n")
    run = skaidra(
        "check",
        "--input",
        str(content.root),
        "--settings",
        str(content.root.parent / "podcastconf.py"),
    )
    assert run.code == 1
    return [line.replace(str(content.root) + "/", "") for line in run.problems]


BASE = "title: E\ndate: 2024-03-30 09:00\ntranscript: garsas/pirmas.vtt\n"


@pytest.mark.parametrize(
    "front, expected",
    [
        (
            BASE + "audio: garsas/nera.mp3\n",
            ["podcast/pirmas.md:5: audio: file not found: content/media/garsas/nera.mp3"],
        ),
        (
            BASE + "audio: https://cdn.example.org/e.mp3\n",
            [
                "podcast/pirmas.md:5: duration: is required when 'audio' is a web address (HH:MM:SS for duration, bytes for length)",
                "podcast/pirmas.md:5: length: is required when 'audio' is a web address (HH:MM:SS for duration, bytes for length)",
            ],
        ),
        (
            BASE + "audio: garsas/pirmas.vtt\n",
            ["podcast/pirmas.md:5: audio: must be an .mp3, .m4a, .ogg or .opus file"],
        ),
        (
            BASE
            + "audio: garsas/tiny.mp3\nchapters:\n  - {start: '00:00:02', title: A}\n  - {start: '00:00:01', title: B}\n",
            [
                "podcast/pirmas.md:8: chapters[1].start: must be later than the chapter before it (00:00:02)"
            ],
        ),
        (
            BASE + "audio: garsas/tiny.mp3\nchapters:\n  - {start: '00:10:00', title: A}\n",
            [
                "podcast/pirmas.md:7: chapters[0].start: 00:10:00 is not before the end of the audio (00:00:03)"
            ],
        ),
        (
            BASE + "audio: garsas/tiny.mp3\nchapters:\n  - {start: 'pusė minutės', title: A}\n",
            ["podcast/pirmas.md:7: chapters[0].start: must be a time HH:MM:SS, got 'pusė minutės'"],
        ),
        (
            "title: E\ndate: 2024-03-30 09:00\naudio: garsas/tiny.mp3\n",
            [
                "podcast/pirmas.md:2: transcript: is missing: audio needs a text transcript for people who cannot hear it (WCAG 1.2.1)"
            ],
        ),
        (
            BASE + "audio: garsas/tiny.mp3\ntranscript: garsas/tiny.mp3\n",
            ["podcast/pirmas.md:6: transcript: duplicate key 'transcript' (first given on line 4)"],
        ),
    ],
    ids=[
        "missing-audio",
        "remote-without-length",
        "not-audio",
        "chapters-out-of-order",
        "chapter-past-the-end",
        "chapter-not-a-time",
        "missing-transcript",
        "duplicate-key",
    ],
)
def test_broken_episodes(content: ContentTree, front, expected):
    assert episode_case(content, front) == expected


def test_bad_transcript_and_duplicate_numbers_and_guids(content: ContentTree):
    podcast_site.write(content, ROOT)
    content.write("media/garsas/blogas.vtt", "tai ne WebVTT\n")
    for name in ("trecias", "ketvirtas"):
        content.write(f"media/garsas/{name}.mp3", (ROOT / "tests/fixtures/tiny.mp3").read_bytes())
    content.write(
        "podcast/trecias.md",
        "---\ntitle: T\ndate: 2024-04-03 09:00\naudio: garsas/trecias.mp3\ntranscript: garsas/blogas.vtt\nepisode: 1\nseason: 1\nguid: sutampa\n---\n",
    )
    content.write(
        "podcast/ketvirtas.md",
        "---\ntitle: K\ndate: 2024-04-04 09:00\naudio: garsas/ketvirtas.mp3\ntranscript: garsas/pirmas.vtt\nguid: sutampa\n---\n",
    )
    run = skaidra(
        "check",
        "--input",
        str(content.root),
        "--settings",
        str(content.root.parent / "podcastconf.py"),
    )
    problems = [line.replace(str(content.root) + "/", "") for line in run.problems]
    assert run.code == 1
    assert problems == [
        "podcast/trecias.md:5: transcript: is not WebVTT: its first line must be 'WEBVTT'",
        "podcast/trecias.md:6: episode: season 1, episode 1 is already used by podcast/pirmas.md",
        "podcast/trecias.md:8: guid: guid 'sutampa' is already used by podcast/ketvirtas.md",
    ]


def test_an_html_transcript_with_a_script_is_refused(content: ContentTree):
    podcast_site.write(content, ROOT)
    content.write("media/garsas/antras.html", "<p>Tekstas.</p><script>alert(1)</script>")
    content.write(
        "podcast/antras.md",
        content.read("podcast/antras.md").replace("garsas/antras.txt", "garsas/antras.html"),
    )
    run = skaidra(
        "check",
        "--input",
        str(content.root),
        "--settings",
        str(content.root.parent / "podcastconf.py"),
    )
    assert run.code == 1
    assert [line.replace(str(content.root) + "/", "") for line in run.problems] == [
        "podcast/antras.md:7: transcript: contains HTML that would be removed: the <script> element is not allowed in content"
    ]


def test_missing_transcript_can_be_allowed_as_a_warning(content: ContentTree):
    settings = podcast_site.write(content, ROOT)
    settings.write_text(
        settings.read_text().replace(
            '"owner_email"', '"allow_missing_transcript": True,\n    "owner_email"'
        )
    )
    content.write(
        "podcast/antras.md",
        content.read("podcast/antras.md").replace("transcript: garsas/antras.txt\n", ""),
    )
    run = skaidra("check", "--input", str(content.root), "--settings", str(settings))
    assert run.code == 0, run.err
    assert [line.replace(str(content.root) + "/", "") for line in run.problems] == [
        "podcast/antras.md:2: transcript: warning: is missing: audio needs a text transcript for people who cannot hear it (WCAG 1.2.1)"
    ]


@pytest.mark.parametrize(
    "image, message",
    [
        (
            podcast_site.png(1200, 1200),
            "must be square, 1400 to 3000 pixels a side; content/media/art.png is 1200×1200",
        ),
        (
            podcast_site.png(1400, 1500),
            "must be square, 1400 to 3000 pixels a side; content/media/art.png is 1400×1500",
        ),
    ],
    ids=["too-small", "not-square"],
)
def test_channel_artwork_is_validated(content: ContentTree, image, message):
    settings = podcast_site.write(content, ROOT, image=image)
    run = skaidra("check", "--input", str(content.root), "--settings", str(settings))
    assert run.code == 1
    line = next(
        n for n, text in enumerate(settings.read_text().splitlines(), 1) if '"image"' in text
    )
    assert run.problems == [f"{os.path.relpath(settings)}:{line}: PODCAST.image: {message}"]


def test_sample_podcast_carries_the_confederation_episode(sample_output):
    parsed = feedparser.parse(feed_bytes(sample_output))
    assert not parsed.bozo
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert "bendradarbiavimo patirtis" in entry.title
    assert entry.enclosures[0].href.endswith(".mp3")
    page = html(sample_output / "podkastas/01-bendradarbiavimo-patirtis/index.html")
    assert "pavyzdys" in text(page).lower()
    assert page.find("a", href="/projektai/nvo-vaikams-2023/")
    assert len(page.select(".sk-transcript .sk-prose p")) >= 5


def test_an_episode_in_a_list_says_its_length_in_words(sample_output):
    """ "00:45" right after a date reads as a clock time: lists say "min." and give the length as a duration."""
    from conftest import html

    page = html(sample_output / "podkastas/index.html")
    meta = page.select_one(".sk-card__meta")
    length = meta.select("time")[1]
    assert length["datetime"].startswith("PT") and length["datetime"].endswith("S")
    seconds = int(length["datetime"][2:-1])
    assert length.get_text() == (f"{seconds // 60} min." if seconds >= 60 else f"{seconds} sek.")
    assert ":" not in length.get_text()
