"""The war sheet after its third fact-check (issue 22): what it found stays fixed. Expected
texts are written out by hand from `../shared/research/sources.md` and the seed article."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.charts import chart_data
from generator.content import Content
from generator.validation import load_and_validate
from tests.sheet.test_war_sheet import article, pages, text, visible_text
from tests.support import REPO, run

STARTED_FROM = "1bebf48"
"""The commit the third fact-check's work started from: the site as it was before it."""


@pytest.fixture(scope="module")
def content(built: Path) -> Content:
    return load_and_validate(built)


def _figure(built: Path, figure_id: str) -> str:
    node = next(s.find(id=figure_id) for s in pages(built).values() if s.find(id=figure_id))
    return text(node)


# --- 1. a figure with no side is not drawn as computed ----------------------------------------


def test_no_chart_draws_a_sourced_figure_as_computed_by_this_site(content: Content):
    for chart in content.charts.values():
        if chart.kind == "timeline":
            continue
        data = chart_data(content, chart)
        for row in data.rows:
            assert (row.series is None) == content.quantity(row.id).computed, (chart.id, row.id)
    pace = chart_data(content, content.charts["advance-pace"])
    assert [name for _, name in pace.series()] == ["Ukraine", "Historical offensives", "Russia"]


# --- 2. no download gives a date the page does not ---------------------------------------------


def test_the_downloads_give_no_date_for_a_figure_whose_page_gives_none(built: Path):
    records = json.loads((built / "site" / "data" / "figures.json").read_text("utf-8"))
    undated = {r["id"]: r for r in records["figures"] if r["dated_in_label"]}
    assert set(undated) >= {
        "us-vietnam-battle-deaths",
        "us-vietnam-fatal-casualties",
        "ru-population",
        "ua-population",
        "ua-population-kyiv-held",
        "ru-ua-population-ratio",
    }
    for record in undated.values():
        assert (record["as_of"], record["period_start"], record["period_end"]) == (None,) * 3
    assert "year of the estimate not known" in undated["ru-population"]["label"]


# --- 3-5. the log is complete, and checked -----------------------------------------------------


def _known(rev: str) -> bool:
    found = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{rev}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    return found.returncode == 0


def test_every_change_since_the_fact_check_began_is_logged():
    """`check --against-rev` the site as it was before issue 22: nothing changed unlogged."""
    if not _known(STARTED_FROM):
        pytest.skip(f"{STARTED_FROM} is not in this clone (a shallow checkout)")
    result = run(REPO, "check", "--against-rev", STARTED_FROM, "--fail-unlogged")
    assert result.exit_code == 0, result.output
    assert "no entry in changes.yml" not in result.stdout


def test_the_sheet_is_reviewed_on_or_after_its_latest_change(content: Content):
    latest = max(c.date for c in content.changes.values())
    assert content.sheet.updated.first_day() >= latest
    assert content.sheet.updated.iso() == "2026-12-07"


def test_the_removed_ratios_are_listed_as_removed_not_beside_the_figures_kept(built: Path):
    changes = pages(built)["changes/"]
    entry = changes.find(id="vietnam-ratios-removed")
    removed = [visible_text(s) for s in entry.select(".fs-change__removed")]
    assert removed == [
        "“Russian casualties per six weeks in 2025, against US battle deaths in Vietnam: "
        "about 1.01 times (computed by this site)” (removed)",
        "“Russian casualties per six weeks in 2025, against all US military deaths in "
        "Vietnam: about 0.82 times (computed by this site)” (removed)",
    ]
    assert (
        entry.select("p")[0]
        .get_text()
        .startswith("26\u00a0November\u00a02026 · Corrected: “Russian casualties per six weeks")
    )
    for kept in ("us-vietnam-battle-deaths", "us-vietnam-fatal-casualties"):
        assert "26 November 2026" not in _figure(built, kept)
    corrected = "Corrected 26 November 2026"  # _figure's text: spaces normalised
    assert corrected not in _figure(built, "ru-casualties-2025-per-six-weeks")


def test_each_change_the_fact_check_found_unlogged_is_logged(content: Content):
    named = {i for c in content.changes.values() for i in c.ids}
    assert {
        "ru-ua-deaths-ratio",
        "ru-population",
        "ua-population",
        "ua-population-kyiv-held",
        "note-five-times-smaller",
        "note-7400-metres-a-day",
        "ua-population-imf-2024",
        "us-vietnam-wounded-hospitalized",
        "us-vietnam-wounded-va",
    } <= named


# --- 6-10. minor ---------------------------------------------------------------------------------


def test_ukrainian_casualties_a_day_are_about_360_to_430(built: Path):
    shown = _figure(built, "ua-casualties-per-day")
    assert "about 360–430" in shown
    assert "(500,000–600,000) ÷ 1,407 days ≈ 355–426 a day, rounded to about 360–430" in shown


def test_the_imf_source_gives_its_date_once(built: Path):
    assert "“World Economic Outlook”, April 2024" in text(article(pages(built)["sources/"]))
    for name, soup in pages(built).items():
        if name != "changes/":  # where the log says what the line read
            assert "April 2024, April 2024" not in text(article(soup)), name


def test_the_mobilisation_age_is_as_of_the_day_the_law_came_into_force(built: Path):
    shown = _figure(built, "ua-mobilisation-age")
    assert "3 April 2024" in shown and "2 April 2024" not in shown.split("Lowered")[0]


def test_every_population_ratio_label_says_the_russian_estimate_is_of_unknown_year(
    content: Content,
):
    for ratio in ("ru-ua-population-ratio", "ru-ua-population-ratio-imf"):
        assert "unknown year" in content.derived[ratio].label
    assert "publisher" in content.derived["ru-ua-population-ratio-imf"].label


def test_losses_is_quoted_as_aps_word(content: Content):
    says = content.notes["note-two-million-by-spring"].source_says
    assert "combined “losses” may already be up to 1.8 million" in says


# --- 11-13. missing facts, sourced and attributed ---------------------------------------------


def test_the_tomahawk_note_gives_the_longer_range_versions(built: Path):
    shown = _figure(built, "tomahawk-range")
    assert "more than 1,000 miles" in shown
    assert "some versions reach about 2,500 km (1,550 mi)" in shown


def test_metreweli_s_first_public_speech_is_on_the_timeline(built: Path, content: Content):
    event = pages(built)["diplomacy/"].find(id="metreweli-first-speech")
    assert event is not None
    assert "15 December 2025" in text(event)
    assert "metreweli-first-speech" in content.charts["diplomacy-timeline"].events


def test_six_wars_and_the_nobel_prize_are_trumps_claim_never_the_sites(
    built: Path, content: Content
):
    note = content.notes["note-six-wars"]
    assert "‘six wars’" in note.claim and "Nobel Peace Prize" in note.claim
    assert "**Donald Trump’s own claim**" in note.source_says
    for name, soup in pages(built).items():
        for found in soup.find_all(string=lambda s: s and "six wars" in s):
            holder = found.find_parent(id="note-six-wars") or found.find_parent(class_="fs-change")
            assert holder is not None, f"{name}: “six wars” outside the note: {found!r}"


def test_the_ages_the_article_gives_are_beside_moores_words(built: Path):
    shown = text(pages(built)["diplomacy/"].find(id="moore-stringing-us-along"))
    assert "Putin, then 72" in shown and "Moore was 62" in shown
