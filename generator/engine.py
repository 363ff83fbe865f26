"""The site engine stage: MkDocs or Zensical builds the finished folder (engine_folder.py)
into HTML, in strict mode.

This module and mkdocs_adapter.py are the only ones that import MkDocs (tests check). Both
engines build from the same derived settings: Zensical reads them from the folder's
`mkdocs.yml`, MkDocs takes them as the data that file was written from (so no config is
parsed twice in a build, and no YAML tag reaches MkDocs' loader). Nothing is added at run
time but, for MkDocs, the caches of mkdocs_adapter.py, which change how fast it builds, never
what.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import search_index
from .engine_folder import CONFIG
from .errors import BuildFailed
from .mkdocs_adapter import PageCache, ThemeCache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["PageCache", "ThemeCache", "build_site"]

ZENSICAL_TIMEOUT = 600
"""Seconds a Zensical build may take before it is stopped (the war sheet takes about 3)."""


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


def build_site(
    folder: Path,
    settings: Mapping[str, Any],
    source_date_epoch: int,
    engine: str = "mkdocs",
    theme_cache: ThemeCache | None = None,
    page_cache: PageCache | None = None,
) -> None:
    """Build the finished `folder` (its docs/ into its site/) with `engine`; `settings` are
    those its `mkdocs.yml` was written from (engine_folder.write). BuildFailed lists every
    warning the engine raised. The caches are MkDocs' only."""
    if engine == "zensical":
        _build_with_zensical(folder, source_date_epoch)
    else:
        _build_with_mkdocs(folder, settings, source_date_epoch, theme_cache, page_cache)


def _build_with_mkdocs(
    folder: Path,
    settings: Mapping[str, Any],
    source_date_epoch: int,
    theme_cache: ThemeCache | None,
    page_cache: PageCache | None,
) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # SOURCE_DATE_EPOCH makes dates in the output (sitemap, footers) come from the
        # content, not the clock, so two builds of the same sources are identical.
        with _env("SOURCE_DATE_EPOCH", str(source_date_epoch)):
            config = _mkdocs_config(folder / CONFIG, settings)
            if theme_cache is not None:
                theme_cache.attach(config.theme)
            if page_cache is not None:
                config.plugins["factsheet/page-cache"] = page_cache
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
    search_index.unescape(Path(config.site_dir))
    if page_cache is not None:
        page_cache.keep()


def _mkdocs_config(path: Path, settings: Mapping[str, Any]) -> MkDocsConfig:
    """MkDocs' config from the derived `settings` (as if read from `path`), in strict mode,
    validated as `mkdocs.config.load_config` validates it."""
    from mkdocs import exceptions
    from mkdocs.config.defaults import MkDocsConfig

    log = logging.getLogger("mkdocs.config")
    config = MkDocsConfig(config_file_path=str(path))
    config.load_dict(copy.deepcopy(dict(settings)))  # MkDocs may change what it is given
    config.load_dict({"strict": True})
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, error in errors:
        log.error(f"Config value '{name}': {error}")
    if errors:
        raise exceptions.Abort("Aborted with a configuration error!")
    if config.strict and warnings:
        raise exceptions.Abort(
            f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!"
        )
    return config


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _build_with_zensical(folder: Path, source_date_epoch: int) -> None:
    """`zensical build --strict` on the folder, in a process of its own (it is a program, not
    a library: its command line is its public interface)."""
    beside = Path(sys.executable).parent / "zensical"
    program = str(beside) if beside.is_file() else shutil.which("zensical")
    if program is None:
        raise BuildFailed(
            "the site engine Zensical is not installed: pip install 'factsheet[zensical]'"
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch), "NO_COLOR": "1"}
    try:
        done = subprocess.run(
            [program, "build", "--strict", "--clean", "-f", str(folder / CONFIG)],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=ZENSICAL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"the site engine (Zensical) took over {ZENSICAL_TIMEOUT} s") from None
    said = [_ANSI.sub("", line).rstrip() for line in (done.stdout + done.stderr).splitlines()]
    said = [line for line in said if line.strip()]
    if done.returncode != 0 or not (folder / "site" / "index.html").is_file():
        details = "\n".join(f"  {line}" for line in said)
        raise BuildFailed(f"the site engine (Zensical) failed:\n{details}".rstrip())
