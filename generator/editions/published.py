"""`check --against`: every edition published the source edition's values.

An edition's records are the source's with their words replaced, so one build publishes the
same numbers in every edition; a site whose editions reached readers apart (one deployed
late, a download edited by hand) may not. --against reads each edition's downloads beside
the source's (`<site>/<tag>/data/`) and compares every field but the words, record by record:
a difference, or a record one of them lacks, is an error naming the edition, the record and
both values.
"""

from __future__ import annotations

from typing import Any

from ..changes import Download, Published, read_downloads
from ..errors import Problem, shown

WORDS: dict[str, frozenset[str]] = {
    "figures": frozenset(
        {
            "label",
            "title",
            "short",
            "attribution",
            "text",
            "note",
            "cite_as",
            "formula",
            "working",
            "source_publisher",
            "source_title",
            "via_title",
            "permalink",
        }
    ),
    "statements": frozenset(
        {
            "speaker",
            "role",
            "place",
            "context",
            "translation",
            "date_text",
            "source_publisher",
            "source_title",
            "via_title",
            "cite_as",
            "permalink",
        }
    ),
    "events": frozenset(
        {"title", "summary", "date_text", "source_publisher", "source_title", "permalink"}
    ),
    "sources": frozenset({"publisher", "short", "in_text", "note", "title", "permalink"}),
}
"""The columns of each download that hold an edition's words (or its own address): every
other column is a value, which each edition publishes as the source edition does. A column
a later version adds is compared until it is named here."""

NAMES = {"figures": "figure", "statements": "statement", "events": "event", "sources": "source"}


def compare(published: Published, tags: list[str]) -> list[Problem]:
    """`mismatches` of each edition in `tags` with the source edition published at
    `published.where`; a warning for an edition that published no downloads there. The
    source's figures, statements and events are those --against read already (a URL is
    fetched once); its sources.json is read here."""
    if published.where.startswith("revision ") or not tags:
        return []
    source = {kind: records for kind, records in published.records.items() if kind in WORDS}
    for kind, download in read_downloads(published.where, None, ("sources",)).items():
        source[kind] = download.records
    folder = _folder(published.where)
    problems = []
    for tag in tags:
        edition = read_downloads(published.where, tag)
        if not edition:
            problems.append(
                Problem(
                    repr(published.where)[1:-1],
                    1,
                    1,
                    "",
                    f"the {tag} edition publishes no downloads beside the source edition's "
                    f"(expected {folder}../{tag}/data/figures.json): its values were not "
                    "compared; build and publish every edition together",
                    "warning",
                )
            )
        problems += mismatches(tag, source, folder, edition)
    return problems


def _folder(where: str) -> str:
    """The published data/ folder of a figures.json path or URL, with its slash."""
    return repr(where)[1:-1].removesuffix("figures.json")


def mismatches(
    tag: str,
    source: dict[str, dict[str, dict[str, Any]]],
    source_folder: str,
    edition: dict[str, Download],
) -> list[Problem]:
    """An error for each value edition `tag` published otherwise than the source edition
    (its records by kind, published in `source_folder`), and for each record only one of
    them published, at the edition's download's line; a download only one of them
    published is not compared."""
    problems = []
    for kind, theirs in edition.items():
        records = source.get(kind)
        if records is None:
            continue
        for record_id, record in records.items():
            other = theirs.records.get(record_id)
            if other is None:
                problems.append(
                    _problem(
                        theirs,
                        record_id,
                        kind,
                        f"the {tag} edition does not publish the {NAMES[kind]} "
                        f"{shown(record_id)} that the source edition does ({source_folder}); "
                        "build and publish every edition together",
                    )
                )
                continue
            for column in _values(kind, record, other):
                problems.append(
                    _problem(
                        theirs,
                        record_id,
                        f"{kind}.{record_id}.{column}",
                        f"the {tag} edition publishes {_value(other, column)} where the source "
                        f"edition ({source_folder}) publishes {_value(record, column)}; an "
                        "edition carries the source's values only: build and publish every "
                        "edition together",
                    )
                )
        for record_id in sorted(theirs.records.keys() - records.keys()):
            problems.append(
                _problem(
                    theirs,
                    record_id,
                    kind,
                    f"the {tag} edition publishes a {NAMES[kind]} {shown(record_id)} that the "
                    f"source edition does not ({source_folder}); build and publish every edition "
                    "together",
                )
            )
    return problems


def _values(kind: str, record: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """The value columns (not words) in which two published records differ."""
    return [
        column
        for column in dict.fromkeys([*record, *other])
        if column not in WORDS[kind]
        and (column not in record or column not in other or record[column] != other[column])
    ]


def _value(record: dict[str, Any], column: str) -> str:
    if column not in record:
        return "no " + column
    value = record[column]
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return shown(value)


def _problem(download: Download, record_id: str, field: str, message: str) -> Problem:
    line, column = download.lines.get(record_id, (1, 1))
    return Problem(download.where, line, column, field, message)
