"""Material's search index, rewritten as UTF-8 (generator/search_index.py): the same data in
fewer bytes for every reader who searches the Ukrainian edition."""

from __future__ import annotations

import json
from pathlib import Path

from generator import search_index


def _site_with_index(tmp_path: Path, text: str) -> Path:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(text, encoding="ascii")
    return tmp_path


def test_letters_outside_ascii_are_written_as_utf8_in_materials_compact_form(tmp_path: Path):
    # As Material's search plugin writes it: json.dumps(data, separators=(",", ":")).
    escaped = (
        '{"config":{"lang":["en"],"fields":{"title":{"boost":1000.0}}},'
        '"docs":[{"location":"","title":"\\u0412\\u0456\\u0439\\u043d\\u0430","text":"\\u00ab1\\u00bb"}]}'
    )
    site = _site_with_index(tmp_path, escaped)

    search_index.unescape(site)

    written = (site / "search" / "search_index.json").read_bytes()
    assert (
        written
        == (
            '{"config":{"lang":["en"],"fields":{"title":{"boost":1000.0}}},'
            '"docs":[{"location":"","title":"Війна","text":"«1»"}]}'
        ).encode()
    )
    assert json.loads(written) == json.loads(escaped)


def test_a_site_without_an_index_or_with_a_broken_one_is_left_alone(tmp_path: Path):
    search_index.unescape(tmp_path)
    assert list(tmp_path.iterdir()) == []

    site = _site_with_index(tmp_path, '{"docs":[')
    search_index.unescape(site)
    assert (site / "search" / "search_index.json").read_text(encoding="ascii") == '{"docs":['


def test_the_built_editions_index_holds_cyrillic_as_text(built_editions: Path):
    index = (built_editions / "site" / "uk" / "search" / "search_index.json").read_text("utf-8")
    assert "\\u04" not in index
    assert any("\u0400" <= letter <= "\u04ff" for letter in index)
