"""Text held compressed: what a cache keeps of every page's text between builds.

A devserver holds its caches for every content file between builds; compressed UTF-8 takes a
fraction of the memory of a str of Lithuanian text (two bytes a character), and unlike a str,
bytes pickled leave no UTF-8 copy of themselves attached for good.
"""

from __future__ import annotations

import hashlib
import zlib


def pack(text: str) -> bytes:
    """`text` compressed (quickly: it is packed once per change and unpacked once per build)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    """The text `pack` was given."""
    return zlib.decompress(packed).decode("utf-8")


def text_key(text: str) -> bytes:
    """A short key for a text, for caches that should not hold the text itself."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
