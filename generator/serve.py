"""`factsheet serve`: a live preview that rebuilds on save and reloads the open page.

MkDocs' LiveReloadServer watches the files and reloads browsers once a rebuild is done. The
builder given to it here never fails: a bad edit leaves the last good site serving, with a
banner on every page naming the file, line and problem, until a save fixes it. Rebuilds stay
fast by skipping what did not change and by keeping MkDocs' theme templates compiled.

What it exposes: the last good build and nothing else, read-only, to whoever can reach the
address it listens on (127.0.0.1 unless told otherwise), and only to requests that name a
loopback host, so a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import hashlib
import html
import ipaddress
import logging
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click
from mkdocs.livereload import LiveReloadServer, _Handler

from . import charts, engine
from .build import source_date_epoch, swap
from .content import Content
from .errors import ContentError, FactsheetError, Problem, UsageError
from .generate import generate
from .project import Project
from .validation import load_and_validate

POLL_SECONDS = 0.1
"""How often the watched files are checked; MkDocs' 0.5 s would be most of a reload."""

_NOT_BUILT = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Not built yet</title></head><body><main><h1>The fact sheet has not built yet</h1>
<p>Fix the problems listed below (and in the terminal), save, and this page reloads.</p>
</main></body></html>"""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""Host names the preview answers to (any port: an SSH tunnel or port forward changes it)."""

_HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]@/]+)(?::[0-9]{1,5})?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Preview:
    """Builds the sheet into a private serving folder; remembers why the last rebuild failed."""

    def __init__(
        self, root: Path, serve_url: str, folder: Path, say: Callable[[str], None] | None = None
    ) -> None:
        self.root = root
        self.serve_url = serve_url
        self.folder = folder
        self.site = folder / "site"
        """What the server serves: the last good build."""
        self.docs = folder / "docs"
        self.problems: list[str] = []
        """The last rebuild's problems, one line each; empty when it succeeded."""
        self.say = say or (lambda line: click.echo(line, err=True))
        folder.mkdir(parents=True, exist_ok=True)
        self._warm = engine.Warm()
        self._charts = ChartMemo()
        self._built_from: str | None = None

    def watched(self) -> list[Path]:
        """The folders and files whose changes trigger a rebuild."""
        project = Project.load(self.root)
        return [project.config, project.content_dir, project.site_src]

    def rebuild(self) -> None:
        """Build once; never raises, so the server keeps serving whatever happens."""
        started = time.perf_counter()
        try:
            what = self._rebuild()
        except ContentError as exc:
            self.problems = [str(p) for p in exc.problems]
        except FactsheetError as exc:
            self.problems = [line.strip() for line in str(exc).splitlines() if line.strip()]
        except Exception as exc:  # a bug of ours must not stop the preview
            self.problems = [f"internal error: {type(exc).__name__}: {exc}"]
        else:
            self.problems = []
            self.say(f"{what} in {time.perf_counter() - started:.2f} s.")
            return
        for line in self.problems:
            self.say(line)
        kept = "the last good version" if self.site.is_dir() else "an error page"
        self.say(f"{len(self.problems)} problem(s); serving {kept} until they are fixed.")

    def _rebuild(self) -> str:
        project = replace(Project.load(self.root), site_url=self.serve_url)
        stamp = _fingerprint(self.watched())
        if stamp == self._built_from and self.site.is_dir():
            return "Nothing changed"
        content = load_and_validate(project.root)
        for warning in content.warnings:
            self.say(str(warning))
        staging = Path(tempfile.mkdtemp(prefix="rebuild-", dir=self.folder))
        try:
            generate(project, content, staging / "docs", self._charts.draw, share_image=False)
            if self.site.is_dir() and _files(staging / "docs") == _files(self.docs):
                what = "Checked; the pages did not change"
            else:
                epoch = source_date_epoch(content)
                engine.build_site(project, staging / "docs", staging / "site", epoch, self._warm)
                what = "Rebuilt" if self.site.is_dir() else "Built"
                swap(staging / "site", self.site)
            swap(staging / "docs", self.docs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._built_from = stamp
        return what


class ChartMemo:
    """Draws only the charts whose data changed since the last rebuild; reuses the others.

    Making a chart's specs costs far more than rendering its page, even when its SVGs come
    from the cache, so an edit to one figure should not remake every chart.
    """

    def __init__(self) -> None:
        self._drawn: dict[str, tuple[object, charts.ChartSet, dict[str, bytes]]] = {}

    def draw(self, content: Content, docs: Path, cache_dir: Path) -> charts.ChartSet:
        """Like `charts.render_charts`, chart by chart, from memory where the data is equal."""
        result = charts.ChartSet()
        drawn = {}
        problems: list[Problem] = []
        for chart_id, chart in content.charts.items():
            try:
                key = (charts.chart_data(content, chart), content.sources)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            if chart_id in self._drawn and self._drawn[chart_id][0] == key:
                _, one, files = self._drawn[chart_id]
                result.cached += 1
            else:
                with tempfile.TemporaryDirectory() as scratch:
                    alone = replace(content, charts={chart_id: chart})
                    one = charts.render_charts(alone, Path(scratch), cache_dir)
                    files = _files(Path(scratch))
                result.rendered += one.rendered
                result.cached += one.cached
            drawn[chart_id] = (key, one, files)
            result.figures.update(one.figures)
            result.copies.update(one.copies)
            for name, data in files.items():
                (docs / name).parent.mkdir(parents=True, exist_ok=True)
                (docs / name).write_bytes(data)
        if problems:
            raise ContentError(problems)
        self._drawn = drawn
        return result


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server (one thread per request), plus a banner on every page while
    the last rebuild failed, and only for requests naming a loopback host."""

    request_queue_size = 1024
    """The listen backlog. socketserver's 5 let the kernel drop connections whenever more than
    that arrived while the server was busy: a page's assets, or a burst of tabs, lost a
    quarter of 200 simultaneous requests. Linux caps it at net.core.somaxconn."""

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        super().__init__(
            builder=preview.rebuild,
            host=host,
            port=port,
            root=str(preview.site),
            polling_interval=POLL_SECONDS,
        )
        self.RequestHandlerClass = _QuietHandler
        self.preview = preview
        self.host_names = LOOPBACK_NAMES | _literal_name(host)
        self.error_handler = self._error_page
        # MkDocs waits 0.1 s for a burst of file events to end; an editor's save is quicker.
        self.build_delay = 0.05
        # MkDocs logs a 404 (e.g. /favicon.ico) as a warning; reaching the `mkdocs` logger
        # while a rebuild runs, it would fail that rebuild in strict mode.
        logging.getLogger("mkdocs.livereload").propagate = False

    # Below, MkDocs 1.6 internals (pinned below 2 in pyproject.toml): the WSGI app and the
    # method that serves a file, the method that adds the reload script to each page, the
    # request handler, and the epoch lock. tests/test_serve.py notices a change.
    def serve_request(self, environ: dict[str, str], start_response: Callable) -> Iterable[bytes]:
        """Refuse a request naming a host other than ours, the live-reload endpoint included:
        under DNS rebinding, a web page's own name resolves to 127.0.0.1 and it reads the reply.
        """
        if host_name(environ.get("HTTP_HOST", "")) in self.host_names:
            return super().serve_request(environ, start_response)
        body = (
            "This preview answers only to requests for localhost, 127.0.0.1 or [::1] (or the"
            " address given with --host), so that no web page can read it under another name."
            f" Open http://127.0.0.1:{self.server_port}/ instead.\n"
        ).encode()
        start_response(
            "403 Forbidden",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _serve_request(self, environ: dict[str, str], start_response: Callable) -> object:
        # No file name holds a control character; a NUL would make open() raise ValueError,
        # which MkDocs answers with 500 and a traceback in the terminal.
        if _CONTROL.search(environ.get("PATH_INFO", "")):
            return None  # not found
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return with_banner(super()._inject_js_into_html(content, epoch), self.preview.problems)

    def _error_page(self, code: int) -> bytes:
        """The site's own 404 page, or a placeholder before any build succeeded; both reload."""
        page = self.preview.site / "404.html"
        content = page.read_bytes() if code == 404 and page.is_file() else _NOT_BUILT
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(content, epoch)


def with_banner(page: bytes, problems: list[str]) -> bytes:
    """`page` with a banner listing `problems` at the start of its body (none if no problems)."""
    if not problems:
        return page
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    banner = (
        '<div id="factsheet-preview-error" role="alert" style="position:fixed;left:0;right:0;'
        "bottom:0;z-index:1000;max-height:45vh;overflow:auto;margin:0;padding:.8rem 1.2rem;"
        "background:#fff3f3;color:#5c0000;border-top:4px solid #b00020;font:15px/1.45 "
        'system-ui,sans-serif"><p style="margin:0 0 .4rem"><strong>The fact sheet did not '
        "build.</strong> Fix the problems below and save; the page reloads. Until then, this "
        "is the last version that built.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}</ul></div>'
    ).encode()
    start = page.find(b"<body")
    at = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:at] + banner + page[at:]


def host_name(header: str) -> str | None:
    """The host in a Host header, lower case and without the port; None if malformed."""
    match = _HOST_HEADER.fullmatch(header.strip().lower())
    return match[1] if match else None


def _literal_name(host: str) -> frozenset[str]:
    """The address `--host` named, as a Host header writes it, if it is one fixed IP address.

    A name could be rebound and a wildcard (0.0.0.0) names no one, so neither is added.
    """
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return frozenset()
    if address.is_unspecified:
        return frozenset()
    return frozenset({f"[{address}]" if address.version == 6 else str(address)})


class _QuietHandler(_Handler):
    """MkDocs' handler, logging request lines without control characters, cut short."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        line = _CONTROL.sub("?", self.requestline)
        self.requestline = line if len(line) <= 200 else line[:200] + "…"
        super().log_request(code, size)


def serve(root: Path, host: str, port: int) -> None:
    """Build, serve on host:port, and rebuild on every save until Ctrl-C or SIGTERM."""
    project = Project.load(root)
    _show_server_log()
    with _stopped_by_signals():
        folder = Path(tempfile.mkdtemp(prefix="factsheet-serve-"))
        try:
            server = start(project, host, port, folder)
            try:
                server.serve()
            except OSError as exc:
                what = f"cannot serve on {host}:{port}: {exc.strerror}; choose another --port"
                raise UsageError(what) from None
            finally:
                with _ignoring_signals():
                    server.shutdown()
        except KeyboardInterrupt:
            click.echo("Stopped.", err=True)
        finally:
            with _ignoring_signals():
                shutil.rmtree(folder, ignore_errors=True)


_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Ctrl-C, kill's default signal, and a closed terminal (there is no SIGHUP on Windows)."""


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Make SIGTERM and SIGHUP stop the server as Ctrl-C does, so the cleanup runs.

    Their default action ends the process at once, leaving the temporary folder behind.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its caller owns the signals
        return
    previous = {
        sig: signal.signal(sig, _interrupt) for sig in _STOP_SIGNALS if sig != signal.SIGINT
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _ignoring_signals() -> Iterator[None]:
    """A second Ctrl-C or SIGTERM while cleaning up must not cut the cleanup short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def start(project: Project, host: str, port: int, folder: Path) -> PreviewServer:
    """Build once into `folder` and return a server watching the sheet; `serve()` runs it."""
    preview = Preview(project.root, f"http://{host}:{port}/", folder)
    preview.rebuild()
    server = PreviewServer(preview, host, port)
    for path in preview.watched():
        if path.exists():
            server.watch(str(path))
    return server


def _show_server_log() -> None:
    """Print the server's own messages: "Serving on …", "Reloading browsers"."""
    log = logging.getLogger("mkdocs.livereload")
    log.setLevel(logging.INFO)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        for name, data in sorted(_files(path).items()):
            digest.update(f"{path}/{name}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _files(path: Path) -> dict[str, bytes]:
    """Every file at or under `path` with its bytes."""
    if path.is_file():
        return {"": path.read_bytes()}
    if not path.is_dir():
        return {}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}
