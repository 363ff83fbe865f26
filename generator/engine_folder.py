"""The finished folder an engine builds: `mkdocs.yml` derived from the sheet's, `docs/` (the
generated Markdown and assets), `overrides/` (the theme's templates), and `site/` once built.

Everything the engine needs is a file in it, written through public formats only (YAML the
engines document, Material's template overrides), so MkDocs and Zensical build it as it is
(`mkdocs build -f F/mkdocs.yml`, `zensical build -f F/mkdocs.yml`). The derived config is the
sheet's `mkdocs.yml` (INHERIT merged, `!ENV` read) with what the build used to add at run time
written in: the language (`theme.language`), the generator's template overrides under the
sheet's `custom_dir`, the site's icon unless the sheet names one (`theme.favicon`), the
permalinks' tooltip and the theme templates' words (`extra.factsheet`). Its folders are inside
it, as Zensical requires.
"""

from __future__ import annotations

import copy
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from .editions import site as editions_site
from .errors import BuildFailed, UsageError
from .project import Project

if TYPE_CHECKING:
    from .content import Content

CONFIG = "mkdocs.yml"
DOCS = "docs"
SITE = "site"
OVERRIDES = "overrides"

ENGINE_KEY = "engine"
"""The sheet's choice in its mkdocs.yml (Project.engine); left out of the derived config."""

THEME_OVERRIDES = Path(__file__).parent / "theme" / "overrides"
"""Material templates the generator ships (fixes to Material's own, kept generic)."""
MATERIAL_LANGUAGES = files("material").joinpath("templates", "partials", "languages")
"""Material's translations of its own interface, one template per language ('pt-BR.html')."""
MATERIAL_ONLY = ("partials/search.html",)
"""Overrides that are Material 9's own templates with a fix, whose markup Zensical's scripts
no longer drive: Zensical's search builds its dialog from a button (`md-search__button`), so
with Material's partial its search stays at "Initializing search". Zensical's own partial
already has the fix (its dialog is named), so a Zensical build leaves these out."""
THEME_MESSAGES = ("not_found", "feed", "made_with", "title_separator")
"""The messages the generator's theme templates print (`config.extra.factsheet`)."""
FAVICON = "assets/images/favicon.svg"
"""The site's icon unless mkdocs.yml names one (generator/theme/assets/images/)."""
_TOC = ("toc", "markdown.extensions.toc")


def write(
    project: Project,
    content: Content,
    folder: Path,
    edition: str | None = None,
    alternates: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Write `folder/mkdocs.yml` and `folder/overrides/` for the Markdown in `folder/docs`;
    return the settings written, which MkDocs takes as they are (engine.build_site) rather
    than reading the file back. `edition`: the tag of the edition `content` is (its words
    for mkdocs.yml are `content.site_words`); `alternates`: the editions' names, roots and
    tags (editions/site.py), for the switcher and `hreflang`."""
    _copy_overrides(project, folder / OVERRIDES)
    config = derived_config(project, content, edition, alternates)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    (folder / CONFIG).write_text(
        "# Derived by factsheet from the sheet's mkdocs.yml; a build writes it again.\n" + text,
        encoding="utf-8",
    )
    return config


def derived_config(
    project: Project,
    content: Content,
    edition: str | None = None,
    alternates: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The sheet's mkdocs.yml as an engine in `folder` reads it (see the module's doc); for
    an edition, in its words; with `alternates`, `extra.factsheet_editions`."""
    data = copy.deepcopy(project.settings.settings)
    if edition is not None:
        data = editions_site.translated_config(data, dict(content.site_words))
    data.pop(ENGINE_KEY, None)
    data["docs_dir"], data["site_dir"] = DOCS, SITE
    if project.site_url:
        data["site_url"] = project.site_url
    else:
        data.pop("site_url", None)
    if data.get("hooks"):  # paths relative to the sheet's config: now elsewhere
        data["hooks"] = [str(project.root / str(h)) for h in data["hooks"]]
    theme = project.settings.theme
    if edition is not None and isinstance(data.get("theme"), dict):
        theme = dict(data["theme"])  # its palette toggles in the edition's words
    theme["custom_dir"] = OVERRIDES
    theme["language"] = (
        material_language(edition) or edition if edition else theme_language(project, content)
    )
    # Material's icon drawn as an SVG (0.3 KB against its 1.9 KB PNG): every page's first
    # visit loads it, within a 100 KB budget. A sheet's own `theme.favicon` stays.
    theme.setdefault("favicon", FAVICON)
    data["theme"] = theme
    language = content.language
    data["markdown_extensions"] = [
        _with_permalink_title(e, language.text("theme.permalink"))
        for e in data.get("markdown_extensions") or []
    ]
    extra = dict(data.get("extra") or {})
    # Plain text: the templates escape it (`| e`), as they would any config value.
    extra["factsheet"] = {key: language.text(f"theme.{key}") for key in THEME_MESSAGES}
    if alternates:
        # The editions for the generator's switcher and `hreflang` links, which name the page
        # the reader is on in each (theme/overrides/partials/). `alternate` only turns on
        # Material's header menu: being no list, it keeps Material from writing a `hreflang`
        # link to each edition's home page into every page's head.
        extra["alternate"] = True
        extra["factsheet_editions"] = alternates
    if edition is not None and project.site_url:
        # Material keeps a reader's choices (the colour scheme) under the site's path: the
        # source edition's, so a choice made in one edition holds in every other.
        extra.setdefault("scope", urlsplit(alternates[0]["root"]).path if alternates else "/")
    data["extra"] = extra
    return data


def _with_permalink_title(extension: Any, title: str) -> Any:
    """The toc extension's entry with its permalinks' tooltip in the sheet's language."""
    if isinstance(extension, str) and extension in _TOC:
        return {extension: {"permalink_title": title}}
    if isinstance(extension, dict) and len(extension) == 1:
        name, options = next(iter(extension.items()))
        if name in _TOC:
            return {name: {"permalink_title": title, **(options or {})}}
    return extension


def _copy_overrides(project: Project, target: Path) -> None:
    """The generator's overrides (for the project's engine), then the sheet's own custom_dir
    over them: a sheet can still replace any of the generator's, and both stand above the
    theme's."""
    shutil.copytree(THEME_OVERRIDES, target)
    if project.engine == "zensical":
        for name in MATERIAL_ONLY:
            (target / name).unlink()
    custom = project.settings.theme.get("custom_dir")
    if custom:
        own = (project.config.parent / str(custom)).resolve()
        if not own.is_dir():
            raise UsageError(
                f"{project.display(project.config)}: theme.custom_dir: no folder {custom!r}"
            )
        shutil.copytree(own, target, dirs_exist_ok=True)


def material_language(tag: str) -> str | None:
    """Material's translation for a sheet's language: the tag's own ('pt-BR'), else its
    primary subtag's ('de' for 'de-AT'); None when Material has neither."""
    names = [p.name.removesuffix(".html") for p in MATERIAL_LANGUAGES.iterdir()]
    known = {name.lower(): name for name in names}
    return known.get(tag.lower()) or known.get(tag.split("-")[0].lower())


def theme_language(project: Project, content: Content) -> str:
    """Material's interface language, set from `sheet.language` alone: BuildFailed when
    mkdocs.yml names another language, as two settings of one thing would drift."""
    tag = content.sheet.language
    wanted = material_language(tag)
    written = project.settings.theme.get("language")
    at = content.sheet_at
    line, column = at.at("language")
    sheet_says = (
        f"{at.file}:{line}:{column}: sheet.language is {tag!r}"
        if "language" in at.fields
        else f"{at.file}:{line}:{column}: sheet.language is not set, so it is {tag!r}"
    )
    if written is not None and str(written) != wanted:
        file, w_line, w_column = project.settings.places.get(
            "theme.language", (project.config, 1, 1)
        )
        raise BuildFailed(
            f"{project.display(file)}:{w_line}:{w_column}: theme.language is "
            f"{str(written)!r}, but {sheet_says}; remove theme.language from "
            f"{project.display(file)}: the build sets it from sheet.language"
        )
    if wanted is None and written is None:
        raise BuildFailed(
            f"{sheet_says}, which the theme (Material) has no translation for; set "
            f"theme.language in {project.display(project.config)} to one it has"
        )
    return wanted or tag


def language_key(content: Content) -> str:
    """What the derived config takes from the content, as text: the engine's output depends
    on it though the generated Markdown may not (a sheet rewording only the 404 page's title),
    so caches of the engine's work are keyed by it too."""
    language = content.language
    words = [language.text(f"theme.{key}") for key in ("permalink", *THEME_MESSAGES)]
    return json.dumps([content.sheet.language, *words], ensure_ascii=False)
