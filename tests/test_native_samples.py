"""The native-review samples render every catalog message with the generator's own code."""

import pytest

from generator.language import catalog
from tests import native_samples


def test_every_french_message_is_rendered_from_the_real_catalog() -> None:
    text = "\n".join(native_samples.lines("fr"))
    for key in catalog("fr"):
        assert f"\n## {key}\n" in text
    # Rendered by the Writer and the catalog, not written here.
    assert "  - a month: en octobre 2019" in text  # dates.as_of
    assert "  - 3300000000 EUR: environ 3,3 milliards d’euros" in text  # qualifiers.about
    assert "  - 110–120 in a sentence: 110 à 120" in text  # numbers.range


def test_the_german_samples_give_each_message_what_its_page_gives_it() -> None:
    # The third round's sample artefacts (review3-de, review3-uk): each fixed here.
    text = "\n".join(native_samples.lines("de"))
    # A change rests on one source, cited by who and when.
    assert (
        "## changes.source\n    | Quelle: { $source }\n"
        "  - its source: Quelle: WHO, 14. November 2024\n" in text
    )
    # A source's name then its title, not the figure's title twice.
    assert (
        "  - a source: WHO, „Measles cases surge worldwide, infecting 10.3 million people" in text
    )
    # Sources under a chart are counted by a number.
    assert "  - one name: Quelle: WHO (vollständige Angabe beim belegten Eintrag" in text
    # A number of events is whole; a German byline's place is not Kyiv.
    assert "1,5 Ereignissen" not in text and "Kyiv" not in text
    # A computed figure's row and line are given its own label and value.
    assert "  - luecke-zweite-dosis: Differenz der Impfquoten für die erste und die zweite" in text
    # German elides nothing: no made-up sentence for it.
    assert "## typography.elisions\n  - (none: this language elides nothing)\n" in text


@pytest.mark.parametrize("tag", ["en", "de", "fr", "uk"])
def test_every_languages_samples_render_each_message_as_its_page_calls_it(tag: str) -> None:
    # The Ukrainian samples stopped at 'charts.item' once its message chose by the date's
    # precision, which the page passes and the sampler did not: a review round had no uk text.
    text = "\n".join(native_samples.lines(tag))
    for key in catalog(tag):
        assert f"\n## {key}\n" in text
