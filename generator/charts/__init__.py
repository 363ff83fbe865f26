"""Charts: declared in `content/charts.yml`, drawn from the figures at build time.

Each chart becomes four static SVGs (light and dark scheme, wide and narrow) under
`docs/charts/`, the dark ones recoloured from the light ones (see `schemes`); a PNG with its
title and source to download (`png`); a CSV of exactly its data; a <figure> block that
templates place with `{{ chart("id") }}`; and an embed page, `embed/<id>/` (`embed`).
Nothing runs in the reader's browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..cache import store
from ..content import Content
from ..errors import ContentError, Problem
from ..links import page_url
from ..render import escape_text, inline_md
from . import embed, html, png, specs, svg
from .data import ChartData, chart_data
from .drawer import Drawer
from .schemes import DRAWN, VARIANTS, palette, twin

__all__ = [
    "ChartSet",
    "render_charts",
    "chart_blocks",
    "chart_data",
    "ChartData",
    "Drawer",
    "write_embeds",
]

FOLDER = "charts"
"""Where chart files land in the site."""


@dataclass
class ChartSet:
    """The charts of one build, ready for templates, with how many had to be drawn."""

    blocks: dict[str, Markup] = field(default_factory=dict)
    """Each chart's <figure> block, by chart id: HTML for templates, not figures."""
    copies: dict[str, Markup] = field(default_factory=dict)
    """The same blocks without their id, for a second page (`anchor=False`)."""
    rendered: int = 0
    """Charts drawn by this build (at least one of their SVGs was not in the cache)."""
    cached: int = 0
    """Charts whose every SVG came from the cache."""
    drawn: dict[str, tuple[ChartData, dict[str, html.Image]]] = field(default_factory=dict)
    """Each chart's data and images, by chart id: what its embed page shows."""

    def html(self, chart_id: str, anchor: bool = True) -> Markup:
        """The chart's <figure> block; the `chart("id")` of page templates.

        A chart's id (its permalink) can stand on one page only; `anchor=False` shows it
        again elsewhere, e.g. on the home page, without the id.
        """
        try:
            return self.blocks[chart_id] if anchor else self.copies[chart_id]
        except KeyError:
            known = ", ".join(sorted(self.blocks)) or "none"
            raise ValueError(
                f"chart({chart_id!r}): no such chart in content/charts.yml (charts: {known})"
            ) from None


def _all_data(content: Content) -> list[ChartData]:
    """Every chart's data; ContentError with the problems of every chart that has any."""
    found: list[ChartData] = []
    problems: list[Problem] = []
    for chart in content.charts.values():
        try:
            found.append(chart_data(content, chart))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return found


def _add(
    result: ChartSet,
    data: ChartData,
    images: dict[str, html.Image],
    content: Content,
    site_url: str,
) -> None:
    """`data`'s block, and its copy without an id, into `result`."""
    chart_id = data.chart.id
    csv_path = f"{FOLDER}/{chart_id}.csv"
    for anchor, blocks in ((True, result.blocks), (False, result.copies)):
        blocks[chart_id] = html.figure(data, images, csv_path, content.sources, anchor, site_url)
    result.drawn[chart_id] = (data, images)


def chart_blocks(content: Content, site_url: str = "") -> ChartSet:
    """The blocks `render_charts` makes, with the same ids and links, drawing and writing
    nothing: `check` renders the pages only for their problems, and shows them to no one.

    The drawings' sizes, known only once drawn, are left 0."""
    result = ChartSet()
    for data in _all_data(content):
        images = {
            variant.name: html.Image(f"{FOLDER}/{data.chart.id}-{variant.name}.svg", 0, 0)
            for variant in VARIANTS
        }
        images["png"] = html.Image(f"{FOLDER}/{data.chart.id}.png", 0, 0)
        _add(result, data, images, content, site_url)
    return result


def render_charts(
    content: Content,
    docs: Path,
    cache_dir: Path,
    site_url: str = "",
    drawer: Drawer | None = None,
) -> ChartSet:
    """Draw every chart of `content` into `docs/charts/`; ContentError if one cannot be.

    With a `drawer`, its PNGs may still be drawing when this returns: `drawer.finish()`
    completes them. Without one, everything is done here."""
    if drawer is None:
        own = Drawer()
        try:
            result = render_charts(content, docs, cache_dir, site_url, own)
            own.finish()
        finally:
            own.close()
        return result
    found = _all_data(content)
    out = docs / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    # One hash per chart; which modules the chart code imports is remembered beside.
    keys = {data.chart.id: svg.cache_key(data, cache_dir.parent / "code") for data in found}
    drawings: dict[str, str] = {}
    missing = []
    used: set[str] = set()
    for data in found:
        for variant in DRAWN:
            key = f"{keys[data.chart.id]}-{variant.name}"
            text = svg.cached(key, cache_dir)
            used.add(f"{key}.svg")
            if text is None:
                missing.append((key, data, variant))
            else:
                drawings[key] = text
    for key, data, variant in missing:  # only now is a spec built, and the engine started
        drawings[key] = drawer.svg(specs.spec(data, variant))
        svg.store(key, drawings[key], cache_dir)
    fresh = {data.chart.id for _, data, _ in missing}
    result = ChartSet()
    for data in found:
        chart_id = data.chart.id
        description = data.text_alternative()
        images: dict[str, html.Image] = {}
        for variant in VARIANTS:
            source = twin(variant)
            text = drawings[f"{keys[chart_id]}-{source.name}"]
            if variant != source:
                text = svg.recolour(text, palette(source.scheme, variant.scheme))
            name = f"{chart_id}-{variant.name}.svg"
            (out / name).write_text(svg.finish(text, data.chart.title, description), "utf-8")
            images[variant.name] = html.Image(f"{FOLDER}/{name}", *svg.size(text))
        (docs / FOLDER / f"{chart_id}.csv").write_text(data.csv(), encoding="utf-8")
        wide = drawings[f"{keys[chart_id]}-light-wide"]
        images["png"] = _png(data, wide, keys[chart_id], content, out, cache_dir, used, drawer)
        _add(result, data, images, content, site_url)
        if chart_id in fresh:
            result.rendered += 1
        else:
            result.cached += 1
    store.prune(cache_dir, used)  # drawings of charts, data or code no longer built
    return result


def _png(
    data: ChartData,
    wide: str,
    key: str,
    content: Content,
    out: Path,
    cache_dir: Path,
    used: set[str],
    drawer: Drawer,
) -> html.Image:
    """Write the chart's PNG (`wide`, its light wide drawing, titled and sourced) into `out`,
    from the cache when it is there, else by `drawer` while the build goes on."""
    title = data.chart.title
    source = html.source_line(data, content.sources, markup=False)
    cache_key = png.key(key, title, source)
    used.add(f"{cache_key}.png")
    image = store.read(cache_dir / f"{cache_key}.png")
    name = f"{data.chart.id}.png"
    if image is None:
        composed = png.compose(wide, svg.size(wide)[1], title, source)
        drawer.png(
            composed,
            png.SCALE,
            out / name,
            lambda image: svg.store(cache_key, image, cache_dir, ".png"),
        )
    else:
        (out / name).write_bytes(image)
    height = png.height(svg.size(wide)[1], title, source)
    return html.Image(f"{FOLDER}/{name}", png.WIDTH * png.SCALE, height * png.SCALE)


def write_embeds(
    chart_set: ChartSet,
    content: Content,
    docs: Path,
    page_of: dict[str, str],
) -> list[str]:
    """Write each chart's embed page into `docs` (see `embed`); returns their paths.

    `page_of` names the page that holds each chart's anchor, which the embed page links to.
    """
    written = []
    for chart_id, (data, images) in chart_set.drawn.items():
        alt_text = escape_text(data.text_alternative())
        pictures = "\n".join(
            html.picture(scheme, images, alt_text, lambda p: embed.ROOT + p)
            for scheme in ("light", "dark")
        )
        target = docs / embed.path(chart_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            embed.page(
                title=data.chart.title,
                caption=str(inline_md(data.chart.caption)),
                pictures=pictures,
                source=html.source_line(data, content.sources),
                back=f"{embed.ROOT}{page_url(page_of[chart_id])}#{chart_id}",
                back_words=content.language.text("embed.back", site=content.sheet.title),
                site=content.sheet.title,
                language=content.sheet.language,
            ),
            encoding="utf-8",
        )
        written.append(embed.path(chart_id))
    return written
