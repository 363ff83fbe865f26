"""`factsheet serve`: every save rebuilds; a bad edit is named in the terminal and on the page
while the last good site keeps serving; the fix recovers without a restart.

The reload itself, in Chromium, is tested in tests/browser/test_browser_preview.py.
"""

from __future__ import annotations

import http.client
import logging
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from generator import pipeline
from generator.project import Project
from generator.reload_server import EVENTS
from generator.serve import Preview, start, with_banner
from tests.golden import copy_fixture
from tests.preview_server import fetch, free_port, preview, request, until
from tests.support import REPO, edit, replace_in, run, snapshot

BAD = (
    "content/figures.yml:9:12: figures[0].value: expected a number, got the text "
    "'8,200,000,000'; write it without quotes or separators: 8200000000"
)


@pytest.fixture
def said() -> list[str]:
    return []


@pytest.fixture
def previewed(starter: Path, tmp_path: Path, said: list[str]) -> Preview:
    """The starter, built once by the preview into a folder of its own."""
    preview_ = Preview(starter, "http://127.0.0.1:8000/", tmp_path / "preview", said.append)
    preview_.rebuild()
    assert preview_.problems == []
    return preview_


def home(preview_: Preview) -> str:
    return (preview_.site / "index.html").read_text(encoding="utf-8")


def test_the_preview_builds_outside_the_sheet(previewed: Preview, starter: Path) -> None:
    assert "8.2 billion" in home(previewed)
    assert not (starter / "site").exists()
    assert not (starter / "build").exists()


def test_a_save_rebuilds(previewed: Preview, said: list[str]) -> None:
    edit(previewed.root, "figures.yml", "value: 8200000000", "value: 8300000000")
    previewed.rebuild()
    assert previewed.problems == []
    assert "8.3 billion" in home(previewed)
    assert said[-1].startswith("Rebuilt in ")


def test_a_bad_edit_keeps_the_last_good_site(previewed: Preview, said: list[str]) -> None:
    site = snapshot(previewed.site)
    edit(previewed.root, "figures.yml", "value: 8200000000", 'value: "8,200,000,000"')
    previewed.rebuild()
    assert previewed.problems == [BAD]
    assert said[-2:] == [BAD, "1 problem(s); serving the last good version until they are fixed."]
    assert snapshot(previewed.site) == site


def test_the_fix_recovers(previewed: Preview) -> None:
    edit(previewed.root, "figures.yml", "value: 8200000000", 'value: "8,200,000,000"')
    previewed.rebuild()
    edit(previewed.root, "figures.yml", 'value: "8,200,000,000"', "value: 8100000000")
    previewed.rebuild()
    assert previewed.problems == []
    assert "8.1 billion" in home(previewed)


def test_a_save_that_changes_nothing_skips_the_work(previewed: Preview, said: list[str]) -> None:
    site = snapshot(previewed.site)
    previewed.rebuild()
    assert said[-1].startswith("Nothing changed in ")
    edit(
        previewed.root,
        "figures.yml",
        "  - id: world-population-2024",
        "  # A comment.\n  - id: world-population-2024",
    )
    previewed.rebuild()
    assert said[-1].startswith("Checked; the pages did not change in ")
    assert snapshot(previewed.site) == site


def test_neither_build_nor_preview_writes_into_content(starter: Path, tmp_path: Path) -> None:
    before = snapshot(starter / "content")
    assert run(starter, "build").exit_code == 0
    preview_ = Preview(starter, "http://127.0.0.1:8000/", tmp_path / "p", lambda line: None)
    preview_.rebuild()
    assert snapshot(starter / "content") == before
    edit(starter, "figures.yml", "value: 8200000000", "value: 8300000000")
    edited = snapshot(starter / "content")
    preview_.rebuild()
    assert run(starter, "build").exit_code == 0
    assert snapshot(starter / "content") == edited


def test_the_banner_names_each_problem_as_text() -> None:
    page = b'<html><head></head><body class="x"><p>Figures</p></body></html>'
    shown = with_banner(page, ["content/a.yml:3:5: label: <script>alert(1)</script>"])
    before, banner, after = shown.partition(b'<div id="factsheet-preview-error"')
    assert before == b'<html><head></head><body class="x">'
    assert b"<code>content/a.yml:3:5: label: &lt;script&gt;alert(1)&lt;/script&gt;</code>" in after
    assert after.endswith(b"<p>Figures</p></body></html>")
    assert with_banner(page, []) == page


def test_the_server_shows_the_banner_and_recovers(starter: Path, tmp_path: Path) -> None:
    with preview(starter, tmp_path / "serve") as (url, server):
        status, body = fetch(url)
        assert status == 200
        assert "8.2 billion" in body and "factsheet-preview-error" not in body
        assert EVENTS in body
        edit(starter, "figures.yml", "value: 8200000000", 'value: "8,200,000,000"')
        until(lambda: "factsheet-preview-error" in fetch(url)[1], "the banner")
        body = fetch(url)[1]
        assert "content/figures.yml:9:12: figures[0].value: expected a number" in body
        assert "8.2 billion" in body  # the last good version
        edit(starter, "figures.yml", 'value: "8,200,000,000"', "value: 8300000000")
        until(lambda: "8.3 billion" in fetch(url)[1], "the fixed page")
        assert "factsheet-preview-error" not in fetch(url)[1]


def test_before_any_good_build_every_page_explains(starter: Path, tmp_path: Path) -> None:
    edit(starter, "figures.yml", "value: 8200000000", 'value: "8,200,000,000"')
    with preview(starter, tmp_path / "serve") as (url, server):
        status, body = fetch(url)
        assert status == 404
        assert "The fact sheet has not built yet" in body
        assert "content/figures.yml:9:12: figures[0].value: expected a number" in body
        assert EVENTS in body  # so that the fix reloads it
        edit(starter, "figures.yml", 'value: "8,200,000,000"', "value: 8200000000")
        until(lambda: fetch(url)[0] == 200, "the first good build")


def test_a_preview_writes_the_markdown_a_build_writes(starter: Path, tmp_path: Path) -> None:
    # One pipeline: given the build's own address, the preview's generated folder is the
    # build's, but for the social-media image, which no one sees in a preview.
    assert run(starter, "build").exit_code == 0
    site_url = Project.load(starter).site_url
    preview_ = Preview(starter, site_url, tmp_path / "p", lambda line: None)
    preview_.rebuild()
    assert preview_.problems == []
    built = snapshot(starter / "build" / "docs")
    assert built.pop("assets/social.png", None) is not None
    assert snapshot(preview_.docs) == built


def test_a_busy_port_is_a_usage_error(starter: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(starter, "serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another --port"
    )


# The server's exposure: loopback only, the preview folder only, loopback Host names only.


def test_serve_listens_on_loopback_unless_told_otherwise(
    starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(
        "generator.serve.serve", lambda root, host, port: calls.append((host, port))
    )
    assert run(starter, "serve").exit_code == 0
    assert calls == [("127.0.0.1", 8000)]


def test_no_request_reads_outside_the_preview(starter: Path, tmp_path: Path) -> None:
    folder = tmp_path / "serve"
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    with preview(starter, folder) as (url, server):
        assert server.socket.getsockname()[0] == "127.0.0.1"
        (folder / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
        for path in [
            "/../secret.txt",
            "/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/assets/../../secret.txt",
            "//..//..//secret.txt",
            "/..%5csecret.txt",
            f"/{tmp_path}/secret.txt",
        ]:
            status, body = request(url, path)
            assert (path, status) == (path, 404)
            assert "TOP SECRET" not in body
        # No directory listings: a folder without an index page is not found.
        for folder_path in ["/assets/javascripts/lunr/min/", "/assets/javascripts/lunr/min"]:
            status, body = request(url, folder_path)
            assert status == 404
            assert "lunr.ja.min.js" not in body


def test_a_control_character_in_a_path_is_not_found_and_logs_no_traceback(
    starter: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log = logging.getLogger("factsheet.serve")
    log.addHandler(handler)
    level = log.level
    log.setLevel(logging.DEBUG)
    try:
        with preview(starter, tmp_path / "serve") as (url, _):
            for path in ["/passwd%00.html", "/%00", "/index.html%00", "/a%01b.html", "/a%7f/"]:
                status, body = request(url, path)
                assert (path, status) == (path, 404)
                assert "<h1>404 – Page not found</h1>" in body  # the site's own 404 page
            # A request line is logged without its control characters (no terminal escapes).
            port = int(url.rstrip("/").rsplit(":", 1)[1])
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                raw.sendall(b"GET /\x1b[2J\x00 HTTP/1.0\r\nHost: localhost\r\n\r\n")
                answer = b""
                while chunk := raw.recv(65536):  # to the end: it is logged before closing
                    answer += chunk
                assert answer.startswith(b"HTTP/1.0 404 ")
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    assert [r.getMessage() for r in records if r.exc_info] == []
    assert [m for r in records if "\x1b" in (m := r.getMessage()) or "\x00" in m] == []
    assert any("GET /?[2J? HTTP/1.0" in r.getMessage() for r in records)
    assert "Traceback" not in capfd.readouterr().err


def test_only_loopback_host_names_are_answered(starter: Path, tmp_path: Path) -> None:
    with preview(starter, tmp_path / "serve") as (url, _):
        port = url.rstrip("/").rsplit(":", 1)[1]
        for host in [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LocalHost"]:
            assert (host, request(url, "/", host)[0]) == (host, 200)
            assert (host, _first_event(url, host)) == (host, b"data: 0\n\n")
        # A DNS-rebinding page names its own host; a page must not read the preview through it.
        for host in [
            f"evil.example:{port}",
            f"localhost.evil.example:{port}",
            f"127.0.0.1.nip.io:{port}",
            f"localhost:{port}@evil.example",
            f"localhost:{port}:{port}",
            f"[::1]evil.example:{port}",
            "",
        ]:
            for path in ["/", "/index.html", EVENTS, "/no-such-page/"]:
                status, body = request(url, path, host)
                assert (host, path, status) == (host, path, 403)
                assert "8.2 billion" not in body and "evil" not in body
                assert "localhost" in body


def _first_event(url: str, host: str) -> bytes:
    """What the reload stream sends first, asked for naming `host`."""
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as stream:
        stream.sendall(b"GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (EVENTS.encode(), host.encode()))
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.endswith(b"\n\n"):
            answer += stream.recv(4096)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"text/event-stream" in head
    return body


def test_a_page_loads_while_a_reload_stream_waits(starter: Path, tmp_path: Path) -> None:
    """Each request has a thread: an open page's event stream, held until the next rebuild,
    blocks nothing else; a rebuild sends the new epoch, and the page reloads on it."""
    with preview(starter, tmp_path / "serve") as (url, server):
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as stream:
            stream.sendall(b"GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" % EVENTS.encode())
            answer = b""
            while not answer.endswith(b"data: 0\n\n"):
                answer += stream.recv(4096)
            for _ in range(3):
                status, body = request(url, "/")
                assert status == 200 and "8.2 billion" in body
            stream.settimeout(0.2)
            with pytest.raises(TimeoutError):
                stream.recv(1)  # still held: it speaks only when a rebuild is visible
            stream.settimeout(30)
            edit(starter, "figures.yml", "value: 8200000000", "value: 8300000000")
            assert stream.recv(4096) == b"data: 1\n\n"
            assert "8.3 billion" in request(url, "/")[1]


def test_200_simultaneous_connections_are_all_answered(starter: Path, tmp_path: Path) -> None:
    """A busy server (here: one not accepting yet) leaves new connections queued, not dropped."""
    somaxconn = Path("/proc/sys/net/core/somaxconn")
    if somaxconn.is_file() and int(somaxconn.read_text()) < 200:
        pytest.skip("the kernel caps listen queues below 200 (net.core.somaxconn)")
    port = free_port()
    server = start(Project.load(starter), "127.0.0.1", port, tmp_path / "serve")
    server.preview.say = lambda line: None
    clients = [socket.socket() for _ in range(200)]
    thread: threading.Thread | None = None
    try:
        server.listen()  # listening, but not accepting until it runs
        for client in clients:
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
        assert _connected(clients, within=10.0) == 200
        for client in clients:
            client.setblocking(True)
            client.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
            client.setblocking(False)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        answers = _answers(clients, within=60.0)
        assert [a.split(b"\r\n", 1)[0] for a in answers] == [b"HTTP/1.0 200 OK"] * 200
        assert all(b"8.2 billion" in a for a in answers)
    finally:
        for client in clients:
            client.close()
        server.stop()
        if thread is not None:
            thread.join(timeout=10)


def _connected(clients: list[socket.socket], within: float) -> int:
    """How many of `clients` (connecting, non-blocking) finish connecting within `within` s."""
    with selectors.DefaultSelector() as selector:
        for client in clients:
            selector.register(client, selectors.EVENT_WRITE)
        done = 0
        deadline = time.monotonic() + within
        while done < len(clients) and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                selector.unregister(key.fileobj)
                assert key.fileobj.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0  # type: ignore[union-attr]
                done += 1
        return done


def _answers(clients: list[socket.socket], within: float) -> list[bytes]:
    """Everything each of `clients` receives until the server closes it (or `within` s pass)."""
    received = {client: b"" for client in clients}
    with selectors.DefaultSelector() as selector:
        for client in clients:
            selector.register(client, selectors.EVENT_READ)
        open_ = len(clients)
        deadline = time.monotonic() + within
        while open_ and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                client = key.fileobj
                data = client.recv(65536)  # type: ignore[union-attr]
                if data:
                    received[client] += data  # type: ignore[index]
                else:
                    selector.unregister(client)
                    open_ -= 1
    return list(received.values())


def _sigint_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_server_and_removes_its_folder(
    starter: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "stderr.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--root",
                str(starter),
                "--port",
                str(port),
            ],
            cwd=REPO,
            env={**os.environ, "TMPDIR": str(temp)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            # As from a terminal: a test run started in the background of a script inherits
            # SIGINT ignored, and Python then leaves it ignored (no KeyboardInterrupt).
            preexec_fn=_sigint_as_from_a_terminal,
        )
        try:
            until(lambda: process.poll() is not None or fetch(url) is not None, "serve", 120)
            assert process.poll() is None, log.read_text(encoding="utf-8")
            assert [p.name[:15] for p in temp.iterdir()] == ["factsheet-serve"]
            assert request(url, "/passwd%00.html")[0] == 404
            process.send_signal(stop)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
    said = log.read_text(encoding="utf-8")
    assert process.returncode == 0, said
    assert list(temp.iterdir()) == []
    assert "Traceback" not in said
    assert f"Serving on http://127.0.0.1:{port}/" in said
    assert said.splitlines()[-1] == "Stopped."


# The preview decides whether to run the engine from the same inputs as `build` (#21.12).


def test_an_edit_to_mkdocs_yml_rebuilds_the_pages(previewed: Preview, said: list[str]) -> None:
    config = previewed.root / "mkdocs.yml"
    assert "My renamed sheet" not in home(previewed)
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_name: .*$", "site_name: My renamed sheet", text), "utf-8")
    previewed.rebuild()
    assert said[-1].startswith("Rebuilt in "), said[-1]
    assert "My renamed sheet" in home(previewed)


def test_an_edit_to_a_template_override_rebuilds_the_pages(
    starter: Path, tmp_path: Path, said: list[str]
) -> None:
    replace_in(starter / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: ov\n")
    partial = starter / "ov" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<div>Printed by the first override</div>\n", encoding="utf-8")
    preview_ = Preview(starter, "http://127.0.0.1:8000/", tmp_path / "preview", said.append)
    preview_.rebuild()
    assert "Printed by the first override" in home(preview_)
    partial.write_text("<div>Printed by the second override</div>\n", encoding="utf-8")
    preview_.rebuild()
    assert said[-1].startswith("Rebuilt in "), said[-1]
    assert "Printed by the second override" in home(preview_)
    assert "Printed by the first override" not in home(preview_)


# Redirects stay on the preview's own origin (#21.16).


def _head(url: str, path: str) -> tuple[int, str | None]:
    """(status, Location) of GET `path`, sent as written."""
    address = url.split("//", 1)[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", address)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def test_no_redirect_leaves_the_preview(starter: Path, tmp_path: Path) -> None:
    with preview(starter, tmp_path / "serve") as (url, _):
        origin = url.rstrip("/")
        assert _head(url, "/changes") == (302, "/changes/")
        for path in [
            "/%2f%2fevil.com%2f..",
            "/%2f%2fevil.com",
            "/%2F%2Fevil.com%2Fchanges",
            "//evil.com/..",
            "/%5c%5cevil.com%2f..",
            "/%5cevil.com/..",
            "/%2fevil.com%2f..%2fchanges",
            "/%09/evil.com/..",
            "/https:%2f%2fevil.com%2f..",
        ]:
            status, location = _head(url, path)
            if location is not None:
                # A path on this origin: one slash, then a name (never // or /\, which a
                # browser reads as another host).
                assert (path, location[:1], location[1:2]) not in [(path, "/", "/")]
                assert location.startswith("/") and location[1:2] not in ("/", "\\"), location
                target = urllib.parse.urljoin(url, location)
                assert target.startswith(origin + "/"), (path, location)
            assert status in (302, 404), (path, status)


def test_the_preview_works_whichever_engine_builds(starter: Path, tmp_path: Path) -> None:
    with (starter / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("engine: zensical\n")
    with preview(starter, tmp_path / "serve") as (url, _):
        status, body = fetch(url)
        assert status == 200 and "8.2 billion" in body and EVENTS in body
        assert request(url, "/search.json")[0] == 200  # Zensical's own search index
        edit(starter, "figures.yml", "value: 8200000000", "value: 8300000000")
        until(lambda: "8.3 billion" in fetch(url)[1], "the rebuilt page")


def test_an_edit_of_one_edition_runs_the_engine_for_that_edition_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator's save (content/editions/uk/) builds uk/ again and copies the source
    edition's site as it is serving; what the preview then serves is byte for byte what it
    would build from scratch."""
    root = copy_fixture("editions", tmp_path / "sheet")
    built: list[str] = []
    real = pipeline.engine.build_site

    def counting(folder: Path, *args: object, **kwargs: object) -> None:
        built.append("uk" if folder.name == "uk" else "source")
        real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.engine, "build_site", counting)
    preview_ = Preview(root, "http://127.0.0.1:8000/", tmp_path / "preview", lambda line: None)
    preview_.rebuild()
    assert preview_.problems == [] and built == ["source", "uk"]

    edit(
        root,
        "editions/uk/figures.yml",
        "label: перетинів з північного",
        "label: переправ з північного",
    )
    built.clear()
    preview_.rebuild()
    assert preview_.problems == [] and built == ["uk"]
    figures = (preview_.site / "uk" / "figures" / "index.html").read_text(encoding="utf-8")
    assert "переправ з північного берега" in figures

    fresh = Preview(root, "http://127.0.0.1:8000/", tmp_path / "fresh", lambda line: None)
    fresh.rebuild()
    assert fresh.problems == []
    assert snapshot(preview_.site) == snapshot(fresh.site)
