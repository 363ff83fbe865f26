"""Synthetic content for the benchmark: a fact sheet grown to N times the real one.

Each extra copy of the real content gets its own ids (suffix `-xNNN`), its own topics and its
own pages, so the grown sheet still builds: every id is unique, every reference resolves,
every record is shown on exactly one page and every source is cited. Written only into a
temporary copy of the sheet; nothing here is committed.

What grows: sources, figures, derived figures, statements, events, notes and pages (6 per
copy, as the real sheet has 6). What does not: charts (their cost is the chart renderer's,
measured by the clean build of the real content) and the home page's headlines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REFERENCES = {
    "sources": ("via",),
    "figures": ("source", "via"),
    "derived": ("inputs",),
    "statements": ("source", "via"),
    "events": ("source", "via"),
    "notes": ("about", "claim_source", "source"),
}
"""For each kind of record that is copied, the fields that name other records' ids."""

TEXTS = (
    "label",
    "says",
    "title",
    "quote",
    "context",
    "summary",
    "note",
    "explain",
    "source_says",
    "claim",
    "place",
)
"""Fields of free text, marked with the copy's number so no copy repeats another's words
(a repeated text would flatter any cache keyed by text)."""

PREFIX = "bench-x"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's loader and emitter: at 100x the pure-Python ones took most of a minute of
`make bench` to write the copies and count them."""


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


_DYNAMIC = re.compile(r"content\.|sources\b|chart\(|link\(|url\(")
"""What marks a page template as listing records; the others are copied as they are."""


def suffix(copy: int) -> str:
    return f"-x{copy:03d}"


def _source_files(content_dir: Path) -> list[Path]:
    """The source edition's YAML files: not the other editions' overlays (content/editions/),
    which hold words by id, not records."""
    return sorted(
        p
        for p in content_dir.rglob("*.y*ml")
        if p.suffix in (".yml", ".yaml") and p.relative_to(content_dir).parts[0] != "editions"
    )


def real_records(content_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every record of the real content, by kind, as plain YAML data."""
    records: dict[str, list[dict[str, Any]]] = {kind: [] for kind in REFERENCES}
    for path in _source_files(content_dir):
        data = _load(path.read_text(encoding="utf-8")) or {}
        for kind in REFERENCES:
            records[kind].extend(data.get(kind) or [])
    return records


def copy_records(
    records: dict[str, list[dict[str, Any]]], copy: int
) -> dict[str, list[dict[str, Any]]]:
    """One copy of `records` with every id, reference and topic renamed for copy number `copy`."""
    end = suffix(copy)

    def rename(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, list):
            return [v + end for v in value]
        return value + end

    out: dict[str, list[dict[str, Any]]] = {}
    for kind, fields in REFERENCES.items():
        out[kind] = []
        for record in records[kind]:
            item = dict(record, id=record["id"] + end)
            for name in fields:
                if name in item:
                    item[name] = rename(item[name])
            for name in TEXTS:
                if isinstance(item.get(name), str):
                    item[name] = f"{item[name]} (copy {copy})"
            if "topic" in item:
                item["topic"] += end
            if "headline" in item:
                item["headline"] = False  # the home page stays the real one
            out[kind].append(item)
    return out


PAGE = """{{% import "partials/blocks.md.j2" as b with context %}}
---
title: {title} (synthetic copy {copy})
description: Synthetic content for the benchmark, copy {copy}.
---

# {title} (synthetic copy {copy})

{{% for q in content.by_topic("{topic}") %}}
{{{{ b.figure(q) }}}}
{{% endfor %}}

{{% for s in content.statements_on("{topic}") %}}
{{{{ b.statement(s) }}}}
{{% endfor %}}
"""


def _sheet_file(content_dir: Path) -> Path:
    return next(
        p
        for p in _source_files(content_dir)
        if "sheet" in (_load(p.read_text(encoding="utf-8")) or {})
    )


def sheet_topics(content_dir: Path) -> dict[str, str]:
    """The sheet's topics, id to title."""
    data = _load(_sheet_file(content_dir).read_text(encoding="utf-8"))
    return dict(data["sheet"].get("topics") or {})


def extra_templates(pages: Path, topics: dict[str, str]) -> list[Path | None]:
    """The real pages each copy repeats beyond its topic pages, so that a copy has as many
    pages as the real sheet: text-only pages, or None for a bare page when there is none."""
    real_pages = sorted(pages.rglob("*.md.j2"))
    static_pages = [p for p in real_pages if not _DYNAMIC.search(p.read_text(encoding="utf-8"))]
    extra_pages = max(len(real_pages) - len(topics), 0)
    return [
        static_pages[n % len(static_pages)] if static_pages else None for n in range(extra_pages)
    ]


def grow(root: Path, factor: int) -> dict[str, int]:
    """Add `factor - 1` renamed copies of the real content and pages to the sheet at `root`.

    Copies' events and sources are listed by the real timeline and sources pages, as a bigger
    sheet's would be; their figures and statements get one page per topic per copy, plus a copy
    of the about page, so each copy adds as many pages as the real sheet has.
    """
    content_dir, pages = root / "content", root / "site_src" / "pages"
    records = real_records(content_dir)
    sheet_file = _sheet_file(content_dir)
    sheet_data = _load(sheet_file.read_text(encoding="utf-8"))
    topics: dict[str, str] = dict(sheet_data["sheet"].get("topics") or {})
    extras = extra_templates(pages, topics)
    added_topics: dict[str, str] = {}
    for copy in range(1, factor):
        end = suffix(copy)
        data = copy_records(records, copy)
        (content_dir / f"{PREFIX}{copy:03d}.yml").write_text(_dump(data), encoding="utf-8")
        for topic, title in topics.items():
            added_topics[topic + end] = f"{title} (copy {copy})"
            (pages / f"{PREFIX}{copy:03d}-{topic}.md.j2").write_text(
                PAGE.format(title=title, copy=copy, topic=topic + end), encoding="utf-8"
            )
        for n, template in enumerate(extras):  # text-only pages, like the real about page
            text = template.read_text(encoding="utf-8") if template else "# Page\n"
            (pages / f"{PREFIX}{copy:03d}-page{n}.md.j2").write_text(text, encoding="utf-8")
    sheet_data["sheet"]["topics"] = {**topics, **added_topics}
    sheet_file.write_text(_dump(sheet_data), encoding="utf-8")
    return count(root)


PEER_PAGE = """---
title: {title} (synthetic copy {copy})
---
{{% import "blocks.md" as b with context %}}

# {title} (synthetic copy {copy})

{{% for q in content.by_topic.get("{topic}", []) %}}
{{{{ b.figure(q) }}}}
{{% endfor %}}

{{% for s in content.statements_by_topic.get("{topic}", []) %}}
{{{{ b.statement(s) }}}}
{{% endfor %}}
"""
"""A copy's topic page for the peer (benchmarks/peer/), as PAGE is for factsheet."""


def grow_peer(peer: Path, root: Path, factor: int) -> int:
    """Give the peer at `peer` the pages that `grow(root, factor)` will give the sheet at
    `root`; call it first. For each copy: one page per topic, named `TOPIC.md` as the peer's
    main.py expects, and the peer's version of each extra page (the peer's page of the same
    name, or a bare page). Returns how many pages were added."""
    docs = peer / "docs"
    topics = sheet_topics(root / "content")
    extras = extra_templates(root / "site_src" / "pages", topics)
    added = 0
    for copy in range(1, factor):
        end = suffix(copy)
        for topic, title in topics.items():
            page = PEER_PAGE.format(title=title, copy=copy, topic=topic + end)
            (docs / f"{topic}{end}.md").write_text(page, encoding="utf-8")
            added += 1
        for n, template in enumerate(extras):
            twin = docs / template.name.removesuffix(".j2") if template else None
            text = twin.read_text(encoding="utf-8") if twin and twin.exists() else "# Page\n"
            (docs / f"{PREFIX}{copy:03d}-page{n}.md").write_text(text, encoding="utf-8")
            added += 1
    return added


def count(root: Path) -> dict[str, int]:
    """How much content the sheet at `root` has: records by kind, and page templates."""
    records = real_records(root / "content")
    counts = {kind: len(items) for kind, items in records.items()}
    counts["pages"] = len(list((root / "site_src" / "pages").rglob("*.md.j2")))
    return counts
