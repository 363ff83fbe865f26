"""`factsheet check --against`: no published figure changes without a log entry saying so.

Compares the content with a previously published `data/figures.json` (a local copy or the
live site's, fetched only when the editor asks) and warns of every stored figure whose value,
range, qualifier, period or source changed while no entry in `content/changes.yml` dated on or
after the published file's `updated` names it. A derived figure follows its inputs, so only
stored figures are compared; a figure new since then, or one removed, is not a change to log.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import exports
from .content import Content
from .errors import Problem, UsageError, shown
from .models import PartialDate
from .validation.located import problem

TIMEOUT_SECONDS = 20
MAX_BYTES = 50 * 1024 * 1024
"""A published figures.json of a large sheet is a few megabytes; more is not one."""

COMPARED = {
    # column of figures.json -> (what to call it, the content field to point at)
    "value": ("value", "value"),
    "low": ("range", "low"),
    "high": ("range", "high"),
    "qualifier": ("qualifier", "qualifier"),
    "period_start": ("period", "period"),
    "period_end": ("period", "period"),
    "source_id": ("source", "source"),
}


@dataclass(frozen=True)
class Published:
    """What a published figures.json said: its `updated` date and each figure's record."""

    where: str
    updated: dt.date
    figures: dict[str, dict[str, Any]]


def read_published(where: str) -> Published:
    """The published figures at a path or an http(s) URL; UsageError when they cannot be read."""
    if where.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(where, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                data = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise UsageError(f"--against {shown(where)}: could not fetch it ({exc})") from None
    else:
        try:
            with Path(where).open("rb") as file:
                data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"--against {shown(where)}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"--against {shown(where)}: larger than {MAX_BYTES} bytes")
    return parse_published(where, data)


def parse_published(where: str, data: bytes) -> Published:
    """A figures.json as the build writes it: {"updated": "YYYY[-MM[-DD]]", "figures": [...]}."""
    try:
        document = json.loads(data)
        figures = document["figures"]
        updated = _first_day(document["updated"])
        records = {r["id"]: r for r in figures if r.get("kind", "figure") == "figure"}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UsageError(
            f"--against {shown(where)}: expected a figures.json the build writes "
            '({"updated": …, "figures": [{"id": …}, …]})'
        ) from None
    return Published(where, updated, records)


def _first_day(value: object) -> dt.date:
    """The first day a published `updated` ("2026", "2026-03", "2026-03-02") can mean."""
    return PartialDate.model_validate(value).first_day()


def unlogged_changes(content: Content, published: Published) -> list[Problem]:
    """A warning at each stored figure that changed since `published` with no entry naming it."""
    current = exports.figure_records(content, lambda i: "")
    logged = {
        item_id
        for change in content.changes.values()
        if change.date >= published.updated
        for item_id in change.ids
    }
    problems = []
    for record in current:
        old = published.figures.get(record["id"])
        if record["kind"] != "figure" or old is None or record["id"] in logged:
            continue
        changed = [column for column in COMPARED if _norm(old.get(column)) != _norm(record[column])]
        if not changed:
            continue
        what = list(dict.fromkeys(COMPARED[c][0] for c in changed))
        column = changed[0]
        was, now = _shown_value(old.get(column)), _shown_value(record[column])
        problems.append(
            problem(
                content,
                record["id"],
                f"{record['id']}.{COMPARED[column][1]}",
                f"{' and '.join(what)} changed since the published figures of "
                f"{published.updated.isoformat()} ({column} was {was}, now {now}) and no entry "
                "in changes.yml dated on or after then names it; log the change",
                "warning",
            )
        )
    return problems


def _norm(value: Any) -> Any:
    """Values as JSON reads them back: 5 and 5.0 are one value, a list the same as a tuple."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    return value


def _shown_value(value: Any) -> str:
    """A value for the message: a number as written, text quoted (and cut short)."""
    if value is None:
        return "not given"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(round(value, 6))
    if isinstance(value, list):
        return shown(", ".join(str(v) for v in value))
    return shown(value)
