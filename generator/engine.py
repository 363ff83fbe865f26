"""The site engine stage: MkDocs builds the generated Markdown into HTML, in strict mode.

This is the only module that imports MkDocs (tests/test_build.py checks). The generator hands
it a folder of Markdown and assets; another engine that reads `mkdocs.yml` (Zensical) builds
the same folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.plugins import BasePlugin

from .cache import store
from .errors import BuildFailed
from .project import Project
from .template_cache import CompiledTemplates

if TYPE_CHECKING:
    from .content import Content

THEME_OVERRIDES = Path(__file__).parent / "theme" / "overrides"
"""Material templates the generator ships (fixes to Material's own, kept generic)."""
MATERIAL_LANGUAGES = files("material").joinpath("templates", "partials", "languages")
"""Material's translations of its own interface, one template per language ('pt-BR.html')."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _env(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None and old is None:
        os.environ[name] = value
    try:
        yield
    finally:
        if value is not None and old is None:
            del os.environ[name]


class ThemeCache:
    """What MkDocs would redo on every preview rebuild: compiling the theme's templates and
    listing the theme's files. Kept between rebuilds by `factsheet serve`; halves the time.
    With a `folder` (named by the code: see cache.compiled_templates), both are kept
    there for later processes too: Material ships some 14,000 files, mostly icons, that
    MkDocs lists and filters on every build."""

    def __init__(self, folder: Path | None = None) -> None:
        self.bytecode = CompiledTemplates(folder)
        self.listings: dict[tuple[str, ...], list[str]] = {}

    def attach(self, config: Any) -> None:
        """Make `config.theme.get_env()` reuse what earlier builds computed."""
        theme = config.theme
        plain_get_env = theme.get_env

        def get_env() -> Any:
            env = plain_get_env()
            env.bytecode_cache = self.bytecode
            plain_list = env.list_templates

            def list_templates(*args: Any, **kwargs: Any) -> list[str]:
                # The installed theme never changes during a session; a sheet's own overrides
                # may, so their file names are part of the key.
                key = (
                    *theme.dirs,
                    *_files_under(d for d in theme.dirs if _is_editable(d)),
                    *sorted(theme.static_templates),
                )
                if key not in self.listings:
                    self.listings[key] = self._kept_listing(
                        key, lambda: plain_list(*args, **kwargs)
                    )
                return self.listings[key]

            env.list_templates = list_templates
            return env

        theme.get_env = get_env

    def _kept_listing(self, key: tuple[str, ...], listing: Callable[[], list[str]]) -> list[str]:
        """The theme's files for `key`, from the folder if an earlier process listed them."""
        folder = self.bytecode.folder
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

    def on_files(self, files: Any, *, config: Any) -> Any:
        addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
        self.context = self._key(json.dumps(addresses))
        search = config.plugins.get("material/search")
        index: Any = getattr(search, "search_index", None)
        if type(index).__module__ == "material.plugins.search.plugin":
            index.add_entry_from_context = self._cached_search(index)
        return files

    def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
        page.render = self._cached_render(page, page.render)
        return page

    def _cached_render(self, page: Any, render: Callable[[Any, Any], None]) -> Any:
        from mkdocs.structure import pages
        from mkdocs.structure.toc import get_toc

        def cached(config: Any, files: Any) -> None:
            key = self._key("render", page.file.src_uri, page.markdown)
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
                links = entry["links"].items()
                page.links_to_anchors = {files.get_file_from_path(u): a for u, a in links}

        return cached

    def _cached_search(self, index: Any) -> Callable[[Any], None]:
        add = index.add_entry_from_context

        def cached(page: Any) -> None:
            toc = [_toc_token(item) for item in page.toc]
            about = json.dumps([page.url, str(page.title), toc, page.meta], default=str)
            key = self._key("search", page.content, about)
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


def _toc_token(item: Any) -> dict[str, Any]:
    """A table-of-contents entry as MkDocs' `get_toc` reads it back."""
    children = [_toc_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.title, "children": children}


def _is_editable(folder: str) -> bool:
    return not Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve())


def _files_under(folders: Iterable[str]) -> list[str]:
    return sorted(str(p) for folder in folders for p in Path(folder).rglob("*"))


def _add_generator_overrides(theme: Any) -> None:
    """Put the generator's theme overrides under the sheet's own (custom_dir), so a sheet can
    still replace any of them, and above Material's."""
    theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_OVERRIDES))


def material_language(tag: str) -> str | None:
    """Material's translation for a sheet's language: the tag's own ('pt-BR'), else its
    primary subtag's ('de' for 'de-AT'); None when Material has neither."""
    names = [p.name.removesuffix(".html") for p in MATERIAL_LANGUAGES.iterdir()]
    known = {name.lower(): name for name in names}
    return known.get(tag.lower()) or known.get(tag.split("-")[0].lower())


def _written_theme_language(config_file: Path) -> tuple[str, int, int] | None:
    """`theme.language` as mkdocs.yml itself writes it, with its line and column; None when
    it does not. Composed, not constructed: no tag is run, and MkDocs' own need no reader."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # reading it again below says what is wrong
    node: Any = root
    for key in ("theme", "language"):
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    if not isinstance(node, yaml.ScalarNode):
        return None
    return str(node.value), node.start_mark.line + 1, node.start_mark.column + 1


def set_language(config: Any, project: Project, content: Content) -> None:
    """Material's interface, the HTML `lang`, the permalink tooltips and the generator's
    theme templates in the sheet's language, set from `sheet.language` alone: BuildFailed
    when mkdocs.yml names another language, as two settings of one thing would drift."""
    tag = content.sheet.language
    wanted = material_language(tag)
    written = _written_theme_language(project.config)
    at = content.sheet_at
    line, column = at.at("language")
    sheet_says = (
        f"{at.file}:{line}:{column}: sheet.language is {tag!r}"
        if "language" in at.fields
        else f"{at.file}:{line}:{column}: sheet.language is not set, so it is {tag!r}"
    )
    if written is not None and written[0] != wanted:
        value, w_line, w_column = written
        raise BuildFailed(
            f"{project.display(project.config)}:{w_line}:{w_column}: theme.language is "
            f"{value!r}, but {sheet_says}; remove theme.language from "
            f"{project.display(project.config)}: the build sets it from sheet.language"
        )
    if wanted is None and written is None:
        raise BuildFailed(
            f"{sheet_says}, which the theme (Material) has no translation for; set "
            f"theme.language in {project.display(project.config)} to one it has"
        )
    config.theme["language"] = wanted or tag
    language = content.language
    for name in ("toc", "markdown.extensions.toc"):
        if name in config.mdx_configs or name in config.markdown_extensions:
            options = config.mdx_configs.setdefault(name, {})
            options.setdefault("permalink_title", language.text("theme.permalink"))
    config.extra["factsheet"] = {key: language.html(f"theme.{key}") for key in THEME_MESSAGES}


THEME_MESSAGES = ("not_found", "feed", "made_with")
"""The messages the generator's theme templates print (`config.extra.factsheet`)."""


def language_key(content: Content) -> str:
    """What `set_language` gives the engine, as text: the engine's output depends on it
    though the generated Markdown may not (a sheet rewording only the 404 page's title), so
    caches of the engine's work are keyed by it too."""
    language = content.language
    words = [language.text(f"theme.{key}") for key in ("permalink", *THEME_MESSAGES)]
    return json.dumps([content.sheet.language, *words], ensure_ascii=False)


def build_site(
    project: Project,
    docs: Path,
    site: Path,
    source_date_epoch: int,
    theme_cache: ThemeCache | None = None,
    content: Content | None = None,
    page_cache: PageCache | None = None,
) -> None:
    """Build `docs` into `site` with MkDocs; BuildFailed lists every warning it raised.

    With `content`, the site speaks the sheet's language (`set_language`). With a
    `page_cache`, pages whose Markdown is unchanged are not converted again."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # SOURCE_DATE_EPOCH makes dates in the output (sitemap, footers) come from the
        # content, not the clock, so two builds of the same sources are identical.
        with _env("SOURCE_DATE_EPOCH", str(source_date_epoch)):
            config = _load_config(
                project.config,
                docs_dir=str(docs),
                site_dir=str(site),
                site_url=project.site_url or None,
                strict=True,
            )
            _add_generator_overrides(config.theme)
            if content is not None:
                set_language(config, project, content)
            if theme_cache is not None:
                theme_cache.attach(config)
            if page_cache is not None:
                config.plugins["factsheet/page-cache"] = page_cache
            build(config)
    except (exceptions.MkDocsException, exceptions.Abort, SystemExit) as exc:
        details = "\n".join(f"  {m}" for m in collect.messages)
        raise BuildFailed(f"the site engine (MkDocs) failed: {exc}\n{details}".rstrip()) from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:  # strict mode aborts on warnings, but be sure nothing slips by
        raise BuildFailed(
            "the site engine (MkDocs) warned:\n" + "\n".join(f"  {m}" for m in collect.messages)
        )
    if page_cache is not None:
        page_cache.keep()


def _load_config(path: Path, **options: Any) -> Any:
    """MkDocs' `load_config`, but reading YAML with PyYAML's safe loader instead of its full
    one, so no tag in mkdocs.yml (or a file it INHERITs) can run Python, whatever was checked
    before. MkDocs' own tags (!ENV, !relative) work as before."""
    import yaml
    from mkdocs import exceptions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    log = logging.getLogger("mkdocs.config")
    config = MkDocsConfig(config_file_path=str(path))
    with open(path, "rb") as file:
        config.load_dict(yaml_load(file, get_yaml_loader(yaml.SafeLoader, config=config)))
    config.load_dict({key: value for key, value in options.items() if value is not None})
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, error in errors:
        log.error(f"Config value '{name}': {error}")
    if errors:
        raise exceptions.Abort("Aborted with a configuration error!")
    if config.strict and warnings:
        raise exceptions.Abort(
            f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!"
        )
    return config
