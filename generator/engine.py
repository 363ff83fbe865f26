"""The site engine stage: MkDocs builds the generated Markdown into HTML, in strict mode, and
serves the preview with live reload.

This is the only module that imports MkDocs (tests/test_build.py checks). The generator hands
it a folder of Markdown and assets; another engine that reads `mkdocs.yml` (Zensical) builds
the same folder.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from mkdocs.livereload import LiveReloadServer, _Handler

from .errors import BuildFailed
from .project import Project
from .template_cache import CompiledTemplates

THEME_OVERRIDES = Path(__file__).parent / "theme" / "overrides"
"""Material templates the generator ships (fixes to Material's own, kept generic)."""


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


class ThemeCache:
    """What MkDocs would redo on every preview rebuild: compiling the theme's templates and
    listing the theme's files. Kept between rebuilds by `factsheet serve`; halves the time.
    With a `folder`, compiled templates are kept there for later processes too."""

    def __init__(self, folder: Path | None = None) -> None:
        self.bytecode = CompiledTemplates(folder)
        self.listings: dict[tuple[str, ...], list[str]] = {}

    def attach(self, config: Any) -> None:
        """Make `config.theme.get_env()` reuse what earlier builds computed."""
        theme = config.theme
        plain_get_env = theme.get_env

        def get_env() -> Any:
            env = plain_get_env()
            env.bytecode_cache = self.bytecode
            plain_list = env.list_templates

            def list_templates(*args: Any, **kwargs: Any) -> list[str]:
                # The installed theme never changes during a session; a sheet's own overrides
                # may, so their file names are part of the key.
                key = (*theme.dirs, *_files_under(d for d in theme.dirs if _is_editable(d)))
                if key not in self.listings:
                    self.listings[key] = plain_list(*args, **kwargs)
                return self.listings[key]

            env.list_templates = list_templates
            return env

        theme.get_env = get_env


def _is_editable(folder: str) -> bool:
    return not Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve())


def _files_under(folders: Iterable[str]) -> list[str]:
    return sorted(str(p) for folder in folders for p in Path(folder).rglob("*"))


def _add_generator_overrides(theme: Any) -> None:
    """Put the generator's theme overrides under the sheet's own (custom_dir), so a sheet can
    still replace any of them, and above Material's."""
    theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_OVERRIDES))


def build_site(
    project: Project,
    docs: Path,
    site: Path,
    source_date_epoch: int,
    theme_cache: ThemeCache | None = None,
) -> None:
    """Build `docs` into `site` with MkDocs; BuildFailed lists every warning it raised."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # SOURCE_DATE_EPOCH makes dates in the output (sitemap, footers) come from the
        # content, not the clock, so two builds of the same sources are identical.
        with _env("SOURCE_DATE_EPOCH", str(source_date_epoch)):
            config = _load_config(
                project.config,
                docs_dir=str(docs),
                site_dir=str(site),
                site_url=project.site_url or None,
                strict=True,
            )
            _add_generator_overrides(config.theme)
            if theme_cache is not None:
                theme_cache.attach(config)
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


def _load_config(path: Path, **options: Any) -> Any:
    """MkDocs' `load_config`, but reading YAML with PyYAML's safe loader instead of its full
    one, so no tag in mkdocs.yml (or a file it INHERITs) can run Python, whatever was checked
    before. MkDocs' own tags (!ENV, !relative) work as before."""
    import yaml
    from mkdocs import exceptions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    log = logging.getLogger("mkdocs.config")
    config = MkDocsConfig(config_file_path=str(path))
    with open(path, "rb") as file:
        config.load_dict(yaml_load(file, get_yaml_loader(yaml.SafeLoader, config=config)))
    config.load_dict({key: value for key, value in options.items() if value is not None})
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


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class LiveServer(LiveReloadServer):
    """MkDocs' live-reload server (one thread per request) with the hooks the preview needs.

    A subclass decides which requests to answer (`allows`), what to add to every page
    (`decorate`) and what to send for a missing page (`missing_page`); this class keeps the
    MkDocs internals those hooks sit on in one place.
    """

    request_queue_size = 1024
    """The listen backlog. socketserver's 5 let the kernel drop connections whenever more than
    that arrived while the server was busy: a page's assets, or a burst of tabs, lost a
    quarter of 200 simultaneous requests. Linux caps it at net.core.somaxconn."""

    def __init__(
        self, builder: Callable[[], None], root: Path, host: str, port: int, poll_seconds: float
    ) -> None:
        super().__init__(
            builder=builder, host=host, port=port, root=str(root), polling_interval=poll_seconds
        )
        self.RequestHandlerClass = _QuietHandler
        self.error_handler = self._error_page
        # MkDocs waits 0.1 s for a burst of file events to end; an editor's save is quicker.
        self.build_delay = 0.05
        # MkDocs logs a 404 (e.g. /favicon.ico) as a warning; reaching the `mkdocs` logger
        # while a rebuild runs, it would fail that rebuild in strict mode.
        logging.getLogger("mkdocs.livereload").propagate = False

    def allows(self, environ: dict[str, str]) -> tuple[bool, bytes]:
        """(True, b"") to answer the request, else (False, the text of a 403 answer)."""
        return True, b""

    def decorate(self, page: bytes) -> bytes:
        """A served HTML page, as the reader gets it."""
        return page

    def missing_page(self, code: int) -> bytes:
        """The HTML sent with an error `code` (404 for a missing file)."""
        return b"<!doctype html><title>Not found</title><h1>Not found</h1>"

    # Below, MkDocs 1.6 internals (pinned below 2 in pyproject.toml): the WSGI app and the
    # method that serves a file, the method that adds the reload script to each page, the
    # request handler, and the epoch lock. tests/test_serve.py notices a change.
    def serve_request(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        allowed, refusal = self.allows(environ)
        if allowed:
            return super().serve_request(environ, start_response)
        start_response(
            "403 Forbidden",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(refusal)))],
        )
        return [refusal]

    def _serve_request(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes] | None:
        # No file name holds a control character; a NUL would make open() raise ValueError,
        # which MkDocs answers with 500 and a traceback in the terminal.
        if _CONTROL.search(environ.get("PATH_INFO", "")):
            return None  # not found
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return self.decorate(super()._inject_js_into_html(content, epoch))

    def _error_page(self, code: int) -> bytes:
        """`missing_page`, with the reload script, so that a fix reloads it."""
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(self.missing_page(code), epoch)


class _QuietHandler(_Handler):
    """MkDocs' handler, logging request lines without control characters, cut short."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        line = _CONTROL.sub("?", self.requestline)
        self.requestline = line if len(line) <= 200 else line[:200] + "…"
        super().log_request(code, size)


def show_server_log() -> None:
    """Print the server's own messages: "Serving on …", "Reloading browsers"."""
    log = logging.getLogger("mkdocs.livereload")
    log.setLevel(logging.INFO)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
