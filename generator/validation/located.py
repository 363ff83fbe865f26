"""Problems about a record, pinned to the line where the record or its field is written."""

from __future__ import annotations

from typing import Literal

from ..content import Content, Located
from ..errors import Problem


def problem(
    content: Content,
    item_id: str,
    field_: str,
    message: str,
    level: Literal["error", "warning"] = "error",
) -> Problem:
    """A problem about `field_` ('ru-deaths.source'), at the line where that field is written."""
    at = content.where.get(item_id, Located("content", 1, 1))
    line, column = at.at(field_.removeprefix(item_id).removeprefix("."))
    return Problem(at.file, line, column, field_, message, level)


def record_problem(content: Content, item_id: str, field_: str, message: str) -> Problem:
    """A problem about a whole record, at the line where the record starts (its `- id:`)."""
    at = content.where.get(item_id, Located("content", 1, 1))
    return Problem(at.file, at.line, at.column, field_, message)
