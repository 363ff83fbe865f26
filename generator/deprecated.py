"""The sheet format's deprecated names, each still accepted for one minor version with a
warning that names its replacement (CHANGELOG.md, "Deprecated").

A sheet written for an earlier version keeps building after an upgrade, and its author learns
what to rename from the warnings, at the line to edit, before the next version refuses it.
Every deprecated name is listed here, a renamed field also on its model (`renamed`), whose
error names the new field when a record holds both.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import Problem
from .models import EditorNote
from .yaml_loader import FieldPath, Loaded, dotted

REMOVED_IN = "0.3.0"
"""The version that will refuse every name below."""

RENAMED_FIELDS: dict[str, dict[str, str]] = {"notes": EditorNote.renamed}
"""{record kind: {old field: new field}}: a record may use the old name instead of the new."""

TEMPLATE_TESTS: dict[str, str] = {"derived": "q.computed"}
"""{Jinja test: what to write instead}: `q is derived` still works, and says so."""


def renamed_fields(loaded: Loaded, display: str) -> tuple[Any, list[Problem]]:
    """`loaded.data` with every renamed field under its new name, and a warning for each at
    the old name's key. A record holding both names is left as it is: the model refuses the
    old one, naming the new."""
    data = loaded.data
    if not isinstance(data, dict):
        return data, []
    warnings: list[Problem] = []
    changed = dict(data)
    for kind, renames in RENAMED_FIELDS.items():
        records = data.get(kind)
        if not isinstance(records, list):
            continue
        new_records = []
        for index, record in enumerate(records):
            if isinstance(record, dict):
                record = _renamed(record, renames, (kind, index), loaded, display, warnings)
            new_records.append(record)
        changed[kind] = new_records
    return (changed, warnings) if warnings else (data, [])


def _renamed(
    record: dict[str, Any],
    renames: dict[str, str],
    at: FieldPath,
    loaded: Loaded,
    display: str,
    warnings: list[Problem],
) -> dict[str, Any]:
    result = dict(record)
    for old, new in renames.items():
        if old not in record or new in record:
            continue
        result = {(new if key == old else key): value for key, value in result.items()}
        line, column = loaded.key_position((*at, old))
        for table in (loaded.positions, loaded.keys):  # a problem with the value finds it
            if (*at, old) in table:
                table[(*at, new)] = table[(*at, old)]
        warnings.append(
            Problem(
                display,
                line,
                column,
                dotted((*at, old)),
                f"{old!r} is deprecated and will be refused from version {REMOVED_IN}: "
                f"rename it to {new!r}",
                level="warning",
            )
        )
    return result


_TEST = re.compile(r"\bis\s+(?:not\s+)?(" + "|".join(TEMPLATE_TESTS) + r")\b")


def template_warnings(site_src: Path, root: Path) -> list[Problem]:
    """A warning at each use of a deprecated Jinja test in the sheet's templates."""
    warnings = []
    for path in sorted(site_src.rglob("*.j2")) if site_src.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # rendering says what is wrong with it
        shown = path.relative_to(root).as_posix()
        for number, line in enumerate(text.splitlines(), 1):
            for found in _TEST.finditer(line):
                name = found.group(1)
                warnings.append(
                    Problem(
                        shown,
                        number,
                        found.start() + 1,
                        "",
                        f"the test 'is {name}' is deprecated and will be removed in version "
                        f"{REMOVED_IN}: write {TEMPLATE_TESTS[name]} instead",
                        level="warning",
                    )
                )
    return warnings


def template_tests() -> dict[str, Any]:
    """The deprecated Jinja tests, working as their replacements do."""
    return {"derived": lambda value: bool(getattr(value, "computed", False))}
