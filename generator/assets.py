"""The theme's and the sheet's static files, copied into the docs folder as readers get them.

Stylesheets are minified on the way (rcssmin): factsheet.css explains itself in comments for
whoever edits it, and those comments were half of what every reader downloaded for it (4.0 KB
of 13.4 KB gzipped; 2.1 KB minified), on every page's first visit within its 100 KB budget.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import rcssmin


def copy_assets(sources: Iterable[Path], target: Path) -> None:
    """Copy each existing folder of `sources` into `target`, later ones over earlier ones,
    with every `.css` file minified."""
    for source in sources:
        if not source.is_dir():
            continue
        shutil.copytree(source, target, dirs_exist_ok=True)
        for css in sorted(source.rglob("*.css")):
            text = css.read_text(encoding="utf-8")
            (target / css.relative_to(source)).write_text(
                rcssmin.cssmin(text) + "\n", encoding="utf-8"
            )
