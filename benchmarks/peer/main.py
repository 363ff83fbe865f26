"""The peer's macros: what a competent MkDocs user writes in an afternoon instead of factsheet.

mkdocs-macros imports this module and calls `define_env` once per `mkdocs build`. It reads the
same `content/*.yml` as factsheet (PyYAML's C loader), computes the derived figures, and gives
the pages (`docs/*.md`, Jinja with the blocks in `includes/blocks.md`) their data, a few
filters, and a `chart` macro that writes a Vega-Lite spec for mkdocs-charts-plugin to draw in
the reader's browser. No validation beyond what the code needs to run: that is the peer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

DASH = "\u2013"
UNITS = {
    "people": "",
    "count": "",
    "percent": "%",
    "percentage-points": " percentage points",
    "times": " times",
    "km2": " km²",
    "m": " metres",
    "km": " km",
    "yd": " yards",
    "mi": " miles",
    "m-per-day": " metres a day",
    "km-per-day": " km a day",
    "yd-per-day": " yards a day",
    "mi-per-day": " miles a day",
    "days": " days",
    "years": " years",
}
METRIC = {"km-per-day": 1000, "yd-per-day": 0.9144, "mi-per-day": 1609.344, "yd": 0.9144}
"""Charts put imperial and kilometre figures beside metre ones: these convert them."""
KINDS = ("sources", "figures", "derived", "statements", "events", "notes", "charts", "changes")

Record = dict[str, Any]


def load(folder: Path) -> dict[str, Any]:
    """Every record of every YAML file in `folder`, by kind, plus the sheet's settings."""
    data: dict[str, Any] = {"sheet": {}, **{kind: [] for kind in KINDS}}
    for path in sorted(folder.glob("*.yml")):
        with path.open(encoding="utf-8") as f:
            doc = yaml.load(f, Loader=yaml.CSafeLoader) or {}
        for key, value in doc.items():
            if key == "sheet":
                data["sheet"] = value
            else:
                data[key].extend(value or [])
    return data


def days_of(value: Any) -> tuple[dt.date, dt.date]:
    """First and last day of a date given as a date, a year, or 'YYYY-MM'."""
    if isinstance(value, dt.date):
        return value, value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(*parts), dt.date(*parts)


def date(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    text = str(value)
    if "-" in text:
        first, _ = days_of(value)
        return f"{first:%B %Y}"
    return text


def when(q: Record) -> str:
    period = q.get("period")
    if period:
        if period["start"] == period["end"]:
            text = date(period["start"])
        else:
            text = f"{date(period['start'])} {DASH} {date(period['end'])}"
        return f"{text} (projected)" if q.get("projection") else text
    if q.get("as_of"):
        return f"{'by' if q.get('projection') else 'as of'} {date(q['as_of'])}"
    return ""


def bounds(q: Record) -> tuple[float, float]:
    if "value" in q:
        return q["value"], q["value"]
    return q["low"], q["high"]


def number(x: float, decimals: int | None = None) -> str:
    if decimals is None and abs(x) >= 1_000_000 and round(x) % 10_000 == 0:
        return f"{x / 1_000_000:,.2f}".rstrip("0").rstrip(".") + " million"
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    return f"{x:,.{decimals}f}"


def span(q: Record) -> str:
    low, high = bounds(q)
    a, b = number(low, q.get("decimals")), number(high, q.get("decimals"))
    if a == b:
        return a
    if a.endswith(" million") and b.endswith(" million"):
        a = a.removesuffix(" million")
    return f"{a}{DASH}{b}"


def shown(q: Record) -> str:
    """'about 1.2 million', '275,000–325,000', 'up to 25 yards a day'."""
    text = span(q) + UNITS.get(q.get("unit", ""), " " + q.get("unit", ""))
    qualifier = q.get("qualifier")
    return f"{qualifier} {text}" if qualifier and qualifier != "exactly" else text


def compute(spec: Record, inputs: list[Record]) -> Record:
    """A derived figure from its inputs: ranges give ranges, from the extreme quotients."""
    a, op = inputs[0], spec["op"]
    alo, ahi = bounds(a)
    period, as_of = a.get("period"), a.get("as_of")
    if op in ("ratio", "share", "difference"):
        b = inputs[1]
        blo, bhi = bounds(b)
        if op == "difference":
            low, high, unit, sign = alo - bhi, ahi - blo, a["unit"], "−"
        else:
            scale = 100 if op == "share" else 1
            low, high = alo / bhi * scale, ahi / blo * scale
            unit, sign = ("percent" if op == "share" else "times"), "÷"
        if b.get("period") != period:
            period = None
        if b.get("as_of") != as_of:
            as_of = None
        formula = f"{a['label']} {sign} {b['label']}" + (" × 100" if op == "share" else "")
    else:
        start, _ = days_of(a["period"]["start"])
        _, end = days_of(a["period"]["end"])
        days = (end - start).days + 1
        per = spec.get("days", 1) if op == "per-period" else 1
        low, high, unit = alo / days * per, ahi / days * per, a["unit"]
        formula = f"{a['label']} ÷ {days:,} days" + (f" × {per}" if per != 1 else "")
    return {
        **spec,
        "low": low,
        "high": high,
        "unit": spec.get("unit") or unit,
        "decimals": spec.get("decimals", 1),
        "qualifier": "about" if any(i.get("qualifier") for i in inputs) else None,
        "period": period,
        "as_of": as_of,
        "projection": any(i.get("projection") for i in inputs),
        "formula": formula,
        "sources": list(dict.fromkeys(s for i in inputs for s in i["sources"])),
        "derived": True,
    }


class Sheet:
    """The content, with the lookups the pages need, built once per build."""

    def __init__(self, data: dict[str, Any], pages: dict[str, str]) -> None:
        self.sheet = data["sheet"]
        self.sources = {s["id"]: s for s in data["sources"]}
        self.figures = {f["id"]: {**f, "sources": [f["source"]]} for f in data["figures"]}
        self.charts = {c["id"]: c for c in data["charts"]}
        self.events = {e["id"]: e for e in data["events"]}
        self.statements = {s["id"]: s for s in data["statements"]}
        self.notes = data["notes"]
        # The corrections log, newest first: the peer lists it on a page of its own too.
        self.changes = sorted(data["changes"], key=lambda c: str(c["date"]), reverse=True)
        specs = {d["id"]: d for d in data["derived"]}
        for did in specs:
            self._derive(did, specs)
        self.pages = pages
        self.by_topic: dict[str, list[Record]] = {}
        for q in self.figures.values():
            self.by_topic.setdefault(q["topic"], []).append(q)
        self.statements_by_topic: dict[str, list[Record]] = {}
        for s in self.statements.values():
            self.statements_by_topic.setdefault(s["topic"], []).append(s)
        for listed in self.statements_by_topic.values():
            listed.sort(key=lambda s: days_of(s["date"])[0])
        self.notes_by_item: dict[str, list[Record]] = {}
        for n in self.notes:
            for item in n["about"]:
                self.notes_by_item.setdefault(item, []).append(n)
        self.cited_by: dict[str, list[Record]] = {}
        for item in [*self.figures.values(), *self.statements.values(), *self.events.values()]:
            for sid in [item.get("source"), item.get("via")]:
                if sid:
                    self.cited_by.setdefault(sid, []).append(item)
        for n in self.notes:
            for sid in dict.fromkeys([n["claim_source"], n["source"]]):
                self.cited_by.setdefault(sid, []).append(n)

    def _derive(self, did: str, specs: dict[str, Record]) -> Record:
        if did not in self.figures:
            inputs = [self.figures.get(i) or self._derive(i, specs) for i in specs[did]["inputs"]]
            self.figures[did] = compute(specs[did], inputs)
        return self.figures[did]

    def page_of(self, item: Record) -> str:
        """The page (a docs/ file) that shows a record."""
        if "topic" in item:
            return self.pages.get(item["topic"], f"{item['topic']}.md")
        if "about" in item:
            about = item["about"][0]
            return self.page_of(self.figures.get(about) or self.statements[about])
        if "publisher" in item:
            return "sources.md"
        return "diplomacy.md"  # events: the timeline

    def title_of(self, item: Record) -> str:
        if "speaker" in item:
            return f"{item['speaker']}, {date(item['date'])}"
        return item.get("label") or item["title"]

    def timeline(self) -> list[Record]:
        return sorted(self.events.values(), key=lambda e: (days_of(e["date"])[1], e["id"]))

    def headlines(self) -> list[Record]:
        return [q for q in self.figures.values() if q.get("headline")]

    def chart_spec(self, chart: Record) -> dict[str, Any]:
        """A Vega-Lite spec with its data inline, drawn by vega-embed in the browser."""
        spec: dict[str, Any] = {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "title": chart["title"],
            "width": "container",
        }
        if chart["kind"] == "timeline":
            rows = [
                {"date": days_of(e["date"])[0].isoformat(), "event": e["title"]}
                for e in (self.events[i] for i in chart["events"])
            ]
            spec["data"] = {"values": rows}
            spec["mark"] = {"type": "point", "filled": True}
            spec["encoding"] = {
                "x": {"field": "date", "type": "temporal", "title": None},
                "y": {"field": "event", "type": "nominal", "sort": None, "title": None},
                "tooltip": [{"field": "date", "type": "temporal"}, {"field": "event"}],
            }
            return spec
        rows = []
        for q in (self.figures[i] for i in chart["figures"]):
            factor = METRIC.get(q.get("unit", ""), 1)
            low, high = (x * factor for x in bounds(q))
            rows.append({"figure": q["label"], "low": low, "high": high, "shown": shown(q)})
            if chart["kind"] in ("line", "column"):
                dated = q.get("as_of") or (q.get("period") or {}).get("end")
                rows[-1]["date"] = days_of(dated)[0].isoformat()
        spec["data"] = {"values": rows}
        if chart["kind"] in ("line", "column"):
            spec["mark"] = {"type": "line", "point": True} if chart["kind"] == "line" else "bar"
            spec["encoding"] = {
                "x": {"field": "date", "type": "temporal", "title": None},
                "y": {"field": "high", "type": "quantitative", "title": None},
                "tooltip": [{"field": "figure"}, {"field": "shown", "title": "value"}],
            }
            return spec
        x: dict[str, Any] = {"field": "high", "type": "quantitative", "title": None}
        if chart.get("scale") == "log":
            x["scale"] = {"type": "log"}
        y = {"field": "figure", "type": "nominal", "sort": None, "title": None}
        tooltip = [{"field": "figure"}, {"field": "shown", "title": "value"}]
        if chart["kind"] == "range-bar":
            spec["layer"] = [
                {"mark": "bar", "encoding": {"x": {**x, "field": "low"}, "x2": {"field": "high"}}},
                {"mark": {"type": "point", "filled": True}, "encoding": {"x": x}},
            ]
            spec["encoding"] = {"y": y, "tooltip": tooltip}
        else:
            spec["mark"] = {"type": "point", "filled": True} if "scale" in x else "bar"
            spec["encoding"] = {"x": x, "y": y, "tooltip": tooltip}
        return spec


def define_env(env: Any) -> None:
    """mkdocs-macros' hook: load the content and give the pages what they use."""
    project = Path(env.project_dir)
    extra = env.conf["extra"]
    sheet = Sheet(load(project / extra.get("content_dir", "content")), extra.get("pages", {}))
    env.variables["content"] = sheet
    env.variables["sheet"] = sheet.sheet
    env.variables["sources"] = sheet.sources
    shown_on_page: dict[str, set[str]] = {}

    env.filter(date)
    env.filter(when)
    env.filter(shown)

    @env.macro
    def notes_about(item_id: str) -> list[Record]:
        """Editor's notes about a record not yet shown on this page: each note shows once."""
        seen = shown_on_page.setdefault(env.page.file.src_uri, set())
        notes = [n for n in sheet.notes_by_item.get(item_id, []) if n["id"] not in seen]
        seen.update(n["id"] for n in notes)
        return notes

    @env.macro
    def link(item: Record) -> str:
        return f"{sheet.page_of(item)}#{item['id']}"

    @env.macro
    def chart(chart_id: str, anchor: bool = True) -> str:
        c = sheet.charts[chart_id]
        attrs = f"{{.vegalite #{chart_id}}}" if anchor else "vegalite"
        caption = f"\n\n{c['caption']}\n{{: .chart-caption }}" if c.get("caption") else ""
        spec = json.dumps(sheet.chart_spec(c), ensure_ascii=False, indent=1)
        return f"```{attrs}\n{spec}\n```{caption}\n"
