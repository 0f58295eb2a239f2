"""What members publish is hostile input (contract, section 10): a server on this machine posing as members
plays the attacks a review reproduced, and gathering refuses each with a warning for that file alone,
keeps the last good copy, and the umbrella's build succeeds without any of the hostile bytes."""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
from pathlib import Path

import pytest
from conftest import build, html, skaidra, text
from test_network import NOW, network, umbrella_copy  # noqa: F401  (the fixture)

pytestmark = pytest.mark.usefixtures("english_messages")

SECRET = b'{"grants": [{"id": "SECRET-GRANT", "title": "SECRET internal answer"}]}'
LOCAL_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>VIETINIS-SLAPTAS</title><id>urn:y</id><updated>2024-01-01T00:00:00Z</updated><link href="https://x.example/"/></entry>
</feed>"""


class Hostile(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(outputs: dict[str, Path], local_feed: Path, attacks: dict | None = None) -> Hostile:
    """Answers by member (the path's first part) and file as `attacks` (default: ATTACKS) says; anything
    not listed is the member's real file."""

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            line = self.rfile.readline().decode("latin-1")
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            path = line.split()[1] if len(line.split()) > 1 else "/"
            member, _, relative = path.lstrip("/").partition("/")
            port = self.server.server_address[1]
            answer = (ATTACKS if attacks is None else attacks).get((member, relative))
            if answer == "garbage":
                self.wfile.write(b"HTTP/1.1 two hundred\r\n\r\n")
            elif answer == "internal":
                self.wfile.write(
                    f"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{port}/secret/admin.json\r\nContent-Length: 0\r\n\r\n".encode()
                )
            elif answer == "ftp":
                self.wfile.write(
                    b"HTTP/1.1 302 Found\r\nLocation: ftp://localhost/calendar.ics\r\nContent-Length: 0\r\n\r\n"
                )
            elif answer == "local path":
                body = str(local_feed).encode()
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
                )
            elif answer == "broken chunk":
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n"
                )
            elif answer == "drip":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                for _ in range(300):  # 30 s of it, ten times the total time the test gives a file
                    self.wfile.write(b"{")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif member == "secret":
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(SECRET), SECRET)
                )
            else:
                file = outputs.get(member, Path("/nonexistent")) / relative
                body = file.read_bytes() if relative and file.is_file() else b""
                status = b"200 OK" if body else b"404 Not Found"
                self.wfile.write(
                    b"HTTP/1.1 %s\r\nContent-Length: %d\r\n\r\n%s" % (status, len(body), body)
                )

    server = Hostile(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextlib.contextmanager
def member_server(
    outputs: dict[str, Path], local_feed: Path | None = None, attacks: dict | None = None
):
    """The hostile server while the block runs; yields its address as the members' host name sees it:
    "localhost" (127.0.0.1, where the server also keeps its secret, is another host name)."""
    server = serve(outputs, local_feed or Path("/nonexistent"), attacks)
    try:
        yield f"http://localhost:{server.server_address[1]}", server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


ATTACKS = {
    ("pirmas", "data/projects.json"): "garbage",
    ("pirmas", "data/360giving.json"): "internal",
    ("pirmas", "calendar.ics"): "ftp",
    ("pirmas", "feeds/all.atom.xml"): "local path",
    ("antras", "data/projects.json"): "drip",
    ("antras", "data/360giving.json"): "broken chunk",
}


def test_each_attack_is_refused_for_its_file_alone_and_the_build_succeeds(
    network,  # noqa: F811 (the fixture)
    tmp_path,
    monkeypatch,
):
    import skaidra_network.fetch as fetching

    tree, outputs, _ = network
    local_feed = tmp_path / "local.atom"
    local_feed.write_text(LOCAL_FEED, encoding="utf-8")
    monkeypatch.setattr(fetching, "TOTAL_TIME", 3.0)  # room for the other files on a loaded machine
    with member_server(outputs, local_feed) as (base, port):
        umbrella = umbrella_copy(
            tree, outputs, tmp_path / "umbrella", pirmas=f"{base}/pirmas/", antras=f"{base}/antras/"
        )
        before = {
            p: p.read_bytes()
            for p in (umbrella.root / ".skaidra/members").rglob("*")
            if p.is_file() and p.name != "state.json"
        }
        started = time.monotonic()
        run = skaidra("gather", "--input", str(umbrella.root))
        took = time.monotonic() - started
    assert run.code == 0, run.err
    said = sorted(p.split(": ", 3)[3].split("; its copy")[0] for p in run.problems)
    assert said == sorted(
        [
            "antras: data/360giving.json: cannot be read (a broken answer (IncompleteRead: IncompleteRead(0 bytes read)))",
            "antras: data/projects.json: cannot be read (took longer than 3.0 s)",
            "pirmas: calendar.ics: cannot be read (redirected to ftp://localhost/calendar.ics, which is not on the member's own site)",
            f"pirmas: data/360giving.json: cannot be read (redirected to http://127.0.0.1:{port}/secret/admin.json, which is not on the member's own site)",
            "pirmas: data/projects.json: cannot be read (a broken answer (BadStatusLine: HTTP/1.1 two hundred))",
            # bytes parsed as bytes: the body names a file of this machine, and is no feed
            "pirmas: feeds/all.atom.xml: is not an Atom feed: <unknown>:2:0: not well-formed (invalid token)",
        ]
    )
    assert took < 20  # the drip (30 s) is cut off at TOTAL_TIME
    after = {
        p: p.read_bytes()
        for p in (umbrella.root / ".skaidra/members").rglob("*")
        if p.is_file() and p.name != "state.json"
    }
    assert after == before  # every last good copy kept as it was
    output = tmp_path / "output"
    build(umbrella.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    published = b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
    assert b"SECRET" not in published and b"VIETINIS-SLAPTAS" not in published
    news = html(output / "tinklas/naujienos/index.html")
    assert "VIETINIS-SLAPTAS" not in text(news)


def test_an_address_inside_a_network_is_refused_when_the_member_is_on_the_internet(
    network,  # noqa: F811 (the fixture)
    tmp_path,
    monkeypatch,
):
    """The check is on the address actually connected to: a member whose name was looked up as a public
    address (here, as if DNS said so) but whose connection lands on a loopback one gets nothing gathered."""
    import skaidra_network.fetch as fetching

    tree, outputs, _ = network
    monkeypatch.setattr(fetching, "_addresses", lambda host, port: {"93.184.216.34"})
    with member_server(outputs) as (base, _port):
        umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", trecias=f"{base}/trecias/")
        run = skaidra("gather", "--input", str(umbrella.root))
    assert run.code == 0
    reasons = {p.split(": ", 3)[3].split("; its copy")[0] for p in run.problems}
    assert {r.split(" (", 1)[1] for r in reasons} == {
        "localhost is at 127.0.0.1, an address inside a network, not on the internet)"
    }
    assert len(reasons) == 4  # each of its files


def test_a_members_bad_records_are_left_out_with_a_warning_and_the_rest_is_used(network, tmp_path):  # noqa: F811
    """Each record through the model: an amount of 1e30, a mapping as a programme, a control character in a
    title, a funder named like a path, a currency that is no ISO code; the good ones build, nothing raises."""
    import json
    import shutil

    import openpyxl

    tree, outputs, _ = network
    copy = tmp_path / "pirmas"
    shutil.copytree(outputs["pirmas"], copy)
    document = json.loads((copy / "data/projects.json").read_text(encoding="utf-8"))
    good = document["projects"][0]
    grant = good["funding"][0]
    document["projects"] = [
        {
            **good,
            "title": "Su\x01valdymo ženklu",
            "funding": [
                {
                    **grant,
                    "funder": "../../x",
                    "grant_id": "G-1",
                    "programme": '=HYPERLINK("https://blogas.example","x")',
                },
                {**grant, "amount": "1e30", "grant_id": "G-2"},
                {**grant, "programme": {"=HYPERLINK": 1}, "grant_id": "G-3"},
                {**grant, "currency": "EURO", "grant_id": "G-4"},
                {
                    **grant,
                    "amount": "<script>alert(1)</script>",
                    "grant_id": "G-5",
                },  # found by test_fuzz_members
            ],
        },
        {"title": "Be id"},
        "ne įrašas",
    ]
    (copy / "data/projects.json").write_text(json.dumps(document), encoding="utf-8")
    with member_server({"pirmas": copy}, attacks={}) as (
        base,
        _port,
    ):  # served over HTTP, as a member's site is
        umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", pirmas=f"{base}/pirmas/")
        assert skaidra("gather", "--input", str(umbrella.root)).code == 0
    output = tmp_path / "output"
    run = build(umbrella.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    left_out = sorted(p.split(": warning: ", 1)[1] for p in run.problems if "left out" in p)
    assert left_out == [
        "pirmas: data/projects.json: projects[0].funding[1].amount: must be 1000000000000 or less, got 1e30; left out",
        "pirmas: data/projects.json: projects[0].funding[2].programme: must be text, got a group of keys; left out",
        "pirmas: data/projects.json: projects[0].funding[3].currency: must be an ISO 4217 currency code such as 'EUR', got 'EURO'; left out",
        "pirmas: data/projects.json: projects[0].funding[4].amount: must be a number, got '<script>alert(1)</script>'; left out",
        "pirmas: data/projects.json: projects[1].id: is required; left out",
        "pirmas: data/projects.json: projects[2]: must be a group of 'key: value' lines; left out",
    ]
    projects = json.loads((output / "data/projects.json").read_text(encoding="utf-8"))["projects"]
    (mine,) = [p for p in projects if p.get("member", {}).get("id") == "pirmas"]
    assert mine["title"] == "Su valdymo ženklu"  # the control character removed
    assert [(g["grant_id"], g["funder"]) for g in mine["funding"]] == [
        ("G-1", "x")
    ]  # the path made a slug
    assert (output / "tinklas/projektai/finansuotojas/x/index.html").is_file()
    sheet = openpyxl.load_workbook(output / "data/grants.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert (
        "G-1" in {c.value for c in cells}
        and [c.coordinate for c in cells if c.data_type == "f"] == []
    )
    assert '=HYPERLINK("https://blogas.example","x")' in {c.value for c in cells}  # as text
    csv_text = (output / "data/grants.csv").read_text(encoding="utf-8-sig")
    assert """'=HYPERLINK(""https://blogas.example"",""x"")""" in csv_text


HOSTILE_EVENT = """BEGIN:VEVENT\r
UID:{uid}\r
DTSTAMP:20240101T000000Z\r
DTSTART;TZID=Europe/Vilnius:20240610T180000\r
DTEND;TZID=Europe/Vilnius:20240610T190000\r
RRULE:FREQ=WEEKLY;COUNT=3\r
SUMMARY:{summary}\r
URL:javascript:alert(1)\r
X-ALT-DESC;FMTTYPE=text/html:<script>alert(1)</script>\r
ATTACH:https://blogas.example/virusas.exe\r
DESCRIPTION:Aprašymas\r
END:VEVENT\r
"""
FORGED_ZONE = """BEGIN:VTIMEZONE\r
TZID:Europe/Vilnius\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+1200\r
TZOFFSETTO:+1200\r
END:STANDARD\r
END:VTIMEZONE\r
"""


def test_member_calendars_are_written_anew_from_plain_values(network, tmp_path):  # noqa: F811
    """Nothing of a member's VEVENT but its plain values reaches the network calendar; a member's own
    VTIMEZONE never replaces the zone's rules; a UID two members claim is kept twice, the later renamed."""
    import datetime as dt
    import shutil

    import icalendar
    from conftest import read_with_vobject

    tree, outputs, _ = network
    copies = {}
    for name, zone in (("pirmas", ""), ("antras", FORGED_ZONE)):
        copies[name] = tmp_path / name
        shutil.copytree(outputs[name], copies[name])
        ics = copies[name] / "calendar.ics"
        raw = ics.read_text(encoding="utf-8")
        extra = zone + HOSTILE_EVENT.format(uid="bendras@renginys", summary=f"Renginys {name}")
        ics.write_text(raw.replace("BEGIN:VEVENT", extra + "BEGIN:VEVENT", 1), encoding="utf-8")
    with member_server(copies, attacks={}) as (
        base,
        _port,
    ):  # served over HTTP, as a member's site is
        umbrella = umbrella_copy(
            tree, outputs, tmp_path / "umbrella", **{name: f"{base}/{name}/" for name in copies}
        )
        assert skaidra("gather", "--input", str(umbrella.root)).code == 0
    output = tmp_path / "output"
    run = build(umbrella.root, output, env={"SOURCE_DATE_EPOCH": NOW})
    assert [p.split(": warning: ", 1)[1] for p in run.problems if "UID" in p] == [
        "antras: calendar.ics: bendras@renginys: pirmas publishes an event with this UID too; this member's is kept as bendras@renginys-antras"
    ]
    raw = (output / "tinklas/calendar.ics").read_bytes()
    for word in (b"javascript", b"X-ALT-DESC", b"ATTACH", b"virusas", b"<script", b"+1200"):
        assert word not in raw, word
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert {"bendras@renginys", "bendras@renginys-antras"} <= set(events)
    assert str(events["bendras@renginys"]["summary"]) == "Renginys pirmas"
    assert str(events["bendras@renginys-antras"]["summary"]) == "Renginys antras"
    # 18:00 in Vilnius in June is 15:00 UTC, read so by both clients from the calendar's own VTIMEZONE.
    first = events["bendras@renginys-antras"].decoded("dtstart")
    assert first.astimezone(dt.UTC) == dt.datetime(2024, 6, 10, 15, 0, tzinfo=dt.UTC)
    second = {e.uid.value: e for e in read_with_vobject(raw).vevent_list}
    assert second["bendras@renginys-antras"].dtstart.value.astimezone(dt.UTC).hour == 15
    assert str(events["bendras@renginys"]["rrule"].to_ical(), "ascii") == "FREQ=WEEKLY;COUNT=3"


BROKEN = [
    (endpoint, b"")
    for endpoint in (
        "data/projects.json",
        "data/360giving.json",
        "calendar.ics",
        "feeds/all.atom.xml",
    )
] + [
    (
        "feeds/all.atom.xml",
        b'<?xml version="1.0" encoding="\x80utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
    ),
    (
        "feeds/all.atom.xml",
        b'<?xml version="1.0" encoding="\x00utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
    ),
]


@pytest.mark.parametrize("endpoint, body", BROKEN)
def test_a_file_that_breaks_a_parser_is_a_warning_and_the_last_good_copy_stays(
    network,  # noqa: F811 (the fixture)
    tmp_path,
    endpoint,
    body,
):
    """Found by test_fuzz_members: an empty feed, and a stray byte in a feed's encoding, made gathering raise
    (feedparser gives no version for the one, raises for the other)."""
    import datetime as dt
    import shutil

    tree, outputs, _ = network
    copy = tmp_path / "pirmas"
    shutil.copytree(outputs["pirmas"], copy)
    (copy / endpoint).write_bytes(body)
    umbrella = umbrella_copy(tree, outputs, tmp_path / "umbrella", pirmas=copy)
    run = skaidra("gather", "--input", str(umbrella.root))
    assert run.code == 0, run.err
    (warning,) = run.problems
    assert warning.split(": warning: ", 1)[1].startswith(f"pirmas: {endpoint}: ")
    assert warning.endswith(f"its copy of {dt.date.today().isoformat()} is used")
    assert (umbrella.root / ".skaidra/members/pirmas" / endpoint).read_bytes() == (
        outputs["pirmas"] / endpoint
    ).read_bytes()


def test_a_member_that_cannot_be_reached_is_a_warning_for_it_alone(network, tmp_path):  # noqa: F811
    import socket

    tree, outputs, _ = network
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    umbrella = umbrella_copy(
        tree,
        outputs,
        tmp_path / "umbrella",
        antras=f"http://127.0.0.1:{port}/",
        trecias="http://nera.invalid/",
    )
    run = skaidra("gather", "--input", str(umbrella.root))
    assert run.code == 0
    reasons = {
        p.split(": ", 4)[3]: p.split(": ", 4)[4].split(": ", 1)[1].split("; its copy")[0]
        for p in run.problems
    }
    assert reasons["antras"] == "cannot be read ([Errno 111] Connection refused)"
    assert reasons["trecias"].startswith(
        "cannot be read ([Errno -"
    )  # the resolver's own words for a name that is not
    assert {p.split(": ", 4)[3] for p in run.problems} == {
        "antras",
        "trecias",
    }  # pirmas, from its folder, is not touched
