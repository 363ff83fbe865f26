"""Browser fixtures: the built fact sheet served on loopback, one Chromium for the session.

Every page is visited once per colour scheme and what the browser reports is recorded (console
errors, failed requests, axe-core's findings); each test then asserts one property over all
pages without loading them again. Every request of every context is recorded too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.kit import (
    ARTIFACTS,
    AXE,
    AXE_COLOUR_RULES,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    VNU,
    Visit,
    is_embed,
    is_local,
    name,
    run_axe,
    visit,
    wait_until_quiet,
)
from tests.browser.site_server import serve
from tests.support import edition_folders

ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The site engine that built `site`: every browser test of the site runs for each."""
    return str(request.param)


@pytest.fixture(scope="session")
def site(engine: str, request: pytest.FixtureRequest) -> Path:
    """The built site of the real fact sheet (the shared `built` or `built_zensical`)."""
    root: Path = request.getfixturevalue("built" if engine == "mkdocs" else "built_zensical")
    return root / "site"


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served on a free loopback port below /factsheet/, like a GitHub project page."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def every_page_path(site: Path) -> list[str]:
    """Every page of the built site, found in it, as a path below the base URL ("" = home):
    the charts' embed pages (`embed/<chart-id>/`) too, so each passes every check a page does,
    and every page of its other editions (`uk/`, `uk/casualties/`…), but for their embed pages,
    the same pages as the source's in other words, left out to keep the suite's time."""
    paths = []
    editions = edition_folders(site)
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        parts = rel.split("/")
        if parts[0] in editions and parts[1:2] == ["embed"]:
            continue
        paths.append("" if rel == "." else rel + "/")
    assert "" in paths, "the built site has no home page"
    return paths


@pytest.fixture(scope="session")
def page_paths(every_page_path: list[str], site: Path, engine: str) -> list[str]:
    """The pages every check visits: `every_page_path` on MkDocs; on Zensical, the source
    edition's. An other edition's pages are the generator's same output in other words, under
    the same theme: MkDocs' build visits each of them with every check, and
    test_browser_editions opens each on Zensical too (switcher, hreflang). This keeps Zensical's
    share of the suite's time to what differs by engine."""
    if engine == "mkdocs":
        return every_page_path
    editions = edition_folders(site)
    return [p for p in every_page_path if p.split("/")[0] not in editions]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the whole session (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-tools (or `make test`)")
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (or `make test`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def requests_made() -> list[str]:
    """The URL of every request any browser context of the session made, workers' included."""
    return []


@pytest.fixture(scope="session")
def new_context(browser, requests_made: list[str]) -> Iterator[Callable[..., object]]:
    """Make a browser context (Playwright's options) whose every request is recorded."""
    contexts = []

    def make(**options: object) -> object:
        context = browser.new_context(**options)
        context.on("request", lambda request: requests_made.append(request.url))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    # Each test file's contexts, on whichever worker ran them: none may have asked another host.
    assert [u for u in requests_made if not is_local(u)] == [], "a page asked another host"


def visit_all(context, base_url: str, paths: list[str], scheme: str) -> dict[str, Visit]:
    """Visit every page in one context, running axe-core on each: every rule in the light
    scheme, the rules that read colours in the dark one (AXE_COLOUR_RULES)."""
    visits = {}
    for path in paths:
        page, result = visit(context, base_url + path)
        if is_embed(path):  # no Material: CSS alone shows the chart drawn for the scheme
            shown = page.locator(f".fs-chart__img--{scheme}").is_visible()
            assert shown, f"{name(path)}: the {scheme} chart is not the one shown"
        else:
            shown = page.get_attribute("body", "data-md-color-scheme")
            expected = "slate" if scheme == "dark" else "default"
            assert shown == expected, f"{name(path)}: Material shows {shown}, not {scheme}"
        result.axe_violations = run_axe(page, AXE_COLOUR_RULES if scheme == "dark" else None)
        wait_until_quiet(page, result.in_flight, quiet_ms=0)
        visits[path] = result
        page.close()
    return visits


@pytest.fixture(scope="session")
def light_visits(new_context, base_url: str, page_paths: list[str]) -> dict[str, Visit]:
    """Every page in the light scheme, on a desktop screen, with JavaScript on."""
    context = new_context(viewport=DESKTOP, color_scheme="light")
    return visit_all(context, base_url, page_paths, "light")


@pytest.fixture(scope="session")
def dark_visits(new_context, base_url: str, page_paths: list[str]) -> dict[str, Visit]:
    """Every page in Material's dark ("slate") scheme, chosen because the system asks for dark."""
    context = new_context(viewport=DESKTOP, color_scheme="dark")
    return visit_all(context, base_url, page_paths, "dark")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (gitignored): screenshots and the printout, for a person to look at."""
    (ARTIFACTS / "charts").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def java() -> str:
    """The `java` that runs the Nu Html Checker."""
    found = shutil.which("java")
    if not found:
        pytest.fail("java is missing: install default-jre-headless (.ci/run does it)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` (or `make test`)")
    return found
