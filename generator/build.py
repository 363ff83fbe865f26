"""`factsheet build`: content -> Markdown -> site, all or nothing.

Both stages write into a staging folder beside `site/`; only when everything succeeded are
the new folders swapped in. A failed build leaves the previous `site/` exactly as it was.
One build of a sheet runs at a time (a lock in its cache folder), and a build replaces only
folders that factsheet made (see outputs.py).
"""

from __future__ import annotations

import calendar
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import engine, lock, outputs
from .content import Content
from .errors import Problem
from .generate import generate
from .outputs import swap
from .project import Project
from .validation import load_and_validate

__all__ = ["BuildReport", "build", "source_date_epoch", "swap"]  # serve.py reuses swap


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


def build(project: Project, *, wait: float | None = None) -> BuildReport:
    """Build the sheet into docs_dir and site_dir, one build of a sheet at a time.

    `wait` is how long to wait for another build of the same sheet (default: the
    FACTSHEET_LOCK_TIMEOUT variable, else 300 s); after that the build stops with a UsageError.
    """
    timeout = lock.timeout_from_environment() if wait is None else wait
    lock_file = project.cache_dir / "build.lock"
    with lock.held(lock_file, timeout, project.display(lock_file)):
        return _build(project)


def _build(project: Project) -> BuildReport:
    started = time.perf_counter()
    outputs.remove_leftovers(project.root, [project.docs_dir, project.site_dir])
    # Refuse a folder factsheet did not make before any work, so nothing is touched.
    earlier = {
        key: outputs.claim(folder, key, project.display(folder))
        for key, folder in (("docs_dir", project.docs_dir), ("site_dir", project.site_dir))
    }
    content = load_and_validate(project.root)
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{outputs.STAGING_PREFIX}{os.getpid()}-", dir=project.root)
    )
    try:
        docs, site = staging / "docs", staging / "site"
        generated = generate(project, content, docs)
        outputs.mark(docs)
        generated_at = time.perf_counter()
        engine.build_site(project, docs, site, source_date_epoch(content))
        outputs.mark(site)
        built_at = time.perf_counter()
        pairs = (("docs_dir", docs, project.docs_dir), ("site_dir", site, project.site_dir))
        for key, new, target in pairs:
            if earlier[key]:
                outputs.confirm_earlier_build(target, new, key, project.display(target))
        for _, new, target in pairs:
            swap(new, target)
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
