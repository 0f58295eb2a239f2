"""The Lithuanian catalogs are complete: every string the theme and plugins show, and every message
the generator says to editors, is translated."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT

METHODS = [("theme/templates/**.html", "jinja2"), ("plugins/**.py", "python")]
OPTIONS = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


EDITOR_METHODS = [
    ("plugins/**.py", "python"),
    ("skaidra/**.py", "python"),
]  # as babel-editor.cfg says
EDITOR_KEYWORDS = {"say": None, "say_count": (1, 2)}


def used_messages(methods=METHODS, keywords=None) -> set[str]:
    found = set()
    keywords = keywords or {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), methods, options_map=OPTIONS, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def translations(po: str) -> dict[str, bool]:
    """Each message id of a catalog: whether it is translated (every plural form, not fuzzy)."""
    with (ROOT / po).open("rb") as handle:
        catalog = read_po(handle, locale="lt")
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        translated[key] = all(strings) and "fuzzy" not in message.flags
    return translated


def test_every_interface_string_has_a_lithuanian_translation():
    translated = translations("theme/translations/lt/LC_MESSAGES/messages.po")
    used = used_messages()
    assert len(used) > 100
    assert sorted(m for m in used if not translated.get(m)) == []
    assert sorted(set(translated) - used) == []  # nothing stale left in the catalog


def test_every_message_to_editors_has_a_lithuanian_translation_with_the_same_fields():
    import string

    with (ROOT / "plugins/skaidra_model/translations/lt/LC_MESSAGES/editor.po").open(
        "rb"
    ) as handle:
        catalog = read_po(handle, locale="lt")
    translated = translations("plugins/skaidra_model/translations/lt/LC_MESSAGES/editor.po")
    used = used_messages(EDITOR_METHODS, EDITOR_KEYWORDS)
    assert len(used) > 150
    assert sorted(m for m in used if not translated.get(m)) == []
    assert sorted(set(translated) - used) == []

    def fields(text: str) -> set[str]:
        return {
            name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name
        }

    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        allowed = set().union(*(fields(i) for i in ids)) | ({"n"} if len(ids) > 1 else set())
        for text in strings:
            assert fields(text) <= allowed, (
                message.id,
                text,
            )  # a field the code does not give would be a KeyError


def test_every_text_of_a_project_has_a_translation_or_shows_its_language(content, tmp_path):
    """Contract, "Translations": activities, indicators, partners, documents, links, organisations and
    funders carry `translations`; a page shows the translation, or the original marked with its lang."""
    from conftest import build, html

    content.write(
        "data/organisations.yaml",
        """\
        - id: org
          name: Bandomoji organizacija
          registration_code: "123456789"
          translations:
            en: {name: Test organisation}
        """,
    )
    content.write(
        "data/funders.yaml",
        """\
        - id: fondas
          name: Bandomasis fondas
          publicity_statement: Projektą finansuoja Bandomasis fondas.
          translations:
            en: {name: Test fund, publicity_statement: The project is funded by the Test fund.}
        """,
    )
    content.write(
        "data/projects/demo.yaml",
        """\
        id: DEMO-1
        title: Bandomasis projektas
        organisation: org
        summary: Trumpas projekto aprašymas.
        period: {start: 2024-01-01, end: 2024-12-31}
        funding:
          - funder: fondas
            amount: 1000
        activities:
          - id: mokymai
            title: Mokymai
            translations:
              en: {title: Training}
            indicators:
              - name: Dalyviai
                unit: asm.
                target: 10
                source: events
                translations:
                  en: {name: Participants, unit: people}
          - id: forumas
            title: Forumas
        partners:
          - name: Partneris
            role: vietos partneris
            translations:
              en: {role: local partner}
        links:
          - title: Projekto svetainė
            url: https://projektas.example
        """,
    )
    output = tmp_path / "output"
    build(content.root, output)
    page = html(output / "en/projects/demo-1/index.html")
    words = page.get_text()
    for english in ("Test organisation", "Test fund", "The project is funded by the Test fund.", "Training",
                    "Participants", "people", "local partner"):  # fmt: skip
        assert english in words, english
    for lithuanian in (
        "Bandomoji organizacija",
        "Dalyviai",
        "vietos partneris",
        "Projektą finansuoja",
    ):
        assert lithuanian not in words, lithuanian
    untranslated = [
        page.find(string="Forumas").parent,
        page.find("a", href="https://projektas.example").find("span"),
    ]
    assert all(node.get("lang") == "lt" for node in untranslated)  # the original, marked
    lithuanian_page = html(output / "projektai/demo-1/index.html")
    assert "Dalyviai" in lithuanian_page.get_text() and not lithuanian_page.find("span", lang=True)
