"""The chart drawing process (generator/charts/drawer.py): vl-convert in a child process, so
that drawing takes the second core while the build goes on (#26). It must draw exactly what
vl-convert draws in the build's own process, say which drawing failed, start only when a
drawing is missing, and never outlive the build."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.charts import chart_data, drawer, png, specs, svg
from generator.charts.drawer import Drawer, DrawingFailed
from generator.charts.specs import VARIANTS
from generator.serve import Preview
from generator.validation import load_and_validate
from tests.support import edit, run

TINY = {
    "$schema": f"https://vega.github.io/schema/vega-lite/v{specs.VEGA_LITE}.json",
    "data": {"values": [{"a": 3, "b": "x"}, {"a": 5, "b": "y"}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "a", "type": "quantitative"},
        "y": {"field": "b", "type": "nominal"},
    },
}


def _alive(pid: int) -> bool:
    """True while process `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_process_draws_what_vl_convert_draws_in_the_build_itself(rich: Path, tmp_path: Path):
    """Every chart kind of the rich fixture, one variant each: the same SVG bytes, and the same
    PNG bytes, as the in-process calls; the PNG lands in its file only by `finish`."""
    content = load_and_validate(rich)
    drawing = Drawer()
    made: list[bytes] = []
    try:
        for n, chart in enumerate(content.charts.values()):
            spec = specs.spec(chart_data(content, chart), VARIANTS[n % 2])
            here = svg.draw(spec)
            assert drawing.svg(spec) == here, chart.id
            composed = png.compose(here, svg.size(here)[1], chart.title, "Source: a test")
            drawing.png(composed, png.SCALE, tmp_path / f"{chart.id}.png", made.append)
        drawing.finish()
    finally:
        drawing.close()
    for n, chart in enumerate(content.charts.values()):
        here = svg.draw(specs.spec(chart_data(content, chart), VARIANTS[n % 2]))
        expected = png.draw(png.compose(here, svg.size(here)[1], chart.title, "Source: a test"))
        assert (tmp_path / f"{chart.id}.png").read_bytes() == expected, chart.id
        assert made[n] == expected
    assert len(made) == len(content.charts) == 6


def test_a_drawing_that_fails_is_a_build_error_naming_it(tmp_path: Path):
    drawing = Drawer()
    with pytest.raises(DrawingFailed, match=r"^vl-convert could not draw a chart: "):
        drawing.svg({**TINY, "mark": "no-such-mark"})
    assert drawing._procs == []  # stopped at once

    drawing = Drawer()
    drawing.png("<svg", 2, tmp_path / "broken.png", lambda image: None)
    with pytest.raises(DrawingFailed, match=r"^vl-convert could not draw the image broken\.png: "):
        drawing.finish()


def test_a_clean_build_starts_one_drawing_process_and_a_warm_one_none(rich: Path):
    before = len(drawer.STARTED)
    assert run(rich, "build").exit_code == 0
    started = drawer.STARTED[before:]
    assert len(started) == 1
    assert not _alive(started[0])

    edit(rich, "statements.yml", "Said when the survey was published.", "Said on the day.")
    assert run(rich, "build").exit_code == 0  # a page changes, no drawing does
    assert drawer.STARTED[before:] == started


def test_a_build_that_fails_after_the_process_started_leaves_none_behind(rich: Path):
    """The engine starts while the content is read (an empty cache): a content error then
    stops the process with the build."""
    edit(rich, "figures.yml", "value: 1200000", "value: lots")
    before = len(drawer.STARTED)
    result = run(rich, "build")
    gc.collect()
    assert result.exit_code == 1
    started = drawer.STARTED[before:]
    assert len(started) == 1
    assert [pid for pid in started if _alive(pid)] == []


def test_the_preview_starts_the_drawing_process_once_for_every_rebuild(rich: Path, tmp_path: Path):
    """Its engine takes a second to start: a preview keeps one process between rebuilds, and
    each charted edit is drawn by it."""
    preview = Preview(rich, "http://127.0.0.1:8000/", tmp_path / "preview", lambda line: None)
    before = len(drawer.STARTED)
    preview.rebuild()
    for old, value in (("1200000", "1300000"), ("1300000", "1400000")):
        edit(rich, "figures.yml", f"value: {old}", f"value: {value}")
        preview.rebuild()
        assert preview.problems == []
        svg = (preview.site / "charts" / "crossings-by-bank-light-wide.svg").read_text("utf-8")
        assert f"{int(value) / 1e6:.1f} million" in svg
    started = drawer.STARTED[before:]
    assert len(started) == 1 and _alive(started[0])
