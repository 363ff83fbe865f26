"""`factsheet check` gives `build`'s verdict: both pass, or both fail with the same problem
lines and exit code, since both run `validation.load_and_validate` and then build's page stage
(`generate.render_site`), which finds a record no page shows, an id anchored on two pages, a
link to what no page shows and a failing template.

The inputs are (name, {file name in content/: new bytes}), the shape of `tests.test_fuzz`'s
`corpus()`, so any corpus can be fed to `disagreements`; a name under `site_src/` is a file of
the sheet's templates instead, for the problems only a template can make.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.support import STARTED, run

Inputs = Iterable[tuple[str, dict[str, bytes]]]
"""(name, {file name in content/: bytes}); files not named keep the base sheet's bytes."""

TODAY = dt.date.today().isoformat()
"""The day `build` judges by: a change logged after it is an error in both verbs; staleness is
a warning either way."""

PROBLEM = re.compile(r"^[^\s:]+:\d+:\d+: ")

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

{{ chart("population", anchor=False) }}
"""
"""A page that shows every chart, so that the starter with charts builds, and names one, so
that content renaming it breaks a template."""

TEMPLATES = "site_src/"
"""An input's file names starting so are relative to the sheet's folder, not to content/."""


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


def apply(root: Path, files: dict[str, bytes]) -> None:
    """Write an input's files into the sheet at `root`."""
    for file_name, data in files.items():
        folder = root if file_name.startswith(TEMPLATES) else root / "content"
        (folder / file_name).parent.mkdir(parents=True, exist_ok=True)
        (folder / file_name).write_bytes(data)


def disagreements(base: Path, inputs: Inputs, work: Path) -> list[str]:
    """Run `check` and `build` on a copy of `base` changed by each input: one line for each
    input on which their exit codes or error lines differ.

    `base` should be built once already: its copies then reuse its chart drawings.
    """
    differ: list[str] = []
    for index, (name, files) in enumerate(inputs):
        root = Path(shutil.copytree(base, work / f"{index:04d}", symlinks=True))
        apply(root, files)
        check, build = verdicts(root)
        if check != build:
            differ.append(f"{name}: check {_said(check)}; build {_said(build)}")
        shutil.rmtree(root)
    return differ


def _said(verdict: tuple[int, list[str]]) -> str:
    code, lines = verdict
    return f"exit {code}: " + (" | ".join(lines) or "no problem")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter with a chart and a page showing it, built once."""
    from generator.scaffold import scaffold

    root = tmp_path_factory.mktemp("agreement") / "base"
    scaffold(root, today=STARTED)
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


EVENT = """\
events:
  - id: an-event
    date: 2024-07-11
    title: The UN publishes its projections
    summary: The projections see the world's population peak in the 2080s.
    source: un-wpp-2024
"""
"""An event: the starter's only page shows none."""


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
        # The page stage: what only rendering the pages can find.
        ("a record no page shows", {"events.yml": EVENT.encode()}),
        (
            "a chart renamed that a template names",
            changed(base, "charts.yml", "id: population", "id: people"),
        ),
        (
            "an id anchored on two pages",
            {"site_src/pages/twice.md.j2": b"# Twice\n\n{{ chart('population') }}\n"},
        ),
        (
            "a link to what no page shows",
            {"site_src/pages/more.md.j2": b"# More\n\n[gone]({{ link('no-such-record') }})\n"},
        ),
        (
            "a template that fails",
            {"site_src/pages/broken.md.j2": b"# Broken\n\n{{ content.nothing }}\n"},
        ),
        ("a template syntax error", {"site_src/pages/bad.md.j2": b"# Bad\n\n{% for %}\n"}),
    ]


def test_the_cases_cover_a_pass_and_failures_of_every_stage(base: Path, tmp_path: Path) -> None:
    """Every case but the first fails: an agreement on passing inputs only would prove little."""
    check_codes = []
    for index, (_, files) in enumerate(cases(base)):
        root = Path(shutil.copytree(base, tmp_path / str(index)))
        apply(root, files)
        check_codes.append(run(root, "check", "--today", TODAY).exit_code)
    assert check_codes == [0] + [1] * (len(check_codes) - 1)


def test_check_and_build_agree_on_every_case(base: Path, tmp_path: Path) -> None:
    assert disagreements(base, cases(base), tmp_path) == []


FUZZ_SAMPLE = int(os.environ.get("FACTSHEET_AGREEMENT_SAMPLE", "8"))
"""How many of the fuzz corpus' inputs are built: each is a whole build of the rich fixture
sheet (about 2 s). `FACTSHEET_AGREEMENT_SAMPLE=240` runs the whole corpus (a few minutes)."""


def test_check_and_build_agree_on_a_seeded_sample_of_the_fuzz_corpus(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The rich fixture sheet, mutated as `tests/test_fuzz.py` mutates it; its templates name
    charts and figures, so a mutation can fail the page stage as well as the content's."""
    fuzz = pytest.importorskip("tests.test_fuzz", reason="needs tests/test_fuzz.py's corpus()")
    built: Path = request.getfixturevalue("built_rich")  # only once the corpus is there
    base = Path(shutil.copytree(built, tmp_path / "base", symlinks=True))
    every = list(fuzz.corpus())
    inputs = random.Random(fuzz.SEED).sample(every, min(FUZZ_SAMPLE, len(every)))
    assert disagreements(base, inputs, tmp_path) == []


def test_the_page_stage_is_reported_by_check_as_by_build(base: Path, tmp_path: Path) -> None:
    """Written out: the lines of a record no page shows and of a failing template."""
    unshown = Path(shutil.copytree(base, tmp_path / "unshown"))
    apply(unshown, {"events.yml": EVENT.encode()})
    check, build = verdicts(unshown)
    assert check == (
        1,
        [
            "content/events.yml:2:5: an-event: is not shown on any page (add it to a page "
            "template in site_src/pages/)",
            "site_src/pages/index.md.j2:1:1: links to 'an-event', which no page shows",
        ],
    )
    assert build == check
    failing = Path(shutil.copytree(base, tmp_path / "failing"))
    apply(failing, {"site_src/pages/broken.md.j2": b"# Broken\n\n{{ content.nothing }}\n"})
    check, build = verdicts(failing)
    assert check == (
        1,
        [
            "site_src/pages/broken.md.j2:3:1: 'generator.content.Content object' "
            "has no attribute 'nothing'"
        ],
    )
    assert build == check


def test_a_disagreement_is_reported(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison can fail: a `check` that found nothing disagrees with `build`."""
    from generator import check
    from generator.validation import load_and_validate

    good = load_and_validate(base)
    monkeypatch.setattr(check, "load_and_validate", lambda root: good)
    unknown = changed(base, "statements.yml", "un-wpp-2024", "un-wpp-2025")
    differ = disagreements(base, [("an unknown source", unknown)], tmp_path)
    assert differ == [
        "an unknown source: check exit 0: no problem; build exit 1: content/statements.yml:"
        "11:13: un-peak-statement.source: unknown source 'un-wpp-2025'"
    ]
