"""Jinja templates compiled once per process, for every rebuild after the first.

Compiling templates was most of the cost of rendering a rebuild in `factsheet serve` and the
benchmark, both for our page templates and for the theme's. Jinja checks each entry against
the template's current source before using it, so an edited template is compiled afresh.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """An in-memory bytecode cache."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
