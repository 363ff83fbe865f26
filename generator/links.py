"""Permalinks: every figure, statement, event and note is linked where it actually stands.

Templates print a placeholder for a link; once every page is rendered, the anchors found on
the pages decide which page holds each id, and placeholders become relative links (for
navigation, correct under any sub-path) or absolute URLs (for citing).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable

from markupsafe import Markup

_TOKEN = re.compile(r"⟦(link|url):([a-z0-9][a-z0-9-]*)⟧")
_FILE = re.compile(r"⟦file:([A-Za-z0-9][A-Za-z0-9._/-]*)⟧")
_ANCHOR = re.compile(r'id="([a-z0-9][a-z0-9-]*)"')
_WORD = re.compile(r"\w")


def link(item: object) -> Markup:
    """A placeholder for a relative link to `item` (anything with an `id`, or an id)."""
    return Markup(f"⟦link:{getattr(item, 'id', item)}⟧")


def url(item: object) -> Markup:
    """A placeholder for the absolute URL of `item`, for citations."""
    return Markup(f"⟦url:{getattr(item, 'id', item)}⟧")


def file(path: str) -> Markup:
    """A placeholder for a relative link to a file of the site ('data/figures.csv'), any page."""
    return Markup(f"⟦file:{path}⟧")


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


def anchors(pages: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """{id: page path} for every anchor, and the ids found on more than one page."""
    where: dict[str, str] = {}
    clashes: list[str] = []
    for path, text in pages.items():
        for anchor in _anchors_in(text):
            if anchor in where:
                clashes.append(f"{anchor} (on {where[anchor]} and {path})")
            where.setdefault(anchor, path)
    return where, clashes


@functools.lru_cache(maxsize=8192)
def _relpath(target: str, start: str) -> str:
    """posixpath.relpath, remembered: it asks the OS for the working folder on every call, and
    a page links to the same few pages many times."""
    return posixpath.relpath(target, start)


def _anchors_in(text: str) -> set[str]:
    """Every `id="…"` attribute of `text`: not preceded by a word character, as r'\\bid="…"'
    finds them, and inside a tag, so text that reads `id="x"` (content shown in a code span,
    say) is not an anchor. Both are checked after the match, which is ten times faster than
    in the pattern."""
    return {
        m[1]
        for m in _ANCHOR.finditer(text)
        if m.start() > 0
        and not _WORD.match(text, m.start() - 1)
        and text.rfind("<", 0, m.start()) > text.rfind(">", 0, m.start())
    }


def resolve(
    pages: dict[str, str], site_url: str, wanted: Iterable[str] = ()
) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Replace placeholders; return the pages, a list of problems (unknown or unshown ids),
    and {id: page path} for every anchor, for whatever else needs permalinks."""
    where, problems = anchors(pages)
    problems = [f"id shown on two pages: {c}" for c in problems]
    out: dict[str, str] = {}
    for path, text in pages.items():
        here = page_url(path)

        def replace(match: re.Match[str], here: str = here, path: str = path) -> str:
            kind, target = match.groups()
            if target not in where:
                problems.append(f"{path}: links to {target!r}, which no page shows")
                return "#"
            if kind == "url":
                return absolute(site_url, where[target], target)
            there = page_url(where[target])
            if there == here:
                return f"#{target}"
            rel = _relpath(there or ".", here or ".")
            rel = "" if rel == "." else rel + "/"
            return f"{rel}#{target}"

        text = _FILE.sub(lambda m, here=here: _relpath(m[1], here or "."), text)
        out[path] = _TOKEN.sub(replace, text)
    problems += [f"{i!r} is not shown on any page" for i in wanted if i not in where]
    return out, problems, where
