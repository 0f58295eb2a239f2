"""Whatever an editor types in YAML or front matter shows as text, never as markup."""

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
          description: "{HOSTILE} aprašymas"
        """,
    )
    content.write(
        "data/funders.yaml",
        f"""\
        - id: fondas
          name: "{HOSTILE} Fondas"
          publicity_statement: "{HOSTILE} finansuoja"
        """,
    )
    content.write(
        "data/projects/demo.yaml",
        f"""\
        id: DEMO-1
        title: "{HOSTILE} Projektas"
        organisation: org
        summary: "{HOSTILE} santrauka"
        description: "{HOSTILE} <img src=x onerror=alert(2)> aprašymas"
        period: {{start: 2024-01-01, end: 2024-12-31}}
        funding:
          - funder: fondas
            amount: 1000
            programme: "{HOSTILE} programa"
        goals: ["{HOSTILE} tikslas"]
        expected_results: ["{HOSTILE} rezultatas"]
        activities:
          - id: mokymai
            title: "{HOSTILE} veikla"
            items: ["{HOSTILE} punktas"]
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
        Tekstas <script>alert(3)</script> ir <a href="javascript:alert(4)" onclick="alert(5)">nuoroda</a>.
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
