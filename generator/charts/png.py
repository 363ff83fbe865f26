"""The chart as a PNG that stands alone, for print and social posts: the light wide drawing
with the chart's title above it and its source line below, as text in the image.

The drawing is placed in a larger SVG with the two texts, and vl-convert turns that into a
PNG (resvg, with its own fonts: no browser, no network). It is cached beside the SVGs, under
their key and a hash of the two texts (the source line names the sources' titles and dates,
which the drawing's key does not hold), and made only when missing.
"""

from __future__ import annotations

import hashlib
import textwrap
from html import escape

from .schemes import LIGHT, WIDE

SCALE = 2
"""Pixels per CSS pixel: sharp in print and on high-density screens."""
MARGIN, GAP = 20, 12
TITLE_SIZE, TITLE_LINE = 18, 24
SOURCE_SIZE, SOURCE_LINE = 12, 16
WIDTH = WIDE + 2 * MARGIN
"""The image's width in CSS pixels (times SCALE in the file): the wide drawing and margins."""
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"


def wrap(text: str, size: int) -> list[str]:
    """`text` in lines that fit the drawing's width, estimating a glyph at 0.52 em; never cut."""
    return textwrap.wrap(text, max(20, int(WIDE / (size * 0.52)))) or [""]


def height(chart_height: int, title: str, source: str) -> int:
    """The image's height in CSS pixels (times SCALE in the file)."""
    title_h = len(wrap(title, TITLE_SIZE)) * TITLE_LINE
    source_h = len(wrap(source, SOURCE_SIZE)) * SOURCE_LINE
    return MARGIN + title_h + GAP + chart_height + GAP + source_h + MARGIN


def compose(drawing: str, chart_height: int, title: str, source: str) -> str:
    """One SVG: `title` (bold) over `drawing` (an SVG `chart_height` px high), `source` under."""
    lines = []
    y = MARGIN
    for line in wrap(title, TITLE_SIZE):
        lines.append(_text(y, line, TITLE_SIZE, LIGHT.ink, bold=True))
        y += TITLE_LINE
    y += GAP
    chart_y = y
    y += chart_height + GAP
    for line in wrap(source, SOURCE_SIZE):
        lines.append(_text(y, line, SOURCE_SIZE, LIGHT.muted))
        y += SOURCE_LINE
    total = y + MARGIN
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{total}"'
        f' viewBox="0 0 {WIDTH} {total}">'
        f'<rect width="{WIDTH}" height="{total}" fill="#ffffff"/>'
        + "".join(lines)
        + f'<g transform="translate({MARGIN},{chart_y})">{drawing}</g></svg>'
    )


def _text(top: int, line: str, size: int, fill: str, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{MARGIN}" y="{top + size}" font-family="{FONT}" font-size="{size}"'
        f' fill="{fill}"{weight}>{escape(line)}</text>'
    )


def key(drawing_key: str, title: str, source: str) -> str:
    """The cache key of the PNG: the light wide drawing's, and the hash of the two texts."""
    texts = hashlib.sha256(f"{title}\0{source}".encode()).hexdigest()[:16]
    return f"{drawing_key}-png-{texts}"


def draw(composed: str) -> bytes:
    """The PNG of a composed SVG, at SCALE."""
    import vl_convert as vlc

    return bytes(vlc.svg_to_png(composed, scale=SCALE))
