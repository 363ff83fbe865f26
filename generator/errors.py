"""Problems found in content, each pinned to a file, line and column a person can open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SHOWN_CHARACTERS = 40
"""The most of any value or line an error quotes: content may be a megabyte, or a secret that a
linked file would print into a CI log."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, printed as `file:line:col: field.path: message`."""

    file: str
    line: int
    column: int
    field: str
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        prefix = " warning:" if self.level == "warning" else ""
        return f"{where}:{prefix}{field} {self.message}"


class FactsheetError(Exception):
    """An error the user can fix; shown without a traceback. exit_code 1 = content, 2 = usage."""

    exit_code = 1


class ContentError(FactsheetError):
    """One or more problems in `content/` (or in the pages it makes); the build stops before
    writing anything."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(FactsheetError):
    exit_code = 2


class CheckFailed(FactsheetError):
    """A check (`check`, `schema --check`) found what it reports: exit 1 with its verdict."""


class TemplateProblem(ContentError):
    """A template in `site_src/` failed: one problem at the template's line.

    Jinja knows a template's line but not its column, so the column is 1. A problem, like any
    content one, so `check` and `build` print it alike (often content removed what a template
    names)."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__([Problem(file, line, 1, "", message)])


class BuildFailed(FactsheetError):
    """The site engine (MkDocs) refused the generated pages."""


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """`value` quoted for an error message, cut to its first `limit` characters.

    repr() escapes control characters, so a quoted value never breaks the one-line format.
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def relative(path: Path, root: Path) -> str:
    """`path` as the user wrote it under `root` (`content/a.yml`).

    Only the folder is resolved: a linked file is named as the link, never as its target, and
    a link that loops on itself is named rather than crashing.
    """
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()
