"""Jinja templates compiled once per process, for every later render in it: each edition's
pages, the theme's templates for each edition's MkDocs build, and every preview rebuild.

Compiling templates is much of the cost of rendering, for our page templates and the theme's.
Before, each edition's MkDocs build compiled the theme's again (about 0.25 s of CPU for the
second edition of the war sheet); one store per process compiles each template once. Jinja
checks every entry against the template's current source (a checksum of it) before using it,
so an edited template, or an edition's own version of one, is compiled afresh.

Never kept on disk: a compiled template is Python code, and `.cache/` is untrusted (README,
Security model). A hash of an entry's bytes guards against damage, not against a cache that
someone wrote on purpose (a CI cache, a committed `.cache/`), and no check short of compiling
the template again can tell that an entry is what its source compiles to. So a new process
compiles the templates it uses, once.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class SourceKeyed(jinja2.BytecodeCache):
    """Jinja's bytecode cache with each entry keyed by its template's source too."""

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
    """A bytecode cache in this process's memory only."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)
        except Exception:  # noqa: BLE001 - any unreadable entry is only compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
"""The process's one store: the pages' environments and every MkDocs theme environment share
it (their keys hold each template's file, and Jinja checks each entry's source)."""
