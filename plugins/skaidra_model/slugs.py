"""Readable ASCII slugs from Lithuanian (or any) text."""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode


def slugify(text: str) -> str:
    """Turn `Ąžuolų sodinimas 2024!` into `azuolu-sodinimas-2024`."""
    ascii_text = unidecode(unicodedata.normalize("NFKC", text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
