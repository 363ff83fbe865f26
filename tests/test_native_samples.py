"""The native-review samples render every catalog message with the generator's own code."""

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
