"""The generator's stage: validated content + `site_src/` templates -> a folder of Markdown.

Writes pages, assets, charts and data downloads into `docs`; knows nothing of the engine
that will build them. Its page stage (`render_site`) writes nothing, so `check` runs it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.runtime
from markupsafe import Markup

from . import charts, datapackage, exports, feed, links, metadata, social
from .assets import copy_assets
from .content import Content, Located
from .errors import ContentError, Problem
from .page import Page
from .project import Project
from .render import THEME, render_pages


@dataclass
class Rendered:
    """Every page rendered, its links filled in, before metadata is added."""

    pages: list[Page]
    page_of: dict[str, str]
    """{record id: the page that holds its anchor}."""


@dataclass
class Generated:
    pages: list[Page]
    """Every page as written, its links filled in and its metadata added."""
    page_of: dict[str, str]
    """{record id: the page that holds its anchor}."""
    charts_rendered: int = 0
    charts_cached: int = 0


def render_site(
    project: Project,
    content: Content,
    chart_set: charts.ChartSet,
    compiled: Path | None = None,
    edition: str | None = None,
) -> Rendered:
    """The page stage, in memory: render every page template and resolve its links.

    `build` (through `generate`) and `check` both run this, so they refuse the same pages:
    ContentError for a record no page shows, an id anchored on two pages or a link to what
    no page shows; TemplateProblem for a template that fails. With `compiled`, a folder,
    compiled templates are kept there for later processes (`check` writes nothing).
    `edition`: the tag of the edition `content` is, whose page templates stand above the
    sheet's (`site_src/editions/<tag>/pages/`).
    """

    @jinja2.pass_context
    def chart(context: jinja2.runtime.Context, chart_id: str, anchor: bool = True) -> Markup:
        """`chart("id")`: the chart's block, its permalink anchored on the page that asks."""
        block = chart_set.html(chart_id, anchor)
        if anchor:
            context["anchor"](chart_id)
        return block

    globals_ = {
        "content": content,
        "sheet": content.sheet,
        "sources": content.sources,
        "chart": chart,
        "downloads": {
            key: links.file(path)
            for key, path in {**exports.DOWNLOADS, "datapackage_json": datapackage.PATH}.items()
        },
        "site_url": project.site_url,
        "feed": links.file(feed.PATH),
    }
    own = project.site_src / "editions" / edition if edition else None
    rendered = render_pages(
        project.site_src, globals_, project.display, content.writer, compiled, own
    )
    page_of, clashes = links.anchor_pages(rendered)
    problems = [_clash(content, clash) for clash in clashes]
    pages: list[Page] = []
    for page in rendered:
        filled, unknown = links.fill(page, page_of, project.site_url, project.engine)
        template = project.display(project.site_src / "pages" / f"{page.path}.j2")
        problems += [_unknown_link(template, target) for target in dict.fromkeys(unknown)]
        pages.append(filled)
    problems += [
        _unshown(content, item_id) for item_id in _records(content) if item_id not in page_of
    ]
    if problems:
        raise ContentError(problems)
    return Rendered(pages, page_of)


def render_in_memory(project: Project, content: Content, edition: str | None = None) -> Rendered:
    """Build's page stage on loaded content, drawing and writing nothing: `check`'s last stage.

    The charts' blocks come from their data alone (`charts.chart_blocks`); the pages are
    rendered and their links resolved by the very function `generate` uses, so the problems
    are the ones `build` finds. Raises ContentError (TemplateProblem included).
    """
    blocks = charts.chart_blocks(content, project.site_url)
    return render_site(project, content, blocks, edition=edition)


def generate(
    project: Project,
    content: Content,
    docs: Path,
    share_image: bool = True,
    compiled: Path | None = None,
    drawer: charts.Drawer | None = None,
    edition: str | None = None,
) -> Generated:
    """Write the sheet's Markdown and files into `docs`.

    The live preview passes `share_image=False` to skip drawing the social-media image no one
    sees there. `compiled`: a folder to keep compiled templates in (see template_cache.py).
    `drawer`: the chart drawing process, when the caller keeps one (`Drawer.ahead` starts
    its engine early; the preview keeps one between rebuilds) and stops it; else one is
    started if a drawing is missing, and stopped here. It draws the PNGs and the social image
    while the pages are written; every image is in `docs` when this returns. A failure stops
    it.
    `edition`: the tag of the edition `content` is (its page templates stand above the
    sheet's).
    """
    own = drawer is None
    drawing = drawer or charts.Drawer()
    try:
        generated = _generate(project, content, docs, share_image, compiled, drawing, edition)
    except BaseException:
        drawing.close()
        raise
    if own:
        drawing.close()
    return generated


def _generate(
    project: Project,
    content: Content,
    docs: Path,
    share_image: bool,
    compiled: Path | None,
    drawer: charts.Drawer,
    edition: str | None = None,
) -> Generated:
    docs.mkdir(parents=True, exist_ok=True)
    copy_assets((THEME / "assets", project.site_src / "assets"), docs / "assets")
    chart_set = charts.render_charts(
        content, docs, project.cache_dir / "charts", project.site_url, drawer
    )
    rendered = render_site(project, content, chart_set, compiled, edition)
    page_of = rendered.page_of
    charts.write_embeds(chart_set, content, docs, page_of)
    # With no published address a permalink is the page's path from the site's root; an
    # edition's pages are below its own folder (`/uk/figures/#id`, not the source's).
    base = project.site_url or (f"/{edition}" if edition else "")
    downloads = exports.write_exports(
        content, docs, lambda i: links.absolute(base, page_of[i], i), project.site_url
    )
    downloads |= datapackage.write_datapackage(content, docs)
    feed.write_feed(
        content, docs, lambda i: _feed_link(project.site_url, page_of, i), project.site_url
    )
    image = (
        social.write_social_image(
            content, docs, project.site_url, project.cache_dir / "social", drawer
        )
        if share_image
        else social.PATH
    )
    pages = metadata.add_metadata(
        rendered.pages, content, project.site_url, image, social.alt_text(content), downloads
    )
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
    drawer.finish()  # the PNGs and the social image, drawn meanwhile
    return Generated(pages, page_of, chart_set.rendered, chart_set.cached)


def _feed_link(site_url: str, page_of: dict[str, str], item_id: str) -> str:
    """An anchor's address as the feed (at the site's root) links it: absolute with a
    site_url, else relative to the root."""
    if site_url:
        return links.absolute(site_url, page_of[item_id], item_id)
    return f"{links.page_url(page_of[item_id])}#{item_id}"


def _records(content: Content) -> list[str]:
    """The id of every record that must stand on a page, with a permalink."""
    return [
        *content.figures,
        *content.derived,
        *content.statements,
        *content.events,
        *content.notes,
        *content.charts,
        *content.sources,
        *content.changes,
    ]


def _at(content: Content, item_id: str) -> Located:
    return content.where.get(item_id) or Located("site_src/pages", 1, 1)


def _unshown(content: Content, item_id: str) -> Problem:
    """A record no page declared an anchor for, pointed at where it is written."""
    at = _at(content, item_id)
    return Problem(
        at.file,
        at.line,
        at.column,
        item_id,
        "is not shown on any page (add it to a page template in site_src/pages/)",
    )


def _clash(content: Content, clash: links.Clash) -> Problem:
    """A record anchored on two pages: its permalink would name one of them at random."""
    at = _at(content, clash.anchor)
    shown_on = " and ".join(clash.pages)
    return Problem(
        at.file,
        at.line,
        at.column,
        clash.anchor,
        f"is shown with its anchor on {shown_on}; its permalink can name one page only",
    )


def _unknown_link(template: str, target: str) -> Problem:
    return Problem(template, 1, 1, "", f"links to {target!r}, which no page shows")
