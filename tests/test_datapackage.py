"""data/datapackage.json: the downloads as a Frictionless Data Package that reusers can
validate and load without reading the site; checked with the `frictionless` library itself."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest

from generator.datapackage import figure_fields, licence_name
from generator.exports import FIGURE_COLUMNS
from tests.golden import copy_fixture
from tests.support import ENGLISH, edit, run

RANGE_FIGURE = """\
  - id: urban-share
    label: of people living in towns and cities
    says: The UN estimates
    topic: example
    measure: urban-share
    side: world
    low: 55.5
    high: 57.25
    qualifier: up to about
    unit: percent
    period: {start: 2024-01, end: 2024-06}
    source: un-wpp-2024
"""

CHART = """\
charts:
  - id: population
    title: People in the world, 2024 and at the peak
    kind: bar
    figures: [world-population-2024, world-population-2100]
"""


def package(root: Path) -> dict:
    return json.loads((root / "site/data/datapackage.json").read_text(encoding="utf-8"))


def build(root: Path) -> Path:
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return root


def validate(root: Path) -> frictionless.Report:
    return frictionless.validate(str(root / "site/data/datapackage.json"))


def errors(report: frictionless.Report) -> list[str]:
    found = [e.message for e in report.errors]
    return found + [e.message for task in report.tasks for e in task.errors]


@pytest.fixture
def charted(starter: Path) -> Path:
    """The starter with a range figure and a bar chart, as a reuser's sheet would have."""
    edit(starter, "figures.yml", "derived:", RANGE_FIGURE + "derived:")
    (starter / "content/charts.yml").write_text(CHART, encoding="utf-8")
    pages = starter / "site_src/pages/index.md.j2"
    pages.write_text(pages.read_text(encoding="utf-8") + '\n{{ chart("population") }}\n', "utf-8")
    return build(starter)


def test_the_starter_package_validates_and_lists_exactly_the_downloads(starter):
    build(starter)
    report = validate(starter)
    assert report.valid, errors(report)
    resources = [(r["name"], r["path"], r["mediatype"]) for r in package(starter)["resources"]]
    assert resources == [
        ("figures", "figures.csv", "text/csv"),
        ("figures-json", "figures.json", "application/json"),
        ("statements", "statements.json", "application/json"),
        ("events", "events.json", "application/json"),
        ("sources", "sources.json", "application/json"),
    ]
    written = sorted(p.name for p in (starter / "site/data").iterdir())
    assert written == [
        "datapackage.json",
        "events.json",
        "figures.csv",
        "figures.json",
        "sources.json",
        "statements.json",
    ]


def test_chart_csvs_are_copied_into_the_package_and_typed_with_their_unit(charted):
    report = validate(charted)
    assert report.valid, errors(report)
    (chart,) = [r for r in package(charted)["resources"] if r["name"].startswith("chart-")]
    # Frictionless refuses '../charts/population.csv': the copy sits inside data/.
    assert chart["path"] == "charts/population.csv"
    copy = charted / "site/data/charts/population.csv"
    assert copy.read_bytes() == (charted / "site/charts/population.csv").read_bytes()
    fields = {f["name"]: f for f in chart["schema"]["fields"]}
    assert {name: f["type"] for name, f in fields.items()} == {
        "id": "string",
        "label": "string",
        "qualifier": "string",
        "low": "number",
        "high": "number",
        "unit": "string",
        "as_given": "string",
        "period_start": "string",
        "period_end": "string",
        "as_of": "string",
        "source": "string",
        "via": "string",
    }
    assert fields["low"]["unit"] == fields["high"]["unit"] == "people"
    rows = frictionless.Package(str(charted / "site/data/datapackage.json"))
    read = rows.get_resource("chart-population").read_rows()
    assert [(r["id"], r["low"], r["high"]) for r in read] == [
        ("world-population-2024", 8200000000, 8200000000),
        ("world-population-2100", 10300000000, 10300000000),
    ]


def test_figures_csv_types_a_range_and_a_qualifier_as_its_schema_says(charted):
    descriptor = package(charted)
    figures = descriptor["resources"][0]
    types = {f["name"]: f["type"] for f in figures["schema"]["fields"]}
    assert {k: types[k] for k in ("value", "low", "high", "projection", "unit")} == {
        "value": "number",
        "low": "number",
        "high": "number",
        "projection": "boolean",
        "unit": "string",
    }
    unit = next(f for f in figures["schema"]["fields"] if f["name"] == "unit")
    assert "`value`, `low` and `high`" in unit["description"]
    assert unit["units"]["km2"] == "square kilometres" and unit["units"]["percent"] == "per cent"
    loaded = frictionless.Package(str(charted / "site/data/datapackage.json"))
    rows = {r["id"]: r for r in loaded.get_resource("figures").read_rows()}
    urban = rows["urban-share"]
    assert (urban["value"], urban["low"], urban["high"]) == (
        None,
        Decimal("55.5"),
        Decimal("57.25"),
    )
    assert (urban["qualifier"], urban["unit"]) == ("up to about", "percent")
    assert (urban["period_start"], urban["period_end"]) == ("2024-01", "2024-06")
    peak = rows["world-population-2100"]
    assert (peak["value"], peak["low"], peak["qualifier"]) == (10300000000, None, "about")
    assert (peak["as_of"], peak["projection"]) == ("2084", True)
    assert rows["world-population-2024"]["projection"] is False


def test_licence_version_and_sources_come_from_the_sheet(starter):
    edit(starter, "sheet.yml", "updated: 2024-06-30", "updated: 2025-03-04")
    edit(
        starter,
        "sheet.yml",
        "  topics:",
        "  license: CC BY-SA 4.0\n"
        "  license_url: https://creativecommons.org/licenses/by-sa/4.0/\n"
        "  topics:",
    )
    descriptor = package(build(starter))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["version"] == "2025-03-04"
    assert descriptor["created"] == "2025-03-04T00:00:00Z"
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-SA-4.0",
            "path": "https://creativecommons.org/licenses/by-sa/4.0/",
            "title": "CC BY-SA 4.0",
        }
    ]
    assert descriptor["sources"] == [
        {
            "title": "United Nations, Department of Economic and Social Affairs: "
            "World Population Prospects 2024",
            "path": "https://population.un.org/wpp/",
        }
    ]
    assert validate(starter).valid


GERMAN_CHART = """\
charts:
  - id: faelle
    title: Masernfälle 2024 und 2025
    kind: bar
    figures: [faelle-2024, faelle-2025]
"""


def test_a_german_sheet_describes_its_package_in_german(tmp_path):
    root = copy_fixture("german", tmp_path / "german")
    (root / "content/charts.yml").write_text(GERMAN_CHART, encoding="utf-8")
    page = root / "site_src/pages/index.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ chart("faelle") }}\n', "utf-8")
    report = validate(build(root))
    assert report.valid, errors(report)
    resources = {r["name"]: r for r in package(root)["resources"]}
    assert resources["figures"]["title"] == "Zahlen (CSV)"
    assert resources["sources"]["title"] == "Quellen"
    assert resources["chart-faelle"]["title"] == "Grafik: Masernfälle 2024 und 2025"
    assert resources["chart-faelle"]["description"].startswith(
        "Die Daten des Balkendiagramms `faelle`: seine Zahlen (Einheit: Personen)."
    )
    figures = {f["name"]: f for f in resources["figures"]["schema"]["fields"]}
    assert (
        figures["source_title"]["description"]
        == "Der Titel der Quelle, wie er veröffentlicht wurde."
    )
    assert figures["period_end"]["description"] == (
        "Der letzte Tag des Zeitraums, für den die Zahl gilt. Ein Datum nach ISO 8601, so genau, "
        "wie die Quelle es angibt: JJJJ, JJJJ-MM oder JJJJ-MM-TT."
    )
    # Codes stay as they are: the unit's key, its enum; only its words are German.
    assert figures["unit"]["units"]["km2"] == "Quadratkilometer"
    assert "people" in figures["unit"]["constraints"]["enum"]
    chart = {f["name"]: f for f in resources["chart-faelle"]["schema"]["fields"]}
    assert chart["low"]["description"] == (
        "Das untere Ende der Spanne in der Einheit der Grafik (Personen, `people`); bei einem "
        "einzelnen Wert ist `low` gleich `high`."
    )


def test_every_column_of_figures_csv_is_described():
    fields = figure_fields(ENGLISH)
    assert [f["name"] for f in fields] == FIGURE_COLUMNS
    assert [f["name"] for f in fields if not f["description"]] == []


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("CC BY 4.0", "CC-BY-4.0"),
        ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
        ("CC0 1.0", "CC0-1.0"),
        ("All rights reserved", None),
    ],
)
def test_a_licence_gets_its_open_definition_id_only_when_its_words_tell_it(words, name):
    assert licence_name(words) == name


def test_a_licence_with_neither_id_nor_url_is_left_out_and_the_package_still_validates(starter):
    edit(starter, "sheet.yml", "  topics:", "  license: All rights reserved\n  topics:")
    assert "licenses" not in package(build(starter))
    assert validate(starter).valid


def test_validation_fails_when_the_schema_does_not_match_the_data(starter):
    """The other tests can fail: a wrong field type is caught."""
    build(starter)
    descriptor = package(starter)
    fields = descriptor["resources"][0]["schema"]["fields"]
    next(f for f in fields if f["name"] == "value")["type"] = "date"
    broken = starter / "site/data/broken.json"
    broken.write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(broken))
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"type-error"}


def test_validation_fails_on_a_licence_without_id_or_url(starter):
    build(starter)
    descriptor = package(starter)
    descriptor["licenses"] = [{"title": "CC BY 4.0"}]
    broken = starter / "site/data/broken.json"
    broken.write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(broken))
    assert [e.type for e in report.errors] == ["package-error"]


def test_text_from_the_content_is_kept_as_data(starter):
    hostile = '</script><b onclick="x()">&amp; “quoted”'
    edit(starter, "sheet.yml", "title: My fact sheet", f"title: {json.dumps(hostile)}")
    descriptor = package(build(starter))
    assert descriptor["title"] == hostile
    assert validate(starter).valid
