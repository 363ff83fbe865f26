"""What a first visit to the home page transfers: every file it loads, raw and gzipped.

With Chromium (Playwright) at hand, the page is opened from a local server and every response
is counted, including what scripts fetch (Material's search worker and index). Without it,
the files are found by reading the HTML and its stylesheets, plus the search files Material's
config names. Either way nothing is fetched from any other host.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import sys
import threading
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.kit import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TEXT = {"html", "css", "js", "json", "svg", "xml", "txt", "map"}
"""What a web server compresses; images and fonts are sent as they are."""
KIND = {
    "html": "html",
    "css": "css",
    "js": "js",
    "mjs": "js",
    "json": "data",
    "svg": "svg",
    "png": "images",
    "jpg": "images",
    "jpeg": "images",
    "gif": "images",
    "webp": "images",
    "avif": "images",
    "ico": "images",
    "woff": "fonts",
    "woff2": "fonts",
    "ttf": "fonts",
    "otf": "fonts",
}


@dataclass
class Resource:
    path: str
    kind: str
    raw: int
    gzip: int


def measure(site: Path, page: str = "index.html") -> dict[str, object]:
    """The first visit to `page` of the built `site`: per-file and per-kind bytes, totals."""
    method = "chromium" if _browser_available() else "static"
    offsite: list[str] = []
    if method == "chromium":
        paths = _loaded_by_browser(site, page, offsite)
    else:
        paths = _loaded_statically(site, page, offsite)
    resources = [_resource(site, p) for p in dict.fromkeys(paths) if (site / p).is_file()]
    kinds: dict[str, dict[str, int]] = {}
    for r in resources:
        kind = kinds.setdefault(r.kind, {"files": 0, "raw": 0, "gzip": 0})
        kind["files"] += 1
        kind["raw"] += r.raw
        kind["gzip"] += r.gzip
    return {
        "page": page,
        "method": method,
        "raw_bytes": sum(r.raw for r in resources),
        "gzip_bytes": sum(r.gzip for r in resources),
        "by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1]["gzip"])),
        "files": [asdict(r) for r in sorted(resources, key=lambda r: -r.gzip)],
        "offsite_requests": offsite,
    }


def _resource(site: Path, path: str) -> Resource:
    data = (site / path).read_bytes()
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    packed = len(gzip.compress(data, compresslevel=6, mtime=0)) if ext in TEXT else len(data)
    return Resource(path, KIND.get(ext, "other"), len(data), packed)


# --- With a browser ----------------------------------------------------------------------------


def _browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _loaded_by_browser(site: Path, page: str, offsite: list[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    loaded: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(service_workers="block")

            def route(route):  # type: ignore[no-untyped-def]
                if route.request.url.startswith(base):
                    route.continue_()
                else:
                    offsite.append(route.request.url)
                    route.abort()

            context.route("**/*", route)

            def on_response(response):  # type: ignore[no-untyped-def]
                if response.url.startswith(base) and response.status == 200:
                    path = unquote(urlsplit(response.url).path).lstrip("/")
                    loaded.append(path if path and not path.endswith("/") else path + "index.html")

            context.on("response", on_response)
            tab = context.new_page()
            tab.goto(base + page.removesuffix("index.html"), wait_until="networkidle")
            tab.wait_for_timeout(500)  # let the search worker fetch its index
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return loaded


# --- Without one -------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload"}:
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "source", "iframe", "audio", "video") and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _loaded_statically(site: Path, page: str, offsite: list[str]) -> list[str]:
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = [page]
    queue = [urljoin(page, u) for u in parser.urls if u]
    try:  # Material's search: a worker, which fetches the index when the page loads
        config = json.loads(parser.config or "{}")
    except ValueError:
        config = {}
    if config.get("search"):
        queue += [urljoin(page, config["search"]), "search/search_index.json"]
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            offsite.append(url)
            continue
        if parts.scheme == "data" or not parts.path:
            continue
        path = unquote(parts.path).lstrip("/")
        if path in found:
            continue
        found.append(path)
        if path.endswith(".css") and (site / path).is_file():
            css = (site / path).read_text(encoding="utf-8", errors="replace")
            for m in _CSS_URL.finditer(css):
                target = (m.group(1) or m.group(2)).strip()
                if not target.startswith("data:"):
                    queue.append(urljoin(path, target))
    return found
