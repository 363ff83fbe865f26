"""Charts: declared in content/charts.yml, drawn from the figures at build time, shipped as
static SVG with a text alternative, a data table, a CSV and their sources; cached by what
makes the spec. On the rich fixture sheet (tests/fixtures/rich): a range-bar, a bar on a log
scale with a figure given in kilometres, and a timeline."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build import build
from generator.cache import code
from generator.charts import chart_data, render_charts, schemes, specs, svg
from generator.charts import html as chart_html
from generator.charts.specs import VARIANTS
from generator.charts.svg import check_offline
from generator.project import Project
from generator.validation import load_and_validate
from tests.support import edit, replace_in, run

PAGES_WITH_DATA = ("figures/index", "timeline/index")
CHARTS = 6
"""The rich sheet's charts: crossings-by-bank, bridge-spans, bridge-timeline,
crossings-over-time (a line), crossings-by-year (columns), crossings-2019 (a stacked bar)."""


def _page(root: Path, page: str) -> str:
    return (root / "site" / f"{page}.html").read_text(encoding="utf-8")


def _figure(page_html: str, chart_id: str) -> str:
    match = re.search(
        rf'<figure class="fs-chart[^"]*" id="{chart_id}">.*?</figure>', page_html, re.S
    )
    assert match, f"no chart {chart_id!r} on the page"
    return match.group(0)


def _alt(block: str) -> str:
    match = re.search(r'<img [^>]*alt="([^"]*)"', block)
    assert match, "the chart's image has no alt text"
    return html.unescape(match.group(1))


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _seed_cache(built: Path, target: Path) -> Path:
    """Give `target` the charts already drawn for `built`: only what changes is drawn again."""
    cache = Project.load(built).cache_dir / "charts"
    shutil.copytree(cache, target, dirs_exist_ok=True)
    return target


TITLES = {
    "crossings-by-bank": "Crossings by bank, 2024",
    "bridge-spans": "Bridge spans in metres",
    "bridge-timeline": "The bridges over time",
    "crossings-over-time": "Crossings a year, 2019 to 2024",
    "crossings-by-year": "Crossings by bank, 2021 and 2024",
    "crossings-2019": "Crossings in 2019, by bank",
}


def test_every_chart_is_an_svg_per_scheme_and_width_carrying_its_title(built_rich: Path):
    charts = built_rich / "site" / "charts"
    for chart_id, title in TITLES.items():
        for variant in VARIANTS:
            svg = (charts / f"{chart_id}-{variant.name}.svg").read_text(encoding="utf-8")
            assert svg.startswith("<svg")
            assert f"<title>{title}</title>" in svg
            check_offline(svg)  # no font, image or stylesheet from anywhere else
            assert not re.search(r"https?://(?!www\.w3\.org/)", svg), "a URL in the SVG"


def test_each_page_with_data_shows_a_chart_without_javascript(built_rich: Path):
    built = built_rich
    for page in PAGES_WITH_DATA:
        text = _page(built, page)
        blocks = re.findall(r'<figure class="fs-chart.*?</figure>', text, re.S)
        assert blocks, f"{page} has no chart"
        for block in blocks:
            assert "<script" not in block
            # Both schemes are plain images; CSS picks one, the light one without scripts.
            assert 'class="fs-chart__img fs-chart__img--light"' in block
            assert 'class="fs-chart__img fs-chart__img--dark"' in block
            # Every drawing loads lazily: the browser fetches only the one CSS shows (#26).
            drawings = re.findall(r'<img class="fs-chart__(?:wide|narrow)"[^>]*>', block)
            assert len(drawings) == 4
            assert all(d.endswith(' loading="lazy">') for d in drawings), drawings
            here = (built / "site" / page).parent
            for ref in re.findall(r'(?:src|srcset|href)="(\.\./charts/[^"]+|charts/[^"]+)"', block):
                assert (here / ref).resolve().is_file(), f"{page}: {ref} is missing"
            assert "Data table" in block and "<table>" in block
            assert "(CSV)</a>" in block
            # The words are the catalog's, escaped as content is (a sheet may override them).
            assert re.search(r'<p class="fs-chart__source">Sources?: ', html.unescape(block))


def test_every_declared_chart_stands_on_a_page_with_its_id(built_rich: Path):
    site = "".join(_page(built_rich, page) for page in PAGES_WITH_DATA)
    for chart_id in TITLES:
        assert f'id="{chart_id}"' in site, chart_id


def test_the_text_alternative_names_the_numbers_and_who_gives_them(built_rich: Path):
    figures = _page(built_rich, "figures/index")
    assert _alt(_figure(figures, "crossings-by-bank")) == (
        "Crossings by bank, 2024. The range-bar chart shows numbers of people. Each bar runs"
        " from the low to the high end of an estimate; a dot marks a single figure. All figures"
        " cover the same time, in 2024."
        " The survey counts about 1.2 million crossings from the north bank. The survey"
        " estimates 500,000–600,000 crossings from the south bank."
    )
    assert _alt(_figure(figures, "bridge-spans")).startswith(
        "Bridge spans in metres. The bar chart shows distances in metres, on a logarithmic"
        " scale. The register"
        " gives 120 metres the span of the old bridge as of 2024."
    )
    timeline = _alt(_figure(_page(built_rich, "timeline/index"), "bridge-timeline"))
    assert timeline == (
        "The bridges over time. A timeline of three events from 1 May 1900 to 1 March 2025."
        " 1 May 1900: The old bridge opens. September 2024: The new bridge is planned. 1 March"
        " 2025: The river survey is published."
    )


def test_the_csv_is_exactly_the_charts_figures_in_one_unit(built_rich: Path):
    rows = _csv(built_rich / "site" / "charts" / "crossings-by-bank.csv")
    assert [(r["id"], r["low"], r["high"], r["unit"]) for r in rows] == [
        ("north-crossings", "1200000", "1200000", "people"),
        ("south-crossings", "500000", "600000", "people"),
    ]
    # A length given in kilometres is drawn, and downloaded, in metres.
    spans = {r["id"]: r for r in _csv(built_rich / "site" / "charts" / "bridge-spans.csv")}
    causeway = spans["causeway-length"]
    assert (causeway["low"], causeway["high"], causeway["unit"]) == ("2500", "2500", "m")
    assert causeway["as_given"] == "about 2.5 kilometres"  # the source's own hedge
    assert {r["unit"] for r in spans.values()} == {"m"}


def test_changing_a_figure_changes_its_chart(built_rich: Path, rich: Path, tmp_path: Path):
    docs, cache = tmp_path / "docs", _seed_cache(built_rich, tmp_path / "cache")
    before = render_charts(load_and_validate(rich), docs, cache)
    assert (before.rendered, before.cached) == (0, CHARTS)
    old_svg = (docs / "charts" / "crossings-by-bank-light-wide.svg").read_text("utf-8")
    assert "500,000–600,000" in old_svg

    edit(rich, "figures.yml", "low: 500000\n    high: 600000", "low: 510000\n    high: 610000")
    after = render_charts(load_and_validate(rich), docs, cache)
    # only the charts that draw it: crossings-by-bank, crossings-over-time, crossings-by-year
    assert (after.rendered, after.cached) == (3, CHARTS - 3)
    svg = (docs / "charts" / "crossings-by-bank-light-wide.svg").read_text("utf-8")
    assert "510,000–610,000" in svg and "500,000–600,000" not in svg
    south = next(
        r for r in _csv(docs / "charts" / "crossings-by-bank.csv") if r["id"] == "south-crossings"
    )
    assert (south["low"], south["high"]) == ("510000", "610000")
    assert "510,000–610,000" in html.unescape(after.html("crossings-by-bank"))


def test_a_rebuild_with_no_change_draws_no_chart_and_the_cache_is_disposable(rich: Path):
    sheet = rich
    project = Project.load(sheet)
    charts = CHARTS
    first = build(project)
    assert (first.charts_rendered, first.charts_cached) == (charts, 0)
    second = build(project)
    assert (second.charts_rendered, second.charts_cached) == (0, charts)
    assert (sheet / "site" / "charts" / "bridge-spans-light-wide.svg").is_file()

    assert project.cache_dir.is_relative_to(sheet) and "site" not in project.cache_dir.parts
    shutil.rmtree(project.cache_dir)
    third = build(project)
    assert (third.charts_rendered, third.charts_cached) == (charts, 0)


def test_a_chart_mixing_units_is_a_content_error_pointing_at_the_chart(rich: Path):
    edit(
        rich,
        "charts.yml",
        "figures: [old-bridge-span, new-bridge-span, causeway-length]",
        "figures: [old-bridge-span, new-bridge-span, causeway-length, north-crossings]",
    )
    result = run(rich, "build")
    assert result.exit_code == 1
    assert re.search(
        r"^content/charts\.yml:8:\d+: bridge-spans\.figures: mixes units that cannot "
        r"share one axis: metres \(old-bridge-span\), people",
        result.output,
        re.M,
    ), result.output
    assert "Traceback" not in result.output
    assert not (rich / "site").exists()


def test_a_template_naming_an_unknown_chart_gets_a_one_line_error(built_rich: Path, rich: Path):
    _seed_cache(built_rich, Project.load(rich).cache_dir / "charts")
    pages = rich / "site_src" / "pages"
    replace_in(pages / "figures.md.j2", '{{ chart("bridge-spans") }}', '{{ chart("bridge-map") }}')
    result = run(rich, "build")
    assert result.exit_code == 1
    assert re.search(
        r"site_src/pages/figures\.md\.j2:\d+:1: chart\('bridge-map'\): no such chart",
        result.output,
    ), result.output


def test_chart_text_from_content_never_becomes_markup(built_rich: Path, rich: Path, tmp_path: Path):
    edit(rich, "charts.yml", "title: Bridge spans in metres", "title: Spans <script>x</script> &")
    edit(rich, "charts.yml", "On a logarithmic scale.", "On a <img src=x onerror=alert(1)> scale.")
    cache = _seed_cache(built_rich, tmp_path / "cache")
    chart_set = render_charts(load_and_validate(rich), tmp_path / "docs", cache)
    block = str(chart_set.html("bridge-spans"))
    assert "<script" not in block and "<img src=x" not in block
    assert "Spans &#60;script&#62;x" in block  # shown as text
    assert "\n\n" not in block  # one raw-HTML block: Markdown must not split it
    svg = (tmp_path / "docs" / "charts" / "bridge-spans-light-wide.svg").read_text("utf-8")
    assert "<script" not in svg and "<img" not in svg


def test_a_cached_chart_is_found_without_building_its_spec(
    built_rich: Path, rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The cache is keyed by what makes the spec, so a warm rebuild skips Altair entirely."""
    cache = _seed_cache(built_rich, tmp_path / "cache")

    def no_spec(*args, **kwargs):
        raise AssertionError("built a chart spec although its SVG was cached")

    monkeypatch.setattr(specs, "spec", no_spec)
    chart_set = render_charts(load_and_validate(rich), tmp_path / "docs", cache)
    assert chart_set.rendered == 0 and chart_set.cached == CHARTS


PROSE = (
    "see url(x)",
    "src='a'",
    "the @import of grain",
    "the @font-face debate",
    'href="javascript:alert(1)"',
)
"""Ordinary text that reads like a reference to a pattern matcher, never to a browser."""


def _svg_text(svg: str) -> str:
    """Every line of text the SVG draws, joined as a reader would read it."""
    root = ElementTree.fromstring(svg)
    texts = root.iter("{http://www.w3.org/2000/svg}text")
    return " ".join(" ".join("".join(t.itertext()).split()) for t in texts)


def test_text_that_reads_like_a_reference_is_drawn_as_text(
    built_rich: Path, rich: Path, tmp_path: Path
):
    labels = ("the span of the old bridge", "the span of the new bridge")
    titles = ("The old bridge opens", "The new bridge is planned")
    for label, prose in zip(labels, PROSE[:2], strict=True):
        edit(rich, "figures.yml", f"label: {label}\n", f"label: for {prose}\n")
    for title, prose in zip(titles, PROSE[2:4], strict=True):
        edit(rich, "events.yml", f"title: {title}\n", f"title: {prose}\n")
    edit(rich, "events.yml", "title: The river survey is published\n", f"title: {PROSE[4]}\n")

    docs = tmp_path / "docs"
    drawn = render_charts(
        load_and_validate(rich), docs, _seed_cache(built_rich, tmp_path / "cache")
    )

    assert drawn.rendered == 2  # the spans bar chart and the timeline
    drawn_prose = {"bridge-spans": PROSE[:2], "bridge-timeline": PROSE[2:]}
    for chart_id, proses in drawn_prose.items():
        for variant in VARIANTS:
            text = _svg_text((docs / "charts" / f"{chart_id}-{variant.name}.svg").read_text())
            for prose in proses:
                assert prose in text, (chart_id, variant.name, prose)


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    "body",
    [
        '<image href="https://example.org/a.png"/>',
        '<image xlink:href="//example.org/a.png"/>',
        '<image src="a.png"/>',
        '<g xmlns:l="http://www.w3.org/1999/xlink"><use l:href="other.svg#a"/></g>',
        '<a href="javascript:alert(1)"><text>x</text></a>',
        '<image href="data:image/png;base64,AAAA"/>',
        '<rect style="fill: url(https://example.org/p.svg#g)"/>',
        "<rect style=\"fill: URL( 'a.svg#g' )\"/>",
        '<rect fill="url(http://example.org/g.svg#p)"/>',
        '<rect clip-path="url(a.svg#c)"/>',
        '<style>@import "https://example.org/a.css";</style>',
        "<style>@font-face { font-family: x; src: local(x) }</style>",
        "<style><![CDATA[rect { fill: url(a.png) }]]></style>",
        r'<rect style="fill: u\72l(a.png)"/>',
        "<rect style=\"background: image-set('a.png' 1x)\"/>",
        "<script>alert(1)</script>",
        '<rect onload="alert(1)"/>',
        "<foreignObject><p>x</p></foreignObject>",
    ],
)
def test_a_real_outside_reference_in_a_chart_svg_is_refused(body: str):
    with pytest.raises(RuntimeError, match="chart SVG"):
        check_offline(_SVG.format(body))


@pytest.mark.parametrize(
    "svg",
    [
        '<?xml-stylesheet href="https://example.org/a.css"?>' + _SVG.format(""),
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + _SVG.format("&x;"),
        _SVG.format("<g>"),
    ],
)
def test_a_chart_svg_that_is_not_plain_xml_is_refused(svg: str):
    with pytest.raises(RuntimeError, match="chart SVG"):
        check_offline(svg)


def test_references_within_the_drawing_and_text_about_references_pass():
    check_offline(
        _SVG.format(
            '<defs><clipPath id="c"><rect/></clipPath></defs>'
            '<g clip-path="url(#c)" style="fill: url( \'#c\' )"><use xlink:href="#c"/></g>'
            '<a href="#c"><text aria-label="src=\'a\' url(x)">see url(https://example.org)'
            '<tspan>@import @font-face href="javascript:x"</tspan></text></a>'
            "<title>src='a'</title><desc>url(a.png)</desc>"
        )
    )


def _package_copy(target: Path) -> Path:
    """A copy of the generator package, importable from `target`, to edit without harm."""
    shutil.copytree(
        code.PACKAGE, target / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    return target / "generator"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _key_in(root: Path) -> str:
    """The chart cache key for one fixed input, as a fresh process importing `root` makes it."""
    code = "from generator.charts import svg; print(svg.cache_key({'chart': 'x'}))"
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_editing_the_code_that_writes_tick_labels_retires_cached_charts(tmp_path: Path):
    """numbers.py writes the charts' tick labels and dates, though the chart code only calls it."""
    package = _package_copy(tmp_path / "code")
    before = _key_in(tmp_path / "code")

    replace_in(package / "numbers.py", "year=value.year)", "year=0)")

    assert _key_in(tmp_path / "code") != before


def test_the_code_key_follows_what_the_chart_code_uses_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    package = _package_copy(tmp_path)
    before = code.digest(package, "charts")
    # units.py reaches the drawing only through numbers.py and data.py.
    _append(package / "units.py", "EDITED = True\n")
    edited = code.digest(package, "charts")
    assert edited != before
    # The preview server draws no chart: editing it keeps every cached one.
    _append(package / "serve.py", "EDITED = True\n")
    assert code.digest(package, "charts") == edited


@pytest.mark.parametrize("library", ["vl_convert"])
def test_upgrading_the_library_that_draws_charts_retires_them_all(
    library: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """vl-convert draws the specs (imported only inside the function that draws one); a
    library the chart code never imports, MkDocs or Altair, changes nothing."""
    package = _package_copy(tmp_path)
    before = code.digest(package, "charts")
    real = code.version

    for unused in ("mkdocs", "altair"):
        monkeypatch.setattr(code, "version", lambda lib, u=unused: "9.9" if lib == u else real(lib))
        assert code.digest(package, "charts") == before
    monkeypatch.setattr(code, "version", lambda lib: "9.9" if lib == library else real(lib))
    assert code.digest(package, "charts") != before


_IMPORTED = """
import json, sys, types
import generator.charts

found, things = [], []
for name in [n for n in sys.modules if n == "generator" or n.startswith("generator.")]:
    found.append(name.partition(".")[2])
    for attribute, value in vars(sys.modules[name]).items():
        if isinstance(value, types.ModuleType):
            origin = value.__name__
        else:
            origin = getattr(value, "__module__", None)
        top = origin.split(".")[0] if isinstance(origin, str) else None
        if top in (None, "generator", "builtins") or top in sys.stdlib_module_names:
            continue
        # `from pydantic import ValidationError` gets a class made in pydantic_core.
        homes = {top} | {
            t for t, m in list(sys.modules.items())
            if "." not in t and getattr(m, getattr(value, "__name__", attribute), None) is value
        }
        things.append([f"{name}.{attribute}", sorted(homes)])
print(json.dumps([found, things]))
"""


def test_the_code_key_covers_every_module_the_chart_code_imports():
    """Found by importing the charts in a fresh process: a module, or a library, that the
    chart code starts to import without being part of the key fails here."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED],
        cwd=code.PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported, things = json.loads(done.stdout)
    keyed, libraries = code.modules(code.PACKAGE, "charts")

    # The test sees what it should; vl-convert is imported on a cache miss only, and Altair
    # never: the specs are plain dicts (vegalite.py).
    assert "numbers" in imported and "vl_convert" in libraries and "altair" not in libraries
    assert sorted(set(imported) - set(keyed)) == []
    assert [(thing, homes) for thing, homes in things if not set(homes) & libraries] == []


_WARM = """
import json, sys
from generator.cli import main
try:
    main(["build", "--root", sys.argv[1]])
except SystemExit as exc:
    if exc.code:
        raise
from generator.charts import drawer
print(json.dumps(sorted(n for n in ("altair", "vl_convert") if n in sys.modules) + drawer.STARTED))
"""


def test_a_warm_build_never_starts_the_chart_engine(built_rich: Path, tmp_path: Path):
    """With every chart and the social image cached, `factsheet build` in a new process
    imports neither vl-convert nor Altair, nor starts the drawing process: starting them was
    most of a warm build's time."""
    sheet = shutil.copytree(built_rich, tmp_path / "sheet", symlinks=True)
    done = subprocess.run(
        [sys.executable, "-c", _WARM, str(sheet)],
        cwd=code.PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    *report, imported = done.stdout.strip().splitlines()
    assert "charts: 0 rendered, 6 from cache" in report[-1]
    assert imported == "[]"


def test_a_clean_build_draws_each_chart_once_per_width(
    rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The dark drawings are recoloured from the light ones, never drawn."""
    drawn: list[str] = []
    real = specs.spec

    def counting(data, variant):
        drawn.append(variant.name)
        return real(data, variant)

    monkeypatch.setattr(specs, "spec", counting)
    docs = tmp_path / "docs"
    render_charts(load_and_validate(rich), docs, tmp_path / "cache")

    assert sorted(drawn) == ["light-narrow"] * 6 + ["light-wide"] * 6
    assert len(list((docs / "charts").glob("*-dark-*.svg"))) == 12


def test_charts_are_drawn_with_the_vega_lite_version_they_are_checked_against(rich: Path):
    """Each spec names the Vega-Lite version of the schema that checks it (Altair's copy, in
    test_every_spec_is_valid_vega_lite), and vl-convert draws with that version: an Altair
    upgrade bringing a newer schema fails here until specs.py follows."""
    import altair as alt

    assert alt.SCHEMA_VERSION == f"v{specs.VEGA_LITE}"
    assert svg._vl_version() == ".".join(specs.VEGA_LITE.split(".")[:2])
    content = load_and_validate(rich)
    for chart in content.charts.values():
        drawing = specs.spec(chart_data(content, chart), VARIANTS[0])
        url = f"https://vega.github.io/schema/vega-lite/v{specs.VEGA_LITE}.json"
        assert drawing["$schema"] == url, chart.id


def test_a_recoloured_dark_chart_is_the_dark_chart_drawn(built_rich: Path):
    """Every chart of the sheet, both widths: the dark file shipped is byte for byte what
    vl-convert draws from the dark spec."""
    built = built_rich
    content = load_and_validate(built)
    for chart in content.charts.values():
        data = chart_data(content, chart)
        for width in (schemes.WIDE, schemes.NARROW):
            variant = schemes.Variant(schemes.DARK, width)
            drawn = svg.draw(specs.spec(data, variant))
            shipped = built / "site" / "charts" / f"{chart.id}-{variant.name}.svg"
            expected = svg.finish(drawn, chart.title, data.text_alternative())
            assert shipped.read_text(encoding="utf-8") == expected, (chart.id, variant.name)


def test_recolouring_swaps_fills_and_strokes_and_leaves_text_alone():
    light = (
        '<svg><text aria-label="a > b" fill="#1F2328">fill="#1f2328" in #3f51b5</text>'
        '<path stroke=\'#3f51b5\' fill="#123456" d="M0,0"/></svg>'
    )
    dark = svg.recolour(light, schemes.palette(schemes.LIGHT, schemes.DARK))
    assert dark == (
        '<svg><text aria-label="a > b" fill="#e6e8f0">fill="#1f2328" in #3f51b5</text>'
        '<path stroke=\'#9fa8da\' fill="#123456" d="M0,0"/></svg>'
    )


def test_a_scheme_giving_two_roles_one_colour_cannot_be_recoloured():
    odd = schemes.Scheme("odd", "#111111", "#111111", "#eeeeee", ("#3f51b5",), "#777777")
    with pytest.raises(ValueError, match="#111111"):
        schemes.palette(odd, schemes.DARK)


def test_what_the_chart_code_imports_is_remembered_but_never_for_other_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    package, memo = _package_copy(tmp_path / "code"), tmp_path / "memo"
    first = code.digest(package, "charts", memo)
    real = code.modules

    def unread(package: Path, start: str):
        raise AssertionError("read the imports again although no file changed")

    monkeypatch.setattr(code, "modules", unread)
    assert code.digest(package, "charts", memo) == first
    monkeypatch.setattr(code, "modules", real)

    # The chart code starts to import the preview server: from now on, it is keyed.
    _append(package / "charts" / "data.py", "from .. import serve  # noqa\n")
    importing = code.digest(package, "charts", memo)
    assert importing != first
    _append(package / "serve.py", "EDITED = True\n")
    assert code.digest(package, "charts", memo) != importing
    assert code.digest(package, "charts", memo) == code.digest(package, "charts")


def test_what_the_chart_code_imports_is_read_once_per_process_for_every_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Each edition has a cache of its own: a clean build of two editions read every import
    statement of the chart code twice (0.2 s of CPU or more each), and twice more for the
    social image."""
    package = _package_copy(tmp_path / "code")
    first = code.digest(package, "charts", tmp_path / "memo-en")
    real, reads = code.modules, []

    def counted(package: Path, start: str):
        reads.append(start)
        return real(package, start)

    monkeypatch.setattr(code, "modules", counted)
    assert code.digest(package, "charts", tmp_path / "memo-uk") == first
    assert reads == []
    assert len(list((tmp_path / "memo-uk").glob("imports-charts-*.json"))) == 1
    _append(package / "charts" / "data.py", "EDITED = True\n")
    code.digest(package, "charts", tmp_path / "memo-uk")
    assert reads == ["charts"]


def test_every_spec_is_valid_vega_lite(rich: Path):
    """Specs are written as plain dicts, for speed (specs.py, vegalite.py): they are checked
    here, whole, against the Vega-Lite schema, for every chart kind in every variant."""
    import jsonschema
    from altair.vegalite.v6.schema import core

    content = load_and_validate(rich)
    schema = core.load_schema()
    kinds = set()
    for chart in content.charts.values():
        kinds.add(chart.kind)
        for variant in VARIANTS:
            drawing = specs.spec(chart_data(content, chart), variant)
            errors = list(jsonschema.Draft7Validator(schema).iter_errors(drawing))
            assert errors == [], f"{chart.id} {variant.name}: {errors[0].message}"
    assert kinds == {"range-bar", "bar", "timeline", "line", "column", "stacked-bar"}


GAZETTES = """
  - id: gazette-2024
    publisher: The Daily Gazette
    short: The Gazette
    title: "Bridge plans unveiled"
    date: 2024-09-12
    kind: news

  - id: gazette-2024-b
    publisher: The Daily Gazette
    short: The Gazette
    title: "Bridge plans costed"
    date: 2024-09-12
    kind: news
"""

GAZETTE_EVENTS = """
  - id: plans-unveiled
    date: 2024-09-12
    title: Plans are unveiled
    summary: The Gazette reports them.
    source: gazette-2024

  - id: plans-costed
    date: 2024-09-12
    title: Plans are costed
    summary: The Gazette costs them.
    source: gazette-2024-b

  - id: survey-reported
    date: 2025-03-02
    title: The survey is reported
    summary: The Gazette reports it.
    source: gazette-2025
"""


def test_a_source_line_names_every_source_even_when_two_share_a_short_name(rich: Path):
    """Five sources, three of them 'The Gazette': named apart by date, and by title too where
    the date is the same; the line used to read 'The Gazette' once for three sources."""
    replace_in(
        rich / "content" / "sources.yml",
        "\n  - id: bridge-register",
        GAZETTES + "\n  - id: bridge-register",
    )
    (rich / "content" / "events.yml").write_text(
        (rich / "content" / "events.yml").read_text("utf-8") + GAZETTE_EVENTS, "utf-8"
    )
    edit(
        rich,
        "charts.yml",
        "events: [old-bridge-opens, new-bridge-planned, survey-published]",
        "events: [old-bridge-opens, new-bridge-planned, survey-published, plans-unveiled, "
        "plans-costed, survey-reported]",
    )
    content = load_and_validate(rich)
    data = chart_data(content, content.charts["bridge-timeline"])
    assert chart_html.source_line(data, content.sources, markup=False) == (
        "Sources: Bridge Authority, The Gazette (“Bridge plans unveiled”, 12 September 2024), "
        "The Gazette (“Bridge plans costed”, 12 September 2024), The survey and "
        "The Gazette (2 March 2025) (five in all; each is cited in full next to what it "
        "supports and on the Sources page)."
    )


def _legend_and_bar_colours(spec: object) -> tuple[list[str], list[str]]:
    """The legend's names and each bar's colour, read from a chart's Vega-Lite spec: every
    datum with a colour is a legend entry, or a row with a bar (`bar_y`)."""
    names: list[str] = []
    colours: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "colour" in node and "bar_y" in node:
                colours.append(node["colour"])
            elif "colour" in node and "lines" in node:
                names.append(" ".join(node["lines"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return list(dict.fromkeys(names)), colours


def test_a_figure_with_no_side_is_its_own_named_series_never_computed(rich: Path):
    """A sourced figure with no side is not one the site computed (issue #22, item 1): it gets
    a colour and a legend entry of its own, named by the chart's `others`, or 'Other figures'."""
    edit(
        rich,
        "figures.yml",
        "  - id: old-bridge-span",
        "  - id: ferry-crossings\n    label: crossings by ferry\n    says: The survey counts\n"
        "    topic: traffic\n    measure: crossings\n    value: 300000\n    unit: people\n"
        '    period: {start: 2024-01-01, end: "2024-12"}\n    source: river-survey-2025\n\n'
        "  - id: old-bridge-span",
    )
    charts = rich / "content" / "charts.yml"
    charts.write_text(
        charts.read_text(encoding="utf-8")
        + "\n  - id: all-crossings\n    title: All crossings\n    kind: bar\n"
        "    figures: [north-crossings, ferry-crossings, north-crossings-per-day]\n"
        "    others: Ferries\n",
        encoding="utf-8",
    )
    content = load_and_validate(rich)
    data = chart_data(content, content.charts["all-crossings"])
    assert data.series() == [
        ("north", "The north bank"),
        ("(others)", "Ferries"),
        (None, "Computed by this site"),
    ]
    assert [row.sentence(content.language) for row in data.rows][1] == (
        "The survey counts 300,000 crossings by ferry"
    )
    for variant in schemes.DRAWN:
        names, colours = _legend_and_bar_colours(specs.spec(data, variant))
        assert names == ["The north bank", "Ferries", "Computed by this site"]
        assert colours == ["#3f51b5", "#c2410c", "#6e7781"]
    unnamed = content.charts["all-crossings"].model_copy(update={"others": None})
    assert chart_data(content, unnamed).series()[1] == ("(others)", "Other figures")


def test_a_line_or_column_chart_says_what_it_shows_from_its_dates(built_rich: Path):
    figures = _page(built_rich, "figures/index")
    assert _alt(_figure(figures, "crossings-over-time")) == (
        "Crossings a year, 2019 to 2024. The line chart shows estimates from 2019 to 2024 (unit:"
        " people), each plotted at the date it refers to. A vertical bar marks the range of an"
        " estimate. The Gazette reports about 900,000 crossings from the north bank in 2019."
        " The Gazette reports"
        " 950,000–1.1 million crossings from the north bank in 2021. The survey counts about"
        " 1.2 million crossings from the north bank in 2024. The Gazette reports about 450,000"
        " crossings from the south bank in 2021. The survey estimates 500,000–600,000 crossings"
        " from the south bank in 2024."
    )
    assert _alt(_figure(figures, "crossings-by-year")).startswith(
        "Crossings by bank, 2021 and 2024. The column chart shows estimates from 2021 to 2024"
        " (unit: people), each plotted at the date it refers to. The paler top of a column marks"
        " the range of an estimate. The Gazette reports 950,000–1.1 million crossings from the"
        " north bank in 2021."
    )
    rows = _csv(built_rich / "site" / "charts" / "crossings-over-time.csv")
    assert [(r["id"], r["low"], r["high"], r["period_end"]) for r in rows] == [
        ("north-crossings-2019", "900000", "900000", "2019-12-31"),
        ("north-crossings-2021", "950000", "1100000", "2021-12-31"),
        ("north-crossings", "1200000", "1200000", "2024-12"),
        ("south-crossings-2021", "450000", "450000", "2021-12-31"),
        ("south-crossings", "500000", "600000", "2024-12"),
    ]


def _marks(svg_text: str, kind: str) -> list[ElementTree.Element]:
    """The drawn elements of a mark type (Vega's group class 'mark-line', 'mark-symbol'…)."""
    root = ElementTree.fromstring(svg_text)
    ns = "{http://www.w3.org/2000/svg}"
    return [
        child
        for group in root.iter(f"{ns}g")
        if kind in (group.get("class") or "").split()
        for child in group
    ]


def test_a_line_chart_keeps_unequal_gaps_and_names_each_line_at_its_end(built_rich: Path):
    """2019, 2021, 2024: the gap to 2024 is half as wide again as the one to 2021; each line
    ends with its side's name and last value, so no reader needs the colours."""
    svg_text = (built_rich / "site" / "charts" / "crossings-over-time-light-wide.svg").read_text(
        "utf-8"
    )
    assert "The north bank: about 1.2 million" in svg_text
    assert "The south bank: 500,000–600,000" in svg_text
    symbols = _marks(svg_text, "mark-symbol")
    xs = sorted(
        {
            round(float(re.match(r"translate\(([\d.]+)", s.get("transform")).group(1)), 1)
            for s in symbols
        }
    )
    assert len(xs) == 3  # 2019, 2021 and 2024, both sides sharing the last two
    assert (xs[2] - xs[1]) / (xs[1] - xs[0]) == pytest.approx(1.5, abs=0.01)
    shapes = {s.get("d") for s in symbols}
    assert len(shapes) == 2, "each side's points have a shape of their own"
    assert len(_marks(svg_text, "mark-line")) == 2


def test_a_column_chart_groups_the_sides_sharing_a_date_and_marks_each_by_shape(
    built_rich: Path,
):
    svg_text = (built_rich / "site" / "charts" / "crossings-by-year-light-wide.svg").read_text(
        "utf-8"
    )
    texts = _svg_text(svg_text)
    assert "The north bank" in texts and "The south bank" in texts  # the legend
    legend_and_marks = _marks(svg_text, "mark-symbol")
    # two legend entries and four columns' marks, in two shapes
    assert len(legend_and_marks) == 6
    outlines = [("circle" if "A" in s.get("d") else "square") for s in legend_and_marks]
    assert sorted(outlines) == ["circle"] * 3 + ["square"] * 3


def test_a_line_chart_needs_a_date_for_every_figure_and_columns_a_linear_scale(rich: Path):
    edit(rich, "charts.yml", "kind: line", "kind: line\n    scale: log")
    edit(
        rich,
        "charts.yml",
        "figures: [north-crossings-2021, south-crossings-2021, north-crossings, south-crossings]",
        "figures: [north-crossings-2021, south-crossings-2021, north-crossings, south-crossings]"
        "\n    scale: log",
    )
    edit(
        rich,
        "figures.yml",
        "    value: 900000\n    qualifier: about\n    unit: people\n"
        "    period: {start: 2019-01-01, end: 2019-12-31}\n",
        "    value: 900000\n    qualifier: about\n    unit: people\n    timeless: true\n",
    )
    result = run(rich, "check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "crossings-" in line]
    assert any(
        re.search(
            r"crossings-over-time\.figures: a line chart places each figure at its date, and "
            r"'north-crossings-2019' has none \(timeless\); chart dated figures only, or use "
            r"`kind: bar`$",
            line,
        )
        for line in lines
    ), result.output
    assert any(
        line.endswith(
            "crossings-by-year.scale: a column's height is its value, which a logarithmic "
            "scale does not show; use `kind: line` for a logarithmic scale, or `scale: linear`"
        )
        for line in lines
    ), result.output
    assert "Traceback" not in result.output


def test_a_stacked_bar_shows_its_whole_and_its_parts_end_to_end(built_rich: Path):
    figures = _page(built_rich, "figures/index")
    assert _alt(_figure(figures, "crossings-2019")) == (
        "Crossings in 2019, by bank. The stacked bar splits a total into its parts, laid end to"
        " end (unit: people). The total: The Gazette reports about 1.2 million crossings from both"
        " banks. All figures cover the same time, in 2019. The Gazette reports about 900,000"
        " crossings from the north bank. The Gazette reports about 300,000 crossings from the"
        " south bank."
    )
    rows = _csv(built_rich / "site" / "charts" / "crossings-2019.csv")
    assert [(r["id"], r["low"]) for r in rows] == [
        ("north-crossings-2019", "900000"),
        ("south-crossings-2019", "300000"),
        ("all-crossings-2019", "1200000"),
    ]
    svg_text = (built_rich / "site" / "charts" / "crossings-2019-light-wide.svg").read_text("utf-8")
    texts = _svg_text(svg_text)
    assert "About 1.2 million crossings from both banks" in texts
    assert "About 900,000 crossings from the north bank" in texts


def test_a_stacked_bar_whose_parts_do_not_make_its_whole_is_refused(rich: Path):
    """900,000 + 300,000 is 1.2 million: 1.3 million is more than the stated 50,000 away;
    a range cannot be stacked; and a stacked bar needs its whole."""
    edit(
        rich,
        "figures.yml",
        "    value: 1200000\n    qualifier: about\n    unit: people\n"
        "    period: {start: 2019-01-01",
        "    value: 1300000\n    qualifier: about\n"
        "    unit: people\n    period: {start: 2019-01-01",
    )
    result = run(rich, "check")
    assert result.exit_code == 1
    assert re.search(
        r"^content/charts\.yml:\d+:\d+: crossings-2019\.figures: its parts add up to 1\.2 million, "
        r"and its whole 'all-crossings-2019' is about 1\.3 million: more than `rounding` "
        r"\(50,000\) apart; stack the parts of that whole only, or state the rounding the "
        r"sources give$",
        result.output,
        re.M,
    ), result.output
    edit(rich, "charts.yml", "    whole: all-crossings-2019\n", "")
    result = run(rich, "check")
    assert "charts[5]: a stacked-bar chart needs `whole`: the figure its parts make up" in (
        result.output
    )
    edit(
        rich,
        "charts.yml",
        "figures: [north-crossings-2019, south-crossings-2019]",
        "figures: [north-crossings-2021, south-crossings-2019]\n    whole: all-crossings-2019",
    )
    result = run(rich, "check")
    assert (
        "crossings-2019.figures: a stacked bar adds its parts end to end, and "
        "'north-crossings-2021' is a range; stack figures given as single values, or use "
        "`kind: range-bar`"
    ) in result.output, result.output
