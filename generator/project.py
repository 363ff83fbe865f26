"""Where a fact sheet's parts are: found from its `mkdocs.yml`, as MkDocs would find them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag  # MkDocs' own reader of the !ENV tag, so values match what MkDocs sees

from .errors import UsageError
from .site_url import site_url as checked_site_url

CONFIG_NAME = "mkdocs.yml"
ALLOWED_TAGS = ("!ENV", "!relative")
"""MkDocs' own tags. Every other tag is refused, `!!python/...` above all: MkDocs reads its
config with PyYAML's full loader, where `!!python/object/apply:os.system` runs a command."""
HTML_SPECIAL = '<>"&'
PLAIN_KEYS = ("site_name", "site_description")
"""Text the theme puts into attributes and titles of every page without escaping it."""
MAX_INHERIT = 10
ENGINES = ("mkdocs", "zensical")
"""The site engines a sheet may build with: `engine:` in mkdocs.yml, or `build --engine`."""
ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


class _SafeConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely: core YAML plus MkDocs' own tags, nothing that runs code."""


_SafeConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_SafeConfigLoader.add_constructor("!relative", lambda loader, node: None)  # a path, found later


class _RefusedTag(yaml.constructor.ConstructorError):
    pass


def _refuse_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _RefusedTag(
        None,
        None,
        f"the tag {_short(tag, 40)} is not allowed: {CONFIG_NAME} is read safely, with YAML's "
        f"own tags and MkDocs' {' and '.join(ALLOWED_TAGS)} only (no tag may run Python)",
        node.start_mark,
    )


_SafeConfigLoader.add_multi_constructor("", _refuse_tag)


@dataclass(frozen=True)
class Config:
    """mkdocs.yml as read once per build, with the files it INHERITs merged in: every part of
    the generator that needs mkdocs.yml (the derived config, the engine, cache keys, messages
    that point at a setting) takes it from here, so no two of them can read it differently."""

    settings: dict[str, Any]
    """The merged settings, read safely (see `read_config`)."""
    files: tuple[Path, ...]
    """mkdocs.yml, then each file it INHERITs, in order: all of them are inputs of a build."""
    texts: tuple[bytes, ...] = ()
    """Each of `files` as it was read, in the same order: what cache keys hash."""
    places: Mapping[str, tuple[Path, int, int]] = field(default_factory=dict)
    """Where each setting of the merged settings was written, by dotted key
    ('theme.language'): its file, line and column (the INHERITing file's over its parent's)."""

    @property
    def theme(self) -> dict[str, Any]:
        """`theme:` as a mapping (MkDocs also accepts a bare name: `theme: material`)."""
        theme = self.settings.get("theme")
        return dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}


@dataclass(frozen=True)
class Project:
    root: Path
    config: Path
    docs_dir: Path
    """The generated Markdown (not committed): what the site engine builds."""
    site_dir: Path
    site_url: str
    cache_dir: Path
    engine: str = "mkdocs"
    """The site engine that builds the finished folder (see engine_folder.py)."""
    settings: Config = field(default_factory=lambda: Config({}, ()), compare=False)
    """mkdocs.yml, read once (`Project.load`)."""

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    def display(self, path: Path) -> str:
        """A path as users see it in messages: relative to the fact sheet's root."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    @classmethod
    def load(cls, root: Path, site_url: str | None = None, engine: str | None = None) -> Project:
        root = root.resolve()
        if site_url is not None:  # an option: refused before any file is read
            site_url = checked_site_url(site_url, "--site-url")
        config = root / CONFIG_NAME
        if not config.is_file():
            raise UsageError(
                f"no {CONFIG_NAME} in {root}; run factsheet in a fact sheet's folder "
                "(or create one with `factsheet new DIR`)"
            )
        if not (root / "content").is_dir():
            raise UsageError(f"no content/ folder in {root}")
        settings = read_config(config, root)
        data = settings.settings
        docs = data.get("docs_dir") or "build/docs"
        url = site_url or data.get("site_url") or ""
        if url and site_url is None:
            url = checked_site_url(url, f"{CONFIG_NAME}: site_url")
        docs_dir = (root / docs).resolve()
        site_dir = (root / (data.get("site_dir") or "site")).resolve()
        for key, folder in (("docs_dir", docs_dir), ("site_dir", site_dir)):
            _check_output_folder(root, key, folder)
        if docs_dir == site_dir or docs_dir in site_dir.parents or site_dir in docs_dir.parents:
            raise UsageError(f"{CONFIG_NAME}: docs_dir and site_dir must be separate folders")
        chosen = engine if engine is not None else data.get("engine", "mkdocs")
        if chosen not in ENGINES:
            where = "--engine" if engine is not None else f"{CONFIG_NAME}: engine"
            expected = ", ".join(ENGINES)
            raise UsageError(f"{where}: expected one of {expected}, got {_short(str(chosen))!r}")
        return cls(
            root=root,
            config=config,
            docs_dir=docs_dir,
            site_dir=site_dir,
            site_url=url,
            cache_dir=root / ".cache" / "factsheet",
            engine=str(chosen),
            settings=settings,
        )


def _check_output_folder(root: Path, key: str, folder: Path) -> None:
    """A build replaces docs_dir and site_dir whole: each must be a folder of its own inside
    the sheet, never the sheet itself or a folder holding its sources."""
    sources = [root / "content", root / "site_src", root / ".cache", root / CONFIG_NAME]
    overlaps = any(folder == s or folder in s.parents or s in folder.parents for s in sources)
    if root not in folder.parents or overlaps:
        raise UsageError(
            f"{CONFIG_NAME}: {key} must be a folder inside {root} of its own (such as "
            f"'build/docs' or 'site'), not {folder}: a build replaces it whole"
        )


def read_config(path: Path, root: Path) -> Config:
    """mkdocs.yml (and any file it INHERITs) read safely before MkDocs reads it: refuses tags
    that run code and HTML in the site's name and description, each at file:line:col."""
    files: list[Path] = []
    texts: list[bytes] = []
    places: dict[str, tuple[Path, int, int]] = {}
    settings = _read_config(path, root, files, texts, places)
    return Config(settings, tuple(files), tuple(texts), places)


def _read_config(
    path: Path,
    root: Path,
    files: list[Path],
    texts: list[bytes],
    places: dict[str, tuple[Path, int, int]],
    depth: int = 0,
) -> dict[str, Any]:
    """Read `path` and what it INHERITs into `files`, `texts` and `places`; return the
    merged settings."""
    files.append(path)
    shown = _display(path, root)
    try:
        raw = path.read_bytes()
        texts.append(raw)
        loader = _SafeConfigLoader(raw.decode("utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        what = "" if isinstance(exc, _RefusedTag) else "invalid YAML: "
        raise UsageError(f"{where}: {what}{exc.problem}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"{shown}: cannot read {CONFIG_NAME}: {_short(str(exc))}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{shown}:1:1: {CONFIG_NAME} must be a mapping of settings")
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value in PLAIN_KEYS and any(c in str(data.get(key.value)) for c in HTML_SPECIAL):
            at = f"{shown}:{value.start_mark.line + 1}:{value.start_mark.column + 1}"
            raise UsageError(
                f'{at}: {key.value}: the characters < > " & are not allowed here (the theme '
                "shows this text inside HTML on every page); write 'and' for '&'"
            )
    own = _places(node, path)
    parent = data.pop("INHERIT", None)
    if parent is not None:
        if depth >= MAX_INHERIT:
            raise UsageError(f"{shown}: INHERIT: more than {MAX_INHERIT} files deep (a loop?)")
        data = _merged(
            _read_config(path.parent / str(parent), root, files, texts, places, depth + 1), data
        )
    places.update(own)  # after the parent's: the INHERITing file's settings win
    return data


def _places(
    node: yaml.Node | None, path: Path, prefix: str = ""
) -> dict[str, tuple[Path, int, int]]:
    """Where each key of a mapping node (and of the mappings in it) has its value."""
    found: dict[str, tuple[Path, int, int]] = {}
    if not isinstance(node, yaml.MappingNode):
        return found
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        name = f"{prefix}{key.value}"
        found[name] = (path, value.start_mark.line + 1, value.start_mark.column + 1)
        found |= _places(value, path, name + ".")
    return found


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over `parent` as MkDocs merges an INHERITed file: mappings key by key, at
    every depth; anything else (a list, a value) replaced whole."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        both = isinstance(old, dict) and isinstance(value, dict)
        merged[key] = _merged(old, value) if both else value  # type: ignore[arg-type]
    return merged


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
