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
