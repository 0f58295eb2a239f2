"""The sanitiser behind every rendered text: what validation refuses, it would remove too."""

from __future__ import annotations

from bs4 import BeautifulSoup
from skaidra_core.markup import Renderer
from skaidra_model.html_policy import markdown_problems

HOSTILE = """\
Tekstas su <a href="javascript:alert(1)" onclick="alert(2)">nuoroda</a> ir [kita](javascript:alert(3)).

<script>alert(4)</script>
<img src="/media/a.png" alt="A" onerror="alert(5)" style="width:1px">
<iframe src="https://evil.example/embed"></iframe>
<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Vaizdo įrašas"></iframe>
<object data="x.swf"></object>
"""


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
