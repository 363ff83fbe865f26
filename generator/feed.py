"""The Atom feed of the corrections and updates log: `feed.xml` at the site's root.

Written with xml.etree, which escapes every text it is given: log entries are content, and
content is untrusted. Ids and links, as RFC 4287 asks:

- With a `site_url`, each entry's id is a tag URI (RFC 4151) of the site's host, the entry's
  date and its id (`tag:example.org,2026-03-02:/factsheet/changes/fix-x`), which survives a
  change of scheme or of the page the entry stands on; links are absolute.
- Without one (a local build), no address is made up: ids are tag URIs of the reserved
  `factsheet.invalid` host, the entry's date and its id, stable from build to build, and links are
  relative to the feed, which sits at the root of the site (`changes/#fix-x`), as Atom allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from .content import Content
from .models import Change
from .typography import in_text, join

PATH = "feed.xml"
"""Where the feed lands in the site."""
ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
LOCAL_AUTHORITY = "factsheet.invalid"
"""The tag authority of a feed built without a site_url: `.invalid` is reserved (RFC 2606),
so such an id can never pass for someone's address."""

Link = Callable[[str], str]
"""A record id -> the address of its anchor (absolute with a site_url, else relative)."""


def _timestamp(day: dt.date) -> str:
    """An Atom date (RFC 3339 needs a time): the start of the day, in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(change: Change, site_url: str) -> str:
    """The entry's permanent id: a tag URI (see the module's docstring)."""
    if site_url:
        parts = urlsplit(site_url)
        path = parts.path.rstrip("/")
        return f"tag:{parts.hostname},{change.date.isoformat()}:{path}/changes/{change.id}"
    return f"tag:{LOCAL_AUTHORITY},{change.date.isoformat()}:changes/{change.id}"


def feed_id(content: Content, site_url: str) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + PATH
    return f"tag:{LOCAL_AUTHORITY},2000:{PATH}"


def entry_title(change: Change, content: Content) -> str:
    """'Correction: people in the world; the world's population at its peak'."""
    removed = (content.language.text("changes.removed", said=r.said) for r in change.removed)
    titles = join(content.language, [*(content.title_of(i) for i in change.ids), *removed], "items")
    kind = content.language.text(f"feed.{change.kind}")
    return content.language.text("feed.entry", kind=kind, titles=titles)


def feed_xml(content: Content, link: Link, site_url: str) -> bytes:
    """The feed as bytes: newest entry first; `updated` is the newest entry's date, or the
    sheet's when the log is empty."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    log = content.change_log()
    sheet = content.sheet
    newest = log[0].date if log else sheet.updated.first_day()
    say = content.language.text
    # xml:lang tells feed readers the language of every text in the feed (RFC 4287 §2).
    root = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": content.language.tag})
    sub(root, "id", feed_id(content, site_url))
    sub(root, "title", say("feed.title", sheet=sheet.title))
    sub(root, "updated", _timestamp(newest))
    author = sub(root, "author")
    sub(author, "name", sheet.title)
    self_href = site_url.rstrip("/") + "/" + PATH if site_url else PATH
    sub(root, "link", rel="self", type="application/atom+xml", href=self_href)
    if sheet.license:
        sub(root, "rights", sheet.license)
    for change in log:
        entry = sub(root, "entry")
        sub(entry, "id", entry_id(change, site_url))
        sub(entry, "title", entry_title(change, content))
        sub(entry, "updated", _timestamp(change.date))
        sub(entry, "link", rel="alternate", type="text/html", href=link(change.id))
        why = in_text(content.language, change.why, "after_colon")  # « Motif : la source… »
        sub(entry, "summary", say("feed.summary", what=change.what, why=why), type="text")
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def write_feed(content: Content, docs: Path, link: Link, site_url: str) -> str:
    """Write the feed under `docs`; its path in the site."""
    (docs / PATH).write_bytes(feed_xml(content, link, site_url))
    return PATH
