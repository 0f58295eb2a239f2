"""The Content-Security-Policy of the site, from what the site actually loads.

Everything comes from the site itself; the only exceptions are the hosts of
remote episode audio (media) and the allowed video players (frames).
Pagefind's search runs WebAssembly, hence 'wasm-unsafe-eval'.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from skaidra_model import Site

from .markup import VIDEO_HOSTS


def csp(site: Site, for_header: bool = False) -> str:
    """The policy as one header value; `frame-ancestors` only where a header carries it."""
    audio_hosts = sorted(
        {
            f"{urlsplit(e.audio.url).scheme}://{urlsplit(e.audio.url).netloc}"
            for e in site.episodes
            if e.audio.url
        }
    )
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src " + " ".join(["'self'", *audio_hosts]),
        "frame-src " + " ".join(f"https://{host}" for host in VIDEO_HOSTS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if for_header:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)
