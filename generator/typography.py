"""Typography from the locale: how the items of a list are joined in the sheet's language.

- `and`: CLDR's list pattern, through Babel's `format_list` ('A, B and C'; 'A, B und C';
  'A, B et C'; 'A, B і C'), for names: the pattern of the locale the catalog's
  `typography.lists` names (English: en_GB's, with no serial comma, as the catalog's own
  sentences write lists; CLDR's 'en' has one).
- `series`: items that hold commas of their own (references: 'UN, “Title”, 11 July 2024'),
  joined by the language's semicolon, the catalog's `typography.series` ('; ', and in French
  '\u202f; ', a narrow no-break space before it), the last one too: 'A; B; C', as 'July
  2024 and CNN' would read as one item (the second native review, in all four languages).
- `items`: the same, for entries that each stand alone ('Corrected 2 March 2026; Updated 4
  April 2026').

>>> from generator.language import Language
>>> join(Language.of("fr"), ["A", "B", "C"])
'A, B et C'
>>> join(Language.of("fr"), ["A", "B", "C"], "series")
'A\u202f; B\u202f; C'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

from .language import Language

Kind = Literal["and", "series", "items"]
_TOKEN = "\ue000{}\ue001"
"""Stands for an item while Babel joins the list, so the separators can be read off it."""


@functools.lru_cache(maxsize=256)
def separators(language: Language, length: int, kind: Kind = "and") -> list[str]:
    """What follows each of `length` items of a list, the last one's ''; for a loop over
    items that are markup (a page asks once per item: remembered)."""
    if length <= 1:
        return [""] * length
    if kind in ("items", "series"):
        return [language.text("typography.series")] * (length - 1) + [""]
    from babel.lists import format_list

    tokens = [_TOKEN.format(i) for i in range(length)]
    text = format_list(tokens, locale=language.text("typography.lists") or language.locale)
    found = [text.split(tokens[i], 1)[1].split(tokens[i + 1], 1)[0] for i in range(length - 1)]
    return [*found, ""]


def elide(language: Language, before: str, after: str) -> tuple[str, str]:
    """`before` as it stands before `after`, and how they join: 'space', or 'elided' when its
    last word elides before the vowel `after` opens with, by the catalog's
    `typography.elisions` ('de=d’ que=qu’': 'une hausse de' + 'environ 800 millions' ->
    'une hausse d’', 'elided'); its last word left off where the catalog's
    `typography.contractions` says the value's first word stands for it ('à+jusqu’à': 'EDF
    estimait à' + 'jusqu’à 12 milliards' -> 'EDF estimait', 'space', never 'à jusqu’à'). A
    language with neither keeps every word."""
    from .numbers import initial

    rules = dict(
        pair.split("=", 1) for pair in language.text("typography.elisions").split() if "=" in pair
    )
    head, _, last = before.rpartition(" ")
    if last in rules and initial(after, language.aspirated) == "vowel":
        return f"{head} {rules[last]}" if head else rules[last], "elided"
    contractions = {
        tuple(pair.split("+", 1)) for pair in language.text("typography.contractions").split()
    }
    if head and (last, after.split(None, 1)[0]) in contractions:  # 'jusqu’à\u00a012': 'jusqu’à'
        return head, "space"
    return before, "space"


def join(language: Language, items: Sequence[str], kind: Kind = "and") -> str:
    """`items` joined as the language joins a list of that kind."""
    return "".join(
        f"{item}{sep}"
        for item, sep in zip(items, separators(language, len(items), kind), strict=True)
    )


_LEEWAY = 5
"""How much longer than asked a quotation may be and stay whole (Jinja's `truncate`'s)."""
_PAIRS = (("«", "»"), ("„", "“"), ("‚", "‘"))
"""Quotation marks whose opening and closing marks differ in every language that uses them."""


def excerpt(text: str, length: int) -> str:
    """A quotation shortened to about `length` characters for a link's words, as it stands
    inside the page's own quotation marks: cut at a word with '…', any quotation mark it
    opened and did not close closed ('«Я можу сказати: „Слухайте, якщо цю…“»'), and a final
    full stop dropped, which belongs outside the marks ('«…росіян в Україні»'); '?' and '!'
    are the speaker's and stay.

    >>> excerpt("I can say, “Listen, if this doesn’t happen", 30)
    'I can say, “Listen, if this…”'
    >>> excerpt("It is a war.", 40)
    'It is a war'
    """
    if len(text) > length + _LEEWAY:  # as Jinja's `truncate` cut it before
        text = text[: length - 1].rsplit(" ", 1)[0] + "…"
    elif text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    closers = ""
    for opening, closing in _PAIRS:
        closers = closing * max(0, text.count(opening) - text.count(closing)) + closers
    # English marks: “ opens and ” closes, except after a German „, which “ closes.
    english_open = text.count("“") - text.count("„")
    closers = "”" * max(0, english_open - text.count("”")) + closers
    return text + closers


def in_text(language: Language, text: str, where: str = "mid_sentence") -> str:
    """`text`, a title or a sentence, as it reads inside a sentence: its first letter in
    lower case where the catalog's `typography.<where>` says `lower` (a title in a formula,
    'le coût de construction …'; French after a colon, 'Ce que dit la source : l’OMS juge').

    Kept where a capital stays: an acronym or a name with a capital inside ('EDF',
    'Jean-Martin', but an elided article is lowered: 'l’OMS'), a name of two capitalised
    words ('Emmanuel Macron'; after a word of three letters or fewer, an article: 'la
    Suisse'), and a CLDR territory or language name as the locale writes it ('Spanish
    wine exports', 'France'). Only a dictionary would know every proper noun."""
    if not text[:1].isupper() or language.text(f"typography.{where}") != "lower":
        return text
    first, _, rest = text.partition(" ")
    if len(first) == 1 and not rest:  # a symbol: 'X'
        return text
    article = _ELIDED.match(first)
    if article:  # 'L’OMS': the article is lowered, the name after it kept
        return text[0].lower() + text[1:]
    if first[1:] != first[1:].lower():  # 'EDF', 'Jean-Martin', 'McCain'
        return text
    letters = _LETTERS.match(first)
    if rest[:1].isupper() and letters and len(letters.group(0)) > 3:  # 'Emmanuel Macron'
        return text
    for name in _proper_names(language):
        if text.startswith(name) and not text[len(name) : len(name) + 1].isalpha():
            return text
    return text[0].lower() + text[1:]


_LETTERS = re.compile(r"[^\W\d_]+")
"""A word's letters up to its first other character."""
_ELIDED = re.compile(r"^[^\W\d_][’']")
"""A word opening with an elided article: 'L’OMS', 'D’après'."""


@functools.lru_cache(maxsize=8)
def _proper_names(language: Language) -> tuple[str, ...]:
    """The locale's territory and language names that open with a capital ('Spanish',
    'Spain', 'France'): a title opening with one keeps it inside a sentence."""
    locale = language.locale
    names = (*locale.territories.values(), *locale.languages.values())
    return tuple(sorted({n for n in names if n[:1].isupper()}, key=len, reverse=True))
