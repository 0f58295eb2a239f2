"""The network case of `make bench`: an umbrella gathering its members' sites and building its portal.

One member site of 10 projects, 20 events and 20 posts is built with Skaidra;
its four endpoints (projects.json, 360giving.json, calendar.ics, all.atom.xml)
are copied into a folder per member, each member's ids, UIDs and addresses
made its own, and served over HTTP by a local server, so that gathering is
real: requests, responses, the gatherer's own concurrency. For each count of
members the umbrella gathers them and builds, and the report gives the time
and peak memory of both, and how the time per member grows from the fewest to
the most.
"""

from __future__ import annotations

import functools
import shutil
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from skaidra_network.copies import FILES
from skaidra_network.gather import AT_ONCE

from .measure import measure, skaidra

ROOT = Path(__file__).resolve().parent.parent

PROJECTS, EVENTS, POSTS = 10, 20, 20
TEMPLATE_ID = "m0000"  # in the template member's domain, project ids and UIDs: replaced per member


@dataclass
class NetworkResult:
    members: int
    gather_s: float
    gather_mb: float
    build_s: float
    build_mb: float
    pages: int


def write_member(folder: Path) -> None:
    """The template member's content: 10 projects, 20 events, 20 posts."""

    def write(relative: str, text: str) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    write(
        "site.yaml",
        f"title: Narys {TEMPLATE_ID}\nlanguages: [lt]\nidentity_domain: {TEMPLATE_ID}.example\n",
    )
    write(
        "data/organisations.yaml", "- id: narys\n  name: Narys\n  registration_code: '300000000'\n"
    )
    write(
        "data/funders.yaml",
        "- id: nvo-fondas\n  name: Nevyriausybinių organizacijų fondas\n- id: savivaldybe\n  name: Savivaldybė\n",
    )
    for p in range(PROJECTS):
        write(
            f"data/projects/p{p}.yaml",
            f"""\
            id: {TEMPLATE_ID.upper()}-P{p}
            title: Projektas {p}
            organisation: narys
            summary: Bendruomenės projektas numeris {p}.
            period: {{start: 2024-0{1 + p % 9}-01, end: 2024-12-31}}
            areas: [{{name: Lietuva, country: LT}}]
            funding:
              - {{funder: {"nvo-fondas" if p % 2 else "savivaldybe"}, amount: {1000 + 100 * p}, programme: Programa, award_date: 2024-01-0{1 + p % 9}}}
            activities:
              - id: veikla
                title: Veikla
                indicators:
                  - {{name: Dalyviai, unit: asm., target: 50, actual: {10 + p}}}
            """,
        )
    for e in range(EVENTS):
        write(
            f"events/e{e}.md",
            f"---\ntitle: Renginys {e}\nstart: 2024-{1 + e % 12:02d}-{1 + e:02d} 18:00\nproject: {TEMPLATE_ID.upper()}-P{e % PROJECTS}\n---\nRenginys.\n",
        )
    for n in range(POSTS):
        write(
            f"posts/n{n}.md",
            f"---\ntitle: Naujiena {n}\ndate: 2024-{1 + n % 12:02d}-{1 + n:02d}\n---\nNaujiena apie veiklą.\n",
        )


def write_members(work: Path, template_output: Path, count: int) -> Path:
    """`count` member folders holding the template's endpoints, each with its own ids; return their parent."""
    parent = work / f"members-{count}"
    if parent.exists():
        shutil.rmtree(parent)
    texts = {
        relative: (template_output / relative).read_text(encoding="utf-8") for relative in FILES
    }
    for i in range(count):
        own = f"m{i:04d}"
        for relative, text in texts.items():
            path = parent / own / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                text.replace(TEMPLATE_ID, own).replace(TEMPLATE_ID.upper(), own.upper()),
                encoding="utf-8",
            )
    return parent


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The members' folders over HTTP on loopback (one thread per request); yield the server's address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass


def write_umbrella(work: Path, base: str, count: int) -> Path:
    content = work / f"umbrella-{count}" / "content"
    if content.parent.exists():
        shutil.rmtree(content.parent)
    content.mkdir(parents=True)
    lines = ["title: Skėtis", "languages: [lt]", "members:"]
    for i in range(count):
        own = f"m{i:04d}"
        lines.append(
            f"  - {{id: {own}, name: Narys {i}, url: 'https://{own}.example/', source: '{base}/{own}/'}}"
        )
    (content / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return content


def bench_network(work: Path, counts: list[int]) -> list[NetworkResult]:
    """Gather and build the umbrella for each count of members."""
    template = work / "member-template"
    if not (template / "output" / FILES[0]).exists():
        write_member(template / "content")
        measure(
            skaidra(template / "content", template / "output"),
            ROOT,
            {"SITEURL": f"https://{TEMPLATE_ID}.example"},
        )
    results = []
    for count in counts:
        members = write_members(work, template / "output", count)
        with served(members) as base:
            content = write_umbrella(work, base, count)
            gather_s, gather_mb = measure(
                [sys.executable, "-m", "skaidra", "gather", "--input", str(content)], ROOT
            )
        output = content.parent / "output"
        build_s, build_mb = measure(skaidra(content, output), ROOT)
        pages = sum(1 for _ in output.rglob("*.html"))
        results.append(NetworkResult(count, gather_s, gather_mb, build_s, build_mb, pages))
    return results


def network_report(results: list[NetworkResult]) -> list[str]:
    if not results:
        return []
    lines = [
        "## Network (an umbrella's portal)",
        "",
        f"Member sites of {PROJECTS} projects, {EVENTS} events and {POSTS} posts each, gathered over HTTP from a local",
        f"server (`skaidra gather`, {AT_ONCE} files at a time), then the umbrella built (`skaidra html`): its network",
        "pages, calendar and open data.",
        "",
        "| members | gather | gather peak | build | build peak | pages | build per member |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.members} | {r.gather_s:.2f} s | {r.gather_mb:.0f} MB | {r.build_s:.2f} s | {r.build_mb:.0f} MB | {r.pages} | "
            f"{1000 * r.build_s / r.members:.1f} ms |"
        )
    first, last = results[0], results[-1]
    if last.members > first.members:
        growth = (last.build_s / last.members) / (first.build_s / first.members)
        gather_growth = (last.gather_s / last.members) / (first.gather_s / first.members)
        memory_growth = (last.build_mb / first.build_mb) / (last.members / first.members)
        lines += [
            "",
            (
                f"From {first.members} to {last.members} members the build's time per member changed by a factor of "
                f"{growth:.2f} (gathering: {gather_growth:.2f}); its peak memory grew {last.build_mb / first.build_mb:.2f} times "
                f"for {last.members / first.members:.0f} times the members ({memory_growth:.2f} of linear)."
            ),
        ]
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.network [COUNTS...]`: the network case alone, its section of the report printed."""
    import tempfile

    counts = [int(n) for n in (argv if argv is not None else sys.argv[1:])] or [50, 200, 500]
    with tempfile.TemporaryDirectory(prefix="skaidra-network-") as work:
        print("\n".join(network_report(bench_network(Path(work), counts))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
