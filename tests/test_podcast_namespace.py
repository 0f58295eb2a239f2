"""The rest of the Podcasting 2.0 namespace, and Apple's rules at build time (issue 17, points 5 and 6).

Each tag is read from the feed with lxml and compared with the example the
namespace's own documentation gives for it (element, attribute names, where
it sits); feedparser and podcastparser must still read the feed.
"""

from __future__ import annotations

import datetime as dt
import io

import feedparser
import mutagen
import podcast_site
import podcastparser
import pytest
from conftest import MINIMAL_SITE, ROOT, ContentTree, build, skaidra
from lxml import etree
from PIL import Image

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

PODCAST = "https://podcastindex.org/namespace/1.0"
NOW = "1717200000"  # 2024-06-01
GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810"

# The namespace documentation's examples (podcastindex.org/namespace/1.0, docs/tags/*.md), where each tag sits.
SPEC_EXAMPLES = {
    "channel": """<channel xmlns:podcast="https://podcastindex.org/namespace/1.0">
        <podcast:license url="https://example.org/mypodcastlicense/full.pdf">my-podcast-license-v1</podcast:license>
        <podcast:image href="https://example.com/images/pc20/cover-art.jpg" alt="A robot looking at a planet" aspect-ratio="1/1" width="3000" height="3000" type="image/jpeg" purpose="artwork"/>
        <podcast:txt purpose="applepodcastsverify">d4c6b7c1-7d59-4c2e-8f2f-0e5e2c6f9a3b</podcast:txt>
        <podcast:updateFrequency complete="false" dtstart="2023-04-01T00:00:00.000Z" rrule="FREQ=WEEKLY">Weekly</podcast:updateFrequency>
        <podcast:trailer pubdate="Thu, 01 Apr 2021 08:00:00 EST" url="https://example.org/trailers/teaser" length="12345678" type="audio/mp3" season="4">Coming April 1st, 2021</podcast:trailer>
        <podcast:podroll><podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" feedUrl="https://feeds.example.org/x.xml"/></podcast:podroll>
    </channel>""",
    "item": """<item xmlns:podcast="https://podcastindex.org/namespace/1.0">
        <podcast:season name="Race for the Whitehouse 2020">3</podcast:season>
        <podcast:episode>315</podcast:episode>
        <podcast:license url="https://creativecommons.org/licenses/by/4.0/">cc-by-4.0</podcast:license>
        <podcast:location geo="geo:30.2672,97.7431" osm="R113314">Austin, TX</podcast:location>
        <podcast:person role="guest" href="https://www.wikipedia/alicebrown" img="http://example.com/images/alicebrown.jpg">Alice Brown</podcast:person>
        <podcast:image href="https://example.com/images/ep1/pci_avatar-massive.jpg" alt="A bear" aspect-ratio="1/1" width="1500" height="1500" type="image/jpeg"/>
        <podcast:alternateEnclosure type="audio/mpeg" length="43200000" bitrate="128000" default="true" title="Standard"><podcast:source uri="https://example.com/file-0.mp3"/></podcast:alternateEnclosure>
    </item>""",
}


def spec_example(where: str, tag: str) -> etree._Element:
    return etree.fromstring(SPEC_EXAMPLES[where]).find(f"{{{PODCAST}}}{tag}")


SITE = f"""\
title: Bandomoji svetainė
publisher: {{name: Bandomoji leidėja, email: leideja@example.org}}
podcast:
  title: Bandomasis podkastas
  description: Podkastas testams.
  image: art.png
  image_alt: Pilkas kvadratas su podkasto pavadinimu
  license: CC-BY-SA-4.0
  seasons: {{1: Pirmieji žingsniai}}
  update_frequency: {{rule: "FREQ=MONTHLY", label: Kas mėnesį}}
  applepodcastsverify: 0a1b2c3d-apple-token
  podroll:
    - {{feed_guid: {GUID}, feed_url: "https://kitas.example/feeds/podcast.xml"}}
    - {{feed_guid: ead4c236-bf58-58c6-a2c6-a6b28d128cb6}}
"""

EPISODES = {
    "podcast/pirmas.md": """\
        ---
        title: Pirmas epizodas
        date: 2024-03-30 09:00
        audio: garsas/pirmas.mp3
        alternate_audio: [garsas/pirmas.opus]
        transcript: garsas/pirmas.txt
        episode: 1
        season: 1
        image: garsas/virselis.png
        image_alt: Mikrofonas ant stalo
        location: {name: Tauragė, geo: [55.25, 22.29]}
        license: CC-BY-4.0
        persons:
          - {name: Ona Vedėja, role: host, url: https://example.org/ona, img: garsas/ona.png}
        ---
        Užrašai.
        """,
    "podcast/anonsas.md": """\
        ---
        title: Netrukus pirmas sezonas
        date: 2024-03-01 09:00
        audio: garsas/anonsas.mp3
        transcript: garsas/pirmas.txt
        episode_type: trailer
        season: 1
        license: {name: Bendruomenės licencija, url: "https://example.org/licencija"}
        ---
        Anonsas.
        """,
}


def write_site(tree: ContentTree) -> None:
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    for relative, content in EPISODES.items():
        tree.write(relative, content)
    tree.write("site.yaml", SITE)
    tree.write("media/art.png", podcast_site.png(1400, 1400))
    tree.write("media/garsas/virselis.png", podcast_site.png(1500, 1500))
    tree.write("media/garsas/ona.png", podcast_site.png(200, 200))
    tree.write("media/garsas/pirmas.txt", "Visas tekstas.\n")
    for name in ("pirmas", "anonsas"):
        tree.write(f"media/garsas/{name}.mp3", (ROOT / "tests/fixtures/tiny.mp3").read_bytes())
    tree.write("media/garsas/pirmas.opus", (ROOT / "tests/fixtures/silence.opus").read_bytes())


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    base = tmp_path_factory.mktemp("namespace")
    tree = ContentTree(base / "content")
    write_site(tree)
    build(tree.root, base / "output", env={"SOURCE_DATE_EPOCH": NOW})
    return (base / "output/feeds/podcast.xml").read_bytes()


def parts(feed: bytes):
    channel = etree.fromstring(feed).find("channel")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    return channel, items


def same_shape(ours: etree._Element, where: str) -> None:
    """Our element is the spec's: the same name, only attributes the spec's example uses."""
    example = spec_example(where, etree.QName(ours).localname)
    assert example is not None, etree.QName(ours).localname
    assert set(ours.attrib) <= set(example.attrib), (set(ours.attrib), set(example.attrib))
    for child in ours:
        assert etree.QName(child).localname in {etree.QName(c).localname for c in example}


def test_channel_tags_as_the_spec_writes_them(feed):
    channel, _ = parts(feed)
    tag = lambda name: channel.find(f"{{{PODCAST}}}{name}")
    for name in ("license", "image", "txt", "updateFrequency", "trailer", "podroll"):
        same_shape(tag(name), "channel")
    assert tag("license").text == "cc-by-sa-4.0"
    assert tag("image").attrib == {
        "href": "http://localhost:8000/media/art.png", "alt": "Pilkas kvadratas su podkasto pavadinimu",
        "width": "1400", "height": "1400", "aspect-ratio": "1400/1400", "type": "image/png",
    }  # fmt: skip
    assert (tag("txt").get("purpose"), tag("txt").text) == (
        "applepodcastsverify",
        "0a1b2c3d-apple-token",
    )
    assert (
        tag("updateFrequency").attrib == {"rrule": "FREQ=MONTHLY", "complete": "false"}
        and tag("updateFrequency").text == "Kas mėnesį"
    )
    trailer = tag("trailer")
    assert trailer.text == "Netrukus pirmas sezonas" and trailer.get("season") == "1"
    assert (
        trailer.get("url") == "http://localhost:8000/media/garsas/anonsas.mp3"
        and trailer.get("type") == "audio/mpeg"
    )
    assert trailer.get("length") == str((ROOT / "tests/fixtures/tiny.mp3").stat().st_size)
    assert trailer.get("pubdate") == "Fri, 01 Mar 2024 09:00:00 +0200"
    remote = [item.attrib for item in tag("podroll")]
    assert remote == [
        {"feedGuid": GUID, "feedUrl": "https://kitas.example/feeds/podcast.xml"},
        {"feedGuid": "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"},
    ]


def test_item_tags_as_the_spec_writes_them(feed):
    _, items = parts(feed)
    item = items["Pirmas epizodas"]
    tag = lambda name: item.find(f"{{{PODCAST}}}{name}")
    for name in (
        "season",
        "episode",
        "license",
        "location",
        "person",
        "image",
        "alternateEnclosure",
    ):
        same_shape(tag(name), "item")
    assert (tag("season").text, tag("season").get("name")) == ("1", "Pirmieji žingsniai")
    assert tag("episode").text == "1"
    assert tag("license").text == "cc-by-4.0"
    assert (tag("location").text, tag("location").get("geo")) == ("Tauragė", "geo:55.25,22.29")
    assert tag("person").attrib == {
        "role": "host",
        "href": "https://example.org/ona",
        "img": "http://localhost:8000/media/garsas/ona.png",
    }
    assert tag("image").get("alt") == "Mikrofonas ant stalo" and tag("image").get("width") == "1500"
    enclosures = item.findall(f"{{{PODCAST}}}alternateEnclosure")
    assert [
        (e.get("type"), e.get("default"), e.find(f"{{{PODCAST}}}source").get("uri"))
        for e in enclosures
    ] == [
        ("audio/mpeg", "true", "http://localhost:8000/media/garsas/pirmas.mp3"),
        ("audio/opus", None, "http://localhost:8000/media/garsas/pirmas.opus"),
    ]
    assert enclosures[1].get("length") == str((ROOT / "tests/fixtures/silence.opus").stat().st_size)
    # The bit rate of each: its bytes over its length in seconds, as mutagen reads the length here.
    for enclosure, fixture in zip(enclosures, ("tiny.mp3", "silence.opus"), strict=True):
        path = ROOT / "tests/fixtures" / fixture
        seconds = mutagen.File(path).info.length
        assert enclosure.get("bitrate") == str(round(path.stat().st_size * 8 / seconds)), fixture
    trailer = items["Netrukus pirmas sezonas"]
    licence = trailer.find(f"{{{PODCAST}}}license")
    assert (licence.text, licence.get("url")) == (
        "Bendruomenės licencija",
        "https://example.org/licencija",
    )
    assert trailer.find(f"{{{PODCAST}}}season").get("name") == "Pirmieji žingsniai"


def test_feedparser_and_podcastparser_still_read_the_feed(feed):
    parsed = feedparser.parse(feed)
    assert not parsed.bozo and len(parsed.entries) == 2
    episodes = podcastparser.parse("http://localhost:8000/feeds/podcast.xml", io.BytesIO(feed))[
        "episodes"
    ]
    assert sorted(e["title"] for e in episodes) == ["Netrukus pirmas sezonas", "Pirmas epizodas"]
    assert {e["title"]: e["enclosures"][0]["url"] for e in episodes}[
        "Pirmas epizodas"
    ] == "http://localhost:8000/media/garsas/pirmas.mp3"


def picture(mode: str, kind: str, side: int = 1400) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (side, side)).save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "artwork, message",
    [
        (picture("RGB", "JPEG"), None),
        (
            picture("RGB", "GIF"),
            "content/media/art.png is a GIF file whatever its name says; podcast apps take JPEG or PNG",
        ),
        (
            picture("CMYK", "JPEG"),
            "content/media/art.png is in the CMYK colour space; podcast apps take RGB: save it as RGB",
        ),
        (
            picture("L", "PNG"),
            "content/media/art.png is in the L colour space; podcast apps take RGB: save it as RGB",
        ),
        (
            picture("RGB", "PNG", 1200),
            "must be square, 1400 to 3000 pixels a side; content/media/art.png is 1200×1200",
        ),
    ],
    ids=["jpeg-named-png-is-fine", "gif", "cmyk", "greyscale", "small"],
)
def test_artwork_is_judged_by_the_file_not_its_name(tmp_path, artwork, message):
    tree = ContentTree(tmp_path / "content")
    write_site(tree)
    tree.write("media/art.png", artwork)
    run = skaidra("check", "--input", str(tree.root))
    if message is None:
        assert run.code == 0, run.problems
    else:
        assert run.code == 1
        assert run.problems == [f"{tree.root}/site.yaml:6: podcast.image: {message}"]


def test_apples_rules_name_the_file(tmp_path):
    tree = ContentTree(tmp_path / "content")
    write_site(tree)
    episode = tree.root / "podcast/pirmas.md"
    size = (ROOT / "tests/fixtures/tiny.mp3").stat().st_size
    episode.write_text(
        episode.read_text(encoding="utf-8")
        .replace("episode: 1\n", f"episode: 1\nlength: {size + 1}\nsummary: {'ą' * 2001}\n")
        .replace("image: garsas/virselis.png", "image: garsas/ona.png"),
        encoding="utf-8",
    )
    trailer = tree.root / "podcast/anonsas.md"
    trailer.write_text(
        trailer.read_text(encoding="utf-8").replace(
            "audio: garsas/anonsas.mp3", "audio: garsas/pirmas.mp3"
        ),
        encoding="utf-8",
    )
    run = skaidra("check", "--input", str(tree.root))
    assert run.code == 1
    assert run.problems == [
        f"{episode}:4: audio: garsas/pirmas.mp3 is already the recording of {trailer}: podcast apps need each episode's own file",
        f"{episode}:8: length: is {size + 1} bytes, but content/media/garsas/pirmas.mp3 has {size}: leave 'length' out for a file under content/media",
        f"{episode}:9: summary: is 4002 bytes long; Apple Podcasts takes at most 4000: shorten it",
        f"{episode}:11: image: must be square, 1400 to 3000 pixels a side; content/media/garsas/ona.png is 200×200",
    ]
    write_site(tree)  # the episodes as they were; the channel's description too long
    site = tree.root / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace(
            "description: Podkastas testams.", "description: " + "Ž" * 2001
        ),
        encoding="utf-8",
    )
    run = skaidra("check", "--input", str(tree.root))
    assert run.code == 1
    assert run.problems == [
        f"{site}:5: podcast.description: is 4002 bytes long; Apple Podcasts takes at most 4000: shorten it"
    ]


def test_trailer_date_is_the_episodes_own(feed):
    channel, _ = parts(feed)
    pubdate = channel.find(f"{{{PODCAST}}}trailer").get("pubdate")
    assert dt.datetime.strptime(pubdate, "%a, %d %b %Y %H:%M:%S %z") == dt.datetime(
        2024, 3, 1, 7, 0, tzinfo=dt.UTC
    )
