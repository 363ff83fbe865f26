"""The site engine stage: MkDocs builds the generated Markdown into HTML, in strict mode.

This is the only module that imports MkDocs. The generator hands it a folder of Markdown
and assets; another engine that reads `mkdocs.yml` (Zensical) builds the same folder.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildFailed
from .project import Project


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _env(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None and old is None:
        os.environ[name] = value
    try:
        yield
    finally:
        if value is not None and old is None:
            del os.environ[name]


def build_site(project: Project, docs: Path, site: Path, source_date_epoch: int) -> None:
    """Build `docs` into `site` with MkDocs; BuildFailed lists every warning it raised."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # SOURCE_DATE_EPOCH makes dates in the output (sitemap, footers) come from the
        # content, not the clock, so two builds of the same sources are identical.
        with _env("SOURCE_DATE_EPOCH", str(source_date_epoch)):
            config = load_config(
                config_file=str(project.config),
                docs_dir=str(docs),
                site_dir=str(site),
                site_url=project.site_url or None,
                strict=True,
            )
            build(config)
    except (exceptions.MkDocsException, exceptions.Abort, SystemExit) as exc:
        details = "\n".join(f"  {m}" for m in collect.messages)
        raise BuildFailed(f"the site engine (MkDocs) failed: {exc}\n{details}".rstrip()) from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:  # strict mode aborts on warnings, but be sure nothing slips by
        raise BuildFailed(
            "the site engine (MkDocs) warned:\n" + "\n".join(f"  {m}" for m in collect.messages)
        )
