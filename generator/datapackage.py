"""`data/datapackage.json`: the downloads described as a Frictionless Data Package (v2).

A reuser can validate and load the data without reading the site: every CSV has a table
schema (field types, what each column means, its unit), every JSON file its media type, and
the package carries the sheet's licence, sources and date. Frictionless refuses a resource
path that climbs out of the package's folder (`../charts/x.csv`), so each chart's CSV is
copied, byte for byte, to `data/charts/`. Written with json.dumps from the models: titles
and descriptions are data, nothing here is HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, get_args

from .charts import ChartData, chart_data
from .content import Content
from .exports import DOWNLOADS, FIGURE_COLUMNS, MEDIA_TYPES
from .models import Qualifier
from .units import UNITS, Unit, unit_words
from .units import unit as find_unit

PATH = "data/datapackage.json"
"""Where the package lands in the site, next to the downloads it describes."""

CHARTS = "data/charts"
"""Where the copies of the charts' CSVs land, inside the package's folder."""

SPEC = "https://datapackage.org/profiles/2.0"
"""Data Package v2 (2024): `frictionless` 5 validates it, and v1 readers ignore `$schema`."""

_CC = re.compile(r"^CC[ -]?(?:(0)|(BY(?:[ -](?:SA|ND|NC|NC[ -]SA|NC[ -]ND))?))[ -](\d\.\d)$", re.I)

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_TEXT = "An ISO 8601 date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD."
_LIST_TEXT = "Ids separated by spaces."
_QUALIFIERS = list(get_args(Qualifier))
_TEXT_TEXT = (
    " Text that would begin with =, +, -, @, a tab or a carriage return starts with an "
    "apostrophe, so that no spreadsheet runs it as a formula."
)

Field = dict[str, Any]


def _string(name: str, description: str, **extra: Any) -> Field:
    return {"name": name, "type": "string", "description": description, **extra}


def _partial_date(name: str, description: str) -> Field:
    return _string(name, f"{description} {_DATE_TEXT}", constraints={"pattern": PARTIAL_DATE})


def _qualifier(what: str) -> Field:
    return _string(
        "qualifier",
        f"How the source qualifies {what}, e.g. 'about' or 'up to'; empty when it gives the "
        "number as it is.",
        constraints={"enum": _QUALIFIERS},
    )


_FIGURE_FIELDS: list[Field] = [
    _string("id", "The figure's id, stable across updates; its permalink's anchor."),
    _string(
        "kind",
        "'figure' for a number a source gives, 'derived' for one this site computes from them.",
        constraints={"enum": ["figure", "derived"]},
    ),
    _string("label", "What the number counts, worded to follow it: 'people in the world'."),
    _string("title", "The figure's title as a heading."),
    _string("attribution", "Who gives it ('The UN estimates'), or 'computed by this site'."),
    _string("text", "The figure as the site words it, with its qualifier and unit."),
    {
        "name": "value",
        "type": "number",
        "description": "The number, in the row's `unit`; empty when the source gives a range.",
    },
    {
        "name": "low",
        "type": "number",
        "description": "The low end of a range, in the row's `unit`; empty for a single value.",
    },
    {
        "name": "high",
        "type": "number",
        "description": "The high end of a range, in the row's `unit`; empty for a single value.",
    },
    _qualifier("the number"),
    _string(
        "unit",
        "The unit of value, low and high: a key of the generator's unit table, e.g. 'people', "
        "'percent', 'km2' or 'm-per-day', a currency's ISO 4217 code (USD), a rate per N "
        "(per-100000-people) or one of the sheet's own units; `units` gives each key in words.",
        constraints={"required": True, "enum": list(UNITS)},
        units={key: unit_words(unit) for key, unit in UNITS.items()},
    ),
    _partial_date("period_start", "The first day of the period the figure covers."),
    _partial_date("period_end", "The last day of the period the figure covers."),
    _partial_date("as_of", "The day the figure stands for, when it covers no period."),
    {
        "name": "projection",
        "type": "boolean",
        "description": "true when the figure is a projection, not a measurement.",
    },
    {
        "name": "timeless",
        "type": "boolean",
        "description": "true when the figure holds at no date (a definition, a constant): "
        "its period and as_of are empty.",
    },
    _string("side", "Whose figure it is: a key of the sheet's sides."),
    _string("measure", "What it measures, e.g. 'population': figures of one measure compare."),
    _string("topic", "The sheet's topic it belongs to."),
    _string("note", "A note on how to read the figure."),
    _string("source_id", f"The ids of its sources (see sources.json). {_LIST_TEXT}"),
    _string("source_publisher", "Who published the source."),
    _string("source_title", "The source's title as published."),
    _partial_date("source_date", "When the source was published."),
    _string("source_url", "Where to read the source.", format="uri"),
    _string("source_confidence", "How far the source has been checked."),
    _string("via", "The id of the outlet that reported the source, when not read first-hand."),
    _string("via_title", "The title of that outlet's report."),
    _string("via_url", "Where to read that report.", format="uri"),
    _string("formula", "How a derived figure is computed from its inputs."),
    _string("working", "That computation with the inputs' numbers."),
    _string("inputs", f"The ids of a derived figure's inputs. {_LIST_TEXT}"),
    _string("permalink", "The figure's address on the site."),
    _string("cite_as", "How to cite the figure."),
]


def figure_fields(extra: Mapping[str, Unit] | None = None) -> list[Field]:
    """The fields of figures.csv, in its columns' order; a column added to exports.py but not
    described here is still a valid string field, its description empty (a test finds it).

    `extra`: units the sheet uses besides the built-in ones (currencies, rates, its own)."""
    known = {f["name"]: f for f in _FIGURE_FIELDS}
    if extra:
        units = {**UNITS, **extra}
        known["unit"] = {
            **known["unit"],
            "constraints": {"required": True, "enum": list(units)},
            "units": {key: unit_words(found) for key, found in units.items()},
        }
    return [known.get(column, _string(column, "")) for column in FIGURE_COLUMNS]


_JSON_RESOURCES = {
    "figures_json": ("figures-json", "Figures (JSON)", "The rows of figures.csv, typed."),
    "statements_json": ("statements", "Statements", "Quoted statements, with their source."),
    "events_json": ("events", "Events", "The timeline's events, with their source."),
    "sources_json": ("sources", "Sources", "Every source, with the records that cite it."),
}
"""How each JSON download is named and described; each opens with the sheet's title, date and
licence, then holds one list of records."""


def _chart_fields(kind: str, unit: str, words: str) -> list[Field]:
    if kind == "timeline":
        return [
            _string("id", "The event's id."),
            _partial_date("date", "The event's date."),
            {"name": "first_day", "type": "date", "description": "The first day it can be."},
            {"name": "last_day", "type": "date", "description": "The last day it can be."},
            _string("title", "What happened."),
            _string("source", "The id of its source (see sources.json)."),
            _string("via", "The id of the outlet that reported the source, if any."),
        ]
    number = "in the chart's unit, {words} ({unit}); low equals high for a single value."
    return [
        _string("id", "The figure's id (see figures.csv)."),
        _string("label", "What the number counts."),
        _qualifier("the number"),
        {
            "name": "low",
            "type": "number",
            "description": f"The low end, {number.format(words=words, unit=unit)}",
            "unit": unit,
        },
        {
            "name": "high",
            "type": "number",
            "description": f"The high end, {number.format(words=words, unit=unit)}",
            "unit": unit,
        },
        _string("unit", "The chart's unit, the same on every row."),
        _string("as_given", "The figure as its source gives it, in its own unit."),
        _partial_date("period_start", "The first day of the period the figure covers."),
        _partial_date("period_end", "The last day of the period the figure covers."),
        _partial_date("as_of", "The day the figure stands for, when it covers no period."),
        _string("source", f"The ids of its sources (see sources.json). {_LIST_TEXT}"),
        _string("via", f"The ids of the outlets that reported them. {_LIST_TEXT}"),
    ]


def _csv(name: str, path: str, title: str, description: str, fields: list[Field]) -> Field:
    return {
        "name": name,
        "path": path,
        "type": "table",
        "title": title,
        "description": description + _TEXT_TEXT,
        "format": "csv",
        "mediatype": MEDIA_TYPES[".csv"],
        "encoding": "utf-8",
        "schema": {
            "$schema": f"{SPEC}/tableschema.json",
            "fields": fields,
            "primaryKey": ["id"],
            "missingValues": [""],
        },
    }


def package(content: Content, charts: list[ChartData]) -> dict[str, Any]:
    """The package's descriptor, its resources in the order the build writes them."""
    sheet = content.sheet
    named = {"name": licence_name(sheet.license), "path": sheet.license_url}
    licence = {k: v for k, v in named.items() if v}
    # A licence needs a name or a path; with neither, the title alone would not validate.
    licences = [{**licence, "title": sheet.license}] if licence else []
    resources: list[dict[str, Any]] = [
        _csv(
            "figures",
            _within("data", DOWNLOADS["figures_csv"]),
            "Figures (CSV)",
            "Every figure, one a row: its value or range with qualifier and unit, period, "
            "source and permalink. The unit of value, low and high is the row's `unit`.",
            figure_fields(
                {
                    q.unit: find_unit(q.unit, content.units)
                    for q in content.quantities()
                    if q.unit not in UNITS
                }
            ),
        )
    ]
    for key, (res_name, title, description) in _JSON_RESOURCES.items():
        resources.append(
            {
                "name": res_name,
                "path": _within("data", DOWNLOADS[key]),
                "title": title,
                "description": description,
                "format": "json",
                "mediatype": MEDIA_TYPES[".json"],
                "encoding": "utf-8",
            }
        )
    for data in charts:
        chart = data.chart
        unit = data.unit.key if data.unit else ""
        words = unit_words(data.unit) if data.unit else ""
        what = "its events" if chart.kind == "timeline" else f"its figures, in {words}"
        resources.append(
            _csv(
                f"chart-{chart.id}",
                _within("data", _chart_path(chart.id)),
                f"Chart: {chart.title}",
                f"The data of the {chart.kind} chart '{chart.id}': {what}.",
                _chart_fields(chart.kind, unit, words),
            )
        )
    sources = [
        {"title": f"{s.publisher}: {s.title}", **({"path": s.url} if s.url else {})}
        for s in content.sources.values()
    ]
    return {
        "$schema": f"{SPEC}/datapackage.json",
        "name": "factsheet",
        "title": sheet.title,
        "description": sheet.description,
        "version": sheet.updated.iso(),
        # RFC 3339, as the spec asks: the sheet's date, never the time of the build.
        "created": f"{sheet.updated.first_day().isoformat()}T00:00:00Z",
        **({"licenses": licences} if licences else {}),
        "keywords": list(sheet.topics.values()),
        "sources": sources,
        "resources": resources,
    }


def licence_name(text: str) -> str | None:
    """'CC BY 4.0' -> 'CC-BY-4.0', the licence's Open Definition id; None for any licence
    but Creative Commons', whose id cannot be told from its words (then only its URL)."""
    match = _CC.match(text.strip())
    if match is None:
        return None
    zero, kind, version = match.groups()
    return f"CC0-{version}" if zero else f"CC-{re.sub(r'[ -]+', '-', kind.upper())}-{version}"


def _within(folder: str, path: str) -> str:
    """'data/figures.csv' -> 'figures.csv': a path relative to the package's folder."""
    return PurePosixPath(path).relative_to(folder).as_posix()


def _chart_path(chart_id: str) -> str:
    return f"{CHARTS}/{chart_id}.csv"


def write_datapackage(content: Content, docs: Path) -> dict[str, str]:
    """Write the package and its copies of the charts' CSVs under `docs`; return
    {'datapackage_json': its path in the site}, a download like the others."""
    charts = [chart_data(content, chart) for chart in content.charts.values()]
    files = {_chart_path(data.chart.id): data.csv() for data in charts}
    files[PATH] = json.dumps(package(content, charts), ensure_ascii=False, indent=1) + "\n"
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {"datapackage_json": PATH}
