"""Read one YAML file strictly, keeping the line and column of every value.

PyYAML's defaults lose data silently: a duplicate key keeps the last value, `no` becomes
False, an alias bomb expands until memory runs out. This loader turns each of those into a
Problem with the file, line and column, and returns positions so that later validation
errors can point at the right line too.

Content is untrusted: only a regular file of sane size is read (never a link, a device or a
pipe), and no text may hold a control character, however it was written.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import marshal
import os
import re
import stat
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import numerals
from .cache import store
from .errors import SHOWN_CHARACTERS, Problem, shown

FieldPath = tuple[str | int, ...]
"""A value's place in the document, key by key and index by index: ('figures', 3, 'low')."""

MAX_EXPANDED_NODES = 200_000
"""How many nodes a file may expand to beyond its own size; stops alias bombs early."""

_BOOL_WORDS = {"true", "false"}
_TOO_DEEP = "the values are nested too deeply to read"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
"""Scalar tags that make text, numbers, dates or nothing; `!!binary` would make bytes that
pydantic reads as text, past the control-character check."""

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A content file larger than this is refused before it is read: a sheet's biggest file is
tens of kilobytes, and a link to a device or a runaway export must not fill the memory."""

_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""Characters no text field may hold: C0 controls but tab and newline (a carriage return too:
the parser already turns CRLF line ends into newlines), DEL, C1 controls, lone surrogates and
the non-characters U+FFFE/U+FFFF. They are invisible on the page, break the chart renderer's
XML and can end a string early in other tools. And the bidirectional embeddings, overrides and
isolates (U+202A-U+202E, U+2066-U+2069): invisible too, they reorder what follows them, so
"\u202e1.2 million" shows as "noillim 2.1"."""
_BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@dataclass
class Loaded:
    """One file's data and where each value stands in it (1-based line and column)."""

    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Where each mapping key is written, for problems about the key itself."""
    validated: Any = field(default=None, compare=False, repr=False)
    """The model validated from `data`, kept with it so an unchanged file is not validated
    again in the same process."""

    def position(self, path: FieldPath) -> tuple[int, int]:
        """The closest recorded position at or above `path`."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    def key_position(self, path: FieldPath) -> tuple[int, int]:
        """Where the key of `path` is written (`sorce:`), else where its value is."""
        return self.keys.get(path) or self.position(path)


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))

    @classmethod
    def one(cls, display: str, line: int, col: int, message: str, field: str = "") -> YamlProblems:
        """A single problem, for the many places that stop at the first."""
        return cls([Problem(display, line, col, field, message)])


def load_yaml(path: Path, display: str, kept: KeptFiles | None = None) -> Loaded:
    """Load `path` (shown to users as `display`); raise YamlProblems on anything doubtful.

    A file whose bytes have not changed since this process last loaded it is not parsed
    again (a rebuild in `factsheet serve` re-reads every file after one edit): the Loaded is
    shared, so read it, don't change it. With `kept`, nor since a process that kept it there.
    """
    raw = read_regular_file(path, display)
    key = (str(path), display)
    recent = _RECENT.get(key)
    if recent is not None and recent[0] == raw:
        _RECENT.move_to_end(key)
        if kept is not None:
            kept.keep(raw, display, recent[1])  # still in use: not pruned
        return recent[1]
    loaded = kept.get(raw, display) if kept is not None else None
    if loaded is None:
        loaded = _parse(raw, display)
        if kept is not None:
            kept.put(raw, display, loaded)
    _RECENT[key] = (raw, loaded)
    while len(_RECENT) > _RECENT_FILES:
        _RECENT.popitem(last=False)
    return loaded


class KeptFiles:
    """Parsed files kept in a folder between processes, each under the hash of its bytes, its
    name as shown and `code` (the hash of the loader's code and PyYAML's version).

    Stored with marshal, which holds only data (dicts, lists, tuples, text, numbers); dates,
    which it cannot hold, are written as ('date', 'YYYY-MM-DD') tuples, a form no YAML value
    takes. An entry that cannot be read, or reads as anything else, is parsed again.
    `prune` removes the entries of files no longer read.
    """

    def __init__(self, folder: Path, code: str) -> None:
        self.folder = folder
        self.code = code
        self.used: set[str] = set()

    def _path(self, raw: bytes, display: str) -> Path:
        sha = hashlib.sha256(f"{self.code}\0{display}\0".encode())
        sha.update(raw)
        name = f"{sha.hexdigest()}.marshal"
        self.used.add(name)
        return self.folder / name

    def get(self, raw: bytes, display: str) -> Loaded | None:
        try:
            stored = marshal.loads(store.read(self._path(raw, display)) or b"")
            data, positions, keys = stored
            if not (isinstance(positions, dict) and isinstance(keys, dict)):
                return None
            return Loaded(_from_kept(data), positions, keys)
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def put(self, raw: bytes, display: str, loaded: Loaded) -> None:
        path = self._path(raw, display)
        try:
            data = marshal.dumps((_to_kept(loaded.data), loaded.positions, loaded.keys))
            store.write(path, data)
        except (ValueError, TypeError):
            pass  # not kept: the next process parses the file again

    def keep(self, raw: bytes, display: str, loaded: Loaded) -> None:
        """Mark the entry of a file parsed earlier in this process as used, writing it if it
        is not there (the code's key changed, or it was removed)."""
        if not self._path(raw, display).is_file():
            self.put(raw, display, loaded)

    def prune(self) -> None:
        """Remove every entry this process did not read or write."""
        store.prune(self.folder, self.used)


def _to_kept(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _to_kept(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_kept(v) for v in value]
    if isinstance(value, datetime.datetime):
        raise TypeError("a time of day is not kept")  # the loader makes none; never guess
    if isinstance(value, datetime.date):
        return ("date", value.isoformat())
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not kept: {type(value).__name__}")


def _from_kept(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _from_kept(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_kept(v) for v in value]
    if isinstance(value, tuple):
        if len(value) != 2 or value[0] != "date":
            raise ValueError("not an entry this loader wrote")
        return datetime.date.fromisoformat(value[1])
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise ValueError("not an entry this loader wrote")


_RECENT: OrderedDict[tuple[str, str], tuple[bytes, Loaded]] = OrderedDict()
_RECENT_FILES = 128
"""How many parsed files are kept: a big sheet's, or the few sheets a test session builds."""


def read_regular_file(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else a problem.

    Opened without following a link (a link may lead anywhere: a system file, a secret, a
    device) and without blocking (a pipe would wait forever); the type is checked on the open
    file, so it cannot be swapped between the check and the read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        if not hasattr(os, "O_NOFOLLOW") and path.is_symlink():  # pragma: no cover - Windows
            raise OSError(errno.ELOOP, "symbolic link")
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _not_regular(display, "a symbolic link") from None
        raise YamlProblems.one(
            display, 1, 1, f"cannot read the file ({exc.strerror or exc})"
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(display, _file_kind(mode))
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise YamlProblems.one(
            display, 1, 1, f"cannot read the file ({exc.strerror or exc})"
        ) from None
    finally:
        os.close(fd)
    if size > limit:
        raise YamlProblems.one(
            display,
            1,
            1,
            f"the file is larger than {limit // (1024 * 1024)} MB; "
            "split it, or check that it is the file you meant",
        )
    return b"".join(chunks)


def _not_regular(display: str, kind: str) -> YamlProblems:
    return YamlProblems.one(
        display,
        1,
        1,
        f"the file is {kind}, not a regular file; content/ reads only files kept in it "
        "(copy the file in instead)",
    )


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "an unusual kind of file"


def bad_character(code: int) -> str:
    """The one message for a character no text may hold, however it was written."""
    if code in _BIDI:
        return (
            f"the bidirectional control U+{code:04X} is not allowed in text (it can reverse how "
            "a number reads); delete it"
        )
    kind = "control character" if code < 0xA0 else "character"
    return f"the {kind} U+{code:04X} is not allowed in text; delete it"


def _parse(raw: bytes, display: str) -> Loaded:
    text = _decode(raw, display)
    _reject_tabs(text, display)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _short_quotes(exc.problem or str(exc))
        context = _short_quotes(exc.context or "")
        opened = _opened_at(exc)
        if opened:
            what = f"{what}; {opened}"
        elif what == "second occurrence" and exc.context_mark is not None:  # an anchor
            first = exc.context_mark.line + 1
            what = f"{context.split(';')[0]} (first on line {first}); rename one"
        elif context and "alias" not in what:
            what = f"{context}, {what}"
        what = f"invalid YAML: {what}" if "nesting depth" not in what else _TOO_DEEP
        raise YamlProblems.one(display, line, col, what) from None
    except yaml.reader.ReaderError as exc:  # a control character, e.g. NUL
        line, col = _line_col(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblems.one(display, line, col, bad_character(code)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all errors
        raise YamlProblems.one(display, 1, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblems.one(display, 1, 1, _TOO_DEEP) from None
    if node is None:
        raise YamlProblems.one(
            display, 1, 1, "the file is empty; expected a mapping such as `figures:`"
        )
    if not isinstance(node, yaml.MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise YamlProblems.one(
            display,
            line,
            col,
            f"expected a mapping (key: value) at the top of the file, got {_kind(node)}",
        )
    try:
        return _Converter(display, _count_nodes(node)).convert(node)
    except RecursionError:
        raise YamlProblems.one(display, 1, 1, _TOO_DEEP) from None


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree, parsed by libyaml when PyYAML has it (ten times faster).

    Both parsers give the same nodes and positions (a plain scalar's style is None from one,
    '' from the other); on an error the pure-Python parser runs again so the message reads the
    same with or without libyaml.
    """
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError as exc:
            if "nesting depth" in str(exc):
                raise  # the pure-Python parser takes seconds to find it too deep: fail fast
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _short_quotes(message: str) -> str:
    """PyYAML's message with each name it quotes (an alias, a tag handle) cut short."""
    too_long = re.compile(f"'([^']{{{SHOWN_CHARACTERS + 1},}})'")
    return too_long.sub(lambda m: shown(m.group(1)), message)


_BRACKETS = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


def _opened_at(exc: yaml.MarkedYAMLError) -> str:
    """Where an unclosed `[` or `{` began: the parser only notices at the next line or so."""
    context = exc.context or ""
    for name, (kind, opening, closing) in _BRACKETS.items():
        if context.endswith(f"parsing a {name}") and exc.context_mark is not None:
            at = exc.context_mark
            return (
                f"the {kind} opened with {opening!r} on line {at.line + 1}, column "
                f"{at.column + 1} is not closed (a missing {closing!r} or ',')"
            )
    return ""


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblems.one(
            display,
            line,
            col,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        ) from None


def _reject_tabs(text: str, display: str) -> None:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    display,
                    number,
                    indent.index("\t") + 1,
                    "",
                    "a tab is used for indentation; YAML needs spaces",
                )
            )
    if problems:
        raise YamlProblems(problems)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _tag(node: yaml.Node) -> str:
    """The tag as written (`!!set`), quoted and cut short."""
    return shown(re.sub(r"^tag:yaml\.org,2002:", "!!", node.tag))


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value {shown(node.value)}"


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
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.keys: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")

    def convert(self, root: yaml.Node) -> Loaded:
        data = self._node(root, ())
        if self.problems:
            raise YamlProblems(self.problems)
        return Loaded(data, self.positions, self.keys)

    def _problem(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        self.problems.append(
            Problem(
                self.display,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                dotted(path),
                message,
            )
        )

    def _node(self, node: yaml.Node, path: FieldPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblems.one(
                self.display,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                "aliases expand to too many values (an alias bomb?); write the values out instead",
                dotted(path),
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self._problem(node, path, f"the tag {_tag(node)} is not supported; remove it")
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, path, f"the tag {_tag(node)} is not supported; remove it")
            return [self._node(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes only these three kinds
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be plain text")
                continue
            key = key_node.value
            if not self._plain_text(key_node, path, key):
                continue
            if key == "<<":
                self._problem(key_node, path, "merge keys (<<) are not supported; write it out")
                continue
            if key in first_seen:
                self._problem(
                    key_node,
                    path + (key,),
                    f"duplicate key {shown(key)} (first on line {first_seen[key]}); "
                    "YAML would keep only the last one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.keys[path + (key,)] = (first_seen[key], key_node.start_mark.column + 1)
            result[key] = self._node(value_node, path + (key,))
        return result

    def _plain_text(self, node: yaml.ScalarNode, path: FieldPath, text: str) -> bool:
        """False (and a problem) if `text` holds a character no text may hold.

        A raw one in the file is stopped by the parser at its exact place; this catches the
        ones written as escapes ("\\0", "\\x01", "\\u0001"), pointing at the value.
        """
        bad = _BAD_CHARACTER.search(text)
        if bad is None:
            return True
        self._problem(node, path, bad_character(ord(bad.group())))
        return False

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        plain = not node.style
        if node.tag in _NUMBER_TAGS or (
            node.tag == _STR_TAG and plain and numerals.looks_like_exponent(node.value)
        ):  # only decimals are numbers: YAML 1.1 also reads 1:30, 0x10 and 012 (numerals.py)
            try:
                return numerals.read(node.value)
            except ValueError as exc:
                self._problem(node, path, str(exc))
                return None
        if node.tag == _STR_TAG:  # most values; the constructor would return the text as is
            return node.value if self._plain_text(node, path, node.value) else None
        if node.tag not in _PLAIN_TAGS:
            self._problem(node, path, f"the tag {_tag(node)} is not supported; remove it")
            return None
        try:
            value = self._scalars.construct_object(node, deep=True)
        except yaml.YAMLError:
            self._problem(node, path, f"the tag {_tag(node)} is not supported; remove it")
            return None
        except ValueError as exc:  # a date that does not exist, such as 2025-02-30
            self._problem(node, path, f"expected a real date, got {shown(node.value)} ({exc})")
            return None
        if isinstance(value, bool) and not node.style and node.value.lower() not in _BOOL_WORDS:
            self._problem(
                node,
                path,
                f"{shown(node.value)} is read as the boolean {str(value).lower()}; "
                f"write true or false, or quote it ('{node.value}') if you meant text",
            )
        return value


def dotted(path: FieldPath) -> str:
    """`figures[3].low`; a key longer than an error may quote is cut short, like any value."""
    out = ""
    for part in path:
        if isinstance(part, str) and len(part) > SHOWN_CHARACTERS:
            part = part[:SHOWN_CHARACTERS] + "…"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
