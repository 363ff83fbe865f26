"""Read the YAML files under `content/` and merge their records into one Content.

Reading stops at what each file says on its own; whether the records agree with each other
is the validation package's job (`generator/validation/`), which drives these steps.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from pathlib import Path

from .content import KINDS, Content, Located
from .errors import ContentError, Problem, relative
from .models import ContentFile, Sheet
from .yaml_loader import KeptFiles, Loaded, YamlProblems, dotted, load_yaml, read_regular_file


def content_files(content_dir: Path) -> list[Path]:
    """The YAML files under `content_dir`. rglob does not enter a linked folder, and a linked
    file is refused when read; a linked content/ itself would lead anywhere, so it is refused."""
    if content_dir.is_symlink():
        raise ContentError(
            [Problem("content", 1, 1, "", "content/ is a symbolic link; keep the files in it")]
        )
    # The editions' overlays (content/editions/<tag>/) hold words, not records: the
    # editions package reads them.
    overlays = content_dir / "editions"
    return sorted(
        p
        for p in content_dir.rglob("*")
        if p.suffix in (".yml", ".yaml") and overlays not in p.parents
    )


def read_files(
    root: Path, kept: KeptFiles | None = None
) -> tuple[list[tuple[str, Loaded]], list[Problem], set[str]]:
    """Every YAML file of `root/content` parsed, as (name to show, parsed file); the problems
    of the files that could not be parsed; and the ids those files seem to define. With
    `kept`, files parsed by an earlier process are read from there."""
    content_dir = root / "content"
    files = content_files(content_dir)
    if not files:
        nothing = Problem(relative(content_dir, root), 1, 1, "", "no YAML files found")
        return [], [nothing], set()
    parsed: list[tuple[str, Loaded]] = []
    problems: list[Problem] = []
    unsure: set[str] = set()
    for path in files:
        display = relative(path, root)
        try:
            parsed.append((display, load_yaml(path, display, kept)))
        except YamlProblems as exc:
            problems.extend(exc.problems)
            unsure |= ids_written_in(path)
    if kept is not None:
        kept.prune()
    return parsed, problems, unsure


_ID_WRITTEN = re.compile(r"""\bid['"]?\s*:\s*['"]?([a-z0-9][a-z0-9-]*)""")


def ids_written_in(path: Path) -> set[str]:
    """Every id a file that failed to load seems to define (`id: x`, `{id: x}`), read from
    its text: the YAML could not tell, so any such line counts. Only what the loader may read
    is read; its problem already says what is wrong with anything else."""
    try:
        data = read_regular_file(path, path.name)
    except YamlProblems:
        return set()
    return set(_ID_WRITTEN.findall(data.decode("utf-8", errors="replace")))


def ids_in(data: object) -> set[str]:
    """The ids of the records of a file that failed validation, even of records that failed:
    references to them are not unknown, only their records are wrong. A misspelt `id` key
    (`idd:`, `ID:`), a misspelt kind (`figuers:`) or a record not in a list count too."""
    found: set[str] = set()
    # Every top-level list, not only the known kinds: `figuers:` holds figures too.
    for records in data.values() if isinstance(data, dict) else ():
        records = [records] if isinstance(records, dict) else records
        for record in records if isinstance(records, list) else ():
            if not isinstance(record, dict):
                continue
            if "id" in record:
                keys = ["id"]
            else:
                lower = {str(k).strip().lower(): k for k in record}
                keys = [lower[k] for k in difflib.get_close_matches("id", lower)]
            found |= {record[k] for k in keys if isinstance(record[k], str)}
    return found


def merge(
    parts: list[tuple[str, Loaded, ContentFile]], complete: bool = True
) -> tuple[Content, list[Problem], set[str]]:
    """One Content from the files' records; problems with ids used twice or the sheet; and
    the ids of the records left out as duplicates. `complete` is False when some files
    failed, and so may hold the sheet."""
    problems: list[Problem] = []
    skipped: set[str] = set()
    sheets = [(display, loaded, part.sheet) for display, loaded, part in parts if part.sheet]
    if len(sheets) > 1 or (complete and not sheets):
        seen = ", ".join(d for d, _, _ in sheets) or "content/"
        problems.append(
            Problem(
                sheets[1][0] if len(sheets) > 1 else "content",
                1,
                1,
                "sheet",
                f"expected exactly one `sheet:` mapping in content/, found {len(sheets)} ({seen})",
            )
        )
    tables: dict[str, dict[str, object]] = {kind: {} for kind in KINDS}
    where: dict[str, Located] = {}
    for display, loaded, part in parts:
        fields = _fields_by_record(loaded)
        for kind in KINDS:
            for index, item in enumerate(getattr(part, kind)):
                line, col = loaded.position((kind, index))
                if item.id in where:
                    first = where[item.id]
                    problems.append(
                        Problem(
                            display,
                            line,
                            col,
                            f"{kind}[{index}].id",
                            f"duplicate id {item.id!r} (first in {first.file}:{first.line}); "
                            "ids must be unique across the fact sheet",
                        )
                    )
                    skipped.add(item.id)
                    continue
                where[item.id] = Located(display, line, col, fields[(kind, index)])
                tables[kind][item.id] = item
    content = Content(
        # No sheet loaded (its file failed): an empty stand-in, never shown, so that the other
        # files' references can still be checked in this run.
        sheet=sheets[0][2] if sheets else Sheet.model_construct(),  # type: ignore[call-arg]
        # Each kind's table by its name; the derived figures as written are the specs, and
        # are computed into `derived` by the rules (validation/rules.py).
        **{kind: tables[kind] for kind in KINDS if kind != "derived"},  # type: ignore[arg-type]
        derived={},
        specs=tables["derived"],  # type: ignore[arg-type]
        where=where,
        sheet_at=_sheet_at(sheets[0][0], sheets[0][1]) if sheets else Located("content", 1, 1),
    )
    return content, problems, skipped


def _sheet_at(display: str, loaded: Loaded) -> Located:
    """Where the sheet is written, and each of its fields."""
    line, col = loaded.position(("sheet",))
    fields = {dotted(p[1:]): at for p, at in loaded.positions.items() if p[:1] == ("sheet",)}
    return Located(display, line, col, fields)


def _fields_by_record(loaded: Loaded) -> dict[tuple[str | int, ...], dict[str, tuple[int, int]]]:
    """{('figures', 3): {'source': (12, 13), 'inputs[0]': (30, 14)}} for one file."""
    records: dict[tuple[str | int, ...], dict[str, tuple[int, int]]] = defaultdict(dict)
    for path, position in loaded.positions.items():
        if len(path) > 2:
            records[path[:2]][dotted(path[2:])] = position
    return records
