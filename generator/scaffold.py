"""`factsheet new DIR [--language TAG]`: a small fact sheet that builds at once, to start from,
written in the language asked for, that passes `factsheet check --strict` the day it is made.

The starter is `scaffold/` (English); `scaffold/languages/<tag>/` holds the same sheet's
content, pages and `mkdocs.yml` (the palette toggle's words) in another language, copied over
it. Its figures are real UN figures with
their real dates, so the day it is made it sets `sheet.updated` to that day and
`sheet.stale_after_days` to what keeps those figures fresh for the usual 180 days more: an
editor who replaces them lowers it to how often their own sources publish.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import yaml

from .errors import UsageError
from .language import DEFAULT, languages
from .models import Figure
from .schema import write_schema

SCAFFOLD = Path(__file__).parent / "scaffold"
TRANSLATIONS = SCAFFOLD / "languages"
FRESH_DAYS = 180
"""How long the starter's figures stay fresh from the day it is made: the default limit."""


def scaffold(target: Path, language: str = DEFAULT, today: dt.date | None = None) -> list[Path]:
    """Copy the starter fact sheet in `language` into `target`; refuse to touch a folder that
    has files, or a language with no catalog."""
    if language not in languages():
        raise UsageError(
            f"no catalog for the language {language!r}; expected one of {', '.join(languages())}"
        )
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; choose a new folder")
    shutil.copytree(
        SCAFFOLD, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("languages")
    )
    if language != DEFAULT:
        shutil.copytree(TRANSLATIONS / language, target, dirs_exist_ok=True)
    _date(target, today or dt.date.today())
    write_schema(target)  # the starter's content files point at it, for help while typing
    return sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())


def _date(target: Path, today: dt.date) -> None:
    """Date the new sheet today, with a staleness limit its starter figures meet today; name
    and describe the site as the sheet is, in its language (the theme's link previews and the
    404 page print the description)."""
    sheet_file = target / "content" / "sheet.yml"
    text = sheet_file.read_text(encoding="utf-8")
    limit = max(FRESH_DAYS, (today - _oldest(target)).days + FRESH_DAYS)
    text = re.sub(r"(?m)^  updated: .*$", f"  updated: {today.isoformat()}", text, count=1)
    if re.search(r"(?m)^  stale_after_days: ", text):
        text = re.sub(r"(?m)^  stale_after_days: .*$", f"  stale_after_days: {limit}", text)
    else:
        text = text.replace("\nsheet:\n", f"\nsheet:\n  stale_after_days: {limit}\n", 1)
    sheet_file.write_text(text, encoding="utf-8")
    sheet = yaml.safe_load(text)["sheet"]
    mkdocs = target / "mkdocs.yml"
    config = mkdocs.read_text(encoding="utf-8")
    config = re.sub(
        r"(?m)^site_name: .*$",
        lambda _: (
            f"site_name: {json.dumps(sheet['title'], ensure_ascii=False)}\n"
            f"site_description: {json.dumps(sheet['description'], ensure_ascii=False)}"
        ),
        config,
        count=1,
    )
    mkdocs.write_text(config, encoding="utf-8")


def _oldest(target: Path) -> dt.date:
    """The last day of the oldest date among the starter's figures that can go stale."""
    data = yaml.safe_load((target / "content" / "figures.yml").read_text(encoding="utf-8"))
    figures = [Figure.model_validate(f) for f in data["figures"]]
    ends = [
        (f.as_of or f.period.end).last_day()  # type: ignore[union-attr]
        for f in figures
        if not (f.projection or f.historical or f.timeless)
    ]
    return min(ends)
