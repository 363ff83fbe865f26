"""Seeded, bounded fuzzing of the real content: whatever an editor's slip does to a file, the
answer is a good site or `file:line:col` lines with exit 1. Never a traceback, never exit 2 or
more from content, never a changed site/ after a failure, never a hang.

Every mutation runs `check` in-process (fast); a seeded few also run the whole `build` in a
separate process, which is what a user runs and what could leave site/ half-written.
`corpus()` is public so that other tests can feed the same inputs to other verbs.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import REPO, run, snapshot

SEED = 20261126
MUTATIONS = 240
BUILDS = 12
"""Full builds, half of them of inputs `check` accepted (so the whole pipeline runs)."""
CHECK_SECONDS = 20
BUILD_SECONDS = 120
TODAY = "2026-01-01"

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
    """The real sheet's content files, by name."""
    return {p.name: p.read_bytes() for p in sorted((REPO / "content").glob("*.yml"))}


def corpus(seed: int = SEED, count: int = MUTATIONS) -> Iterator[tuple[str, dict[str, bytes]]]:
    """`count` seeded mutations of the real content: (name, {file name in content/: bytes}).

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
def fuzz_sheet(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built copy of the real sheet (with its chart cache), for the mutations to break."""
    return Path(shutil.copytree(built, tmp_path_factory.mktemp("fuzz") / "sheet"))


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
                result = run(fuzz_sheet, "check", "--today", TODAY)
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
