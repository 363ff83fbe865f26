"""`factsheet check`: build's stages up to the rendered pages, writing nothing, plus what only
needs a warning.

Runs the rules `build` runs (`validation.load_and_validate`), then renders every page and
resolves its links in memory (`generate.render_in_memory`, build's own page stage), without
drawing a chart or running MkDocs. So the two agree on every problem but MkDocs' own: a record
no page shows, an id anchored on two pages, a template naming what content no longer has.
Warnings (unused sources, stale figures) do not stop a build; `--strict` makes them fail.
Quick enough for the pre-commit hook (.pre-commit-config.yaml) that runs it whenever content/
changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .changes import Published, unlogged_changes
from .editions.published import compare as published_editions
from .editions.site import edition_project, untranslated_site
from .errors import ContentError, Problem
from .generate import render_in_memory
from .load import content_files
from .project import Project
from .validation import load_and_validate
from .validation.rules import future_changes, stale_figures


@dataclass
class CheckReport:
    files: int
    problems: list[Problem] = field(default_factory=list)
    unlogged: int = 0
    """How many of the warnings are published records changed with no log entry."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def fails(self, strict: bool, fail_unlogged: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings) or (fail_unlogged and self.unlogged))

    def summary(self, strict: bool, fail_unlogged: bool = False) -> str:
        verdict = "fails" if self.fails(strict, fail_unlogged) else "passes"
        rule = " (--strict: warnings fail)" if strict and self.warnings else ""
        if not rule and fail_unlogged and self.unlogged:
            rule = f" (--fail-unlogged: {self.unlogged} change(s) with no log entry)"
        return (
            f"content/ {verdict}{rule}: {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s) in {self.files} file(s)."
        )


def check(project: Project, today: dt.date, published: Published | None = None) -> CheckReport:
    """Every problem of the sheet's content and pages, errors and warnings, sorted by file and
    line; with `published`, also every published figure changed without a log entry
    (changes.py) and every value an edition published otherwise (editions/published.py).
    Problems of the pages come only once the content loads, as in `build`."""
    files = len(content_files(project.root / "content"))
    try:
        content = load_and_validate(project.root)
    except ContentError as exc:
        return CheckReport(files, exc.problems)
    problems = [*content.warnings, *stale_figures(content, today), *future_changes(content, today)]
    unlogged = unlogged_changes(content, published) if published else []
    problems += unlogged
    if published:
        problems += published_editions(published, list(content.editions))
    try:
        render_in_memory(project, content)
    except ContentError as exc:
        problems += exc.problems
    for tag, edition in content.editions.items():
        problems += untranslated_site(project, tag, dict(edition.site_words))
        try:
            render_in_memory(edition_project(project, tag), edition, tag)
        except ContentError as exc:
            problems += exc.problems
    return CheckReport(files, sorted(set(problems)), len(unlogged))
