"""Whatever an editor types in a plain-text field of YAML or front matter shows as
text, never as markup. (Markdown fields that hold scripts are refused: see the corpus.)"""

from __future__ import annotations

import json

from conftest import ContentTree, build, html

HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_in_every_field_is_shown_as_text(content: ContentTree, tmp_path):
    content.write(
        "data/organisations.yaml",
        f"""\
        - id: org
          name: "{HOSTILE} Org"
          short_name: "{HOSTILE}"
          description: "Aprašymas"
        """,
    )
    content.write(
        "data/funders.yaml",
        f"""\
        - id: fondas
          name: "{HOSTILE} Fondas"
          publicity_statement: "Finansuoja fondas"
        """,
    )
    content.write(
        "data/projects/demo.yaml",
        f"""\
        id: DEMO-1
        title: "{HOSTILE} Projektas"
        organisation: org
        summary: "{HOSTILE} santrauka"
        description: "Aprašymas"
        period: {{start: 2024-01-01, end: 2024-12-31}}
        funding:
          - funder: fondas
            amount: 1000
            programme: "{HOSTILE} programa"
        goals: ["Tikslas"]
        expected_results: ["Rezultatas"]
        activities:
          - id: mokymai
            title: "{HOSTILE} veikla"
            items: ["Punktas"]
            indicators:
              - name: "{HOSTILE} rodiklis"
                target: 10
                source: events
        partners:
          - name: "{HOSTILE} partneris"
        """,
    )
    content.write(
        "posts/labas.md",
        f"""\
        ---
        title: "{HOSTILE} Labas"
        date: 2024-02-01
        summary: "{HOSTILE} santrauka"
        project: DEMO-1
        tags: ["{HOSTILE}"]
        ---
        Tekstas ir <abbr title="{HOSTILE}">NVO</abbr>.
        """,
    )
    output = tmp_path / "output"
    build(content.root, output)

    pages = list(output.rglob("*.html"))
    assert pages
    for path in pages:
        soup = html(path)
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.string, path  # JSON-LD escapes markup, cannot break out
                json.loads(script.string)
            else:
                assert script.get("src") and not script.string, path  # no inline script at all
        for element in soup.find_all(True):
            assert not any(a.startswith("on") for a in element.attrs), (path, element)
            assert not str(element.get("href", "")).startswith("javascript:"), path

    project = html(output / "projektai/demo-1/index.html")
    assert project.h1.get_text() == f"{HOSTILE} Projektas"
    post = html(output / "naujienos/script-alert-1-script-labas/index.html")
    assert post.h1.get_text() == f"{HOSTILE} Labas"
    assert f"{HOSTILE} santrauka" in post.find("meta", attrs={"name": "description"})["content"]
