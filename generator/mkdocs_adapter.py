"""The one module that reaches into MkDocs' and Material's private parts, for speed only.

A build is correct without it (engine.py builds the finished folder through MkDocs' public
API); with it, MkDocs skips work an earlier build did:
- `ThemeCache`: the theme's compiled templates and its file listing, by wrapping
  `Theme.get_env` (and the environment's `list_templates`).
- `PageCache`: each page's Markdown-to-HTML conversion (`Page.render`, and what it leaves in
  `_title_from_render` and `present_anchor_ids`) and Material's search entries for it
  (`SearchIndex.add_entry_from_context`, `entries`).

What this module touches is typed below as Protocols, so mypy names every use, and
tests/test_engine_boundary.py fails when an installed MkDocs or Material changes the source
of any of these parts (and when any other module of the generator uses a private name).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2
import jinja2.bccache
from mkdocs.plugins import BasePlugin
from mkdocs.structure import pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .cache import store
from .template_cache import COMPILED, CompiledTemplates, SourceKeyed

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.toc import TableOfContents

PRIVATE_PARTS = {
    "mkdocs.theme.Theme.get_env": "patched (wrapped) on the config's theme",
    "jinja2.Environment.list_templates": "patched on the theme's environment",
    "jinja2.Environment.bytecode_cache": "set on the theme's environment",
    "mkdocs.structure.pages.Page.render": "replaced on each page",
    "mkdocs.structure.pages.Page._title_from_render": "read and written",
    "mkdocs.structure.pages.Page.present_anchor_ids": "read and written",
    "material.plugins.search.plugin.SearchIndex.add_entry_from_context": "replaced",
    "material.plugins.search.plugin.SearchIndex.entries": "read and extended",
}
"""Every private or patched part of MkDocs and Material the generator uses, and how."""


class TocItem(Protocol):
    level: int
    id: str
    title: str
    children: list[Any]


class PageLike(Protocol):
    """The parts of `mkdocs.structure.pages.Page` the page cache reads and writes."""

    file: File
    markdown: str | None
    content: str | None
    toc: TableOfContents
    meta: MutableMapping[str, Any]
    links_to_anchors: dict[File, dict[str, str]] | None
    present_anchor_ids: set[str] | None
    _title_from_render: str | None

    @property
    def title(self) -> str | None: ...

    @property
    def url(self) -> str: ...

    def render(self, config: MkDocsConfig, files: Files) -> None: ...


class SearchIndexLike(Protocol):
    """The parts of Material's `SearchIndex` the page cache reads and writes."""

    entries: list[Any]
    add_entry_from_context: Callable[[Any], None]


class ThemeLike(Protocol):
    """The parts of `mkdocs.theme.Theme` the theme cache wraps."""

    dirs: list[str]
    static_templates: set[str]

    @property
    def custom_dir(self) -> str | None: ...

    def get_env(self) -> jinja2.Environment: ...


class _StableKeys(SourceKeyed):
    """`inner`, with compiled templates keyed by a template's name and its file's path inside
    the overrides folder, not the folder's own path: a build's overrides are in its staging
    folder, new every time, and Jinja checks each entry against the source anyway."""

    def __init__(self, inner: CompiledTemplates, moving: str | None) -> None:
        self.inner = inner
        self.moving = moving

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.inner.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.inner.dump_bytecode(bucket)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if filename and self.moving and Path(filename).is_relative_to(self.moving):
            filename = "overrides/" + Path(filename).relative_to(self.moving).as_posix()
        return super().get_cache_key(name, filename)


class ThemeCache:
    """What MkDocs would redo on every preview rebuild: compiling the theme's templates and
    listing the theme's files. Kept between rebuilds by `factsheet serve`; halves the time.
    The compiled templates are the process's one store (template_cache.py), so a second
    edition's build compiles none of the theme's again; they are kept in the user's cache
    folder, never the sheet's (template_cache.py). With a
    `folder` (named by the code: see cache.compiled_templates), the file listing is kept there
    for later processes: Material ships some 14,000 files, mostly icons, that MkDocs lists
    and filters on every build."""

    def __init__(self, folder: Path | None = None) -> None:
        self.bytecode: CompiledTemplates = COMPILED
        self.folder = folder
        self.listings: dict[tuple[str, ...], list[str]] = {}

    def attach(self, theme: ThemeLike) -> None:
        """Make `theme.get_env()` reuse what earlier builds computed."""
        plain_get_env = theme.get_env
        moving = theme.custom_dir

        def get_env() -> jinja2.Environment:
            env = plain_get_env()
            env.bytecode_cache = _StableKeys(self.bytecode, moving)
            plain_list = env.list_templates

            def list_templates(*args: Any, **kwargs: Any) -> list[str]:
                # The installed theme never changes; the overrides may, so the names of their
                # files (not the folder, new for each build) are part of the key.
                editable = [d for d in theme.dirs if _is_editable(d)]
                key = (
                    *(d for d in theme.dirs if d not in editable),
                    *_files_under(editable),
                    *sorted(theme.static_templates),
                )
                if key not in self.listings:
                    self.listings[key] = self._kept_listing(
                        key, lambda: plain_list(*args, **kwargs)
                    )
                return self.listings[key]

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def _kept_listing(self, key: tuple[str, ...], listing: Callable[[], list[str]]) -> list[str]:
        """The theme's files for `key`, from the folder if an earlier process listed them."""
        folder = self.folder
        if folder is None:
            return listing()
        path = folder / f"theme-files-{hashlib.sha256(json.dumps(key).encode()).hexdigest()}.json"
        try:
            kept = json.loads(store.read(path) or b"")
            if isinstance(kept, list) and all(isinstance(name, str) for name in kept):
                return kept
        except ValueError:
            pass
        found = listing()
        _write_json(path, found)
        return found


class PageCache(BasePlugin):  # type: ignore[type-arg]
    """MkDocs' two costly steps for each page, kept in `folder` for later builds: Markdown to
    HTML (`Page.render`), and Material's search plugin reading that HTML into index entries.

    An entry is keyed by what its step reads: the page's Markdown and address (render), or
    its HTML, address, title, table of contents and front matter (search), each with
    `context`, which hashes the code, the configuration and every file's address (for links).
    So only the pages whose Markdown changed are converted again after an edit. Entries are
    JSON and are written only when the whole build succeeded without a warning (`keep`): a
    page whose conversion warned is converted, and warns, again. An unreadable entry is
    converted again.
    """

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context
        self.used: set[str] = set()
        self.made: dict[str, Any] = {}

    def _key(self, *parts: str) -> str:
        sha = hashlib.sha256(self.context.encode())
        for part in parts:
            sha.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return sha.hexdigest()

    def _get(self, key: str) -> Any:
        self.used.add(key)
        if key in self.made:
            return self.made[key]
        try:
            return json.loads(store.read(self.folder / f"{key}.json") or b"")
        except ValueError:
            return None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
        self.context = self._key(json.dumps(addresses))
        search = config.plugins.get("material/search")
        index: SearchIndexLike | None = getattr(search, "search_index", None)
        if index is not None and type(index).__module__ == "material.plugins.search.plugin":
            index.add_entry_from_context = self._cached_search(index)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self._wrap(page)
        return page

    def _wrap(self, page: PageLike) -> None:
        cached = self._cached_render(page, page.render)
        page.render = cached  # type: ignore[method-assign, assignment]

    def _cached_render(
        self, page: PageLike, render: Callable[[MkDocsConfig, Files], None]
    ) -> Callable[[MkDocsConfig, Files], None]:
        def cached(config: MkDocsConfig, files: Files) -> None:
            key = self._key("render", page.file.src_uri, page.markdown or "")
            entry = self._get(key)
            if entry is None:
                render(config, files)
                links = page.links_to_anchors or {}
                entry = self.made[key] = {
                    "content": page.content,
                    "toc": [_toc_token(item) for item in page.toc],
                    "title": page._title_from_render,
                    "anchors": sorted(page.present_anchor_ids or ()),
                    "links": {to.src_uri: anchors for to, anchors in links.items()},
                }
                return
            page.content = entry["content"]
            page.toc = get_toc(entry["toc"])
            page._title_from_render = entry["title"]
            page.present_anchor_ids = set(entry["anchors"])
            if pages.log.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
                # Every file named is there: the key hashes every file's address.
                linked = ((files.get_file_from_path(u), a) for u, a in entry["links"].items())
                page.links_to_anchors = {f: a for f, a in linked if f is not None}

        return cached

    def _cached_search(self, index: SearchIndexLike) -> Callable[[Any], None]:
        add = index.add_entry_from_context

        def cached(page: PageLike) -> None:
            toc = [_toc_token(item) for item in page.toc]
            about = json.dumps([page.url, str(page.title), toc, page.meta], default=str)
            key = self._key("search", page.content or "", about)
            entries = self._get(key)
            if entries is None:
                before = len(index.entries)
                add(page)
                self.made[key] = index.entries[before:]
                return
            index.entries.extend(entries)

        return cached

    def keep(self) -> None:
        """Write this build's new entries, and remove those it did not use."""
        for key, entry in self.made.items():
            _write_json(self.folder / f"{key}.json", entry)
        store.prune(self.folder, {f"{key}.json" for key in self.used})


def _write_json(path: Path, data: Any) -> None:
    """Write `path` whole or not at all, with its hash (see cache/store.py)."""
    store.write(path, json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _toc_token(item: TocItem) -> dict[str, Any]:
    """A table-of-contents entry as MkDocs' `get_toc` reads it back."""
    children = [_toc_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.title, "children": children}


def _is_editable(folder: str) -> bool:
    return not Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve())


def _files_under(folders: Iterable[str]) -> list[str]:
    """The files under each folder, named relative to it."""
    return sorted(
        f"{index}/{p.relative_to(folder).as_posix()}"
        for index, folder in enumerate(folders)
        for p in Path(folder).rglob("*")
    )
