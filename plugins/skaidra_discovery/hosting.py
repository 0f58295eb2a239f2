"""What a host sends with each file of the site: its type, how long it may be kept, and the security headers.

One table for every place that says it: the `_headers` file (Netlify, Cloudflare Pages), the
`.htaccess` file (Apache), and `skaidra deploy`'s headers on object storage.
"""

from __future__ import annotations

import re

from skaidra_model.media_types import AUDIO_SUFFIXES, MEDIA_TYPES, content_type, suffix_of


def _regex(glob: str) -> str:
    """A path pattern with `*` for one folder's name, as a regular expression."""
    return re.escape(glob).replace(r"\*", "[^/]+")


# Files whose names change when their bytes do: the theme's fingerprinted assets, Pagefind's index
# parts, and the resized copies of pictures (name.<hash>.<width>.<ext>).
FINGERPRINTED_FOLDERS = ("theme/", "pagefind/*/index/", "pagefind/*/fragment/")
FINGERPRINTED_NAME = r"\.[0-9a-f]{12}\.\d+\.[a-z0-9]+$"
_FINGERPRINTED = re.compile(
    "^(" + "|".join(map(_regex, FINGERPRINTED_FOLDERS)) + ")|" + FINGERPRINTED_NAME
)
IMMUTABLE = "public, max-age=31536000, immutable"
PAGES = "public, max-age=300"  # pages, feeds, calendars and open data change in place
OTHER = "public, max-age=3600"  # pictures, audio and documents under their own names

# What readers and apps open and then follow to the rest: uploaded after the files they point at.
ENTRY_SUFFIXES = (".html", ".xml", ".ics", ".json", ".csv", ".xlsx")
ENTRY_FILES = ("robots.txt", "_headers", "_redirects", ".htaccess")
LOADED_FOLDERS = ("theme/", "pagefind/", "media/", "admin/")  # what pages load, whatever its kind

# The feeds' own types, where `.xml` alone would say less.
FEED_TYPES = {
    "feeds/podcast.xml": "application/rss+xml; charset=utf-8",
    "feeds/*.atom.xml": "application/atom+xml; charset=utf-8",
}
# Files whose type a host may not know: calendars, transcripts, open data, audio.
TYPED_SUFFIXES = (".ics", ".vtt", ".srt", ".csv", *AUDIO_SUFFIXES)

SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
}


def cache_control(path: str) -> str:
    """The Cache-Control of a file of the site, by its path relative to the output folder."""
    if _FINGERPRINTED.search(path):
        return IMMUTABLE
    if is_entry(path):
        return PAGES
    return OTHER


def is_entry(path: str) -> bool:
    """Whether a file is a page, a feed, a calendar or open data (rather than something they load)."""
    name = path.rsplit("/", 1)[-1]
    return not path.startswith(LOADED_FOLDERS) and (
        name in ENTRY_FILES or name.endswith(ENTRY_SUFFIXES)
    )


def content_type_of(path: str) -> str | None:
    """The Content-Type of a file of the site, by its path; None where the table has no type for it."""
    for pattern, kind in FEED_TYPES.items():
        if re.fullmatch(_regex(pattern), path):
            return kind
    return content_type(suffix_of(path)) if suffix_of(path) in MEDIA_TYPES else None


def headers_file(policy: str, editor_policy: str | None = None) -> str:
    """The `_headers` file: security headers, cache lifetimes and content types.

    A site with the web editor gives `/admin/` its own policy. Hosts add up the headers of every rule a path
    matches, and two policies are both enforced, so the site's own policy is then left to each page's
    `<meta>` (which says all of it but `frame-ancestors`, and X-Frame-Options forbids framing anyway)."""
    security = {
        **({"Content-Security-Policy": policy} if editor_policy is None else {}),
        **SECURITY,
    }
    rules = [("/*", security)]
    rules += [(f"/{folder}*", {"Cache-Control": IMMUTABLE}) for folder in FINGERPRINTED_FOLDERS]
    rules += [(f"/{pattern}", {"Content-Type": kind}) for pattern, kind in FEED_TYPES.items()]
    rules += [(f"/*{suffix}", {"Content-Type": content_type(suffix)}) for suffix in TYPED_SUFFIXES]
    if editor_policy is not None:
        rules.append(
            ("/admin/*", {"Content-Security-Policy": f"{editor_policy}; frame-ancestors 'none'"})
        )
    return "\n".join(
        f"{path}\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
        for path, headers in rules
    )


def htaccess_file(policy: str, editor_policy: str | None, site_path: str) -> str:
    """`.htaccess` for an Apache host (SFTP and FTP hosts, mostly): the same types, lifetimes and headers."""
    types = "".join(
        f"AddType {kind.split(';')[0]} {suffix}\n" for suffix, kind in MEDIA_TYPES.items()
    )
    folders = "|".join(map(_regex, FINGERPRINTED_FOLDERS))
    admin = f"^{site_path}/admin/"
    lines = [
        "# Written by Skaidra for Apache hosts (mod_mime, mod_headers): types, cache lifetimes, security headers.",
        "AddDefaultCharset utf-8",
        types.rstrip("\n"),
        *(f'<FilesMatch "^{re.escape(pattern.rsplit("/", 1)[-1]).replace(chr(92) + "*", ".+")}$">\n  ForceType {kind.split(";")[0]}\n</FilesMatch>'
          for pattern, kind in FEED_TYPES.items()),
        f"ErrorDocument 404 {site_path}/404.html",
        "<IfModule mod_headers.c>",
        *(f'  Header always set {name} "{value}"' for name, value in SECURITY.items()),
        f'  <If "%{{REQUEST_URI}} !~ m#{admin}#">',
        f'    Header always set Content-Security-Policy "{policy}; frame-ancestors \'none\'"',
        "  </If>",
        *([f'  <If "%{{REQUEST_URI}} =~ m#{admin}#">',
           f'    Header always set Content-Security-Policy "{editor_policy}; frame-ancestors \'none\'"',
           "  </If>"] if editor_policy is not None else []),
        f'  Header set Cache-Control "{OTHER}"',
        f'  <FilesMatch "({"|".join(re.escape(s) for s in ENTRY_SUFFIXES)})$">',
        f'    Header set Cache-Control "{PAGES}"',
        "  </FilesMatch>",
        f'  <If "%{{REQUEST_URI}} =~ m#^{site_path}/({folders})# || %{{REQUEST_URI}} =~ m#{FINGERPRINTED_NAME}#">',
        f'    Header set Cache-Control "{IMMUTABLE}"',
        "  </If>",
        "</IfModule>",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"
