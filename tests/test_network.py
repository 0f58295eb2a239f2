"""An umbrella's portal (issue 18): three member sites are built, gathered into an umbrella site, and the
network's pages, totals and calendar are read back with real parsers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from conftest import MINIMAL_SITE, ContentTree, build, html, read_with_vobject, skaidra, text

pytestmark = pytest.mark.usefixtures(
    "english_messages"
)  # the gatherer's warnings are read in English
NOW = "1717200000"  # 2024-06-01


def member_site(
    base: Path,
    name: str,
    *,
    english: bool = False,
    events: bool = True,
    currency: str = "EUR",
    amount: int = 1000,
) -> Path:
    """Build a small member site; return its output folder."""
    tree = ContentTree(base / name / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    project = tree.root / "data/projects/demo.yaml"
    project.write_text(
        project.read_text(encoding="utf-8")
        .replace("id: DEMO-1", f"id: {name.upper()}-1")
        .replace("amount: 1000", f"amount: {amount}\n    currency: {currency}")
        .replace("title: Bandomasis projektas", f"title: {name.capitalize()} projektas"),
        encoding="utf-8",
    )
    for path in (tree.root / "posts/labas.md", tree.root / "events/mokymai.md"):
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "project: DEMO-1", f"project: {name.upper()}-1"
            ),
            encoding="utf-8",
        )
    if not events:
        tree.remove("events/mokymai.md")
        project.write_text(
            project.read_text(encoding="utf-8").replace("                source: events\n", ""),
            encoding="utf-8",
        )
    languages = "languages: [en]\n" if english else ""
    tree.write(
        "site.yaml", f"title: {name.capitalize()}\n{languages}identity_domain: {name}.example\n"
    )
    output = base / name / "output"
    run = build(
        tree.root,
        output,
        env={"SOURCE_DATE_EPOCH": NOW, "SITEURL": f"https://{name}.example"},
        process=True,
    )  # apart: SITEURL from the environment outlives a build in this process
    assert run.code == 0, run.err
    return output


UMBRELLA = """\
title: Skėtinė organizacija
members:
  - {id: pirmas, name: Pirmoji bendruomenė, url: "https://pirmas.example/", source: ../../pirmas/output}
  - {id: antras, name: Second community, url: "https://antras.example/", source: ../../antras/output}
  - {id: trecias, name: Trečioji bendruomenė, url: "https://trecias.example/", source: ../../trecias/output}
"""


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    base = tmp_path_factory.mktemp("network")
    outputs = {
        "pirmas": member_site(base, "pirmas"),
        "antras": member_site(base, "antras", english=True, currency="USD", amount=250),
        "trecias": member_site(base, "trecias", events=False, amount=3000),
    }
    tree = ContentTree(base / "umbrella" / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    tree.write("site.yaml", UMBRELLA)
    run = skaidra("gather", "--input", str(tree.root))
    assert run.code == 0, run.err
    output = base / "umbrella" / "output"
    run = build(tree.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    assert run.code == 0, run.err
    return tree, outputs, output


def test_totals_are_the_members_grants_summed_per_currency(network):
    _, outputs, output = network
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for folder in outputs.values():
        for project in json.loads((folder / "data/projects.json").read_text(encoding="utf-8"))[
            "projects"
        ]:
            for grant in project["funding"]:
                expected[grant["currency"]] += Decimal(str(grant["amount"]))
    assert dict(expected) == {"EUR": Decimal(4000), "USD": Decimal(250)}
    page = html(output / "tinklas/finansavimas/index.html")
    summary = text(page.select_one(".sk-facts"))
    assert "4 000,00 € + 250,00 USD" in summary  # two currencies, never added together
    members = html(output / "tinklas/index.html")
    assert [text(a) for a in members.select(".sk-card__title a")] == [
        "Pirmoji bendruomenė",
        "Second community",
        "Trečioji bendruomenė",
    ]
    cards = [text(card.find("p")) for card in members.select(".sk-cards .sk-card")]
    assert cards[1] == "1 projektas · 250,00 USD"
    rows = {text(r.th): text(r.td) for r in page.select("table.sk-totals tbody tr")}
    assert rows == {
        "Bandomasis fondas": "4 000,00 € + 250,00 USD"
    }  # one funder, matched by its id across members


def test_projects_link_to_the_members_own_pages_and_filter_by_member(network):
    _, _, output = network
    page = html(output / "tinklas/projektai/index.html")
    links = {text(a): a["href"] for a in page.select("table th[scope=row] a")}
    assert links == {
        "Pirmas projektas": "https://pirmas.example/projektai/pirmas-1/",
        "Antras projektas": "https://antras.example/projects/antras-1/",
        "Trecias projektas": "https://trecias.example/projektai/trecias-1/",
    }
    second = html(output / "tinklas/projektai/narys/antras/index.html")
    assert [text(a) for a in second.select("table th[scope=row] a")] == ["Antras projektas"]
    # every filter once, on the page of all projects; a filtered page names its own and links back
    everything = [a["href"] for a in page.select(".sk-filters a")]
    assert "narys/antras/" in " ".join(everything) and len(everything) > 3
    own = second.select(".sk-filters a")
    assert [a.get("aria-current") for a in own] == ["page", None]
    assert own[1]["href"].rstrip("/").endswith("tinklas/projektai")
    member = html(output / "tinklas/nariai/trecias/index.html")
    assert "3 000,00 €" in text(member.select_one(".sk-facts"))


def test_the_network_calendar_has_each_member_event_once_with_its_own_uid(network):
    _, outputs, output = network
    raw = (output / "tinklas/calendar.ics").read_bytes()
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")]
    own = [
        str(e["uid"])
        for name in ("pirmas", "antras")
        for e in icalendar.Calendar.from_ical((outputs[name] / "calendar.ics").read_bytes()).walk(
            "VEVENT"
        )
    ]
    assert sorted(uids) == sorted(own) and len(uids) == len(set(uids)) == 2
    second = [e.uid.value for e in read_with_vobject(raw).vevent_list]
    assert sorted(second) == sorted(own)
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.decoded("refresh-interval") == dt.timedelta(hours=12) and str(
        calendar["x-wr-calname"]
    ).endswith("Tinklo renginiai")


def test_news_of_the_members(network):
    _, _, output = network
    page = html(output / "tinklas/naujienos/index.html")
    assert sorted(a["href"] for a in page.select(".sk-card__title a")) == [
        "https://antras.example/news/labas/", "https://pirmas.example/naujienos/labas/", "https://trecias.example/naujienos/labas/"]  # fmt: skip


def umbrella_copy(
    tree: ContentTree, outputs: dict[str, Path], folder: Path, **sources: Path
) -> ContentTree:
    """The umbrella's content in another folder, each member read from its own output or from `sources`."""
    umbrella = ContentTree(folder)
    shutil.copytree(tree.root, umbrella.root)
    text_of_site = UMBRELLA
    for name, output in outputs.items():
        text_of_site = text_of_site.replace(f"../../{name}/output", str(sources.get(name, output)))
    umbrella.write("site.yaml", text_of_site)
    return umbrella


def test_a_script_in_a_members_title_is_shown_as_text(network, tmp_path):
    tree, outputs, _ = network
    copy = tmp_path / "pirmas"
    shutil.copytree(outputs["pirmas"], copy)
    data = json.loads((copy / "data/projects.json").read_text(encoding="utf-8"))
    data["projects"][0]["title"] = "<script>alert(1)</script> Projektas"
    data["projects"][0]["url"] = "javascript:alert(1)"
    (copy / "data/projects.json").write_text(json.dumps(data), encoding="utf-8")
    umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", pirmas=copy)
    assert skaidra("gather", "--input", str(umbrella.root)).code == 0
    build(umbrella.root, tmp_path / "output", env={"SOURCE_DATE_EPOCH": NOW})
    page = html(tmp_path / "output/tinklas/projektai/index.html")
    assert not page.select("main script")
    cells = [text(th) for th in page.select("table th[scope=row]")]
    assert "<script>alert(1)</script> Projektas" in cells
    assert not page.select('a[href^="javascript:"]')


def test_a_vanished_member_keeps_its_last_good_copy_and_a_big_file_is_refused(network, tmp_path):
    tree, outputs, _ = network
    big = tmp_path / "antras"
    shutil.copytree(outputs["antras"], big)
    (big / "data/projects.json").write_bytes(b'{"projects": []}' + b" " * (20 * 1024 * 1024))
    umbrella = umbrella_copy(
        tree, outputs, tmp_path / "umbrella", antras=big, trecias=tmp_path / "gone"
    )
    run = skaidra("gather", "--input", str(umbrella.root))
    assert run.code == 0
    where = f"{umbrella.root}/site.yaml"
    day = dt.date.today().isoformat()
    assert run.problems == [
        f"{where}:4: members[1]: warning: antras: data/projects.json: is over the limit of 20971520 bytes; its copy of {day} is used",
        *(
            f"{where}:5: members[2]: warning: trecias: {name}: is no longer published; its copy of {day} is used"
            for name in (
                "data/projects.json",
                "data/360giving.json",
                "calendar.ics",
                "feeds/all.atom.xml",
            )
        ),
    ]
    build(umbrella.root, tmp_path / "output", env={"SOURCE_DATE_EPOCH": NOW})
    page = html(tmp_path / "output/tinklas/projektai/index.html")
    assert {"Antras projektas", "Trecias projektas"} <= {
        text(a) for a in page.select("table th[scope=row] a")
    }  # the last good copies
    member = html(tmp_path / "output/tinklas/nariai/trecias/index.html")
    assert member.select_one(".sk-facts time")["datetime"] == dt.date.today().isoformat()  # dated


def test_gathering_over_http_asks_again_only_for_what_changed(network, tmp_path):
    """A member served over HTTP with ETag and Last-Modified: the second gathering sends them back
    and the server's 304 leaves the copies as they were; a 500 is a warning and the copy stays."""
    import hashlib
    import http.server
    import threading
    from functools import partial

    tree, outputs, _ = network
    seen: list[tuple[str, str | None, str | None]] = []
    failing = set()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            seen.append(
                (
                    self.path,
                    self.headers.get("If-None-Match"),
                    self.headers.get("If-Modified-Since"),
                )
            )
            if self.path in failing:
                self.send_error(500)
                return
            file = Path(self.translate_path(self.path))
            if not file.is_file():
                self.send_error(404)
                return
            tag = '"' + hashlib.sha256(file.read_bytes()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            body = file.read_bytes()
            self.send_response(200)
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", "Sat, 01 Jun 2024 00:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(Handler, directory=str(outputs["pirmas"]))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", pirmas=url)
        shutil.rmtree(umbrella.root / ".skaidra/members/pirmas")
        first = skaidra("gather", "--input", str(umbrella.root))
        copy = umbrella.root / ".skaidra/members/pirmas/data/projects.json"
        assert (
            first.code == 0
            and first.problems == []
            and copy.read_bytes() == (outputs["pirmas"] / "data/projects.json").read_bytes()
        )
        state = json.loads(
            (umbrella.root / ".skaidra/members/pirmas/state.json").read_text(encoding="utf-8")
        )
        assert (
            state["data/projects.json"]["etag"].startswith('"')
            and state["data/projects.json"]["modified"] == "Sat, 01 Jun 2024 00:00:00 GMT"
        )
        seen.clear()
        again = skaidra("gather", "--input", str(umbrella.root))
        assert again.code == 0 and "0 member files changed." in again.err
        asked = {path: (tag, since) for path, tag, since in seen}
        assert asked["/data/projects.json"] == (
            state["data/projects.json"]["etag"],
            "Sat, 01 Jun 2024 00:00:00 GMT",
        )
        failing.add("/calendar.ics")
        broken = skaidra("gather", "--input", str(umbrella.root))
        assert [p.split(": ", 3)[3] for p in broken.problems] == [
            f"pirmas: calendar.ics: cannot be read (the server answered 500); its copy of {dt.date.today().isoformat()} is used"
        ]
        assert (umbrella.root / ".skaidra/members/pirmas/calendar.ics").read_bytes() == (
            outputs["pirmas"] / "calendar.ics"
        ).read_bytes()
    finally:
        server.shutdown()
        server.server_close()


def test_the_networks_open_data_names_each_members_records(network):
    """projects.json, grants.csv and 360giving.json of the umbrella hold the members' records, each with
    the member and the file it came from; the 360Giving package stays valid against its schema."""
    import csv

    from test_open_data import validator

    _, outputs, output = network
    projects = json.loads((output / "data/projects.json").read_text(encoding="utf-8"))["projects"]
    gathered = [p for p in projects if "member" in p]
    assert sorted((p["member"]["id"], p["id"], p["source"]) for p in gathered) == [
        ("antras", "ANTRAS-1", "https://antras.example/data/projects.json"),
        ("pirmas", "PIRMAS-1", "https://pirmas.example/data/projects.json"),
        ("trecias", "TRECIAS-1", "https://trecias.example/data/projects.json"),
    ]
    own = json.loads((outputs["pirmas"] / "data/projects.json").read_text(encoding="utf-8"))[
        "projects"
    ][0]
    first = next(p for p in gathered if p["id"] == "PIRMAS-1")
    # The member's own values, for each field the umbrella takes (validated); nothing else of the record.
    taken = {
        "id",
        "title",
        "summary",
        "status",
        "period",
        "url",
        "organisation",
        "organisation_name",
    }
    assert {k: v for k, v in first.items() if k in taken} == {k: own[k] for k in taken}
    assert set(first) == taken | {
        "funding",
        "member",
        "source",
    }  # its indicator has no unit that counts people
    assert first["funding"] == own["funding"]  # each of its keys is one the umbrella takes
    rows = list(
        csv.DictReader((output / "data/grants.csv").read_text(encoding="utf-8-sig").splitlines())
    )
    by_member = {
        r["member"]: (r["project_id"], r["amount"], r["currency"]) for r in rows if r["member"]
    }
    assert by_member == {
        "pirmas": ("PIRMAS-1", "1000.00", "EUR"),
        "antras": ("ANTRAS-1", "250.00", "USD"),
        "trecias": ("TRECIAS-1", "3000.00", "EUR"),
    }
    package = json.loads((output / "data/360giving.json").read_text(encoding="utf-8"))
    sources = sorted(
        g["dataSource"]
        for g in package["grants"]
        if g["dataSource"].endswith("/data/360giving.json")
    )
    assert sources == [
        f"https://{name}.example/data/360giving.json" for name in ("antras", "pirmas", "trecias")
    ]
    assert list(validator().iter_errors(package)) == []


def test_the_networks_iati_file_holds_each_members_projects_and_stays_valid(network):
    from lxml import etree
    from test_iati import IATI, activities, codelist

    _, _, output = network
    schema = etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))
    found = activities(output, schema)  # valid against the IATI 2.03 schema
    gathered = {
        key: a
        for key, a in found.items()
        if a.xpath("document-link[contains(@url, '/data/projects.json')]")
    }
    assert sorted(gathered) == [
        "LT-RC-123456789-ANTRAS-1",
        "LT-RC-123456789-PIRMAS-1",
        "LT-RC-123456789-TRECIAS-1",
    ]
    second = gathered["LT-RC-123456789-ANTRAS-1"]
    assert second.xpath("transaction/value/@currency") == ["USD"] and second.xpath(
        "transaction/value/text()"
    ) == ["250"]
    assert second.xpath("document-link/@url") == [
        "https://antras.example/projects/antras-1/",
        "https://antras.example/data/projects.json",
    ]
    assert set(second.xpath("document-link/@format")) <= codelist("FileFormat")
    assert set(second.xpath("activity-status/@code")) <= codelist("ActivityStatus")


def test_the_umbrella_example_builds_from_its_copies_and_passes_the_link_check(tmp_path):
    """examples/umbrella: three made-up members, one of them unreachable, built from the copies kept in the
    repository (no network), published with every internal link checked, and saying that it is an example."""
    from conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "examples/umbrella/content", content)
    run = skaidra(
        "publish",
        "--input",
        str(content),
        "--output",
        str(tmp_path / "output"),
        env={"SOURCE_DATE_EPOCH": NOW},
    )
    assert run.code == 0, run.err
    output = tmp_path / "output"
    home = html(output / "index.html")
    assert "visi jo nariai išgalvoti" in text(home.select_one("header"))
    members = html(output / "tinklas/index.html")
    assert [text(a) for a in members.select(".sk-card__title a")] == [
        "Kaimo bendruomenė „Pavyzdys“ (pavyzdys)", "Example Youth Club (example)", "Senjorų klubas „Pavyzdys“ (pavyzdys)"]  # fmt: skip
    assert text(members.select(".sk-cards .sk-card p")[0]).endswith(
        "Pasiekta žmonių: 120"
    )  # from the member's indicators
    unreachable = html(output / "tinklas/nariai/senjorai/index.html")
    assert [text(a) for a in unreachable.select("table th[scope=row] a")] == [
        "Skaitmeniniai įgūdžiai senjorams (pavyzdys)"
    ]  # its last good copy
    assert unreachable.select_one(".sk-facts time")["datetime"]  # dated
    events = icalendar.Calendar.from_ical((output / "tinklas/calendar.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert sorted(str(e["summary"]) for e in events) == [
        "Joninės prie ežero (pavyzdys)",
        "Open evening (example)",
    ]


def test_a_member_never_gathered_is_a_warning_of_the_build(tmp_path):
    tree = ContentTree(tmp_path / "content")
    for relative, content in MINIMAL_SITE.items():
        tree.write(relative, content)
    tree.write("site.yaml", UMBRELLA)
    run = skaidra("check", "--input", str(tree.root))
    assert run.code == 0
    assert [p.split(": ", 1)[1] for p in run.problems] == [
        f"members[{i}]: warning: {member}: nothing gathered yet; run 'make gather'"
        for i, member in enumerate(("pirmas", "antras", "trecias"))
    ]


def test_gathering_asks_a_bounded_number_at_a_time_and_gives_up_on_a_slow_member(
    network, tmp_path, monkeypatch
):
    """Twelve files from three members over HTTP: as many requests in flight as AT_ONCE allows and never
    more; a member slower than the timeout is a warning and its copy stays."""
    import http.server
    import threading
    import time

    import skaidra_network.fetch as fetching
    import skaidra_network.gather as gathering

    tree, outputs, _ = network
    lock = threading.Lock()
    flight = {"now": 0, "most": 0}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            member, _, rest = path.lstrip("/").partition("/")
            return str(outputs[member] / rest)

        def do_GET(self):
            if self.path.startswith(
                "/trecias/"
            ):  # too slow: the gatherer stops waiting (not counted here,
                time.sleep(3.0)  # since this server goes on after it gave up)
                return
            with lock:
                flight["now"] += 1
                flight["most"] = max(flight["most"], flight["now"])
            time.sleep(0.2)
            with lock:  # counted out before answering: the gatherer may ask again as soon as it has the answer
                flight["now"] -= 1
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(fetching, "TIMEOUT", 1.5)
    monkeypatch.setattr(gathering, "AT_ONCE", 3)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        umbrella = umbrella_copy(
            tree, outputs, tmp_path / "umbrella", **{name: f"{base}/{name}/" for name in outputs}
        )
        run = skaidra("gather", "--input", str(umbrella.root))
    finally:
        server.shutdown()
        server.server_close()
    assert run.code == 0
    assert (
        1 < flight["most"] <= 3
    )  # at once, and never more than allowed (eight quick files were asked for)
    day = dt.date.today().isoformat()
    assert [p.split(": ", 3)[3] for p in run.problems] == [
        f"trecias: {name}: cannot be read (no answer within 1.5 s); its copy of {day} is used"
        for name in gathering.FILES
    ]
    assert (umbrella.root / ".skaidra/members/trecias/data/projects.json").read_bytes() == (
        outputs["trecias"] / "data/projects.json"
    ).read_bytes()


def test_a_members_project_status_is_its_iati_activity_status(network, tmp_path):
    """Each status to the ActivityStatus code that means it (any valid code let a mutation through before)."""
    from lxml import etree
    from test_iati import IATI, activities

    tree, outputs, _ = network
    copies = {}
    for name, status in (("pirmas", "completed"), ("antras", "cancelled"), ("trecias", "planned")):
        copies[name] = tmp_path / name
        shutil.copytree(outputs[name], copies[name])
        document = json.loads((copies[name] / "data/projects.json").read_text(encoding="utf-8"))
        document["projects"][0]["status"] = status
        (copies[name] / "data/projects.json").write_text(json.dumps(document), encoding="utf-8")
    umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", **copies)
    assert skaidra("gather", "--input", str(umbrella.root)).code == 0
    build(umbrella.root, tmp_path / "output", env={"SOURCE_DATE_EPOCH": NOW})
    found = activities(
        tmp_path / "output", etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))
    )
    codes = {
        key.rsplit("-", 2)[-2]: a.find("activity-status").get("code")
        for key, a in found.items()
        if "-DEMO-" not in key
    }
    assert codes == {"PIRMAS": "4", "ANTRAS": "5", "TRECIAS": "1"}


def test_a_members_news_title_and_funder_name_are_text_on_every_page_that_shows_them(
    network, tmp_path
):
    """Not only the projects table: every page of the network that shows a member's funder or news."""
    tree, outputs, _ = network
    copy = tmp_path / "pirmas"
    shutil.copytree(outputs["pirmas"], copy)
    document = json.loads((copy / "data/projects.json").read_text(encoding="utf-8"))
    funder = "<b>Fondas</b> & Ko"
    document["projects"][0]["funding"][0]["funder_name"] = funder
    (copy / "data/projects.json").write_text(json.dumps(document), encoding="utf-8")
    feed = (copy / "feeds/all.atom.xml").read_text(encoding="utf-8")
    title = "<i>Žinia</i> & Co"
    feed = feed.replace(
        "<title>Labas</title>", "<title>&lt;i&gt;Žinia&lt;/i&gt; &amp; Co</title>", 1
    )
    assert "Žinia" in feed
    (copy / "feeds/all.atom.xml").write_text(feed, encoding="utf-8")
    umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", pirmas=copy)
    assert skaidra("gather", "--input", str(umbrella.root)).code == 0
    output = tmp_path / "output"
    build(umbrella.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    funder_pages = ["tinklas/finansavimas", "tinklas/nariai/pirmas", "tinklas/projektai", "tinklas/projektai/finansuotojas/fondas",
                    "en/network/funding", "en/network/members/pirmas"]  # fmt: skip
    for path in funder_pages:
        page = html(output / path / "index.html")
        assert funder in text(page.find("main")), path
        assert not page.select("main b, main i"), path  # shown as text, never as markup
    news = html(output / "tinklas/naujienos/index.html")
    assert title in [text(a) for a in news.select(".sk-card__title a")]
    assert not news.select("main i")
