"""Reading a module's imports for the code's cache keys (cache/code.py): each import line
parsed alone, and the whole module whenever a line scan could miss one."""

from __future__ import annotations

import ast

import pytest

from generator.cache import code

MODULE = b'''"""A module.

It says: import this and that, from the top.
"""
from __future__ import annotations

import json, os
from .numbers import (
    quantity,
    scaled,
)

if TYPE_CHECKING:
    from .content import Content


def draw() -> None:
    import vl_convert as vlc
    from ..cache import store
'''


def imports(source: bytes) -> list[str]:
    return [
        ast.unparse(node)
        for node in code._import_statements(source, "m.py")
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def test_every_import_line_is_read_indented_or_parenthesised_and_prose_is_not():
    assert imports(MODULE) == [
        "from __future__ import annotations",
        "import json, os",
        "from .numbers import quantity, scaled",
        "from .content import Content",
        "import vl_convert as vlc",
        "from ..cache import store",
    ]


@pytest.mark.parametrize(
    "hidden",
    [
        b"if TYPE_CHECKING: import altair\n",
        b"x = 1; import altair\n",
        b"from . \\\n    import altair\n",
        b'"""\nimport the rest of the page\n"""\nimport altair\n',  # prose that fails to parse
    ],
)
def test_a_module_whose_imports_a_line_scan_could_miss_is_parsed_whole(hidden: bytes):
    found = imports(MODULE + hidden)

    assert found[:6] == imports(MODULE)
    assert any("altair" in line for line in found[6:])


def test_the_chart_codes_modules_are_those_the_whole_parse_finds():
    """The line scan against parsing each module whole, on the generator as it is."""
    for path in sorted(code.PACKAGE.rglob("*.py")):
        source = path.read_bytes()
        whole = {
            ast.dump(node)
            for node in code._statements(ast.parse(source).body)
            if isinstance(node, (ast.Import, ast.ImportFrom))
        }
        scanned = {
            ast.dump(node)
            for node in code._import_statements(source, str(path))
            if isinstance(node, (ast.Import, ast.ImportFrom))
        }
        assert whole <= scanned, path
