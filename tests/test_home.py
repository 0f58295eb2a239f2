"""The home page tells the story at a glance: money, projects by status, people reached, what is current."""

from __future__ import annotations

from conftest import html, text


def glance(page) -> dict[str, list[str]]:
    """Each figure of the "at a glance" list: its term and what follows it."""
    items = page.select(".sk-glance__item")
    return {text(item.dt): [text(dd) for dd in item.find_all("dd")] for item in items}


def test_the_figures_at_a_glance(funded_output):
    page = html(funded_output / "index.html")
    assert glance(page) == {
        "Skirtas finansavimas": ["28 000,50 € + 1 000,00 USD"],  # awarded, not received
        "Projektai": ["3", "Planuota: 1 · Baigtas: 1 · Atšauktas: 1"],
        # Only the indicator whose unit counts people ("dalyviai"); the forum's has no unit. It says which.
        "Pasiekta žmonių": [
            "11",
            "planuota: 10",
            "Sudėtas 1 rodiklis, skaičiuojantis žmones Projektas A: Mokymų dalyviai, 11",
        ],
    }
    assert (
        page.h1.get_text() != page.select_one("header").get_text()
    )  # the header names the site, the h1 the page
    english = html(funded_output / "en/index.html")
    assert glance(english)["People reached"][:2] == ["11", "planned: 10"]


def test_current_projects_first_each_with_amount_period_and_results(funded_output):
    page = html(funded_output / "index.html")
    cards = page.find(id="home-projects").find_parent("section").select(".sk-card")
    assert [text(card.h3) for card in cards] == [
        "Projektas C",
        "Projektas A",
        "Projektas B",
    ]  # planned, done, cancelled
    project_a = cards[1]
    assert text(project_a.select_one(".sk-card__amount")) == "25 000,50 €"
    assert "2023 m. sausio 1 d. – 2023 m. gruodžio 31 d." in text(project_a)
    # 11 of 10 trainees (capped at the target) and 3 of 5 publications; the forum reported nothing.
    assert (
        text(project_a.select_one(".sk-card__results"))
        == "Paskelbti rezultatai: 2 iš 3; vidutiniškai 80 % tikslo"
    )
    assert project_a.select_one(".sk-card__results svg")["aria-hidden"] == "true"
    assert text(cards[0].select_one(".sk-card__amount")) == "3 000,00 €"
    assert cards[0].select_one(".sk-card__results") is None  # no indicators: nothing to report


def test_upcoming_events_and_no_section_for_what_the_site_lacks(funded_output):
    page = html(funded_output / "index.html")
    events = page.find(id="home-events").find_parent("section")
    assert [text(a) for a in events.select(".sk-card__title a")] == ["Būsimi mokymai"]
    assert page.find(id="home-episode") is None  # the funded site has no podcast


def test_the_sample_home_shows_its_latest_episode_and_links_the_about_page(sample_output):
    page = html(sample_output / "index.html")
    episode = page.find(id="home-episode").find_parent("section")
    assert (
        episode.select_one(".sk-card__title a")["href"]
        == "/podkastas/01-bendradarbiavimo-patirtis/"
    )
    footer = {text(a): a["href"] for a in page.footer.find_all("a")}
    assert footer["Apie svetainę"] == "/apie/"
    assert {text(a): a["href"] for a in html(sample_output / "en/index.html").footer.find_all("a")}[
        "About this site"
    ] == "/en/apie/"


def test_people_reached_adds_what_people_and_the_units_say(content, tmp_path):
    """`people: true` or `false` decides; without it, a unit from the documented list of each language does
    (`vaikai` and `children` among them); anything else is left out."""
    from conftest import build

    content.write(
        "data/projects/demo.yaml",
        """\
        id: DEMO-1
        title: Bandomasis projektas
        organisation: org
        summary: Trumpas projekto aprašymas.
        period: {start: 2024-01-01, end: 2024-12-31}
        funding: [{funder: fondas, amount: 1000, programme: Bandomoji programa}]
        activities:
          - id: mokymai
            title: Stovykla
            indicators:
              - {name: Vaikai stovykloje, unit: vaikai, target: 100, actual: 251}
              - {name: Children online, unit: children, target: 5, actual: 4}
              - {name: Šeimos, unit: šeimos, target: 10, actual: 10, people: true}
              - {name: Dalyvių valandos, unit: dalyviai, target: 900, actual: 1000, people: false}
              - {name: Leidiniai, unit: vnt., target: 3, actual: 3}
        """,
    )
    build(content.root, tmp_path / "output")
    page = html(tmp_path / "output/index.html")
    figure = glance(page)["Pasiekta žmonių"]
    assert figure[:2] == ["265", "planuota: 115"]  # 251 + 4 + 10
    assert [text(li) for li in page.select(".sk-glance__item details li")] == [
        "Bandomasis projektas: Vaikai stovykloje, 251",
        "Bandomasis projektas: Children online, 4",
        "Bandomasis projektas: Šeimos, 10",
    ]
