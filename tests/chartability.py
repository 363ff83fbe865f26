"""The Chartability checks a static chart allows, run over a built site (issue #24): for every
chart block of every page, a title, a text alternative and a data table; for every drawing,
its root <title> and <desc>, text at 4.5:1 and marks at 3:1 against the page's background,
and its series told apart without colour (each named on the chart, and each with a shape of
its own). Text size is measured in the browser (tests/browser/test_browser_chart_text.py).

Used by tests/test_chartability.py (the fixture sheets) and tests/sheet (the war sheet).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from generator.charts import schemes
from tests.support import edition_folders

SVG = "{http://www.w3.org/2000/svg}"


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _faded(element: ElementTree.Element, parents: dict) -> bool:
    """True when the element or a group around it is drawn translucent: the paler part of a
    range, which the full-colour part beside it names."""
    while element is not None:
        if float(element.get("opacity", "1")) < 1 or float(element.get("fill-opacity", "1")) < 1:
            return True
        element = parents.get(element)
    return False


def drawing_problems(name: str, text: str) -> Iterator[str]:
    """What a drawing (`name`: its file name, '…-light-wide.svg') lacks."""
    scheme = schemes.LIGHT if "-light-" in name else schemes.DARK
    page = schemes.BACKGROUNDS[scheme.name]
    root = ElementTree.fromstring(text)
    first = [child.tag for child in root][:2]
    if first != [f"{SVG}title", f"{SVG}desc"]:
        yield f"{name}: the root <title> and <desc> are not its first elements ({first})"
    for tag in ("title", "desc"):
        found = root.find(f"{SVG}{tag}")
        if found is None or not (found.text or "").strip():
            yield f"{name}: no <{tag}>"
    parents = {child: parent for parent in root.iter() for child in parent}
    decoration = {scheme.track.lower()}  # a bar's track and the grid: never data
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag == "text":
            fill = element.get("fill", "#000000").lower()
            if contrast(fill, page) < 4.5:
                yield f"{name}: text {element.text!r} in {fill} is under 4.5:1"
        elif tag in ("path", "rect", "line") and "background" not in element.get("class", ""):
            if _faded(element, parents):
                continue
            for attr in ("fill", "stroke"):
                colour = (element.get(attr) or "").lower()
                if colour.startswith("#") and colour not in decoration:
                    if contrast(colour, page) < 3:
                        yield f"{name}: a mark in {colour} is under 3:1"


def _shapes(text: str) -> set[str]:
    """The outlines of a drawing's symbols, by kind: a circle's path has arcs, a square's
    straight sides, the others their own numbers of corners."""
    root = ElementTree.fromstring(text)
    found = set()
    for group in root.iter(f"{SVG}g"):
        if "mark-symbol" not in (group.get("class") or "").split():
            continue
        for path in group:
            d = path.get("d", "")
            found.add("circle" if "A" in d else f"{len(re.findall(r'[LlHhVv]', d))} sides")
    return found


def block_problems(page: str, block) -> Iterator[str]:
    """What a chart's <figure> block lacks: a title, a text alternative, a data table."""
    chart_id = block.get("id") or "(a copy)"
    at = f"{page} {chart_id}"
    if not block.select_one(".fs-chart__title") or not block.select_one(
        ".fs-chart__title"
    ).get_text(strip=True):
        yield f"{at}: no title"
    for img in block.select(".fs-chart__img img"):
        if len(img.get("alt", "")) < 40:
            yield f"{at}: {img.get('src')} has no text alternative"
    table = block.select_one(".fs-chart__data table")
    if table is None or not table.select("tbody tr"):
        yield f"{at}: no data table"


def series_problems(site: Path, chart_id: str, names: list[str]) -> Iterator[str]:
    """A chart of two or more series: each named on the chart, and with a shape of its own
    (the legend's entries, and every mark that stands for the series)."""
    if len(names) < 2:
        return
    for path in sorted((site / "charts").glob(f"{chart_id}-*.svg")):
        text = path.read_text("utf-8")
        root = ElementTree.fromstring(text)
        shown = " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text")).lower()
        for series in names:
            words = series.lower().split()
            if not all(word in shown for word in words):
                yield f"{path.name}: the series {series!r} is not named on the chart"
        if len(_shapes(text)) < len(names):
            yield f"{path.name}: {len(names)} series in {len(_shapes(text))} shape(s)"


def site_problems(site: Path, series: dict[str, list[str]]) -> list[str]:
    """Every Chartability problem of every chart of a built `site`; `series` names each
    chart's series (its legend), by chart id."""
    problems: list[str] = []
    editions = edition_folders(site)
    for html in sorted(site.rglob("index.html")):
        parts = html.relative_to(site).parts
        if parts[0] == "embed" or (parts[0] in editions and parts[1] == "embed"):
            continue  # the page's own block, shown bare for other sites (tests/test_embed.py)
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for block in soup.select("figure.fs-chart"):
            problems.extend(block_problems(str(html.relative_to(site)), block))
    for svg in sorted((site / "charts").glob("*.svg")):
        problems.extend(drawing_problems(svg.name, svg.read_text("utf-8")))
    for chart_id, names in series.items():
        problems.extend(series_problems(site, chart_id, names))
    return problems
