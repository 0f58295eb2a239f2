"""The web editor at /admin/ (contract, section 11): its config made from the schemas, the page a build
writes, its programs fetched as the lock file pins them, and `skaidra edit`'s checks before it starts.

What editors do in it, in Chromium against a git copy of the sample, is tests/test_editor_browser.py."""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, html, skaidra, skaidra_process

EDITOR = """\
editor:
  backend: gitlab
  repo: bendruomene/svetaine
  app_id: 0123456789abcdef
"""


def config_of(output: Path) -> dict:
    return yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def fields_of(spec: dict) -> list[dict]:
    """A collection's fields; for a file collection of a list, the fields of one item."""
    if "fields" in spec:
        return spec["fields"]
    fields = spec["files"][0]["fields"]
    return fields[0]["fields"] if fields[0]["name"] == "items" else fields


def field(fields: list[dict], dotted: str) -> dict:
    """The field at a dotted path such as `funding.decision.date`."""
    head, _, rest = dotted.partition(".")
    found = next(f for f in fields if f["name"] == head)
    if not rest:
        return found
    return field(found.get("fields") or [found["field"]], rest)


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    """The sample's content with an editor, built once."""
    root = tmp_path_factory.mktemp("editor-site")
    subprocess.run(["cp", "-r", str(ROOT / "content"), str(root / "content")], check=True)
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write(EDITOR)
    (root / "content" / "data" / "venues.yaml").write_text(
        "- {id: namai, name: Bendruomenės namai, locality: Karklė}\n", encoding="utf-8"
    )
    build(root / "content", root / "output")
    return root


# --- every field of the contract has a widget ---------------------------------------------------


def contract_tables() -> dict[str, list[str]]:
    """The keys of each table of the contract, by the heading above the table."""
    tables: dict[str, list[str]] = {}
    heading = ""
    for line in (ROOT / "docs" / "CONTENT-FORMAT.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ").strip()
        elif line.startswith("| ") and not line.startswith(
            ("| key", "|---", "| path", "| command")
        ):
            keys = line.split("|")[1]
            for key in keys.split(","):
                tables.setdefault(heading, []).append(key.strip().strip("`"))
        elif line.startswith("A grant in `funding`"):
            heading = "grant"
        elif line.startswith("An activity:"):
            heading = "activity"
    return tables


# Where each table of the contract is in the editor: (collection, path of the list or object its keys belong to).
TABLES = {
    "2. organisations.yaml (list)": ("organisations", ""),
    "3. funders.yaml (list)": ("funders", ""),
    "4. projects/*.yaml (one mapping per file)": ("projects", ""),
    "grant": ("projects", "funding"),
    "activity": ("projects", "activities"),
    "5. events/*.md": ("events", ""),
    "6. podcast/*.md (one episode each)": ("podcast", ""),
    "9. site.yaml (the site's own settings)": ("site", ""),
}
# Keys the contract gives in its prose rather than a table.
PROSE = {
    ("posts", ""): ["title", "date", "summary", "tags", "lang", "slug", "status", "image", "image_alt", "project", "projects"],
    ("pages", ""): ["title", "role", "lang", "slug", "status"],
    ("venues", ""): ["id", "name", "address", "locality", "country", "geo", "accessibility"],
    ("projects", "activities.indicators"): ["name", "unit", "target", "actual", "source", "people"],
    ("projects", "funding.payments"): ["date", "amount"],
    ("projects", "funding.decision"): ["title", "number", "date", "url"],
    ("projects", "partners"): ["name", "url", "role"],
    ("projects", "documents"): ["title", "file", "url"],
    ("projects", "links"): ["title", "url"],
    ("projects", "areas"): ["name", "country", "code"],
    ("organisations", "address"): ["street", "locality", "postal_code", "country"],
    ("events", "repeat"): ["rule", "except"],
    ("podcast", "chapters"): ["start", "title"],
    ("podcast", "persons"): ["name", "role"],
    ("site", "publisher"): ["name", "email", "address", "url", "registration_code"],
    ("site", "podcast"): ["title", "description", "author", "owner", "image", "categories", "explicit", "type", "locked",
                          "copyright", "license", "directories"],
    ("site", "editor"): ["backend", "repo", "branch", "base_url", "app_id"],
    ("site", "members"): ["id", "name", "url", "source"],
}  # fmt: skip


def test_every_field_the_contract_names_has_a_widget_with_its_meaning(editor_site):
    """Read from docs/CONTENT-FORMAT.md itself: a key added to the contract and not to the editor fails here."""
    config = config_of(editor_site / "output")
    tables = contract_tables()
    wanted = {place: [key for key in tables[heading]] for heading, place in TABLES.items()}
    for place, keys in PROSE.items():
        wanted.setdefault(place, []).extend(keys)
    without = []
    for (name, inside), keys in wanted.items():
        fields = fields_of(collection(config, name))
        if inside:
            fields = field(fields, inside).get("fields") or []
        for key in keys:
            try:
                found = field(fields, key)
            except StopIteration:
                without.append(f"{name}: {inside + '.' if inside else ''}{key}")
                continue
            assert found["widget"] and found["label"] and found["hint"], (name, key, found)
    assert without == []


def test_every_field_of_every_kind_has_its_own_label_and_hint(editor_site):
    """Not only the contract's: every field the schemas have, in Lithuanian."""
    unexplained = []

    def walk(fields: list[dict], where: str) -> None:
        for spec in fields:
            place = f"{where}.{spec['name']}"
            own = where.count(".") < 1 or spec["name"] not in (
                "lt",
                "en",
            )  # a language's part is labelled by the language
            if own and (
                not spec.get("hint") or spec["label"] == spec["name"].replace("_", " ").capitalize()
            ):
                unexplained.append(place)
            walk(
                spec.get("fields")
                or ([spec["field"]] if "field" in spec and spec["field"].get("hint") else []),
                place,
            )

    for spec in config_of(editor_site / "output")["collections"]:
        assert spec["label"] and spec["description"]
        walk(fields_of(spec), spec["name"])
    assert unexplained == []


def test_fields_are_required_patterned_and_chosen_as_the_contract_says(editor_site):
    config = config_of(editor_site / "output")
    projects = fields_of(collection(config, "projects"))
    amount = field(projects, "funding.amount")
    pattern = re.compile(amount["pattern"][0])
    assert amount["required"] is True
    assert pattern.search("20000") and pattern.search("20000.50")
    assert (
        not pattern.search("20.000")
        and not pattern.search("20 000")
        and not pattern.search("20000,50")
    )
    assert field(projects, "funding")["min"] == 1
    assert field(projects, "title")["required"] and not field(projects, "description")["required"]
    date = field(projects, "period.start")
    assert re.compile(date["pattern"][0]).search("2024-05-18") and not re.compile(
        date["pattern"][0]
    ).search("2024-5-18")
    # ids of what exists, chosen from lists
    funder = field(projects, "funding.funder")
    assert (funder["widget"], funder["collection"], funder["value_field"]) == (
        "relation",
        "funders",
        "items.*.id",
    )
    assert field(projects, "organisation")["collection"] == "organisations"
    events = fields_of(collection(config, "events"))
    assert (field(events, "project")["collection"], field(events, "activity")["value_field"]) == (
        "projects",
        "activities.*.id",
    )
    assert field(fields_of(collection(config, "posts")), "projects")["multiple"] is True
    # an event's place: a venue of the site's, or a place written out with every key the contract gives it
    place = field(events, "location")
    assert place["widget"] == "skaidra-place" and place["languages"] == ["lt", "en"]
    assert set(place["words"]) >= {"name", "address", "locality", "country", "geo", "accessibility"}
    assert place["venues"] == [{"id": "namai", "name": "Bendruomenės namai"}]
    # pictures under content/media, with their description beside them
    assert (
        field(projects, "image")["widget"] == "image"
        and field(projects, "image_alt")["widget"] == "string"
    )
    assert (config["media_folder"], config["public_folder"]) == ("content/media", "media")
    # translations beside the original: one part per other language of the site
    translations = field(projects, "translations")
    assert [part["name"] for part in translations["fields"]] == ["en"]
    assert {f["name"] for f in translations["fields"][0]["fields"]} == {
        "title",
        "summary",
        "description",
        "goals",
        "expected_results",
    }
    assert [
        part["name"]
        for part in field(fields_of(collection(config, "venues")), "accessibility")["fields"]
    ] == ["lt", "en"]
    # the contract's meaning as the hint, in the site's first language
    assert field(projects, "summary")["hint"] == "Paprastas tekstas, ne daugiau kaip 300 ženklų."
    assert field(projects, "funding")["label"] == "Finansavimas"
    # Markdown collections keep their body; data files are YAML; the top-level lists use the list format
    assert collection(config, "posts")["format"] == "frontmatter" and field(
        fields_of(collection(config, "posts")), "body"
    )
    assert collection(config, "funders")["format"] == "skaidra-list"
    assert collection(config, "site")["files"][0]["file"] == "content/site.yaml"


def test_the_admin_page_is_the_sites_own_with_its_own_policy(editor_site):
    output = editor_site / "output"
    page = html(output / "admin" / "index.html")
    assert page.html["lang"] == "lt"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    policy = dict(
        part.strip().split(" ", 1)
        for part in page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})[
            "content"
        ].split(";")
    )
    assert policy["script-src"] == "'self' 'unsafe-eval' 'wasm-unsafe-eval'"
    assert (
        policy["connect-src"] == "'self' blob: https://gitlab.com http://localhost:8081"
    )  # the host, and the local backend
    scripts = [tag["src"] for tag in page.find_all("script")]
    assert scripts == ["manual-init.js", "decap/decap-cms.js", "skaidra-editor.js"]
    for src in scripts:
        assert (output / "admin" / src).is_file()
    assert (output / "admin" / "yaml" / "index.js").is_file()
    bundle = (output / "admin" / "decap" / "decap-cms.js").read_bytes()
    assert b"decap-cms-app" in bundle and len(bundle) > 1_000_000
    config = config_of(output)
    assert config["locale"] == "lt"
    assert config["backend"]["name"] == "gitlab" and config["backend"]["auth_type"] == "pkce"
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}
    # the site's pages keep their own strict policy; the admin page is not in the sitemap
    home = html(output / "index.html").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )["content"]
    assert "'unsafe-eval'" not in home.split() and "'unsafe-inline'" not in home.split()
    assert "admin/" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    # hosts that read _headers add up every rule a path matches: the editor's policy alone on /admin/
    rules = {
        block.split("\n", 1)[0]: block
        for block in (output / "_headers").read_text(encoding="utf-8").split("\n\n")
    }
    assert "Content-Security-Policy" not in rules["/*"] and "X-Frame-Options: DENY" in rules["/*"]
    assert (
        f"Content-Security-Policy: {page.find('meta', attrs={'http-equiv': 'Content-Security-Policy'})['content']}; frame-ancestors 'none'"
        in rules["/admin/*"]
    )


def test_a_published_site_has_no_local_backend_and_each_host_its_own_sign_in(content, tmp_path):
    site = content.read("site.yaml")
    content.write(
        "site.yaml",
        site
        + "url: https://bendruomene.example/\n"
        + EDITOR.replace("gitlab", "gitea").replace(
            "  app_id", "  base_url: https://codeberg.org\n  app_id"
        ),
    )
    run = skaidra("publish", "--input", str(content.root), "--output", str(tmp_path / "out"))
    assert run.code == 0, run.err
    config = config_of(tmp_path / "out")
    assert "local_backend" not in config
    assert config["backend"] == {
        "name": "gitea", "repo": "bendruomene/svetaine", "branch": "main", "app_id": "0123456789abcdef",
        "base_url": "https://codeberg.org", "api_root": "https://codeberg.org/api/v1", "commit_messages": config["backend"]["commit_messages"],
    }  # fmt: skip
    policy = html(tmp_path / "out" / "admin" / "index.html").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )["content"]
    assert "localhost" not in policy and "https://codeberg.org" in policy


def test_without_editor_there_is_no_admin(content, tmp_path):
    build(content.root, tmp_path / "out")
    assert not (tmp_path / "out" / "admin").exists()


def test_an_english_site_gets_the_english_interface(content, tmp_path):
    content.write("site.yaml", content.read("site.yaml") + "languages: [en, lt]\n" + EDITOR)
    build(content.root, tmp_path / "out")
    config = config_of(tmp_path / "out")
    assert config["locale"] == "en"
    assert field(fields_of(collection(config, "projects")), "funding")["label"] == "Funding"


@pytest.mark.parametrize("editor, line, message", [
    ("editor:\n  backend: gitlab\n  repo: a/b\n", 1, "editor: reikia app_id"),
    ("editor:\n  backend: github\n  repo: a/b\n", 1, "editor: reikia base_url"),
    ("editor:\n  backend: bitbucket\n  repo: a/b\n", 2, "editor.backend:"),
    ("editor:\n  backend: gitlab\n  repo: svetaine\n  app_id: x\n", 3, "editor.repo: turi būti saugykla savininkas/pavadinimas"),
])  # fmt: skip
def test_a_wrong_editor_is_said_at_its_line(content, editor, line, message):
    before = content.read("site.yaml").count("\n")
    content.write("site.yaml", content.read("site.yaml") + editor)
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert run.problems[0].startswith(f"{content.root}/site.yaml:{before + line}: {message}"), (
        run.err
    )


# --- the editor's programs: fetched once, checked against the lock file -------------------------


class Registry(BaseHTTPRequestHandler):
    """A package registry that serves one tarball for every name."""

    tarball = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.tarball)))
        self.end_headers()
        self.wfile.write(self.tarball)

    def log_message(self, *_args):
        pass


def forged_tarball() -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        body = b"alert('not decap')"
        info = tarfile.TarInfo("package/dist/decap-cms.js")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    return data.getvalue()


@pytest.fixture
def forged_registry():
    Registry.tarball = forged_tarball()
    server = HTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_forged_bundle_is_refused_and_nothing_of_it_used(content, tmp_path, forged_registry):
    content.write("site.yaml", content.read("site.yaml") + EDITOR)
    env = {"SKAIDRA_CACHE": str(tmp_path / "empty-cache"), "SKAIDRA_NPM_REGISTRY": forged_registry}
    output = tmp_path / "out"
    run = skaidra_process("html", "--input", str(content.root), "--output", str(output), env=env)
    assert run.code == 1
    assert "package-lock.json" in run.err and "niekas iš jo nepanaudota" in run.err, run.err
    assert not output.exists()
    assert not any((tmp_path / "empty-cache").rglob("decap-cms.js"))


def test_without_network_the_build_says_what_is_missing_and_leaves_the_output(content, tmp_path):
    content.write("site.yaml", content.read("site.yaml") + EDITOR)
    output = tmp_path / "out"
    build(content.root, output)  # the last good output, from the shared cache
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    lines = content.read("site.yaml").count("\n")
    env = {
        "SKAIDRA_CACHE": str(tmp_path / "empty-cache"),
        "SKAIDRA_NPM_REGISTRY": "http://127.0.0.1:9",
    }
    run = skaidra_process("html", "--input", str(content.root), "--output", str(output), env=env)
    assert run.code == 1
    problem = next(line for line in run.err.splitlines() if "decap-cms 3.16.3" in line)
    assert (
        f"site.yaml:{lines - 3}: editor: turinio redaktoriui reikia decap-cms 3.16.3" in problem
    ), run.err
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_the_lock_file_pins_what_the_build_and_skaidra_edit_use():
    lock = json.loads(
        (ROOT / "plugins" / "skaidra_editor" / "npm" / "package-lock.json").read_text(
            encoding="utf-8"
        )
    )
    package = json.loads(
        (ROOT / "plugins" / "skaidra_editor" / "npm" / "package.json").read_text(encoding="utf-8")
    )
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")


# --- `skaidra edit` refuses what would lose work ------------------------------------------------


def test_edit_outside_a_git_repository_says_so(content, tmp_path):
    run = skaidra_process("edit", "--input", str(content.root), "--output", str(tmp_path / "out"))
    assert run.code == 1
    assert "nėra git saugykloje" in run.err and "git init" in run.err, run.err


def test_edit_refuses_an_output_folder_git_would_commit(content, tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    run = skaidra_process(
        "edit", "--input", str(content.root), "--output", str(tmp_path / "output")
    )
    assert run.code == 1
    assert "nėra git ignoruojamas" in run.err and ".gitignore" in run.err, run.err


def test_the_guides_editor_settings_are_valid(content):
    """The `editor:` each guide shows, added to a site.yaml, passes `skaidra check`."""
    for guide in ("guide.md", "vadovas.md"):
        text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
        shown = re.search(r"<!-- site.yaml: editor -->\n```yaml\n(.*?)```", text, re.DOTALL).group(
            1
        )
        content.write("site.yaml", "title: Bendruomenė\n" + shown)
        run = skaidra("check", "--input", str(content.root))
        assert run.code == 0, (guide, run.err)
        for picture in re.findall(r"!\[[^\]]+\]\((images/editor/[^)]+)\)", text):
            assert (ROOT / "docs" / picture).is_file(), (guide, picture)
