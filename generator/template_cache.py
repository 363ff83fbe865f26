"""Jinja templates compiled once, for every later render in this process and, on disk, in later
processes.

Compiling templates was most of the cost of rendering, both for our page templates and for
the theme's: a new `factsheet build` compiled every one again. Jinja checks each entry against
the template's current source before using it, so an edited template is compiled afresh; the
disk folder is named by `cache.code_key()` (Jinja's and the generator's code, which set how a
template compiles), so no entry outlives the code that made it. Each entry is stored with the
hash of its bytes (cache/store.py): one cut short, corrupt or replaced by anything else is
compiled again, never trusted.

Entries are Python code in Jinja's own format (marshal, after a pickled checksum), as Jinja's
FileSystemBytecodeCache and Python's __pycache__ keep code. The hash guards against damage, not
against a person who writes the sheet's repository: like the hooks mkdocs.yml may name, the
folder is as trusted as the sheet's own configuration (README, Security model).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache

from .cache import store


class CompiledTemplates(jinja2.BytecodeCache):
    """A bytecode cache in memory, backed by `folder` when given."""

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            code = store.read(self.folder / f"{bucket.key}.jinja")
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
            store.write(self.folder / f"{bucket.key}.jinja", code)
