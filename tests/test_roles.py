"""A figure's texts by role (the phrase after the number, the standalone title, the short name
on a chart row) and money in constant prices (`price_base`), on the starter sheet with a
file of money figures added."""

from __future__ import annotations

import json
from pathlib import Path

from generator.charts.data import chart_data
from generator.language import Language
from generator.validation import load_and_validate
from tests.support import edit, run

MONEY = """\
figures:
  - id: cost-2006
    label: for building the reactor
    name: First announced cost
    short: First estimate, 2006
    says: EDF first announced
    topic: example
    measure: cost
    value: 3300000000
    unit: EUR
    price_base: 2005
    as_of: 2006
    source: un-wpp-2024
  - id: cost-2019
    label: for building the reactor
    says: The auditor estimates
    topic: example
    measure: cost
    value: 12400000000
    unit: EUR
    price_base: 2005
    as_of: 2019-10
    source: un-wpp-2024
charts:
  - id: costs
    title: Costs over time
    kind: bar
    figures: [cost-2006, cost-2019]
"""

PAGE = "# Costs\n\n{{ chart('costs') }}\n"
"""The chart's page; the starter's home page shows every figure."""


def with_money(starter: Path, text: str = MONEY) -> Path:
    (starter / "content" / "money.yml").write_text(text, encoding="utf-8")
    (starter / "site_src" / "pages" / "costs.md.j2").write_text(PAGE, encoding="utf-8")
    return starter


def check_lines(root: Path) -> list[str]:
    result = run(root, "check", "--today", "2024-07-12")
    assert "Traceback" not in result.output
    return result.stdout.splitlines()


def test_money_in_constant_prices_says_the_year_of_its_prices(starter: Path) -> None:
    content = load_and_validate(with_money(starter))
    assert content.writer.shown(content.quantity("cost-2019")) == "€12.4 billion at 2005 prices"


def test_the_price_base_reads_in_the_sheets_language(starter: Path) -> None:
    edit(with_money(starter), "sheet.yml", "language: en", "language: fr")
    content = load_and_validate(starter)
    assert content.writer.shown(content.quantity("cost-2019")) == (
        "12,4 milliards d’euros aux prix de 2005"
    )


def test_a_price_base_on_a_figure_that_is_not_money_is_refused_at_its_line(
    starter: Path,
) -> None:
    edit(starter, "figures.yml", "    unit: people\n", "    unit: people\n    price_base: 2015\n")
    assert check_lines(starter)[0] == (
        "content/figures.yml:12:5: figures[0].price_base: a price base is for money, "
        "and the unit 'people' is not a currency: give the currency's ISO 4217 code as `unit` "
        "(EUR, USD), or remove price_base"
    )


def test_a_price_base_is_a_year(starter: Path) -> None:
    with_money(
        starter,
        MONEY.replace("price_base: 2005\n    as_of: 2006", "price_base: 15\n    as_of: 2006"),
    )
    assert check_lines(starter)[0] == (
        "content/money.yml:11:17: figures[0].price_base: expected the year of the prices, e.g. "
        "2015, got the number 15"
    )


def test_a_chart_never_mixes_prices_of_two_years(starter: Path) -> None:
    with_money(starter, MONEY.replace("price_base: 2005\n    as_of: 2019", "as_of: 2019"))
    assert check_lines(starter)[0] == (
        "content/money.yml:24:5: costs.figures: mixes money in prices of different years: 2005 "
        "prices (cost-2006), current prices (cost-2019); a chart shows money in one year's "
        "prices only"
    )


def test_money_of_two_years_prices_is_never_combined(starter: Path) -> None:
    text = MONEY.replace("price_base: 2005\n    as_of: 2019", "price_base: 2019\n    as_of: 2019")
    text = text.split("charts:")[0] + (
        "derived:\n  - id: overrun\n    label: Overrun\n    topic: example\n    op: ratio\n"
        "    inputs: [cost-2019, cost-2006]\n"
    )
    with_money(starter, text)
    (starter / "site_src" / "pages" / "costs.md.j2").unlink()
    assert check_lines(starter)[0] == (
        "content/money.yml:29:13: overrun.inputs: cannot combine cost-2019 (2019 prices) and "
        "cost-2006 (2005 prices) in a ratio: give both in the same year's prices"
    )


def test_a_short_name_labels_the_chart_row_and_the_label_still_reads_after_the_number(
    starter: Path,
) -> None:
    content = load_and_validate(with_money(starter))
    data = chart_data(content, content.charts["costs"])
    english = Language.of("en")
    first, second = data.rows
    assert first.text(english) == "First estimate, 2006: €3.3 billion at 2005 prices"
    assert second.text(english) == (
        "€12.4 billion at 2005 prices for building the reactor, as of October 2019"
    )
    # The text alternative and the data table read the whole sentence, not the short name;
    # a label ending in a clause ('…, as first announced') would run into the date.
    assert first.sentence(english) == (
        "EDF first announced €3.3 billion at 2005 prices for building the reactor as of 2006"
    )


def test_the_downloads_carry_the_short_name_and_the_price_base(starter: Path) -> None:
    with_money(starter)
    result = run(starter, "build")
    assert result.exit_code == 0, result.output
    records = json.loads((starter / "site" / "data" / "figures.json").read_text("utf-8"))
    cost = next(r for r in records["figures"] if r["id"] == "cost-2006")
    assert (cost["label"], cost["title"], cost["short"], cost["price_base"]) == (
        "for building the reactor",
        "First announced cost",
        "First estimate, 2006",
        2005,
    )
    assert cost["text"] == "€3.3 billion at 2005 prices"
