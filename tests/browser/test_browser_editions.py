"""The sheet's editions in the browser: the language switcher leads from every page to the same
page in the other edition and back, and each page names the same page in every edition in its
`hreflang` links.

On the real sheet, built by each engine (`site`), whose Ukrainian edition is at `uk/`; the rest
of the suite (links, axe, requests to another host, print limits) visits the pages of both
editions through `page_paths` (on MkDocs; on Zensical the source edition's, the other
editions' pages being opened here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.kit import DESKTOP, is_embed
from tests.support import edition_folders

pytestmark = pytest.mark.browser


def switch(page, lang: str) -> str:
    """Open the header's language menu, pick the edition in `lang`; the address landed on."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-select__link[hreflang="{lang}"]').first.click()
    page.wait_for_load_state("load")
    return page.url


def test_the_switcher_leads_to_the_same_page_both_ways(
    new_context, base_url: str, every_page_path: list[str], site: Path
) -> None:
    assert edition_folders(site) == {"uk"}
    source = [p for p in every_page_path if not is_embed(p) and not p.startswith("uk/")]
    assert len(source) == 7
    assert sorted(f"uk/{p}" for p in source) == sorted(p for p in every_page_path if p[:3] == "uk/")
    page = new_context(viewport=DESKTOP).new_page()
    wrong = []
    for path in source:
        page.goto(base_url + path, wait_until="load")
        there = switch(page, "uk")
        if there != f"{base_url}uk/{path}":
            wrong.append(f"{path or 'home'} -> uk: {there}")
        assert page.get_attribute("html", "lang") == "uk"
        back = switch(page, "en")
        if back != base_url + path:
            wrong.append(f"uk/{path} -> en: {back}")
        assert page.get_attribute("html", "lang") == "en"
    page.close()
    assert wrong == []


def test_every_page_names_itself_in_each_edition_in_its_head(
    new_context, base_url: str, every_page_path: list[str]
) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    wrong = {}
    for path in (p for p in every_page_path if not is_embed(p)):
        page.goto(base_url + path, wait_until="networkidle")
        found = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll("
            "'link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href]))"
        )
        got = {lang: href.removeprefix(base_url) for lang, href in found.items()}
        source = path.removeprefix("uk/")
        if got != {"en": source, "uk": f"uk/{source}", "x-default": source}:
            wrong[path or "home"] = got
    page.close()
    # Material's script reads the sitemap.xml beside each: the build writes one into every
    # page's folder, so no visit asks for a missing one (test_browser_pages: no failed request).
    assert wrong == {}
