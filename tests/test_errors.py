"""Bad input: one line per problem with file:line:col, field and expected/found; every problem
in one run; exit 1 for content, 2 for usage; no traceback; the earlier site/ left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.scaffold import scaffold
from tests.support import ONE_FIGURE, STARTED, edit, run, snapshot

FIGURES = ONE_FIGURE


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("errors") / "sheet"
    scaffold(root, today=STARTED)
    (root / "content" / "figures.yml").write_text(FIGURES, encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def root(built_once: Path, tmp_path: Path) -> Path:
    """A sheet whose site/ was built from good content, ready for a bad edit."""
    return Path(shutil.copytree(built_once, tmp_path / "sheet"))


def write(root: Path, name: str, text: str | bytes) -> None:
    path = root / "content" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def build_fails(root: Path, *expected: str) -> list[str]:
    """Build; assert exit 1, these exact lines, no traceback, site/ byte for byte as it was."""
    site = snapshot(root / "site")
    content = snapshot(root / "content")
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(lines) - 1} error(s); nothing was written."
    if expected:
        assert lines[:-1] == list(expected)
    assert snapshot(root / "site") == site
    assert snapshot(root / "content") == content
    return lines[:-1]


def test_duplicate_key_is_an_error_not_silent_data_loss(root: Path) -> None:
    edit(
        root,
        "figures.yml",
        "    value: 8200000000\n",
        "    value: 8200000000\n    value: 8300000000\n",
    )
    build_fails(
        root,
        "content/figures.yml:8:5: figures[0].value: duplicate key 'value' (first on line 7); "
        "YAML would keep only the last one",
    )


def test_text_that_is_not_utf8(root: Path) -> None:
    write(root, "figures.yml", FIGURES.replace("the world", "the w\xf6rld").encode("latin-1"))
    build_fails(
        root,
        "content/figures.yml:3:27: the file is not UTF-8 text (byte 0xf6); save it as UTF-8",
    )


def test_tab_indentation(root: Path) -> None:
    edit(root, "figures.yml", "    unit: people", "\tunit: people")
    build_fails(root, "content/figures.yml:8:1: a tab is used for indentation; YAML needs spaces")


def test_unknown_key_suggests_the_field_meant(root: Path) -> None:
    edit(root, "figures.yml", "    source: un-wpp-2024", "    sorce: un-wpp-2024")
    # One problem, not two: the misspelt key is not also reported as a missing `source`.
    build_fails(
        root,
        "content/figures.yml:10:5: figures[0].sorce: unknown field 'sorce'; did you mean 'source'?",
    )


def test_unknown_key_without_a_close_match_lists_the_fields(root: Path) -> None:
    edit(root, "figures.yml", "    unit: people", "    unit: people\n    colour: blue")
    (line,) = build_fails(root)
    assert line.startswith(
        "content/figures.yml:9:5: figures[0].colour: unknown field 'colour'; expected one of: "
        "as_of, dated_in_label, headline, high, "
    )
    assert ", source, timeless, topic, unit, value, via" in line


def test_a_misspelt_choice_suggests_the_one_meant(root: Path) -> None:
    edit(root, "sources.yml", "    kind: dataset", "    kind: datset")
    build_fails(
        root,
        "content/sources.yml:9:11: sources[0].kind: expected one of 'report', 'news', "
        "'article', 'official', 'speech', 'social', 'broadcast', 'dataset' or 'reference', "
        "got 'datset'; did you mean 'dataset'?",
    )


def test_a_bad_key_points_at_the_key(root: Path) -> None:
    edit(root, "sheet.yml", "    world: The world", "    World: The world")
    build_fails(
        root,
        "content/sheet.yml:14:5: sheet.sides.World: expected an id of lower-case letters, "
        "digits and hyphens, got 'World'",
    )


@pytest.mark.parametrize(
    ("word", "boolean"), [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false")]
)
def test_yes_no_on_off_are_not_silently_booleans(root: Path, word: str, boolean: str) -> None:
    # `side: no` is the classic: Norway's country code read as false.
    edit(
        root,
        "figures.yml",
        "    measure: population\n",
        f"    measure: population\n    side: {word}\n",
    )
    build_fails(
        root,
        f"content/figures.yml:7:11: figures[0].side: {word!r} is read as the boolean {boolean}; "
        f"write true or false, or quote it ('{word}') if you meant text",
    )


@pytest.mark.parametrize("written", ['"1,200,000"', "1,200,000", "'1 200 000'"])
def test_numbers_written_as_text(root: Path, written: str) -> None:
    edit(root, "figures.yml", "    value: 8200000000", f"    value: {written}")
    text = written.strip("'\"")
    build_fails(
        root,
        f"content/figures.yml:7:12: figures[0].value: expected a number, got the text {text!r}; "
        "write it without quotes or separators: 1200000",
    )


def test_alias_bomb_is_bounded(root: Path) -> None:
    # Nine levels of nine aliases: a billion values if expanded; stopped after a bounded count.
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]")
    write(root, "bomb.yml", "\n".join(lines) + "\n")
    (line,) = build_fails(root)
    assert line.startswith("content/bomb.yml:")
    assert line.endswith(
        "aliases expand to too many values (an alias bomb?); write the values out instead"
    )


def test_empty_file(root: Path) -> None:
    write(root, "empty.yml", "# nothing here yet\n")
    build_fails(
        root, "content/empty.yml:1:1: the file is empty; expected a mapping such as `figures:`"
    )


def test_list_where_a_mapping_belongs(root: Path) -> None:
    edit(root, "figures.yml", "    as_of: 2024-07-01", "    period: [2024-01-01, 2024-07-01]")
    build_fails(
        root,
        "content/figures.yml:9:13: figures[0].period: expected a mapping (field: value), "
        "got a list",
    )


def test_list_at_the_top_of_a_file(root: Path) -> None:
    write(root, "figures.yml", "- id: world-population\n")
    build_fails(
        root,
        "content/figures.yml:1:1: expected a mapping (key: value) at the top of the file, "
        "got a list",
    )


def test_unknown_reference_points_at_the_reference(root: Path) -> None:
    edit(root, "figures.yml", "    source: un-wpp-2024", "    source: un-wpp-2025")
    build_fails(
        root,
        "content/figures.yml:10:13: world-population.source: unknown source 'un-wpp-2025'",
    )


def test_low_above_high_points_at_low(root: Path) -> None:
    edit(root, "figures.yml", "    value: 8200000000", "    low: 9000000000\n    high: 8000000000")
    build_fails(
        root,
        "content/figures.yml:7:10: figures[0].low: low (9,000,000,000) is greater than "
        "high (8,000,000,000)",
    )


def test_every_problem_in_every_file_in_one_run(root: Path) -> None:
    edit(root, "figures.yml", "    source: un-wpp-2024", "    sorce: un-wpp-2024")
    edit(root, "figures.yml", "    value: 8200000000", "    value: lots")
    edit(root, "sheet.yml", "  updated: 2024-06-30", "  updated: 2024-06-31")
    build_fails(
        root,
        "content/figures.yml:7:12: figures[0].value: expected a number, got 'lots'",
        "content/figures.yml:10:5: figures[0].sorce: unknown field 'sorce'; did you mean 'source'?",
        "content/sheet.yml:6:12: sheet.updated: expected a real date, got '2024-06-31' "
        "(day is out of range for month)",
    )


def test_debug_shows_the_traceback(root: Path) -> None:
    edit(root, "figures.yml", "    value: 8200000000", "    value: lots")
    result = run(root, "build", "--debug")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_not_a_fact_sheet_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "build")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: no mkdocs.yml in {tmp_path.resolve()}")
    assert "Traceback" not in result.output


def test_unknown_option_is_a_usage_error(root: Path) -> None:
    result = run(root, "build", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.stderr
