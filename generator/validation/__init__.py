"""Every content rule, in one place, run by `check` and by `build` alike.

`load_and_validate` is the first stage of a build and the whole of `factsheet check`: read
each file (`load.py`), check its fields against the models (`fields.py`), merge the records
(`load.py`), resolve references (`references.py`), compute derived figures and check the rules
across records (`rules.py`) and the charts (`charts.py`). Every problem of every file that
parsed comes in one run: a record that fails only leaves out the rules that need it.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace
from pathlib import Path

from .. import deprecated, load
from ..content import Content
from ..errors import ContentError, Problem
from ..models import ContentFile
from ..yaml_loader import KeptFiles, Loaded
from . import bounds, charts, fields, magnitudes, messages, references, rules


def load_and_validate(
    root: Path, kept: KeptFiles | None = None, *, as_published: bool = False
) -> Content:
    """The sheet in `root/content`, every rule checked; ContentError listing every error.

    The Content returned carries the warnings (unused sources) in `warnings`. `kept`: parsed
    files kept between processes (build and serve; `check` writes nothing). `as_published`:
    a sheet as an earlier version published it (`check --against-rev`), read for its records
    only: fields, references and derived figures must hold, while the rules across records
    and charts, which may be newer than it, are not asked.
    """
    parsed, problems, unsure = load.read_files(root, kept)
    parts: list[tuple[str, Loaded, ContentFile]] = []
    warned: list[Problem] = []
    renamed: list[Problem] = []
    for display, loaded in parsed:
        model, found = fields.validated(loaded, display)
        if model is not None:
            renamed += found  # warnings only: of a deprecated name
        if model is not None and model.sheet is not None:
            # A sheet in a language with no messages, or with overrides that do not fit, is
            # refused like a field error: no page could be written from it.
            found = messages.sheet_problems(model.sheet, loaded, display)
            if any(p.level == "error" for p in found):
                model = None
            else:  # warnings only (an override in the old format): reported, the sheet kept
                warned += found
        if model is None:
            problems += found
            # The ids of a file that failed are not unknown: only their records are wrong.
            unsure |= load.ids_in(loaded.data)
        else:
            parts.append((display, loaded, model))
    content, merge_problems, skipped = load.merge(parts, complete=not problems)
    content = _said_in(content)
    content, rule_problems = validate(content, unsure | skipped, records_only=as_published)
    templates = deprecated.template_warnings(root / "site_src", root)
    everything = [*problems, *warned, *merge_problems, *rule_problems, *renamed, *templates]
    errors = [p for p in everything if p.level == "error"]
    if not errors and not as_published:
        # The other editions only once the source holds: their records are its records.
        from ..editions.load import load_editions

        editions, edition_problems = load_editions(root, content)
        content = replace(content, editions={e.tag: e.content for e in editions})
        everything += edition_problems
        errors = [p for p in everything if p.level == "error"]
    if errors:
        raise ContentError(errors)
    return replace(content, warnings=tuple(p for p in everything if p.level == "warning"))


def validate(
    content: Content, unsure: Set[str] = frozenset(), *, records_only: bool = False
) -> tuple[Content, list[Problem]]:
    """Every rule across records of loaded `content`: the content with its derived figures
    computed, and every problem found, warnings included.

    An id in `unsure` (one that a file with problems may define) is never reported unknown.
    A pure function of the content: it reads no file and writes nothing.
    """
    problems = references.check_references(content, unsure)
    content, derive_problems = rules.derive(content)
    problems += derive_problems
    if records_only:
        return content, problems
    problems += rules.consistency(content)
    problems += charts.chart_problems(content)
    problems += magnitudes.far_smaller(content)
    problems += bounds.bound_on_range(content)
    return content, problems


def _said_in(content: Content) -> Content:
    """Each statement with the language it was said in: the sheet's, unless it says another
    (`quote_language`), so every edition knows which quotations it shows in translation."""
    language = getattr(content.sheet, "language", None)
    if not language:
        return content
    said = {
        item_id: s if s.quote_language else s.model_copy(update={"quote_language": language})
        for item_id, s in content.statements.items()
    }
    return replace(content, statements=said)
