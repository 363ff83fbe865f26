"""`factsheet serve` in Chromium: a save reloads the open page; a bad edit shows a banner
naming file and line over the last good version; the fix takes the banner away."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.preview_server import preview
from tests.support import edit

pytestmark = pytest.mark.browser

VALUE = "#world-population-2024 .fs-value"
BANNER = "#factsheet-preview-error"


def test_saving_reloads_the_open_page(new_context, starter: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with preview(starter, tmp_path / "serve") as (url, _):
        page = new_context().new_page()
        page.goto(url)
        expect(page.locator(VALUE)).to_have_text("about 8.2 billion")

        edit(starter, "figures.yml", "value: 8200000000", "value: 8300000000")
        expect(page.locator(VALUE)).to_have_text("about 8.3 billion", timeout=20_000)
        expect(page.locator(BANNER)).to_have_count(0)

        edit(starter, "figures.yml", "value: 8300000000", 'value: "8,400,000,000"')
        banner = page.locator(BANNER)
        expect(banner).to_be_visible(timeout=20_000)
        expect(banner).to_contain_text(
            "content/figures.yml:9:12: figures[0].value: expected a number, got the text "
            "'8,400,000,000'"
        )
        expect(page.locator(VALUE)).to_have_text("about 8.3 billion")  # the last good version

        edit(starter, "figures.yml", 'value: "8,400,000,000"', "value: 8500000000")
        expect(page.locator(VALUE)).to_have_text("about 8.5 billion", timeout=20_000)
        expect(page.locator(BANNER)).to_have_count(0)
        page.close()
