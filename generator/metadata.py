"""Page metadata for sharing and search: social card fields and schema.org Dataset JSON-LD.

The generator adds them to each page's front matter (`Page.meta`, data written out once),
where any engine can read them; the generator's theme prints them
(`theme/overrides/partials/factsheet-meta.html`). Themes print front matter unescaped, so
every string written here is HTML-escaped once (and the JSON-LD cannot close its script
element).
"""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from .content import Content
from .exports import MEDIA_TYPES
from .page import Page

ALT_LIMIT = 420
"""Twitter's limit on image descriptions; Open Graph has none."""
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def attribute_text(value: object) -> str:
    """Text safe as an HTML attribute or element text; idempotent on already-escaped text."""
    text = html.escape(html.unescape(" ".join(str(value).split())), quote=False)
    return text.replace('"', "&quot;")  # as render.yaml_string does: apostrophes stay as typed


def content_text(value: object) -> str:
    """Text from content, escaped for an attribute as typed: 'Tom &amp; Jerry' shows as
    typed, entity and all (attribute_text would read it as 'Tom & Jerry')."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return text.replace('"', "&quot;")


def script_json(data: Any) -> str:
    """JSON to print inside <script>: '<', '>' and '&' as \\u escapes, so no text can close it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_UNSAFE)


def absolute(site_url: str, path: str) -> str:
    """A site path as an absolute URL; relative when the site's URL is not known."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def dataset(
    content: Content, site_url: str, downloads: dict[str, str], image: str
) -> dict[str, Any]:
    """schema.org Dataset: the fact sheet's data, its date and licence, and its downloads."""
    sheet = content.sheet
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": sheet.title,
        "description": sheet.description,
        "url": site_url or None,
        "dateModified": sheet.updated.iso(),
        "license": sheet.license_url or sheet.license,
        "isAccessibleForFree": True,
        "keywords": list(sheet.topics.values()) or None,
        "image": absolute(site_url, image),
        "distribution": [
            _download(content, key, path, site_url) for key, path in downloads.items()
        ],
    }
    return {k: v for k, v in data.items() if v is not None}


def _download(content: Content, key: str, path: str, site_url: str) -> dict[str, str]:
    """{'figures_csv', 'data/figures.csv'} -> a DataDownload named 'Figures (CSV)', in the
    sheet's language."""
    suffix = PurePosixPath(path).suffix
    name = content.language.text(f"pages.dataset.{key.split('_')[0]}")
    return {
        "@type": "DataDownload",
        "name": content.language.text(
            "pages.dataset.download", name=name, format=suffix[1:].upper()
        ),
        "contentUrl": absolute(site_url, path),
        "encodingFormat": MEDIA_TYPES[suffix],
    }


def add_metadata(
    pages: list[Page],
    content: Content,
    site_url: str,
    image: str,
    image_alt: str,
    downloads: dict[str, str],
) -> list[Page]:
    """Every page with social fields in its front matter; the home page with the Dataset too."""
    sheet = content.sheet
    alt = image_alt if len(image_alt) <= ALT_LIMIT else image_alt[: ALT_LIMIT - 1].rstrip() + "…"
    out: list[Page] = []
    for page in pages:
        meta = dict(page.meta)
        # Escaped here, once for every value the theme prints; a value the template already
        # escaped with `| yaml` reads the same, as attribute_text is idempotent.
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = attribute_text(meta[key])
        home = page.path == "index.md"
        # Front matter is escaped already (attribute_text above); the sheet's own fields are
        # content, escaped here exactly as typed.
        title = content_text(sheet.title) if home else meta.get("title")
        if title:
            meta["social_title"] = title
        meta["social_description"] = meta.get("description") or content_text(sheet.description)
        if site_url:  # link previews need an absolute URL; there is none to give without it
            meta["social_image"] = attribute_text(absolute(site_url, image))
            meta["social_image_alt"] = attribute_text(alt)
        if home:
            meta["dataset_jsonld"] = script_json(dataset(content, site_url, downloads, image))
        out.append(replace(page, meta=meta))
    return out
