"""Chart text a reader can read wherever a page puts the chart (issue #24): full width, a
half-width slot (`.fs-pair`), an embed page; at 375, 768, 1024 and 1280 px, light and dark,
and printed. Every text of every drawing shown is measured as rendered (its font size times
the scale the <img> is drawn at) and must be at least 12 CSS px, Chartability's floor; no text
may stand outside its drawing (cut) or on top of another (overlapping).

The drawings are <img>s, whose text the page cannot reach: one JS call per page and width
copies each SVG shown into the page at the size its <img> has, and measures every <text> there.
One browser, one tab per page and scheme, the widths set on the open tab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.site_server import serve
from tests.support import edition_folders
from tests.test_examples import EXAMPLES, build_example

pytestmark = pytest.mark.browser

WIDTHS = (375, 768, 1024, 1280)
PRINT_WIDTH = 718
"""An A4 page's width less Chromium's default margins, in CSS px: the printed page's layout."""
SMALLEST = 12.0
DARK_WIDTHS = (WIDTHS[0], WIDTHS[-1])
"""A dark drawing is its light one recoloured, text for text: measured where each of the two
drawings (narrow and wide) shows, that the dark one is picked at each width as the light one."""
DRAWING = re.compile(r"charts/[^\"'/]+\.svg")

DRAWN = """
() => [...document.querySelectorAll('img')]
  .filter((img) => /\\/charts\\/[^/]+\\.svg$/.test(img.currentSrc || img.src))
  .filter((img) => img.checkVisibility())
  .every((img) => img.complete && img.naturalWidth > 0)
"""
"""True once every drawing shown at this width and medium has loaded: what MEASURE reads. (A
wait for the network to be idle costs half a second each time, about 100 times a site.)"""

MEASURE = """
async () => {
  const shown = [...document.querySelectorAll('img')].filter(
    (img) => /\\/charts\\/[^/]+\\.svg$/.test(img.currentSrc || img.src) && img.checkVisibility());
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden;pointer-events:none';
  document.body.appendChild(host);
  const found = [];
  for (const img of shown) {
    const src = img.currentSrc || img.src;
    const box = img.getBoundingClientRect();
    const text = await (await fetch(src)).text();
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const drawn = parseFloat(svg.getAttribute('width'));
    const scale = box.width / drawn;
    svg.setAttribute('width', box.width);
    svg.setAttribute('height', box.height);
    host.replaceChildren(document.importNode(svg, true));
    const root = host.firstElementChild.getBoundingClientRect();
    const texts = [];
    for (const t of host.querySelectorAll('text')) {
      if (!t.textContent.trim() || getComputedStyle(t).opacity === '0') continue;
      if (t.closest('[opacity="0"], [fill-opacity="0"]')) continue;
      const r = t.getBoundingClientRect();
      texts.push({
        text: t.textContent.slice(0, 40),
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        left: r.left - root.left, top: r.top - root.top,
        right: r.right - root.left, bottom: r.bottom - root.top,
      });
    }
    found.push({src: src.split('/').pop(), slot: box.width, scale, width: box.width,
                height: box.height, texts});
  }
  host.remove();
  return found;
}
"""


def _problems(page: str, where: str, drawings: list[dict]) -> Iterator[str]:
    """Each text under SMALLEST px, outside its drawing, or on top of another text."""
    for d in drawings:
        at = f"{page} {where} {d['src']} (drawn at {d['width']:.0f} px, x{d['scale']:.2f})"
        for t in d["texts"]:
            if round(t["px"], 1) < SMALLEST:
                yield f"{at}: {t['text']!r} is {t['px']:.1f} px"
            if (
                t["left"] < -1
                or t["top"] < -1
                or t["right"] > d["width"] + 1
                or (t["bottom"] > d["height"] + 1)
            ):
                yield f"{at}: {t['text']!r} is cut at the drawing's edge"
        texts = d["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                across = min(a["right"], b["right"]) - max(a["left"], b["left"])
                down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if across > 2 and down > 3:
                    yield f"{at}: {a['text']!r} overlaps {b['text']!r}"


def _pages(site: Path) -> list[str]:
    """Every page of `site` that shows a chart drawing."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if DRAWING.search(p.read_text(encoding="utf-8"))
    )


def _measure_site(
    new_context, site: Path, skip: frozenset[str] = frozenset()
) -> tuple[list[str], float, int]:
    """Every problem of every chart text on every page of `site`, the smallest text seen, and
    how many texts were measured."""
    problems: list[str] = []
    smallest, count = float("inf"), 0
    with serve(site) as url:
        for scheme in ("light", "dark"):
            context = new_context(viewport={"width": WIDTHS[0], "height": 900}, color_scheme=scheme)
            for path in (p for p in _pages(site) if p.split("/")[0] not in skip):
                page = context.new_page()
                page.goto(url + path, wait_until="load")
                # Lazy drawings load once shown; ask for them all now, so none is missing.
                page.evaluate("document.querySelectorAll('img').forEach(i => i.loading='eager')")
                widths = WIDTHS if scheme == "light" else DARK_WIDTHS
                settings = [(f"{w} px {scheme}", w, "screen") for w in widths]
                if scheme == "light":
                    settings.append(("printed", PRINT_WIDTH, "print"))
                for where, width, media in settings:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.emulate_media(media=media)
                    page.wait_for_function(DRAWN)
                    drawings = page.evaluate(MEASURE)
                    for d in drawings:
                        for t in d["texts"]:
                            smallest = min(smallest, t["px"])
                            count += 1
                    problems.extend(_problems(path or "home page", where, drawings))
                page.close()
    return problems, smallest, count


def _check(new_context, site: Path, label: str, skip: frozenset[str] = frozenset()) -> None:
    problems, smallest, count = _measure_site(new_context, site, skip)
    print(f"\n{label}: {count} chart texts measured, smallest {smallest:.1f} px")
    assert count > 0, f"{label}: no chart text was measured"
    assert problems == [], "\n".join(problems[:40])


def test_every_chart_text_of_the_war_sheet_reads_at_every_width(
    new_context, site: Path, engine: str
):
    """Both editions on MkDocs; on Zensical, the source edition's pages: the drawings are the
    same files whichever engine builds, and what the engine changes, the slot's width, is the
    same in every edition."""
    skip = frozenset(edition_folders(site)) if engine == "zensical" else frozenset()
    _check(new_context, site, "war sheet", skip)


def test_every_chart_text_of_the_rich_fixture_reads_at_every_width(new_context, built_rich: Path):
    _check(new_context, built_rich / "site", "rich fixture")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_chart_text_of_each_example_reads_at_every_width(
    name: str, new_context, tmp_path: Path
):
    _check(new_context, build_example(name, tmp_path) / "site", name)
