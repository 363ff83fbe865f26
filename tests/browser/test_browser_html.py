"""Valid HTML: the Nu Html Checker (vnu-jar from npm) on every built page, in one Java run."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.kit import VNU

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class ThemeError:
    """An error the Material theme itself makes, which no fact sheet template can fix."""

    message: str
    """The checker's exact message."""
    extract: str
    """Text that must appear in the offending markup, so one of ours is never excused too."""
    reason: str


THEME_ERRORS = [
    ThemeError(
        message=(
            "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
            "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
            "“search”, “tel”, “text”, “time”, “url”, or “week”."
        ),
        extract='class="md-toggle"',
        reason=(
            "Material's base.html gives its hidden drawer and search checkboxes "
            'autocomplete="off" so that Firefox does not reopen them on reload. They sit '
            "outside every template block, so only a copy of the whole base.html (to be kept "
            "in step with each Material release) could change them; browsers ignore the "
            "attribute elsewhere, so readers are not affected."
        ),
    ),
    ThemeError(
        message=(
            "The “aria-hidden” attribute must not be used on any “label” element that is "
            "associated with a labelable element."
        ),
        extract='<label class="md-overlay" for="__drawer" aria-hidden="true">',
        reason=(
            "Zensical's base.html (the Zensical site only) hides the drawer's overlay label "
            "from assistive technology, outside every template block, as Material's does for "
            "the search one; only a copy of the whole base.html could change it. The drawer is "
            "reached through its own labelled button, so readers are not affected."
        ),
    ),
]


def excused(message: dict) -> ThemeError | None:
    for known in THEME_ERRORS:
        if message["message"] == known.message and known.extract in message.get("extract", ""):
            return known
    return None


def test_every_page_is_valid_html(site: Path, java: str) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 1
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    ours = [
        f"{m.get('url', '').split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in messages
        if not excused(m)
    ]
    assert not ours, "the Nu Html Checker found errors:\n" + "\n".join(ours)
