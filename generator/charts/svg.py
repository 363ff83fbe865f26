"""Vega-Lite spec -> SVG with vl-convert, offline, cached by a hash of what makes the spec.

vl-convert runs Vega in an embedded JavaScript engine with its own fonts: no browser, and
no network (external data is refused, and the output is checked for remote references).

The cache key hashes everything the spec is made from: the chart's data, the variant, and
the code that draws it (every generator module the chart package imports, and the versions
of the libraries they use: see cache/code.py). So a cached SVG is found before its spec is
built, and any change to the data or to the drawing code retires it. Each entry is checked
against the hash stored with it (cache/store.py): a damaged one is drawn again, never
published. The cache folder can be deleted at any time.

vl-convert is imported only when a drawing is missing from the cache: a build whose charts
are all cached never starts it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..cache import store as entries
from ..cache.code import part_key
from .offline import check_offline
from .specs import VEGA_LITE

__all__ = [
    "cache_key",
    "cached",
    "store",
    "draw",
    "recolour",
    "check_offline",
    "finish",
    "size",
]

FORMAT = 2
"""Bump when the way SVGs are made changes, to retire every cached one."""

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
"""A whole start or end tag, also when a quoted attribute value holds a '>'."""
_PAINT = re.compile(r"""(\s(?:fill|stroke)=)(["'])(#[0-9a-fA-F]{3,8})\2""")


def cache_key(inputs: Any, memo: Path | None = None) -> str:
    """The hash of everything that decides an SVG's bytes: the spec's inputs and the code.

    The code's key holds `specs` (which names the Vega-Lite version the specs are written
    for) and the version of vl-convert (which draws them). `memo` is a cache folder where
    the code's key can keep what it reads (see cache/code.py).
    """
    blob = json.dumps(
        {"inputs": inputs, "code": part_key("charts", memo), "format": FORMAT},
        sort_keys=True,
        ensure_ascii=False,
        default=_plain,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """JSON for the dataclasses and pydantic models a chart's data is made of."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return str(value)


def cached(key: str, cache_dir: Path) -> str | None:
    """The SVG cached under `key` (from `cache_key`), or None (also when it is damaged)."""
    data = entries.read(cache_dir / f"{key}.svg")
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def store(key: str, drawing: str | bytes, cache_dir: Path, suffix: str = ".svg") -> None:
    """Cache `drawing` (an SVG's text, or a PNG's bytes with `suffix` '.png') under `key`;
    atomic, so a parallel build never reads half a file."""
    data = drawing.encode("utf-8") if isinstance(drawing, str) else drawing
    entries.write(cache_dir / f"{key}{suffix}", data)


def draw(spec: dict[str, Any]) -> str:
    """The SVG of a Vega-Lite spec, refused if it would make the browser fetch anything."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec, vl_version=_vl_version(), allowed_base_urls=[])
    check_offline(svg)
    return svg


@functools.cache
def _vl_version() -> str | None:
    """The Vega-Lite version the specs are written for, when vl-convert has it (else its
    latest)."""
    import vl_convert as vlc

    version = ".".join(VEGA_LITE.split(".")[:2])
    return version if version in vlc.get_vegalite_versions() else None


def recolour(svg: str, palette: Mapping[str, str]) -> str:
    """`svg` with every fill and stroke colour found in `palette` swapped for its value.

    Only attributes of tags are touched: a colour written in a label is text, and stays.
    """

    def paint(match: re.Match[str]) -> str:
        start, quote, colour = match.groups()
        return f"{start}{quote}{palette.get(colour.lower(), colour)}{quote}"

    return _TAG.sub(lambda tag: _PAINT.sub(paint, tag[0]), svg)


_ENGINE_ROLES = re.compile(r' aria-roledescription="[^"]*"')
"""Vega's roles for groups of marks ('text mark container'), in English whatever the sheet's
language: the drawing's <title> and <desc> name it, in the sheet's words."""


def finish(svg: str, title: str, description: str) -> str:
    """Name the drawing inside the file too, for anyone who opens the SVG on its own, in the
    sheet's language, and without the engine's English names for its parts."""
    svg = _ENGINE_ROLES.sub("", svg)
    head = svg.index(">", svg.index("<svg")) + 1
    meta = f"<title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>"
    return svg[:head] + meta + svg[head:]


def size(svg: str) -> tuple[int, int]:
    """The drawing's width and height in px, for the <img> (so the page does not jump)."""
    match = _SIZE.search(svg)
    if not match:
        raise RuntimeError("chart SVG has no width and height")
    return round(float(match.group(1))), round(float(match.group(2)))
