"""Compiled templates: once per process, shared by every environment (each edition's pages,
each edition's MkDocs theme), kept between processes in the user's own cache folder, and
never in the sheet's `.cache/`, which is untrusted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jinja2
import pytest

from generator import template_cache
from generator.mkdocs_adapter import ThemeCache
from generator.template_cache import COMPILED, CompiledTemplates, user_folder
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


def _env(folder: Path, store: CompiledTemplates, **settings: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), bytecode_cache=store, **settings
    )


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


def test_a_build_keeps_compiled_templates_in_the_users_cache_and_none_in_the_sheet(
    rich_drawn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(COMPILED, "_code", {})  # as in a new process
    result = run(rich_drawn, "build")
    assert result.exit_code == 0, result.output

    cache = rich_drawn / ".cache" / "factsheet"
    assert (cache / "templates").is_dir()  # the theme's file listing and inline Markdown
    assert sorted(p.name for p in cache.rglob("*.jinja*")) == []
    kept = list((tmp_path / "user-cache" / "factsheet" / "templates").glob("*.jinjac"))
    assert kept  # the pages' templates and the theme's
    compiled = _counting(monkeypatch)
    COMPILED._code.clear()  # as a new process starts
    (rich_drawn / "content" / "figures.yml").write_text(
        (rich_drawn / "content" / "figures.yml").read_text("utf-8") + "\n", encoding="utf-8"
    )
    assert run(rich_drawn, "build").exit_code == 0
    assert compiled == []


def test_a_template_compiled_by_one_process_is_read_by_the_next_from_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    store = tmp_path / "store"
    store.mkdir()
    compiled = _counting(monkeypatch)

    first = _env(tmp_path, CompiledTemplates(store), autoescape=True)
    assert first.get_template("page.html").render(name="<b>") == "<p>&lt;b&gt;</p>"
    later = _env(tmp_path, CompiledTemplates(store), autoescape=True)  # a new process's
    assert later.get_template("page.html").render(name="<i>") == "<p>&lt;i&gt;</p>"

    assert compiled == ["page.html"]
    assert len(list(store.iterdir())) == 1


def test_an_entry_is_never_used_by_an_environment_that_compiles_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    store = tmp_path / "store"
    store.mkdir()
    compiled = _counting(monkeypatch)

    escaped = _env(tmp_path, CompiledTemplates(store), autoescape=True)
    plain = _env(tmp_path, CompiledTemplates(store), autoescape=False)

    assert escaped.get_template("page.html").render(name="<b>") == "<p>&lt;b&gt;</p>"
    assert plain.get_template("page.html").render(name="<b>") == "<p><b></p>"
    assert compiled == ["page.html", "page.html"]


def test_a_damaged_or_foreign_entry_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    store = tmp_path / "store"
    store.mkdir()
    _env(tmp_path, CompiledTemplates(store)).get_template("page.html")
    (entry,) = store.iterdir()
    entry.write_bytes(entry.read_bytes()[:-7] + b"garbled")
    compiled = _counting(monkeypatch)

    again = _env(tmp_path, CompiledTemplates(store)).get_template("page.html")
    assert again.render(name="you") == "Hello you"
    assert compiled == ["page.html"]


def test_an_entry_written_for_another_source_is_refused_by_its_checksum(tmp_path: Path):
    env = jinja2.Environment()
    written = jinja2.bccache.Bucket(env, "page.html", "a" * 64)
    written.code = compile("x = 1", "page.html", "exec")
    code = written.bytecode_to_string()

    other = jinja2.bccache.Bucket(env, "page.html", "b" * 64)
    assert template_cache.load(other, code) is False
    assert other.code is None
    same = jinja2.bccache.Bucket(env, "page.html", "a" * 64)
    assert template_cache.load(same, code) is True
    assert same.code is not None


def test_the_store_keeps_its_newest_entries_past_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(template_cache, "ENTRIES_KEPT", 4)
    store = tmp_path / "store"
    store.mkdir()
    for n in range(6):
        (store / f"old{n}.jinjac").write_bytes(b"x")
        os.utime(store / f"old{n}.jinjac", (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "page.html").write_text("Hi", encoding="utf-8")

    _env(tmp_path, CompiledTemplates(store)).get_template("page.html")

    names = sorted(p.name for p in store.iterdir())
    assert [n for n in names if n.startswith("old")] == ["old4.jinjac", "old5.jinjac"]
    assert len(names) == 3  # the two newest old ones and the new one


def test_the_users_folder_is_made_private_and_never_inside_the_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    sheet = tmp_path / "sheet"
    sheet.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = user_folder(sheet)
    assert folder == tmp_path / "xdg" / "factsheet" / "templates"
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0

    monkeypatch.setenv("XDG_CACHE_HOME", str(sheet / ".cache"))
    assert user_folder(sheet) is None
    assert not (sheet / ".cache").exists()

    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # XDG: ignored, so ~/.cache
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_folder(sheet) == tmp_path / "home" / ".cache" / "factsheet" / "templates"


@pytest.mark.parametrize("unsafe", ["link", "others-can-write", "file"])
def test_a_users_folder_that_others_could_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unsafe: str
):
    base = tmp_path / "xdg"
    base.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    if unsafe == "link":
        (tmp_path / "elsewhere").mkdir()
        (base / "factsheet").symlink_to(tmp_path / "elsewhere")
    elif unsafe == "others-can-write":
        (base / "factsheet").mkdir()
        os.chmod(base / "factsheet", 0o777)
    else:
        (base / "factsheet").mkdir()
        (base / "factsheet" / "templates").write_text("", encoding="utf-8")

    assert user_folder(tmp_path / "sheet") is None
