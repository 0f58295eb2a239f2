"""A site with a podcast: channel settings, artwork, episodes with transcripts and chapters."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def png(width: int, height: int) -> bytes:
    """A plain grey PNG of the given size in RGB (as Apple asks of artwork), for artwork checks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + b"\x80" * (3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


SETTINGS = """\
import os, sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa

SKAIDRA = {{"publisher": {{"name": "Bandomoji leidėja", "email": "leideja@example.org"}}}}
PODCAST = {{
    "title": "Bandomasis podkastas",
    "description": "Podkastas testams.",
    "image": {image!r},
    "categories": [["Society & Culture", "Documentary"], ["Government"]],
    "owner_email": "podkastas@example.org",
    "directories": [{{"name": "Apple Podcasts", "url": "https://podcasts.apple.example/skaidra"}}],
}}
"""

EPISODES = {
    "podcast/pirmas.md": """\
        ---
        title: Pirmas epizodas
        date: 2024-03-30 09:00
        audio: garsas/tiny.mp3
        duration: "99:00:00"
        transcript: garsas/pirmas.vtt
        episode: 1
        season: 1
        project: DEMO-1
        summary: Pirmojo epizodo santrauka.
        persons:
          - {name: Ona Vedėja, role: host}
          - {name: Jonas Svečias, role: guest, url: https://example.org/jonas}
        chapters:
          - {start: "00:00:00", title: Pradžia}
          - {start: "00:00:02", title: Skaičiai}
        ---
        Epizodo **užrašai** su [nuoroda]({static}/media/garsas/pirmas.vtt).
        """,
    "podcast/antras.md": """\
        ---
        title: Antras epizodas
        date: 2024-04-02 09:00
        audio: https://cdn.example.org/antras.m4a
        duration: "00:42:10"
        length: 40500000
        transcript: garsas/antras.txt
        episode: 2
        season: 1
        explicit: true
        episode_type: bonus
        ---
        Antro epizodo užrašai.
        """,
}

MEDIA = {
    "garsas/pirmas.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n<v Ona Vedėja>Vienas, du.\n\n00:00:01.500 --> 00:00:03.000\nTrys, keturi, penki.\n",
    "garsas/antras.txt": "Pirma pastraipa.\n\nAntra pastraipa.\n",
}


def write(tree, root: Path, image: bytes | None = None) -> Path:
    """Add the podcast to a ContentTree; return the settings file to build with."""
    for relative, text in EPISODES.items():
        tree.write(relative, text)
    for relative, text in MEDIA.items():
        tree.write(f"media/{relative}", text)
    tree.write("media/garsas/tiny.mp3", (FIXTURES / "tiny.mp3").read_bytes())
    tree.write("media/art.png", image if image is not None else png(1400, 1400))
    settings = tree.root.parent / "podcastconf.py"
    settings.write_text(SETTINGS.format(root=str(root), image="art.png"), encoding="utf-8")
    return settings
