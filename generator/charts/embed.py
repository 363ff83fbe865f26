"""Embeds: each chart alone on a page of its own, `embed/<chart-id>/`, for other sites'
<iframe>s, and the code that puts it there.

The generator writes the page as finished HTML into the docs folder, and the site engine
copies it as it copies the data downloads: no navigation, header, search or footer, no entry
in the sitemap or the search index (neither lists a file the engine did not render), and no
anchor (the chart's permalink stays on its page; this page links back to it). It shows the
chart in light and dark by `prefers-color-scheme` (there is no palette toggle to follow), its
title, caption and source line, works without JavaScript, prints, and requests nothing from
another host. Its one script tells the embedding page its height; the snippet's listener sets
the <iframe> to it.
"""

from __future__ import annotations

import json
import math
from html import escape
from urllib.parse import urlsplit

FOLDER = "embed"
HEIGHT_KEY = "factsheet-embed-height"
"""The message the embed page posts to the page around it: {HEIGHT_KEY: height in px}."""
NAMES = "Liberation Sans, Arial, Helvetica, sans-serif"

POST_HEIGHT = (
    "(function(){var last=0;function post(){"
    "var h=Math.ceil(document.documentElement.getBoundingClientRect().height);"
    "if(h!==last&&window.parent!==window){last=h;"
    f'window.parent.postMessage({{"{HEIGHT_KEY}":h}},"*")}}}}'
    'addEventListener("load",post);addEventListener("resize",post);'
    "if(window.ResizeObserver)new ResizeObserver(post).observe(document.body)})();"
)
"""The embed page's script: its height, to the page around it, whenever it changes."""

LISTENER = (
    '<script>addEventListener("message",function(e){{var h=e.data&&e.data["{key}"];'
    'if(e.origin!=="{origin}"||typeof h!=="number")return;'
    'document.querySelectorAll("iframe").forEach(function(f){{'
    'if(f.contentWindow===e.source)f.style.height=h+"px"}})}})</script>'
)
"""The snippet's script: sets the <iframe> that posted a height (from the site's origin) to it."""

STYLE = f"""\
:root{{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#555d66;--link:#3f51b5}}
html{{background:var(--bg);color:var(--fg);font:16px/1.4 {NAMES}}}
body{{margin:0}}main{{padding:8px 12px;max-width:640px}}
figure{{margin:0}}
h1{{font-size:1.05rem;margin:0 0 .2em}}
p{{margin:.3em 0;font-size:.8rem;color:var(--muted)}}
a{{color:var(--link);text-decoration:underline}}
.fs-chart__img{{display:block;margin:.4em 0}}
.fs-chart__img img{{display:block;width:100%;max-width:640px;height:auto}}
.fs-chart__img img.fs-chart__wide{{display:none}}
.fs-chart__img img.fs-chart__narrow{{max-width:448px}}
@media (min-width:664px){{.fs-chart__img img.fs-chart__wide{{display:block}}
.fs-chart__img img.fs-chart__narrow{{display:none}}}}
.fs-chart__img--dark{{display:none}}
@media (prefers-color-scheme:dark){{
:root{{--bg:#1e2129;--fg:#e6e8f0;--muted:#b4b9c6;--link:#9fa8da}}
.fs-chart__img--light{{display:none}}.fs-chart__img--dark{{display:block}}}}
@media print{{:root{{color-scheme:light;--bg:#fff;--fg:#000;--muted:#333;--link:#000}}
.fs-chart__img--light{{display:block!important}}.fs-chart__img--dark{{display:none!important}}}}
"""
"""The page's only style: no stylesheet of the theme is loaded. The page is the chart's whole
slot (an <iframe>), so a media query picks its drawing: the wide one once the window holds it
unshrunk (640 px and the 12 px padding each side)."""


def url(chart_id: str) -> str:
    """The embed page's address in the site: 'embed/<chart-id>/'."""
    return f"{FOLDER}/{chart_id}/"


def path(chart_id: str) -> str:
    """The embed page's file in the site: 'embed/<chart-id>/index.html'."""
    return f"{url(chart_id)}index.html"


ROOT = "../../"
"""From an embed page up to the site's root."""


def snippet(site_url: str, chart_id: str, frame_title: str, height: int) -> str:
    """The code to paste: the <iframe>, `height` px high until its page says otherwise, and
    the listener that sets its height (one line each)."""
    address = f"{site_url.rstrip('/')}/{url(chart_id)}"
    parts = urlsplit(address)
    frame = (
        f'<iframe src="{escape(address)}" title="{escape(frame_title)}" width="100%"'
        f' height="{height}" style="border:0;max-width:680px" loading="lazy"></iframe>'
    )
    origin = json.dumps(f"{parts.scheme}://{parts.netloc}")[1:-1]
    return frame + "\n" + LISTENER.format(key=HEIGHT_KEY, origin=origin)


def fallback_height(chart_height: int, title: str, caption: str, source: str, back: str) -> int:
    """The <iframe>'s height without scripts, in px: the wide chart, and the lines of text
    around it at the embed page's sizes (about 80 characters a line; rather more than cut)."""
    back += "x" * 30  # the link back, and the site's title in it
    paragraphs = [text for text in (caption, source, back) if text]
    lines = sum(math.ceil(len(text) / 80) * 18 + 8 for text in paragraphs)
    return 16 + math.ceil(len(title) / 60) * 24 + 4 + chart_height + 13 + lines + 8


def page(
    *,
    title: str,
    caption: str,
    pictures: str,
    source: str,
    back: str,
    back_words: str,
    site: str,
    language: str,
) -> str:
    """The embed page. `title`, `site` and `language` are plain text; `caption`, `pictures`
    and `source` escaped HTML; `back` the link to the chart on its page."""
    return f"""<!doctype html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>{escape(title)} – {escape(site)}</title>
<style>
{STYLE}</style>
</head>
<body>
<main>
<figure class="fs-chart">
<figcaption><h1>{escape(title)}</h1>{f"<p>{caption}</p>" if caption else ""}</figcaption>
{pictures}
<p class="fs-chart__source">{source}</p>
<p class="fs-embed__back"><a href="{escape(back)}" target="_top">{escape(back_words)}</a></p>
</figure>
</main>
<script>{POST_HEIGHT}</script>
</body>
</html>
"""
