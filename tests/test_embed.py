"""Embeds (issue 17): each chart alone on a page of its own, `embed/<chart-id>/`, for other
sites' <iframe>s; the code to paste under each chart; and a PNG that stands alone. On the
rich fixture sheet (tests/fixtures/rich), built at PUBLISHED_URL."""

from __future__ import annotations

import html
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.charts import Drawer, chart_blocks, png, render_charts
from generator.language import Language
from generator.project import Project
from generator.render import code_spans, escape_text
from generator.validation import load_and_validate
from tests.support import edit

CHARTS = {
    # chart id: (its title, the page that holds its anchor)
    "crossings-by-bank": ("Crossings by bank, 2024", "figures/"),
    "bridge-spans": ("Bridge spans in metres", "figures/"),
    "bridge-timeline": ("The bridges over time", "timeline/"),
}
SURVEY = (
    'Source: <a href="https://survey.example/2025">The survey, “Annual river survey 2025”</a>,'
    " 1\u00a0March\u00a02025."
)
"""The crossings chart's source line, as the site prints it under the chart (a date's parts
joined by no-break spaces)."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def embed_page(built: Path, chart_id: str) -> BeautifulSoup:
    return soup(built / "site" / "embed" / chart_id / "index.html")


def test_every_chart_has_an_embed_page_without_the_sites_navigation(built_rich: Path):
    for chart_id, (title, _) in CHARTS.items():
        page = embed_page(built_rich, chart_id)
        assert page.h1 is not None and page.h1.get_text() == title
        assert page.html is not None and page.html["lang"] == "en"
        assert page.select("nav, header, footer, form, input") == []
        assert page.select('[class^="md-"], [class*=" md-"]') == []  # nothing of the theme
        assert page.find("link", rel="stylesheet") is None  # its only style is its own
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_an_embed_page_shows_both_pictures_and_the_source_line_of_the_site(built_rich: Path):
    page = embed_page(built_rich, "crossings-by-bank")
    here = built_rich / "site" / "embed" / "crossings-by-bank"
    for scheme in ("light", "dark"):
        drawings = page.select_one(f"div.fs-chart__img--{scheme}")
        assert drawings is not None, scheme
        wide, narrow = drawings.select("img")
        assert wide["class"] == ["fs-chart__wide"] and narrow["class"] == ["fs-chart__narrow"]
        assert wide["src"] == f"../../charts/crossings-by-bank-{scheme}-wide.svg"
        assert narrow["src"] == f"../../charts/crossings-by-bank-{scheme}-narrow.svg"
        for img in (wide, narrow):
            assert (here / img["src"]).resolve().is_file()
            assert img["loading"] == "lazy"  # only the drawing shown is fetched
            assert img["alt"].startswith(
                "Crossings by bank, 2024. The range-bar chart shows numbers of people."
            )
    source = page.select_one("p.fs-chart__source")
    assert html.unescape(source.decode_contents()) == SURVEY
    on_site = soup(built_rich / "site" / "figures" / "index.html").find(id="crossings-by-bank")
    assert source.decode_contents() == on_site.select_one(".fs-chart__source").decode_contents()
    caption = page.figcaption.get_text(" ", strip=True)
    assert caption == (
        "Crossings by bank, 2024 Survey counts and estimates; bars show each estimate's range."
    )


def test_an_embed_page_links_back_to_the_chart_where_its_anchor_is(built_rich: Path):
    for chart_id, (_, home) in CHARTS.items():
        page = embed_page(built_rich, chart_id)
        back = page.select_one(".fs-embed__back a")
        assert back["href"] == f"../../{home}#{chart_id}"
        assert back["target"] == "_top"  # the article's page follows it, not the frame
        assert back.get_text() == (
            "See this chart with its figures and sources on Rivers & bridges: a test sheet"
        )
        target = soup(built_rich / "site" / home / "index.html")
        assert target.find(id=chart_id) is not None, f"{home} has no anchor {chart_id}"
        # A view of the chart, not its home: the permalink's id stands on one page only.
        assert page.find(id=chart_id) is None


def test_an_embed_page_needs_no_other_host_and_no_script_to_show(built_rich: Path):
    page = embed_page(built_rich, "bridge-timeline")
    loaded = [
        tag.get(attr)
        for tag in page.find_all(True)
        for attr in ("src", "srcset", "href")
        if tag.get(attr) and tag.name != "a"
    ]
    # No favicon asked of the embedding site's root, nor of ours: the icon is empty data.
    assert page.find("link", rel="icon")["href"] == "data:,"
    loaded.remove("data:,")
    assert loaded and all(url.startswith("../../charts/") for url in loaded), loaded
    scripts = page.find_all("script")
    assert len(scripts) == 1 and not scripts[0].get("src")
    assert 'window.parent.postMessage({"factsheet-embed-height":h},"*")' in scripts[0].string
    style = page.style.string
    assert "@media (prefers-color-scheme:dark)" in style and "@media print" in style


def test_embed_pages_are_in_neither_the_sitemap_nor_the_search_index(built_rich: Path):
    site = built_rich / "site"
    assert "<loc>https://example.github.io/factsheet/figures/</loc>" in (
        site / "sitemap.xml"
    ).read_text(encoding="utf-8")
    assert "embed" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '"location":"embed' not in (site / "search" / "search_index.json").read_text("utf-8")


def embed_code(page: Path, chart_id: str) -> str:
    """The code a reader copies from under the chart, as they copy it."""
    chart = soup(page).find(id=chart_id)
    disclosure = chart.select_one("details.fs-chart__embed")
    assert disclosure is not None and not disclosure.has_attr("open")  # closed until asked
    assert disclosure.has_attr("data-search-exclude")
    code = disclosure.select_one("pre code")
    return code.get_text() if code else ""


def test_the_embed_code_points_at_the_absolute_embed_page_and_sizes_itself(built_rich: Path):
    code = embed_code(built_rich / "site" / "figures" / "index.html", "bridge-spans")
    frame = BeautifulSoup(code, "html.parser")
    iframe = frame.iframe
    assert iframe["src"] == "https://example.github.io/factsheet/embed/bridge-spans/"
    assert iframe["title"] == "Chart: Bridge spans in metres"
    wide = (built_rich / "site" / "charts" / "bridge-spans-light-wide.svg").read_text("utf-8")
    chart_height = round(float(re.search(r'<svg[^>]*\bheight="([\d.]+)"', wide)[1]))
    # Without scripts the frame still shows the chart and the lines around it.
    assert chart_height + 100 <= int(iframe["height"]) <= chart_height + 300
    listener = frame.script.string
    assert '"factsheet-embed-height"' in listener
    assert 'e.origin!=="https://example.github.io"' in listener
    assert "f.contentWindow===e.source" in listener


def test_without_a_site_url_there_is_no_embed_code_and_it_says_so(rich: Path):
    content = load_and_validate(rich)
    block = str(chart_blocks(content).html("crossings-by-bank"))
    disclosure = BeautifulSoup(block, "html.parser").select_one("details.fs-chart__embed")
    assert "iframe" not in html.unescape(str(disclosure))
    assert disclosure.p.get_text("", strip=True).startswith(
        "No embed code: this build has no published address (site_url), and the site will not"
        " invent one."
    )
    # The setting's name as code, not in raw backticks (en review 4, T1).
    assert disclosure.p.code.get_text() == "site_url"
    assert "`" not in html.unescape(str(disclosure))
    assert disclosure.select_one("p a")["href"] == "⟦/⟧embed/crossings-by-bank/"
    published = str(chart_blocks(content, "https://x.test/sheet/").html("crossings-by-bank"))
    assert '<iframe src="https://x.test/sheet/embed/crossings-by-bank/"' in html.unescape(published)


def pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert (depth, colour, interlace) == (8, 6, 0), "not 8-bit RGBA"
    chunks, at = b"", 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            chunks += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw, stride, rows = zlib.decompress(chunks), width * 4, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            a = line[x - 4] if x >= 4 else 0
            b, c = previous[x], previous[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def inked(row: bytes) -> int:
    """How many pixels of a row are dark (text), on the PNG's white paper."""
    return sum(1 for x in range(0, len(row), 4) if max(row[x : x + 3]) < 128)


def test_the_png_is_the_light_wide_chart_with_its_title_and_source_written_in(built_rich: Path):
    site = built_rich / "site"
    width, height, rows = pixels((site / "charts" / "crossings-by-bank.png").read_bytes())
    wide = (site / "charts" / "crossings-by-bank-light-wide.svg").read_text("utf-8")
    chart_height = round(float(re.search(r'<svg[^>]*\bheight="([\d.]+)"', wide)[1]))
    # 20 px margin, one 24 px title line, 12 px gap, the chart, 12 px gap, one 16 px source
    # line, 20 px margin; 680 px wide (the 640 px drawing and two margins); all twice over.
    assert (width, height) == (1360, 2 * (20 + 24 + 12 + chart_height + 12 + 16 + 20))
    title_band = rows[2 * 20 : 2 * (20 + 24)]
    source_band = rows[2 * (20 + 24 + 12 + chart_height + 12) : 2 * (height // 2 - 20)]
    assert max(inked(r) for r in title_band) > 100, "no title in the image"
    assert max(inked(r) for r in source_band) > 100, "no source line in the image"
    assert all(inked(r) == 0 for r in rows[:30]), "the top margin is not blank"
    page = soup(site / "figures" / "index.html").find(id="crossings-by-bank")
    link = page.select_one(".fs-chart__embed .fs-chart__download a")
    assert link["href"] == "../charts/crossings-by-bank.png" and link.has_attr("download")
    assert link.get_text().startswith("Download PNG")


def test_the_pngs_text_is_the_charts_title_and_source_line_in_full():
    composed = png.compose(
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="100"></svg>',
        100,
        "Spans & <heights>",
        "Source: Bridge Authority, “Register of bridges”, 2024; " * 4,
    )
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", composed)
    assert texts[0] == "Spans &amp; &lt;heights&gt;"  # text, never markup
    assert (
        " ".join(texts[1:])
        == ("Source: Bridge Authority, “Register of bridges”, 2024; " * 4).strip()
    )
    assert len(texts) == 1 + 3  # the source wraps on three lines, and nothing is cut


def test_the_png_is_cached_with_the_svgs_and_redrawn_when_a_source_is_reworded(
    built_rich: Path, rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    cache = tmp_path / "cache"
    shutil.copytree(Project.load(built_rich).cache_dir / "charts", cache)
    drawn: list[str] = []
    draw = Drawer.png  # the PNGs are rasterised in the drawing process
    monkeypatch.setattr(
        Drawer, "png", lambda self, svg, *a: drawn.append(svg) or draw(self, svg, *a)
    )
    render_charts(load_and_validate(rich), tmp_path / "docs", cache)
    assert drawn == []  # every PNG came from the cache
    edit(rich, "sources.yml", "Annual river survey 2025", "Annual survey of the river, 2025")
    render_charts(load_and_validate(rich), tmp_path / "docs", cache)
    # the four charts that cite the survey (crossings-by-bank, bridge-timeline,
    # crossings-over-time, crossings-by-year), and only they
    assert len(drawn) == 4
    for svg in drawn:
        texts = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", svg))
        assert "“Annual survey of the river, 2025”, 1 March 2025." in texts


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        (
            "en",
            "No embed code: this build has no published address (<code>site_url</code>), and the"
            " site will not invent one.",
        ),
        (
            "de",
            "Kein Einbettungscode: Für diese Fassung der Website ist keine Adresse"
            " (<code>site_url</code>) hinterlegt.",
        ),
        (
            "uk",
            "Коду для вбудовування немає: ця збірка не має опублікованої адреси"
            " (<code>site_url</code>), а вигадувати адресу генератор не стане.",
        ),
        (
            "fr",
            "Code d’intégration indisponible\u202f: cette version du site n’a pas encore d’adresse"
            " publique.",
        ),
    ],
)
def test_the_no_embed_code_notice_shows_the_setting_as_code(tag: str, text: str):
    said = code_spans(Language.of(tag).markup("embed.no_site_url", escape_text, {}))
    assert html.unescape(str(said)) == text


def test_a_span_in_backticks_becomes_code_and_stays_escaped():
    said = code_spans(escape_text("Set `site_url` or `<b>_x_</b>`; a lone ` stays"))
    assert str(said) == (
        "Set <code>site&#95;url</code> or <code>&#60;b&#62;&#95;x&#95;&#60;/b&#62;</code>; a lone"
        " &#96; stays"
    )
