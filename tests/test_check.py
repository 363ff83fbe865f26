"""`factsheet check`: content problems without a build; warnings fail only with --strict."""

from __future__ import annotations

from pathlib import Path

from tests.support import ONE_FIGURE, edit, run, snapshot

FIGURES = ONE_FIGURE


def starter_with(starter: Path, figures: str = FIGURES) -> Path:
    (starter / "content" / "figures.yml").write_text(figures, encoding="utf-8")
    return starter


STALE = (
    "content/figures.yml:9:12: warning: world-population.as_of: dated 1 July 2024, "
    "181 days before 2024-12-29; older than sheet.stale_after_days (180); look for a newer "
    "figure, or mark it `historical: true` if it is about a closed past period"
)


def test_clean_content_passes(starter: Path) -> None:
    result = run(starter_with(starter), "check", "--today", "2024-12-28")
    assert result.exit_code == 0
    assert result.stdout == "content/ passes: 0 error(s), 0 warning(s) in 4 file(s).\n"


def test_a_figure_older_than_the_limit_is_a_warning(starter: Path) -> None:
    result = run(starter_with(starter), "check", "--today", "2024-12-29")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        STALE,
        "content/ passes: 0 error(s), 1 warning(s) in 4 file(s).",
    ]


def test_strict_makes_warnings_fail(starter: Path) -> None:
    result = run(starter_with(starter), "check", "--strict", "--today", "2024-12-29")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        STALE,
        "content/ fails (--strict: warnings fail): 0 error(s), 1 warning(s) in 4 file(s).",
    ]


def test_the_limit_is_set_in_the_sheet(starter: Path) -> None:
    edit(starter_with(starter), "sheet.yml", "  updated:", "  stale_after_days: 365\n  updated:")
    assert run(starter, "check", "--strict", "--today", "2025-06-30").exit_code == 0
    assert run(starter, "check", "--strict", "--today", "2025-07-02").exit_code == 1


def test_a_period_is_as_old_as_its_end(starter: Path) -> None:
    figures = FIGURES.replace("as_of: 2024-07-01", "period: {start: 2023-01, end: 2024-06}")
    result = run(starter_with(starter, figures), "check", "--today", "2025-01-01")
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:9:35: warning: world-population.period.end: dated June 2024, "
        "185 days before 2025-01-01; older than sheet.stale_after_days (180); look for a newer "
        "figure, or mark it `historical: true` if it is about a closed past period"
    )


def test_historical_figures_are_never_stale(starter: Path) -> None:
    figures = FIGURES.replace("    as_of:", "    historical: true\n    as_of:")
    result = run(starter_with(starter, figures), "check", "--strict", "--today", "2040-01-01")
    assert result.exit_code == 0, result.output


def test_an_unused_source_is_a_warning(starter: Path) -> None:
    sources = starter / "content" / "sources.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "  - id: unused\n    publisher: Nobody\n    title: Nothing\n    date: 2024\n"
        "    kind: report\n",
        encoding="utf-8",
    )
    result = run(starter_with(starter), "check", "--today", "2024-07-02")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "content/sources.yml:10:5: warning: unused: source is not cited by anything",
        "content/ passes: 0 error(s), 1 warning(s) in 4 file(s).",
    ]
    assert run(starter, "check", "--strict", "--today", "2024-07-02").exit_code == 1


def test_errors_fail_and_are_all_listed(starter: Path) -> None:
    figures = FIGURES + FIGURES.split("\n", 1)[1].replace("value: 8200000000", "value: 1")
    result = run(starter_with(starter, figures), "check", "--today", "2024-07-02")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/figures.yml:11:5: figures[1].id: duplicate id 'world-population' "
        "(first in content/figures.yml:2); ids must be unique across the fact sheet",
        "content/ fails: 1 error(s), 0 warning(s) in 4 file(s).",
    ]


def test_references_and_ranges_are_checked(starter: Path) -> None:
    figures = FIGURES.replace("source: un-wpp-2024", "source: un-wpp-2025")
    result = run(starter_with(starter, figures), "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:10:13: world-population.source: unknown source 'un-wpp-2025'"
    )
    figures = FIGURES.replace("value: 8200000000", "low: 3\n    high: 2")
    result = run(starter_with(starter, figures), "check")
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:7:10: figures[0].low: low (3) is greater than high (2)"
    )


def test_check_writes_nothing(starter: Path) -> None:
    before = snapshot(starter_with(starter))
    run(starter, "check", "--today", "2024-12-29")
    assert snapshot(starter) == before


def test_a_bad_date_is_a_usage_error(starter: Path) -> None:
    result = run(starter, "check", "--today", "29/12/2024")
    assert result.exit_code == 2
    assert "Invalid value for '--today'" in result.stderr
