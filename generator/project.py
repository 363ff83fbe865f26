"""Where a fact sheet's parts are: found from its `mkdocs.yml`, as MkDocs would find them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import UsageError

CONFIG_NAME = "mkdocs.yml"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain keys; tags such as !ENV are not ours to interpret."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    config: Path
    docs_dir: Path
    """The generated Markdown (not committed): what the site engine builds."""
    site_dir: Path
    site_url: str
    cache_dir: Path

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
    def load(cls, root: Path, site_url: str | None = None) -> Project:
        root = root.resolve()
        config = root / CONFIG_NAME
        if not config.is_file():
            raise UsageError(
                f"no {CONFIG_NAME} in {root}; run factsheet in a fact sheet's folder "
                "(or create one with `factsheet new DIR`)"
            )
        if not (root / "content").is_dir():
            raise UsageError(f"no content/ folder in {root}")
        try:
            data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
        except yaml.YAMLError as exc:
            raise UsageError(f"{CONFIG_NAME}: invalid YAML: {exc}") from None
        docs = data.get("docs_dir") or "build/docs"
        url = site_url or data.get("site_url") or ""
        if url and not url.endswith("/"):
            url += "/"
        docs_dir = (root / docs).resolve()
        site_dir = (root / (data.get("site_dir") or "site")).resolve()
        for key, folder in (("docs_dir", docs_dir), ("site_dir", site_dir)):
            _check_output_folder(root, key, folder)
        if docs_dir == site_dir or docs_dir in site_dir.parents or site_dir in docs_dir.parents:
            raise UsageError(f"{CONFIG_NAME}: docs_dir and site_dir must be separate folders")
        return cls(
            root=root,
            config=config,
            docs_dir=docs_dir,
            site_dir=site_dir,
            site_url=url,
            cache_dir=root / ".cache" / "factsheet",
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
