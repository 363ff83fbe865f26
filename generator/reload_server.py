"""The preview's HTTP server: serves one folder read-only and tells open pages to reload.

Its own, on the standard library's `http.server`, so the preview works whichever engine built
the folder (no engine's private server). Each HTML page gets a small script that listens to
server-sent events (`EVENTS`, a public browser API: `EventSource`); when `reload()` is called,
every open page reloads. One thread per request, so a page held open by its event stream
blocks nothing.

What it answers: files under the folder, nothing else (no `..`, no listing, no control
character), an HTML page of its caller's choosing for a missing file, and a redirect that adds
the trailing `/` to a folder with an index page, always to a path on its own origin.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

EVENTS = "/.factsheet/reload"
"""The event stream's path: a name no engine gives a page (a dotted folder)."""

LOG = logging.getLogger("factsheet.serve")
"""Request lines and the server's own messages ("Serving on …", "Reloading browsers")."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HEARTBEAT_SECONDS = 15.0
"""How often a held event stream sends a comment, so that a closed tab's thread ends."""


def reload_script(epoch: int) -> bytes:
    """The script added to each page: reload once the server has built past `epoch`."""
    return (
        f'<script>(()=>{{const s=new EventSource("{EVENTS}");'
        f"s.onmessage=(e)=>{{if(+e.data>{int(epoch)}){{s.close();location.reload();}}}};}})();"
        "</script>"
    ).encode()


class Hooks:
    """What the caller decides: which requests to answer, what to add to each page, what to
    send for a missing one. The defaults answer everything and add nothing."""

    def allows(self, host_header: str) -> tuple[bool, bytes]:
        """(True, b"") to answer a request naming `host_header`, else (False, a 403's text)."""
        return True, b""

    def decorate(self, page: bytes) -> bytes:
        """A served HTML page (or error page), as the reader gets it."""
        return page

    def missing_page(self) -> bytes:
        """The HTML sent with a 404."""
        return b"<!doctype html><title>Not found</title><h1>Not found</h1>"


class ReloadServer(ThreadingHTTPServer):
    """Serves `root` on host:port; `reload()` reloads every open page."""

    daemon_threads = True
    request_queue_size = 1024
    """The listen backlog. socketserver's 5 let the kernel drop connections whenever more than
    that arrived while the server was busy: a page's assets, or a burst of tabs, lost a
    quarter of 200 simultaneous requests. Linux caps it at net.core.somaxconn."""

    def __init__(self, root: Path, host: str, port: int, hooks: Hooks | None = None) -> None:
        super().__init__((host, port), _Handler, bind_and_activate=False)
        self.root = root
        self.hooks = hooks or Hooks()
        self.epoch = 0
        """How many times pages were told to reload; each page's script waits past it."""
        self._changed = threading.Condition()
        self._stopping = False
        self._running = threading.Event()

    def listen(self) -> None:
        """Bind and listen (OSError when the address is taken); requests queue until `run`."""
        try:
            self.server_bind()
            self.server_activate()
        except OSError:
            self.server_close()
            raise

    def run(self) -> None:
        """Answer requests until `stop()`."""
        host, port = self.server_address[:2]
        LOG.info("Serving on http://%s:%s/", host, port)
        self._running.set()
        self.serve_forever(poll_interval=0.1)

    def stop(self) -> None:
        """End `run()`, every held event stream, and close the socket."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._running.is_set():
            self.shutdown()  # waits for `run` to return: only when it ran
        self.server_close()

    @property
    def stopping(self) -> bool:
        """True once `stop()` was called: held event streams end."""
        return self._stopping

    def reload(self) -> None:
        """Tell every open page to reload."""
        with self._changed:
            self.epoch += 1
            self._changed.notify_all()
        LOG.info("Reloading browsers")

    def wait_past(self, epoch: int, timeout: float) -> int | None:
        """The epoch once it is past `epoch` (None on timeout or when stopping)."""
        with self._changed:
            self._changed.wait_for(lambda: self.epoch > epoch or self._stopping, timeout)
            return None if self._stopping or self.epoch <= epoch else self.epoch


class _Handler(BaseHTTPRequestHandler):
    server: ReloadServer
    protocol_version = "HTTP/1.0"
    server_version = "factsheet-preview"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        allowed, refusal = self.server.hooks.allows(self.headers.get("Host", ""))
        if not allowed:
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", refusal, body)
            return
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events()
            return
        parts = _parts(path)
        target = self.server.root.joinpath(*parts) if parts is not None else None
        if target is not None and target.is_dir():
            if not path.endswith("/") and (target / "index.html").is_file():
                # Built from the checked parts, each quoted whole: one leading slash, then a
                # name, so the browser stays on this origin whatever the request said.
                location = "/" + "".join(quote(p, safe="") + "/" for p in parts or [])
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            page = self._page(self.server.hooks.missing_page())
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", page, body)
            return
        try:
            data = target.read_bytes()
        except OSError:
            page = self._page(self.server.hooks.missing_page())
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", page, body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data, kind = self._page(data), "text/html; charset=utf-8"
        elif kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, kind, data, body)

    def _page(self, page: bytes) -> bytes:
        """`page` as the caller decorates it, with the reload script before `</body>`."""
        page = self.server.hooks.decorate(page)
        script = reload_script(self.server.epoch)
        at = page.rfind(b"</body>")
        return page[:at] + script + page[at:] if at >= 0 else page + script

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """The event stream: the current epoch at once, then each new one, until the page
        goes away or the server stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        epoch = self.server.epoch
        try:
            self.wfile.write(b"data: %d\n\n" % epoch)
            self.wfile.flush()
            while True:
                newer = self.server.wait_past(epoch, _HEARTBEAT_SECONDS)
                if self.server.stopping:
                    return
                if newer is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    epoch = newer
                    self.wfile.write(b"data: %d\n\n" % epoch)
                self.wfile.flush()
        except OSError:
            return  # the page closed

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """The request line, without control characters (no terminal escapes), cut short."""
        line = _CONTROL.sub("?", self.requestline)
        line = line if len(line) <= 200 else line[:200] + "…"
        LOG.debug('"%s" %s', line, code)

    def log_error(self, format: str, *args: object) -> None:
        LOG.debug(_CONTROL.sub("?", format % args))


def _parts(path: str) -> list[str] | None:
    """The names `path` walks through under the served folder; None when it leaves the folder
    or names what no file is named (`..`, `.`, a backslash, a control character)."""
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(decoded) or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p in (".", "..") for p in parts):
        return None
    if posixpath.normpath("/" + "/".join(parts)) != "/" + "/".join(parts):
        return None
    return parts


def show_log(say: Callable[[str], None]) -> None:
    """Pass the server's own messages ("Serving on …", "Reloading browsers") to `say`."""
    LOG.setLevel(logging.INFO)
    LOG.propagate = False
    if not any(isinstance(h, _Say) for h in LOG.handlers):
        LOG.addHandler(_Say(say))


class _Say(logging.Handler):
    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.say = say

    def emit(self, record: logging.LogRecord) -> None:
        self.say(record.getMessage())
