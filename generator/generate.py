"""The generator's stage: validated content + `site_src/` templates -> a folder of Markdown.

Writes pages, assets, charts and data downloads into `docs`; knows nothing of the engine
that will build them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import charts, exports, links, metadata, social
from .content import Content
from .errors import ContentError, Problem
from .project import Project
from .render import THEME, render_pages

DrawCharts = Callable[[Content, Path, Path], charts.ChartSet]


@dataclass
class Generated:
    pages: dict[str, str]
    charts_rendered: int = 0
    charts_cached: int = 0


def generate(
    project: Project,
    content: Content,
    docs: Path,
    draw_charts: DrawCharts | None = None,
    share_image: bool = True,
) -> Generated:
    """Write the sheet's Markdown and files into `docs`.

    The live preview passes `draw_charts` to reuse charts whose data did not change, and
    `share_image=False` to skip drawing the social-media image no one sees there.
    """
    docs.mkdir(parents=True, exist_ok=True)
    for assets in (THEME / "assets", project.site_src / "assets"):
        if assets.is_dir():
            shutil.copytree(assets, docs / "assets", dirs_exist_ok=True)
    chart_set = (draw_charts or charts.render_charts)(content, docs, project.cache_dir / "charts")
    globals_ = {
        "content": content,
        "sheet": content.sheet,
        "sources": content.sources,
        "link": links.link,
        "url": links.url,
        "chart": chart_set.html,
        "downloads": {key: links.file(path) for key, path in exports.DOWNLOADS.items()},
        "site_url": project.site_url,
    }
    pages = render_pages(project.site_src, globals_, project.display)
    wanted = [
        *content.figures,
        *content.derived,
        *content.statements,
        *content.events,
        *content.notes,
        *content.charts,
        *content.sources,
    ]
    pages, problems, where = links.resolve(pages, project.site_url, wanted)
    if problems:
        raise ContentError([_unshown(content, p) for p in problems])
    downloads = exports.write_exports(
        content, docs, lambda i: links.absolute(project.site_url, where[i], i), project.site_url
    )
    image = (
        social.write_social_image(content, docs, project.site_url, project.cache_dir / "social")
        if share_image
        else social.PATH
    )
    pages = metadata.add_metadata(
        pages, content, project.site_url, image, social.alt_text(content), downloads
    )
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Generated(pages, chart_set.rendered, chart_set.cached)


def _unshown(content: Content, message: str) -> Problem:
    """Point a 'not shown on any page' problem at the record, so the editor can find it."""
    for item_id, at in content.where.items():
        if message.startswith(f"{item_id!r} "):
            return Problem(
                at.file,
                at.line,
                at.column,
                item_id,
                message.split(" ", 1)[1] + " (add it to a page template in site_src/pages/)",
            )
    return Problem("site_src/pages", 1, 1, "", message)
