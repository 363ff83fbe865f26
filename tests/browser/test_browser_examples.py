"""The example sheets (examples/) in the browser: each home page renders its own title in its
own script, and a full-page screenshot lands in test-artifacts/examples/ for a person to read
(French, German and Ukrainian, looking for English words the text tests cannot see, e.g. in
the social card's place)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.kit import DESKTOP, visit
from tests.browser.site_server import serve
from tests.test_examples import EXAMPLES, build_example

pytestmark = pytest.mark.browser

TITLES = {
    "flamanville": "Le coût de l’EPR de Flamanville",
    "gesundheit": "Masern – Faktenblatt",
    "naselennia": "Населення України",
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_examples_home_page_shows_and_is_saved_as_a_screenshot(
    name: str, new_context, artifacts: Path, tmp_path: Path
) -> None:
    site = build_example(name, tmp_path) / "site"
    (artifacts / "examples").mkdir(parents=True, exist_ok=True)
    with serve(site) as url:
        page, result = visit(new_context(viewport=DESKTOP, color_scheme="light"), url)
        heading = page.locator("article h1").first.inner_text()
        png = page.screenshot(path=artifacts / "examples" / f"{name}-home.png", full_page=True)
        page.close()
    assert result.status == 200 and result.console_errors == [] and result.failed_requests == []
    assert heading.removesuffix("¶") == TITLES[name]  # ¶: the heading's permalink
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # The social card and each chart's PNG download, beside the page, to be read in the
    # sheet's language by a person (their text is checked by tests/test_outputs_language.py).
    images = [site / "assets" / "social.png", *sorted((site / "charts").glob("*.png"))]
    for image in images:
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        shutil.copyfile(image, artifacts / "examples" / f"{name}-{image.name}")
    assert len(images) >= 2
