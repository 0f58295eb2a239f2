"""A real S3-compatible server on loopback for the deploy tests and `make bench`: SeaweedFS's `weed mini`
(which serves the same storage by WebDAV too).

Every port it opens is a free one, so that several may run at once (one per test worker).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

KEY, SECRET = "skaidra-key", "skaidra-secret"  # the one identity the server knows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on {port}") from None
            time.sleep(0.2)


@dataclass(frozen=True)
class Storage:
    s3: str  # the S3 endpoint's address
    webdav: str  # its WebDAV server's address


@contextmanager
def s3_server(folder: Path) -> Iterator[Storage]:
    """Run SeaweedFS with its data in `folder`; yield its S3 and WebDAV addresses."""
    folder.mkdir(parents=True, exist_ok=True)
    identities = {"identities": [{"name": "skaidra", "credentials": [{"accessKey": KEY, "secretKey": SECRET}],
                                  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}  # fmt: skip
    (folder / "s3.json").write_text(json.dumps(identities), encoding="utf-8")
    (folder / "data").mkdir(exist_ok=True)
    ports = {name: free_port() for name in ("s3", "master", "filer", "volume", "admin")}
    grpc = {name: free_port() for name in ports}
    webdav = free_port()
    command = [
        str(Path(sys.executable).parent / "weed"), "mini", f"-dir={folder / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-s3.config={folder / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0", "-admin.ui=false",
        f"-debug.port={free_port()}", f"-webdav.port={webdav}",
        *(f"-{name}.port={port}" for name, port in ports.items()), *(f"-{name}.port.grpc={port}" for name, port in grpc.items()),
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port(ports["s3"])
        time.sleep(2)  # the S3 gateway answers once the filer has registered
        wait_for_port(webdav)
        yield Storage(f"http://127.0.0.1:{ports['s3']}", f"http://127.0.0.1:{webdav}")
    finally:
        server.terminate()
        server.wait(timeout=30)
