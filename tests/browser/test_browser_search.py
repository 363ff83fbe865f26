"""The site search: Material's search runs in a web worker over the site's own search index."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.kit import DESKTOP, PHONE, describe_violations, is_local, run_axe, visit

pytestmark = pytest.mark.browser


def page_with(site: Path, element_id: str) -> str:
    """The path (below the base URL) of the one built page with an element of this id."""
    found = [
        html.parent.relative_to(site).as_posix() + "/"
        for html in site.rglob("index.html")
        if f'id="{element_id}"' in html.read_text(encoding="utf-8")
    ]
    assert len(found) == 1, f"{element_id} is on {found}"
    return found[0].removeprefix("./")


def search(page, words: str) -> list[str]:
    """Type into the site's search box as a reader would; the paths the results link to."""
    box = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # on a phone, the header's search button opens the search box
        opener.click()
    box.click()
    box.press_sequentially(words, delay=20)  # Material searches on key presses, not on fill()
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    return result_paths(page)


def result_paths(page) -> list[str]:
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]


@pytest.mark.parametrize(
    ("words", "figure_id", "viewport", "scheme"),
    [
        ("Tomahawk", "tomahawk-range", DESKTOP, "light"),
        ("casualties", "ru-casualties", PHONE, "dark"),
    ],
    ids=["desktop-light", "phone-dark"],
)
def test_search_finds_the_page_with_a_figure(
    words: str,
    figure_id: str,
    viewport: dict,
    scheme: str,
    site: Path,
    new_context,
    base_url: str,
    requests_made: list[str],
) -> None:
    context = new_context(viewport=viewport, color_scheme=scheme)
    page, result = visit(context, base_url)
    found = search(page, words)
    expected = urlsplit(base_url + page_with(site, figure_id)).path
    # Results appear after the first key press and are refined as the reader types: give the
    # search for the whole word a moment to replace those of its first letters.
    for _ in range(50):
        if expected in found:
            break
        page.wait_for_timeout(100)
        found = result_paths(page)
    assert expected in found, f"searching {words!r} listed {found}, not {expected}"
    violations = run_axe(page)  # the open search dialog must be accessible too
    assert not violations, describe_violations(violations)
    assert result.console_errors == [] and result.failed_requests == []
    assert [u for u in requests_made if not is_local(u)] == []
    page.close()
