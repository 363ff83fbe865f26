"""Data to take away: CSV and JSON of every figure, statement, event and source, generated
from the content models, with what a reuser needs to cite each one; linked from the pages.
On the rich fixture sheet, with expected values written out by hand from its content files."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from generator.exports import DOWNLOADS, FIGURE_COLUMNS
from generator.project import Project
from tests.conftest import PUBLISHED_URL
from tests.support import edit


def data(built: Path, name: str) -> dict:
    return json.loads((built / "site" / "data" / name).read_text(encoding="utf-8"))


def figures_csv(built: Path) -> list[dict[str, str]]:
    with (built / "site" / "data" / "figures.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def missing_anchors(built: Path, permalinks: list[str]) -> list[str]:
    """The permalinks whose page is not in site/ or has no element with the anchor's id."""
    site_url = Project.load(built).site_url
    ids: dict[str, set[str]] = {}
    missing = []
    for permalink in permalinks:
        assert permalink.startswith(site_url), permalink
        path, _, anchor = permalink[len(site_url) :].partition("#")
        if path not in ids:
            page = built / "site" / path / "index.html"
            html_ = page.read_text(encoding="utf-8") if page.is_file() else ""
            soup = BeautifulSoup(html_, "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)}
        if not anchor or anchor not in ids[path]:
            missing.append(permalink)
    return missing


PERMALINK = f"{PUBLISHED_URL}figures/#"
SURVEY = ("river-survey-2025", "River Survey Office", "Annual river survey 2025", "2025-03-01")
REGISTER = ("bridge-register", "Bridge Authority", "Register of bridges", "2024")

# The rich fixture sheet's figures as the exports give them, written out from its content
# files: id, kind, text, value, low, high, qualifier, unit, period, as_of, projection.
FIGURES = [
    ("north-crossings", "figure", "about 1.2 million", 1200000, None, None, "about", "people",
     ("2024-01-01", "2024-12"), None, False),
    ("south-crossings", "figure", "500,000–600,000", None, 500000, 600000, None, "people",
     ("2024-01-01", "2024-12"), None, False),
    ("north-deaths", "figure", "12", 12, None, None, None, "people",
     ("2024-01-01", "2024-12"), None, False),
    ("old-bridge-span", "figure", "120 metres", 120, None, None, None, "m",
     (None, None), "2024", False),
    ("new-bridge-span", "figure", "1,500 metres", 1500, None, None, None, "m",
     (None, None), "2030", True),
    ("causeway-length", "figure", "about 2.5 kilometres", 2.5, None, None, "about", "km",
     (None, None), "2024", False),
    ("north-crossings-2019", "figure", "about 900,000", 900000, None, None, "about", "people",
     ("2019-01-01", "2019-12-31"), None, False),
    ("north-crossings-2021", "figure", "950,000–1.1 million", None, 950000, 1100000, None,
     "people", ("2021-01-01", "2021-12-31"), None, False),
    ("south-crossings-2021", "figure", "about 450,000", 450000, None, None, "about", "people",
     ("2021-01-01", "2021-12-31"), None, False),
    ("south-crossings-2019", "figure", "about 300,000", 300000, None, None, "about", "people",
     ("2019-01-01", "2019-12-31"), None, False),
    ("all-crossings-2019", "figure", "about 1.2 million", 1200000, None, None, "about", "people",
     ("2019-01-01", "2019-12-31"), None, False),
    # 1,200,000 / 366 days = 3,278.7, rounded as the page shows it.
    ("north-crossings-per-day", "derived", "about 3,300", 3300, None, None, "about", "people",
     ("2024-01-01", "2024-12"), None, False),
    # 1,200,000 / 600,000 = 2 and 1,200,000 / 500,000 = 2.4.
    ("north-south-ratio", "derived", "about 2–2.4 times", None, 2, 2.4, "about", "times",
     ("2024-01-01", "2024-12"), None, False),
]  # fmt: skip


def test_every_figure_is_in_the_csv_and_the_json_with_its_value_or_range(built_rich):
    records = data(built_rich, "figures.json")["figures"]
    rows = figures_csv(built_rich)
    assert [r["id"] for r in records] == [r["id"] for r in rows] == [f[0] for f in FIGURES]
    for record, row, figure in zip(records, rows, FIGURES, strict=True):
        fid, kind, shown, value, low, high, qualifier, unit, period, as_of, projection = figure
        got = (
            record["kind"], record["text"], record["value"], record["low"], record["high"],
            record["qualifier"], record["unit"], (record["period_start"], record["period_end"]),
            record["as_of"], record["projection"],
        )  # fmt: skip
        assert got == (kind, shown, value, low, high, qualifier, unit, period, as_of, projection)
        blank = ["" if v is None else str(v) for v in (value, low, high, qualifier, as_of)]
        assert [row[c] for c in ("value", "low", "high", "qualifier", "as_of")] == blank, fid
        assert (row["text"], row["unit"]) == (shown, unit)
        assert (row["period_start"], row["period_end"]) == tuple(p or "" for p in period)
        assert record["permalink"] == row["permalink"] == PERMALINK + fid


def test_each_figure_names_its_source_with_title_and_url_or_its_inputs(built_rich):
    records = {r["id"]: r for r in data(built_rich, "figures.json")["figures"]}
    per_day = records["north-crossings-per-day"]
    assert (per_day["attribution"], per_day["inputs"]) == (
        "computed by this site",
        ["north-crossings"],
    )
    assert per_day["working"] == "1.2 million ÷ 366 days ≈ 3,279 a day, rounded to about 3,300"
    ratio = records["north-south-ratio"]
    assert ratio["inputs"] == ["north-crossings", "south-crossings"]
    assert ratio["working"] == "1.2 million ÷ (500,000–600,000) = 2–2.4"
    assert ratio["source_id"] == ["river-survey-2025"]
    survey, span = records["south-crossings"], records["old-bridge-span"]
    for record, (source_id, publisher, title, date), url in (
        (survey, SURVEY, "https://survey.example/2025"),
        (span, REGISTER, "https://bridges.example/register"),
    ):
        assert record["source_id"] == [source_id]
        assert (record["source_publisher"], record["source_title"]) == (publisher, title)
        assert (record["source_date"], record["source_url"]) == (date, url)
    assert survey["attribution"] == "The survey estimates"
    assert (survey["via"], survey["source_confidence"]) == (None, "secondary")


def test_the_csv_and_the_json_hold_the_same_fields_in_the_same_order(built_rich):
    built = built_rich
    rows = figures_csv(built)
    records = data(built, "figures.json")["figures"]
    assert list(rows[0]) == list(records[0]) == FIGURE_COLUMNS
    for row, record in zip(rows, records, strict=True):
        for column in ("id", "label", "attribution", "source_url", "permalink", "cite_as"):
            assert row[column] == (record[column] or ""), (record["id"], column)


def test_every_permalink_leads_to_an_anchor_on_the_built_page(built_rich):
    built = built_rich
    permalinks = [r["permalink"] for r in data(built, "figures.json")["figures"]]
    permalinks += [s["permalink"] for s in data(built, "statements.json")["statements"]]
    permalinks += [e["permalink"] for e in data(built, "events.json")["events"]]
    permalinks += [s["permalink"] for s in data(built, "sources.json")["sources"]]
    assert permalinks
    assert missing_anchors(built, permalinks) == []


def test_the_cite_as_line_on_the_page_is_the_one_in_the_data(built_rich):
    built = built_rich
    pages = {
        p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in (built / "site").rglob("index.html")
    }
    for record in data(built, "figures.json")["figures"]:
        node = next(s.find(id=record["id"]) for s in pages.values() if s.find(id=record["id"]))
        cite = " ".join(node.select_one(".fs-cite").get_text(" ").split())
        assert cite == f"Cite as: {record['cite_as']}"
        assert record["permalink"] in record["cite_as"]


def test_statements_events_and_sources_carry_their_source_and_date(built_rich):
    [statement] = data(built_rich, "statements.json")["statements"]
    assert statement["id"] == "mayor-on-bridges" and statement["date"] == "2025-03-02"
    assert statement["quote"] == "We will build the new bridge before the old one falls down."
    assert statement["source_title"] == "Report on the river survey"
    assert statement["source_url"] is None
    events = data(built_rich, "events.json")["events"]
    assert [e["id"] for e in events] == [
        "old-bridge-opens",
        "new-bridge-planned",
        "survey-published",
    ]
    assert [e["date"] for e in events] == ["1900-05-01", "2024-09", "2025-03-01"]
    sources = {s["id"]: s for s in data(built_rich, "sources.json")["sources"]}
    assert set(sources) == {"river-survey-2025", "gazette-2025", "gazette-2022", "bridge-register"}
    assert all(s["cited_by"] for s in sources.values())


def test_the_downloads_say_what_they_are_and_under_which_licence(built_rich):
    for name in ("figures.json", "statements.json", "events.json", "sources.json"):
        about = data(built_rich, name)
        assert about["title"] == "Rivers & bridges: a test sheet"
        assert about["updated"] == "2025-06-30"
        assert about["license"] == "CC BY 4.0"
        assert about["url"] == PUBLISHED_URL


def test_every_download_is_linked_from_the_pages_with_a_link_that_works_there(built_rich):
    built = built_rich
    site = built / "site"
    linked: set[str] = set()
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        folder = page.parent.relative_to(site).as_posix()
        here = "https://site.test/" + ("" if folder == "." else folder + "/")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            target = urlsplit(urljoin(here, html.unescape(a["href"])))
            if target.netloc == "site.test" and target.path.startswith("/data/"):
                assert (site / target.path.lstrip("/")).is_file(), f"{page}: {a['href']}"
                linked.add(target.path.lstrip("/"))
    assert linked == set(DOWNLOADS.values())


def test_a_figure_dated_in_its_label_has_no_date_in_the_downloads(rich: Path):
    """The page prints no date for a figure dated in its label ('in the Vietnam War', 'year
    of the estimate not known'); the downloads give none either, and say why (issue 22,
    item 2), for it and for the figures computed from it, in the chart's CSV too."""
    from generator.charts import chart_data
    from generator.exports import figure_records
    from generator.validation import load_and_validate

    edit(rich, "figures.yml", "    side: north\n", "    side: north\n    dated_in_label: true\n")
    content = load_and_validate(rich)
    records = {r["id"]: r for r in figure_records(content, lambda i: "")}
    dates = ("period_start", "period_end", "as_of", "dated_in_label")
    assert [records["north-crossings"][c] for c in dates] == [None, None, None, True]
    assert [records["north-crossings-per-day"][c] for c in dates] == [None, None, None, True]
    assert [records["south-crossings"][c] for c in dates] == [
        "2024-01-01",
        "2024-12",
        None,
        False,
    ]
    chart_csv = chart_data(content, content.charts["crossings-by-bank"]).csv().splitlines()
    assert chart_csv[1].startswith("north-crossings,")
    assert ",,,," in chart_csv[1] and "2024-01-01" not in chart_csv[1]
    assert "2024-01-01,2024-12" in chart_csv[2]
