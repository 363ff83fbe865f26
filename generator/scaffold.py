"""`factsheet new DIR`: a small fact sheet that builds at once, to start from."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import UsageError
from .schema import write_schema

SCAFFOLD = Path(__file__).parent / "scaffold"


def scaffold(target: Path) -> list[Path]:
    """Copy the starter fact sheet into `target`; refuse to touch a folder that has files."""
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; choose a new folder")
    shutil.copytree(SCAFFOLD, target, dirs_exist_ok=True)
    write_schema(target)  # the starter's content files point at it, for help while typing
    return sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())
