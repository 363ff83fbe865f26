"""Save to reloaded page: how long an editor waits for `factsheet serve` to show an edit.

    .venv/bin/python benchmarks/reload.py [--runs 7] [--sheet PATH]

Copies a fact sheet (the real one unless --sheet names another) to a temporary folder, starts
`factsheet serve` on it (a separate process, as an editor runs it) and opens each edited
figure's page in headless Chromium. Then, run after run, it writes a new value for the figure
into its content file and waits until the open page shows the new value. The clock starts
just before the file is written and stops when the reloaded page has finished loading (its
`load` event, as the page records it): watching the file, the rebuild and the browser's reload
are all inside. Two figures are timed, picked as `make bench` picks its edits: one drawn in no
chart, and one drawn in a chart (so that chart is drawn again). Prints the median and the range
of each, and the server's own rebuild time; `make bench` puts the medians in its table.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import run as bench  # noqa: E402

from tests.browser.kit import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

_LOADED = """() => performance.timeOrigin
    + performance.getEntriesByType("navigation")[0].loadEventEnd"""
"""When the page finished loading, in milliseconds since the epoch (the machine's clock)."""
SHEET_PARTS = ("mkdocs.yml", "content", "site_src")
CASES = {"uncharted": "in no chart", "charted": "in a chart"}


def measure(
    sheet: Path, runs: int, browser: Any = None, say: Any = print
) -> dict[str, dict[str, Any]]:
    """Save-to-reload seconds for an uncharted and a charted figure of `sheet` (a copy is
    edited, never `sheet` itself): median, range and every run, and the server's rebuilds.
    `browser` is a Playwright Chromium to use (one is started if none is given)."""
    with tempfile.TemporaryDirectory(prefix="factsheet-reload-") as tmp:
        root = Path(tmp) / "sheet"
        root.mkdir()
        for part in SHEET_PARTS:
            if (sheet / part).is_dir():
                shutil.copytree(sheet / part, root / part)
            elif (sheet / part).is_file():
                shutil.copy2(sheet / part, root / part)
        targets = bench.edit_targets(root / "content")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/"
        log = Path(tmp) / "serve.log"
        with log.open("w") as err:
            server = subprocess.Popen(
                [str(REPO / ".venv" / "bin" / "factsheet"), "serve", "--root", str(root)]
                + ["--port", str(port)],
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        try:
            _wait_for(url)
            if browser is not None:
                results = _time_saves(browser, url, targets, runs, say)
            else:
                from playwright.sync_api import sync_playwright

                with sync_playwright() as pw:
                    own = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                    results = _time_saves(own, url, targets, runs, say)
                    own.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        rebuilds = [
            float(line.split()[-2])
            for line in log.read_text(encoding="utf-8").splitlines()
            if line.startswith("Rebuilt in ")
        ]
        if rebuilds:
            results["server_rebuild"] = _stats(rebuilds)
        return results


def _time_saves(
    browser: Any, url: str, targets: dict[str, tuple[Path, str, int]], runs: int, say: Any
) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    page = browser.new_page()
    try:
        for case, kind in CASES.items():
            path, figure_id, value = targets[case]
            page.goto(url + _page_of(url, figure_id))
            shown = page.locator(f"#{figure_id} .fs-value").first
            edit = _editor(path, figure_id, value)
            times = []
            for run in range(runs):
                before = shown.inner_text()
                started = time.time()
                edit(run)
                # A new value is shown once the reloaded page shows other text for it (each run
                # raises the value by a step that shows: 1.2 million -> 1.3 million).
                shown.filter(has_not_text=re.compile(f"^{re.escape(before)}$")).wait_for(
                    timeout=60_000
                )
                # The clock stops when the reloaded page finished loading, as the page itself
                # recorded it: waiting from here would add Playwright's polling.
                times.append(page.evaluate(_LOADED) / 1000 - started)
                time.sleep(0.5)  # let the server settle between runs
            results[case] = {"figure": figure_id, **_stats(times)}
            say(
                f"{figure_id} ({kind}): median {results[case]['median_s']:.2f} s, range "
                f"{min(times):.2f}–{max(times):.2f} s over {len(times)} saves"
            )
    finally:
        page.close()
    return results


def _editor(path: Path, figure_id: str, value: int) -> Any:
    """Before save n, a value no earlier save wrote, so every save redraws what a new value
    needs (no drawing of it is cached), staying near the real one, where the sheet's checks
    still pass: 1.2 million -> 1.3, 1.1, 1.4, 1.0, 1.5, ... million."""
    step = 10 ** max(len(str(value)) - 2, 0)
    text = path.read_text(encoding="utf-8")

    def edit(run: int) -> None:
        k = (run // 2 + 1) * (1 if run % 2 == 0 else -1)
        new = value + k * step
        if new <= 0:
            raise SystemExit(f"{figure_id}: too many saves for a value of {value}")
        path.write_text(bench.set_value(text, figure_id, new), encoding="utf-8")

    return edit


def _stats(seconds: list[float]) -> dict[str, Any]:
    return {
        "median_s": statistics.median(seconds),
        "range_s": [min(seconds), max(seconds)],
        "runs_s": seconds,
    }


_LINK = re.compile(r'href="((?!https?:|#|mailto:)[^"#?]*/)"')


def _page_of(url: str, record_id: str) -> str:
    """The path of the page that shows `record_id`, found by following the home page's links."""
    seen = [""]
    for path in seen:
        with urllib.request.urlopen(url + path, timeout=30) as response:
            text = response.read().decode("utf-8")
        if f' id="{record_id}"' in text:
            return path
        for link in _LINK.findall(text):
            target = urllib.parse.urljoin(url + path, link).removeprefix(url)
            if target not in seen and not target.startswith(("embed/", "..")):
                seen.append(target)
    raise SystemExit(f"no page of the preview shows {record_id}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(url: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"`factsheet serve` did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sheet", type=Path, default=REPO, help="the sheet to copy and edit")
    args = parser.parse_args()
    results = measure(args.sheet, args.runs)
    rebuild = results.get("server_rebuild")
    if rebuild:
        low, high = rebuild["range_s"]
        print(
            f"of which the server's rebuild: median {rebuild['median_s']:.2f} s, "
            f"range {low:.2f}–{high:.2f} s"
        )


if __name__ == "__main__":
    main()
