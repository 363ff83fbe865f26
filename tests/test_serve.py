"""`factsheet serve`: every save rebuilds; a bad edit is named in the terminal and on the page
while the last good site keeps serving; the fix recovers without a restart.

The reload itself, in Chromium, is tested in tests/browser/test_browser_preview.py.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from generator import charts
from generator.content import load_content
from generator.serve import ChartMemo, Preview, with_banner
from tests.preview_server import fetch, preview, until
from tests.support import run, snapshot

BAD = (
    "content/figures.yml:9:12: figures[0].value: expected a number, got the text "
    "'8,200,000,000'; write it without quotes or separators: 8200000000"
)


def edit(root: Path, old: str, new: str) -> None:
    path = root / "content" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


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
    edit(previewed.root, "value: 8200000000", "value: 8300000000")
    previewed.rebuild()
    assert previewed.problems == []
    assert "8.3 billion" in home(previewed)
    assert said[-1].startswith("Rebuilt in ")


def test_a_bad_edit_keeps_the_last_good_site(previewed: Preview, said: list[str]) -> None:
    site = snapshot(previewed.site)
    edit(previewed.root, "value: 8200000000", 'value: "8,200,000,000"')
    previewed.rebuild()
    assert previewed.problems == [BAD]
    assert said[-2:] == [BAD, "1 problem(s); serving the last good version until they are fixed."]
    assert snapshot(previewed.site) == site


def test_the_fix_recovers(previewed: Preview) -> None:
    edit(previewed.root, "value: 8200000000", 'value: "8,200,000,000"')
    previewed.rebuild()
    edit(previewed.root, 'value: "8,200,000,000"', "value: 8100000000")
    previewed.rebuild()
    assert previewed.problems == []
    assert "8.1 billion" in home(previewed)


def test_a_save_that_changes_nothing_skips_the_work(previewed: Preview, said: list[str]) -> None:
    site = snapshot(previewed.site)
    previewed.rebuild()
    assert said[-1].startswith("Nothing changed in ")
    edit(
        previewed.root,
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
    edit(starter, "value: 8200000000", "value: 8300000000")
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
        assert "livereload" in body
        edit(starter, "value: 8200000000", 'value: "8,200,000,000"')
        until(lambda: "factsheet-preview-error" in fetch(url)[1], "the banner")
        body = fetch(url)[1]
        assert "content/figures.yml:9:12: figures[0].value: expected a number" in body
        assert "8.2 billion" in body  # the last good version
        edit(starter, 'value: "8,200,000,000"', "value: 8300000000")
        until(lambda: "8.3 billion" in fetch(url)[1], "the fixed page")
        assert "factsheet-preview-error" not in fetch(url)[1]


def test_before_any_good_build_every_page_explains(starter: Path, tmp_path: Path) -> None:
    edit(starter, "value: 8200000000", 'value: "8,200,000,000"')
    with preview(starter, tmp_path / "serve") as (url, server):
        status, body = fetch(url)
        assert status == 404
        assert "The fact sheet has not built yet" in body
        assert "content/figures.yml:9:12: figures[0].value: expected a number" in body
        assert "livereload" in body  # so that the fix reloads it
        edit(starter, 'value: "8,200,000,000"', "value: 8200000000")
        until(lambda: fetch(url)[0] == 200, "the first good build")


def test_only_charts_whose_data_changed_are_drawn_again(
    sheet: Path, built: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(built / ".cache" / "factsheet" / "charts", cache)
    memo = ChartMemo()
    first = memo.draw(load_content(sheet), tmp_path / "a", cache)
    assert first.rendered + first.cached == len(load_content(sheet).charts)
    again = memo.draw(load_content(sheet), tmp_path / "b", cache)
    assert (again.rendered, again.cached) == (0, first.rendered + first.cached)
    assert snapshot(tmp_path / "b") == snapshot(tmp_path / "a")
    assert again.figures == first.figures
    text = (sheet / "content" / "figures.yml").read_text(encoding="utf-8")
    (sheet / "content" / "figures.yml").write_text(
        text.replace(
            "  - id: ru-deaths\n", "  - id: ru-deaths\n    low: 1\n    high: 2\n", 1
        ).replace("    low: 275000\n    high: 325000\n", "", 1),
        encoding="utf-8",
    )
    content = load_content(sheet)
    edited = memo.draw(content, tmp_path / "c", cache)
    assert edited.rendered == 1
    plain = charts.render_charts(content, tmp_path / "d", cache)
    assert snapshot(tmp_path / "c") == snapshot(tmp_path / "d")
    assert edited.figures == plain.figures


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
