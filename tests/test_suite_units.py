"""How `make test` shares the suite between its two workers (tests/conftest.py)."""

from __future__ import annotations

from tests.conftest import xdist_unit

PAGES = "tests/browser/test_browser_pages.py"


def test_each_test_is_a_unit_of_its_own() -> None:
    assert xdist_unit("tests/test_cache.py::test_a") == "tests/test_cache.py::test_a"
    assert xdist_unit("tests/test_cache.py::test_b[x]") == "tests/test_cache.py::test_b[x]"
    looks = "tests/browser/test_browser_looks.py::test_home[mkdocs-dark]"
    assert xdist_unit(looks) == looks


def test_the_page_tests_of_one_engine_are_one_unit() -> None:
    assert xdist_unit(f"{PAGES}::test_every_page_loads_without_console_errors[mkdocs]") == (
        "tests/browser/test_browser_pages.py-mkdocs"
    )
    assert xdist_unit(f"{PAGES}::test_every_page_passes_axe_at_wcag_21_aa[mkdocs-dark]") == (
        "tests/browser/test_browser_pages.py-mkdocs"
    )
    assert xdist_unit(f"{PAGES}::test_every_page_passes_axe_at_wcag_21_aa[zensical-light]") == (
        "tests/browser/test_browser_pages.py-zensical"
    )
