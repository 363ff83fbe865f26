"""Permalinks: every figure, statement, event and note is linked where it actually stands.

While a page renders, each link it makes is recorded in the `Page` and leaves a numbered slot
in its body. Once every page is rendered, the anchors the pages declared decide which page
holds each id, and each slot becomes a relative link (for navigation, correct under any
sub-path) or an absolute URL (for citing). No text is searched for anchors or links.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup

from .page import SITE_ROOT, Page

_SLOT = re.compile(r"⟦(\d+|/)⟧")


def file(path: str) -> Markup:
    """A link to a file of the site ('data/figures.csv') from whichever page shows it."""
    return Markup(SITE_ROOT + path)


def page_url(markdown_path: str) -> str:
    """'people.md' -> 'people/', 'index.md' -> '' (MkDocs' directory URLs)."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute(site_url: str, page_path: str, anchor: str) -> str:
    """The citable URL of an anchor on a page."""
    return f"{site_url.rstrip('/')}/{page_url(page_path)}#{anchor}"


@dataclass(frozen=True)
class Clash:
    """An id declared as an anchor on more than one page."""

    anchor: str
    pages: tuple[str, ...]


def anchor_pages(pages: Iterable[Page]) -> tuple[dict[str, str], list[Clash]]:
    """{id: path of the page that declared it}, and the ids more than one page declared."""
    page_of: dict[str, str] = {}
    also: dict[str, list[str]] = {}
    for page in pages:
        for anchor in page.anchors:
            if anchor in page_of:
                also.setdefault(anchor, [page_of[anchor]]).append(page.path)
            else:
                page_of[anchor] = page.path
    return page_of, [Clash(anchor, tuple(paths)) for anchor, paths in also.items()]


@functools.lru_cache(maxsize=8192)
def _relpath(target: str, start: str) -> str:
    """posixpath.relpath, remembered: it asks the OS for the working folder on every call, and
    a page links to the same few pages many times."""
    return posixpath.relpath(target, start)


def _root(here: str) -> str:
    """The path from a page's URL up to the site's root: '' for the home page, else '../'…"""
    return "../" * here.count("/")


def link_base(markdown_path: str, engine: str) -> str:
    """The folder a page's relative links start from. MkDocs leaves the URLs in a page's HTML
    as written, so they start from the page's own URL ('people/'); Zensical rewrites every
    relative URL of a page as it does a Markdown link, from the Markdown file's folder (''),
    and a link to another page names its Markdown file ('people.md#id'), which Zensical
    turns into the page's URL and checks the anchor of."""
    if engine == "zensical":
        folder = posixpath.dirname(markdown_path)
        return folder + "/" if folder else ""
    return page_url(markdown_path)


def fill(
    page: Page, page_of: dict[str, str], site_url: str, engine: str = "mkdocs"
) -> tuple[Page, list[str]]:
    """The page with every slot filled, and the ids it links to that no page declares."""
    here = link_base(page.path, engine)
    unknown: list[str] = []

    def target(match: re.Match[str]) -> str:
        slot = match[1]
        if slot == "/":
            return _root(here)
        if int(slot) >= len(page.links):  # a template's own text, not a slot
            return match[0]
        link = page.links[int(slot)]
        there = page_of.get(link.target)
        if there is None:
            unknown.append(link.target)
            return "#"
        if link.kind == "url":
            return absolute(site_url, there, link.target)
        if there == page.path:
            return f"#{link.target}"
        if engine == "zensical":  # to the Markdown file, as a Markdown link names a page
            return f"{_relpath(there, here or '.')}#{link.target}"
        there_url = page_url(there)
        rel = _relpath(there_url or ".", here or ".")
        rel = "" if rel == "." else rel + "/"
        return f"{rel}#{link.target}"

    return replace(page, body=_SLOT.sub(target, page.body)), unknown
