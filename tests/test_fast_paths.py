"""The generator's speed-ups change nothing but speed: libyaml reads content as the pure-Python
parser does, lookups by id answer as a scan of every record would, and what is remembered
between builds in one process is dropped when its source changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator import yaml_loader
from generator.render import inline_md, render_pages
from generator.validation import load_and_validate
from generator.yaml_loader import YamlProblems, load_yaml
from tests.golden import FIXTURES
from tests.support import ENGLISH

RICH = FIXTURES / "rich"
NOTE = "note-crossings-are-not-people"
"""The rich fixture's one editor's note, about north-crossings."""


def _load_without_libyaml(monkeypatch: pytest.MonkeyPatch, path: Path, display: str):
    with monkeypatch.context() as m:
        m.setattr(yaml_loader, "_FAST_LOADER", None)
        m.setattr(yaml_loader, "_RECENT", type(yaml_loader._RECENT)())
        return load_yaml(path, display)


@pytest.mark.parametrize("name", sorted(p.name for p in (RICH / "content").glob("*.yml")))
def test_libyaml_and_pure_python_read_the_content_alike(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes((RICH / "content" / name).read_bytes())

    fast = load_yaml(path, f"content/{name}")
    slow = _load_without_libyaml(monkeypatch, path, f"content/{name}")

    assert fast.data == slow.data
    assert fast.positions == slow.positions
    assert fast.keys == slow.keys


@pytest.mark.parametrize(
    "data",
    [b"a: [1, 2\nb: c\n", b"a: b: c\n", b"- a\nb: c\n", b"a: *nowhere\n", b"a: 'open\n"],
)
def test_invalid_yaml_reads_the_same_with_or_without_libyaml(
    data: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(data)
    with pytest.raises(YamlProblems) as fast:
        load_yaml(path, "content/a.yml")
    with pytest.raises(YamlProblems) as slow:
        _load_without_libyaml(monkeypatch, path, "content/a.yml")
    assert [str(p) for p in fast.value.problems] == [str(p) for p in slow.value.problems]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(path, "content/a.yml").data == {"a": 1}

    path.write_text("a: 2\n", encoding="utf-8")

    assert load_yaml(path, "content/a.yml").data == {"a": 2}


def test_lookups_answer_as_a_scan_of_every_record_would(rich: Path) -> None:
    content = load_and_validate(rich)
    quantities = [*content.figures.values(), *content.derived.values()]
    for topic in content.sheet.topics:
        assert content.by_topic(topic) == [q for q in quantities if q.topic == topic]
        assert content.statements_on(topic) == sorted(
            (s for s in content.statements.values() if s.topic == topic),
            key=lambda s: s.date.first_day(),
        )
    for item_id in [*content.figures, *content.derived, *content.statements]:
        assert content.notes_about(item_id) == [
            n for n in content.notes.values() if item_id in n.about
        ]
    for source_id in content.sources:
        expected = [
            *[
                (kind, item.id)
                for kind in ("figures", "statements", "events")
                for item in getattr(content, kind).values()
                if source_id in (item.source, item.via)
            ],
            *[
                ("notes", n.id)
                for n in content.notes.values()
                if source_id in (n.source, n.claim_source)
            ],
            *[("derived", d.id) for d in content.derived.values() if source_id in d.sources],
        ]
        assert content.citations(source_id) == expected


def test_content_cannot_be_changed_once_loaded_so_its_lookups_stay_right(rich: Path) -> None:
    """Lookups are built once; a record replaced, added or removed later would make them lie."""
    content = load_and_validate(rich)
    assert [n.id for n in content.notes_about("north-crossings")] == [NOTE]
    note = content.notes[NOTE]
    other = note.model_copy(update={"about": ["south-crossings"]})

    with pytest.raises(TypeError):
        content.notes[note.id] = other  # replaced in place
    with pytest.raises(TypeError):
        content.notes["extra-note"] = other  # added
    with pytest.raises(TypeError):
        del content.notes[note.id]
    with pytest.raises(AttributeError):
        content.notes = {note.id: other}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        content.warnings.append(note)  # type: ignore[attr-defined]

    assert [n.id for n in content.notes_about("north-crossings")] == [NOTE]
    assert content.notes[NOTE] is note


def test_a_record_cannot_be_changed_once_loaded(rich: Path) -> None:
    content = load_and_validate(rich)
    note = content.notes[NOTE]

    with pytest.raises(ValidationError, match="frozen"):
        note.about = ["south-crossings"]  # type: ignore[misc]

    assert content.notes_about("south-crossings") == []


def test_a_copy_with_other_records_has_lookups_of_its_own(rich: Path) -> None:
    """The preview server draws one chart from a copy holding only it: that copy answers for
    its own records, and the original is unchanged."""
    content = load_and_validate(rich)
    note = content.notes[NOTE]
    moved = note.model_copy(update={"about": ["south-crossings"]})

    copy = replace(content, notes={note.id: moved})

    assert [n.id for n in copy.notes_about("south-crossings")] == [NOTE]
    assert copy.notes_about("north-crossings") == []
    assert [n.id for n in content.notes_about("north-crossings")] == [NOTE]


def test_each_text_is_converted_on_its_own() -> None:
    assert inline_md("[r]: https://example.org/") == ""
    # A reference defined in an earlier text must not turn this one into a link.
    assert inline_md("see [r]") == "see [r]"


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    pages = tmp_path / "site_src" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md.j2").write_text("one\n", encoding="utf-8")
    assert [(p.path, p.body) for p in render_pages(tmp_path / "site_src", {}, str, ENGLISH)] == [
        ("index.md", "one\n")
    ]

    (pages / "index.md.j2").write_text("two\n", encoding="utf-8")

    assert [(p.path, p.body) for p in render_pages(tmp_path / "site_src", {}, str, ENGLISH)] == [
        ("index.md", "two\n")
    ]
