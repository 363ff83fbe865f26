"""Jinja templates compiled once, for every later render in this process and, on disk, in later
processes.

Compiling templates was most of the cost of rendering, both for our page templates and for
the theme's: a new `factsheet build` compiled every one again. Jinja checks each entry against
the template's current source before using it, so an edited template is compiled afresh; the
disk folder is named by `build_cache.code_key()` (Jinja's and the generator's code, which set
how a template compiles), so no entry outlives the code that made it. An entry that cannot be read
(cut short, corrupt) is compiled again, never trusted.

Entries are Python code in Jinja's own format (marshal, after a pickled checksum), as Jinja's
FileSystemBytecodeCache and Python's __pycache__ keep code: trusted as those are, because the
folder is the sheet's own `.cache/factsheet/`, which only factsheet writes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """A bytecode cache in memory, backed by `folder` when given."""

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                return
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # noqa: BLE001 - any unreadable entry is only compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        if self._code.get(bucket.key) == code:
            return
        self._code[bucket.key] = code
        if self.folder is not None:
            _write(self.folder / f"{bucket.key}.jinja", code)


def _write(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a parallel reader never sees half an entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs the next build a compile
