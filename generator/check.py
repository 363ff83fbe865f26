"""`factsheet check`: build's first stage, run without writing anything, plus what only needs
a warning.

Runs exactly the rules `build` runs (`validation.load_and_validate`), so the two agree on
every content problem; it renders no page, so a record no page template shows is found only
by `build`. Warnings (unused sources, stale figures) do not stop a build; `--strict` makes
them fail.
Quick enough for the pre-commit hook (.pre-commit-config.yaml) that runs it whenever content/
changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .changes import Published, unlogged_changes
from .errors import ContentError, Problem
from .load import content_files
from .validation import load_and_validate
from .validation.rules import stale_figures


@dataclass
class CheckReport:
    files: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def fails(self, strict: bool) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self, strict: bool) -> str:
        verdict = "fails" if self.fails(strict) else "passes"
        rule = " (--strict: warnings fail)" if strict and self.warnings else ""
        return (
            f"content/ {verdict}{rule}: {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s) in {self.files} file(s)."
        )


def check(root: Path, today: dt.date, published: Published | None = None) -> CheckReport:
    """Every problem in `root/content`, errors and warnings, sorted by file and line; with
    `published`, also every published figure changed without a log entry (changes.py)."""
    files = len(content_files(root / "content"))
    try:
        content = load_and_validate(root)
    except ContentError as exc:
        return CheckReport(files, exc.problems)
    unlogged = unlogged_changes(content, published) if published else []
    return CheckReport(
        files, sorted([*content.warnings, *stale_figures(content, today), *unlogged])
    )
