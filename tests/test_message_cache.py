"""Formatted messages answered from memory within a process (#26): equal calls format once,
and the cache never lets text pose as markup, even text that spells the process's token."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from generator import language
from generator.language import Language

LINK = Markup('<a href="#kyiv">Kyiv</a>')


def _en(**overrides: str) -> Language:
    return Language.of("en", {"test.pair": "{ $a } near { $b }", **overrides})


def _formats(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key of every message Fluent formats from here on."""
    seen: list[str] = []
    plain = language._Bundle.format

    def format_(self, key, params):  # type: ignore[no-untyped-def]
        seen.append(key)
        return plain(self, key, params)

    monkeypatch.setattr(language._Bundle, "format", format_)
    return seen


def test_an_equal_call_is_answered_from_memory(monkeypatch: pytest.MonkeyPatch):
    en = _en()
    seen = _formats(monkeypatch)

    first = en.html("test.pair", a="a town", b=LINK)
    second = en.html("test.pair", a="a town", b=LINK)
    third = en.html("test.pair", a="a city", b=LINK)

    assert first == second == 'a town near <a href="#kyiv">Kyiv</a>'
    assert third == 'a city near <a href="#kyiv">Kyiv</a>'
    assert seen == ["test.pair", "test.pair"]
    assert en.text("test.pair", a="x", b="y") == en.text("test.pair", a="x", b="y") == "x near y"
    assert seen == ["test.pair"] * 3


def test_text_with_the_same_characters_as_markup_is_still_escaped():
    en = _en()

    as_markup = en.html("test.pair", a="here", b=LINK)
    as_text = en.html("test.pair", a="here", b=str(LINK))

    assert as_markup == 'here near <a href="#kyiv">Kyiv</a>'
    assert as_text == "here near &lt;a href=&#34;#kyiv&#34;&gt;Kyiv&lt;/a&gt;"


def test_a_text_that_spells_the_process_token_cannot_pose_as_markup():
    forged = f"\ue000{language._TOKEN}0\ue001"  # the markup parameter's token, as content
    en = _en()

    out = en.html("test.pair", a=forged, b=LINK)
    again = en.html("test.pair", a=forged, b=LINK)

    assert out == again == f'{forged} near <a href="#kyiv">Kyiv</a>'
    assert out.count("<a ") == 1


def test_a_message_that_spells_the_process_token_cannot_pose_as_markup():
    forged = f"\ue000{language._TOKEN}0\ue001"
    en = _en(**{"test.forged": f"{forged} then {{ $b }}"})

    out = en.html("test.forged", b=LINK)

    assert out == f'{forged} then <a href="#kyiv">Kyiv</a>'


def test_a_number_is_remembered_as_written_not_only_by_value():
    en = Language.of("en")

    short = en.amount("units.km.amount", 1_200_000, "1.2 million")
    long = en.amount("units.km.amount", 1_200_000, "1,200,000")

    assert (short, long) == ("1.2 million kilometres", "1,200,000 kilometres")


def test_only_the_latest_answers_are_kept(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(language, "RECENT", 2)
    en = _en()
    seen = _formats(monkeypatch)

    for a in ("x", "y", "x", "z", "y"):  # z pushes out y, the least recently used
        assert en.text("test.pair", a=a, b="b") == f"{a} near b"

    assert seen == ["test.pair"] * 4  # x, y, z, then y again
