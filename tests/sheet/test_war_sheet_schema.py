"""The war sheet's content files point editors at the schema and pass it (the schema itself
is tested on fixtures in tests/test_schema.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import REPO
from tests.test_schema import SCHEMA_COMMENT, content_files, schema_errors


@pytest.mark.parametrize("path", content_files(REPO), ids=lambda p: p.name)
def test_every_content_file_points_at_the_schema_and_passes_it(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT
    assert schema_errors(path) == []
