"""The one pipeline, run by `build` and by every `serve` rebuild: content/ and site_src/ ->
Markdown -> site, into a staging folder that the caller swaps in when it all succeeded.

`serve` passes a `PreviewCache`, which keeps what a rebuild can reuse; `build` keeps nothing.
`check` runs the same stages up to the rendered pages (`generate.render_in_memory`), writing
nothing, without importing this module's engine.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache as caches
from . import charts, engine, engine_folder, outputs
from .content import Content
from .editions.site import (
    EDITIONS,
    add_alternates,
    alternates,
    edition_project,
    write_page_sitemaps,
)
from .errors import ContentError, Problem
from .generate import generate
from .page import Page
from .project import Project
from .template_cache import COMPILED, user_folder
from .validation import load_and_validate
from .validation.rules import future_changes
from .yaml_loader import KeptFiles


@dataclass
class PreviewCache:
    """What one preview rebuild leaves for the next."""

    theme: engine.ThemeCache = field(default_factory=engine.ThemeCache)
    """The theme's file listings (its compiled templates are the process's: template_cache)."""
    edition_themes: dict[str, engine.ThemeCache] = field(default_factory=dict)
    """Each other edition's compiled theme templates, by its tag."""
    site_built_from: str | None = None
    """The `cache.site_key` of the last site built: when a rebuild gives the same key (the
    same finished folder, mkdocs.yml, theme overrides, options, engine and code), the engine
    has nothing to do."""
    editions_built_from: dict[str, str] = field(default_factory=dict)
    """Each part of the last site built (the source edition: "", each other edition: its
    tag) by the `cache.site_key` of its own finished folder: a rebuild runs the engine only
    for the parts whose key changed and copies the others from `serving`."""
    serving: Path | None = None
    """The site the preview serves (the last one built), whose unchanged editions a rebuild
    copies rather than builds again; None (or missing): every part is built."""
    drawer: charts.Drawer = field(default_factory=charts.Drawer)
    """The chart drawing process, started at the first drawing a rebuild needs and kept:
    its engine takes a second to start."""


@dataclass
class Built:
    """What one run of the pipeline made, and how long its stages took."""

    content: Content
    pages: list[Page]
    charts_rendered: int
    charts_cached: int
    generate_seconds: float
    """The generator's own work: reading and checking content, then writing the Markdown."""
    engine_seconds: float
    """MkDocs building the Markdown into the site (0 when it was not needed)."""
    site_built: bool
    """False when the generated folder equalled the one the last site was built from, so
    `staging/site` was not made."""


def _page_cache(project: Project, language: str) -> engine.PageCache | None:
    """MkDocs' converted pages, kept in the cache of the project (or edition) they are of."""
    if not caches.cacheable(project):
        return None
    return engine.PageCache(project.cache_dir / "pages", caches.engine_key(project) + language)


def _part_keys(
    project: Project,
    staging: Path,
    language: str,
    others: list[tuple[Project, Content, Path, dict[str, Any], str]],
    epoch: int,
) -> dict[str, str]:
    """The key of each part of the site ("": the source edition, whose finished folder is
    `staging` but for its editions' folders; each other edition by its tag)."""
    keys = {"": caches.site_key(project, staging, f"{language}\0{epoch}", skip=EDITIONS)}
    for own, _, folder, _, own_language in others:
        keys[folder.name] = caches.site_key(own, folder, f"{own_language}\0{epoch}")
    return keys


def _reusable(cache: PreviewCache | None, parts: dict[str, str]) -> set[str]:
    """The parts whose last build the preview serves unchanged: same key, and there."""
    if cache is None or cache.serving is None or not cache.serving.is_dir():
        return set()
    return {
        part
        for part, key in parts.items()
        if cache.editions_built_from.get(part) == key
        and (part == "" or (cache.serving / part).is_dir())
    }


def _copy_source_site(serving: Path, site: Path, editions: list[str]) -> None:
    """The source edition's last site, as the preview serves it, without its editions."""
    shutil.copytree(
        serving,
        site,
        symlinks=True,
        ignore=lambda folder, names: set(editions) if Path(folder) == serving else set(),
    )


def source_date_epoch(content: Content) -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH if set, else the content's `updated` date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return calendar.timegm(content.sheet.updated.last_day().timetuple())


def run(
    project: Project,
    staging: Path,
    cache: PreviewCache | None = None,
    warn: Callable[[Problem], None] | None = None,
) -> Built:
    """Load and check the content, write the finished folder (`staging/mkdocs.yml`,
    `staging/docs`, `staging/overrides`: engine_folder.py), and build it into `staging/site`
    with the project's engine.

    Raises FactsheetError (ContentError, TemplateProblem, BuildFailed) for anything the user
    can fix. With a `cache` (the preview), the social-media image no one sees there is not
    drawn and MkDocs runs only when the generated files changed. `warn` hears each content
    warning as soon as the content is loaded, before any later stage can fail.
    """
    started = time.perf_counter()
    caches.guard(project.root, project.cache_dir, project.display(project.cache_dir))
    # Compiled templates are kept in the user's cache folder, never the sheet's (template_cache).
    COMPILED.keep_in(user_folder(project.root))
    # On a clean build the chart engine starts in its own process while the content is read.
    drawer = cache.drawer if cache else charts.Drawer.ahead(project.cache_dir / "charts")
    try:
        kept = KeptFiles(project.cache_dir / "yaml", caches.code_key())
        content = load_and_validate(project.root, kept)
        future = future_changes(content, dt.date.today())
        if future:
            raise ContentError(future)
    except BaseException:
        if cache is None:
            drawer.close()
        raise
    for warning in content.warnings:
        if warn is not None:
            warn(warning)
    docs, site = staging / "docs", staging / "site"
    compiled = caches.compiled_templates(project)
    generated = generate(
        project, content, docs, share_image=cache is None, compiled=compiled, drawer=drawer
    )
    outputs.mark(docs)
    tags = list(content.editions)
    source_tag = content.sheet.language
    source_alternates = alternates(source_tag, tags, None, project.site_url) if tags else None
    if source_alternates:
        write_page_sitemaps(docs, [p.path for p in generated.pages], source_alternates)
    settings = engine_folder.write(project, content, staging, alternates=source_alternates)
    # Each other edition: a whole site of its own, from its own finished folder, built into
    # site/<tag>/ once the source's site is built (editions/site.py).
    others: list[tuple[Project, Content, Path, dict[str, Any], str]] = []
    for tag, edition in content.editions.items():
        own = edition_project(project, tag)
        folder = staging / EDITIONS / tag
        own_generated = generate(
            own,
            edition,
            folder / "docs",
            share_image=cache is None,
            compiled=caches.compiled_templates(own),
            drawer=drawer,  # one engine start for every edition
            edition=tag,
        )
        own_alternates = alternates(source_tag, tags, tag, project.site_url)
        write_page_sitemaps(folder / "docs", [p.path for p in own_generated.pages], own_alternates)
        own_settings = engine_folder.write(
            own, edition, folder, edition=tag, alternates=own_alternates
        )
        others.append((own, edition, folder, own_settings, engine_folder.language_key(edition)))
    if cache is None:
        drawer.close()
    generated_at = time.perf_counter()
    # What the engine builds from: the finished folder (derived mkdocs.yml, overrides, docs),
    # and mkdocs.yml, the theme's overrides, the options and the code (the same key as
    # `build`'s).
    language = engine_folder.language_key(content)
    languages = language + "".join(other[4] for other in others)
    key = caches.site_key(project, staging, languages) if cache else None
    site_built = cache is None or key != cache.site_built_from
    if site_built:
        epoch = source_date_epoch(content)
        # The preview builds again only the editions whose own finished folder changed (an
        # edit of content/editions/uk/ touches uk/ alone); the others it copies from the site
        # it serves. Each part's key covers all its engine reads, and the build's epoch.
        parts = _part_keys(project, staging, language, others, epoch) if cache else {}
        reuse = _reusable(cache, parts)
        theme = cache.theme if cache else engine.ThemeCache()
        theme.folder = compiled
        if "" in reuse and cache is not None and cache.serving is not None:
            _copy_source_site(cache.serving, site, [other[2].name for other in others])
        else:
            engine.build_site(
                staging, settings, epoch, project.engine, theme, _page_cache(project, language)
            )
            if source_alternates:
                add_alternates(site, source_alternates)
        for own, _, folder, own_settings, own_language in others:
            if folder.name in reuse and cache is not None and cache.serving is not None:
                shutil.copytree(cache.serving / folder.name, site / folder.name, symlinks=True)
                continue
            own_theme = (
                cache.edition_themes.setdefault(folder.name, engine.ThemeCache())
                if cache
                else engine.ThemeCache()
            )
            own_theme.folder = caches.compiled_templates(own)
            engine.build_site(
                folder,
                own_settings,
                epoch,
                project.engine,
                own_theme,
                _page_cache(own, own_language),
            )
            add_alternates(folder / "site", own_settings["extra"]["factsheet_editions"])
            (folder / "site").replace(site / folder.name)
        outputs.mark(site)
        if cache is not None:
            cache.site_built_from = key
            cache.editions_built_from = parts
    return Built(
        content=content,
        pages=generated.pages,
        charts_rendered=generated.charts_rendered,
        charts_cached=generated.charts_cached,
        generate_seconds=generated_at - started,
        engine_seconds=time.perf_counter() - generated_at,
        site_built=site_built,
    )
