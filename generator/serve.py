"""`factsheet serve`: a live preview that rebuilds on save and reloads the open page.

The preview owns its server (reload_server.py: the standard library's HTTP server and
server-sent events), so it works whichever engine builds. A thread watches the build's inputs
(cache.input_paths: content/, site_src/, mkdocs.yml and what it INHERITs or names);
on a change, it rebuilds and reloads the open pages. Each rebuild is a run of the build's own
pipeline (pipeline.run), decided with the build's own key (cache.inputs_key); it never
fails: a bad edit leaves the last good site serving, with a banner on every page naming the
file, line and problem, until a save fixes it. Rebuilds stay fast by skipping what did not
change and by keeping the engine's theme templates compiled (pipeline.PreviewCache).

What it exposes: the last good build and nothing else, read-only, to whoever can reach the
address it listens on (127.0.0.1 unless told otherwise), and only to requests that name a
loopback host, so a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from . import cache as caches
from . import pipeline
from .errors import ContentError, FactsheetError, UsageError
from .outputs import swap
from .project import Project
from .reload_server import Hooks, ReloadServer, show_log

POLL_SECONDS = 0.1
"""How often the watched files are checked; a save shows in about half a second."""

_NOT_BUILT = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Not built yet</title></head><body><main><h1>The fact sheet has not built yet</h1>
<p>Fix the problems listed below (and in the terminal), save, and this page reloads.</p>
</main></body></html>"""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""Host names the preview answers to (any port: an SSH tunnel or port forward changes it)."""

_HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]@/]+)(?::[0-9]{1,5})?")


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
        self._cache = pipeline.PreviewCache()
        self._built_from: str | None = None
        """The `cache.inputs_key` the serving site was built from (the key `build` uses)."""

    def watched(self) -> list[Path]:
        """The folders and files whose changes trigger a rebuild: the build's inputs."""
        return caches.input_paths(Project.load(self.root))

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
        # The build's own key: what `build` would rebuild for, the preview rebuilds for.
        stamp = caches.inputs_key(project) if caches.cacheable(project) else None
        if stamp is not None and stamp == self._built_from and self.site.is_dir():
            return "Nothing changed"
        if not self.site.is_dir():
            self._cache.site_built_from = None  # nothing is serving: MkDocs must run
        # An edition whose own folder did not change is copied from what is serving.
        self._cache.serving = self.site
        staging = Path(tempfile.mkdtemp(prefix="rebuild-", dir=self.folder))
        try:
            built = pipeline.run(project, staging, self._cache, lambda w: self.say(str(w)))
            self.problems = []  # before the new site shows, so no page shows both
            if built.site_built:
                what = "Rebuilt" if self.site.is_dir() else "Built"
                swap(staging / "site", self.site)
            else:
                what = "Checked; the pages did not change"
            swap(staging / "docs", self.docs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self._built_from = stamp
        return what


class PreviewHooks(Hooks):
    """A banner on every page while the last rebuild failed, the site's own 404 page, and
    answers only to requests naming a loopback host."""

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        self.preview = preview
        self.port = port
        self.host_names = LOOPBACK_NAMES | _literal_name(host)

    def allows(self, host_header: str) -> tuple[bool, bytes]:
        """Refuse a request naming a host other than ours, the reload stream included: under
        DNS rebinding, a web page's own name resolves to 127.0.0.1 and it reads the reply."""
        if host_name(host_header) in self.host_names:
            return True, b""
        return False, (
            "This preview answers only to requests for localhost, 127.0.0.1 or [::1] (or the"
            " address given with --host), so that no web page can read it under another name."
            f" Open http://127.0.0.1:{self.port}/ instead.\n"
        ).encode()

    def decorate(self, page: bytes) -> bytes:
        return with_banner(page, self.preview.problems)

    def missing_page(self) -> bytes:
        """The site's own 404 page, or a placeholder before any build succeeded."""
        page = self.preview.site / "404.html"
        return page.read_bytes() if page.is_file() else _NOT_BUILT


class PreviewServer(ReloadServer):
    """The preview's server, with a thread that rebuilds on every save and then reloads the
    open pages."""

    def __init__(
        self, preview: Preview, host: str, port: int, seen: frozenset[tuple[str, int, int, int]]
    ) -> None:
        super().__init__(preview.site, host, port, PreviewHooks(preview, host, port))
        self.preview = preview
        self._seen = seen
        """The watched files as they were when the serving site's build began."""
        self._watcher = threading.Thread(target=self._watch, name="factsheet-watch", daemon=True)
        self._quit = threading.Event()

    def run(self) -> None:
        self._watcher.start()
        super().run()

    def stop(self) -> None:
        self._quit.set()
        super().stop()
        if self._watcher.ident is not None:
            self._watcher.join(timeout=30)

    def _watch(self) -> None:
        seen = self._seen
        while not self._quit.wait(POLL_SECONDS):
            try:
                now = _stamp(self.preview.watched())
            except FactsheetError:
                now = frozenset()  # mkdocs.yml unreadable: the rebuild names the problem
            if now == seen:
                continue
            seen = now
            self.preview.rebuild()
            self.reload()


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


def serve(root: Path, host: str, port: int) -> None:
    """Build, serve on host:port, and rebuild on every save until Ctrl-C or SIGTERM."""
    project = Project.load(root)
    show_log(lambda line: click.echo(line, err=True))
    with _stopped_by_signals():
        folder = Path(tempfile.mkdtemp(prefix="factsheet-serve-"))
        try:
            server = start(project, host, port, folder)
            try:
                server.listen()
            except OSError as exc:
                what = f"cannot serve on {host}:{port}: {exc.strerror}; choose another --port"
                raise UsageError(what) from None
            try:
                server.run()
            finally:
                with _ignoring_signals():
                    server.stop()
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
    """Build once into `folder` and return its server, not yet listening: `listen()`, then
    `run()` it."""
    preview = Preview(project.root, f"http://{host}:{port}/", folder)
    seen = _stamp(preview.watched())
    preview.rebuild()
    return PreviewServer(preview, host, port, seen)


def _stamp(paths: list[Path]) -> frozenset[tuple[str, int, int, int]]:
    """Each file at or under `paths` with its inode, size and modification time: a save
    changes at least one. Cheap enough to take ten times a second."""
    found: set[tuple[str, int, int, int]] = set()
    for path in paths:
        for name in [path, *(path.rglob("*") if path.is_dir() else [])]:
            try:
                info = os.stat(name)
            except OSError:
                continue
            found.add((str(name), info.st_ino, info.st_size, info.st_mtime_ns))
    return frozenset(found)
