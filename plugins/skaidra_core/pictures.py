"""Pictures resized at build time into a `srcset` of modern formats, with their size.

A photo of 4000 px straight from a camera is several megabytes; a phone needs
a picture of a few hundred pixels. Each raster picture a page shows (under
`content/media`) is written at the widths below that it exceeds, as WebP and
in its own format for browsers without WebP, next to its original. The
files are named after a hash of the original, so a changed picture gets new
addresses, and their encodings are kept in a cache beside the output folder:
a rebuild encodes only new or changed pictures. SVG is drawn at any size and
is used as it is.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import imagesize
from PIL import Image, ImageOps

WIDTHS = (480, 960, 1600)
# Pillow's format of each raster kind we resize, and the media type of the result.
RASTER = {
    ".jpg": ("JPEG", "image/jpeg"),
    ".jpeg": ("JPEG", "image/jpeg"),
    ".png": ("PNG", "image/png"),
    ".webp": ("WEBP", "image/webp"),
}
WEBP = ("WEBP", "image/webp", ".webp")
QUALITY = 80
ENCODING = (
    f"q{QUALITY}-pillow{Image.__version__}"  # part of every cache key: a new encoder starts anew
)
CACHE_FOLDER = ".skaidra-cache/pictures"


Srcset = tuple[tuple[str, int], ...]  # (site path, width) of each file


@dataclass(frozen=True)
class Picture:
    """What a template needs to show a picture: its fallback, the files of each width, its size."""

    src: str  # site path of the fallback file
    width: int
    height: int
    srcset: Srcset = ()  # the fallback's type at every width
    sources: tuple[tuple[str, Srcset], ...] = ()  # (media type, files) of the modern formats


class Pictures:
    """The pictures of one build: each made once, written through `write`, encoded once ever."""

    def __init__(self, media: Path, cache: Path, write: Callable[[str, str, bytes], None]):
        self.media = media
        self.cache = cache
        self.write = write
        self.made: dict[str, Picture] = {}

    def of(self, media_path: str) -> Picture:
        """The picture of a file under `content/media` (as the content names it)."""
        if media_path not in self.made:
            self.made[media_path] = self._make(media_path)
        return self.made[media_path]

    def _make(self, media_path: str) -> Picture:
        source = self.media / media_path
        site_path = f"media/{media_path}"
        suffix = source.suffix.lower()
        if suffix not in RASTER:  # SVG, GIF: used as they are
            width, height = imagesize.get(source)
            return Picture(site_path, max(width, 0), max(height, 0))
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)  # a phone's photo stands the way it was taken
            width, height = image.size
            widths = sorted({*(w for w in WIDTHS if w < width), min(width, WIDTHS[-1])})
            own_format, own_type = RASTER[suffix]
            kinds = [WEBP, (own_format, own_type, suffix)] if own_format != "WEBP" else [WEBP]
            files: dict[str, list[tuple[str, int]]] = {}
            for pil_format, media_type, extension in kinds:
                for w in widths:
                    name = str(
                        PurePosixPath(site_path).with_name(f"{source.stem}.{digest}.{w}{extension}")
                    )
                    self.write(
                        name, site_path, self._encoded(image, digest, w, pil_format, extension)
                    )
                    files.setdefault(media_type, []).append((name, w))
        fallback = files.pop(kinds[-1][1])
        return Picture(
            src=fallback[-1][0],
            width=widths[-1],
            height=round(height * widths[-1] / width),
            srcset=tuple(fallback),
            sources=tuple((media_type, tuple(entries)) for media_type, entries in files.items()),
        )

    def _encoded(
        self, image: Image.Image, digest: str, width: int, pil_format: str, extension: str
    ) -> bytes:
        cached = self.cache / f"{digest}.{width}.{ENCODING}{extension}"
        if cached.exists():
            return cached.read_bytes()
        resized = (
            image
            if image.width == width
            else image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        )
        if pil_format == "JPEG" and resized.mode not in ("RGB", "L"):
            resized = resized.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": QUALITY} if pil_format in ("JPEG", "WEBP") else {"optimize": True}
        resized.save(buffer, pil_format, **options)
        data = buffer.getvalue()
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(cached.suffix + ".part")
        partial.write_bytes(data)
        partial.replace(cached)  # never a half-written file in the cache
        return data
