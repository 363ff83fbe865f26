"""Charts: declared in content/charts.yml, drawn from the figures at build time, shipped as
static SVG with a text alternative, a data table, a CSV and their sources; cached by what
makes the spec."""

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
from generator.charts import chart_data, fingerprint, render_charts, schemes, specs, svg
from generator.charts.specs import VARIANTS
from generator.charts.svg import check_offline
from generator.project import Project
from generator.validation import load_and_validate
from tests.support import run

PAGES_WITH_DATA = ("index", "casualties/index", "territory/index", "diplomacy/index")


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


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_chart_is_an_svg_per_scheme_and_width_carrying_its_title(built: Path):
    content = load_and_validate(built)
    charts = built / "site" / "charts"
    for chart in content.charts.values():
        for variant in VARIANTS:
            svg = (charts / f"{chart.id}-{variant.name}.svg").read_text(encoding="utf-8")
            assert svg.startswith("<svg")
            assert f"<title>{html.escape(chart.title)}</title>" in svg
            check_offline(svg)  # no font, image or stylesheet from anywhere else
            assert not re.search(r"https?://(?!www\.w3\.org/)", svg), "a URL in the SVG"


def test_each_page_with_data_shows_a_chart_without_javascript(built: Path):
    for page in PAGES_WITH_DATA:
        text = _page(built, page)
        blocks = re.findall(r'<figure class="fs-chart.*?</figure>', text, re.S)
        assert blocks, f"{page} has no chart"
        for block in blocks:
            assert "<script" not in block
            # Both schemes are plain images; CSS picks one, the light one without scripts.
            assert 'class="fs-chart__img fs-chart__img--light"' in block
            assert 'class="fs-chart__img fs-chart__img--dark"' in block
            here = (built / "site" / page).parent
            for ref in re.findall(r'(?:src|srcset|href)="(\.\./charts/[^"]+|charts/[^"]+)"', block):
                assert (here / ref).resolve().is_file(), f"{page}: {ref} is missing"
            assert "Data table" in block and "<table>" in block
            assert "(CSV)</a>" in block
            assert re.search(r'<p class="fs-chart__source">Sources?: ', block)


def test_every_declared_chart_stands_on_a_page_with_its_id(built: Path):
    content = load_and_validate(built)
    site = "".join(_page(built, page) for page in PAGES_WITH_DATA)
    for chart_id in content.charts:
        assert f'id="{chart_id}"' in site, chart_id


def test_the_text_alternative_names_the_numbers_and_who_gives_them(built: Path):
    block = _figure(_page(built, "casualties/index"), "casualties-by-side")
    alt = _alt(block)
    assert alt.startswith("Military casualties and deaths by side")
    for number in ("about 1.2 million", "275,000–325,000", "500,000–600,000", "100,000–140,000"):
        assert number in alt
    assert "CSIS estimates 275,000–325,000 Russian military deaths" in alt
    assert "24 February 2022 – December 2025" in alt

    timeline = _alt(_figure(_page(built, "diplomacy/index"), "diplomacy-timeline"))
    assert "11 March 2025: Ukraine accepts a US proposal for a 30-day truce" in timeline


def test_the_csv_is_exactly_the_charts_figures_in_one_unit(built: Path):
    content = load_and_validate(built)
    chart = content.charts["casualties-by-side"]
    rows = _csv(built / "site" / "charts" / "casualties-by-side.csv")
    assert [r["id"] for r in rows] == chart.figures
    for row in rows:
        low, high = content.quantity(row["id"]).bounds
        assert (float(row["low"]), float(row["high"])) == (low, high)
        assert row["unit"] == "people"
    # A pace given in kilometres a day is drawn, and downloaded, in metres a day.
    pace = {r["id"]: r for r in _csv(built / "site" / "charts" / "advance-pace.csv")}
    kharkiv = pace["ua-kharkiv-counteroffensive-2022"]
    assert content.figures["ua-kharkiv-counteroffensive-2022"].unit == "km-per-day"
    assert (kharkiv["low"], kharkiv["unit"]) == ("7500", "m-per-day")
    assert kharkiv["as_given"] == "up to about 7.5 kilometres a day"  # the source's own hedge
    assert {r["unit"] for r in pace.values()} == {"m-per-day"}


def test_changing_a_figure_changes_its_chart(built: Path, sheet: Path, tmp_path: Path):
    docs, cache = tmp_path / "docs", _seed_cache(built, tmp_path / "cache")
    before = render_charts(load_and_validate(sheet), docs, cache)
    assert (before.rendered, before.cached) == (0, len(load_and_validate(sheet).charts))
    old_svg = (docs / "charts" / "casualties-by-side-light-wide.svg").read_text("utf-8")
    assert "275,000–325,000" in old_svg

    _replace(
        sheet / "content" / "figures.yml",
        "low: 275000\n    high: 325000",
        "low: 280000\n    high: 330000",
    )
    after = render_charts(load_and_validate(sheet), docs, cache)
    assert (after.rendered, after.cached) == (1, before.cached - 1)  # only that chart
    svg = (docs / "charts" / "casualties-by-side-light-wide.svg").read_text("utf-8")
    assert "280,000–330,000" in svg and "275,000–325,000" not in svg
    deaths = next(
        r for r in _csv(docs / "charts" / "casualties-by-side.csv") if r["id"] == "ru-deaths"
    )
    assert (deaths["low"], deaths["high"]) == ("280000", "330000")
    assert "280,000–330,000" in html.unescape(after.html("casualties-by-side"))


def test_a_rebuild_with_no_change_draws_no_chart_and_the_cache_is_disposable(sheet: Path):
    project = Project.load(sheet)
    charts = len(load_and_validate(sheet).charts)
    first = build(project)
    assert (first.charts_rendered, first.charts_cached) == (charts, 0)
    second = build(project)
    assert (second.charts_rendered, second.charts_cached) == (0, charts)
    assert (sheet / "site" / "charts" / "advance-pace-light-wide.svg").is_file()

    assert project.cache_dir.is_relative_to(sheet) and "site" not in project.cache_dir.parts
    shutil.rmtree(project.cache_dir)
    third = build(project)
    assert (third.charts_rendered, third.charts_cached) == (charts, 0)


def test_a_chart_mixing_units_is_a_content_error_pointing_at_the_chart(sheet: Path):
    charts_yml = sheet / "content" / "charts.yml"
    _replace(
        charts_yml,
        "      - ru-pace-chasiv-yar\n",
        "      - ru-pace-chasiv-yar\n      - ru-territory-share-2024\n",
    )
    result = run(sheet, "build")
    assert result.exit_code == 1
    line = next(
        n
        for n, text in enumerate(charts_yml.read_text().splitlines(), 1)
        if "id: advance-pace" in text
    )
    assert re.search(
        rf"^content/charts\.yml:{line}:\d+: advance-pace\.figures: mixes units that cannot "
        r"share one axis: metres a day \(ua-kharkiv-counteroffensive-2022\), per cent",
        result.output,
        re.M,
    ), result.output
    assert "Traceback" not in result.output
    assert not (sheet / "site").exists()


def test_a_template_naming_an_unknown_chart_gets_a_one_line_error(built: Path, sheet: Path):
    _seed_cache(built, Project.load(sheet).cache_dir / "charts")
    _replace(
        sheet / "site_src" / "pages" / "territory.md.j2",
        '{{ chart("territory-share") }}',
        '{{ chart("territory-map") }}',
    )
    result = run(sheet, "build")
    assert result.exit_code == 1
    assert re.search(
        r"site_src/pages/territory\.md\.j2:\d+:1: chart\('territory-map'\): no such chart",
        result.output,
    ), result.output


def test_chart_text_from_content_never_becomes_markup(built: Path, sheet: Path, tmp_path: Path):
    charts_yml = sheet / "content" / "charts.yml"
    _replace(
        charts_yml,
        "    title: Share of Ukraine’s territory taken by Russia\n",
        "    title: Share <script>alert(1)</script> & more\n",
    )
    _replace(charts_yml, "the\n      yearly shares", "the <img src=x onerror=alert(1)> yearly")
    cache = _seed_cache(built, tmp_path / "cache")
    chart_set = render_charts(load_and_validate(sheet), tmp_path / "docs", cache)
    block = str(chart_set.html("territory-share"))
    assert "<script" not in block and "<img src=x" not in block
    assert "Share &#60;script&#62;alert(1)" in block  # shown as text
    assert "\n\n" not in block  # one raw-HTML block: Markdown must not split it
    svg = (tmp_path / "docs" / "charts" / "territory-share-light-wide.svg").read_text("utf-8")
    assert "<script" not in svg and "<img" not in svg


def test_a_cached_chart_is_found_without_building_its_spec(
    built: Path, sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The cache is keyed by what makes the spec, so a warm rebuild skips Altair entirely."""
    cache = _seed_cache(built, tmp_path / "cache")

    def no_spec(*args, **kwargs):
        raise AssertionError("built a chart spec although its SVG was cached")

    monkeypatch.setattr(specs, "spec", no_spec)
    chart_set = render_charts(load_and_validate(sheet), tmp_path / "docs", cache)
    assert chart_set.rendered == 0 and chart_set.cached == len(load_and_validate(sheet).charts)


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
    built: Path, sheet: Path, tmp_path: Path
):
    figures, events = sheet / "content" / "figures.yml", sheet / "content" / "events.yml"
    labels = (
        "for Ukraine’s Kharkiv counteroffensive",
        "for Ukraine’s Kherson counteroffensive",
        "for the advance in the Battle of Belleau Wood",
        "for the advance in the Battle of the Somme",
        "for the Russian offensive around Pokrovsk",
    )
    titles = (
        "Ukraine accepts a US proposal for a 30-day truce",
        "Russia announces a unilateral Victory Day ceasefire",
        "Russia’s Victory Day ceasefire begins",
        "European leaders in Kyiv call for a 30-day unconditional ceasefire",
        "The Kremlin says it will need to consider the proposal",
    )
    for label, title, prose in zip(labels, titles, PROSE, strict=True):
        _replace(figures, f"label: {label}\n", f"label: for {prose}\n")
        _replace(events, f"title: {title}\n", f"title: {prose}\n")

    docs = tmp_path / "docs"
    drawn = render_charts(load_and_validate(sheet), docs, _seed_cache(built, tmp_path / "cache"))

    assert drawn.rendered == 2  # the pace chart and the diplomacy timeline
    for chart_id in ("advance-pace", "diplomacy-timeline"):
        for variant in VARIANTS:
            text = _svg_text((docs / "charts" / f"{chart_id}-{variant.name}.svg").read_text())
            for prose in PROSE:
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
        fingerprint.PACKAGE, target / "generator", ignore=shutil.ignore_patterns("__pycache__")
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

    _replace(package / "numbers.py", 'return f"{value.day} {value:%B %Y}"', 'return "changed"')

    assert _key_in(tmp_path / "code") != before


def test_the_code_key_follows_what_the_chart_code_uses_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    package = _package_copy(tmp_path)
    before = fingerprint.digest(package)
    # units.py reaches the drawing only through numbers.py and data.py.
    _append(package / "units.py", "EDITED = True\n")
    edited = fingerprint.digest(package)
    assert edited != before
    # The preview server draws no chart: editing it keeps every cached one.
    _append(package / "serve.py", "EDITED = True\n")
    assert fingerprint.digest(package) == edited


@pytest.mark.parametrize("library", ["altair", "vl_convert"])
def test_upgrading_the_library_that_builds_or_draws_charts_retires_them_all(
    library: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Altair writes the spec (imported only inside the function that builds one), vl-convert
    draws it; a library the chart code never imports changes nothing."""
    package = _package_copy(tmp_path)
    before = fingerprint.digest(package)
    real = fingerprint.version

    monkeypatch.setattr(fingerprint, "version", lambda lib: "9.9" if lib == "mkdocs" else real(lib))
    assert fingerprint.digest(package) == before
    monkeypatch.setattr(fingerprint, "version", lambda lib: "9.9" if lib == library else real(lib))
    assert fingerprint.digest(package) != before


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
        cwd=fingerprint.PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported, things = json.loads(done.stdout)
    keyed, libraries = fingerprint.modules(fingerprint.PACKAGE)

    # The test sees what it should; Altair and vl-convert are imported on a cache miss only.
    assert "numbers" in imported and {"altair", "vl_convert"} <= libraries
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
print(json.dumps(sorted(n for n in ("altair", "vl_convert") if n in sys.modules)))
"""


def test_a_warm_build_never_starts_the_chart_engine(built: Path, tmp_path: Path):
    """With every chart and the social image cached, `factsheet build` in a new process
    imports neither vl-convert nor Altair: starting them was most of a warm build's time."""
    sheet = shutil.copytree(built, tmp_path / "sheet", symlinks=True)
    done = subprocess.run(
        [sys.executable, "-c", _WARM, str(sheet)],
        cwd=fingerprint.PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    *report, imported = done.stdout.strip().splitlines()
    assert "charts: 0 rendered, 5 from cache" in report[-1]
    assert imported == "[]"


def test_a_clean_build_draws_each_chart_once_per_width(
    sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The dark drawings are recoloured from the light ones, never drawn."""
    drawn: list[str] = []
    real = specs.spec

    def counting(data, variant):
        drawn.append(variant.name)
        return real(data, variant)

    monkeypatch.setattr(specs, "spec", counting)
    docs = tmp_path / "docs"
    render_charts(load_and_validate(sheet), docs, tmp_path / "cache")

    assert sorted(drawn) == ["light-narrow"] * 5 + ["light-wide"] * 5
    assert len(list((docs / "charts").glob("*-dark-*.svg"))) == 10


def test_charts_are_drawn_with_the_vega_lite_version_altair_writes_them_for(sheet: Path):
    """vl-convert is told the version named in specs.py (read without importing Altair); an
    Altair upgrade writing for a newer Vega-Lite fails here until that name follows."""
    content = load_and_validate(sheet)
    for chart in content.charts.values():
        drawing = specs.spec(chart_data(content, chart), VARIANTS[0])
        url = f"https://vega.github.io/schema/vega-lite/v{specs.VEGA_LITE}.json"
        assert drawing["$schema"] == url, chart.id


def test_a_recoloured_dark_chart_is_the_dark_chart_drawn(built: Path):
    """Every chart of the sheet, both widths: the dark file shipped is byte for byte what
    vl-convert draws from the dark spec."""
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
    first = fingerprint.digest(package, memo)
    real = fingerprint.modules

    def unread(package: Path):
        raise AssertionError("read the imports again although no file changed")

    monkeypatch.setattr(fingerprint, "modules", unread)
    assert fingerprint.digest(package, memo) == first
    monkeypatch.setattr(fingerprint, "modules", real)

    # The chart code starts to import the preview server: from now on, it is keyed.
    _append(package / "charts" / "data.py", "from .. import serve  # noqa\n")
    importing = fingerprint.digest(package, memo)
    assert importing != first
    _append(package / "serve.py", "EDITED = True\n")
    assert fingerprint.digest(package, memo) != importing
    assert fingerprint.digest(package, memo) == fingerprint.digest(package)
