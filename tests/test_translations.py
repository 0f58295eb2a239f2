"""The Lithuanian interface catalog is complete: every string the theme and plugins use is translated."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT

METHODS = [("theme/templates/**.html", "jinja2"), ("plugins/**.py", "python")]
OPTIONS = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def used_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, options_map=OPTIONS, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_interface_string_has_a_lithuanian_translation():
    with (ROOT / "theme/translations/lt/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="lt")
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        translated[key] = all(strings) and "fuzzy" not in message.flags
    used = used_messages()
    assert len(used) > 100
    assert sorted(m for m in used if not translated.get(m)) == []
    assert sorted(set(translated) - used) == []  # nothing stale left in the catalog
