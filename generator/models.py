"""The content model: one class per kind of thing an editor writes in `content/`.

Models validate shape and single-record rules; rules that span records (references,
a part within its whole, unused sources) live in `content.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, JsonValue, model_validator
from pydantic_core import PydanticCustomError

from . import local_input, numbers
from . import messages as fluent
from .errors import shown
from .language import DEFAULT as DEFAULT_LANGUAGE
from .language import catalog, languages
from .units import UNITS, Unit

ID_MAX_LENGTH = 64
"""Ids name files (`charts/<id>-light.svg`) and anchors; a few words is plenty, and a
300-character id would pass every other rule and then fail the build ("File name too long")."""

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=ID_MAX_LENGTH,
        description=f"A stable id: lower-case letters, digits and hyphens, at most "
        f"{ID_MAX_LENGTH} characters. Used in permalinks and file names.",
    ),
]
PlainText = Annotated[str, Field(min_length=1, description="Plain text; shown exactly as written.")]
InlineMarkdown = Annotated[
    str,
    Field(
        min_length=1,
        description=(
            "Inline Markdown: *emphasis*, **strong**, `code` and [links](https://…) only. "
            "Raw HTML is shown as text; a link must be an absolute http(s) or mailto address, "
            "else only its text is shown."
        ),
        json_schema_extra={"x-markdown": "inline"},
    ),
]
Number = Annotated[float, Field(strict=True)]
"""A number written as a number: quoted text ('"127.350"') is refused whatever it reads as,
since a German '127.350' is 127350 and a float of the text would be 127.35."""
UnitKey = Annotated[
    str,
    Field(
        pattern=r"^([a-z0-9][a-z0-9-]*|[A-Z]{3})$",
        max_length=ID_MAX_LENGTH,
        description="A unit: a built-in key (people, count, percent, percentage-points, times, "
        "km2, m, km, yd, mi, m-per-day, km-per-day, yd-per-day, mi-per-day, hours, days, weeks, "
        "months, years); a currency's ISO 4217 code in capitals (USD, EUR, UAH); a rate per N "
        "(per-1000, per-100000-people: N a power of ten); or an id from sheet.units.",
    ),
]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", description="An absolute http(s) URL.")]

_LANGUAGES: list[JsonValue] = list(languages())
"""The languages the generator has messages for, offered by editors as `sheet.language`."""
_MESSAGE_KEYS: list[JsonValue] = [*sorted(catalog(DEFAULT_LANGUAGE))]
"""Every message a sheet may reword under `sheet.messages`, for editors to complete."""

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(BaseModel):
    """A date known to the year, the month or the day, as sources give them."""

    model_config = ConfigDict(frozen=True)
    year: int
    month: int | None = None
    day: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, int) and not isinstance(value, bool):
            return {"year": value}
        if isinstance(value, str):
            m = _PARTIAL_DATE.match(value.strip())
            if not m:
                meant = local_input.iso_date_meant(value)
                raise ValueError(
                    f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {shown(value)}"
                    + (f"; write {meant}" if meant else "")
                )
            y, mo, d = m.groups()
            return {"year": int(y), "month": int(mo) if mo else None, "day": int(d) if d else None}
        if isinstance(value, dict):
            return value
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {shown(value)}")

    @model_validator(mode="after")
    def _real_date(self) -> PartialDate:
        self.first_day()  # raises ValueError on 2025-02-30 and the like
        return self

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


class Period(BaseModel):
    """The span a figure covers, from its first to its last day."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    start: PartialDate = Field(description="First day (or month, or year) the figure covers.")
    end: PartialDate = Field(description="Last day (or month, or year) the figure covers.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start.first_day() > self.end.last_day():
            raise ValueError(
                f"the period starts ({self.start.iso()}) after it ends ({self.end.iso()})"
            )
        return self

    @property
    def days(self) -> int:
        """Days covered, counting both ends."""
        return (self.end.last_day() - self.start.first_day()).days + 1


Qualifier = Literal[
    "exactly",
    "about",
    "roughly",
    "over",
    "more than",
    "at least",
    "up to",
    "up to about",
    "under",
    "less than",
    "nearly",
    "almost",
    "below",
]


class Strict(BaseModel):
    # allow_inf_nan: a quoted "nan" or "1e999" is text YAML lets through; no figure is either.
    # frozen: content is immutable once loaded, so lookups built from it can never go stale.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Source(Strict):
    """A publication that gives figures or statements: a report, an article, a speech, a post."""

    id: Id
    publisher: PlainText = Field(description="Who published it, e.g. 'Associated Press'.")
    short: PlainText | None = Field(
        None,
        description="Short name shown wherever the source is cited beside a record ('UN, 11 "
        "July 2024') and after 'as reported by'; the sources page gives the publisher in "
        "full. Defaults to publisher.",
    )
    in_text: PlainText | None = Field(
        None,
        description="Its name as running text writes it after 'as reported by' or 'cited "
        "by', with the article the sheet's language gives it ('la Saudi Gazette', 'l’AFP', "
        "'the Associated Press'); an edition gives its own, as no article carries over "
        "between languages. Without it, the short name is used, and a language whose names "
        "take an article (French) words the relay so none is needed ('source "
        "intermédiaire : Saudi Gazette').",
    )
    title: PlainText = Field(description="The title as published.")
    described: bool = Field(
        False,
        description="True when `title` describes the item because its own title is not known "
        "(or it has none): it is shown as a description, without quotation marks.",
    )
    authors: list[PlainText] = Field(default_factory=list, description="Authors, if named.")
    date: PartialDate = Field(description="Publication date.")
    url: Url | None = Field(None, description="Where to read it; the original publisher's page.")
    kind: Literal[
        "report",
        "news",
        "article",
        "official",
        "speech",
        "social",
        "broadcast",
        "dataset",
        "reference",
    ] = Field(description="What sort of publication it is.")
    confidence: Literal["confirmed", "secondary", "unconfirmed"] = Field(
        "confirmed",
        description="confirmed: seen on the publisher's page or in two independent reports; "
        "secondary: seen only in reports about it; unconfirmed: one weak source.",
    )
    via: list[Id] = Field(
        default_factory=list,
        description="Sources through which this one is known, when it is secondary "
        "(e.g. a report known through AP's coverage).",
    )
    note: InlineMarkdown | None = Field(None, description="Anything a reader should know.")

    @property
    def name(self) -> str:
        return self.short or self.publisher


class Figure(Strict):
    """One number as a source gives it: a value or a low–high range, with its qualifier."""

    id: Id
    label: PlainText = Field(
        description="What is counted, read after the number in the sentence: '… people in "
        "the world', '… of the land covered by forest'."
    )
    name: PlainText | None = Field(
        None,
        description="A standalone name for lists, charts and citations, when the label only "
        "reads after the number ('Forest cover, 2020'). "
        "Defaults to the label.",
    )
    short: PlainText | None = Field(
        None,
        description="A short name for the figure's row in a chart ('Folz report, 2019'): the "
        "row then reads '<short>: <value>'. Defaults to the value followed by the label.",
    )
    says: PlainText = Field(
        description="The attribution that opens the sentence, worded as the source words it: "
        "'The UN estimates', 'The census counts'."
    )
    topic: Id = Field(description="The page section it belongs to, e.g. 'population'.")
    measure: Id = Field(
        description="What kind of quantity: population, share, speed, …; a measure named "
        "in `sheet.parts` is checked against its whole for the same side and period."
    )
    side: Id | None = Field(None, description="Who or what the figure is about, e.g. 'world'.")
    value: Number | None = Field(None, description="The figure, when the source gives one number.")
    low: Number | None = Field(None, description="Low end, when the source gives a range.")
    high: Number | None = Field(None, description="High end, when the source gives a range.")
    qualifier: Qualifier | None = Field(
        None, description="The source's own hedge: 'about', 'over', 'up to', …"
    )
    unit: UnitKey
    price_base: int | None = Field(
        None,
        ge=1000,
        le=2999,
        description="For money given in constant prices: the year whose prices it is in "
        "(2015 for 'in 2015 euros'). Leave it out for current prices. Only a figure in a "
        "currency has one.",
    )
    period: Period | None = Field(None, description="The span it covers.")
    as_of: PartialDate | None = Field(None, description="The date it is true at.")
    timeless: bool = Field(
        False,
        description="True for a fact that holds at no particular date (a definition or a "
        "constant, e.g. an incubation period): it has no period or as_of, pages print no date "
        "phrase, and `factsheet check` never reports it as stale.",
    )
    dated_in_label: bool = Field(
        False,
        description="True when the label itself says when the figure applies ('in the Vietnam "
        "War', 'by spring 2026', 'year not known') because the stored period or as-of date "
        "would mislead a reader: pages print no separate date phrase.",
    )
    projection: bool = Field(
        False, description="True for a forecast: its period may end after its source's date."
    )
    historical: bool = Field(
        False,
        description="True for a closed past period (e.g. a comparison with 1916) that no newer "
        "figure will replace; `factsheet check` never reports it as stale.",
    )
    source: Id = Field(description="The source that gives it (the originator).")
    via: Id | None = Field(None, description="The outlet that reported it, if not the source.")
    note: InlineMarkdown | None = Field(None, description="A short note shown under the figure.")
    headline: bool = Field(False, description="Show it on the home page.")

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        has_range = self.low is not None or self.high is not None
        if self.value is None and not has_range:
            raise ValueError("give either value, or low and high")
        if self.value is not None and has_range:
            raise ValueError("give either value, or low and high, not both")
        if has_range and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:,.15g}) is greater than high ({self.high:,.15g})")
        if self.timeless and (self.period is not None or self.as_of is not None):
            raise ValueError(
                f"timeless is set, so the figure holds at no date: remove its "
                f"{'period' if self.period is not None else 'as_of'}, or `timeless: true`"
            )
        if self.price_base is not None and not re.fullmatch(r"[A-Z]{3}", self.unit):
            raise _at(
                ["price_base"],
                f"a price base is for money, and the unit {self.unit!r} is not a currency: "
                "give the currency's ISO 4217 code as `unit` (EUR, USD), or remove price_base",
            )
        if self.period is None and self.as_of is None and not self.timeless:
            raise ValueError(
                "give the period the figure covers, or the date it is as of, or `timeless: "
                "true` for a fact that holds at no date (a definition, a constant)"
            )
        return self

    @property
    def title(self) -> str:
        """The figure's standalone name."""
        return self.name or self.label

    @property
    def bounds(self) -> tuple[float, float]:
        if self.value is not None:
            return (self.value, self.value)
        assert self.low is not None and self.high is not None
        return (self.low, self.high)

    # The rest of the Quantity interface: what a stored figure is, read the way a computed
    # one is, so no page, chart or download has to ask which of the two it holds.

    @property
    def exact(self) -> tuple[float, float]:
        return self.bounds

    @property
    def significant(self) -> int:
        """A range is as precise as its more precise end."""
        return max(numbers.significant_figures(x) for x in self.bounds)

    @property
    def decimals(self) -> int | None:
        return None

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)

    @property
    def computed(self) -> bool:
        return False

    @property
    def derivation(self) -> Derived | None:
        return None

    @property
    def inputs(self) -> tuple[Quantity, ...]:
        return ()


class Quantity(Protocol):
    """A figure as every page, chart, download and the social image read it, whether a source
    gives it (`Figure`) or this site computes it (`derive.Computed`).

    Callers never ask which of the two they hold; where the meaning truly differs (a computed
    figure has a working, a stored one a source's own words) they read `computed`, `says` or
    `derivation`. How any of it is written for readers is `numbers.py`'s job.
    """

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str:
        """What is counted, read after the number."""

    @property
    def title(self) -> str:
        """A standalone name, for lists, charts and citations."""

    @property
    def short(self) -> str | None:
        """The name on its chart row, when the row should not read as the label does."""

    @property
    def topic(self) -> str: ...
    @property
    def headline(self) -> bool: ...
    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high) as shown; equal for a single value."""

    @property
    def exact(self) -> tuple[float, float]:
        """(low, high) unrounded: what further computation starts from."""

    @property
    def significant(self) -> int:
        """Significant figures the value carries."""

    @property
    def decimals(self) -> int | None:
        """Decimals to show; None to let the number decide."""

    @property
    def qualifier(self) -> str | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def price_base(self) -> int | None:
        """For money in constant prices, the year of those prices."""

    @property
    def period(self) -> Period | None: ...
    @property
    def as_of(self) -> PartialDate | None: ...
    @property
    def dated_in_label(self) -> bool: ...
    @property
    def projection(self) -> bool: ...
    @property
    def timeless(self) -> bool:
        """True for a fact that holds at no date (a definition, a constant)."""

    @property
    def side(self) -> str | None: ...
    @property
    def measure(self) -> str | None: ...
    @property
    def says(self) -> str | None:
        """The source's attribution ('The UN estimates'); None when this site computes it."""

    @property
    def note(self) -> str | None:
        """Inline Markdown shown under the figure: a stored note, or what a comparison means."""

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of every source it rests on, in order."""

    @property
    def via(self) -> str | None:
        """The outlet a stored figure's one source is known through."""

    @property
    def computed(self) -> bool: ...
    @property
    def derivation(self) -> Derived | None:
        """How it is computed, as written in content; None for a stored figure."""

    @property
    def inputs(self) -> tuple[Quantity, ...]:
        """The figures it is computed from, in order; none for a stored figure."""


class Statement(Strict):
    """A direct quotation, verbatim, with who said it, when, where and why it matters."""

    id: Id
    speaker: PlainText
    role: PlainText = Field(description="The speaker's role at the time.")
    date: PartialDate
    place: PlainText | None = Field(
        None, description="Where it was said or published; leave out when no source says."
    )
    quote: PlainText = Field(description="The words exactly as quoted, odd grammar included.")
    quote_language: str | None = Field(
        None,
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="The language the quote was said in, a BCP 47 tag, when it is not the "
        "sheet's: an edition in that language shows it as said; any other shows its "
        "`translation`, marked as one.",
    )
    translation: PlainText | None = Field(
        None,
        description="The quote in the sheet's language, when it was said in another "
        "(`quote_language`): shown marked as a translation, the original a click away.",
    )
    context: InlineMarkdown = Field(description="One sentence on when and why it was said.")
    topic: Id = Field(description="The page section it belongs to.")
    source: Id
    via: Id | None = None


class Event(Strict):
    """A dated entry on the timeline."""

    id: Id
    date: PartialDate
    title: PlainText
    summary: InlineMarkdown
    source: Id
    via: Id | None = None


class EditorNote(Strict):
    """Where a claim (in an article, a speech, a press release, a chart: any source) says more
    or other than the source it rests on: both, side by side."""

    renamed: ClassVar[dict[str, str]] = {"article_said": "claim", "article": "claim_source"}
    """Fields of earlier versions: accepted until 0.3.0 with a warning (deprecated.py), and
    refused, naming the new field, in a record that holds both."""

    id: Id
    about: list[Id] = Field(min_length=1, description="Figures or statements the note is about.")
    title: PlainText
    claim: PlainText = Field(description="What was said, quoted exactly.")
    claim_source: Id = Field(
        description="Where it was said, as a source id: an article, a speech, a post, a chart…"
    )
    source_says: InlineMarkdown = Field(description="What the source says instead.")
    claim_translation: PlainText | None = Field(
        None,
        description="The claim in an edition's language (written in its overlay only): shown "
        "marked as a translation, the claim as said a click away.",
    )
    source: Id = Field(description="The source that settles it.")


DUPLICATE_IN_LIST = "duplicate_in_list"
"""The error type of an id listed twice; its context names the list and the index, so the
problem points at the repeated line."""

DerivedOp = Literal["ratio", "share", "per-day", "per-period", "difference"]


class Derived(Strict):
    """A figure the generator computes from stored figures; never typed in by hand."""

    id: Id
    label: PlainText = Field(
        description="What the result is, read after 'computed by this site' and as its title "
        "('Cases in 2025 against 2024')."
    )
    name: PlainText | None = Field(
        None, description="A standalone name for lists and citations. Defaults to the label."
    )
    short: PlainText | None = Field(
        None,
        description="A short name for its row in a chart; the row then reads '<short>: "
        "<value>'. Defaults to the label with the value.",
    )
    topic: Id
    op: DerivedOp = Field(
        description="ratio: a ÷ b; share: a ÷ b as a percentage; per-day: a over its period's "
        "days; per-period: a over its period, per `days` days; difference: a − b."
    )
    inputs: list[Id] = Field(min_length=1, max_length=2, description="Figure or derived ids.")
    days: int | None = Field(None, gt=0, description="For per-period: the length of the period.")
    unit: UnitKey | None = Field(
        None, description="Unit of the result (default from op and inputs)."
    )
    decimals: int = Field(1, ge=0, le=4, description="Decimals shown.")
    explain: InlineMarkdown | None = Field(None, description="What the comparison means.")
    headline: bool = False

    @model_validator(mode="after")
    def _arity(self) -> Derived:
        binary = self.op in ("ratio", "share", "difference")
        if binary and len(self.inputs) != 2:
            raise ValueError(f"op {self.op!r} needs two inputs, got {len(self.inputs)}")
        if not binary and len(self.inputs) != 1:
            raise ValueError(f"op {self.op!r} needs one input, got {len(self.inputs)}")
        if self.op == "per-period" and self.days is None:
            raise ValueError("op 'per-period' needs days")
        return self


class Chart(Strict):
    """A chart drawn from figures at build time."""

    id: Id
    title: PlainText
    kind: Literal["range-bar", "bar", "timeline", "line", "column", "stacked-bar"] = Field(
        description="range-bar: each figure's range as a bar; bar: one bar per figure; "
        "timeline: the events on a time axis; line: figures against their dates, a line per "
        "side, a range as an interval bar; column: a column per figure at its date, grouped "
        "when several sides share a date; stacked-bar: the parts of a whole (`whole`) end to "
        "end in one bar, refused unless they add up to it within `rounding`."
    )
    figures: list[Id] = Field(
        default_factory=list,
        description="Figure or derived ids, in order, each once.",
        json_schema_extra={"uniqueItems": True},
    )
    events: list[Id] = Field(
        default_factory=list,
        description="Event ids, for a timeline, each once.",
        json_schema_extra={"uniqueItems": True},
    )
    scale: Literal["linear", "log"] = Field("linear", description="Value axis scale.")
    caption: InlineMarkdown | None = None
    others: PlainText | None = Field(
        None,
        description="A bar chart's legend name for its figures that have no side, e.g. "
        "'Historical offensives' (default: the catalog's `charts.legend_others`).",
    )

    whole: Id | None = Field(
        None,
        description="A stacked-bar chart's whole: the figure or derived id its `figures` are "
        "the parts of.",
    )
    rounding: float = Field(
        0,
        ge=0,
        description="How far a stacked-bar chart's parts may sum from its whole, in its unit: "
        "the rounding its sources state (1000 for figures rounded to the nearest thousand "
        "each).",
    )

    @model_validator(mode="after")
    def _has_data(self) -> Chart:
        if self.kind == "timeline" and not self.events:
            raise ValueError("a timeline chart needs events")
        if self.kind != "timeline" and not self.figures:
            raise ValueError(f"a {self.kind} chart needs figures")
        if self.kind == "stacked-bar" and self.whole is None:
            raise ValueError("a stacked-bar chart needs `whole`: the figure its parts make up")
        if self.kind != "stacked-bar" and self.whole is not None:
            raise ValueError("only a stacked-bar chart has a `whole`")
        return self

    @model_validator(mode="after")
    def _each_once(self) -> Chart:
        # A repeated id would be drawn twice, as two bars or two marks of one event.
        for field_ in ("figures", "events"):
            first: dict[str, int] = {}
            for index, item_id in enumerate(getattr(self, field_)):
                if item_id in first:
                    raise PydanticCustomError(
                        DUPLICATE_IN_LIST,
                        "duplicate id '{id}' (first at {field}[{first}]); list each once",
                        {"field": field_, "index": index, "first": first[item_id], "id": item_id},
                    )
                first[item_id] = index
        return self


AT_FIELD = "at_field"
"""The error type of a rule about a field below the record (`units.doses.words.de.amount`):
its context holds the path below the record's location and the message."""

PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]


class UnitWords(Strict):
    """A sheet unit's words in one language."""

    name: PlainText = Field(description="Its name, for an axis title or a table: 'doses'.")
    amount: PlainText | dict[PluralCategory, PlainText] = Field(
        description="The unit with its number, a message in Fluent syntax as the catalogs' "
        "are, `{ $n }` standing for the number: '{ $n } doses', or with a form per CLDR plural "
        "category the language has, '{ $n -> [one] { $n } dose *[other] { $n } doses }' (en "
        "and de: one, other; uk: one, few, many, other; fr: one, many, other). The format "
        "before it ('{n} doses', or {one: '{n} dose', other: '{n} doses'}) works until 0.3.0, "
        "with a warning."
    )


class SheetUnit(Strict):
    """A unit the sheet defines for itself, with its words in the sheet's language."""

    words: dict[str, UnitWords] = Field(
        description="Its words by language tag (en, de, uk, …); the sheet's language is required."
    )
    symbol: PlainText | None = Field(None, description="A short symbol, e.g. 'mmHg'.")
    counts: bool = Field(
        False,
        description="True when it counts whole things (doses, cases): values must be whole "
        "numbers.",
    )


def _at(path: Sequence[str | int], message: str) -> PydanticCustomError:
    """An error about the field at `path` below the record being validated."""
    return PydanticCustomError(AT_FIELD, "{message}", {"path": path, "message": message})


def _unit_message_problem(text: str, tag: str, own: bool) -> str | None:
    """Why a unit's `amount` in Fluent syntax cannot be used, or None: it must print the
    number, `{ $n }`, and choose by nothing but its plural forms (all of them, in the sheet's
    own language)."""
    try:
        found = fluent.shape(text)
    except fluent.MessageSyntaxError as error:
        return f"expected a message in Fluent syntax, e.g. '{{ $n }} doses': {error}"
    if found.forbidden:
        return (
            f"a unit's words may use only {{ $n }} and its plural forms, not {found.forbidden[0]}"
        )
    if found.variables - {"n"}:
        unknown = ", ".join("{ $" + v + " }" for v in sorted(found.variables - {"n"}))
        return f"unknown variable {unknown}; a unit's words have {{ $n }}, the number"
    if "n" not in found.printed:
        return "expected { $n } where the number goes"
    needed = _plural_forms(tag)
    forms = {k for k in found.selectors.get("n", ()) if not k.replace(".", "").isdigit()}
    if forms - needed:
        extra, has = ", ".join(sorted(forms - needed)), ", ".join(sorted(needed))
        return f"{tag} has no plural form {extra}: it has {has}"
    missing = sorted(needed - forms) if own and forms else []
    if missing:
        has = ", ".join(sorted(needed))
        return f"missing the plural form(s) {', '.join(missing)}: {tag} needs {has}"
    return None


def _plural_forms(language: str) -> set[str]:
    """The CLDR plural categories a message in `language` needs: 'other' and the language's."""
    from babel import Locale, UnknownLocaleError

    try:
        return {"other", *Locale.parse(language.replace("-", "_")).plural_form.tags}
    except (UnknownLocaleError, ValueError, TypeError):
        return {"other"}  # an unknown tag is reported at sheet.language, by validation


class Sheet(Strict):
    """The fact sheet as a whole: its name, its date, and how it is checked."""

    title: PlainText
    description: PlainText = Field(description="One sentence; the home page's meta description.")
    language: str = Field(
        "en",
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="The sheet's language, a BCP 47 tag (en, de, uk, fr, de-AT…): every word "
        "and number the generator writes follows it. The generator has messages for "
        + ", ".join(languages())
        + ".",
        json_schema_extra={"examples": _LANGUAGES},
    )
    editions: list[str] = Field(
        default_factory=list,
        description="The sheet's other editions, as BCP 47 tags (uk, fr…), in the order of "
        "the language switcher: each gives its words in `content/editions/<tag>/` and is "
        "built into `site/<tag>/`; every number, date and source is the source edition's.",
        json_schema_extra={"uniqueItems": True, "items": {"examples": _LANGUAGES}},
    )
    updated: PartialDate = Field(
        description="When the content was last reviewed; the build date of the site."
    )
    license: PlainText = Field("CC BY 4.0", description="Licence of the data and text.")
    license_url: Url | None = None
    corrections: PlainText | None = Field(None, description="How to report a correction.")
    stale_after_days: int = Field(180, gt=0, description="Warn when a figure's date is older.")
    sides: dict[Id, PlainText] = Field(
        default_factory=dict, description="Display names of sides: {world: The world}."
    )
    parts: dict[Id, Id] = Field(
        default_factory=dict,
        description="Measures that are part of another, checked part <= whole for the same "
        "side and period: {births: people}.",
    )
    topics: dict[Id, PlainText] = Field(
        default_factory=dict, description="Display names of topics: {population: Population}."
    )
    measures: dict[Id, PlainText] = Field(
        default_factory=dict,
        description="Display names of measures, for the legends of charts whose colours stand "
        "for measures (range-bar charts): {deaths: Deaths}.",
    )
    units: dict[Id, SheetUnit] = Field(
        default_factory=dict,
        description="Units the sheet defines for itself, by id, for figures' `unit`: {doses: "
        "{counts: true, words: {de: {name: Impfdosen, amount: {one: '{n} Impfdosis', other: "
        "'{n} Impfdosen'}}}}}.",
    )
    messages: dict[str, PlainText | dict[str, PlainText]] = Field(
        default_factory=dict,
        description="The sheet's own wording for any message the generator writes, by its "
        "dotted key ('blocks.source': 'Source: { $source }'), in Project Fluent syntax: a text "
        "printing the same { $variables } as the generator's, which may choose its words with "
        "a selector on a variable the message is given ('{ $n -> [one] … *[other] … }' by a "
        "number's plural form, '{ $precision -> [day] … *[other] … }' by a date's). The format "
        "before Fluent ({source}; {one: …, other: …}) works until 0.3.0, with a warning.",
        json_schema_extra={"propertyNames": {"enum": _MESSAGE_KEYS}},
    )

    @model_validator(mode="after")
    def _editions(self) -> Sheet:
        """Each edition is another language the generator has messages for, listed once."""
        known = languages()
        for index, tag in enumerate(self.editions):
            path: list[str | int] = ["editions", index]
            primary = tag.split("-")[0].lower()
            if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
                raise _at(path, f"expected a BCP 47 tag (uk, fr, de-AT), got {shown(tag)}")
            if tag not in known and primary not in known:
                raise _at(
                    path,
                    f"no messages for {shown(tag)}: the generator has {', '.join(known)}",
                )
            if tag == self.language:
                raise _at(path, f"{tag!r} is the sheet's own language: list only the others")
            if tag in self.editions[:index]:
                raise _at(path, f"{tag!r} is listed twice")
        return self

    @model_validator(mode="after")
    def _unit_words(self) -> Sheet:
        """Each sheet unit is new, and speaks the sheet's language in every form it needs."""
        for key, own in self.units.items():
            if key in UNITS:
                raise _at(["units", key], f"{key!r} is a built-in unit; use it, or another id")
            if self.language not in own.words:
                raise _at(
                    ["units", key, "words"],
                    f"missing the words in the sheet's language ({self.language}): add "
                    f"`{self.language}: {{name: …, amount: …}}`",
                )
            for tag, written in own.words.items():
                path = ["units", key, "words", tag, "amount"]
                if isinstance(written.amount, str) and not fluent.is_legacy(written.amount):
                    wrong = _unit_message_problem(written.amount, tag, tag == self.language)
                    if wrong:
                        raise _at(path, wrong)
                    continue
                forms = written.amount if isinstance(written.amount, dict) else {}
                needed = _plural_forms(tag) if tag == self.language else {"other"}
                missing = sorted(needed - set(forms)) if forms else []
                if missing:
                    raise _at(
                        path,
                        f"missing the plural form(s) {', '.join(missing)}: {tag} needs "
                        f"{', '.join(sorted(needed))}",
                    )
                for text in forms.values() if forms else [str(written.amount)]:
                    if set(re.findall(r"\{([^}]*)\}", text)) != {"n"}:
                        raise _at(
                            path,
                            f"expected `{{n}}` where the number goes and no other braces, got "
                            f"{shown(text)}",
                        )
        return self

    def own_units(self) -> dict[str, Unit]:
        """The sheet's units, as the writer and the charts read units."""
        found = {}
        for key, own in self.units.items():
            english = own.words["en"].name if "en" in own.words else key
            found[key] = Unit(key, english, english, own.symbol or "", counts=own.counts)
        return found

    def unit_messages(self) -> dict[str, str | dict[str, str]]:
        """The sheet's units' words in its language, as catalog messages (`units.<id>.amount`)."""
        messages: dict[str, str | dict[str, str]] = {}
        for key, own in self.units.items():
            words = own.words[self.language]
            amount = words.amount
            messages[f"units.{key}.amount"] = (
                amount if isinstance(amount, str) else {str(k): v for k, v in amount.items()}
            )
            messages[f"units.{key}.name"] = words.name
        return messages


ChangeKind = Literal["correction", "update", "clarification"]


class Removed(Strict):
    """A record a change removed from the sheet: its id no longer resolves, so the entry keeps
    what it said, shown on the Changes page and in the feed."""

    id: Id = Field(description="The id the record had (its old permalink's anchor).")
    said: PlainText = Field(
        description="What it said, as it was published: 'Growth from 2024 to the projected "
        "peak: 1.26 times'."
    )


class Change(Strict):
    """One entry of the corrections and updates log (`content/changes.yml`): what changed in a
    published figure or statement, when and why, so that readers can see every change."""

    id: Id = Field(
        description="The entry's own id, written by hand: its permalink on the Changes page and "
        "its id in the feed, so it never changes once published."
    )
    date: dt.date = Field(description="The day the change was published, as YYYY-MM-DD.")
    kind: ChangeKind = Field(
        description="correction: something published was wrong; update: newer data replaced "
        "older; clarification: the wording changed, not the facts."
    )
    ids: list[Id] = Field(
        default_factory=list,
        description="The figures, derived figures, statements, events or notes it changed; each "
        "shows a line such as 'Corrected on 2 March 2026' linking here.",
    )
    removed: list[Removed] = Field(
        default_factory=list,
        description="The records it removed from the sheet, each with what it said; listed on "
        "the Changes page and in the feed as removed. An entry names `ids`, `removed`, or both.",
    )
    what: PlainText = Field(description="What changed: the old value or words and the new.")
    why: PlainText = Field(description="Why it changed.")
    source: Id | None = Field(
        None,
        description="The source that settles it. Required for a correction or an update; a "
        "clarification of our own wording may have none.",
    )

    @model_validator(mode="after")
    def _names_something(self) -> Change:
        if not self.ids and not self.removed:
            raise ValueError("a change names the records it changed (`ids`) or removed (`removed`)")
        return self

    @model_validator(mode="after")
    def _sourced(self) -> Change:
        if self.source is None and self.kind != "clarification":
            raise PydanticCustomError(
                "change_source",
                "a {kind} needs a source (only a clarification may have none)",
                {"kind": self.kind},
            )
        return self


class ContentFile(Strict):
    """What one YAML file may hold; the files of `content/` are merged."""

    sheet: Sheet | None = None
    sources: list[Source] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    derived: list[Derived] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[EditorNote] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
