"""The chart as it stands in a page: a <figure> that works without JavaScript and prints.

Two drawings per scheme (light and dark; CSS shows the scheme matching Material's, the
light one when scripts are off), wide and narrow: a CSS container query shows the wide one
only where the chart's own slot is at least as wide as it, so no drawing is ever shrunk
below the size its text was set for, whether the slot is a phone, a half-width column or a
printed page. Under them: the sources, the data table and the CSV. One raw-HTML element with
no blank line, so Markdown leaves it whole; every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .. import links
from ..language import Count
from ..models import Source
from ..render import code_spans, inline_md, unbroken
from ..render import escape_text as esc
from ..typography import join, separators
from . import embed
from .data import ChartData


@dataclass(frozen=True)
class Image:
    path: str
    """Where the SVG lands in the site, e.g. 'charts/advance-pace-light-wide.svg'."""
    width: int
    height: int


def figure(
    data: ChartData,
    images: dict[str, Image],
    csv_path: str,
    sources: Mapping[str, Source],
    anchor: bool = True,
    site_url: str = "",
) -> Markup:
    """The whole chart block; `images` by variant name ('light-wide', 'dark-narrow', …), and
    'png', the image to download."""
    chart = data.chart
    id_attr = f' id="{esc(chart.id)}"' if anchor else ""
    alt_text = esc(data.text_alternative())
    caption = f'<span class="fs-chart__title">{esc(chart.title)}</span>'
    if chart.caption:
        # A stop screen readers hear between title and caption, which would run together
        # ('…rougeole Dans le monde en 2023…'); the page shows them on two lines.
        if chart.title.rstrip()[-1:] not in ".?!…":
            stop = esc(data.language.text("typography.sentence", text=""))
            caption += f'<span class="md-visually-hidden">{stop}</span>'
        caption += f' <span class="fs-chart__caption">{inline_md(chart.caption)}</span>'
    parts = [
        f'<figure class="fs-chart fs-chart--{chart.kind}"{id_attr}>',
        f"<figcaption>{caption}</figcaption>",
        picture("light", images, alt_text, links.file),
        picture("dark", images, alt_text, links.file),
        f'<p class="fs-chart__source">{source_line(data, sources)}</p>',
        _table(data),
        _download(data, chart.title, links.file(csv_path)),
        _embed(data, images, sources, site_url),
        "</figure>",
    ]
    return Markup("\n".join(parts))


def picture(
    scheme: str,
    images: dict[str, Image],
    alt_text: str,
    href: Callable[[str], str],
) -> str:
    """The chart's drawings in one scheme, wide and narrow, of which CSS shows the one that
    fits the chart's slot (`.fs-chart__wide`, `.fs-chart__narrow`; see factsheet.css and the
    embed page's style); `href` makes a file's link from the page.

    Not a <picture>: its <source media> can only ask about the window, and a chart in a
    half-width column of a wide window must get the narrow drawing. Every drawing loads
    lazily, so a browser fetches only the one CSS shows, when it nears the screen: an
    image hidden by `display: none` is never fetched (a page's weight counts one drawing per
    chart, not four), and printing fetches every lazy image before it lays out the paper."""
    drawings = "".join(
        f'<img class="fs-chart__{width}" src="{href(image.path)}" alt="{alt_text}"'
        f' width="{image.width}" height="{image.height}" loading="lazy">'
        for width in ("wide", "narrow")
        for image in (images[f"{scheme}-{width}"],)
    )
    return f'<div class="fs-chart__img fs-chart__img--{scheme}">{drawings}</div>'


def _embed(
    data: ChartData, images: dict[str, Image], sources: Mapping[str, Source], site_url: str
) -> str:
    """The closed 'Embed' disclosure: the <iframe> code (only with a published address, none
    is made up) and the PNG. Hidden in print, left out of the search index."""
    chart = data.chart
    say = _words(data)
    named = say("embed.named", title=chart.title)
    if site_url:
        height = embed.fallback_height(
            images["light-wide"].height,
            chart.title,
            chart.caption or "",
            source_line(data, sources, markup=False),
            data.language.text("embed.back", site=""),
        )
        frame_title = data.language.text("embed.frame_title", title=chart.title)
        code = embed.snippet(site_url, chart.id, frame_title, height)
        lines = "\n".join(esc(line) for line in code.splitlines())
        how = f'<p>{say("embed.copy")}</p><pre class="fs-chart__code"><code>{lines}</code></pre>'
    else:
        how = (
            f"<p>{code_spans(say('embed.no_site_url'))} "  # '(<code>site_url</code>)
            f'<a href="{links.file(embed.url(chart.id))}">{say("embed.preview")}'
            f'<span class="md-visually-hidden">{named}</span></a></p>'
        )
    png = (
        f'<p class="fs-chart__download"><a href="{links.file(images["png"].path)}" download>'
        f'{say("embed.png")}<span class="md-visually-hidden">{named}</span>'
        f" {say('embed.png_what')}</a></p>"
    )
    return (
        '<details class="fs-chart__embed" data-search-exclude>'
        f'<summary>{say("embed.embed")}<span class="md-visually-hidden">{named}</span>'
        f"</summary>{how}{png}</details>"
    )


def _download(data: ChartData, title: str, href: str) -> str:
    """The link to the chart's CSV: `charts.download` shown, `charts.download_named` read out
    (several charts' links stand on one page). A sheet that rewords `charts.csv`, replaced by
    these two, keeps its three pieces until 0.3.0."""
    say = _words(data)
    if "charts.csv" in data.language.overridden:
        hidden = (
            f'<span class="md-visually-hidden">{say("charts.download_named", title=title)}</span>'
        )
        return (
            f'<p class="fs-chart__download"><a href="{href}" download>{say("charts.download")}'
            f"{hidden} {say('charts.csv')}</a></p>"
        )
    return (
        f'<p class="fs-chart__download"><a href="{href}" download '
        f'aria-label="{say("charts.download_named", title=title)}">{say("charts.download")}</a></p>'
    )


def _words(data: ChartData) -> Callable[..., str]:
    """The chart's words in the sheet's language, escaped as every text of the block is (for
    HTML and Markdown alike), with what they quote from content."""

    def say(key: str, /, **params: object) -> str:
        return data.language.markup(key, esc, params)

    return say


MAX_FULL_SOURCES = 3
"""More sources than this are named only: the full references already stand beside each
figure or event and on the sources page, and a caption of thirteen references is unreadable."""


def source_line(data: ChartData, sources: Mapping[str, Source], markup: bool = True) -> str:
    """'Source: UN, “World Population Prospects 2024”, 11 July 2024.', linked; as plain text
    with `markup=False` (for the PNG), in the same words."""
    text: Callable[[str], str] = esc if markup else str

    def say(key: str, /, **params: object) -> str:
        return text(data.language.text(key, **params))

    outlets: dict[str, list[str | None]] = {}
    for source_id, via in data.sources():
        outlets.setdefault(source_id, []).append(via)

    def around(key: str, inner: str, /, **params: object) -> str:
        """Message `key` around `inner`, which is markup already: only the words escape."""
        before, _, after = data.language.text(key, text="\0", **params).partition("\0")
        return f"{text(before)}{inner}{text(after)}"

    if len(outlets) > MAX_FULL_SOURCES:
        names = named_apart(list(outlets), sources, data)
        # A number, not its text: Fluent chooses a plural form only for a number (uk 'few').
        count = Count(len(outlets), data.writer.in_words(len(outlets)))  # '(three in all; …)'
        return say("charts.sources_named", names=join(data.language, names), n=count)
    refs = []
    for source_id, vias in outlets.items():
        s = sources[source_id]
        title = s.title if s.described else data.language.text("charts.quoted", text=s.title)
        name = say("blocks.named_title", name=s.name, title=title)
        ref = f'<a href="{text(s.url)}">{name}</a>' if s.url and markup else name
        date = data.writer.date(s.date)
        date = unbroken(date) if markup else date  # « 14 novembre 2024 » never parts on a page
        ref = around("blocks.dated", ref, date=date, precision=s.date.precision)
        relays = [sources[v] for v in vias if v]
        if relays:
            key = "charts.also_reported_by" if None in vias else "charts.reported_by"
            via = data.language.text(
                key,
                names=join(data.language, [r.in_text or r.name for r in relays]),
                in_text="yes" if all(r.in_text for r in relays) else "no",  # 'cité par la …'
                count="one" if len(relays) == 1 else "several",
            )
            ref = around("blocks.reported", ref, via=via)
        refs.append(ref)
    line = data.language.amount("charts.source_line", len(refs), "", refs="\0")
    before, _, after = line.partition("\0")  # the references are markup: only the words escape
    seps = separators(data.language, len(refs), "series")  # 'A; B; C', 'A\u202f; B\u202f; C'
    joined = "".join(f"{ref}{text(sep)}" for ref, sep in zip(refs, seps, strict=True))
    return f"{text(before)}{joined}{text(after)}"


def named_apart(ids: list[str], sources: Mapping[str, Source], data: ChartData) -> list[str]:
    """Each source by its short name, one entry per source: two sharing a name are told
    apart by their dates ('Cour des comptes (2012)'), by their titles when those match too,
    so that a line naming four sources shows four names, never three."""
    by_name: dict[str, list[Source]] = {}
    for source_id in ids:
        by_name.setdefault(sources[source_id].name, []).append(sources[source_id])
    names = []
    for source_id in ids:
        s = sources[source_id]
        twins = by_name[s.name]
        if len(twins) == 1:
            names.append(s.name)
        elif sum(t.date == s.date for t in twins) == 1:
            names.append(f"{s.name} ({data.writer.date(s.date)})")
        else:
            title = s.title if s.described else data.language.text("charts.quoted", text=s.title)
            names.append(f"{s.name} ({title}, {data.writer.date(s.date)})")
    return names


def _table(data: ChartData) -> str:
    header, rows = data.table()
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = "".join(
        f'<tr><th scope="row">{esc(row[0])}</th>'
        + "".join(f"<td>{esc(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        '<details class="fs-chart__data" data-search-exclude>'
        f"<summary>{_words(data)('charts.data_table')}</summary>"
        f"<table><caption>{esc(data.chart.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></details>"
    )
