"""A chart embedded in someone else's article (issue 17): the code under the chart, pasted into
a page of another origin, shows the embed page and takes the height that page posts.

The embed pages themselves are among the pages every other browser test visits (axe, no
request to another host, the chart without JavaScript, print): `page_paths` finds them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.kit import DESKTOP, PHONE
from tests.conftest import PUBLISHED_URL

pytestmark = pytest.mark.browser

ARTICLE = """<!doctype html><html lang="en"><head><title>An article</title></head>
<body><main><h1>An article</h1><p>It shows a chart:</p>{code}<p>The end.</p></main></body></html>"""

DRAWN = """drawing => {
  const img = [...document.querySelectorAll('.fs-chart__img--light img')].find(
    (i) => i.checkVisibility());
  return img !== undefined && img.complete && img.naturalWidth > 0
    && img.currentSrc.includes(drawing);
}"""
"""The chart's light drawing of that width ('-wide' or '-narrow') is the one shown, and has
loaded, in the frame."""


def embed_code(site: Path, page: str, chart_id: str) -> str:
    """The embed code under a chart of the built site, as a reader copies it."""
    soup = BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")
    return soup.find(id=chart_id).select_one(".fs-chart__embed pre code").get_text()


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")


def test_an_embedded_chart_takes_the_height_its_page_posts(
    new_context, base_url: str, site: Path
) -> None:
    published = urlsplit(PUBLISHED_URL)
    served = urlsplit(base_url)
    code = (
        embed_code(site, "casualties", "casualties-by-side")
        .replace(PUBLISHED_URL, base_url)
        .replace(f"{published.scheme}://{published.netloc}", f"{served.scheme}://{served.netloc}")
    )
    assert f'src="{base_url}embed/casualties-by-side/"' in code
    context = new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The article is another origin (about:blank) than the site the frame shows.
    page.set_content(ARTICLE.format(code=code), wait_until="load")
    iframe = page.locator("iframe")
    fixed = int(iframe.get_attribute("height"))
    frame = iframe.element_handle().content_frame()
    for viewport, drawing in ((DESKTOP, "-wide"), (PHONE, "-narrow")):
        page.set_viewport_size(viewport)  # on a phone the narrow drawing shows: another height
        frame.wait_for_function(DRAWN, arg=drawing)
        page.wait_for_function(
            "h => document.querySelector('iframe').style.height === h + 'px'",
            arg=content_height(frame),
        )
        # The frame shows its whole page: nothing cut off, no space left below it.
        assert iframe.evaluate("f => f.getBoundingClientRect().height") == content_height(frame)
    assert content_height(frame) != fixed
    assert errors == []
    page.close()
