"""Serves a built site on loopback under a sub-path, the way GitHub Pages serves a project site.

A project site lives at `https://OWNER.github.io/REPO/`, so every link must work below a
sub-path; a missing page gets the site's own 404.html with status 404, as on Pages.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SUB_PATH = "/factsheet/"


class _PagesHandler(SimpleHTTPRequestHandler):
    """Static files below SUB_PATH; anything else, or anything missing, is the site's 404."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / ".outside-the-sub-path" / "missing")  # never exists
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: pytest shows failures, not access logs."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port for the duration; yields the site's base URL."""
    handler = partial(_PagesHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
