"""The sanitiser behind every rendered text: what validation refuses, it would remove too."""

from __future__ import annotations

from bs4 import BeautifulSoup
from skaidra_core.markup import Renderer
from skaidra_model.html_policy import markdown_problems
from skaidra_model.packed_text import pack, text_key

HOSTILE = """\
Tekstas su <a href="javascript:alert(1)" onclick="alert(2)">nuoroda</a> ir [kita](javascript:alert(3)).

<script>alert(4)</script>
<img src="/media/a.png" alt="A" onerror="alert(5)" style="width:1px">
<iframe src="https://evil.example/embed"></iframe>
<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Vaizdo įrašas"></iframe>
<object data="x.swf"></object>
"""


def packed(texts: list[str]) -> dict[bytes, bytes]:
    """Texts as a folder's Markdown files hand them to `convert_ahead`."""
    return {text_key(text): pack(text) for text in texts}


def test_scripts_handlers_javascript_urls_and_foreign_iframes_are_removed():
    soup = BeautifulSoup(Renderer().html(HOSTILE), "html.parser")
    assert soup.find("script") is None and soup.find("object") is None
    for element in soup.find_all(True):
        assert not any(name.startswith("on") or name == "style" for name in element.attrs)
        for attribute in ("href", "src"):
            assert not str(element.get(attribute, "")).lower().startswith("javascript:")
    assert [i["src"] for i in soup.find_all("iframe")] == [
        "https://www.youtube-nocookie.com/embed/abc"
    ]
    assert soup.find("img")["alt"] == "A"
    assert "Tekstas su" in soup.get_text()


def test_validation_names_what_the_sanitiser_would_remove():
    messages = [message for _clue, message in markdown_problems(HOSTILE)]
    assert messages == [
        "javascript: addresses are not allowed (use https://, mailto: or a site path)",
        "event handler attributes such as onclick are not allowed",
        "javascript: addresses are not allowed (use https://, mailto: or a site path)",
        "the <script> element is not allowed in content",
        "event handler attributes such as onerror are not allowed",
        "style attributes are not allowed; the site's stylesheet styles content",
        "an <iframe> from evil.example is not allowed; only video players from www.youtube-nocookie.com, www.youtube.com, player.vimeo.com",
        "the <object> element is not allowed in content",
    ]


def test_ordinary_markdown_passes_untouched():
    text = '## Antraštė\n\n*Kursyvas*, **paryškinta**, [nuoroda](https://example.org) ir <abbr title="Nevyriausybinė organizacija">NVO</abbr>.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n'
    assert markdown_problems(text) == []
    html = Renderer().html(text)
    assert '<abbr title="Nevyriausybinė organizacija">NVO</abbr>' in html and "<table>" in html


def test_a_long_text_rendered_again_comes_back_whole_and_sanitised_from_its_packed_copy():
    """The renderer keeps a long HTML packed for the build (markup.py); rendered again, it is the same."""
    from skaidra_core.markup import KEPT_WHOLE

    renderer = Renderer()
    text = "\n\n".join(f"Pastraipa {i}: žinios apie projektą ir jo dalyvius." for i in range(40))
    text += "\n\n" + HOSTILE
    first = renderer.html(text)
    assert len(first) > KEPT_WHOLE
    again = renderer.html(text)
    assert again == first
    soup = BeautifulSoup(again, "html.parser")
    assert soup.find("script") is None and "Pastraipa 39:" in soup.get_text()


def test_texts_converted_together_on_several_cores_are_those_converted_one_by_one(tmp_path):
    """A folder's bodies are converted ahead, shared out among processes: each text's HTML is the same as
    its own conversion's, and is not converted again when a page asks for it."""
    import os

    from skaidra_model.html_policy import AHEAD_FROM, MarkdownRenderer

    texts = [
        f"## Skyrius {n}\n\nTekstas su [nuoroda](https://example.org/{n}), *pabrėžimu* ir <b>{n}</b>.\n"
        for n in range(AHEAD_FROM + 5)
    ]
    renderer = MarkdownRenderer(processes=2)
    converting = renderer._md.convert
    who = tmp_path / "who"

    def convert(text):  # each process that converts notes itself
        with who.open("a") as notes:
            notes.write(f"{os.getpid()}\n")
        return converting(text)

    renderer._md.convert = convert
    renderer.convert_ahead(packed(texts))
    assert len(set(who.read_text().split())) == 2  # this process and a forked one
    who.unlink()
    alone = MarkdownRenderer()
    assert [renderer.render(text) for text in texts] == [alone.render(text) for text in texts]
    assert not who.exists()  # nothing converted again
    assert BeautifulSoup(renderer.render(texts[3]), "html.parser").find("a")["href"] == (
        "https://example.org/3"
    )


def test_a_few_texts_are_converted_where_they_are_needed():
    from skaidra_model.html_policy import AHEAD_FROM, MarkdownRenderer

    renderer = MarkdownRenderer(processes=2)
    renderer.convert_ahead(packed([f"Tekstas {n}." for n in range(AHEAD_FROM - 1)]))
    assert renderer._ahead == {}  # not worth a forked process


def test_a_text_whose_checks_a_build_took_from_the_last_stays_converted_and_clean_for_the_next(
    tmp_path,
):
    from skaidra_model.html_policy import MarkdownRenderer

    text, cache = "Žr. [ataskaitą](https://example.org/ataskaita).", tmp_path / "markdown.pickle"
    first = MarkdownRenderer(cache)
    assert first.problems(text) == []  # checked, converted, found clean
    first.save()
    second = MarkdownRenderer(
        cache
    )  # a build that took the text's checks: no problems(), no render()
    second.seen(text_key(text))
    second.save()
    third = MarkdownRenderer(cache)
    third._md.convert = None  # converting again would fail
    assert third.problems(text) == []
    assert (
        BeautifulSoup(third.render(text), "html.parser").a["href"]
        == "https://example.org/ataskaita"
    )
    unseen = MarkdownRenderer(cache)
    unseen.save()  # a build that neither checked nor rendered it keeps nothing of it
    assert MarkdownRenderer(cache)._known == {}
