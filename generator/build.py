"""`factsheet build`: content -> Markdown -> site, all or nothing.

Both stages write into a staging folder beside `site/`; only when everything succeeded are
the new folders swapped in. A failed build leaves the previous `site/` exactly as it was.
One build of a sheet runs at a time (a lock in its cache folder), and a build replaces only
folders that factsheet made (see outputs.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as caches
from . import lock, outputs
from .errors import Problem
from .outputs import swap
from .project import Project

if TYPE_CHECKING:
    from .content import Content

__all__ = ["BuildReport", "build"]


@dataclass
class BuildReport:
    content: Content | None
    """None when nothing changed since the last build, which was kept (`kept`)."""
    generate_seconds: float
    """The generator's own work: reading and checking content, then writing the Markdown."""
    engine_seconds: float
    """MkDocs building the Markdown into the site."""
    pages: int
    charts_rendered: int
    charts_cached: int
    warnings: list[Problem] = field(default_factory=list)
    kept: bool = False
    """True when every input hashed as for the last build and its output was untouched, so
    that build's docs_dir and site_dir were kept as they were (see caches.py)."""


def build(project: Project, *, wait: float | None = None) -> BuildReport:
    """Build the sheet into docs_dir and site_dir, one build of a sheet at a time.

    `wait` is how long to wait for another build of the same sheet (default: the
    FACTSHEET_LOCK_TIMEOUT variable, else 300 s); after that the build stops with a UsageError.
    """
    timeout = lock.timeout_from_environment() if wait is None else wait
    caches.guard(project.root, project.cache_dir, project.display(project.cache_dir))
    lock_file = project.cache_dir / "build.lock"
    with lock.held(lock_file, timeout, project.display(lock_file)):
        return _build(project)


def _build(project: Project) -> BuildReport:
    outputs.remove_leftovers(project.root, [project.docs_dir, project.site_dir])
    # Refuse a folder factsheet did not make before any work, so nothing is touched.
    earlier = {
        key: outputs.claim(folder, key, project.display(folder))
        for key, folder in (("docs_dir", project.docs_dir), ("site_dir", project.site_dir))
    }
    started = time.perf_counter()
    inputs = caches.inputs_key(project) if caches.cacheable(project) else None
    last = caches.unchanged(project, inputs) if inputs else None
    if last is not None:
        return BuildReport(
            content=None,
            generate_seconds=time.perf_counter() - started,
            engine_seconds=0.0,
            pages=last.pages,
            charts_rendered=0,
            charts_cached=last.charts,
            warnings=last.problems(),
            kept=True,
        )
    caches.forget(project)
    from . import pipeline  # after the check above: a kept build imports none of the stages

    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{outputs.STAGING_PREFIX}{os.getpid()}-", dir=project.root)
    )
    try:
        built = pipeline.run(project, staging)
        pairs = (
            ("docs_dir", staging / "docs", project.docs_dir),
            ("site_dir", staging / "site", project.site_dir),
        )
        for key, new, target in pairs:
            if earlier[key]:
                outputs.confirm_earlier_build(target, new, key, project.display(target))
        for _, new, target in pairs:
            swap(new, target)
        charts = built.charts_rendered + built.charts_cached
        warnings = list(built.content.warnings)
        if inputs:
            caches.remember(project, inputs, len(built.pages), charts, warnings)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(
        content=built.content,
        generate_seconds=built.generate_seconds,
        engine_seconds=built.engine_seconds,
        pages=len(built.pages),
        charts_rendered=built.charts_rendered,
        charts_cached=built.charts_cached,
        warnings=list(built.content.warnings),
    )
