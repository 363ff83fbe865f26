"""An edition's site: mkdocs.yml in its words, and the links between the editions.

The source edition is built at the site's root and each other edition into `<tag>/` below
it, each a whole site of its own (its own search index, feed, downloads, embeds), with the
same page paths: so the same page in another edition is always the edition's root plus this
page's path, which is how the language switcher and each page's `hreflang` links reach it.
"""

from __future__ import annotations

import copy
import gzip
import html
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from babel import Locale

from ..errors import Problem
from ..links import page_url
from ..project import Project

EDITIONS = "editions"
"""The folder of a build's staging folder that holds each other edition's finished folder,
and of the sheet's cache that holds each one's cache."""


def edition_project(project: Project, tag: str) -> Project:
    """The sheet as edition `tag` is built: published at `<site_url>/<tag>/`, with a cache of
    its own (the same design, `generator/cache/`, keyed by what the edition is made from), so
    that building one edition never prunes another's entries."""
    url = f"{project.site_url.rstrip('/')}/{tag}/" if project.site_url else ""
    return replace(project, site_url=url, cache_dir=project.cache_dir / EDITIONS / tag)


def alternates(
    source: str, editions: list[str], current: str | None, site_url: str = ""
) -> list[dict[str, str]]:
    """The editions as the edition `current` (None: the source) links them: each one's name
    in its own language, its root relative to this edition's (`link`), its tag, and with the
    source's `site_url` its absolute root (`root`). The header's switcher and every page's
    `hreflang` links (theme/overrides/partials/) add the page's own path to each root."""
    found = []
    for tag in [source, *editions]:
        if tag == (current or source):
            link = "./"
        elif current is None:
            link = f"{tag}/"
        else:
            link = "../" if tag == source else f"../{tag}/"
        entry = {"name": language_name(tag), "link": link, "lang": tag}
        if site_url:
            base = site_url.rstrip("/") + "/"
            entry["root"] = base if tag == source else f"{base}{tag}/"
        found.append(entry)
    return found


SITEMAP = "sitemap.xml"
_SITEMAPS = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


def page_sitemap(path: str, editions: list[dict[str, str]]) -> str:
    """The `sitemap.xml` written beside the page at `path` ('figures/'), listing it and the
    same page in every edition (and `x-default`, the source's).

    Material's and Zensical's script fetch the sitemap.xml beside each `hreflang` link of a
    page; those links name the same page in each edition, so each page's folder needs one
    (without it every visit asks for a missing file). With no published address (`root`)
    the sitemap lists nothing, since a sitemap holds only absolute URLs."""
    if not all("root" in e for e in editions):
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {_SITEMAPS}/>\n'
    here = next(e for e in editions if e["link"] == "./")
    alternates = _hreflang_links(path, editions, "    ")
    loc = xml_escape(here["root"] + path)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {_SITEMAPS}>\n'
        f"  <url>\n    <loc>{loc}</loc>{alternates}\n  </url>\n</urlset>\n"
    )


_ENGINE_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_URL = re.compile(r"^([ \t]*)<loc>([^<]*)</loc>$(.*?)(?=\n[ \t]*</url>)", re.M | re.S)
"""An engine's sitemap entry up to its closing tag: the loc line's indent, the address, and
what follows it (MkDocs' `lastmod`). The sitemap schema puts other namespaces' elements last."""


def _hreflang_links(path: str, editions: list[dict[str, str]], indent: str) -> str:
    """The `xhtml:link` lines naming the page at `path` in each edition and `x-default`."""
    links = [(e["lang"], e["root"] + path) for e in editions]
    links.append(("x-default", editions[0]["root"] + path))
    return "".join(
        f'\n{indent}<xhtml:link rel="alternate" hreflang="{_attr(lang)}" href="{_attr(url)}"/>'
        for lang, url in links
    )


def add_alternates(site: Path, editions: list[dict[str, str]]) -> None:
    """Give the engine's own `sitemap.xml` at an edition's root (and MkDocs' `.gz` of it) each
    page's `hreflang` alternates, as the sitemaps beside each page have them: a search engine
    reads the root one, which listed each page alone. Nothing without a published address
    (the engine's sitemap is then empty), or when the sitemap has them already."""
    if not all("root" in e for e in editions):
        return
    path = site / SITEMAP
    text = path.read_text("utf-8") if path.is_file() else ""
    if _ENGINE_URLSET not in text:
        return
    root = next(e for e in editions if e["link"] == "./")["root"]

    def with_links(entry: re.Match[str]) -> str:
        url = html.unescape(entry.group(2))
        if not url.startswith(root):
            return entry.group()
        return entry.group() + _hreflang_links(url.removeprefix(root), editions, entry.group(1))

    text = _URL.sub(with_links, text).replace(_ENGINE_URLSET, f"<urlset {_SITEMAPS}>", 1)
    path.write_text(text, encoding="utf-8")
    packed = path.with_name(SITEMAP + ".gz")
    if packed.is_file():  # its own time kept: the build stays reproducible
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=mtime))


def xml_escape(text: str) -> str:
    """Text escaped for XML (`&`, `<`, `>`), as xml.sax.saxutils' escape does, which would
    import urllib.request, http.client and ssl into every build."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _attr(text: str) -> str:
    return xml_escape(text).replace('"', "&quot;")


def write_page_sitemaps(docs: Path, pages: list[str], editions: list[dict[str, str]]) -> None:
    """`page_sitemap` for each page below the root (which has the engine's own sitemap), into
    the page's folder in `docs`, which the engine copies to the site as it is."""
    for page in pages:
        path = page_url(page)
        if path:
            target = docs / path / SITEMAP
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_sitemap(path, editions), encoding="utf-8")


def language_name(tag: str) -> str:
    """'English', 'Українська', 'Deutsch': a language named as its speakers name it."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(tag.replace("-", "_"))
    except (ValueError, TypeError):
        name = None
    return (name or tag)[:1].upper() + (name or tag)[1:]


def nav_titles(nav: object) -> Iterator[str]:
    """Every title in a mkdocs.yml `nav`: pages' and sections'."""
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, target in item.items():
                yield str(title)
                yield from nav_titles(target)


def toggle_names(theme: object) -> Iterator[str]:
    """The names of the palette toggles in mkdocs.yml's `theme`."""
    palette = theme.get("palette") if isinstance(theme, dict) else None
    for scheme in palette if isinstance(palette, list) else [palette]:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            yield toggle["name"]


def translated_config(data: dict[str, Any], words: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's settings in the edition's words; a word it lacks stays as written (and
    `check` says so)."""
    data = copy.deepcopy(data)
    for key in ("site_name", "site_description"):
        if key in words:
            data[key] = words[key]
    nav, toggles = words.get("nav", {}), words.get("toggles", {})
    if "nav" in data:
        data["nav"] = _nav(data["nav"], nav)
    theme = data.get("theme")
    palette = theme.get("palette") if isinstance(theme, dict) else None
    for scheme in palette if isinstance(palette, list) else [palette]:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in toggles:
            toggle["name"] = toggles[toggle["name"]]
    return data


def _nav(nav: Any, titles: dict[str, str]) -> Any:
    if isinstance(nav, list):
        return [_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(str(k), k): _nav(v, titles) for k, v in nav.items()}
    return nav


def untranslated_site(project: Project, tag: str, words: dict[str, Any]) -> list[Problem]:
    """A warning for each word of mkdocs.yml the edition lacks, at its line there."""
    settings = project.settings.settings
    places = project.settings.places
    wanted: list[tuple[str, str]] = [
        (key, f"site.{key}") for key in ("site_name", "site_description") if settings.get(key)
    ]
    problems = []
    for key, name in wanted:
        if key not in words:
            problems.append(_problem(project, places, key, name, tag))
    nav = [t for t in nav_titles(settings.get("nav")) if t not in words.get("nav", {})]
    toggles = [t for t in toggle_names(settings.get("theme")) if t not in words.get("toggles", {})]
    if nav:
        problems.append(_problem(project, places, "nav", f"site.nav: {', '.join(nav)}", tag))
    if toggles:
        names = ", ".join(toggles)
        problems.append(_problem(project, places, "theme.palette", f"site.toggles: {names}", tag))
    return problems


def _problem(project: Project, places: Any, key: str, what: str, tag: str) -> Problem:
    file, line, col = places.get(key, (project.config, 1, 1))
    return Problem(
        project.display(file),
        line,
        col,
        key,
        f"not translated in the {tag} edition: {what} (add under site: in "
        f"content/editions/{tag}/sheet.yml)",
        "warning",
    )
