"""The sheet's cache: what a build is made from, and the work kept between builds.

Everything kept between processes is in the sheet's `.cache/factsheet/` folder, one kind of
work per folder, each entry named by the hash of everything that decides it:

    build.lock        one build of a sheet at a time (lock.py)
    last-build.json   the last build's inputs key and output listing      key: inputs_key
    code/             which modules each part of the generator imports    key: its files
    yaml/             parsed content files                                key: code + bytes
    charts/           SVG and PNG drawings                                key: part_key + data
    social/           the social-media image                              key: code + drawing
    templates/<code>/ inline Markdown's HTML, the theme's file listing     key: code_key + text
    pages/            MkDocs' converted pages and search entries          key: site's inputs

"The code" has one definition (code.py); a build's inputs have one (inputs.py): content/,
site_src/, mkdocs.yml and every file it INHERITs, the theme's custom_dir and watched paths,
the options, the environment mkdocs.yml reads, and the code. `build` keeps the last site
when `inputs_key` is unchanged, and `serve` rebuilds only when it changed (watching the files of
`watched`); both run the site engine only when `site_key` changed (pipeline.py); `check`
reads no cache. Every entry is written whole with
the hash of its bytes and checked on read, and what a build did not use is pruned (store.py):
the cache is never trusted, and the whole folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..project import Project
from .code import code_key, part_key
from .inputs import (
    cacheable,
    compiled_templates,
    engine_key,
    forget,
    input_paths,
    inputs_key,
    remember,
    unchanged,
)
from .store import guard

__all__ = [
    "cacheable",
    "code_key",
    "compiled_templates",
    "engine_key",
    "forget",
    "guard",
    "inputs_key",
    "part_key",
    "remember",
    "site_key",
    "unchanged",
    "input_paths",
]


def site_key(project: Project, docs: Path, language: str, skip: str | None = None) -> str:
    """The hash of everything the site engine builds the site from: the finished folder
    `docs` (engine_folder.py; but for its folder `skip`), the language settings
    (`engine_folder.language_key`), and `engine_key` (mkdocs.yml and what it includes, the
    theme's custom_dir, options, engine, code). Equal keys give the same site, so the engine
    need not run again."""
    sha = hashlib.sha256(f"{engine_key(project)}\0{language}\0".encode())
    skipped = docs / skip if skip else None
    for path in sorted(docs.rglob("*")):
        if skipped is not None and path.is_relative_to(skipped):
            continue
        if path.is_file():
            sha.update(f"\0{path.relative_to(docs).as_posix()}\0".encode())
            sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()
