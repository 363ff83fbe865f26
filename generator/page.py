"""A rendered page as data: what it is called, what it says, what it anchors and links to.

As MkDocs' `Page` carries its fields, so this one does: the generator never reads a page's
text to learn what is on it. Anchors are declared by the template functions that print them,
links are recorded by the functions that make them, and front matter is a dict written out
once, at the end.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

SLOT_BRACKETS = "⟦⟧"
"""What a link's slot in a page body is wrapped in. Every text a template prints shows these
characters as character references (see render.py), so no content can fill or forge a slot."""
SITE_ROOT = "⟦/⟧"
"""Stands for the path from a page up to the site's root ('', '../'), filled in per page."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter as MkDocs reads it: between a '---' line and a '---' or '...' line."""
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Link:
    """A link a page makes to a record's anchor: relative ('link') or absolute ('url')."""

    kind: Literal["link", "url"]
    target: str
    """The id of the record linked to."""


@dataclass
class Page:
    """One page of the site, from its template in `site_src/pages/`."""

    path: str
    """Its Markdown file in docs: 'people.md', 'topics/index.md'."""
    meta: dict[str, Any]
    """Its front matter: what the template declared, then what `metadata` adds."""
    body: str
    """Its Markdown below the front matter; link slots and `SITE_ROOT` still unfilled."""
    anchors: list[str] = field(default_factory=list)
    """The record ids it holds an anchor for, in the order declared, each once."""
    links: list[Link] = field(default_factory=list)
    """The links it makes; slot `⟦n⟧` of the body is `links[n]`."""

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return title if isinstance(title, str) else None

    def markdown(self) -> str:
        """The page as MkDocs reads it: front matter, then the body."""
        if not self.meta:
            return self.body
        lines = "".join(_field(key, value) for key, value in self.meta.items())
        return f"---\n{lines}---\n{self.body}"


def _field(key: str, value: Any) -> str:
    """One front-matter field, as YAML that reads back the same value."""
    try:
        # JSON is YAML, and writing it is ten times faster than PyYAML's emitter.
        name = key if _PLAIN_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
        return f"{name}: {json.dumps(value, ensure_ascii=False)}\n"
    except TypeError:  # a value JSON has no type for, such as a date a template wrote
        return yaml.safe_dump({key: value}, allow_unicode=True, width=1 << 30)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a template's output; an empty dict when it declares none.

    Read once, when the page is made: the front matter is the template's own (site_src is
    code), and every content value in it went through the `yaml` filter."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.load(match.group(1) or "", Loader=_LOADER) or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]
