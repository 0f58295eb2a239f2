"""Asking a member's site for one file, so that the member cannot turn the asking against the gatherer.

What a member's server answers is hostile until judged (contract, section 10): the first request goes to
the address the umbrella's `site.yaml` names; a redirect is followed only to `http` or `https` on that same
host name, at most a few times; the address actually connected to is never a loopback, private,
link-local or multicast one unless the member's own address is (a member on the gatherer's own machine);
one file takes at most `TOTAL_TIME` and `SIZE_LIMIT` bytes, however slowly or long the server answers;
and anything the server does wrong is a failure of that file alone.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from skaidra_model.speech import say

TIMEOUT = 20  # seconds for the server to answer at each step
TOTAL_TIME = 60  # seconds for one file, whatever the server does
REDIRECTS = 5  # followed at most
CHUNK = 64 * 1024
USER_AGENT = "Skaidra gather"


@dataclass(frozen=True)
class Fetched:
    """What asking for one file gave: new bytes, "unchanged" (304), "absent" (404 or no file), or a failure."""

    outcome: str  # new, unchanged, absent, failed
    data: bytes = b""
    etag: str = ""
    modified: str = ""
    reason: str = ""


class Refused(Exception):
    """The member's server asked for something the gatherer will not do; the message says what."""


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_unspecified
        or ip.is_reserved
    )


def _addresses(host: str, port: int) -> set[str]:
    return {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}


class _PeerChecked:
    """A connection that refuses, once connected, an address the member may not send the gatherer to."""

    internal_allowed = False

    def connect(self) -> None:
        super().connect()
        peer = self.sock.getpeername()[0]
        if _internal(peer) and not self.internal_allowed:
            self.close()
            raise Refused(
                say(
                    "{host} is at {address}, an address inside a network, not on the internet",
                    host=self.host,
                    address=peer,
                )
            )


class _HTTP(_PeerChecked, http.client.HTTPConnection):
    pass


class _HTTPS(_PeerChecked, http.client.HTTPSConnection):
    pass


def _connection(
    scheme: str, host: str, port: int, timeout: float, internal_allowed: bool
) -> http.client.HTTPConnection:
    connection = (_HTTPS if scheme == "https" else _HTTP)(host, port, timeout=timeout)
    connection.internal_allowed = internal_allowed
    return connection


def fetch_url(url: str, known: dict[str, str], size_limit: int) -> Fetched:
    """One file at `url`: new bytes (at most `size_limit` + 1 of them, so that an oversize file is seen to
    be one), unchanged, absent, or failed with the reason."""
    deadline = time.monotonic() + TOTAL_TIME
    first = urlsplit(url)
    host = (first.hostname or "").lower()
    try:
        port = first.port or (443 if first.scheme == "https" else 80)
        internal_allowed = any(_internal(address) for address in _addresses(host, port))
        for _hop in range(REDIRECTS + 1):
            parts = urlsplit(url)
            connection = _connection(
                parts.scheme,
                host,
                parts.port or port,
                min(TIMEOUT, deadline - time.monotonic()),
                internal_allowed,
            )
            try:
                headers = {"User-Agent": USER_AGENT}
                if known.get("etag"):
                    headers["If-None-Match"] = known["etag"]
                if known.get("modified"):
                    headers["If-Modified-Since"] = known["modified"]
                connection.request(
                    "GET",
                    (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                    headers=headers,
                )
                sock = (
                    connection.sock
                )  # getresponse() lets go of it when the server closes after answering
                response = connection.getresponse()
                if response.status in (301, 302, 303, 307, 308):
                    url = _redirect(url, response.getheader("Location") or "", host)
                    continue
                if response.status == 304:
                    return Fetched("unchanged")
                if response.status in (404, 410):
                    return Fetched("absent")
                if response.status != 200:
                    return Fetched(
                        "failed", reason=say("the server answered {code}", code=response.status)
                    )
                data = _read(sock, response, size_limit, deadline)
                return Fetched(
                    "new",
                    data,
                    response.getheader("ETag") or "",
                    response.getheader("Last-Modified") or "",
                )
            finally:
                connection.close()
        return Fetched("failed", reason=say("redirected more than {n} times", n=REDIRECTS))
    except Refused as exc:
        return Fetched("failed", reason=str(exc))
    except TimeoutError:
        if time.monotonic() >= deadline:
            return Fetched("failed", reason=say("took longer than {seconds} s", seconds=TOTAL_TIME))
        return Fetched("failed", reason=say("no answer within {seconds} s", seconds=TIMEOUT))
    except (http.client.HTTPException, ValueError) as exc:  # the answer itself is malformed
        return Fetched(
            "failed",
            reason=say(
                "a broken answer ({reason})", reason=_one_line(f"{type(exc).__name__}: {exc}")
            ),
        )
    except OSError as exc:  # no such host, refused, reset
        return Fetched("failed", reason=_one_line(str(exc)))


def _one_line(text: str) -> str:
    """A reason as a warning shows it: one line, however the server wrote it."""
    return " ".join(text.split())[:200]


def _redirect(current: str, location: str, host: str) -> str:
    """Where a redirect leads, if the gatherer may follow it: http(s) on the member's own host name."""
    target = urljoin(current, location.strip())
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != host:
        raise Refused(
            say(
                "redirected to {target}, which is not on the member's own site", target=target[:200]
            )
        )
    return target


def _read(
    sock: socket.socket, response: http.client.HTTPResponse, size_limit: int, deadline: float
) -> bytes:
    """The body, a piece at a time, until it ends, passes the size limit, or the time for the file is up."""
    data = bytearray()
    while len(data) <= size_limit:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Refused(say("took longer than {seconds} s", seconds=TOTAL_TIME))
        sock.settimeout(min(TIMEOUT, left))
        piece = response.read1(CHUNK)
        if not piece:
            break
        data += piece
    return bytes(data[: size_limit + 1])
