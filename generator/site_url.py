"""The address a site is published at (`--site-url`, or `site_url` in mkdocs.yml): written
into every page's canonical link, the Open Graph tags, the feed and the embed code, so it is
checked before any work, like any input that lands in HTML.

>>> site_url("https://example.org/war", "--site-url")
'https://example.org/war/'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .errors import UsageError, shown

_REFUSED = re.compile(r"[\s\"'`<>\\\x00-\x1f\x7f-\x9f]")
"""Whitespace, quotes, angle brackets, backslashes and control characters: none is in an
address as published, and each could end an attribute or a line in a page or the feed."""


def site_url(url: object, where: str) -> str:
    """`url` with a trailing '/', if it is an absolute http(s) URL with a host (and no user,
    query or fragment, which no published address has); else a UsageError (exit 2, one line)
    naming `where` it was given."""
    expected = "expected an absolute http(s) URL with a host, e.g. https://example.org/sheet/"
    if not isinstance(url, str):
        raise UsageError(f"{where}: {expected}, got {shown(url)}")
    if _REFUSED.search(url):
        raise UsageError(
            f"{where}: {expected}, and no spaces, quotes or control characters; got {shown(url)}"
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is no number
    except ValueError:
        host = None
    extra = parts.username is not None or parts.query or parts.fragment or url.endswith(("?", "#"))
    if parts.scheme.lower() not in ("http", "https") or not host or extra:
        raise UsageError(f"{where}: {expected}; got {shown(url)}")
    return url if url.endswith("/") else url + "/"
