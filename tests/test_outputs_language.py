"""What a sheet in another language gets outside its pages: chart drawings (axis titles,
ticks, month names, legends), their alt texts and tables, the data downloads' text fields,
the feed and the social image, all in the sheet's language. On two tiny sheets,
tests/fixtures/de-outputs (German) and tests/fixtures/uk-outputs (Ukrainian); and the series
colours every chart draws with."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from generator.charts import chart_data, render_charts, schemes
from generator.charts import html as chart_html
from generator.content import Content
from generator.errors import ContentError
from generator.exports import event_records, figure_records
from generator.feed import feed_xml
from generator.language import Language
from generator.social import alt_text
from generator.social import spec as social_spec
from generator.validation import load_and_validate
from generator.validation.charts import MAX_SERIES

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _content(name: str) -> Content:
    return load_and_validate(FIXTURES / name)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both sheets' charts, drawn once: {sheet: its charts folder}."""
    out = {}
    for name in ("de-outputs", "uk-outputs"):
        docs = tmp_path_factory.mktemp(name)
        render_charts(_content(name), docs, docs / "cache")
        out[name] = docs / "charts"
    return out


def _texts(svg: str) -> list[str]:
    """Every text a drawing shows, in order; a text of several lines joined by spaces."""
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    return [html.unescape(" ".join(re.findall(r">([^<>]+)<", f">{t}<"))) for t in texts]


def _svg(drawn: dict[str, Path], sheet: str, name: str) -> str:
    return (drawn[sheet] / f"{name}.svg").read_text(encoding="utf-8")


def _bar_colours(svg: str, scheme: schemes.Scheme) -> list[str]:
    """The fill of each bar, in order: every filled rectangle but the legend's 12 px squares
    and the grey tracks the bars lie on."""
    rects = re.findall(r'<path d="M[\d.]+,[\d.]+(h[\d.]+v[\d.]+)h-[\d.]+Z" fill="(#\w+)"', svg)
    return [fill for size, fill in rects if size != "h12v12" and fill != scheme.track]


def test_a_german_chart_reads_in_german_with_a_legend_of_the_sides(drawn):
    texts = _texts(_svg(drawn, "de-outputs", "zwei-bezirke-light-wide"))
    assert texts == [
        "0",
        "250.000",
        "500.000",
        "750.000",
        "1 Million",
        "1,25 Millionen",
        "Personen",
        "Bezirk Nord",
        "Bezirk Süd",
        "Etwa 1,2 Millionen Grippefälle im Bezirk Nord",
        "Etwa 800.000 Grippefälle im Bezirk Süd",
    ]


def test_a_ukrainian_chart_reads_in_ukrainian_with_a_legend_of_the_sides(drawn):
    texts = _texts(_svg(drawn, "uk-outputs", "za-vikom-light-wide"))
    assert texts == [
        "0",
        "500\u00a0000",
        "1 мільйон",
        "1,5 мільйона",
        "2 мільйони",
        "2,5 мільйона",
        "кількість осіб",
        "Діти",
        "Дорослі",
        "Близько 1,2 мільйона випадків кору серед дітей",
        "1,5–2 мільйони випадків кору серед дорослих",
    ]


def test_a_chart_of_one_series_has_no_legend(drawn):
    for variant in ("light-wide", "light-narrow"):
        texts = _texts(_svg(drawn, "de-outputs", f"nur-nord-{variant}"))
        assert "Bezirk Nord" not in texts
        assert texts[-2:] == [
            "Etwa 1,2 Millionen Grippefälle im Bezirk Nord",
            "2.065 Geimpfte im Bezirk Nord",
        ]


def test_three_sides_get_three_colours_in_both_schemes_and_a_legend_entry_each(drawn):
    light = _svg(drawn, "de-outputs", "drei-bezirke-light-narrow")
    dark = _svg(drawn, "de-outputs", "drei-bezirke-dark-narrow")
    assert _bar_colours(light, schemes.LIGHT) == ["#3f51b5", "#c2410c", "#007a5e"]
    assert _bar_colours(dark, schemes.DARK) == ["#9fa8da", "#ffa270", "#35b58b"]
    assert ["Bezirk Nord", "Bezirk Süd", "Bezirk Ost"] == _texts(light)[5:8]
    # a legend entry, a bar and the shape before the bar's label each
    for colour in ("#3f51b5", "#c2410c", "#007a5e"):
        assert light.count(f'fill="{colour}"') == 3


def test_timeline_months_are_named_in_the_sheets_language(drawn):
    de = _texts(_svg(drawn, "de-outputs", "saison-light-wide"))
    assert de[:7] == ["Okt 2024", "Nov", "Dez", "Jan 2025", "Feb", "Mär", "Apr"]
    assert de[7:10] == ["1. Oktober 2024", "Februar 2025", "31. März 2025"]
    uk = _texts(_svg(drawn, "uk-outputs", "sezon-light-narrow"))
    assert uk[:7] == ["жовт. 2024", "лист.", "груд.", "січ. 2025", "лют.", "бер.", "квіт."]
    assert uk[7:10] == ["1 жовтня 2024", "лютий 2025", "31 березня 2025"]


def test_text_alternatives_are_in_the_sheets_language():
    de = _content("de-outputs")
    assert chart_data(de, de.charts["zwei-bezirke"]).text_alternative() == (
        "Grippefälle in zwei Bezirken. Das Balkendiagramm zeigt Zahlen (Einheit: Personen)."
        " Alle Zahlen gelten vom 1. Oktober"
        " 2024 bis zum 31. März 2025. Das Gesundheitsamt zählt etwa 1,2 Millionen Grippefälle im"
        " Bezirk Nord. Das Gesundheitsamt zählt etwa 800.000 Grippefälle im Bezirk Süd."
    )
    assert chart_data(de, de.charts["saison"]).text_alternative() == (
        "Die Grippesaison. Zeitleiste mit drei Ereignissen vom 1. Oktober 2024 bis zum 31. März"
        " 2025. 1. Oktober 2024: Die Saison beginnt. Februar 2025: Höhepunkt der Welle. 31. März"
        " 2025: Die Saison endet."
    )
    uk = _content("uk-outputs")
    assert chart_data(uk, uk.charts["sezon"]).text_alternative() == (
        "Сезон кору. Хронологія: 3 події, з 1 жовтня 2024 року до 31 березня 2025 року."
        " 1 жовтня 2024 року — Сезон починається. Лютий 2025 — Пік захворюваності. 31 березня"
        " 2025 року — Сезон завершується."
    )


def test_the_chart_block_around_the_drawing_is_in_the_sheets_language():
    de = _content("de-outputs")
    data = chart_data(de, de.charts["zwei-bezirke"])
    images = {v.name: chart_html.Image(f"charts/{v.name}.svg", 1, 1) for v in schemes.VARIANTS}
    images["png"] = chart_html.Image("charts/zwei-bezirke.png", 1, 1)
    block = html.unescape(chart_html.figure(data, images, "charts/z.csv", de.sources))
    assert (
        'Quelle: <a href="https://amt.example/grippe-2025">Das Gesundheitsamt,'
        " „Grippebericht 2025“</a>, 15.\u00a0Mai\u00a02025.</p>"  # a date never breaks
    ) in block
    assert "<summary>Datentabelle</summary>" in block
    assert ('<th scope="col">Zahl</th><th scope="col">Wert (Personen)</th></tr>') in block
    assert "<td>etwa 1,2 Millionen</td>" in block  # the qualifier kept (round 4, de E2)
    assert (
        'download aria-label="Daten dieses Diagramms herunterladen (CSV): „Grippefälle in zwei'
        ' Bezirken“">Daten dieses Diagramms herunterladen (CSV)</a>'
    ) in block
    assert "<summary>Einbetten<" in block
    assert "PNG herunterladen<" in block


def test_downloads_text_fields_are_in_the_sheets_language():
    de = _content("de-outputs")
    north = figure_records(de, lambda i: f"https://grippe.example/#{i}")[0]
    assert north["text"] == "etwa 1,2 Millionen"
    assert north["cite_as"] == (
        "Grippe in Beispielstadt, „Grippefälle im Bezirk Nord“, Stand: 30. Juni 2025,"
        " https://grippe.example/#faelle-nord"
    )
    assert north["unit"] == "people" and north["qualifier"] == "about"  # data stays data
    assert [e["date_text"] for e in event_records(de, lambda i: i)] == [
        "1. Oktober 2024",
        "Februar 2025",
        "31. März 2025",
    ]
    uk = _content("uk-outputs")
    adults = figure_records(uk, lambda i: f"https://kir.example/#{i}")[1]
    assert adults["text"] == "1,5–2 мільйони"
    assert adults["cite_as"] == (
        "Кір у Прикладному, «випадків кору серед дорослих», оновлено 30 червня 2025 року,"
        " https://kir.example/#vypadky-dorosli"
    )


def test_a_figure_computed_by_the_site_is_attributed_in_the_sheets_language(tmp_path: Path):
    root = tmp_path / "de"
    shutil.copytree(FIXTURES / "de-outputs", root)
    (root / "content" / "derived.yml").write_text(
        "derived:\n"
        "  - id: nord-je-sued\n"
        "    label: Grippefälle im Norden je Fall im Süden\n"
        "    topic: grippe\n"
        "    op: ratio\n"
        "    inputs: [faelle-nord, faelle-sued]\n"
        "    decimals: 1\n",
        encoding="utf-8",
    )
    records = {r["id"]: r for r in figure_records(load_and_validate(root), lambda i: i)}
    ratio = records["nord-je-sued"]
    assert ratio["attribution"] == "eigene Berechnung"
    assert ratio["text"] == "etwa das 1,5-Fache"
    assert ratio["working"] == "1,2 Millionen ÷ 800.000 = 1,5"


def test_feed_titles_and_summaries_are_in_the_sheets_language():
    atom = "{http://www.w3.org/2005/Atom}"
    de = ET.fromstring(feed_xml(_content("de-outputs"), lambda i: f"changes/#{i}", ""))
    assert de.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert (
        de.findtext(f"{atom}title")
        == "Grippe in Beispielstadt: Korrekturen, Aktualisierungen und Präzisierungen"
    )
    assert de.findtext(f"{atom}entry/{atom}title") == "Korrektur: Grippefälle im Bezirk Nord"
    assert de.findtext(f"{atom}entry/{atom}summary") == (
        "Die Zahl lautete 1,1 Millionen. Grund: Das Amt hat nachgemeldet."
    )
    uk = ET.fromstring(feed_xml(_content("uk-outputs"), lambda i: f"changes/#{i}", ""))
    assert uk.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert uk.findtext(f"{atom}entry/{atom}title") == "Оновлення: випадків кору серед дітей"
    assert uk.findtext(f"{atom}entry/{atom}summary") == (
        "Раніше було 1,1 мільйона. Причина: Центр оновив дані."
    )


def _drawn_texts(spec: dict) -> list[str]:
    """Every line of text the social image draws."""
    lines: list[str] = []
    for mark in spec["marks"]:
        if mark["type"] == "text":
            lines += mark["encode"]["enter"]["text"]["value"]
    return lines


def test_the_social_image_and_its_alt_text_are_in_the_sheets_language():
    de = _content("de-outputs")
    assert _drawn_texts(social_spec(de, "https://grippe.example/")) == [
        "Grippe in Beispielstadt",
        "etwa 1,2 Millionen",
        "Grippefälle im Bezirk Nord",
        "Das Gesundheitsamt zählt",
        "1. Oktober 2024 – 31. März 2025",
        "Grippe in Beispielstadt · Stand: 30. Juni 2025 · grippe.example",
    ]
    assert alt_text(de) == (
        "Grippe in Beispielstadt. Das Gesundheitsamt zählt etwa 1,2\u00a0Millionen Grippefälle im"
        " Bezirk Nord vom 1. Oktober 2024 bis zum 31. März 2025."
    )
    uk = _content("uk-outputs")
    assert _drawn_texts(social_spec(uk, ""))[-1] == "Кір у Прикладному · Оновлено: 30 червня 2025"
    assert alt_text(uk) == (
        "Кір у Прикладному. Центр зареєстрував близько 1,2\u00a0мільйона випадків кору серед дітей"
        " з 1 жовтня 2024 року до 31 березня 2025 року."
    )


def test_the_social_image_font_draws_cyrillic_letters():
    """Two different Cyrillic letters come out as two different drawings: a font without
    Cyrillic would draw both as the same empty box."""
    import vl_convert

    from generator.social import _text

    def png(letter: str) -> bytes:
        spec = {
            "width": 60,
            "height": 60,
            "background": "#ffffff",
            "marks": [_text(5, 5, [letter], 40)],
        }
        return vl_convert.vega_to_png(spec, scale=1, allowed_base_urls=[])

    assert png("Ж") != png("Ш")
    assert png("Ж") != png("\ue000")  # a private-use code point: no font draws it


def _luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", [schemes.LIGHT, schemes.DARK], ids=lambda s: s.name)
def test_every_series_colour_stands_out_from_the_page_and_the_track(scheme):
    """WCAG 1.4.11: graphical objects need 3:1 against what is next to them."""
    assert len(scheme.series) == MAX_SERIES == len(set(scheme.series))
    for colour in scheme.series:
        assert _contrast(colour, schemes.BACKGROUNDS[scheme.name]) >= 3, colour
        assert _contrast(colour, scheme.track) >= 3, colour


def test_white_and_slate_are_the_pages_backgrounds():
    assert schemes.BACKGROUNDS == {"light": "#ffffff", "dark": "#1e2129"}
    assert round(_contrast("#c2410c", "#ffffff"), 2) == 5.18  # the check itself, by hand


def test_a_chart_of_more_sides_than_colours_is_refused_at_the_chart(tmp_path: Path):
    root = tmp_path / "de"
    shutil.copytree(FIXTURES / "de-outputs", root)
    sides = [f"s{i}" for i in range(MAX_SERIES + 1)]
    sheet = root / "content" / "sheet.yml"
    named = "".join(f"    {side}: Bezirk {side}\n" for side in sides)
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("  sides:\n", "  sides:\n" + named), encoding="utf-8")
    figures = "".join(
        f"  - id: f-{side}\n    label: Fälle\n    says: Das Amt zählt\n    topic: grippe\n"
        f"    measure: faelle\n    side: {side}\n    value: 10\n    unit: people\n"
        "    as_of: 2025-01-01\n    source: amt-2025\n"
        for side in sides
    )
    path = root / "content" / "figures.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + figures, encoding="utf-8")
    charts = root / "content" / "charts.yml"
    listed = ", ".join(f"f-{side}" for side in sides)
    charts.write_text(
        charts.read_text(encoding="utf-8")
        + f"\n  - id: zu-viele\n    title: Zu viele\n    kind: bar\n    figures: [{listed}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_and_validate(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/charts.yml:22:5: zu-viele.figures: shows 9 sides (s0, s1, s2, s3, s4, s5, s6,"
        " s7, s8), and a chart has colours for 8; split it into charts of 8 sides at most"
    ]


def test_a_chart_drawn_in_another_language_or_with_other_words_is_drawn_again():
    """The cache key holds the language and its messages: a sheet that switches language, or
    overrides a chart's words, never gets the drawings cached for the old ones."""
    from generator.charts import svg
    from generator.language import Language

    de = _content("de-outputs")
    data = chart_data(de, de.charts["zwei-bezirke"])
    english = dataclasses.replace(data, language=Language.of("en"))
    reworded = dataclasses.replace(
        data, language=Language.of("de", {"charts.axis_log": "{unit} (log.)"})
    )
    keys = {svg.cache_key(d) for d in (data, english, reworded)}
    assert len(keys) == 3


def test_charts_in_other_languages_fetch_nothing(drawn):
    """Cyrillic and umlauts are drawn with the fonts the reader has: no font is fetched."""
    from generator.charts.svg import check_offline

    for folder in drawn.values():
        for path in sorted(folder.glob("*.svg")):
            text = path.read_text(encoding="utf-8")
            check_offline(text)
            assert 'font-family="Liberation Sans, Arial, Helvetica, sans-serif"' in text


def test_a_recoloured_dark_legend_is_the_dark_legend_drawn(drawn):
    """The dark drawings are recoloured from the light ones: with a legend of three series
    too, the file shipped is what vl-convert draws from the dark spec."""
    from generator.charts import specs, svg

    de = _content("de-outputs")
    data = chart_data(de, de.charts["drei-bezirke"])
    for width in (schemes.WIDE, schemes.NARROW):
        variant = schemes.Variant(schemes.DARK, width)
        expected = svg.finish(
            svg.draw(specs.spec(data, variant)), data.chart.title, data.text_alternative()
        )
        assert _svg(drawn, "de-outputs", f"drei-bezirke-{variant.name}") == expected


def test_a_legend_of_measures_needs_their_names(tmp_path: Path):
    """A range-bar chart colours its bars by measure; a legend never shows an id."""
    root = tmp_path / "de"
    shutil.copytree(FIXTURES / "de-outputs", root)
    charts = root / "content" / "charts.yml"
    charts.write_text(
        charts.read_text(encoding="utf-8")
        + "\n  - id: faelle-und-geimpfte\n    title: Fälle und Geimpfte\n    kind: range-bar\n"
        "    figures: [faelle-nord, geimpft-nord]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_and_validate(root)
    assert [str(p) for p in caught.value.problems] == [
        "content/charts.yml:22:5: faelle-und-geimpfte.figures: colours its bars by measure, and"
        " its legend shows each measure's name: name faelle, geimpft under `measures:` in"
        " content/sheet.yml"
    ]
    sheet = root / "content" / "sheet.yml"
    text = sheet.read_text(encoding="utf-8")
    names = "  measures:\n    faelle: Fälle\n    geimpft: Geimpfte\n"
    sheet.write_text(text.replace("  topics:\n", names + "  topics:\n"), encoding="utf-8")
    content = load_and_validate(root)
    data = chart_data(content, content.charts["faelle-und-geimpfte"])
    assert data.series() == [("faelle", "Fälle"), ("geimpft", "Geimpfte")]


def test_a_data_tables_value_is_the_number_as_its_source_gives_it():
    """German review, round 4, E2: "fast 93 %" was "Untergrenze 93 | Obergrenze 93", a false
    lower bound. One column now, qualifier kept, a range as a range."""
    de = _content("de-outputs")
    data = chart_data(de, de.charts["zwei-bezirke"])
    row = data.rows[0]
    nearly = dataclasses.replace(row, low=93, high=93, qualifier="nearly")
    about_range = dataclasses.replace(row, low=500_000, high=600_000, qualifier="about")
    exact = dataclasses.replace(row, low=1250, high=1250, qualifier="exactly")
    table = dataclasses.replace(data, rows=(nearly, about_range, exact))
    header, rows = table.table()
    assert header == ["Zahl", "Wert (Personen)"]
    assert [cells[1] for cells in rows] == ["fast 93", "etwa 500.000–600.000", "1.250"]


def test_a_sheet_that_rewords_the_old_bounds_keeps_its_two_columns_until_0_3():
    de = _content("de-outputs")
    data = chart_data(de, de.charts["zwei-bezirke"])
    old = dataclasses.replace(data, language=Language.of("de", {"charts.low": "Von ({ $unit })"}))
    header, rows = old.table()
    assert header == ["Zahl", "Von (Personen)", "Obergrenze (Personen)"]
