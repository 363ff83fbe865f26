"""Jinja templates compiled once per process, and kept between processes in the user's own
cache folder (never the sheet's): each edition's pages, the theme's templates for each
edition's MkDocs build, every preview rebuild, and the next `factsheet build`.

Compiling templates is much of the cost of an edit's build (about 0.3 s of CPU for the war
sheet's 47, a third of an uncharted edit). Jinja checks every entry against its template's
current source before using it, so an edited template, or an edition's own version of one,
is compiled afresh.

Where compiled code may be kept: a compiled template is Python code that a later build runs.
The sheet's `.cache/` is untrusted (README, Security model): a CI cache or a committed
`.cache/` can hold anything, and no check short of compiling again can tell that an entry
is what its source compiles to. The user's cache folder (`$XDG_CACHE_HOME/factsheet/`, else
`~/.cache/factsheet/`) is not the sheet's: only the user's own processes write it, no sheet
or CI cache restores it, and whoever can write it can already change what the user runs
(`~/.bashrc`, the virtual environment). It is used only when its folders are the user's own,
are not links, and no one else may write them, and never when it lies inside the sheet.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

import jinja2
import jinja2.bccache

from .cache import store

ENTRIES_KEPT = 2000
"""At most this many compiled templates in the user's store; past it, the oldest half go."""


class SourceKeyed(jinja2.BytecodeCache):
    """Jinja's bytecode cache with each entry keyed by its template's source too."""

    def get_source_checksum(self, source: str) -> str:
        """SHA-256 of the source (Jinja's own is SHA-1)."""
        return hashlib.sha256(source.encode("utf-8")).hexdigest()

    def get_bucket(
        self,
        environment: jinja2.Environment,
        name: str,
        filename: str | None,
        source: str,
    ) -> jinja2.bccache.Bucket:
        """Jinja's bucket, keyed by the source too: two editions' versions of one template
        (under one stable key, see mkdocs_adapter) keep an entry each in a preview's process
        instead of replacing each other at every rebuild."""
        checksum = self.get_source_checksum(source)
        key = self.get_cache_key(name, filename) + checksum
        bucket = jinja2.bccache.Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket


class CompiledTemplates(SourceKeyed):
    """A bytecode cache in this process's memory, and in `folder` when it is given (see
    `user_folder`), where each entry is named by the hash of the template's name, file,
    source and everything of its environment that compiling reads (`fingerprint`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = folder
        self._pruned = False

    def keep_in(self, folder: Path | None) -> None:
        """Keep compiled templates in `folder` from now on too (None: in memory only)."""
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            code = store.read(self.folder / _entry_name(bucket))
            if code is not None:
                self._code[bucket.key] = code
        if code is None:
            return
        if not load(bucket, code):
            self._code.pop(bucket.key, None)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._code[bucket.key] = code
        if self.folder is not None:
            self._prune(self.folder)
            store.write(self.folder / _entry_name(bucket), code)

    def _prune(self, folder: Path) -> None:
        """Once per process, before its first new entry: the oldest half of the entries go
        when there are more than ENTRIES_KEPT (each template edit adds one)."""
        if self._pruned:
            return
        self._pruned = True
        try:
            entries = [e for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
            if len(entries) <= ENTRIES_KEPT:
                return
            entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
        except OSError:
            return
        for entry in entries[: len(entries) - ENTRIES_KEPT // 2]:
            store.discard(Path(entry.path))


def load(bucket: jinja2.bccache.Bucket, code: bytes) -> bool:
    """Fill `bucket` from `code` (what `bytecode_to_string` gave), or leave it empty.

    Jinja's own reader unpickles the stored checksum; here the stored bytes are only compared
    with the header this bucket would write, so nothing but the code itself is decoded."""
    header = jinja2.bccache.bc_magic + pickle.dumps(bucket.checksum, 2)
    if not code.startswith(header):
        bucket.reset()
        return False
    try:
        bucket.code = marshal.loads(code[len(header) :])
    except (EOFError, ValueError, TypeError):
        bucket.reset()
        return False
    return True


def _entry_name(bucket: jinja2.bccache.Bucket) -> str:
    sha = hashlib.sha256(f"{fingerprint(bucket.environment)}\0{bucket.key}".encode())
    return sha.hexdigest() + ".jinjac"


def fingerprint(env: jinja2.Environment) -> str:
    """Everything compiling a template reads besides its source: Python's and Jinja's
    versions, the syntax settings, autoescape, finalize, the extensions, and which filters and
    tests exist and what each asks to be passed (Jinja compiles those calls differently)."""

    def named(value: object) -> str:
        if value is None or isinstance(value, bool | str | int):
            return repr(value)
        module = getattr(value, "__module__", "")
        return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}"

    def passes(functions: Mapping[str, object]) -> str:
        return ",".join(
            f"{name}:{getattr(functions[name], 'jinja_pass_arg', '')}" for name in sorted(functions)
        )

    parts = [
        sys.version,
        jinja2.__version__,
        *(
            repr(getattr(env, setting))
            for setting in (
                "block_start_string",
                "block_end_string",
                "variable_start_string",
                "variable_end_string",
                "comment_start_string",
                "comment_end_string",
                "line_statement_prefix",
                "line_comment_prefix",
                "trim_blocks",
                "lstrip_blocks",
                "newline_sequence",
                "keep_trailing_newline",
                "optimized",
                "is_async",
            )
        ),
        named(env.autoescape),
        named(env.finalize),
        named(env.code_generator_class),
        named(env.context_class),
        ",".join(sorted(env.extensions)),
        passes(env.filters),
        passes(env.tests),
    ]
    return "\0".join(parts)


def user_folder(sheet: Path) -> Path | None:
    """The user's store of compiled templates, `$XDG_CACHE_HOME/factsheet/templates` (an
    absolute XDG_CACHE_HOME; else `~/.cache/...`), made if missing; None, and templates are
    kept in memory only, when it lies inside the sheet at `sheet`, or when `factsheet/` or
    `templates/` is a link, not a folder, another user's, or writable by others."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    try:
        base = Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"
    except RuntimeError:  # no home folder
        return None
    folder = base / "factsheet" / "templates"
    if Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(sheet)):
        return None
    try:
        base.mkdir(parents=True, exist_ok=True)
        for own in (folder.parent, folder):
            own.mkdir(mode=0o700, exist_ok=True)
            found = os.lstat(own)
            if (
                not stat.S_ISDIR(found.st_mode)
                or found.st_uid != os.getuid()
                or found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            ):
                return None
    except OSError:
        return None
    return folder


COMPILED = CompiledTemplates()
"""The process's one store: the pages' environments and every MkDocs theme environment share
it (their keys hold each template's file, and Jinja checks each entry's source). In memory
only until a command keeps it in the user's folder (`COMPILED.keep_in(user_folder(root))`)."""
