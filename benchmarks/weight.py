"""What a first visit to a page transfers: every file it loads, raw and gzipped.

    .venv/bin/python benchmarks/weight.py SITE [PAGE ...]

Every page's first visit stays within 100 KB gzipped (BUDGET_BYTES): the browser tests hold
the rich fixture to it and the sheet tests the war sheet. With Chromium (Playwright) at hand,
each page is opened from a local server with an empty cache, at a phone's width and a
desktop's (WIDTHS), and scrolled to its end as a reader would, so every chart drawing shown
loads (they load lazily); every response is counted, including what scripts fetch (Material's
search worker), and the heavier of the two visits is reported. The search index, fetched only
once a reader goes to search, is counted apart (`search_gzip_bytes`): the field is then
focused. Without Chromium, the files are found by reading the HTML and its stylesheets, plus
the search files Material's config names, every drawing named and the index counted. Either
way nothing is fetched from any other host.
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
from typing import Any
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


BUDGET_BYTES = 100_000
"""Every page's first visit, gzipped, stays within 100 KB (README, "Performance")."""
WIDTHS = (375, 1280)
"""The window widths (CSS px) a page is visited at: a phone's, where each chart shows its
narrow drawing, and a desktop's, where a full-width chart shows its wide one."""
SEARCH_INDEX = "search/search_index.json"
"""Material's search index, which the theme fetches only when a reader goes to search."""


def measure(site: Path, page: str = "index.html") -> dict[str, object]:
    """The first visit to `page` of the built `site`: per-file and per-kind bytes, totals."""
    return measure_pages(site, [page])[page]


def measure_pages(
    site: Path, pages: list[str], browser: Any = None, method: str | None = None
) -> dict[str, dict[str, object]]:
    """`measure` for each of `pages`, each a first visit (empty cache), one browser for all:
    `browser` (a Playwright Chromium) if given, else one started here if Chromium is at hand;
    `method="static"` reads the files instead (what they name, whether a browser loads it)."""
    if method is None:
        method = "chromium" if browser is not None or _browser_available() else "static"
    pages = list(dict.fromkeys(pages))  # a page named twice is visited once
    offsite: dict[str, list[str]] = {page: [] for page in pages}
    if method != "chromium":
        return {
            page: {
                **_summary(site, page, method, _loaded_statically(site, page, offsite[page])),
                "offsite_requests": offsite[page],
            }
            for page in pages
        }
    by_width = _loaded_by_browser(site, pages, offsite, browser)
    measured = {}
    for page in pages:
        visits = {w: _summary(site, page, method, *by_width[w][page]) for w in WIDTHS}
        weights = {w: visits[w]["gzip_bytes"] for w in WIDTHS}
        heaviest = max(WIDTHS, key=weights.__getitem__)
        measured[page] = {
            **visits[heaviest],
            "width": heaviest,
            "gzip_bytes_by_width": weights,
            "offsite_requests": offsite[page],
        }
    return measured


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the built `site` (embeds included), as paths like `about/index.html`."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def _summary(
    site: Path, page: str, method: str, paths: list[str], on_search: tuple[str, ...] = ()
) -> dict[str, object]:
    """What `paths` weigh, and apart what a first search loads beyond them (`on_search`)."""
    resources = [_resource(site, p) for p in dict.fromkeys(paths) if (site / p).is_file()]
    search = [
        _resource(site, p)
        for p in dict.fromkeys(on_search)
        if p not in paths and (site / p).is_file()
    ]
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
        "search_gzip_bytes": sum(r.gzip for r in search),
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


def _loaded_by_browser(
    site: Path, pages: list[str], offsite: dict[str, list[str]], browser: Any
) -> dict[int, dict[str, tuple[list[str], tuple[str, ...]]]]:
    """What each page loads on a first visit at each of WIDTHS, and then on a first search."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if browser is not None:
            return {w: _first_visits(browser, base, pages, offsite, w) for w in WIDTHS}
        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return {w: _first_visits(own, base, pages, offsite, w) for w in WIDTHS}
            finally:
                own.close()
    finally:
        server.shutdown()
        server.server_close()


READ_TO_THE_END = """async () => {
  // Scroll down a screen at a time, as a reader does, so that every lazy drawing that is
  // shown loads; then wait for every image shown to be loaded.
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  // (Chromium starts loading a lazy image 1,250 px or more before it is in view.)
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await frame();
    await frame();
  }
  const shown = [...document.images].filter((img) => img.checkVisibility() && !img.complete);
  await Promise.race([
    Promise.all(shown.map((img) => new Promise((done) => {
      img.addEventListener('load', done); img.addEventListener('error', done);
    }))),
    new Promise((done) => setTimeout(done, 10000)),
  ]);
}"""


def _first_visits(
    browser: Any, base: str, pages: list[str], offsite: dict[str, list[str]], width: int
) -> dict[str, tuple[list[str], tuple[str, ...]]]:
    """Each page in a new browser context (empty cache), all opened at once and then each
    awaited, so the pages' idle waits overlap: read to its end, then its search field used."""
    loaded: dict[str, list[str]] = {page: [] for page in pages}
    visits = {}
    opened = []
    for page in pages:
        context = browser.new_context(
            service_workers="block", viewport={"width": width, "height": 800}
        )
        context.route("**/*", functools.partial(_route, base, offsite[page]))
        context.on("response", functools.partial(_record, base, loaded[page]))
        tab = context.new_page()
        tab.goto(base + page.removesuffix("index.html"), wait_until="commit")
        opened.append((page, context, tab))
    for page, context, tab in opened:
        tab.wait_for_load_state("networkidle")
        tab.evaluate(READ_TO_THE_END)  # returns once every drawing shown has loaded
        visits[page] = len(loaded[page])
        search = tab.locator("form[name=search] input")
        if search.count():
            # The reader goes to search: the theme fetches the index then (counted apart).
            search.first.focus()
            for _ in range(100):
                if any(path.endswith(SEARCH_INDEX) for path in loaded[page]):
                    break
                tab.wait_for_timeout(50)
        context.close()
    return {
        page: (paths[: visits[page]], tuple(paths[visits[page] :]))
        for page, paths in loaded.items()
    }


def _route(base: str, offsite: list[str], route: Any) -> None:
    if route.request.url.startswith(base):
        route.continue_()
    else:
        offsite.append(route.request.url)
        route.abort()


def _record(base: str, loaded: list[str], response: Any) -> None:
    if response.url.startswith(base) and response.status == 200:
        path = unquote(urlsplit(response.url).path).lstrip("/")
        loaded.append(path if path and not path.endswith("/") else path + "index.html")


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


def main(argv: list[str] | None = None) -> int:
    """`weight.py SITE [PAGE ...]`: each page's first visit as JSON (every page if none named)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("pages", nargs="*", help="pages such as about/index.html (default: all)")
    args = parser.parse_args(argv)
    measured = measure_pages(args.site, args.pages or pages_of(args.site))
    print(json.dumps(measured, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
