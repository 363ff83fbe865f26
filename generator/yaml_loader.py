"""Read one YAML file strictly, keeping the line and column of every value.

PyYAML's defaults lose data silently: a duplicate key keeps the last value, `no` becomes
False, an alias bomb expands until memory runs out. This loader turns each of those into a
Problem with the file, line and column, and returns positions so that later validation
errors can point at the right line too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Path_ = tuple[str | int, ...]
"""A value's place in the document: ('figures', 3, 'low')."""

MAX_EXPANDED_NODES = 200_000
"""How many nodes a file may expand to beyond its own size; stops alias bombs early."""

_BOOL_WORDS = {"true", "false"}


@dataclass
class Loaded:
    """One file's data and where each value stands in it (1-based line and column)."""

    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """The closest recorded position at or above `path`."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def load_yaml(path: Path, display: str) -> Loaded:
    """Load `path` (shown to users as `display`); raise YamlProblems on anything doubtful."""
    raw = path.read_bytes()
    text = _decode(raw, display)
    _reject_tabs(text, display)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or str(exc)
        if exc.context and "alias" not in what:
            what = f"{exc.context}, {what}"
        raise YamlProblems([Problem(display, line, col, "", f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all errors
        raise YamlProblems([Problem(display, 1, 1, "", f"invalid YAML: {exc}")]) from None
    if node is None:
        raise YamlProblems(
            [Problem(display, 1, 1, "", "the file is empty; expected a mapping such as `figures:`")]
        )
    if not isinstance(node, yaml.MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise YamlProblems(
            [
                Problem(
                    display, line, col, "",
                    f"expected a mapping (key: value) at the top of the file, got {_kind(node)}",
                )
            ]
        )
    return _Converter(display, _count_nodes(node)).convert(node)


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblems(
            [
                Problem(
                    display, line, col, "",
                    f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                    "save it as UTF-8",
                )
            ]
        ) from None


def _reject_tabs(text: str, display: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    display, number, indent.index("\t") + 1, "",
                    "a tab is used for indentation; YAML needs spaces",
                )
            )
    if problems:
        raise YamlProblems(problems)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value {node.value!r}"


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


class _Converter:
    def __init__(self, display: str, distinct_nodes: int) -> None:
        self.display = display
        self.budget = distinct_nodes + MAX_EXPANDED_NODES
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")

    def convert(self, root: yaml.Node) -> Loaded:
        data = self._node(root, ())
        if self.problems:
            raise YamlProblems(self.problems)
        return Loaded(data, self.positions)

    def _problem(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(
            Problem(
                self.display, node.start_mark.line + 1, node.start_mark.column + 1,
                dotted(path), message,
            )
        )

    def _node(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblems(
                [
                    Problem(
                        self.display, node.start_mark.line + 1, node.start_mark.column + 1,
                        dotted(path),
                        "aliases expand to too many values (an alias bomb?); "
                        "write the values out instead",
                    )
                ]
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self._node(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be plain text")
                continue
            key = key_node.value
            if key == "<<":
                self._problem(key_node, path, "merge keys (<<) are not supported; write it out")
                continue
            if key in first_seen:
                self._problem(
                    key_node, path + (key,),
                    f"duplicate key {key!r} (first on line {first_seen[key]}); "
                    "YAML would keep only the last one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self._node(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        value = self._scalars.construct_object(node, deep=True)
        if isinstance(value, bool) and node.style is None and node.value.lower() not in _BOOL_WORDS:
            self._problem(
                node, path,
                f"{node.value!r} is read as the boolean {str(value).lower()}; "
                f"write true or false, or quote it ('{node.value}') if you meant text",
            )
        return value


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
