"""Seeded, bounded fuzzing: whatever an editor's slip or an attacker's input does, the answer
is a good site, `file:line:col` lines with exit 1, or (for an option or the state of the
sheet's folders) one line with exit 2. Never a traceback, never exit 3, never a changed site/
after a failure, never a hang, never a number on a page other than the content's.

Two kinds of input:
- `corpus()`: byte-level mutations of the `rich` fixture sheet's content (lines deleted,
  swapped, re-indented, bad bytes, …). Every mutation runs `check` in-process (fast); a
  seeded few also run the whole `build` in a separate process, which is what a user runs
  and what could leave site/ half-written. Public, so that other tests can feed the same
  inputs to other verbs.
- `surface_cases()`: the newer ways in, one generator of `Case`s per surface in `SURFACES`
  (message overrides, language tags, units, currency codes, number spellings), each writing a
  few lines into the `rich` fixture sheet. To fuzz another surface, add a generator there.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from tests.golden import copy_fixture
from tests.support import REPO, run, snapshot

SEED = 20261126
MUTATIONS = 220
BUILDS = 8
"""Full builds, half of them of inputs `check` accepted (so the whole pipeline runs)."""
SURFACE_CASES = 18
"""Cases per surface of `SURFACES`: with the mutations, over 300 cases in all."""
SURFACE_BUILDS = 2
"""Full builds of surface cases `check` accepted."""
CHECK_SECONDS = 20
RICH = REPO / "tests" / "fixtures" / "rich"
"""The sheet every case starts from: the rich fixture, never the war sheet."""
RICH_TODAY = "2025-07-01"
"""The day `check` judges the rich sheet by, so its figures' ages never change."""
BUILD_SECONDS = 120

PROBLEM_LINE = re.compile(r"^(content(/[\w./-]+\.ya?ml)?|site_src/[\w./-]+\.j2):\d+:\d+: \S")
"""`content/figures.yml:12:5: …` (or `content:1:1: …` for the folder itself), or
`site_src/pages/x.md.j2:3:1: …` for a template that uses what the mutation removed (a chart)."""

Mutator = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])
    return b"".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    a = rng.randrange(len(lines))
    b = min(len(lines) - 1, a + rng.choice([1, 1, 2, rng.randrange(len(lines))]))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def change_indent(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    if rng.random() < 0.5 and lines[at].startswith(b" "):
        lines[at] = lines[at][rng.choice([1, 2]) :]
    else:
        lines[at] = b" " * rng.choice([1, 2, 4]) + lines[at]
    return b"".join(lines)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def tab(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    stripped = lines[at].lstrip(b" ")
    indent = len(lines[at]) - len(stripped)
    if indent and rng.random() < 0.7:
        lines[at] = b"\t" * max(1, indent // 2) + stripped
    else:  # a tab inside a line
        cut = rng.randrange(len(lines[at]) + 1)
        lines[at] = lines[at][:cut] + b"\t" + lines[at][cut:]
    return b"".join(lines)


_NUMBER = re.compile(rb"(?<=: )-?\d[\d.]*(?=\s*$)", re.MULTILINE)


def number_to_text(rng: random.Random, data: bytes) -> bytes:
    found = list(_NUMBER.finditer(data))
    if not found:
        return data + b"value: twelve\n"
    m = rng.choice(found)
    number = m.group()
    text = rng.choice(
        [b'"' + number + b'"', number + b" people", b"about " + number, b"1,234", b"12%", b"n/a"]
    )
    return data[: m.start()] + text + data[m.end() :]


def bad_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice(
        [b"\xff", b"\xfe\xff", b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
    )
    return data[:at] + junk + data[at:]


def bom(rng: random.Random, data: bytes) -> bytes:
    mark = "\ufeff".encode()
    where = rng.choice(["start", "twice", "middle", "utf16"])
    if where == "start":
        return mark + data
    if where == "twice":
        return mark + mark + data
    if where == "middle":
        lines = _lines(data)
        at = rng.randrange(len(lines))
        lines[at] = mark + lines[at]
        return b"".join(lines)
    return data.decode("utf-8").encode("utf-16")


def line_ends(rng: random.Random, data: bytes) -> bytes:
    choice = rng.choice(["crlf", "cr", "mixed"])
    if choice == "crlf":
        return data.replace(b"\n", b"\r\n")
    if choice == "cr":
        return data.replace(b"\n", b"\r")
    lines = _lines(data)
    for at in rng.sample(range(len(lines)), k=max(1, len(lines) // 3)):
        lines[at] = lines[at].replace(b"\n", b"\r\n")
    return b"".join(lines)


_QUOTED_OR_TEXT = re.compile(rb"(?<=: )[A-Za-z\"'][^\n]*", re.MULTILINE)


def control_character(rng: random.Random, data: bytes) -> bytes:
    code = rng.choice([0x00, 0x01, 0x07, 0x0B, 0x0C, 0x1B, 0x7F])
    if rng.random() < 0.5:  # raw, anywhere
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes([code]) + data[at:]
    found = list(_QUOTED_OR_TEXT.finditer(data))  # escaped, inside a text value
    if not found:
        return data + b'x: "\\0"\n'
    m = rng.choice(found)
    escape = rng.choice([b"\\x%02x" % code, b"\\u%04x" % code, b"\\0", b"\\r", b"\\uffff"])
    value = m.group().strip(b"\"'").replace(b"\\", b"\\\\").replace(b'"', b'\\"')
    return data[: m.start()] + b'"' + value[:20] + escape + value[20:] + b'"' + data[m.end() :]


MUTATORS: tuple[Mutator, ...] = (
    delete_line,
    duplicate_line,
    swap_lines,
    change_indent,
    truncate,
    tab,
    number_to_text,
    bad_bytes,
    bom,
    line_ends,
    control_character,
)


def originals() -> dict[str, bytes]:
    """The `rich` fixture sheet's content files, by name: generator tests never read the war
    sheet's content (an edit to it must not change what they try)."""
    return {p.name: p.read_bytes() for p in sorted((RICH / "content").glob("*.yml"))}


def corpus(seed: int = SEED, count: int = MUTATIONS) -> Iterator[tuple[str, dict[str, bytes]]]:
    """`count` seeded mutations of the rich sheet's content: (name, {file name in content/:
    bytes}).

    Each kind of mutation comes in turn, so every kind is tried equally often; the file and the
    place are drawn from `seed`. Files not named keep their real bytes.
    """
    files = originals()
    names = sorted(files)
    rng = random.Random(seed)
    for index in range(count):
        mutate = MUTATORS[index % len(MUTATORS)]
        name = rng.choice(names)
        yield f"{index:03d}-{mutate.__name__}-{name}", {name: mutate(rng, files[name])}


@contextmanager
def deadline(seconds: int, what: str) -> Iterator[None]:
    """Fail instead of hanging: an in-process run cannot be given a subprocess timeout."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what} took over {seconds} s (a hang?)")

    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield  # signals only reach the main thread; the subprocess builds keep their timeout
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_clear_failure(name: str, output: str) -> None:
    """Exit 1 must come with problem lines at file:line:col, and nothing else."""
    assert "Traceback" not in output and "internal error" not in output, (name, output)
    lines = [line for line in output.splitlines() if line.strip()]
    problems = [line for line in lines if " warning: " not in line]
    *problems, summary = problems
    assert problems, (name, output)
    assert summary.startswith(("content/ fails:", f"{len(problems)} error(s);")), (name, output)
    for line in problems:
        assert PROBLEM_LINE.match(line), (name, line)


@pytest.fixture(scope="module")
def fuzz_sheet(built_rich: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built copy of the rich fixture sheet (with its chart cache), for the mutations to
    break."""
    return Path(shutil.copytree(built_rich, tmp_path_factory.mktemp("fuzz") / "rich"))


def test_the_corpus_is_seeded_and_covers_every_kind() -> None:
    first = list(corpus())
    assert len(first) == MUTATIONS >= 200
    assert [name for name, _ in first] == [name for name, _ in corpus()]
    assert first == list(corpus())
    kinds = {name.split("-", 1)[1].rsplit("-", 1)[0] for name, _ in first}
    assert kinds == {m.__name__ for m in MUTATORS}
    real = originals()
    changed = [name for name, files in first if any(d != real[f] for f, d in files.items())]
    assert len(changed) >= 200


def test_content_mutations_end_in_a_good_sheet_or_clear_lines(fuzz_sheet: Path) -> None:
    content = fuzz_sheet / "content"
    real = originals()
    outcomes: dict[str, int] = {}
    for name, files in corpus():
        for file, data in files.items():
            (content / file).write_bytes(data)
        try:
            with deadline(CHECK_SECONDS, name):
                result = run(fuzz_sheet, "check", "--today", RICH_TODAY)
        finally:
            for file in files:
                (content / file).write_bytes(real[file])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            name,
            result.exception,
        )
        assert result.exit_code in (0, 1), (name, result.exit_code, result.output)
        if result.exit_code == 1:
            assert_clear_failure(name, result.output)
        outcomes[name] = result.exit_code
    # The corpus must exercise both paths, or it tests nothing.
    assert 0 < sum(outcomes.values()) < len(outcomes)
    _build_some(fuzz_sheet, outcomes)


def _build_some(root: Path, outcomes: dict[str, int]) -> None:
    """Build a seeded few mutations with the real CLI, in its own process with a timeout."""
    rng = random.Random(SEED)
    passed = sorted(n for n, code in outcomes.items() if code == 0)
    failed = sorted(n for n, code in outcomes.items() if code == 1)
    chosen = set(rng.sample(passed, min(len(passed), BUILDS // 2)))
    chosen |= set(rng.sample(failed, BUILDS - len(chosen)))
    content, real = root / "content", originals()
    for name, files in corpus():
        if name not in chosen:
            continue
        site = snapshot(root / "site")
        for file, data in files.items():
            (content / file).write_bytes(data)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--root", str(root)],
                capture_output=True,
                text=True,
                timeout=BUILD_SECONDS,
                check=False,
            )
        finally:
            for file in files:
                (content / file).write_bytes(real[file])
        output = result.stdout + result.stderr
        assert result.returncode in (0, 1), (name, result.returncode, output)
        leftovers = [p.name for p in root.iterdir() if p.name.startswith((".factsheet-", ".site"))]
        assert not leftovers, (name, leftovers)
        if result.returncode == 1:
            assert_clear_failure(name, result.stderr)
            assert snapshot(root / "site") == site, name
        else:
            assert "Traceback" not in output, (name, output)
            assert (root / "site" / "index.html").is_file(), name


# The newer surfaces: each a generator of cases, written into the `rich` fixture sheet.

SHEET_FILE, FIGURES_FILE = "content/sheet.yml", "content/figures.yml"


@dataclass(frozen=True)
class Case:
    """One input: `files` (paths in the sheet, and their new bytes) written into a copy of the
    `rich` fixture sheet, and the command run on it (`args`, the verb first)."""

    name: str
    files: Mapping[str, bytes]
    refused: bool | None = None
    """True when the input must be refused, False when it must pass, None when either is fine
    (as long as it ends cleanly)."""
    value: Decimal | None = None
    """For a number: the value the content holds when it passes, as the editor wrote it."""
    args: tuple[str, ...] = field(default=("check", "--today", RICH_TODAY))


Surface = Callable[[random.Random], Case]
"""Draws one case of a surface (its name is set by `surface_cases`)."""


def _rich(path: str) -> bytes:
    return (RICH / path).read_bytes()


def _sheet_lines(lines: str) -> dict[str, bytes]:
    """The rich sheet with `lines` added at the end of its `sheet:` mapping."""
    return {SHEET_FILE: _rich(SHEET_FILE) + lines.encode()}


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


_FIGURE = """
  - id: fuzzed
    label: things fuzzed
    says: The survey counts
    topic: traffic
    measure: fuzzed
    value: {value}
    unit: {unit}
    as_of: 2024
    source: river-survey-2025
"""


def _figure(value: str, unit: str) -> dict[str, bytes]:
    """The rich sheet with one more figure, not in any chart, written `value` in `unit`."""
    return {FIGURES_FILE: _rich(FIGURES_FILE) + _FIGURE.format(value=value, unit=unit).encode()}


_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DATE_PIECES = ["d", "dd", "MMMM", "LLLL", "y", "yyyy", "EEEE", "'of'", "Q", "w", ","]
_BAD_DATE_PIECES = ["zzzz", "HH:mm", "B", "GGGGGGG", "a", "ss", "'", "v", "X"]


def message_overrides(rng: random.Random) -> Case:
    """`sheet.messages`: a message of the generator's (Fluent), reworded with a trick in it."""
    from generator.language import catalog
    from generator.validation.messages import PLACEHOLDER

    messages = catalog("en")
    key = rng.choice([*sorted(messages), "dates.day", "dates.month", "qualifiers.about"])
    if key in ("dates.day", "dates.month"):
        bad = rng.random() < 0.5
        pieces = rng.sample(_DATE_PIECES, rng.randint(1, 3))
        if bad:
            pieces.insert(rng.randrange(len(pieces) + 1), rng.choice(_BAD_DATE_PIECES))
        return Case("", _sheet_lines(f"  messages:\n    {key}: {_quoted(' '.join(pieces))}\n"))
    text = messages[key]
    places = [m.group() for m in PLACEHOLDER.finditer(text)]  # '{ $n }'
    trick = rng.choice(
        ["digit", "sign", "bidi", "repeat", "drop", "unknown", "markup", "long", "plain", "forms"]
    )
    refused: bool | None = True
    if trick in ("digit", "sign") and places:
        place = rng.choice(places)
        extra = rng.choice("0123456789") if trick == "digit" else rng.choice("-+−")
        after = trick == "digit" and rng.random() < 0.5
        text = text.replace(place, place + extra if after else extra + place, 1)
        name = place.strip("{} $")
        refused = True if trick == "digit" or name in ("n", "value", "date", "start") else None
    elif trick == "bidi":
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(_BIDI) + text[at:]
    elif trick == "repeat" and places:
        text = text + " " + (rng.choice(places) + " ") * rng.choice([2, 3, 50, 5000])
    elif trick == "drop" and places:
        place = rng.choice(places)
        text = text.replace(place, "", 1)
        refused = True if places.count(place) == 1 else None  # another variant may print it
    elif trick == "unknown":
        text = text + " " + rng.choice(["{ $nope }", "{nope}", "{ $n.x }", "{0}", "{}", "{{n}}"])
        refused = None  # '{0}' is a number literal in Fluent
    elif trick == "markup":
        text = rng.choice(["<b>", "**", "{% raw %}", "{{ 7*7 }}", "<script>x</script>"]) + text
        refused = None if "{{" in text or "{%" in text else False
    elif trick == "long":
        text = text + " " + "x" * rng.choice([1001, 5000])
    elif trick == "forms" and "$n ->" in text:  # the format before Fluent: forms as a mapping
        forms = rng.sample(["zero", "one", "two", "few", "many", "other"], rng.randint(1, 3))
        words = _quoted("{n} " + rng.choice(["things", "km", "1{n}"]))
        value = "{" + ", ".join(f"{form}: {words}" for form in forms) + "}"
        refused = None if set(forms) == {"one", "other"} and "1{n}" not in words else True
        return Case("", _sheet_lines(f"  messages:\n    {key}: {value}\n"), refused)
    else:
        text = "Said: " + text
        refused = False
    if trick in ("digit", "sign", "repeat", "drop") and not places:
        refused = False
    return Case("", _sheet_lines(f"  messages:\n    {key}: {_quoted(text)}\n"), refused)


_TAGS = {
    **dict.fromkeys(["en", "de", "uk", "fr", "de-AT", "fr-CH", "en-GB", "uk-UA", "fr-CA"], False),
    **dict.fromkeys(
        ["fr-XX", "en-xx-yy", "en" + "-abcd" * 55, "EN", "e", "zz", "de_AT", "en-", "x-private"],
        True,
    ),
    **dict.fromkeys(["zh-Hant-TW", "es", "12", "'en'", '""', "[en]", "sr-Latn"], True),
}
"""Tags and whether each is refused: a catalog and a CLDR locale are both needed."""
_SUBTAGS = ["AT", "XX", "US", "Latn", "1996", "abcdefgh", "zz", "x"]


def language_tags(rng: random.Random) -> Case:
    """`sheet.language`: a tag from the list, or a random one of known and unknown subtags."""
    if rng.random() < 0.6:
        tag = rng.choice(sorted(_TAGS))
        return Case("", _sheet_lines(f"  language: {tag}\n"), _TAGS[tag])
    tag = "-".join(
        [rng.choice(["en", "de", "uk", "fr", "xx"])] + rng.sample(_SUBTAGS, rng.randint(1, 3))
    )
    return Case("", _sheet_lines(f"  language: {tag}\n"))


_UNITS = {
    **dict.fromkeys(["people", "count", "km", "mi", "yd-per-day", "percent", "times"], False),
    **dict.fromkeys(["per-1000", "per-100000-people", "hours", "km2"], False),
    **dict.fromkeys(["per-7", "per-0", "PER-10", "Km", "doses", "kilometres", "p"], True),
}
_AMOUNTS = {
    "'{n} doses'": False,
    "{one: '{n} dose', other: '{n} doses'}": False,
    "'{n} – {n} doses'": False,
    "'{n}000 doses'": True,
    "'-{n} doses'": True,
    "{one: '{n} dose'}": True,
    "'doses'": True,
    "'{n}{n}'": True,
    '"\\u202e{n}\\u202c doses"': True,
    "'{n} {unit} doses'": True,
}


def units(rng: random.Random) -> Case:
    """A figure's `unit`: built-in, a rate, a typo, or one of the sheet's own with its words."""
    value = rng.choice(["12", "2.5", "1200000"])
    if rng.random() < 0.6:
        unit = rng.choice(sorted(_UNITS))
        refused = _UNITS[unit] or (value == "2.5" and unit in ("people", "count"))
        return Case("", _figure(value, unit), refused)
    amount = rng.choice(sorted(_AMOUNTS))
    counts = rng.choice(["true", "false"])
    own = (
        f"  units:\n    doses:\n      counts: {counts}\n      words:\n"
        f"        en: {{name: doses, amount: {amount}}}\n"
    )
    files = {**_sheet_lines(own), **_figure(value, "doses")}
    refused = _AMOUNTS[amount] or (counts == "true" and value == "2.5")
    return Case("", files, refused)


_CURRENCIES = {
    **dict.fromkeys(["USD", "EUR", "UAH", "JPY", "GBP", "CHF", "RUB"], False),
    **dict.fromkeys(["usd", "ABC", "EURO", "US$", "E", "QQQ", "'€'"], True),
}


def currency_codes(rng: random.Random) -> Case:
    """A figure in a currency: real ISO 4217 codes, typos, random capitals; with cents or not."""
    code = (
        rng.choice(sorted(_CURRENCIES))
        if rng.random() < 0.7
        else "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
    )
    value = rng.choice(["12.5", "8400000", "0.5", "1e9", "12.345", "0.001"])
    refused = _CURRENCIES.get(code)
    if value == "0.001":  # shows as 0.00 in any currency
        refused = True
    elif refused is False and value in ("12.345", "0.5"):
        refused = None  # a currency without cents (JPY) rounds them
    return Case("", _figure(value, code), refused)


_SPELLINGS = {
    "2.5": "2.5",
    "1200000": "1200000",
    "1.2e6": "1200000",
    "1.2E+6": "1200000",
    "+12": "12",
    ".5": "0.5",
    "12.": "12",
    "1.0e+26": "1e26",
    "100000000000000000000000000": "1e26",
    "123456789012345": "123456789012345",
    "!!float 12": "12",
    **dict.fromkeys(["1:30", "0x10", "012", "1_000", "0o17", ".inf", "-.inf", ".nan"], ""),
    **dict.fromkeys(["12345678901234567891", "100000000000000001", "1e30", "1e-400"], ""),
    **dict.fromkeys(["1" * 400, "1" * 4400, '"12"', "1,200", "1.2.3", "12%", "1 200"], ""),
    **dict.fromkeys(["1.2345678901234567", "0x1p3", "1e", "e5", "~", "true", "[1]"], ""),
    **dict.fromkeys(["{a: 1}", "!!int 0x10", "0.000001", "190:20:30.15", "1e-3"], ""),
}
"""Spellings of a value in km, and the number each is ('' when it must be refused): only
decimals, with at most 15 significant digits, under 1e30 and not shown as 0."""


def number_spellings(rng: random.Random) -> Case:
    """A figure's value written every which way, or a random decimal that must be kept as is."""
    if rng.random() < 0.6:
        spelling = rng.choice(sorted(_SPELLINGS))
        meant = _SPELLINGS[spelling]
        return Case("", _figure(spelling, "km"), not meant, Decimal(meant) if meant else None)
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 14)))
    mantissa = rng.choice("123456789") + digits
    point = rng.randint(1, len(mantissa))
    spelling = mantissa[:point] + ("." + mantissa[point:] if point < len(mantissa) else "")
    if rng.random() < 0.3:
        spelling += rng.choice(["e", "E"]) + rng.choice(["", "+", "-"]) + str(rng.randint(0, 2))
    return Case("", _figure(spelling, "km"), False, Decimal(spelling))


SURFACES: dict[str, Surface] = {
    "message_overrides": message_overrides,
    "language_tags": language_tags,
    "units": units,
    "currency_codes": currency_codes,
    "number_spellings": number_spellings,
}
"""One generator of cases per surface; `surface_cases` draws SURFACE_CASES from each."""


def surface_cases(seed: int = SEED, count: int = SURFACE_CASES) -> Iterator[Case]:
    """`count` seeded cases of every surface, named `<surface>-<index>`."""
    rng = random.Random(seed)
    for surface, draw in SURFACES.items():
        for index in range(count):
            case = draw(rng)
            yield Case(f"{surface}-{index:02d}", case.files, case.refused, case.value, case.args)


@contextmanager
def written(root: Path, files: Mapping[str, bytes]) -> Iterator[None]:
    """`files` written into the sheet at `root` for the duration, then put back as they were."""
    before = {name: (root / name).read_bytes() for name in files if (root / name).exists()}
    try:
        for name, data in files.items():
            (root / name).write_bytes(data)
        yield
    finally:
        for name in files:
            if name in before:
                (root / name).write_bytes(before[name])
            else:
                (root / name).unlink(missing_ok=True)


def test_there_are_over_300_seeded_cases_and_every_surface_is_drawn() -> None:
    cases = list(surface_cases())
    assert len(cases) + MUTATIONS >= 300
    assert [c.name for c in cases] == [c.name for c in surface_cases()]
    assert [c.files for c in cases] == [c.files for c in surface_cases()]
    for surface in SURFACES:
        drawn = [c for c in cases if c.name.startswith(surface)]
        assert len(drawn) == SURFACE_CASES
        assert any(c.refused for c in drawn) and any(c.refused is False for c in drawn), surface


@pytest.fixture(scope="module")
def surface_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture("rich", tmp_path_factory.mktemp("surfaces") / "rich")


def test_new_surfaces_end_in_a_good_sheet_or_clear_lines(surface_sheet: Path) -> None:
    from generator.validation import load_and_validate

    passed: list[Case] = []
    for case in surface_cases():
        with written(surface_sheet, case.files):
            with deadline(CHECK_SECONDS, case.name):
                result = run(surface_sheet, *case.args)
            output = result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                case.name,
                result.exception,
            )
            assert result.exit_code in (0, 1, 2), (case.name, result.exit_code, output)
            assert "Traceback" not in output and "internal error" not in output, (case.name, output)
            if result.exit_code == 1:
                assert_clear_failure(case.name, output)
            if result.exit_code == 2:
                assert len(output.strip().splitlines()) == 1, (case.name, output)
            if case.refused is not None:
                assert (result.exit_code != 0) == case.refused, (case.name, output)
            if result.exit_code == 0:
                passed.append(case)
                if case.value is not None:  # the number the content holds is the one written
                    figure = load_and_validate(surface_sheet).figures["fuzzed"]
                    assert Decimal(repr(figure.value)) == case.value, case.name
    _build_surface_cases(surface_sheet, passed)


def _build_surface_cases(root: Path, passed: list[Case]) -> None:
    """Build a seeded few that `check` passed, a number among them, with the real CLI: the
    site is made, nothing but its output and cache folders changes, and the downloads hold
    the number as written."""
    rng = random.Random(SEED)
    numbers = [c for c in passed if c.value is not None]
    chosen = rng.sample(numbers, 1) + rng.sample(
        [c for c in passed if c not in numbers], SURFACE_BUILDS - 1
    )
    for case in chosen:
        kept = {p: snapshot(root / p) for p in ("content", "site_src")}
        with written(root, case.files):
            result = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--root", str(root)],
                capture_output=True,
                text=True,
                timeout=BUILD_SECONDS,
                check=False,
            )
            assert result.returncode == 0, (case.name, result.stdout + result.stderr)
            assert (root / "site" / "index.html").is_file(), case.name
            if case.value is not None:
                data = json.loads((root / "site" / "data" / "figures.json").read_text("utf-8"))
                (record,) = [f for f in data["figures"] if f["id"] == "fuzzed"]
                assert Decimal(str(record["value"])) == case.value, case.name
        assert {p: snapshot(root / p) for p in ("content", "site_src")} == kept, case.name
        made = {p.name for p in root.iterdir()}
        assert made <= {"content", "site_src", "mkdocs.yml", "site", "build", ".cache"}, made


# Cache states (#21.10, #21.11, #21.1): a separate generator of cases, each a damage done to
# the `.cache/factsheet/` a build of the rich fixture left, then `build` run again.

CACHE_CASES = 14
CACHE_STATES = (
    "missing",
    "truncated",
    "garbage",
    "empty",
    "folder",
    "link",
    "fifo",
    "cache-is-a-file",
    "lock-is-a-folder",
    "lock-is-a-link",
    "cache-is-a-link",
)
"""What is done to one entry (or to the folder, or the lock). A link or a FIFO must be refused
with exit 2 and one line; anything else must be built past into the very site a clean build
makes."""
REFUSED_STATES = {"link", "fifo", "lock-is-a-link", "cache-is-a-link"}
CACHE_KINDS = ("yaml", "charts", "social", "pages", "templates", "code", "last-build.json")


@dataclass(frozen=True)
class CacheCase:
    name: str
    state: str
    kind: str
    """The cache folder (or file) whose entry is damaged."""
    pick: int
    """Which of its entries, by index into their sorted names."""


def cache_cases(seed: int = SEED, count: int = CACHE_CASES) -> list[CacheCase]:
    """`count` seeded cases: every state at least once, on entries of random kinds."""
    rng = random.Random(seed)
    states = [*CACHE_STATES, *rng.choices(CACHE_STATES, k=max(0, count - len(CACHE_STATES)))]
    return [
        CacheCase(f"cache-{i:02d}-{state}", state, rng.choice(CACHE_KINDS), rng.randrange(1 << 16))
        for i, state in enumerate(states[:count])
    ]


def _damage(cache: Path, case: CacheCase, victim: Path) -> str:
    """Do `case` to `cache`; return the path (relative to the sheet) a refusal must name."""
    if case.state == "cache-is-a-file":
        shutil.rmtree(cache)
        cache.write_bytes(b"not a folder")
        return ""
    if case.state == "cache-is-a-link":
        shutil.rmtree(cache)
        cache.symlink_to(victim.parent)
        return ".cache/factsheet"
    lock = cache / "build.lock"
    if case.state in ("lock-is-a-folder", "lock-is-a-link"):
        lock.unlink(missing_ok=True)
        if case.state == "lock-is-a-folder":
            (lock / "inside").mkdir(parents=True)
            return ""
        lock.symlink_to(victim)
        return ".cache/factsheet/build.lock"
    where = cache / case.kind
    entries = sorted(p for p in where.rglob("*") if p.is_file()) if where.is_dir() else [where]
    entry = entries[case.pick % len(entries)]
    data = entry.read_bytes()
    entry.unlink()
    if case.state == "truncated":
        entry.write_bytes(data[: case.pick % max(1, len(data))])
    elif case.state == "garbage":
        entry.write_bytes(random.Random(case.pick).randbytes(len(data) or 64))
    elif case.state == "empty":
        entry.write_bytes(b"")
    elif case.state == "folder":
        (entry / "inside").mkdir(parents=True)
    elif case.state == "link":
        entry.symlink_to(victim)
    elif case.state == "fifo":
        os.mkfifo(entry)
    return entry.relative_to(cache.parent.parent).as_posix()


def test_the_cache_cases_are_seeded_and_cover_every_state() -> None:
    cases = cache_cases()
    assert cases == cache_cases()
    assert {c.state for c in cases} == set(CACHE_STATES)
    assert len(list(surface_cases())) + MUTATIONS + len(cases) >= 300


def test_a_damaged_cache_is_built_past_or_refused(tmp_path_factory: pytest.TempPathFactory):
    """Every case ends in exit 0 with the site a clean build makes (no damaged drawing or page
    published), or exit 2 with one line naming the link or FIFO and nothing written through
    it; never a traceback."""
    base = tmp_path_factory.mktemp("cache-states")
    root = copy_fixture("rich", base / "rich")
    victim = base / "outside" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("precious\n", encoding="utf-8")
    first = run(root, "build")
    assert first.exit_code == 0, first.output
    clean, cache = snapshot(root / "site"), root / ".cache" / "factsheet"
    pristine = base / "pristine-cache"
    shutil.copytree(cache, pristine, symlinks=True)
    for case in cache_cases():
        if cache.is_symlink() or cache.is_file():
            cache.unlink()
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(pristine, cache, symlinks=True)
        named = _damage(cache, case, victim)
        (root / "site" / "index.html").write_text("stale", encoding="utf-8")  # so it builds
        with deadline(BUILD_SECONDS, case.name):
            result = run(root, "build")
        output = result.output
        assert "Traceback" not in output and "internal error" not in output, (case.name, output)
        assert victim.read_text(encoding="utf-8") == "precious\n", case.name
        assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"], case.name
        if case.state in REFUSED_STATES:
            assert result.exit_code == 2, (case.name, output)
            assert len(output.strip().splitlines()) == 1 and named in output, (case.name, output)
        else:
            assert result.exit_code == 0, (case.name, output)
            assert snapshot(root / "site") == clean, case.name
