"""Broken content: every kind gives exact `path:line: field: message` lines,
a non-zero exit, and an output folder left exactly as it was."""

from __future__ import annotations

import textwrap

import pytest
from conftest import MINIMAL_SITE, ContentTree, build, skaidra, snapshot

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English

PROJECT = "data/projects/demo.yaml"
POST = "posts/labas.md"
EVENT = "events/mokymai.md"
ORGS = "data/organisations.yaml"
FUNDERS = "data/funders.yaml"

VALID_PROJECT = textwrap.dedent(MINIMAL_SITE[PROJECT])


def project(**replace: str) -> str:
    """The valid project with some lines replaced (old line -> new text)."""
    text = VALID_PROJECT
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text


def post(front: str, body: str = "Tekstas.\n") -> str:
    return f"---\n{front}---\n{body}"


# (case id, {file: new text}, [expected "file:line: field: message" lines])
CASES = [
    (
        "missing-required-key",
        {PROJECT: project(**{"title: Bandomasis projektas\n": ""})},
        [f"{PROJECT}:1: title: is required"],
    ),
    (
        "unknown-key-typo",
        {PROJECT: project(**{"amount: 1000": "ammount: 1000"})},
        [
            f"{PROJECT}:9: funding[0].amount: is required",
            f"{PROJECT}:10: funding[0].ammount: unknown key 'ammount'; did you mean 'amount'?",
        ],
    ),
    (
        "amount-not-a-number",
        {PROJECT: project(**{"amount: 1000": "amount: daug"})},
        [f"{PROJECT}:10: funding[0].amount: must be a number, got 'daug'"],
    ),
    (
        "amount-with-lithuanian-separators",
        {PROJECT: project(**{"amount: 1000": 'amount: "20 000,00"'})},
        [
            (
                f"{PROJECT}:10: funding[0].amount: '20 000,00' is ambiguous; write 20000.00 if that is the number meant "
                "(no thousands separators, a dot before the cents)"
            )
        ],
    ),
    (
        "amount-with-a-dot-between-thousands",  # YAML alone would read twenty
        {PROJECT: project(**{"amount: 1000": "amount: 20.000"})},
        [
            (
                f"{PROJECT}:10: funding[0].amount: '20.000' is ambiguous; write 20000 if that is the number meant "
                "(no thousands separators, a dot before the cents)"
            )
        ],
    ),
    (
        "amount-with-a-comma-between-thousands",
        {PROJECT: project(**{"amount: 1000": "amount: 20,000"})},
        [
            (
                f"{PROJECT}:10: funding[0].amount: '20,000' is ambiguous; write 20000 if that is the number meant "
                "(no thousands separators, a dot before the cents)"
            )
        ],
    ),
    (
        "amount-with-a-decimal-comma",
        {PROJECT: project(**{"amount: 1000": "amount: 1000,50"})},
        [
            (
                f"{PROJECT}:10: funding[0].amount: '1000,50' is ambiguous; write 1000.50 if that is the number meant "
                "(no thousands separators, a dot before the cents)"
            )
        ],
    ),
    (
        "negative-amount",
        {PROJECT: project(**{"amount: 1000": "amount: -5"})},
        [f"{PROJECT}:10: funding[0].amount: must be greater than 0, got -5"],
    ),
    (
        "bad-organisation-id",
        {
            ORGS: "- id: Mano Org\n  name: Bandomoji\n",
            PROJECT: VALID_PROJECT.replace("organisation: org", "organisation: Mano Org"),
        },
        [
            f"{ORGS}:1: [0].id: must use only small letters a-z, digits and '-', got 'Mano Org'",
            f"{PROJECT}:3: organisation: must use only small letters a-z, digits and '-', got 'Mano Org'",
        ],
    ),
    (
        "bad-project-id",
        {PROJECT: project(**{"id: DEMO-1": "id: DEMO 1"})},
        [
            f"{PROJECT}:1: id: must use only letters, digits, '-', '_' and '.', got 'DEMO 1'",
            f"{EVENT}:5: project: unknown project 'DEMO-1': no project with this id in data/projects/",
            f"{POST}:4: project: unknown project 'DEMO-1': no project with this id in data/projects/",
        ],
    ),
    (
        "unknown-organisation",
        {PROJECT: project(**{"organisation: org": "organisation: orgg"})},
        [
            f"{PROJECT}:3: organisation: unknown organisation 'orgg': no organisation with this id in data/organisations.yaml; did you mean 'org'?"
        ],
    ),
    (
        "unknown-funder",
        {PROJECT: project(**{"funder: fondas": "funder: fondass"})},
        [
            f"{PROJECT}:9: funding[0].funder: unknown funder 'fondass': no funder with this id in data/funders.yaml; did you mean 'fondas'?"
        ],
    ),
    (
        "unknown-project-in-post",
        {POST: post("title: Labas\ndate: 2024-02-01\nproject: DEMO-2\n")},
        [
            f"{POST}:4: project: unknown project 'DEMO-2': no project with this id in data/projects/; did you mean 'DEMO-1'?"
        ],
    ),
    (
        "unknown-activity-in-event",
        {EVENT: post("title: Mokymai\nstart: 2024-03-01\nproject: DEMO-1\nactivity: seminarai\n")},
        [
            f"{EVENT}:5: activity: 'seminarai' is not an activity of project 'DEMO-1' (its activity ids: mokymai)"
        ],
    ),
    (
        "activity-without-project",
        {EVENT: post("title: Mokymai\nstart: 2024-03-01\nactivity: mokymai\n")},
        [f"{EVENT}:4: activity: needs 'project': the project whose activity this is"],
    ),
    (
        "period-end-before-start",
        {PROJECT: project(**{"end: 2024-12-31": "end: 2023-12-31"})},
        [f"{PROJECT}:7: period.end: 2023-12-31 is before the start, 2024-01-01"],
    ),
    (
        "summary-too-long",
        {PROJECT: project(**{"summary: Trumpas projekto aprašymas.": "summary: " + "a" * 301})},
        [f"{PROJECT}:4: summary: must be at most 300 characters, got 301"],
    ),
    (
        "not-iso-4217-currency",
        {PROJECT: project(**{"amount: 1000": "amount: 1000\n    currency: EURO"})},
        [
            f"{PROJECT}:11: funding[0].currency: must be an ISO 4217 currency code such as 'EUR', got 'EURO'"
        ],
    ),
    (
        "duplicate-organisation-id",
        {ORGS: "- id: org\n  name: Viena\n- id: org\n  name: Kita\n"},
        [f"{ORGS}:3: [1].id: duplicate id 'org' (first on line 1)"],
    ),
    (
        "duplicate-project-id",
        {"data/projects/kitas.yaml": VALID_PROJECT},
        [
            "data/projects/kitas.yaml:1: id: duplicate project id 'DEMO-1' (also in {content}/data/projects/demo.yaml)"
        ],
    ),
    (
        "malformed-yaml",
        {PROJECT: project(**{"  - funder: fondas": "  - funder: [fondas"})},
        [
            f"{PROJECT}:9: yaml: a list opened with '[' here is not closed with ']' (see 'What the error messages mean' in the editor's guide)"
        ],
    ),
    (
        "tab-indentation",
        {PROJECT: project(**{"  start: 2024-01-01": "\tstart: 2024-01-01"})},
        [
            f"{PROJECT}:6: yaml: a tab character is used for indentation; indent with spaces (see 'What the error messages mean' in the editor's guide)"
        ],
    ),
    (
        "media-path-escapes",
        {ORGS: "- id: org\n  name: Org\n  logo: ../../etc/passwd\n"},
        [f"{ORGS}:3: [0].logo: must stay inside content/media, got '../../etc/passwd'"],
    ),
    (
        "media-path-absolute",
        {ORGS: "- id: org\n  name: Org\n  logo: /etc/passwd\n"},
        [
            f"{ORGS}:3: [0].logo: must be a path inside content/media, not an absolute path, got '/etc/passwd'"
        ],
    ),
    (
        "media-file-missing",
        {ORGS: "- id: org\n  name: Org\n  logo: logos/org.png\n"},
        [f"{ORGS}:3: [0].logo: file not found: content/media/logos/org.png"],
    ),
    (
        "document-file-missing",
        {PROJECT: VALID_PROJECT + "documents:\n  - title: Sutartis\n    file: sutartis.pdf\n"},
        [f"{PROJECT}:22: documents[0].file: file not found: content/media/sutartis.pdf"],
    ),
    (
        "post-without-front-matter",
        {POST: "# Labas\n\nTekstas.\n"},
        [
            f"{POST}:1: front-matter: missing: the first line must be '---', followed by the keys and another '---' line"
        ],
    ),
    (
        "front-matter-not-closed",
        {POST: "---\ntitle: Labas\n\nTekstas.\n"},
        [f"{POST}:1: front-matter: is not closed: add a line '---' after the last key"],
    ),
    (
        "bad-date-format",
        {POST: post("title: Labas\ndate: 22.06.2023\n")},
        [
            f"{POST}:3: date: must be a date YYYY-MM-DD or a date and time YYYY-MM-DD HH:MM, got '22.06.2023'"
        ],
    ),
    (
        "impossible-date",
        {PROJECT: project(**{"start: 2024-01-01": "start: 2024-02-30"})},
        [
            f"{PROJECT}:6: period.start: is not a real date: no such day, month, hour or minute, got '2024-02-30'"
        ],
    ),
    (
        "yaml-alias",
        {ORGS: "- &a\n  id: org\n  name: Org\n- *a\n"},
        [f"{ORGS}:4: [1]: YAML aliases (*name) are not allowed; write the value out"],
    ),
    (
        "yaml-object-tag",
        {ORGS: "- id: org\n  name: !!python/object/apply:os.system [echo hacked]\n"},
        [
            f"{ORGS}:2: [0].name: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
        ],
    ),
    (
        "duplicate-key",
        {
            PROJECT: project(
                **{"title: Bandomasis projektas": "title: Bandomasis projektas\ntitle: Kitas"}
            )
        },
        [f"{PROJECT}:3: title: duplicate key 'title' (first given on line 2)"],
    ),
    (
        "event-end-other-kind",
        {EVENT: post("title: Mokymai\nstart: 2024-03-01 10:00\nend: 2024-03-02\n")},
        [
            f"{EVENT}:4: end: must be the same kind as 'start': both dates (all-day) or both date and time"
        ],
    ),
    (
        "event-end-before-start",
        {EVENT: post("title: Mokymai\nstart: 2024-03-01 10:00\nend: 2024-03-01 09:00\n")},
        [f"{EVENT}:4: end: 2024-03-01 09:00 is before the start, 2024-03-01 10:00"],
    ),
    (
        "bad-timezone",
        {EVENT: post("title: Mokymai\nstart: 2024-03-01 10:00\ntimezone: Europe/Vilna\n")},
        [
            f"{EVENT}:4: timezone: must be a time zone name such as 'Europe/Vilnius', got 'Europe/Vilna'"
        ],
    ),
    (
        "javascript-url",
        {PROJECT: VALID_PROJECT + "links:\n  - title: Spustelk\n    url: javascript:alert(1)\n"},
        [
            f"{PROJECT}:22: links[0].url: must be a full web address starting with https://, got 'javascript:alert(1)'"
        ],
    ),
    (
        "not-utf8",
        {POST: "---\ntitle: Ąžuolas\n---\n".encode("cp1257")},
        [f"{POST}:2: encoding: is not UTF-8 text (byte 0xc0); save the file as UTF-8"],
    ),
    (
        "empty-file",
        {PROJECT: ""},
        [f"{PROJECT}:1: file: is empty"],
    ),
    (
        "duplicate-post-slug",
        {"posts/kitas.md": post("title: Labas\ndate: 2024-02-02\n")},
        [
            "{content}/posts/labas.md:2: title: gives the slug 'labas' in language 'lt', already used by {content}/posts/kitas.md; set a different 'slug'"
        ],
    ),
    (
        "unknown-status",
        {PROJECT: project(**{"organisation: org": "organisation: org\nstatus: finished"})},
        [
            f"{PROJECT}:4: status: must be one of 'planned', 'active', 'completed', 'cancelled'; got 'finished'"
        ],
    ),
    (
        "no-grants",
        {
            PROJECT: project(
                **{
                    "  - funder: fondas\n    amount: 1000\n    programme: Bandomoji programa\n": "",
                    "funding:\n": "funding: []\n",
                }
            )
        },
        [f"{PROJECT}:8: funding: must have at least 1 item"],
    ),
    (
        "language-not-of-site",
        {POST: post("title: Labas\ndate: 2024-02-01\nlang: de\n")},
        [f"{POST}:4: lang: 'de' is not a language of this site (use: lt, en)"],
    ),
    (
        "document-file-and-url",
        {
            "media/a.pdf": "%PDF-1.4",
            PROJECT: VALID_PROJECT
            + "documents:\n  - title: Sutartis\n    url: https://example.org/a.pdf\n    file: a.pdf\n",
        },
        [
            f"{PROJECT}:21: documents[0]: give either 'file' (under content/media) or 'url', not both or neither"
        ],
    ),
    (
        "link-to-missing-file-in-body",
        {
            POST: post(
                "title: Labas\ndate: 2024-02-01\n",
                "Žr. [ataskaitą]({static}/media/ataskaita.pdf).\n",
            )
        },
        [f"{POST}:5: body: links to /media/ataskaita.pdf, which does not exist"],
    ),
    (
        "event-slug-taken-by-the-site",
        {"events/praeje.md": post("title: Praėjęs\nstart: 2024-03-01\n")},
        [
            "events/praeje.md:1: file: gives the address 'praeje', which the site uses for its own pages; rename the file or set a 'slug'"
        ],
    ),
    (
        "page-slug-taken-by-the-site",
        {"pages/projektai.md": post("title: Projektai\n")},
        [
            "pages/projektai.md:2: title: gives the address 'projektai', which the site uses for its own pages; set a 'slug'"
        ],
    ),
    (
        "project-id-taken-by-the-filters",
        {
            PROJECT: project(**{"id: DEMO-1": "id: metai"}),
            POST: post("title: Labas\n"),
            EVENT: post("title: Mokymai\nstart: 2024-03-01\n"),
        },
        [
            f"{PROJECT}:1: id: gives the address 'metai', which the project index uses for its filters; choose another id"
        ],
    ),
    (
        "title-is-a-list",
        {POST: post("title: [Labas, Rytas]\ndate: 2024-02-01\n")},
        [f"{POST}:2: title: must be text, got a list"],
    ),
]


def _expected(case_lines: list[str], tree: ContentTree) -> set[str]:
    root = str(tree.root)
    lines = set()
    for line in case_lines:
        line = line.replace("{content}", root)
        lines.add(line if line.startswith(root) else f"{root}/{line}")
    return lines


@pytest.mark.parametrize(
    "files, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_content_is_reported_and_output_untouched(
    content: ContentTree, tmp_path, files, expected
):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>the last good build</p>")
    before = snapshot(output)
    for relative, text in files.items():
        content.write(relative, text)

    checked = skaidra("check", "--input", str(content.root))
    built = skaidra("html", "--input", str(content.root), "--output", str(output))

    want = _expected(expected, content)
    assert checked.code == 1
    assert set(checked.problems) == want, checked.err
    assert built.code == 1
    assert set(built.problems) == want, built.err
    assert "unchanged" in built.err
    assert snapshot(output) == before
    assert not any(p.name.startswith(".output.build-") for p in tmp_path.iterdir())


def test_every_problem_is_reported_not_only_the_first(content: ContentTree):
    content.write(
        PROJECT,
        project(**{"amount: 1000": "amount: -1", "organisation: org": "organisation: nera"}),
    )
    content.write(POST, post("title: Labas\ndate: 2024-13-01\n"))
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert len(run.problems) == 3
    assert "3 errors found" in run.err


def test_minimal_site_is_valid(content: ContentTree):
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert run.problems == []


def test_a_file_that_is_not_markdown_is_reported_not_ignored(content: ContentTree):
    content.write("posts/naujiena.txt", "---\ntitle: Labas\n---\n")
    run = skaidra("check", "--input", str(content.root))
    assert run.problems == [
        f"{content.root}/posts/naujiena.txt:1: file: is not a Markdown file ending in .md, so it would be left out; rename it or move it to content/media"
    ]


def test_hidden_files_editors_backups_and_hidden_folders_are_left_out(content: ContentTree):
    """What an editor or a system leaves beside the content is not content; a post in a folder of its
    own is."""
    for name in ("posts/.naujiena.md.swp", "posts/naujiena.md~", "posts/.juodrasciai/senas.md",
                 "posts/kopija~/senas.md", "posts/.DS_Store"):  # fmt: skip
        content.write(name, "---\ntitle: [neteisinga\n---\n")  # invalid, were it read
    content.write("posts/2024/metine.md", "---\ntitle: Metinė\ndate: 2024-03-01\n---\nTekstas.\n")
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert run.problems == []
    output = content.root.parent / "output"
    build(content.root, output)
    assert (output / "naujienos/metine/index.html").is_file()


def test_problems_in_a_draft_are_warnings_and_do_not_stop_the_build(content: ContentTree):
    content.write(
        "posts/juodrastis.md",
        "---\ntitle: Juodraštis\nstatus: draft\nproject: NERA\n---\nDar rašoma.\n",
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert run.problems == [
        f"{content.root}/posts/juodrastis.md:4: project: warning: unknown project 'NERA': no project with this id in data/projects/"
    ]


def test_a_draft_project_is_checked_with_warnings_and_left_out(content, tmp_path):
    from conftest import build, skaidra

    content.write(
        "data/projects/juodrastis.yaml",
        """\
        id: JUODRASTIS
        title: Juodraštis
        organisation: nera
        summary: Dar neskelbiamas.
        status: draft
        period: {start: 2024-01-01, end: 2024-12-31}
        """,
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert any(
        p.endswith(
            "juodrastis.yaml:3: organisation: warning: unknown organisation 'nera': no organisation with this id in data/organisations.yaml"
        )
        for p in run.problems
    ), run.err
    output = tmp_path / "output"
    build(content.root, output)
    assert not (output / "projektai/juodrastis").exists()
    assert "Juodraštis" not in (output / "projektai/index.html").read_text(encoding="utf-8")
    content.write(
        "posts/labas.md",
        content.read("posts/labas.md").replace("project: DEMO-1", "project: JUODRASTIS"),
    )
    run = skaidra("check", "--input", str(content.root))
    assert any(
        p.endswith(
            "labas.md:4: project: project 'JUODRASTIS' is a draft, so nothing may link to it yet; publish it or remove the link"
        )
        for p in run.problems
    ), run.err


def test_likely_slips_are_warnings_with_file_and_line_and_the_site_still_builds(
    content: ContentTree, tmp_path
):
    # An event after its project ended; an actual a hundred times its target (an extra zero or two).
    content.write("events/mokymai.md", (content.root / "events/mokymai.md").read_text(encoding="utf-8")
                  .replace("2024-03-01", "2025-02-01"))  # fmt: skip
    project = content.root / "data/projects/demo.yaml"
    project.write_text(
        project.read_text(encoding="utf-8")
        + "  - id: leidiniai\n    title: Leidiniai\n    indicators:\n"
        + "      - name: Leidiniai\n        target: 5\n        actual: 500\n",
        encoding="utf-8",
    )
    run = build(content.root, tmp_path / "output")
    assert run.problems == [
        f"{project}:25: activities[1].indicators[0].actual: warning: the actual value 500 is more than 10 times the target 5; check for a typo",
        f"{content.root}/events/mokymai.md:5: project: warning: the event ends on 2025-02-01, after project 'DEMO-1' ends (2024-12-31); check the dates or the project",
    ]
    assert (tmp_path / "output/projektai/demo-1/index.html").exists()


def test_a_completed_project_without_any_result_is_a_warning(content: ContentTree):
    content.write(
        "events/mokymai.md",
        (content.root / "events/mokymai.md")
        .read_text(encoding="utf-8")
        .replace("attendance: 7\n", ""),
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 0, run.err
    assert run.problems == [
        f"{content.root}/data/projects/demo.yaml:13: activities: warning: the project is completed but no indicator has an actual value; add what was achieved"
    ]
    # Not while it runs: a project under way has nothing to report yet.
    content.write(
        "data/projects/demo.yaml",
        (content.root / "data/projects/demo.yaml")
        .read_text(encoding="utf-8")
        .replace("end: 2024-12-31", "end: 2030-12-31"),
    )
    assert skaidra("check", "--input", str(content.root)).problems == []


def test_an_event_before_its_project_starts_is_a_warning(content: ContentTree):
    content.write(
        "events/mokymai.md",
        (content.root / "events/mokymai.md")
        .read_text(encoding="utf-8")
        .replace("2024-03-01", "2023-12-30"),
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.problems == [
        f"{content.root}/events/mokymai.md:5: project: warning: the event starts on 2023-12-30, before project 'DEMO-1' starts (2024-01-01); check the dates or the project"
    ]
