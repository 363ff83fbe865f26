"""Every message of a language's catalog, written out in sentences, for a native reader's review.

    python -m tests.native_samples fr            # prints the samples
    python -m tests.native_samples fr -o out.txt

Nothing here is a hand-made sample: each message is rendered by the generator's own `Language`
and `Writer` from the real catalog, with the values the generator would give it (a day, a month
and a year date, a period, one and several sources, a range, money, counts), and the titles,
names and sources of that language's example sheet (the war sheet for English). Messages that
are only part of a sentence (' to { $title }') are shown after the words they follow in a page.
A second part prints what the example sheet's own figures and charts read, whole.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from generator import messages as fluent
from generator.charts.data import chart_data, shown
from generator.charts.html import source_line
from generator.content import Content
from generator.language import Count, Language, catalog, languages
from generator.models import Figure, PartialDate, Period, Source
from generator.numbers import Writer, initial
from generator.typography import elide, in_text, join
from generator.units import unit as unit_of
from generator.validation import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
SHEETS = {
    "en": ROOT,
    "de": ROOT / "examples" / "gesundheit",
    "fr": ROOT / "examples" / "flamanville",
    "uk": ROOT / "examples" / "naselennia",
}
"""The sheet whose titles, names and sources each language's samples use."""

DATES = {
    "a day": PartialDate(year=2022, month=12, day=16),
    "the first of a month": PartialDate(year=2022, month=8, day=1),
    "a month": PartialDate(year=2019, month=10),
    "a year": PartialDate(year=2006),
}
PERIODS = {
    "whole years": Period(start=PartialDate(year=2022), end=PartialDate(year=2025)),
    "days": Period(
        start=PartialDate(year=2022, month=2, day=24), end=PartialDate(year=2022, month=12, day=31)
    ),
    "months": Period(start=PartialDate(year=2019, month=10), end=PartialDate(year=2023, month=5)),
}
PLACES = {"en": "London", "de": "Berlin", "fr": "Paris", "uk": "Київ"}
"""A place for a byline when the example sheet's quotation names none."""
COUNTS = (1, 2, 3, 5, 21, 1.5, 1_000_000, 1_200_000, 3_000_000_000)
MEASURED = (
    *("percent", "percentage-points", "people", "km", "m-per-day", "days", "EUR"),
    "per-100000-people",
)
"""Units whose chart descriptions the samples show, one of each kind `charts.measure` names."""
"""Numbers for a message's `$n`: every plural category of en, de, fr and uk, and scale words."""
FIGURES: tuple[tuple[float, float, str], ...] = (
    (3, 3, "km"),
    (1, 1, "km"),
    (1.5, 1.5, "km"),
    (21, 21, "km"),
    (1_200_000, 1_200_000, "people"),
    (25, 25, "count"),
    (25, 27, "count"),
    (500_000, 600_000, "people"),
    (12.5, 12.5, "percent"),
    (3, 3, "EUR"),
    (3_300_000_000, 3_300_000_000, "EUR"),
    (110, 120, "EUR"),
    (8_400_000, 8_400_000, "USD"),
    (2_000_000_000, 2_000_000_000, "UAH"),
)
"""Figures (low, high, unit) for a message given a figure as written."""
QUALIFIED: tuple[tuple[float, float, str], ...] = (
    (3, 3, "km"),
    (1_200_000, 1_200_000, "people"),
    (25, 25, "count"),
    (3_300_000_000, 3_300_000_000, "EUR"),
    (12.5, 12.5, "percent"),
)

DAY_ONLY = frozenset({"changes.corrected", "changes.updated", "changes.clarified"})
"""Messages given only a full day (a change log entry's date)."""

FOLLOWS: Mapping[str, tuple[str, ...]] = {
    "blocks.link_to": ("blocks.link",),
    "blocks.link_to_quotation": ("blocks.link",),
    "blocks.more_on": ("blocks.more",),
    "blocks.more_quotations_of": ("blocks.more_quotations",),
    "notes.label_of": ("notes.label",),
    "embed.named": ("embed.embed",),
}
"""A message that continues another in a page, with the messages it follows there.
(`charts.download_named` is a whole message: the link's spoken name.)"""


class Samples:
    """What the generator gives a language's messages, from the real catalog and Writer."""

    def __init__(self, tag: str, content: Content) -> None:
        self.language = Language.of(tag)
        self.write = Writer(self.language, content.units)
        self.content = content
        self.say = self.language.text

    # --- values ---------------------------------------------------------------------------

    def ref(self, s: Source) -> str:
        """A source as a page and a chart write it in full: who, title, date."""
        title = s.title if s.described else self.say("blocks.quoted", text=s.title)
        named = self.say("blocks.named_title", name=s.name, title=title)
        date = self.write.date(s.date)
        return self.say("blocks.dated", text=named, date=date, precision=s.date.precision)

    def sources(self, n: int) -> list[Source]:
        return list(self.content.sources.values())[:n]

    def title(self) -> str:
        return self.content.quantities()[0].title

    def figure(self, low: float, high: float, unit: str, qualifier: str | None = None) -> str:
        return self.write.quantity(low, high, qualifier, unit)

    def values(self, name: str) -> list[tuple[str, dict[str, object]]]:
        """(what the sample is, the arguments it sets) for a message's variable `name`."""
        sheet, q = self.content.sheet, self.content.quantities()[0]
        statement = next(iter(self.content.statements.values()), None)
        first = self.sources(1)[0]
        # A sheet with no quotations (the French one): a source's publisher and title stand in.
        speaker = statement.speaker if statement else first.name
        quote = statement.quote if statement else first.title
        if name in ("date", "precision", "year", "month"):
            return [(what, self.write.date_words(d)) for what, d in DATES.items()]
        if name == "n":
            return [
                (f"n = {c}", {"n": Count(Decimal(str(c)), self.write.number(c))}) for c in COUNTS
            ]
        if name == "via":
            return [("an outlet", {"via": self.say("blocks.via", outlets=first.name)})]
        if name == "citation":
            day = self.write.date_words(DATES["a day"])
            cited = self.say("cite.as", sheet=sheet.title, title=q.title, **day)
            return [("a citation", {"citation": cited})]
        if name == "url":
            return [("an address", {"url": "https://example.org/page/"})]
        if name == "said":
            said = self.say("changes.corrected", date=self.write.date(DATES["a day"]))
            return [("a correction", {"said": said})]
        if name == "role":
            return [("a role", {"role": statement.role if statement else sheet.title})]
        if name in ("place", "placed"):
            place = (statement.place if statement else None) or PLACES[self.language.catalog]
            return [
                ("with a place", {"place": place, "placed": "yes"}),
                ("no place", {"place": "", "placed": "no"}),
            ]
        if name in ("period",):
            return [(what, {"period": self.write.period(p)}) for what, p in PERIODS.items()]
        if name in ("start", "end"):
            return [("whole years", {"start": "2022", "end": "2025"})]
        if name in ("source", "refs"):
            one = [self.ref(s) for s in self.sources(1)]
            several = [self.ref(s) for s in self.sources(3)]
            return [
                ("one source", {name: join(self.language, one, "series"), "n": Count(1, "1")}),
                (
                    "several sources",
                    {name: join(self.language, several, "series"), "n": Count(3, "3")},
                ),
            ]
        if name in ("outlets", "names"):
            names = [s.name for s in self.sources(3)]
            several = {name: join(self.language, names), "n": Count(Decimal(3), "3")}
            one = {name: names[0], "n": Count(Decimal(1), "1")}  # as charts/html.py gives them
            return [("one name", one), ("several names", several)]
        if name == "text":
            return [("a title", {"text": first.title})]
        if name in ("value", "said", "metric"):
            return [
                (f"{lo}–{hi} {unit}", {name: self.figure(lo, hi, unit)}) for lo, hi, unit in FIGURES
            ]
        if name == "unit":
            return [
                (key, {"unit": self.write.unit_name(key), "code": key})
                for key in ("km", "people", "EUR")
            ]
        if name == "scale":
            return [("linear", {"scale": ""}), ("log", {"scale": self.say("charts.log_scale")})]
        events = sorted(self.content.events.values(), key=lambda e: e.date.first_day())
        simple: dict[str, object] = {
            "title": q.title,
            "label": q.label,
            "sheet": sheet.title,
            "speaker": speaker,
            "quote": quote,
            "feed": self.say("pages.changes.feed"),
            "name": q.title,
            "format": "CSV",
            "formula": self.write.formula(self.content.quantity(next(iter(self.content.derived))))
            if self.content.derived
            else q.title,
            "working": self.write.working(self.content.quantity(next(iter(self.content.derived))))
            if self.content.derived
            else "",
            "what": self.say("changes.updated", date=self.write.date(DATES["a day"])) + ".",
            "why": q.title + ".",
            "kind": self.say("feed.correction"),
            "titles": join(  # as generator/feed.py joins a change's records
                self.language, [x.title for x in self.content.quantities()[:2]], "items"
            ),
            "who": first.name,
            "link": "https://example.org/",
            "site": sheet.title,
            "id": next(iter(self.content.charts), "chart"),
            "code": "km",
            "description": self.say("datapackage.figures.label"),
            "computed": self.say("downloads.computed"),
            "events": self.write.counted("charts.events", min(3, len(events)), "events"),
            "first_precision": "month",
            "first_initial": "vowel" if self.write.date(DATES["a month"])[:1] in "ao" else "x",
            "last_precision": "day",
            "first": self.write.date(events[0].date) if events else "",
            "last": self.write.date(events[min(2, len(events) - 1)].date) if events else "",
            "span": self.write.during(
                Period(start=events[0].date, end=events[min(2, len(events) - 1)].date)
            )
            if events
            else "",
            "when": self.write.date(DATES["a day"]),
            "items": " ".join(  # each event a sentence, as generator/charts/data.py says them
                self.say("typography.sentence", text=item[:1].upper() + item[1:])
                for item in (
                    self.say(
                        "charts.item",
                        when=self.write.date(e.date),
                        title=in_text(self.write.language, e.title, "after_colon"),
                        precision=e.date.precision,
                    )
                    for e in events[:3]
                )
            ),
            "whole": self.write.claim(q),  # a stacked bar's whole, as its row's sentence
            "symbol": self.figure(3_300_000_000, 3_300_000_000, "EUR"),
            "base": self.write.number(100_000),
            "low": self.write.number(110),
            "high": self.write.number(120),
        }
        if name in simple:
            return [(name, {name: simple[name]})]
        return [(name, {name: f"<{name}>"})]

    # --- messages ---------------------------------------------------------------------------

    def special(self, key: str) -> list[tuple[str, str]] | None:
        """Messages the Writer itself fills in: rendered by the Writer, as pages get them."""
        if key.startswith("qualifiers."):
            qualifier = key.split(".", 1)[1]
            return [
                (f"{lo} {unit}", self.figure(lo, hi, unit, qualifier)) for lo, hi, unit in QUALIFIED
            ]
        if key.startswith("units.") and key.endswith(".amount"):
            unit = key.split(".")[1]
            if unit in ("per", "per-people"):
                unit = "per-100000-people" if unit == "per-people" else "per-1000"
            return [(f"n = {c}", self.figure(c, c, unit)) for c in COUNTS]
        if key.startswith("units.") and key.endswith(".name"):
            unit = key.split(".")[1]
            if unit in ("per", "per-people"):
                unit = "per-100000-people" if unit == "per-people" else "per-1000"
            return [
                ("name", self.write.unit_name(unit)),
                (
                    "in a chart",
                    self.say("charts.bar", what=shown(self.write, unit_of(unit))),
                ),
            ]
        if key == "units.with_metric":
            return [
                ("25 yd a day, below", self.figure(25, 25, "yd-per-day", "below")),
                ("1.5 mi", self.figure(1.5, 1.5, "mi")),
                ("1 200 000 km", self.figure(1_200_000, 1_200_000, "km")),
            ]
        if key == "money.amount":
            return [
                (f"{lo}–{hi} {unit}", self.figure(lo, hi, unit))
                for lo, hi, unit in FIGURES
                if unit.isupper()
            ] + [
                (
                    "110–120 EUR in a sentence",
                    self.write.quantity(110, 120, None, "EUR", sentence=True),
                ),
                ("12.50 EUR", self.figure(12.5, 12.5, "EUR")),
                ("1 USD", self.figure(1, 1, "USD")),
            ]
        if key == "numbers.range":
            return [
                ("110–120 in a sentence", self.write.span(110, 120, sentence=True)),
                ("25–27 million in a sentence", self.write.span(25e6, 27e6, sentence=True)),
                ("3–4 billion in a sentence", self.write.span(3e9, 4e9, sentence=True)),
                (
                    "500 000–600 000 people, said",
                    self.write.quantity(500_000, 600_000, None, "people", sentence=True),
                ),
                ("25–27 %, said", self.write.quantity(25, 27, None, "percent", sentence=True)),
            ]
        if key == "units.price_base":
            value = self.figure(13_200_000_000, 13_200_000_000, "EUR")
            return [("13.2 billion EUR, 2015", self.say(key, value=value, year="2015"))]
        if key in ("dates.as_of", "dates.by"):
            return [(what, self.say(key, **self.write.date_words(d))) for what, d in DATES.items()]
        if key == "dates.projected":
            return [
                (what, self.say(key, period=self.write.period(p))) for what, p in PERIODS.items()
            ]
        if key in ("dates.day", "dates.month"):
            return [(what, self.write.date(d)) for what, d in DATES.items()]
        if key in ("blocks.dated", "blocks.reported"):
            first = self.sources(1)[0]
            title = first.title if first.described else self.say("blocks.quoted", text=first.title)
            named = self.say("blocks.named_title", name=first.name, title=title)
            dated = [
                (what, self.say("blocks.dated", text=named, **self.write.date_words(d)))
                for what, d in DATES.items()
            ]
            if key == "blocks.dated":
                return dated
            via = self.say("blocks.via", outlets=self.sources(2)[-1].name)
            return [(what, self.say(key, text=text, via=via)) for what, text in dated[:1]]
        if key == "dates.month_in_text":
            return [
                ("a month, in a sentence", self.write.during(Period(start=m, end=m)))
                for m in (DATES["a month"],)
            ]
        if key == "dates.during":
            ones = {f"one date, {what}": Period(start=d, end=d) for what, d in DATES.items()}
            return [(what, self.write.during(p)) for what, p in {**PERIODS, **ones}.items()]
        if key == "working.days_in":
            return [
                (
                    what,
                    self.say(
                        key,
                        period=self.write.period(p),
                        during=self.write.during(p),
                        precision="period",
                    ),
                )
                for what, p in PERIODS.items()
            ]
        if key == "working.days":
            return [
                (f"n = {c}", self.language.amount(key, c, self.write.number(c)))
                for c in (1, 3, 5, 21, 1407)
            ]
        if key == "changes.removed":  # given what the removed record said (generator/feed.py)
            said = self.write.claim(self.content.quantities()[0])
            return [("a figure", self.say(key, said=said))]
        page = self.as_on_pages(key)
        if page is not None:
            return page
        if key == "social.item":  # the share image's alt text: each headline as a sentence
            from generator.social import alt_text

            return [("the sheet's headlines", alt_text(self.content))]
        if key in ("charts.bar", "charts.range_bar", "charts.measure"):
            # What the chart shows, by what its unit measures (generator/charts/data.py).
            out = []
            log = self.say("charts.log_scale")
            for code, scale in [(c, "") for c in MEASURED] + [("m-per-day", log)]:
                shows = shown(self.write, unit_of(code, self.content.units), scale)
                text = shows if key == "charts.measure" else self.say(key, what=shows)
                out.append((f"{code}{', log scale' if scale else ''}", text))
            return out
        if key in ("charts.line", "charts.column"):
            pairs = (("a month", "a day"), ("a year", "a month"), ("a day", "a day"))
            out = []
            for start, end in pairs:
                since, until = self.write.date(DATES[start]), self.write.date(DATES[end])
                one = start == end  # a chart whose figures share one date says it as theirs
                span = (
                    self.write.time_phrase(None, DATES[start], sentence=True)
                    if one
                    else self.write.during(Period(start=DATES[start], end=DATES[end]))
                )
                out.append(
                    (
                        f"from {start} to {end}",
                        self.say(
                            key,
                            unit=self.write.unit_name("km"),
                            scale="",
                            first=since,
                            last=until,
                            first_precision=DATES[start].precision,
                            first_initial=initial(since),
                            last_precision=DATES[end].precision,
                            span=span,
                            dates="one" if one else "several",
                        ),
                    )
                )
            return out
        if key == "charts.events":  # a number of events is whole
            return [
                (f"n = {c}", self.write.counted(key, c, "events"))
                for c in COUNTS
                if c >= 1 and c == int(c)
            ]
        if key == "blocks.claim":
            return self.claims()
        if key == "numbers.form_after":
            return [
                (f"{q} {lo} {unit}", self.figure(lo, lo, unit, q))
                for q in ("about", "up to", "over")
                for lo, unit in ((1, "km"), (3, "km"), (5, "km"), (3_000_000, "people"))
            ] + [
                (f"events, n = {n}", self.write.counted("charts.events", n, "events"))
                for n in (1, 3, 1_000_000)
            ]
        if key == "money.name":
            return [
                (f"{code}, n = {n}", self.write.currency_name(code, Decimal(n)))
                for code in ("EUR", "USD", "UAH")
                for n in (1, 2, 5, 1.5)
            ]
        if key == "typography.lists":
            names = [src.name for src in self.sources(3)]
            return [("three names", join(self.language, names))]
        if key == "typography.elisions":
            said = self.figure(800_000_000, 800_000_000, "EUR", "about")
            says, how = elide(self.language, self.say("charts.legend_others"), said)
            return [("before 'about …'", f"{says}{' ' if how == 'space' else ''}{said}")]
        return None

    def as_on_pages(self, key: str) -> list[tuple[str, str]] | None:
        """Messages a page gives one particular thing: a change's one source, a source's
        name and title, a computed figure's label and date, a data-package field's text."""
        say, write, content = self.say, self.write, self.content
        computed = next((q for q in content.quantities() if q.computed), None)
        if key == "changes.source":  # a change rests on one source (blocks.md.j2)
            first = self.sources(1)[0]  # who and when, as the macro source_short says it
            dated = say("blocks.dated", text=first.name, **write.date_words(first.date))
            return [("its source", say(key, source=dated))]
        if key == "blocks.named_title":  # a source's name, then its title (blocks.md.j2)
            first = self.sources(1)[0]
            title = first.title if first.described else say("blocks.quoted", text=first.title)
            return [("a source", say(key, name=first.name, title=title))]
        if key == "typography.elisions" and not self.language.messages[key].strip():
            return [("", "(none: this language elides nothing)")]
        if key == "feed.summary":  # a change's own what and why (generator/feed.py)
            change = next(iter(content.changes.values()), None)
            what = change.what if change else "<what changed, as the author writes it>"
            why = change.why if change else "<why, as the author writes it>"
            return [("a change", say(key, what=what, why=why))]
        if key in ("datapackage.date", "datapackage.ids", "datapackage.table"):
            inner = {
                "datapackage.date": "datapackage.figures.as_of",
                "datapackage.ids": "datapackage.figures.source_id",
                "datapackage.table": "datapackage.resources.figures.description",
            }[key]
            return [(inner, say(key, description=say(inner)))]
        if computed is None:
            return None
        label = say("blocks.computed_label", label=computed.label)
        if key == "typography.with_date":  # a computed headline's label and its date
            return [(computed.id, say(key, text=label, when=write.when(computed)))]
        if key == "typography.labelled":  # a computed figure's line; a change's kind and titles
            kind = say("changes.kind.correction")
            titles = join(self.language, [x.title for x in content.quantities()[:2]], "items")
            return [
                (computed.id, say(key, label=label, text=write.shown(computed))),
                ("a change", say(key, label=kind, text=titles)),
            ]
        if key == "charts.computed_row":  # a computed figure's row in a chart (charts/data.py)
            row = f"{computed.label[:1].upper()}{computed.label[1:]}"
            return [(computed.id, say(key, label=row, value=write.shown(computed)))]
        return None

    def claims(self) -> list[tuple[str, str]]:
        """`blocks.claim` as the example sheet's figures say it, and for counts and
        qualifiers the sheet may not have, with its own first figure's words."""
        out = []
        for q in [q for q in self.content.quantities() if not q.computed][:4]:
            out.append((q.id, self.write.claim(q)))
        counts = [q for q in self.content.quantities() if not q.computed and q.unit == "people"]
        q = (counts or [q for q in self.content.quantities() if not q.computed])[0]
        label = q.label if counts else self.say("units.people.name")  # a count's label
        for value, qualifier in ((1_000_000, None), (1_200_000, "about"), (25, "less than")):
            changed = q.model_copy(
                update={"value": value, "low": None, "high": None, "qualifier": qualifier}
            )
            try:
                words = self.write.claim_words(changed)
                words["initial"] = "vowel" if label[:1] in "aeiouéèêh" else "consonant"
                count = self.write.quantity(value, value, qualifier, "people")
                words["scale"] = "million" if value >= 1_000_000 else "none"
                text = self.say(
                    "blocks.claim", **words, value=count, label=label, when=self.write.said_when(q)
                )
            except (AttributeError, ValueError):
                continue
            out.append((f"{value} people, {qualifier or 'exactly'}", text))
        return out + self.probes()

    def probes(self) -> list[tuple[str, str]]:
        """`blocks.claim` with the source's words a French reviewer's sheet has and the
        example does not (round 2: 'estimait à', 'une hausse de', a range, 'habitants')."""
        if self.language.catalog != "fr":
            return []
        base = {"id": "p", "topic": "t", "measure": "m", "as_of": "2025-08-01", "source": "s"}
        cases = (
            ("L’ONU recense", 500_000, 600_000, "about", "people", "personnes déplacées"),
            ("Le rapport fait état d’une hausse de", 25, 27, None, "percent", "des dépenses"),
            ("EDF estimait à", 12e9, 12e9, "up to", "EUR", "le coût de construction"),
            ("EDF estimait à", 12e9, 12e9, "roughly", "EUR", "le coût de construction"),
            ("Selon l’Insee, la France comptait", 68.4e6, 68.4e6, None, "people", "habitants"),
            ("L’ONU recense", 2.5e6, 2.5e6, None, "people", "hommes"),
            ("Kyiv chiffrait à", 2e9, 2e9, None, "UAH", "l’aide"),
        )
        out = []
        for says, low, high, qualifier, unit, label in cases:
            q = Figure.model_validate(
                {
                    **base,
                    "says": says,
                    "low": low,
                    "high": high,
                    "qualifier": qualifier,
                    "unit": unit,
                    "label": label,
                }
            )
            out.append((f"probe: {says} …", self.write.claim(q)))
        return out

    def render(self, key: str) -> Iterator[tuple[str, str]]:
        """(what the sample is, the message as a reader meets it)."""
        found = self.special(key)
        if found is None:
            found = list(self._by_variables(key))
        before = "".join(self.say(k) for k in FOLLOWS.get(key, ()))
        for what, text in found:
            yield what, f"{before}{text}"

    def _by_variables(self, key: str) -> Iterator[tuple[str, str]]:
        shape = fluent.shape(catalog(self.language.catalog)[key])
        names = sorted(shape.variables)
        options = {name: self.values(name) for name in names}
        if key in DAY_ONLY:
            options["date"] = options["date"][:1]
        if {"source", "refs", "names"} & set(names):  # the sources set how many there are
            options.pop("n", None)
            names = [n for n in names if n != "n"]
        base: dict[str, object] = {}
        for name in names:
            base.update(options[name][0][1])
        varied = [n for n in names if len(options[n]) > 1]
        if not varied:
            yield "", self.say(key, **base)
            return
        seen: set[str] = set()
        for name in varied:
            for what, args in options[name]:
                text = self.say(key, **{**base, **args})
                if text not in seen:
                    seen.add(text)
                    yield what, text

    # --- the example sheet, whole -----------------------------------------------------------

    def sheet_sentences(self) -> Iterator[str]:
        """What the example sheet's figures and charts read, as its pages and charts say it."""
        content, write = self.content, self.write
        for q in content.quantities()[:8]:  # as blocks.md.j2's `figure` writes one
            when = write.when(q)
            if q.computed:
                label = self.say("blocks.computed_label", label=q.label)
                text = self.say("typography.labelled", label=label, text=write.shown(q))
                yield f"{text} {self.say('typography.aside', text=when)}" if when else text
            else:
                yield self.say("typography.sentence", text=write.claim(q))
            refs = []
            for sid in q.sources:
                source = self.content.sources[sid]
                ref = self.ref(source)
                via = q.via or (source.via[0] if source.via else None)
                if via:
                    outlet = self.say("blocks.via", outlets=self.content.sources[via].name)
                    ref = self.say("blocks.reported", text=ref, via=outlet)
                refs.append(ref)
            said = self.say(
                "blocks.source", source=join(self.language, refs, "series"), n=len(refs)
            )
            yield self.say("typography.sentence", text=said)
        for chart in content.charts.values():
            data = chart_data(content, chart)
            yield data.text_alternative()
            yield source_line(data, content.sources, markup=False)


def lines(tag: str) -> Iterator[str]:
    """The whole review text for `tag`."""
    samples = Samples(tag, load_and_validate(SHEETS[tag]))
    messages = catalog(tag)
    yield f"# Every message of the {tag} catalog, rendered by the generator"
    yield f"# (titles, names and sources from {SHEETS[tag].relative_to(ROOT) or 'the war sheet'})"
    yield ""
    for key in messages:
        yield f"## {key}"
        for line in messages[key].splitlines():
            yield f"    | {line}"
        for what, text in samples.render(key):
            yield f"  - {what + ': ' if what else ''}{text}"
        yield ""
    yield "# The example sheet's figures and charts, as its pages read them"
    yield ""
    for sentence in samples.sheet_sentences():
        yield f"  - {sentence}"


def main(argv: list[str] | None = None, out: Callable[[str], object] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.native_samples", description=__doc__)
    parser.add_argument("language", choices=languages())
    parser.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    args = parser.parse_args(argv)
    text = "\n".join(lines(args.language)) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        out(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
