"""`factsheet schema`: JSON Schema from the models, so editors check content as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import SCHEMA_PATH
from tests.support import REPO, run

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/content.schema.json"


class _Yaml12(yaml.SafeLoader):
    """Reads YAML as editors' language servers do (YAML 1.2): dates stay text."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def content_files(root: Path = REPO / "tests" / "fixtures" / "rich") -> list[Path]:
    """The content files of the sheet at `root` (the rich fixture's, unless told)."""
    return sorted((root / "content").glob("*.yml"))


def schema_errors(path: Path) -> list[str]:
    """What the committed schema says of the content file at `path`, read as editors read it."""
    text = path.read_text(encoding="utf-8")
    return [e.message for e in validator().iter_errors(yaml.load(text, Loader=_Yaml12))]


def test_the_committed_schema_is_what_the_models_generate(rich: Path) -> None:
    result = run(rich, "schema")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {SCHEMA_PATH.as_posix()}\n"
    written = (rich / SCHEMA_PATH).read_bytes()
    assert written == (REPO / SCHEMA_PATH).read_bytes(), "run `factsheet schema` and commit it"
    assert run(rich, "schema").stdout == f"Up to date: {SCHEMA_PATH.as_posix()}\n"
    assert (rich / SCHEMA_PATH).read_bytes() == written


def test_schema_check_fails_when_out_of_date(rich: Path) -> None:
    assert run(rich, "schema", "--check").exit_code == 1
    run(rich, "schema")
    assert run(rich, "schema", "--check").exit_code == 0
    (rich / SCHEMA_PATH).write_text("{}\n", encoding="utf-8")
    assert run(rich, "schema", "--check").exit_code == 1


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.name)
def test_every_content_file_of_the_rich_fixture_passes_the_schema(path: Path) -> None:
    assert schema_errors(path) == []


def test_the_starter_ships_the_schema(starter: Path) -> None:
    assert (starter / SCHEMA_PATH).read_bytes() == (REPO / SCHEMA_PATH).read_bytes()


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"sorce": "csis"}, "Additional properties are not allowed ('sorce' was unexpected)"),
        ({"value": "1,200,000"}, "'1,200,000' is not valid under any of the given schemas"),
        ({"as_of": "January 2025"}, "'January 2025' is not valid under any of the given schemas"),
        ({"unit": "People"}, "'People' does not match '^([a-z0-9][a-z0-9-]*|[A-Z]{3})$'"),
        ({"timeless": "yes"}, "'yes' is not of type 'boolean'"),
    ],
)
def test_schema_rejects_typos(change: dict[str, str], complaint: str) -> None:
    figure = {
        "id": "ru-deaths",
        "label": "Russian military deaths",
        "says": "CSIS estimates",
        "topic": "casualties",
        "measure": "deaths",
        "value": 300000,
        "unit": "people",
        "as_of": "2025-12",
        "source": "csis",
    }
    assert list(validator().iter_errors({"figures": [figure]})) == []
    errors = [e.message for e in validator().iter_errors({"figures": [{**figure, **change}]})]
    assert errors == [complaint]


@pytest.mark.parametrize(
    "change",
    [{"unit": "USD"}, {"unit": "per-100000-people"}, {"unit": "hours"}, {"timeless": True}],
)
def test_schema_accepts_currencies_rates_durations_and_timeless_facts(
    change: dict[str, object],
) -> None:
    figure = {
        "id": "incubation",
        "label": "incubation period",
        "says": "The WHO gives",
        "topic": "disease",
        "measure": "incubation",
        "value": 5,
        "unit": "days",
        "source": "who",
    }
    assert list(validator().iter_errors({"figures": [{**figure, **change}]})) == []


def test_schema_describes_sheet_units() -> None:
    sheet = {
        "title": "Impfungen",
        "description": "Ein Faktenblatt.",
        "language": "de",
        "updated": "2026-01-01",
        "units": {
            "doses": {
                "counts": True,
                "words": {
                    "de": {
                        "name": "Impfdosen",
                        "amount": {"one": "{n} Dosis", "other": "{n} Dosen"},
                    }
                },
            }
        },
    }
    assert list(validator().iter_errors({"sheet": sheet})) == []
    sheet["units"]["doses"]["words"]["de"]["amount"] = {"eins": "{n} Dosis"}  # type: ignore[index]
    errors = [e.message for e in validator().iter_errors({"sheet": sheet})]
    assert len(errors) == 1 and errors[0].endswith(" is not valid under any of the given schemas")


@pytest.mark.parametrize(
    ("messages", "complaints"),
    [
        ({"blocks.source": "Quelle: {source}"}, []),
        ({"units.km.amount": {"one": "{n} Kilometer", "other": "{n} Kilometer"}}, []),
        ({"blocks.sorce": "Quelle: {source}"}, ["'blocks.sorce' is not one of ["]),
        ({"blocks.source": ""}, ["'' should be non-empty"]),
    ],
)
def test_schema_knows_the_sheets_language_and_the_messages_it_may_override(
    messages: dict[str, object], complaints: list[str]
) -> None:
    sheet = {"title": "T", "description": "D", "updated": "2025-10-12", "language": "de"}
    found = validator().iter_errors({"sheet": {**sheet, "messages": messages}})
    errors = [jsonschema.exceptions.best_match([e]).message for e in found]
    assert [e[: len(c)] for e, c in zip(errors, complaints, strict=True)] == complaints
