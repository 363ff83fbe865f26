"""`factsheet build`: content -> Markdown -> site, all or nothing.

Both stages write into a staging folder beside `site/`; only when everything succeeded are
the new folders swapped in. A failed build leaves the previous `site/` exactly as it was.
"""

from __future__ import annotations

import calendar
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .content import Content, load_content
from .errors import Problem
from .generate import generate
from .project import Project


@dataclass
class BuildReport:
    content: Content
    generate_seconds: float
    """The generator's own work: reading and checking content, then writing the Markdown."""
    engine_seconds: float
    """MkDocs building the Markdown into the site."""
    pages: int
    charts_rendered: int
    charts_cached: int
    warnings: list[Problem] = field(default_factory=list)


def source_date_epoch(content: Content) -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH if set, else the content's `updated` date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return calendar.timegm(content.sheet.updated.last_day().timetuple())


def build(project: Project) -> BuildReport:
    started = time.perf_counter()
    content = load_content(project.root)
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".factsheet-build-", dir=project.root))
    try:
        docs, site = staging / "docs", staging / "site"
        generated = generate(project, content, docs)
        generated_at = time.perf_counter()
        engine.build_site(project, docs, site, source_date_epoch(content))
        built_at = time.perf_counter()
        swap(docs, project.docs_dir)
        swap(site, project.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(
        content=content,
        generate_seconds=generated_at - started,
        engine_seconds=built_at - generated_at,
        pages=len(generated.pages),
        charts_rendered=generated.charts_rendered,
        charts_cached=generated.charts_cached,
        warnings=content.warnings,
    )


def swap(new: Path, target: Path) -> None:
    """Put folder `new` at `target`, replacing what was there with two renames."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
