"""The example sheets (examples/) in the browser, built by each engine: each home page renders
its own title in its own script, and a full-page screenshot lands in test-artifacts/examples/
for a person to read (French, German and Ukrainian, looking for English words the text tests
cannot see, e.g. in the social card's place). And the rich fixture sheet built by Zensical:
every page loads without errors or requests to another host, and passes axe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.kit import DESKTOP, PHONE, describe_violations, is_local, run_axe, visit
from tests.browser.site_server import serve
from tests.golden import copy_fixture
from tests.support import run
from tests.test_examples import EXAMPLES, build_example

pytestmark = pytest.mark.browser

TITLES = {
    "flamanville": "Le coût de l’EPR de Flamanville",
    "gesundheit": "Masern – Faktenblatt",
    "naselennia": "Населення України",
}
LANGUAGES = {"flamanville": "fr", "gesundheit": "de", "naselennia": "uk"}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_examples_home_page_shows_and_is_saved_as_a_screenshot(
    name: str, engine: str, new_context, artifacts: Path, tmp_path: Path
) -> None:
    site = build_example(name, tmp_path, engine) / "site"
    (artifacts / "examples").mkdir(parents=True, exist_ok=True)
    with serve(site) as url:
        page, result = visit(new_context(viewport=DESKTOP, color_scheme="light"), url)
        heading = page.locator("article h1").first.inner_text()
        shot = (
            artifacts / "examples" / f"{name}-home{'' if engine == 'mkdocs' else '-' + engine}.png"
        )
        lang = page.get_attribute("html", "lang")
        png = page.screenshot(path=shot, full_page=True)
        page.close()
        # On a 375 px phone, no chart's data table scrolls sideways inside its box: the
        # German 'Schuleingangsuntersuchung' made one 13 px too wide, its edge cut off.
        phone, _ = visit(new_context(viewport=PHONE, color_scheme="light"), url)
        phone.evaluate(
            "document.querySelectorAll('details.fs-chart__data').forEach(d => d.open = true)"
        )
        sideways = phone.evaluate(
            """() => [...document.querySelectorAll('details.fs-chart__data *')]
                .filter(e => e.scrollWidth > e.clientWidth)
                .filter(e => getComputedStyle(e).overflowX !== 'hidden')  // the hidden caption
                .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
        )
        phone.close()
    assert sideways == []
    assert result.status == 200 and result.console_errors == [] and result.failed_requests == []
    assert heading.removesuffix("¶") == TITLES[name]  # ¶: the heading's permalink
    assert lang == LANGUAGES[name]  # Material's interface speaks the sheet's language
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # The social card and each chart's PNG download, beside the page, to be read in the
    # sheet's language by a person (their text is checked by tests/test_outputs_language.py).
    images = [site / "assets" / "social.png", *sorted((site / "charts").glob("*.png"))]
    for image in images:
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        shutil.copyfile(image, artifacts / "examples" / f"{name}-{image.name}")
    assert len(images) >= 2


def test_the_rich_fixture_built_by_zensical_passes_in_the_browser(
    new_context, requests_made: list[str], tmp_path: Path
) -> None:
    root = copy_fixture("rich", tmp_path / "rich")
    built = run(root, "build", "--engine", "zensical")
    assert built.exit_code == 0, built.output
    site = root / "site"
    paths = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )
    assert len(paths) >= 4, paths
    context = new_context(viewport=DESKTOP, color_scheme="light")
    problems = {}
    with serve(site) as url:
        for path in paths:
            page, result = visit(context, url + path)
            violations = run_axe(page)
            page.close()
            if result.status != 200 or result.console_errors or result.failed_requests:
                problems[path] = [result.status, *result.console_errors, *result.failed_requests]
            if violations:
                problems[path + " (axe)"] = describe_violations(violations)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert [u for u in requests_made if not is_local(u)] == []
