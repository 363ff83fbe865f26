"""The social image: a 1200×630 PNG of the headline figures, for link previews.

Drawn at build time with vl-convert (already used for charts): no browser, no network, no
clock, so the same content gives the same bytes. Every figure keeps its attribution.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import store
from .cache.code import part_key
from .content import Content
from .metadata import ALT_LIMIT
from .models import Quantity

if TYPE_CHECKING:
    from .charts.drawer import Drawer

PATH = "assets/social.png"
"""Where the image lands in the site."""
WIDTH, HEIGHT = 1200, 630
MAX_FIGURES = 6
_FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
_INK, _MUTED, _BAND, _PAPER, _RULE = "#1a1a1a", "#555555", "#3f51b5", "#ffffff", "#c5cae9"
_MARGIN, _GAP = 40, 24


def _shown_when(content: Content, q: Quantity) -> str:
    """A computed figure's value with its date after it, as its page's line gives them: its
    label no longer names the date ('68,5% (станом на 1 квітня 2009 року)')."""
    shown, when = content.writer.shown(q), content.writer.when(q)
    if not q.computed or not when:
        return shown
    return f"{shown} {content.language.text('typography.aside', text=when)}"


def alt_text(content: Content) -> str:
    """What the image says, as text: for og:image:alt and twitter:image:alt. The title, then
    each figure as a sentence of its own (a figure's words may hold commas and capitals, so a
    semicolon could not show where one ends), as many whole ones as Twitter's limit takes."""
    language = content.language
    sentences = [
        language.text(
            "typography.sentence",
            text=language.text(
                "social.item",
                claim="" if q.computed else content.writer.claim(q),
                computed="yes" if q.computed else "no",
                who=_attribution(content, q),  # what an override of 0.1 prints (until 0.3.0)
                label=q.label,
                value=_shown_when(content, q),
            ),
        )
        for q in _figures(content)
    ]
    text = f"{content.sheet.title}."
    for sentence in sentences:  # whole sentences while they fit; metadata cuts a first one
        if text != f"{content.sheet.title}." and len(text) + 1 + len(sentence) > ALT_LIMIT:
            break
        text += " " + sentence
    return text


def _figures(content: Content) -> list[Quantity]:
    return content.headlines()[:MAX_FIGURES]


def _attribution(content: Content, q: Quantity) -> str:
    return content.language.text("social.computed") if q.says is None else q.says


def _text(x: float, y: float, lines: list[str], size: int, **style: Any) -> dict[str, Any]:
    """One text mark; `lines` is drawn one under another, each cut with … at `limit`."""
    return {
        "type": "text",
        "encode": {
            "enter": {
                "x": {"value": x},
                "y": {"value": y},
                "text": {"value": lines},
                "fontSize": {"value": size},
                "lineHeight": {"value": round(size * 1.25)},
                "font": {"value": _FONT},
                "fill": {"value": _INK},
                "baseline": {"value": "top"},
                **{k: {"value": v} for k, v in style.items()},
            }
        },
    }


def _wrap(text: str, size: int, width: float, max_lines: int) -> list[str]:
    """Wrap to `width` pixels, estimating an average glyph at 0.52 em; … if cut short."""
    chars = max(8, int(width / (size * 0.52)))
    lines = textwrap.wrap(text, chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return lines


def spec(content: Content, site_url: str) -> dict[str, Any]:
    """The Vega spec of the image: a title band, a card per headline figure, a footer."""
    sheet = content.sheet
    inner = WIDTH - 2 * _MARGIN
    marks: list[dict[str, Any]] = [
        _rect(0, 0, WIDTH, 150, _BAND),
        _text(_MARGIN, 28, _wrap(sheet.title, 36, inner, 2), 36, fill=_PAPER, fontWeight="bold"),
    ]
    figures = _figures(content)
    columns = 3 if len(figures) > 4 or len(figures) == 3 else max(1, min(2, len(figures)))
    rows = -(-len(figures) // columns) if figures else 0
    card_w = (inner - (columns - 1) * _GAP) / columns
    card_h = 190 if rows <= 2 else 120
    for n, q in enumerate(figures):
        x = _MARGIN + (n % columns) * (card_w + _GAP)
        y = 172 + (n // columns) * (card_h + 16)
        text_w = card_w - 28
        value = content.writer.shown(q)
        value_size = int(min(40, text_w / (max(len(value), 1) * 0.56)))
        marks += [
            _rect(x, y, card_w, card_h, _PAPER, stroke=_RULE),
            _rect(x, y, 6, card_h, _BAND),
            _text(x + 20, y + 16, [value], value_size, fontWeight="bold", limit=text_w),
            _text(x + 20, y + 66, _wrap(q.label, 19, text_w, 3), 19, limit=text_w),
            _text(
                x + 20,
                y + card_h - 44,
                [_attribution(content, q), content.writer.when(q)],
                15,
                fill=_MUTED,
                limit=text_w,
            ),
        ]
    if not figures:
        marks.append(_text(_MARGIN, 190, _wrap(sheet.description, 26, inner, 10), 26))
    footer = [
        sheet.title if len(sheet.title) < 60 else "",
        content.language.text("social.updated", **content.writer.date_words(sheet.updated)),
    ]
    if site_url:
        footer.append(site_url.split("://", 1)[-1].rstrip("/"))
    marks.append(
        _text(
            _MARGIN, HEIGHT - 38, [" · ".join(p for p in footer if p)], 17, fill=_MUTED, limit=inner
        )
    )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "padding": 0,
        "autosize": "none",
        "background": _PAPER,
        "marks": marks,
    }


def _rect(x: float, y: float, w: float, h: float, fill: str, **style: str) -> dict[str, Any]:
    enter = {"x": x, "y": y, "width": w, "height": h, "fill": fill, **style}
    return {"type": "rect", "encode": {"enter": {k: {"value": v} for k, v in enter.items()}}}


def write_social_image(
    content: Content,
    docs: Path,
    site_url: str,
    cache_dir: Path | None = None,
    drawer: Drawer | None = None,
) -> str:
    """Render the image into `docs` (or copy it from `cache_dir`); return its path in the site.

    The cache is keyed by the spec and the code (cache/code.py): starting vl-convert costs a
    second or more, which an editor's rebuild should not pay when the headlines did not change.
    A damaged entry (cache/store.py) is drawn again. With a `drawer`, the image is drawn while
    the build goes on (it is in `docs` once `drawer.finish()` returns).
    """
    drawing = spec(content, site_url)
    # The code's key reads versions from the installed metadata: importing vl-convert only
    # to name its version would start it on builds that find the image cached. What the code
    # imports is remembered beside the charts' (cache/code.py), not read again every build.
    memo = cache_dir.parent / "code" if cache_dir else None
    key = json.dumps([drawing, part_key("social", memo)], sort_keys=True).encode()
    name = f"{hashlib.sha256(key).hexdigest()[:32]}.png"
    png = store.read(cache_dir / name) if cache_dir else None
    if cache_dir is not None:
        store.prune(cache_dir, {name})  # images of earlier headlines
    target = docs / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    if png is not None:
        target.write_bytes(png)
    elif drawer is not None:

        def keep(image: bytes) -> None:
            if cache_dir is not None:
                store.write(cache_dir / name, image)

        drawer.vega_png(drawing, 1, target, keep)
    else:
        import vl_convert

        png = bytes(vl_convert.vega_to_png(drawing, scale=1, allowed_base_urls=[]))
        if cache_dir is not None:
            store.write(cache_dir / name, png)
        target.write_bytes(png)
    return PATH
