"""How the site looks: light and dark schemes, charts in both, and the home page on paper.

Screenshots and the printed PDF land in test-artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.kit import DESKTOP, PHONE, is_embed, visit

pytestmark = pytest.mark.browser

MAX_PRINTED_PAGES = 2

BRIGHTNESS = """async png => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4)
    sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
  return sum / (data.length / 4) / 255;
}"""
"""The mean relative brightness (0 black – 1 white) of a PNG, measured by the browser itself."""


def brightness(page, png: bytes) -> float:
    return page.evaluate(BRIGHTNESS, base64.b64encode(png).decode())


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE)],
    ids=["light", "dark", "phone"],
)
def test_home_page_screenshot_shows_the_scheme(
    scheme: str, viewport: dict, new_context, base_url: str, artifacts
) -> None:
    context = new_context(viewport=viewport, color_scheme=scheme)
    page, _ = visit(context, base_url)
    width = "phone" if viewport is PHONE else "desktop"
    png = page.screenshot(path=artifacts / f"home-{scheme}-{width}.png", full_page=True)
    level = brightness(page, png)
    page.close()
    if scheme == "dark":
        assert level < 0.35, f"the dark home page is too bright ({level:.2f})"
    else:
        assert level > 0.65, f"the light home page is too dark ({level:.2f})"


def test_charts_switch_to_their_dark_version_in_the_dark_scheme(
    new_context, base_url: str, page_paths: list[str], site: Path, artifacts
) -> None:
    """A chart drawn for white paper is unreadable on Material's dark slate, and vice versa.

    Here the reader picks dark with the header's toggle, which Material remembers from page to
    page (the other tests ask for dark through the system's preference).
    """
    pages = {scheme: new_context(viewport=DESKTOP).new_page() for scheme in ("light", "dark")}
    pages["dark"].goto(base_url, wait_until="networkidle")
    pages["dark"].locator("[data-md-component=palette] label").filter(visible=True).first.click()
    wrong = []
    charts = 0
    with_charts = [  # embed pages have no toggle: they follow the system (see visit_all)
        p
        for p in page_paths
        if not is_embed(p) and 'class="fs-chart' in (site / p / "index.html").read_text()
    ]
    for path in with_charts:
        for page in pages.values():
            page.goto(base_url + path, wait_until="networkidle")
        assert pages["dark"].get_attribute("body", "data-md-color-scheme") == "slate"
        count = pages["light"].locator("figure.fs-chart").count()
        for i in range(count):
            charts += 1
            shots = {}
            for scheme, page in pages.items():
                chart = page.locator("figure.fs-chart").nth(i)
                chart_id = chart.get_attribute("id") or f"{path.strip('/') or 'home'}-{i + 1}"
                shots[scheme] = (
                    chart.locator("img, svg")
                    .filter(visible=True)
                    .first.screenshot(path=artifacts / "charts" / f"{chart_id}-{scheme}.png")
                )
            light = brightness(pages["light"], shots["light"])
            dark = brightness(pages["light"], shots["dark"])
            if not (light > 0.6 and dark < 0.4):
                wrong.append(f"{chart_id}: brightness light {light:.2f}, dark {dark:.2f}")
    for page in pages.values():
        page.close()
    assert charts > 0, "no page has a chart (figure.fs-chart)"
    assert wrong == []


def test_home_page_prints_on_at_most_two_a4_pages(new_context, base_url: str, artifacts) -> None:
    context = new_context(viewport=DESKTOP)
    page, _ = visit(context, base_url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "home.pdf").write_bytes(pdf)
    page.close()
    printed = PdfReader(io.BytesIO(pdf)).pages
    assert len(printed) <= MAX_PRINTED_PAGES, f"the home page prints on {len(printed)} A4 pages"
    assert "Headline figures" in printed[0].extract_text()  # the page itself, not a blank shell
