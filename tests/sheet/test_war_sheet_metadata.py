"""The war sheet's pages describe themselves well enough to be found and shared (the
generator's metadata is tested on the rich fixture in tests/test_metadata.py)."""

from __future__ import annotations

from pathlib import Path

from tests.test_metadata import meta, pages


def test_every_page_has_a_description_of_its_own_long_enough_to_say_something(built: Path):
    found = pages(built)
    assert len(found) >= 6
    descriptions = [meta(p, "description") for p in found.values()]
    assert len(set(descriptions)) == len(descriptions)
    assert all(d and len(d) > 50 for d in descriptions)
