"""Run `factsheet serve`'s server in a thread for a test, on a free loopback port."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.project import Project
from generator.serve import PreviewServer, start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def preview(root: Path, folder: Path) -> Iterator[tuple[str, PreviewServer]]:
    """Build `root` once, serve it with live reload, and yield (url, server)."""
    port = free_port()
    server = start(Project.load(root), "127.0.0.1", port, folder)
    server.preview.say = lambda line: None
    server.listen()
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/"
    try:
        until(lambda: fetch(url) is not None, "the server to start")
        yield url, server
    finally:
        server.stop()
        thread.join(timeout=10)


def fetch(url: str) -> tuple[int, str] | None:
    """(status, body) of `url`, or None if nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None


def request(url: str, path: str, host: str | None = None) -> tuple[int, str]:
    """(status, body) of GET `path` sent as written (no quoting, no `..` removal) to the
    server at `url`, naming `host` in the Host header (the server's own address if None)."""
    address = url.split("//", 1)[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", address if host is None else host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Wait for `condition`; fail naming `what` if it does not come true in `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
