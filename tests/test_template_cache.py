"""Compiled templates: once per process, shared by every environment (each edition's pages,
each edition's MkDocs theme), and never kept on disk, where `.cache/` is untrusted."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.mkdocs_adapter import ThemeCache
from generator.template_cache import COMPILED, CompiledTemplates
from tests.support import run


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template Jinja compiles from here on."""
    compiled: list[str] = []
    plain = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        compiled.append(name or "")
        return plain(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    return compiled


def _env(folder: Path, store: CompiledTemplates) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=store)


def test_a_template_is_compiled_once_for_every_environment_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    store = CompiledTemplates()
    compiled = _counting(monkeypatch)

    first = _env(tmp_path, store).get_template("page.html").render(name="en")
    second = _env(tmp_path, store).get_template("page.html").render(name="uk")

    assert (first, second) == ("Hello en", "Hello uk")
    assert compiled == ["page.html"]


def test_two_sources_under_one_name_keep_an_entry_each_and_an_edit_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    en, uk = tmp_path / "en", tmp_path / "uk"
    for folder, words in ((en, "Hello"), (uk, "Привіт")):
        folder.mkdir()
        (folder / "main.html").write_text(words, encoding="utf-8")
    store = CompiledTemplates()
    compiled = _counting(monkeypatch)

    rendered = [
        _env(folder, store).get_template("main.html").render() for folder in (en, uk, en, uk)
    ]
    (en / "main.html").write_text("Hi", encoding="utf-8")
    edited = _env(en, store).get_template("main.html").render()

    assert rendered == ["Hello", "Привіт", "Hello", "Привіт"]
    assert edited == "Hi"
    assert compiled == ["main.html", "main.html", "main.html"]  # en, uk, then the edit


def test_every_editions_theme_shares_the_process_store():
    assert ThemeCache().bytecode is COMPILED
    assert ThemeCache(Path("x")).bytecode is ThemeCache().bytecode


def test_a_build_keeps_no_compiled_template_on_disk(rich_drawn: Path):
    result = run(rich_drawn, "build")
    assert result.exit_code == 0, result.output

    cache = rich_drawn / ".cache" / "factsheet"
    assert (cache / "templates").is_dir()  # the theme's file listing and inline Markdown
    assert sorted(p.name for p in cache.rglob("*.jinja")) == []
