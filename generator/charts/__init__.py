"""Charts: declared in `content/charts.yml`, drawn from the figures at build time.

Each chart becomes four static SVGs (light and dark scheme, wide and narrow) under
`docs/charts/`, the dark ones recoloured from the light ones (see `schemes`); a CSV of
exactly its data; and a <figure> block that templates place with `{{ chart("id") }}`.
Nothing runs in the reader's browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..content import Content
from ..errors import ContentError, Problem
from . import html, specs, svg
from .data import ChartData, chart_data
from .schemes import DRAWN, VARIANTS, palette, twin

__all__ = ["ChartSet", "render_charts", "chart_blocks", "chart_data", "ChartData"]

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
    result: ChartSet, data: ChartData, images: dict[str, html.Image], content: Content
) -> None:
    """`data`'s block, and its copy without an id, into `result`."""
    chart_id = data.chart.id
    csv_path = f"{FOLDER}/{chart_id}.csv"
    for anchor, blocks in ((True, result.blocks), (False, result.copies)):
        blocks[chart_id] = html.figure(data, images, csv_path, content.sources, anchor)


def chart_blocks(content: Content) -> ChartSet:
    """The blocks `render_charts` makes, with the same ids and links, drawing and writing
    nothing: `check` renders the pages only for their problems, and shows them to no one.

    The drawings' sizes, known only once drawn, are left 0."""
    result = ChartSet()
    for data in _all_data(content):
        images = {
            variant.name: html.Image(f"{FOLDER}/{data.chart.id}-{variant.name}.svg", 0, 0)
            for variant in VARIANTS
        }
        _add(result, data, images, content)
    return result


def render_charts(content: Content, docs: Path, cache_dir: Path) -> ChartSet:
    """Draw every chart of `content` into `docs/charts/`; ContentError if one cannot be."""
    found = _all_data(content)
    out = docs / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    keys = {data.chart.id: svg.cache_key(data, cache_dir) for data in found}  # one hash per chart
    drawings: dict[str, str] = {}
    missing = []
    for data in found:
        for variant in DRAWN:
            key = f"{keys[data.chart.id]}-{variant.name}"
            text = svg.cached(key, cache_dir)
            if text is None:
                missing.append((key, data, variant))
            else:
                drawings[key] = text
    for key, data, variant in missing:  # only now is a spec built, and the engine started
        drawings[key] = svg.draw(specs.spec(data, variant))
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
        _add(result, data, images, content)
        if chart_id in fresh:
            result.rendered += 1
        else:
            result.cached += 1
    return result
