"""What a build is made from, hashed, and what the last build left: so that `factsheet build`
with nothing changed keeps the site it built last time instead of building it again.

A build's output is a function of its inputs (tests/test_reproducible.py): the sheet's files
(content/, site_src/, mkdocs.yml and any file it INHERITs, and the theme custom_dir and watch
paths mkdocs.yml names), the site URL, the environment variables mkdocs.yml names, the locale
variables and SOURCE_DATE_EPOCH, and the code (`code_key` in code.py: the generator package's
every file, Python's version and every installed distribution's name and version). When all of
those hash as they did for the last successful build, and docs_dir and site_dir still hold
exactly the files that build left (same names, sizes and modification times), building again
would write the same bytes. Anything else, including a record that cannot be read, builds;
so does every build of a sheet whose mkdocs.yml runs code that may read other files
(`cacheable`).

The record is JSON (`last-build.json` in the sheet's cache folder): data only, nothing in it
runs, and checked like every entry (see store.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..project import Project
from . import store
from .code import code_key

RECORD = "last-build.json"
_LOCALE = {"LANG", "LANGUAGE", "TZ"}
"""Environment variables that may change how a library formats text or dates."""
_VERSION = 1
"""Of the record's layout; a record of another layout is not read."""


def cacheable(project: Project) -> bool:
    """False when mkdocs.yml runs code of the sheet's own or another package's that may read
    any file (hooks, plugins other than search, a Markdown extension that includes files):
    then no hash can tell whether the output would change, and every build builds."""
    data = project.settings.settings
    plugins = data.get("plugins") or []
    names = [*plugins] if isinstance(plugins, (list, dict)) else [plugins]
    names = [next(iter(n)) if isinstance(n, dict) and n else n for n in names]
    extensions = data.get("markdown_extensions") or []
    used = [next(iter(e)) if isinstance(e, dict) and e else e for e in extensions]
    return (
        not data.get("hooks")
        and all(n in ("search", "material/search") for n in names)
        and not any(re.search("snippets|include", str(e)) for e in used)
    )


def engine_key(project: Project) -> str:
    """The hash of what MkDocs' work depends on besides the generated folder: the code,
    mkdocs.yml and the files it INHERITs or names, the site URL, the output folders,
    SOURCE_DATE_EPOCH and the environment variables mkdocs.yml names."""
    sha = hashlib.sha256(f"{_VERSION}\0{code_key()}\0".encode())
    root = project.root
    options = {
        "site_url": project.site_url,
        "engine": project.engine,
        "docs_dir": str(project.docs_dir),
        "site_dir": str(project.site_dir),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
    }
    config = project.settings  # mkdocs.yml as read once per build: not opened again here
    config_text = "\n".join(t.decode("utf-8", errors="replace") for t in config.texts)
    # `!ENV NAME` in mkdocs.yml reads the environment: every variable named there is an input.
    named = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", config_text))
    options |= {
        f"env:{k}": v
        for k, v in sorted(os.environ.items())
        if k in named or k in _LOCALE or k.startswith("LC_")
    }
    sha.update(json.dumps(options, sort_keys=True).encode())
    for path, data in sorted(zip(config.files, config.texts, strict=True)):
        _hash_bytes(sha, root, path, data)
    for path in _named_paths(project):
        _hash_files(sha, root, _files_under(path) if path.is_dir() else [path])
    return sha.hexdigest()


def inputs_key(project: Project) -> str:
    """The hash of everything the build of `project` is made from (see the module's doc)."""
    sha = hashlib.sha256(engine_key(project).encode())
    for folder in (project.content_dir, project.site_src):
        _hash_files(sha, project.root, _files_under(folder))
    return sha.hexdigest()


def input_paths(project: Project) -> list[Path]:
    """The sheet's files and folders whose bytes `inputs_key` hashes: what `serve` watches."""
    files = [*project.settings.files, *_named_paths(project)]
    return [project.content_dir, project.site_src, *files]


def _named_paths(project: Project) -> list[Path]:
    """Files and folders mkdocs.yml names that MkDocs reads: a theme's custom_dir, watched
    paths. Inside the sheet only."""
    data = project.settings.settings
    theme = data.get("theme")
    named: list[Any] = [theme.get("custom_dir")] if isinstance(theme, dict) else []
    watched = data.get("watch")
    named += watched if isinstance(watched, list) else [watched]
    root = project.root
    paths = [(root / str(n)).resolve() for n in named if isinstance(n, str) and n]
    return sorted(p for p in paths if p.is_relative_to(root) and p.exists())


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if "__pycache__" not in p.parts and p.is_file()]


def _hash_files(sha: Any, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        _hash_bytes(sha, root, path, data)


def _hash_bytes(sha: Any, root: Path, path: Path, data: bytes) -> None:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    sha.update(f"\0{name}\0{len(data)}\0".encode())
    sha.update(data)


def _manifest(folder: Path) -> dict[str, list[int]]:
    """{relative path: [size, modification time in ns]} of every file under `folder`."""
    found: dict[str, list[int]] = {}
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            found[os.path.relpath(path, folder)] = [info.st_size, info.st_mtime_ns]
    return found


@dataclass
class Record:
    """The last successful build: what it was made from, what it left, what it reported."""

    key: str
    docs: dict[str, list[int]]
    site: dict[str, list[int]]
    pages: int
    charts: int
    warnings: list[dict[str, Any]]

    def problems(self) -> list[Problem]:
        return [Problem(**w) for w in self.warnings]


def unchanged(project: Project, key: str) -> Record | None:
    """The last build's record, if it was made from `key` and its output is untouched."""
    try:
        data = json.loads(store.read(project.cache_dir / RECORD) or b"")
        if data.pop("version") != _VERSION:
            return None
        record = Record(**data)
        record.problems()  # a record whose warnings cannot be read is not used
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if record.key != key or not project.docs_dir.is_dir() or not project.site_dir.is_dir():
        return None
    if _manifest(project.docs_dir) != record.docs or _manifest(project.site_dir) != record.site:
        return None
    return record


def remember(project: Project, key: str, pages: int, charts: int, warnings: list[Problem]) -> None:
    """Write the record of the build that just put its folders in place. A record that cannot
    be written only means the next build builds."""
    record = Record(
        key=key,
        docs=_manifest(project.docs_dir),
        site=_manifest(project.site_dir),
        pages=pages,
        charts=charts,
        warnings=[asdict(w) for w in warnings],
    )
    store.write(
        project.cache_dir / RECORD, json.dumps({"version": _VERSION, **asdict(record)}).encode()
    )


def forget(project: Project) -> None:
    """Drop the record before a build replaces the folders it describes."""
    store.discard(project.cache_dir / RECORD)


def compiled_templates(project: Project) -> Path:
    """The folder of inline Markdown's HTML and the theme's file listing for this code
    (compiled templates are kept in the user's cache folder, never here: see
    template_cache.py); folders left by other code are removed, so the cache does not grow
    with every upgrade."""
    parent = project.cache_dir / "templates"
    folder = parent / code_key()[:32]
    if not folder.is_dir() and parent.is_dir():
        for other in parent.iterdir():
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
    return folder
