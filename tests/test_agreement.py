"""`factsheet check` gives `build`'s verdict on content: both pass, or both fail with the same
problem lines, since both run `validation.load_and_validate`.

The inputs are (name, {file name in content/: new bytes}), the shape of `tests.test_fuzz`'s
`corpus()`, so any corpus can be fed to `disagreements`. `check` renders no page: a build that
fails only at the page stage (a template naming what the input removed, or a record no page
shows) is told apart, as `check` cannot see templates, and returned separately.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.support import run

Inputs = Iterable[tuple[str, dict[str, bytes]]]
"""(name, {file name in content/: bytes}); files not named keep the base sheet's bytes."""

TODAY = "2024-07-12"
"""Staleness is a warning either way; a fixed day keeps `check`'s output fixed."""

PROBLEM = re.compile(r"^[^\s:]+:\d+:\d+: ")
PAGE_STAGE = re.compile(r"^error: site_src/|is not shown on any page")

CHARTS = """\
charts:
  - id: population
    title: World population
    kind: bar
    figures: [world-population-2024, world-population-2100]
"""

PAGE = """\
---
title: Charts
---

# Charts

{% for chart_id in content.charts %}
{{ chart(chart_id) }}
{% endfor %}
"""
"""A page that shows every chart, so that the starter with charts builds."""


def error_lines(output: str) -> list[str]:
    """The problem lines of an output, warnings left out (they never fail either verb)."""
    return [
        line for line in output.splitlines() if PROBLEM.match(line) and " warning: " not in line
    ]


def verdicts(root: Path) -> tuple[tuple[int, list[str]], tuple[int, list[str]]]:
    """(exit code, error lines) of `check`, then of `build`, on the sheet at `root`."""
    check = run(root, "check", "--today", TODAY)
    build = run(root, "build")
    assert "Traceback" not in check.output + build.output
    return (check.exit_code, error_lines(check.stdout)), (
        build.exit_code,
        error_lines(build.stderr) or [line for line in build.stderr.splitlines() if line],
    )


def disagreements(base: Path, inputs: Inputs, work: Path) -> tuple[list[str], list[str]]:
    """Run `check` and `build` on a copy of `base` changed by each input: one line for each
    input on which they differ, and the names of those only the page stage refused.

    `base` should be built once already: its copies then reuse its chart drawings.
    """
    differ: list[str] = []
    page_stage: list[str] = []
    for index, (name, files) in enumerate(inputs):
        root = Path(shutil.copytree(base, work / f"{index:04d}", symlinks=True))
        for file_name, data in files.items():
            (root / "content" / file_name).write_bytes(data)
        check, build = verdicts(root)
        if check != build:
            refused_by_pages = check[0] == 0 and build[0] == 1
            if refused_by_pages and all(PAGE_STAGE.search(line) for line in build[1]):
                page_stage.append(name)
            else:
                differ.append(f"{name}: check {_said(check)}; build {_said(build)}")
        shutil.rmtree(root)
    return differ, page_stage


def _said(verdict: tuple[int, list[str]]) -> str:
    code, lines = verdict
    return f"exit {code}: " + (" | ".join(lines) or "no problem")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter with a chart and a page showing it, built once."""
    from generator.scaffold import scaffold

    root = tmp_path_factory.mktemp("agreement") / "base"
    scaffold(root)
    (root / "content" / "charts.yml").write_text(CHARTS, encoding="utf-8")
    (root / "site_src" / "pages" / "charts.md.j2").write_text(PAGE, encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return root


def changed(base: Path, name: str, old: str, new: str) -> dict[str, bytes]:
    """`content/<name>` of `base` with `old` (which must be there) replaced by `new`."""
    text = (base / "content" / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    return {name: text.replace(old, new, 1).encode()}


def cases(base: Path) -> list[tuple[str, dict[str, bytes]]]:
    """Hand-picked inputs, one for each stage a problem can come from; extend freely."""
    per_day = (
        "  - id: per-day\n    label: a rate\n    topic: example\n    op: per-day\n"
        "    inputs: [world-population-2024]\n"
    )
    figures = (base / "content" / "figures.yml").read_text(encoding="utf-8")
    return [
        ("unchanged", {}),
        (
            "a chart mixing people and a ratio",
            changed(base, "charts.yml", "world-population-2100]", "growth-to-peak]"),
        ),
        (
            "a logarithmic chart of a value of zero",
            {
                **changed(base, "charts.yml", "kind: bar", "kind: bar\n    scale: log"),
                **changed(base, "figures.yml", "value: 10300000000", "value: 0"),
            },
        ),
        ("a derived figure that cannot be computed", {"figures.yml": (figures + per_day).encode()}),
        (
            "a figure dated after its source",
            changed(base, "figures.yml", "as_of: 2024-07-01", "as_of: 2024-08-01"),
        ),
        ("an unknown source", changed(base, "statements.yml", "un-wpp-2024", "un-wpp-2025")),
        (
            "a field error and an unknown reference in other files",
            {
                **changed(base, "figures.yml", "value: 8200000000", "value: lots"),
                **changed(base, "statements.yml", "un-wpp-2024", "un-wpp-2025"),
            },
        ),
        ("a duplicate id", changed(base, "statements.yml", "un-peak-statement", "un-wpp-2024")),
        ("a YAML syntax error", changed(base, "sources.yml", "title: World", "title: [World")),
        ("no sheet", {"sheet.yml": b"# nothing here\n"}),
    ]


def test_the_cases_cover_a_pass_and_failures_of_every_stage(base: Path, tmp_path: Path) -> None:
    """Every case but the first fails: an agreement on passing inputs only would prove little."""
    check_codes = []
    for index, (_, files) in enumerate(cases(base)):
        root = Path(shutil.copytree(base, tmp_path / str(index)))
        for file_name, data in files.items():
            (root / "content" / file_name).write_bytes(data)
        check_codes.append(run(root, "check", "--today", TODAY).exit_code)
    assert check_codes == [0] + [1] * (len(check_codes) - 1)


def test_check_and_build_agree_on_every_case(base: Path, tmp_path: Path) -> None:
    differ, page_stage = disagreements(base, cases(base), tmp_path)
    assert differ == []
    assert page_stage == []


FUZZ_SAMPLE = 8
"""How many of the fuzz corpus' inputs are built: each is a whole build of the real sheet
(about 2 s); raise it for a deeper run."""


def test_check_and_build_agree_on_a_seeded_sample_of_the_fuzz_corpus(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The real sheet, mutated as `tests/test_fuzz.py` mutates it. Its templates name charts
    and figures, so a mutation that removes one fails only the page stage: allowed, and listed
    apart; any other difference fails."""
    fuzz = pytest.importorskip("tests.test_fuzz", reason="needs tests/test_fuzz.py's corpus()")
    built: Path = request.getfixturevalue("built")  # only once the corpus is there
    base = Path(shutil.copytree(built, tmp_path / "base", symlinks=True))
    inputs = random.Random(fuzz.SEED).sample(list(fuzz.corpus()), FUZZ_SAMPLE)
    differ, _ = disagreements(base, inputs, tmp_path)
    assert differ == []


def test_a_build_refused_only_by_its_pages_is_told_apart(base: Path, tmp_path: Path) -> None:
    """A template naming a chart that the input renamed fails only `build`."""
    renamed = changed(base, "charts.yml", "id: population", "id: people")
    named = Path(shutil.copytree(base, tmp_path / "named"))
    page = named / "site_src" / "pages" / "charts.md.j2"
    page.write_text(PAGE + '{{ chart("population", anchor=False) }}\n', encoding="utf-8")
    differ, page_stage = disagreements(named, [("renamed chart", renamed)], tmp_path)
    assert (differ, page_stage) == ([], ["renamed chart"])


def test_a_disagreement_is_reported(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison can fail: a `check` that found nothing disagrees with `build`."""
    from generator import check
    from generator.validation import load_and_validate

    good = load_and_validate(base)
    monkeypatch.setattr(check, "load_and_validate", lambda root: good)
    unknown = changed(base, "statements.yml", "un-wpp-2024", "un-wpp-2025")
    differ, page_stage = disagreements(base, [("an unknown source", unknown)], tmp_path)
    assert differ == [
        "an unknown source: check exit 0: no problem; build exit 1: content/statements.yml:"
        "11:13: un-peak-statement.source: unknown source 'un-wpp-2025'"
    ]
    assert page_stage == []
