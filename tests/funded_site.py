"""A small site with two organisations, two funders, three grants in two currencies."""

from __future__ import annotations

import base64

# A 1x1 PNG, for logos.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

# 2025-01-01 00:00 UTC: project A is over, B is cancelled, C has not started.
BUILD_EPOCH = "1735689600"

FILES = {
    # A published site's identifiers, stated as such a site states them.
    "site.yaml": """\
        title: Skaidra
        identity_domain: skaidra.example
        grant_id_prefix: 360G-skaidra
        """,
    "data/organisations.yaml": """\
        - id: org-a
          name: Organizacija A
          short_name: OA
          registration_code: "111111111"
          url: https://org-a.example
          logo: logos/org-a.png
          description: Organizacija, kuri **veikia**.
        - id: org-b
          name: Organizacija B
        """,
    "data/funders.yaml": """\
        - id: fondas-a
          name: Fondas A
          parent: Ministerija A
          logo: logos/fondas-a.png
          publicity_statement: Projektą finansuoja Fondas A.
        - id: fondas-b
          name: Fondas B
          registration_code: "222222222"
        """,
    "data/projects/a.yaml": """\
        id: PA-1
        title: Projektas A
        organisation: org-a
        summary: Projekto A santrauka.
        description: Projekto A **aprašymas**.
        period: {start: 2023-01-01, end: 2023-12-31}
        funding:
          - funder: fondas-a
            amount: 20000
            programme: Programa A
            source: valstybės biudžetas
            award_date: 2023-02-01
            reference: S-1
            decision:
              title: Įsakymas dėl finansavimo
              number: A3-92
              date: 2023-01-20
              url: https://e-tar.example/a3-92
            payments:
              - {date: 2023-03-01, amount: 12000}
              - {date: 2024-01-15, amount: 7500.25}
          - funder: fondas-b
            amount: 5000.50
            programme: Programa B
            decision: {number: B-7, date: 2023-03-01}
        goals: [Pirmas tikslas, Antras tikslas]
        expected_results: [Rezultatas vienas]
        activities:
          - id: mokymai
            title: Mokymai
            description: Mokymų aprašymas.
            items: [Pirmas punktas, Antras punktas]
            indicators:
              - name: Mokymų dalyviai
                unit: dalyviai
                target: 10
                source: events
              - name: Leidiniai
                unit: vnt.
                target: 5
                actual: 3
          - id: forumas
            title: Forumas
            indicators:
              - name: Forumo dalyviai
                target: 70
                source: events
        partners:
          - {name: Partneris X, url: https://x.example, role: tarptautinis tinklas}
        documents:
          - {title: Sutartis, file: docs/sutartis.pdf}
          - {title: Ataskaita, url: https://org-a.example/ataskaita.pdf}
        links:
          - {title: Projekto svetainė, url: https://org-a.example/pa}
        translations:
          en:
            title: Project A
            summary: Summary of project A.
            goals: [First goal, Second goal]
        """,
    "data/projects/b.yaml": """\
        id: PB-2
        title: Projektas B
        organisation: org-b
        summary: Projekto B santrauka.
        period: {start: 2024-06-01, end: 2025-05-31}
        status: cancelled
        funding:
          - funder: fondas-a
            amount: 1000
            currency: USD
            award_date: 2024-05-01
        """,
    "data/projects/c.yaml": """\
        id: PC-3
        title: Projektas C
        organisation: org-b
        summary: Projekto C santrauka.
        period: {start: 2025-03-01, end: 2025-12-31}
        funding:
          - funder: fondas-b
            amount: 3000
            award_date: 2024-12-15
        """,
    "events/istorija.md": """\
        ---
        title: Praėję mokymai
        start: 2023-03-01 10:00
        end: 2023-03-01 12:00
        project: PA-1
        activity: mokymai
        attendance: 7
        ---
        Įvyko.
        """,
    "events/antri.md": """\
        ---
        title: Antri mokymai
        start: 2023-05-01
        project: PA-1
        activity: mokymai
        attendance: 4
        ---
        Įvyko.
        """,
    "events/atsaukti.md": """\
        ---
        title: Atšaukti mokymai
        start: 2023-04-01 10:00
        project: PA-1
        activity: mokymai
        status: cancelled
        attendance: 50
        ---
        Neįvyko.
        """,
    "events/busimi.md": """\
        ---
        title: Būsimi mokymai
        start: 2099-04-01 10:00
        project: PA-1
        activity: mokymai
        attendance: 100
        ---
        Dar bus.
        """,
    "events/forumas.md": """\
        ---
        title: Forumas be skaičių
        start: 2023-09-14
        project: PA-1
        activity: forumas
        ---
        Dalyvių skaičius nepaskelbtas.
        """,
    "posts/zinia.md": """\
        ---
        title: Žinia apie projektą A
        date: 2023-02-02
        project: PA-1
        ---
        Tekstas.
        """,
    "posts/zinia.en.md": """\
        ---
        title: News about project A
        slug: zinia-apie-projekta-a
        lang: en
        date: 2023-02-02
        project: PA-1
        ---
        Text.
        """,
}

MEDIA = {
    "logos/org-a.png": PNG,
    "logos/fondas-a.png": PNG,
    "docs/sutartis.pdf": b"%PDF-1.4 test",
}


def write(tree) -> None:
    """Write the funded site into a ContentTree."""
    for relative, text in FILES.items():
        tree.write(relative, text)
    for relative, data in MEDIA.items():
        tree.write(f"media/{relative}", data)
