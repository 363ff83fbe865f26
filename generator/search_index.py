"""Material's search index, rewritten as UTF-8 text instead of `\\u` escapes.

Material's search plugin writes `search/search_index.json` with `json.dumps`' defaults, so
every letter outside ASCII takes six bytes (`\\u0456` for `і`): a sheet's index in Cyrillic
was 310 KB, 31.8 KB gzipped, where the same JSON as UTF-8 is 122 KB, 23.6 KB gzipped,
downloaded by every reader who searches. The browser reads both as the same data.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def unescape(site: Path) -> None:
    """Rewrite `site`'s search index, if it has one, with its text as UTF-8, keeping Material's
    compact separators and key order; an index that cannot be written so (a lone surrogate)
    is left as it is."""
    path = site / INDEX
    if not path.is_file():
        return
    raw = path.read_bytes()
    try:
        text = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
        compact = text.encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return
    if compact != raw:
        path.write_bytes(compact)
