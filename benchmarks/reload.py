"""Save to reloaded page: how long an editor waits for `factsheet serve` to show an edit.

    .venv/bin/python benchmarks/reload.py [--runs 9]

Copies the real fact sheet to a temporary folder, starts `factsheet serve` on it (a separate
process, as an editor runs it) and opens the figure's page in headless Chromium. Then, run
after run, it writes a new value for one figure into content/figures.yml and waits until the
open page shows it. The clock starts just before the file is written and stops when the
reloaded page has finished loading (its `load` event, as the page records it): watching the
file, the rebuild and the browser's reload are all inside. Two figures are timed: one drawn in
no chart, and one drawn in a chart (so that chart is drawn again). Prints the median and the
range of each, and the server's own rebuild time.
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
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.numbers import quantity  # noqa: E402
from tests.browser.kit import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

_LOADED = """() => performance.timeOrigin
    + performance.getEntriesByType("navigation")[0].loadEventEnd"""
"""When the page finished loading, in milliseconds since the epoch (the machine's clock)."""
CASES = [
    # (figure id, page, the value as written in content/figures.yml, qualifier, in a chart)
    ("ru-casualties-2025", "casualties/", 415000, "about", False),
    ("ru-casualties", "casualties/", 1200000, "about", True),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "sheet"
        root.mkdir()
        for part in ("mkdocs.yml", "content", "site_src"):
            (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, root / part)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [
                str(REPO / ".venv" / "bin" / "factsheet"),
                "serve",
                "--root",
                str(root),
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tmp) / "serve.log", "w"),  # noqa: SIM115
        )
        try:
            _wait_for(url)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page()
                for figure_id, path, written, qualifier, charted in CASES:
                    page.goto(url + path)
                    value = page.locator(f"#{figure_id} .fs-value")
                    expect(value).to_have_text(quantity(written, written, qualifier, "people"))
                    times = []
                    for run in range(1, args.runs + 1):
                        new = written + run
                        started = time.time()
                        _set_value(root, figure_id, written + run - 1, new)
                        shown = re.compile(
                            f"^{re.escape(quantity(new, new, qualifier, 'people'))}$"
                        )
                        value.filter(has_text=shown).wait_for(timeout=30_000)
                        # The clock stops when the reloaded page finished loading, as the page
                        # itself recorded it: waiting from here would add Playwright's polling.
                        times.append(page.evaluate(_LOADED) / 1000 - started)
                        time.sleep(0.5)  # let the server settle between runs
                    kind = "in a chart" if charted else "in no chart"
                    print(
                        f"{figure_id} ({kind}): median {statistics.median(times):.2f} s, "
                        f"range {min(times):.2f}–{max(times):.2f} s over {len(times)} saves"
                    )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
            rebuilds = [
                float(line.split()[-2])
                for line in (Path(tmp) / "serve.log").read_text().splitlines()
                if line.startswith("Rebuilt in ")
            ]
            if rebuilds:
                print(
                    f"of which the server's rebuild: median {statistics.median(rebuilds):.2f} s, "
                    f"range {min(rebuilds):.2f}–{max(rebuilds):.2f} s"
                )


def _set_value(root: Path, figure_id: str, old: int, new: int) -> None:
    path = root / "content" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {figure_id}\n")
    at = text.index(f"    value: {old}\n", start)
    path.write_text(
        text[:at] + f"    value: {new}\n" + text[at + len(f"    value: {old}\n") :],
        encoding="utf-8",
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"`factsheet serve` did not answer at {url}")


if __name__ == "__main__":
    main()
