"""The strict YAML loader: what PyYAML would accept silently or crash on becomes a problem
with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.yaml_loader import YamlProblems, load_yaml


def problems(tmp_path: Path, data: bytes) -> list[str]:
    path = tmp_path / "a.yml"
    path.write_bytes(data)
    with pytest.raises(YamlProblems) as caught:
        load_yaml(path, "content/a.yml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"a: b\nc: d\x07e\n",
            "content/a.yml:2:5: the control character U+0007 is not allowed in text; delete it",
        ),
        (
            b"a: !!python/object/apply:os.system ['echo hi']\n",
            "content/a.yml:1:4: a: the tag '!!python/object/apply:os.system' "
            "is not supported; remove it",
        ),
        (
            b"a: !!set {x, y}\n",
            "content/a.yml:1:4: a: the tag '!!set' is not supported; remove it",
        ),
        (b"a: .nan\n", "content/a.yml:1:4: a: expected a number, got '.nan'"),
        (
            b"a: 2025-02-30\n",
            "content/a.yml:1:4: a: expected a real date, got '2025-02-30' "
            "(day is out of range for month)",
        ),
        (
            b"x: &x {a: 1}\ny:\n  <<: *x\n",
            "content/a.yml:3:3: y: merge keys (<<) are not supported; write it out",
        ),
        (b"? [a, b]\n: c\n", "content/a.yml:1:3: a key must be plain text"),
        (
            b"a: 1\n---\nb: 2\n",
            "content/a.yml:2:1: invalid YAML: expected a single document in the stream, "
            "but found another document",
        ),
        (
            b"a: " + b"[" * 5_000 + b"]" * 5_000 + b"\n",
            "content/a.yml:1:1003: the values are nested too deeply to read",
        ),
    ],
    ids=[
        "control",
        "python-tag",
        "set-tag",
        "nan",
        "no-such-day",
        "merge",
        "list-key",
        "two-documents",
        "deep",
    ],
)
def test_doubtful_yaml_is_a_problem(tmp_path: Path, data: bytes, expected: str) -> None:
    assert problems(tmp_path, data) == [expected]


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    assert problems(tmp_path, b"a: yes\nb: 1\nb: 2\nc: off\n") == [
        "content/a.yml:1:4: a: 'yes' is read as the boolean true; write true or false, "
        "or quote it ('yes') if you meant text",
        "content/a.yml:3:1: b: duplicate key 'b' (first on line 2); "
        "YAML would keep only the last one",
        "content/a.yml:4:4: c: 'off' is read as the boolean false; write true or false, "
        "or quote it ('off') if you meant text",
    ]


def test_quoted_words_and_true_false_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbfside: 'no'\nheadline: true\nwhen: 2025-01\n")
    loaded = load_yaml(path, "content/a.yml")
    assert loaded.data == {"side": "no", "headline": True, "when": "2025-01"}
    assert loaded.position(("headline",)) == (2, 11)
    assert loaded.key_position(("headline",)) == (2, 1)


def _control(line: int, col: int, code: str, field: str = "a: ") -> str:
    where = f"content/a.yml:{line}:{col}: {field}"
    return f"{where}the control character U+{code} is not allowed in text; delete it"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'a: "x\\0y"\n', _control(1, 4, "0000")),
        (b'a: "label \\x01"\n', _control(1, 4, "0001")),
        (b'a: ["ok", "\\u001b[31m"]\n', _control(1, 11, "001B", "a[1]: ")),
        (b'a: "\\x7f"\n', _control(1, 4, "007F")),
        (b'a: "\\x85"\n', _control(1, 4, "0085")),
        (b'a: "one\\rtwo"\n', _control(1, 4, "000D")),
        (b'"k\\x01": 1\n', _control(1, 1, "0001", "")),
        (
            b'a: "\\ud800"\n',
            "content/a.yml:1:4: a: the character U+D800 is not allowed in text; delete it",
        ),
        (
            b'a: "\\uffff"\n',
            "content/a.yml:1:4: a: the character U+FFFF is not allowed in text; delete it",
        ),
        (b"a: plain \x01 text\n", _control(1, 10, "0001", "")),
        (
            "a: '\ufffe'\n".encode(),
            "content/a.yml:1:5: the character U+FFFE is not allowed in text; delete it",
        ),
        (
            b"a: !!binary AAE=\n",
            "content/a.yml:1:4: a: the tag '!!binary' is not supported; remove it",
        ),
    ],
    ids=[
        "nul-escape",
        "x01-escape",
        "escape-sequence-in-list",
        "del",
        "c1-next-line",
        "carriage-return-escape",
        "in-a-key",
        "lone-surrogate",
        "non-character-escape",
        "raw-control",
        "raw-non-character",
        "binary-bytes",
    ],
)
def test_control_characters_are_refused_however_written(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    assert problems(tmp_path, data) == [expected]


def test_tabs_newlines_and_crlf_line_ends_are_text(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b'a: "x\\ty"\r\nb: |\r\n  one\r\n  two\r\nc: p\tq\r\n')
    assert load_yaml(path, "content/a.yml").data == {"a": "x\ty", "b": "one\ntwo\n", "c": "p\tq"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"figures: [a, b\nsources: []\n",
            "content/a.yml:2:8: invalid YAML: expected ',' or ']', but got ':'; the list opened "
            "with '[' on line 1, column 10 is not closed (a missing ']' or ',')",
        ),
        (
            b"a:\n  b: {x: 1, y: 2\n\nc: 3\n",
            "content/a.yml:4:2: invalid YAML: expected ',' or '}', but got ':'; the mapping "
            "opened with '{' on line 2, column 6 is not closed (a missing '}' or ',')",
        ),
        (
            b"a: [1,\n  2,\n  3\n",
            "content/a.yml:4:1: invalid YAML: expected ',' or ']', but got '<stream end>'; the "
            "list opened with '[' on line 1, column 4 is not closed (a missing ']' or ',')",
        ),
    ],
    ids=["list", "mapping", "at-the-end"],
)
def test_an_unclosed_bracket_names_where_it_opened(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    assert problems(tmp_path, data) == [expected]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"a: *" + b"x" * 100 + b"\n",
            "content/a.yml:1:4: invalid YAML: found undefined alias "
            "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… (100 characters)",
        ),
        (
            b"a: !" + b"y" * 100 + b"!z 1\n",
            "content/a.yml:1:4: invalid YAML: while parsing a node, found undefined tag handle "
            "'!yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'… (102 characters)",
        ),
        (
            b"a: &" + b"x" * 50 + b" 1\nb: &" + b"x" * 50 + b" 2\n",
            "content/a.yml:2:4: invalid YAML: found duplicate anchor "
            "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… (50 characters) (first on line 1); "
            "rename one",
        ),
    ],
    ids=["alias", "tag-handle", "anchor"],
)
def test_names_the_parser_quotes_are_cut_short(tmp_path: Path, data: bytes, expected: str) -> None:
    assert problems(tmp_path, data) == [expected]
