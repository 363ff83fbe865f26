"""`factsheet check`: everything `build` checks in content/, plus what only needs a warning.

Runs without rendering or building anything, so it is quick enough for the pre-commit hook
(.pre-commit-config.yaml) that runs it whenever content/ changes.
Warnings (unused sources, stale figures) do not stop a build; `--strict` makes them fail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import numbers
from .content import Content, content_files, load_content
from .errors import ContentError, Problem


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

    def summary(self, strict: bool) -> str:
        verdict = "fails" if self.errors or (strict and self.warnings) else "passes"
        rule = " (--strict: warnings fail)" if strict and self.warnings else ""
        return (
            f"content/ {verdict}{rule}: {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s) in {self.files} file(s)."
        )


def check(root: Path, today: dt.date) -> CheckReport:
    """Every problem in `root/content`, errors and warnings, sorted by file and line."""
    files = len(content_files(root / "content"))
    try:
        content = load_content(root)
    except ContentError as exc:
        return CheckReport(files, exc.problems)
    return CheckReport(files, sorted([*content.warnings, *stale_figures(content, today)]))


def stale_figures(content: Content, today: dt.date) -> list[Problem]:
    """Figures dated (as of, or period end) more than `sheet.stale_after_days` before today."""
    limit = content.sheet.stale_after_days
    problems = []
    for figure in content.figures.values():
        if figure.historical:
            continue
        if figure.as_of is not None:
            field_, dated = "as_of", figure.as_of
        elif figure.period is not None:
            field_, dated = "period.end", figure.period.end
        else:  # pragma: no cover - the model requires one of them
            continue
        age = (today - dated.last_day()).days
        if age > limit:
            at = content.where[figure.id]
            line, column = at.at(field_)
            message = (
                f"dated {numbers.date(dated)}, {age} days before {today.isoformat()}; older "
                f"than sheet.stale_after_days ({limit}); look for a newer figure, or mark it "
                "`historical: true` if it is about a closed past period"
            )
            problems.append(
                Problem(at.file, line, column, f"{figure.id}.{field_}", message, "warning")
            )
    return problems
