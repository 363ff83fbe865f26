"""Every page of the built site, as a reader's Chromium shows it.

Pages are found in the built site, not listed here, so a new page is tested the day it appears.
"""

from __future__ import annotations

import pytest

from tests.browser.kit import PHONE, Visit, describe_violations, is_local, name, run_axe, visit

pytestmark = pytest.mark.browser

FETCHED_BY_SCRIPT = {"mkdocs": "/assets/javascripts/workers/search.", "zensical": "/search.json"}
"""What each engine's script fetches once it runs: Material starts its search worker (and
fetches the index only once a reader goes to search, partials/search-on-demand.html);
Zensical fetches its search index."""


def test_every_page_loads_without_console_errors(
    light_visits: dict[str, Visit], dark_visits: dict[str, Visit]
) -> None:
    errors = {
        f"{name(p)} ({scheme})": v.console_errors
        for scheme, visits in (("light", light_visits), ("dark", dark_visits))
        for p, v in visits.items()
        if v.console_errors
    }
    assert errors == {}


def test_every_page_loads_without_failed_requests(
    light_visits: dict[str, Visit], dark_visits: dict[str, Visit]
) -> None:
    assert all(v.status == 200 for v in light_visits.values())
    failed = {
        f"{name(p)} ({scheme})": v.failed_requests
        for scheme, visits in (("light", light_visits), ("dark", dark_visits))
        for p, v in visits.items()
        if v.failed_requests
    }
    assert failed == {}


def test_no_page_requests_anything_but_its_own_server(
    light_visits: dict[str, Visit],
    dark_visits: dict[str, Visit],
    requests_made: list[str],
    engine: str,
) -> None:
    """No fonts, scripts or images from a CDN, in either scheme, from pages or web workers."""
    assert any(FETCHED_BY_SCRIPT[engine] in u for u in requests_made)  # JS ran
    assert [u for u in requests_made if not is_local(u)] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_at_wcag_21_aa(
    scheme: str, engine: str, request: pytest.FixtureRequest
) -> None:
    """Each engine's site (`engine`, named so that the test runs for each)."""
    visits: dict[str, Visit] = request.getfixturevalue(f"{scheme}_visits")
    found = {p: v.axe_violations for p, v in visits.items() if v.axe_violations}
    if found:
        report = "\n".join(f"{name(p)}:\n{describe_violations(v)}" for p, v in found.items())
        pytest.fail(f"axe-core found WCAG 2.1 AA violations ({scheme} scheme):\n{report}")


def test_a_missing_page_gets_the_sites_own_404_page(new_context, base_url: str) -> None:
    context = new_context(viewport=PHONE)
    page, result = visit(context, base_url + "no/such/page/")
    assert result.status == 404
    assert page.locator(".md-header").is_visible()  # the site's page, styled, not a bare error
    # Chromium logs the document's own 404 as a console error; nothing else may fail.
    assert [e for e in result.console_errors if "404" not in e] == []
    assert [f for f in result.failed_requests if "/no/such/page/" not in f] == []
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    page.close()


def test_nothing_scrolls_sideways_on_a_375px_phone(
    new_context, base_url: str, page_paths: list[str]
) -> None:
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = {}
    for path in page_paths:
        page.goto(base_url + path, wait_until="load")
        width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width[0] > width[1]:
            culprits = page.evaluate(WIDEST_ELEMENTS, width[1])
            wide[name(path)] = {"scrollWidth": width[0], "clientWidth": width[1], "by": culprits}
    page.close()
    assert wide == {}


WIDEST_ELEMENTS = """limit => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit + 1 && e.offsetParent !== null)
  .slice(-5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
    + ' right=' + Math.round(e.getBoundingClientRect().right))"""


def test_figures_and_charts_show_with_javascript_off(
    new_context, base_url: str, page_paths: list[str]
) -> None:
    context = new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    figures: dict[str, int] = {}
    charts: dict[str, int] = {}
    hidden = []
    for path in page_paths:
        page.goto(base_url + path, wait_until="load")
        items = page.locator(".fs-figure, .fs-headline")
        figures[name(path)] = items.count()
        for i in range(items.count()):
            if not items.nth(i).is_visible():
                hidden.append(f"{name(path)}: {items.nth(i).get_attribute('id') or 'headline'}")
        found = page.locator("figure.fs-chart")
        charts[name(path)] = found.count()
        for i in range(found.count()):
            chart = found.nth(i)
            shown = chart.locator("img, svg").filter(visible=True)
            drawn = shown.count() > 0 and shown.first.evaluate(DRAWN, MIN_CHART_HEIGHT)
            if not drawn:
                hidden.append(f"{name(path)}: chart {chart.get_attribute('id')} shows no image")
    page.close()
    assert figures["home page"] > 0, "the home page shows no figure without JavaScript"
    assert sum(charts.values()) > 0, "no page has a chart"
    assert hidden == []


MIN_CHART_HEIGHT = 100
DRAWN = """(el, min) => el.getBoundingClientRect().height >= min
  && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0))"""
"""An image that loaded and a chart tall enough to read, not a broken icon or a collapsed box."""
