"""The one definition of "the code" a cache entry depends on.

The code of a part of the generator is the source of every generator module the part
imports, directly or through others, found by reading their import statements (including
those inside functions: svg.py imports vl-convert in the function that draws), the
versions of the libraries those modules import, and Python's version. `code_key()` is the
code of the whole generator: every file of the package (templates, catalogs and theme too)
and every installed distribution, since MkDocs finds its plugins and themes by entry point.

Every cache is keyed from here: the build's record and MkDocs' converted pages by
`code_key()`, drawings by `part_key("charts")`, so that editing the preview server keeps
every cached chart while editing numbers.py (which writes tick labels) retires them all.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import json
import os
import re
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from . import store

PACKAGE = Path(__file__).resolve().parent.parent
"""The generator package's folder: its code, templates, assets and catalogs."""

_METADATA = (".dist-info", ".egg-info")


@functools.cache
def code_key() -> str:
    """The hash of the code a whole build runs: Python, the installed distributions, every
    file of the generator package; once per process.

    Distributions are read from the names of their metadata folders (name and version), which
    any install, upgrade or removal changes; reading each one's metadata would cost far more.
    """
    sha = hashlib.sha256(f"{sys.version}\0{os.path.realpath(sys.prefix)}\0".encode())
    found: set[str] = set()
    for entry in sys.path:
        try:
            found |= {n for n in os.listdir(entry or ".") if n.endswith(_METADATA)}
        except OSError:
            continue
    sha.update("\0".join(sorted(found)).encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if "__pycache__" not in p.parts):
        if path.is_file():
            sha.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


@functools.cache
def part_key(start: str, memo: Path | None = None) -> str:
    """The hash of the code of the part `start` (a subpackage such as "charts", or a module
    such as "social"), once per process.

    With `memo` (a cache folder), which modules the part imports is remembered there between
    processes (see `remembered`): reading every import statement is most of the cost.
    """
    return digest(PACKAGE, start, memo)


def digest(package: Path, start: str, memo: Path | None = None) -> str:
    """The hash of the code of `start` under `package` (a generator folder), its libraries'
    versions and Python's."""
    found, libraries = remembered(package, start, memo) if memo else modules(package, start)
    sha = hashlib.sha256(f"{sys.version}\0".encode())
    for name in sorted(found):
        sha.update(f"{name}\0".encode())
        sha.update(found[name].read_bytes())
    for library in sorted(libraries):
        sha.update(f"\0{library}=={version(library)}".encode())
    return sha.hexdigest()


def remembered(package: Path, start: str, memo: Path) -> tuple[dict[str, Path], set[str]]:
    """`modules(package, start)`, kept in `memo` under the hash of every Python file of
    `package`.

    What the chart code imports is read from those files alone, so the answer is found
    again whenever any of them changes, and never served for other code. Hashing them all
    is far quicker than parsing the ones the chart code imports.
    """
    sha = hashlib.sha256(f"{start}\0".encode())
    for path in sorted(package.rglob("*.py")):
        sha.update(f"{path.relative_to(package).as_posix()}\0".encode())
        sha.update(path.read_bytes())
        sha.update(b"\0")
    name = f"imports-{start}-{sha.hexdigest()[:40]}.json"
    if (package, name) in _READ:  # another edition's cache, this process: write it there too
        found, libraries = _READ[package, name]
        _keep(memo, name, start, package, found, libraries)
        return found, libraries
    kept = store.read(memo / name)
    try:
        data = json.loads(kept or b"")
        found = {name: package / relative for name, relative in data["modules"].items()}
        if all(
            p.resolve().is_relative_to(package.resolve()) and p.is_file() for p in found.values()
        ):
            return found, {str(library) for library in data["libraries"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # not remembered yet, or unreadable: read the imports again
    found, libraries = modules(package, start)
    _READ[package, name] = found, libraries
    _keep(memo, name, start, package, found, libraries)
    return found, libraries


_READ: dict[tuple[Path, str], tuple[dict[str, Path], set[str]]] = {}
"""What `remembered` read in this process, by package and memo name (which hashes every
file): a build of several editions, each with a cache of its own, reads the imports once."""


def _keep(
    memo: Path, name: str, start: str, package: Path, found: dict[str, Path], libraries: set[str]
) -> None:
    data = {
        "modules": {mod: path.relative_to(package).as_posix() for mod, path in found.items()},
        "libraries": sorted(libraries),
    }
    store.write(memo / name, json.dumps(data).encode())
    store.prune(memo, {name, *(n for n in _names(memo) if not n.startswith(f"imports-{start}-"))})


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def modules(package: Path, start: str) -> tuple[dict[str, Path], set[str]]:
    """({'charts.specs': path, 'numbers': path, …}, {'babel', 'vl_convert', …}) for the part
    `start` ("charts").

    Module names are relative to the generator package ('' is its __init__); libraries are
    the top-level names of what they import from outside the standard library.
    """
    found: dict[str, Path] = {}
    libraries: set[str] = set()
    todo = sorted(
        ".".join(p.relative_to(package).with_suffix("").parts).removesuffix(".__init__")
        for p in (package / start).glob("*.py")
    ) or [start]  # a module rather than a package: "social"
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = _file(package, name)
        if path is None:
            continue  # a name imported from a module, not a module: its module is keyed
        found[name] = path
        # Importing a module runs its packages' __init__ first.
        todo += [".".join(name.split(".")[:i]) for i in range(len(name.split(".")))]
        inside, outside = _imports(path, name, path.name == "__init__.py")
        todo += inside
        libraries |= outside
    return found, libraries


def _file(package: Path, name: str) -> Path | None:
    base = package.joinpath(*name.split(".")) if name else package
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, name: str, is_package: bool) -> tuple[list[str], set[str]]:
    """The generator modules (relative names) and outside libraries that `path` imports."""
    root = __name__.split(".")[0]
    here = name.split(".") if name else []
    if not is_package:
        here = here[:-1]
    inside: list[str] = []
    outside: set[str] = set()

    def absolute(dotted: str) -> None:
        top, _, rest = dotted.partition(".")
        if top == root:
            inside.append(rest)
        elif top not in sys.stdlib_module_names and top != "__future__":
            outside.add(top)

    for node in _import_statements(path.read_bytes(), str(path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                absolute(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            absolute(node.module or "")
            if (node.module or "").split(".")[0] == root:
                inside += [f"{node.module}.{a.name}".partition(".")[2] for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1]
            module = [*base, *(node.module.split(".") if node.module else [])]
            inside.append(".".join(module))
            # `from . import specs` imports a module; `from .data import ChartData` a name.
            inside += [".".join([*module, a.name]) for a in node.names]
    return inside, outside


_IMPORT = re.compile(
    rb"^[ \t]*(?:import[ \t][^\n]*|from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*))",
    re.M,
)
"""An import statement at the start of a line, a parenthesised list of names included."""
_HIDDEN = re.compile(rb"(?:[:;]|\\\n)[ \t]*(?:import|from)[ \t]|\\\n")
"""What the line scan could miss: an import after `:` or `;` on one line, or a backslash
continuation anywhere (the whole file is parsed then)."""


def _import_statements(source: bytes, filename: str) -> list[ast.stmt]:
    """Every import statement of a module: `import` and `from … import` lines, each parsed
    alone, which is about ten times quicker than parsing the module (most of a clean build's
    cost of keying the charts by their code).

    A line that only looks like one (in a docstring) either fails to parse, and then the whole
    module is parsed as before, or names a module too many, which only makes a key change more
    often, never less. Where a line scan could miss an import, the module is parsed whole."""
    if _HIDDEN.search(source):
        return list(_statements(ast.parse(source, filename).body))
    found: list[ast.stmt] = []
    for match in _IMPORT.finditer(source):
        try:
            found += ast.parse(match.group().strip(), filename).body
        except SyntaxError:
            return list(_statements(ast.parse(source, filename).body))
    return found


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, also those inside functions, classes and blocks; an import is one.

    Quicker than `ast.walk`, which visits every expression too.
    """
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _statements(getattr(node, block, []))


DISTRIBUTIONS = {"vl_convert": "vl-convert-python", "yaml": "PyYAML"}
"""Libraries the chart code imports under another name than their distribution's."""


def version(library: str) -> str:
    """The installed version of the library imported as `library` ('yaml' is PyYAML).

    Read from the installed metadata, never by importing the library: a build whose charts
    are all cached must not pay for starting vl-convert to make their key.
    """
    try:
        return metadata.version(DISTRIBUTIONS.get(library, library))
    except metadata.PackageNotFoundError:
        pass
    # The distribution is named otherwise ('vl-convert-python'); asking the module is far
    # quicker than mapping every installed distribution to its packages (a second or more).
    try:
        module = importlib.import_module(library)
    except ImportError:
        return "absent"  # an optional import, not installed: its absence is keyed too
    return str(getattr(module, "__version__", "unknown"))
