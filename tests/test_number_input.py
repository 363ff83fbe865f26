"""Numbers as editors write them: only decimals are numbers, kept exactly as written, shown
as written, or refused at their line. YAML 1.1 reads `1:30` as 90 and `0x10` as 16; a float
turns 12345678901234567891 into …567168; a page rounds 0.0000004 km to "0 kilometres". None
of that may reach a page or a download."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import copy_fixture, render
from tests.support import edit, run

TODAY = "2024-08-01"
VALUE_AT = "content/figures.yml:8:12: figures[0].value:"
"""Where the minimal fixture's one value is written."""


def _with_value(tmp_path: Path, value: str, unit: str = "people", qualifier: bool = True) -> Path:
    root = copy_fixture("minimal", tmp_path / "minimal")
    edit(root, "figures.yml", "value: 8200000000", f"value: {value}")
    edit(root, "figures.yml", "unit: people", f"unit: {unit}")
    if not qualifier:
        edit(root, "figures.yml", "    qualifier: about\n", "")
    return root


def _errors(root: Path) -> list[str]:
    result = run(root, "check", "--today", TODAY)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    *lines, summary = result.output.splitlines()
    assert summary.startswith("content/ fails:")
    return lines


@pytest.mark.parametrize(
    ("written", "reading"),
    [("1:30", "90"), ("0x10", "16"), ("012", "10"), ("1_000", "1000"), ("190:20:30", "685230")],
)
def test_a_number_yaml_1_1_reads_otherwise_is_refused_with_its_reading(
    tmp_path: Path, written: str, reading: str
) -> None:
    assert _errors(_with_value(tmp_path, written)) == [
        f"{VALUE_AT} '{written}' is not a decimal number: YAML would read it as {reading}; "
        f"write it in decimal digits, e.g. 1200000, 1.2 or 1.2e6, or quote it if it is text "
        f"('{written}')"
    ]


def test_check_strict_refuses_them_too(tmp_path: Path) -> None:
    result = run(_with_value(tmp_path, "0x10"), "check", "--strict", "--today", TODAY)
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1200000", "about 1.2 million"),
        ("1.2e6", "about 1.2 million"),
        ("+1.2E+6", "about 1.2 million"),
    ],
)
def test_decimals_and_exponents_are_numbers(tmp_path: Path, written: str, shown: str) -> None:
    root = _with_value(tmp_path, written)
    assert run(root, "check", "--today", TODAY).exit_code == 0
    record = json.loads(render(root)["data/figures.json"])["figures"][0]
    assert (record["value"], record["text"]) == (1200000, shown)


@pytest.mark.parametrize(
    ("written", "kept"),
    [("12345678901234567891", "1.2345678901234567e+19"), ("100000000000000001", "1e+17")],
)
def test_a_number_a_float_cannot_hold_as_written_is_refused(
    tmp_path: Path, written: str, kept: str
) -> None:
    assert _errors(_with_value(tmp_path, written)) == [
        f"{VALUE_AT} '{written}' has more significant digits than a number can hold exactly "
        f"(it would be kept as {kept}); round it to 15 significant digits"
    ]


@pytest.mark.parametrize(
    ("written", "unit"), [("0.0000004", "km"), ("0.0000012", "percent"), ("0.001", "USD")]
)
def test_a_value_the_page_would_show_as_0_is_refused(
    tmp_path: Path, written: str, unit: str
) -> None:
    assert _errors(_with_value(tmp_path, written, unit)) == [
        f"content/figures.yml:8:12: world-population.value: {written} would show on the page "
        "as 0; give it in a smaller unit"
    ]


def test_downloads_carry_the_value_exactly_as_written(tmp_path: Path) -> None:
    root = _with_value(tmp_path, "1.2345678", "km")
    data = render(root)
    record = json.loads(data["data/figures.json"])["figures"][0]
    assert (record["value"], record["text"]) == (1.2345678, "about 1.2 kilometres")
    row = data["data/figures.csv"].splitlines()[1]
    assert ",about 1.2 kilometres,1.2345678,,," in row


@pytest.mark.parametrize("written", ["1.0e+26", "100000000000000000000000000"])
@pytest.mark.parametrize(
    ("unit", "text"),
    [
        ("people", "100,000,000,000,000,000,000,000,000"),
        ("km", "100,000,000,000,000,000,000,000,000 kilometres"),
        ("USD", "$100,000,000,000,000,000,000,000,000"),
        ("percent", "100,000,000,000,000,000,000,000,000%"),
    ],
)
def test_a_huge_value_is_written_out_in_any_unit(
    tmp_path: Path, written: str, unit: str, text: str
) -> None:
    root = _with_value(tmp_path, written, unit, qualifier=False)
    assert run(root, "check", "--today", TODAY).exit_code == 0
    record = json.loads(render(root)["data/figures.json"])["figures"][0]
    assert record["text"] == text
    assert record["value"] == 100000000000000000000000000


@pytest.mark.parametrize(
    ("written", "error"),
    [
        ("1.0e+30", "'1.0e+30' is too large for a figure: it must be under 1e30"),
        ("1e-400", "'1e-400' is too small to hold; give it in a smaller unit"),
        (
            "1" * 400,
            "'1111111111111111111111111111111111111111'… (400 characters) is too large for a "
            "figure: it must be under 1e30",
        ),
        (  # Python refuses to read an int this long; it was "expected a real date"
            "1" * 4400,
            "expected a number of at most 400 characters, got "
            "'1111111111111111111111111111111111111111'… (4,400 characters)",
        ),
    ],
)
def test_a_number_out_of_range_is_refused_and_echoed_short(
    tmp_path: Path, written: str, error: str
) -> None:
    assert _errors(_with_value(tmp_path, written)) == [f"{VALUE_AT} {error}"]


def test_reading_and_writing_a_number_keep_its_digits() -> None:
    from generator.numerals import exact, exact_text, read

    assert read("1.2345678") == 1.2345678
    assert read("-12") == -12 and isinstance(read("-12"), int)
    assert exact_text(4e-07) == "0.0000004"
    assert exact_text(1e26) == "100000000000000000000000000"
    assert exact_text(22.860000000000003) == "22.86"  # float noise of a conversion
    assert exact(1e26) == 100000000000000000000000000
    assert exact(1.2345678) == 1.2345678
