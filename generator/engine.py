"""The site engine stage: MkDocs builds the generated Markdown into HTML, in strict mode.

This is the only module that imports MkDocs. The generator hands it a folder of Markdown
and assets; another engine that reads `mkdocs.yml` (Zensical) builds the same folder.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BuildFailed
from .project import Project
from .template_cache import CompiledTemplates

THEME_OVERRIDES = Path(__file__).parent / "theme" / "overrides"
"""Material templates the generator ships (fixes to Material's own, kept generic)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _env(name: str, value: str | None) -> Iterator[None]:
    old = os.environ.get(name)
    if value is not None and old is None:
        os.environ[name] = value
    try:
        yield
    finally:
        if value is not None and old is None:
            del os.environ[name]


class Warm:
    """What MkDocs would redo on every preview rebuild: compiling the theme's templates and
    listing the theme's files. Kept between rebuilds by `factsheet serve`; halves the time."""

    def __init__(self) -> None:
        self.bytecode = CompiledTemplates()
        self.listings: dict[tuple[str, ...], list[str]] = {}

    def attach(self, config: Any) -> None:
        """Make `config.theme.get_env()` reuse what earlier builds computed."""
        theme = config.theme
        plain_get_env = theme.get_env

        def get_env() -> Any:
            env = plain_get_env()
            env.bytecode_cache = self.bytecode
            plain_list = env.list_templates

            def list_templates(*args: Any, **kwargs: Any) -> list[str]:
                # The installed theme never changes during a session; a sheet's own overrides
                # may, so their file names are part of the key.
                key = (*theme.dirs, *_files_under(d for d in theme.dirs if _is_editable(d)))
                if key not in self.listings:
                    self.listings[key] = plain_list(*args, **kwargs)
                return self.listings[key]

            env.list_templates = list_templates
            return env

        theme.get_env = get_env


def _is_editable(folder: str) -> bool:
    return not Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve())


def _files_under(folders: Iterable[str]) -> list[str]:
    return sorted(str(p) for folder in folders for p in Path(folder).rglob("*"))


def _add_generator_overrides(theme: Any) -> None:
    """Put the generator's theme overrides under the sheet's own (custom_dir), so a sheet can
    still replace any of them, and above Material's."""
    theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_OVERRIDES))


def build_site(
    project: Project, docs: Path, site: Path, source_date_epoch: int, warm: Warm | None = None
) -> None:
    """Build `docs` into `site` with MkDocs; BuildFailed lists every warning it raised."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        # SOURCE_DATE_EPOCH makes dates in the output (sitemap, footers) come from the
        # content, not the clock, so two builds of the same sources are identical.
        with _env("SOURCE_DATE_EPOCH", str(source_date_epoch)):
            config = _load_config(
                project.config,
                docs_dir=str(docs),
                site_dir=str(site),
                site_url=project.site_url or None,
                strict=True,
            )
            _add_generator_overrides(config.theme)
            if warm is not None:
                warm.attach(config)
            build(config)
    except (exceptions.MkDocsException, exceptions.Abort, SystemExit) as exc:
        details = "\n".join(f"  {m}" for m in collect.messages)
        raise BuildFailed(f"the site engine (MkDocs) failed: {exc}\n{details}".rstrip()) from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:  # strict mode aborts on warnings, but be sure nothing slips by
        raise BuildFailed(
            "the site engine (MkDocs) warned:\n" + "\n".join(f"  {m}" for m in collect.messages)
        )


def _load_config(path: Path, **options: Any) -> Any:
    """MkDocs' `load_config`, but reading YAML with PyYAML's safe loader instead of its full
    one, so no tag in mkdocs.yml (or a file it INHERITs) can run Python, whatever was checked
    before. MkDocs' own tags (!ENV, !relative) work as before."""
    import yaml
    from mkdocs import exceptions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    log = logging.getLogger("mkdocs.config")
    config = MkDocsConfig(config_file_path=str(path))
    with open(path, "rb") as file:
        config.load_dict(yaml_load(file, get_yaml_loader(yaml.SafeLoader, config=config)))
    config.load_dict({key: value for key, value in options.items() if value is not None})
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning(f"Config value '{name}': {warning}")
    for name, error in errors:
        log.error(f"Config value '{name}': {error}")
    if errors:
        raise exceptions.Abort("Aborted with a configuration error!")
    if config.strict and warnings:
        raise exceptions.Abort(
            f"Aborted with {len(warnings)} configuration warnings in 'strict' mode!"
        )
    return config
