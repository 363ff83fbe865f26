"""`factsheet check`: content problems without a build; warnings fail only with --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.models import ContentFile
from tests.support import ONE_FIGURE, REPO, edit, run, snapshot

FIGURES = ONE_FIGURE


def starter_with(starter: Path, figures: str = FIGURES) -> Path:
    (starter / "content" / "figures.yml").write_text(figures, encoding="utf-8")
    return starter


MORE_PAGE = """\
# More

{% for chart_id in content.charts %}
{{ chart(chart_id) }}
{% endfor %}
{% for event in content.events.values() %}
<p id="{{ anchor(event) }}">{{ event.title }}</p>
{% endfor %}
"""
"""A page showing every chart and event, which the starter's one page does not: `check`
renders the pages, and refuses a record no page shows."""


def showing_charts_and_events(starter: Path) -> Path:
    (starter / "site_src" / "pages" / "more.md.j2").write_text(MORE_PAGE, encoding="utf-8")
    return starter


STALE = (
    "content/figures.yml:9:12: warning: world-population.as_of: dated 1 July 2024, "
    "181 days before 2024-12-29; older than sheet.stale_after_days (180); look for a newer "
    "figure, or mark it `historical: true` if it is about a closed past period, or "
    "`timeless: true` (with no date) if it holds at no date"
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
    edit(starter_with(starter), "sheet.yml", "stale_after_days: 180", "stale_after_days: 365")
    assert run(starter, "check", "--strict", "--today", "2025-06-30").exit_code == 0
    assert run(starter, "check", "--strict", "--today", "2025-07-02").exit_code == 1


def test_a_period_is_as_old_as_its_end(starter: Path) -> None:
    figures = FIGURES.replace("as_of: 2024-07-01", "period: {start: 2023-01, end: 2024-06}")
    result = run(starter_with(starter, figures), "check", "--today", "2025-01-01")
    assert result.stdout.splitlines()[0] == (
        "content/figures.yml:9:35: warning: world-population.period.end: dated June 2024, "
        "185 days before 2025-01-01; older than sheet.stale_after_days (180); look for a newer "
        "figure, or mark it `historical: true` if it is about a closed past period, or "
        "`timeless: true` (with no date) if it holds at no date"
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


def test_check_renders_the_pages_with_their_charts_but_writes_nothing(starter: Path) -> None:
    """No chart is drawn, no cache or build folder made; yet a template naming a chart the
    content lacks fails `check` at the template's line, as it fails `build`."""
    showing_charts_and_events(starter)
    (starter / "content" / "charts.yml").write_text(CHART, encoding="utf-8")
    before = snapshot(starter)
    assert run(starter, "check", "--today", "2024-07-12").exit_code == 0
    assert snapshot(starter) == before
    page = starter / "site_src" / "pages" / "more.md.j2"
    page.write_text(MORE_PAGE + '\n{{ chart("people", anchor=False) }}\n', encoding="utf-8")
    before = snapshot(starter)
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "site_src/pages/more.md.j2:10:1: chart('people'): no such chart in content/charts.yml "
        "(charts: population)",
        "content/ fails: 1 error(s), 0 warning(s) in 5 file(s).",
    ]
    assert snapshot(starter) == before


def test_a_bad_date_is_a_usage_error(starter: Path) -> None:
    result = run(starter, "check", "--today", "29/12/2024")
    assert result.exit_code == 2
    assert "Invalid value for '--today'" in result.stderr


CHART = """\
charts:
  - id: population
    title: World population
    kind: bar
    figures:
      - world-population-2024
      - world-population-2100
"""
"""A chart of the starter's two figures, so that tests can read line numbers off here."""

EVENTS = """\
events:
  - id: wpp-published
    date: 2024-07-11
    title: World Population Prospects 2024 published
    summary: The UN publishes its population estimates.
    source: un-wpp-2024
charts:
  - id: milestones
    title: Milestones
    kind: timeline
    events:
      - wpp-published
      - wpp-published
"""


def test_an_id_longer_than_64_characters_is_refused(starter: Path) -> None:
    showing_charts_and_events(starter)
    charts = starter / "content" / "charts.yml"
    charts.write_text(CHART.replace("id: population", f"id: {'a' * 300}"), encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/charts.yml:2:9: charts[0].id: expected at most 64 characters, got 300: "
        f"'{'a' * 40}'… (300 characters)"
    )
    charts.write_text(CHART.replace("id: population", f"id: {'a' * 64}"), encoding="utf-8")
    assert run(starter, "check", "--today", "2024-07-12").exit_code == 0


@pytest.mark.parametrize(
    "data, where",
    [
        ({kind: [{"id": "a" * 65}]}, (kind, 0, "id"))
        for kind in ("sources", "figures", "derived", "statements", "events", "notes", "charts")
    ]
    + [
        ({"figures": [{"source": "a" * 65}]}, ("figures", 0, "source")),  # references too
        ({"sheet": {"topics": {"a" * 65: "A"}}}, ("sheet", "topics", "a" * 65, "[key]")),
        ({"sheet": {"sides": {"a" * 65: "A"}}}, ("sheet", "sides", "a" * 65, "[key]")),
    ],
)
def test_every_kind_of_id_is_bounded(data: dict, where: tuple) -> None:
    with pytest.raises(ValidationError) as caught:
        ContentFile.model_validate(data)
    too_long = [e["loc"] for e in caught.value.errors() if e["type"] == "string_too_long"]
    assert too_long == [where]


def test_the_schema_bounds_ids() -> None:
    schema = json.loads((REPO / "schemas" / "content.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Chart"]["properties"]["id"]["maxLength"] == 64
    assert schema["$defs"]["Sheet"]["properties"]["topics"]["propertyNames"]["maxLength"] == 64


def test_a_figure_listed_twice_in_a_chart_is_refused_at_the_repeat(starter: Path) -> None:
    charts = starter / "content" / "charts.yml"
    charts.write_text(CHART + "      - world-population-2024\n", encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/charts.yml:8:9: charts[0].figures[2]: duplicate id 'world-population-2024' "
        "(first at figures[0]); list each once",
        "content/ fails: 1 error(s), 0 warning(s) in 5 file(s).",
    ]


def test_an_event_listed_twice_in_a_timeline_is_refused_at_the_repeat(starter: Path) -> None:
    showing_charts_and_events(starter)
    (starter / "content" / "events.yml").write_text(EVENTS, encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/events.yml:13:9: charts[0].events[1]: duplicate id 'wpp-published' "
        "(first at events[0]); list each once"
    )
    (starter / "content" / "events.yml").write_text(EVENTS[: EVENTS.rindex("      -")])
    assert run(starter, "check", "--today", "2024-07-12").exit_code == 0


NOTES = """\
notes:
  - id: peak-note
    about: [world-population-2024, un-peak-statement]
    title: On the peak
    claim: the peak comes in 2080
    source_says: The UN projects the peak in the mid-2080s.
    claim_source: un-wpp-2024
    source: un-wpp-2024
charts:
  - id: population
    title: World population
    kind: bar
    figures: [world-population-2024, growth-to-peak]
"""
"""A valid file that refers to the starter's figures, statement and source."""

UNKNOWN_SOURCE = (
    "content/statements.yml:11:13: un-peak-statement.source: unknown source 'un-wpp-2025'"
)


def test_field_errors_and_unknown_references_are_reported_in_one_run(starter: Path) -> None:
    (starter / "content" / "notes.yml").write_text(NOTES, encoding="utf-8")
    edit(starter, "figures.yml", "value: 8200000000", "value: lots")
    edit(starter, "statements.yml", "source: un-wpp-2024", "source: un-wpp-2025")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    # world-population-2024 failed validation, yet exists: nothing that names it is unknown.
    assert result.stdout.splitlines() == [
        "content/figures.yml:9:12: figures[0].value: expected a number, got 'lots'",
        UNKNOWN_SOURCE,
        "content/ fails: 2 error(s), 0 warning(s) in 5 file(s).",
    ]


def test_ids_in_a_file_that_cannot_be_parsed_are_not_reported_unknown(starter: Path) -> None:
    edit(starter, "sources.yml", "title: World", "title: [World")
    edit(starter, "statements.yml", "source: un-wpp-2024", "source: un-wpp-2025")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if not line.startswith("content/sources.yml:")] == [
        UNKNOWN_SOURCE,
        "content/ fails: 2 error(s), 0 warning(s) in 4 file(s).",
    ]


def test_a_sheet_that_fails_hides_no_reference_and_is_not_missing(starter: Path) -> None:
    edit(starter, "sheet.yml", "stale_after_days: 180", "stale_after_days: soon")
    edit(starter, "statements.yml", "source: un-wpp-2024", "source: un-wpp-2025")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/sheet.yml:10:21: sheet.stale_after_days: expected a whole number, got 'soon'",
        UNKNOWN_SOURCE,
        "content/ fails: 2 error(s), 0 warning(s) in 4 file(s).",
    ]


def test_a_record_left_out_as_a_duplicate_is_not_unknown(starter: Path) -> None:
    # a.yml is read before sources.yml, so the source is the record left out.
    figure = ONE_FIGURE.replace("id: world-population", "id: un-wpp-2024")
    (starter / "content" / "a.yml").write_text(figure, encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/sources.yml:3:5: sources[0].id: duplicate id 'un-wpp-2024' "
        "(first in content/a.yml:2); ids must be unique across the fact sheet",
        "content/ fails: 1 error(s), 0 warning(s) in 5 file(s).",
    ]


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            "- id: world-population-2024",
            "- ID: world-population-2024",
            "content/figures.yml:3:5: figures[0].ID: unknown field 'ID'; did you mean 'id'?",
        ),
        (
            "figures:",
            "figuers:",
            "content/figures.yml:2:1: figuers: unknown field 'figuers'; did you mean 'figures'?",
        ),
    ],
)
def test_a_record_with_a_misspelt_key_is_not_unknown(
    starter: Path, old: str, new: str, problem: str
) -> None:
    (starter / "content" / "notes.yml").write_text(NOTES, encoding="utf-8")
    edit(starter, "figures.yml", old, new)
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        problem,
        "content/ fails: 1 error(s), 0 warning(s) in 5 file(s).",
    ]


def test_a_chart_mixing_units_fails_check_as_it_fails_build(starter: Path) -> None:
    """Chart rules are content rules: `check` used to pass this chart, which `build` refused."""
    chart = CHART.replace("world-population-2100", "growth-to-peak")
    (starter / "content" / "charts.yml").write_text(chart, encoding="utf-8")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/charts.yml:2:5: population.figures: mixes units that cannot share one axis: "
        "people (world-population-2024), times (growth-to-peak); chart figures of one kind of "
        "quantity only",
        "content/ fails: 1 error(s), 0 warning(s) in 5 file(s).",
    ]


def test_rules_across_records_report_with_other_files_problems(starter: Path) -> None:
    """A figure dated after its source, with an unknown source elsewhere: one run, not two."""
    edit(starter, "figures.yml", "as_of: 2024-07-01", "as_of: 2024-08-01")
    edit(starter, "statements.yml", "source: un-wpp-2024", "source: un-wpp-2025")
    result = run(starter, "check", "--today", "2024-07-12")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/figures.yml:12:12: world-population-2024.as_of: covers a time after its "
        "source 'un-wpp-2024' was published (2024-07-11); mark it `projection: true` if it is "
        "a forecast",
        UNKNOWN_SOURCE,
        "content/ fails: 2 error(s), 0 warning(s) in 4 file(s).",
    ]
