"""`factsheet check --against`: nothing a reader saw changes without a log entry saying so.

Compares the content with what was published before: a site's `data/figures.json` (a local
copy or the live site's, fetched only when the editor asks; the `statements.json` and
`events.json` beside it too), or a git revision of the sheet, whose content is read from git
into a temporary folder and made into the same records in memory (editor's notes included,
which no download carries). Every figure, derived figure, statement, event or note whose
published fields changed, with no new entry in `content/changes.yml` naming it, is a warning at
its line; so is a published record no longer in the sheet that no entry lists as `removed`.
A derived figure is also covered by an entry naming one of its inputs. New records need none.

What is published is untrusted input: a file must be a regular file, a fetch has one deadline
for the whole answer and a size cap, and JSON of any depth or number size is an exit 2 or a
finding, never a crash.
"""

from __future__ import annotations

import datetime as dt
import http.client
import io
import json
import os
import stat
import subprocess
import tarfile
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import exports
from .content import Content
from .errors import ContentError, Problem, UsageError, shown
from .models import PartialDate
from .validation.located import problem

TIMEOUT_SECONDS = 20
"""For the whole of one fetch (connection, headers and body), not for each read."""
MAX_BYTES = 20 * 1024 * 1024
"""A published figures.json of a large sheet is a few megabytes; more is not one."""
SIBLINGS = {"statements": "statements.json", "events": "events.json"}
"""The downloads published beside figures.json that --against also compares."""

# Per kind: column of the published record -> (what to call it, the content field to point at).
# A column an older site did not publish is not compared.
_SOURCE = {
    "source_id": ("source", "source"),
    "source": ("source", "source"),
    "source_publisher": ("source's publisher", "source"),
    "source_title": ("source's title", "source"),
}
COMPARED: dict[str, dict[str, tuple[str, str]]] = {
    "figures": {
        "value": ("value", "value"),
        "low": ("range", "low"),
        "high": ("range", "high"),
        "qualifier": ("qualifier", "qualifier"),
        "period_start": ("period", "period"),
        "period_end": ("period", "period"),
        "as_of": ("date", "as_of"),
        "label": ("label", "label"),
        "attribution": ("attribution", "says"),
        "note": ("note", "note"),
        "inputs": ("inputs", "inputs"),
        **_SOURCE,
    },
    "statements": {
        "quote": ("quotation", "quote"),
        "speaker": ("speaker", "speaker"),
        "role": ("role", "role"),
        "date": ("date", "date"),
        "place": ("place", "place"),
        "context": ("context", "context"),
        **_SOURCE,
    },
    "events": {
        "date": ("date", "date"),
        "title": ("title", "title"),
        "summary": ("summary", "summary"),
        **_SOURCE,
    },
    "notes": {
        "title": ("title", "title"),
        "claim": ("claim", "claim"),
        "claim_source": ("claim's source", "claim_source"),
        "source_says": ("what the source says", "source_says"),
        "about": ("what it is about", "about"),
        **_SOURCE,
    },
}
NAMES = {"figures": "figure", "statements": "statement", "events": "event", "notes": "note"}


@dataclass(frozen=True)
class Published:
    """What was published: its `updated` date and each record, by kind and id.

    `logged_before`: the ids of the log entries it already had (known for a git revision), so
    only newer entries count; None when only the date is known, and entries dated on or after
    `updated` count."""

    where: str
    updated: dt.date
    records: dict[str, dict[str, dict[str, Any]]]
    logged_before: frozenset[str] | None = None
    not_compared: tuple[str, ...] = field(default=())
    """Kinds this copy of the site could not show (a sibling download missing)."""

    @property
    def figures(self) -> dict[str, dict[str, Any]]:
        return self.records.get("figures", {})


# --- reading what was published ----------------------------------------------------------------


def read_published(where: str) -> Published:
    """The published records at a figures.json path or http(s) URL, with the statements and
    events published beside it; UsageError (exit 2) when they cannot be read."""
    remote = where.startswith(("http://", "https://"))
    read = _fetch if remote else _read_file
    published = parse_published(where, read(where))
    records, missing = dict(published.records), []
    for kind, name in SIBLINGS.items():
        beside = urllib.parse.urljoin(where, name) if remote else str(Path(where).parent / name)
        try:
            data = read(beside, missing_ok=True)
        except FileNotFoundError:
            missing.append(kind)
            continue
        records[kind] = _parse_records(beside, data, kind)
    return Published(where, published.updated, records, None, tuple(missing) + ("notes",))


EDITION_FILES = {"figures": "figures.json", **SIBLINGS, "sources": "sources.json"}
"""The downloads each edition publishes in its own `data/`, compared with the source's."""


@dataclass(frozen=True)
class Download:
    """One published download: where it is, its records by id and where each starts."""

    where: str
    records: dict[str, dict[str, Any]]
    lines: dict[str, tuple[int, int]]


def read_downloads(
    where: str, tag: str | None, kinds: tuple[str, ...] = tuple(EDITION_FILES)
) -> dict[str, Download]:
    """The downloads of `kinds` published beside `where` (a published figures.json,
    `<site>/data/figures.json`) by the source edition (`tag` None) or by edition `tag`
    (`<site>/<tag>/data/…`), by kind; one not published is left out. Nothing for a git
    revision: a revision of the sheet makes every edition from one content."""
    if where.startswith("revision "):
        return {}
    remote = where.startswith(("http://", "https://"))
    read = _fetch if remote else _read_file
    found = {}
    for kind in kinds:
        name = EDITION_FILES[kind]
        relative = name if tag is None else f"../{tag}/data/{name}"
        if remote:
            beside = urllib.parse.urljoin(where, relative)
        else:
            beside = os.path.normpath(str(Path(where).parent / relative))
        try:
            data = read(beside, missing_ok=True)
        except FileNotFoundError:
            continue
        records = _parse_records(beside, data, kind)
        # repr: a control character in the path cannot break the one-line format.
        found[kind] = Download(repr(beside)[1:-1], records, _record_lines(data))
    return found


def _record_lines(data: bytes) -> dict[str, tuple[int, int]]:
    """The line and column each record starts at, by id, in a download as the build writes
    it (one record a line)."""
    found: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        start = line.lstrip()
        if start.startswith('{"id": '):
            try:
                record_id = json.JSONDecoder().raw_decode(start, 7)[0]
            except ValueError:
                continue
            if isinstance(record_id, str):
                found.setdefault(record_id, (number, len(line) - len(start) + 1))
    return found


def _read_file(where: str, missing_ok: bool = False) -> bytes:
    """A regular file's bytes, at most MAX_BYTES: a FIFO, a device or a folder is refused
    before anything could block on it (opened without blocking, then looked at)."""
    try:
        fd = os.open(where, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if missing_ok:
            raise
        raise UsageError(f"--against {shown(where)}: No such file or directory") from None
    except OSError as exc:
        raise UsageError(f"--against {shown(where)}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"--against {shown(where)}: not a regular file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"--against {shown(where)}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise UsageError(f"--against {shown(where)}: larger than {MAX_BYTES:,} bytes")
    return data


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) URL (urllib would follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"a redirect to {shown(newurl)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(url: str, missing_ok: bool = False) -> bytes:
    """The body at `url`, within TIMEOUT_SECONDS for the whole fetch and at most MAX_BYTES.

    The fetch runs in a thread the deadline abandons: a server that answers a byte a second,
    or sends endless headers, cannot hold the check longer than the deadline."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            opener = urllib.request.build_opener(_HttpOnly)
            with opener.open(url, timeout=TIMEOUT_SECONDS) as response:
                chunks, size = [], 0
                while chunk := response.read1(65536):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        outcome["error"] = f"larger than {MAX_BYTES:,} bytes"
                        return
                    chunks.append(chunk)
                outcome["data"] = b"".join(chunks)
        except urllib.error.HTTPError as exc:
            outcome["status"] = exc.code
            outcome["error"] = f"could not fetch it (HTTP {exc.code})"
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
            outcome["error"] = f"could not fetch it ({shown(exc, 120)})"
        except Exception as exc:  # noqa: BLE001 - anything a hostile server provokes is its fault
            outcome["error"] = f"could not fetch it ({type(exc).__name__})"

    thread = threading.Thread(target=run, name="factsheet-against", daemon=True)
    thread.start()
    thread.join(TIMEOUT_SECONDS)
    if thread.is_alive():
        raise UsageError(
            f"--against {shown(url)}: no complete answer within {TIMEOUT_SECONDS} seconds"
        )
    if "data" in outcome:
        return bytes(outcome["data"])
    if missing_ok and outcome.get("status") == 404:
        raise FileNotFoundError(url)
    raise UsageError(f"--against {shown(url)}: {outcome['error']}")


def _json(where: str, data: bytes) -> Any:
    """JSON as data: any depth and any number size is a result or a UsageError."""
    try:
        return json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError, MemoryError):
        raise UsageError(f"--against {shown(where)}: not JSON the build writes") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity: the build never writes them


def parse_published(where: str, data: bytes) -> Published:
    """A figures.json as the build writes it: {"updated": "YYYY[-MM[-DD]]", "figures": [...]}."""
    document = _json(where, data)
    try:
        updated = _first_day(document["updated"])
    except (ValueError, KeyError, TypeError):
        updated = None
    if updated is None:
        raise UsageError(
            f"--against {shown(where)}: expected a figures.json the build writes "
            '({"updated": …, "figures": [{"id": …}, …]})'
        )
    return Published(where, updated, {"figures": _records(where, document, "figures")})


def _parse_records(where: str, data: bytes, kind: str) -> dict[str, dict[str, Any]]:
    return _records(where, _json(where, data), kind)


def _records(where: str, document: Any, kind: str) -> dict[str, dict[str, Any]]:
    """{id: record} of one published list, e.g. document["figures"]; UsageError if it is not."""
    items = document.get(kind) if isinstance(document, dict) else None
    if not isinstance(items, list) or not all(
        isinstance(r, dict) and isinstance(r.get("id"), str) for r in items
    ):
        raise UsageError(
            f"--against {shown(where)}: expected a {kind[:-1]}s file the build writes "
            f'({{"updated": …, "{kind}": [{{"id": …}}, …]}})'
        )
    return {r["id"]: r for r in items}


def _first_day(value: object) -> dt.date | None:
    """The first day a published `updated` ("2026", "2026-03", "2026-03-02") can mean."""
    if not isinstance(value, str) or len(value) > 10:
        return None
    return PartialDate.model_validate(value).first_day()


# --- a git revision ------------------------------------------------------------------------------


def read_revision(root: Path, rev: str) -> Published:
    """The records the sheet at `root` published at git revision `rev`: its content/ read from
    git into a temporary folder (the working tree is never touched) and made into records by
    this generator. UsageError (exit 2) for an unknown revision or content that does not load."""
    label = f"--against-rev {shown(rev)}"
    if rev.startswith("-"):
        raise UsageError(f"{label}: not a revision")
    commit = _git(
        root, label, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if not _git(root, label, "ls-tree", "--name-only", commit, "--", "content"):
        return _built_site_at(root, label, rev, commit)
    # Run in the sheet's folder, git archive takes paths below it and writes them so.
    tar = _git_bytes(root, label, "archive", "--format=tar", commit, "--", "content")
    from .validation import load_and_validate

    with tempfile.TemporaryDirectory(prefix="factsheet-rev-") as temp:
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(temp, filter="data")
        try:
            content = load_and_validate(Path(temp), as_published=True)
        except ContentError as exc:
            first = exc.problems[0] if exc.problems else "unknown"
            raise UsageError(
                f"{label}: its content does not load with this generator ({first})"
            ) from None
    return Published(
        f"revision {shown(rev)}",
        content.sheet.updated.first_day(),
        content_records(content),
        frozenset(content.changes),
    )


def _built_site_at(root: Path, label: str, rev: str, commit: str) -> Published:
    """A revision holding a built site rather than the sheet (a `gh-pages` branch): its
    `data/figures.json`, and the statements and events beside it, as --against reads them."""
    files = {}
    for name in ("figures.json", *SIBLINGS.values()):
        path = f"{commit}:data/{name}"
        if _git_quiet(root, "cat-file", "-e", path) is None:
            continue
        size = int(_git(root, label, "cat-file", "-s", path))
        if size > MAX_BYTES:
            raise UsageError(f"{label}: data/{name} is larger than {MAX_BYTES:,} bytes")
        files[name] = _git_bytes(root, label, "cat-file", "blob", path)
    if "figures.json" not in files:
        raise UsageError(
            f"{label}: holds neither this sheet's content/ nor a built site's data/figures.json"
        )
    where = f"revision {shown(rev)}"
    published = parse_published(where, files["figures.json"])
    records, missing = dict(published.records), []
    for kind, name in SIBLINGS.items():
        if name in files:
            records[kind] = _parse_records(where, files[name], kind)
        else:
            missing.append(kind)
    return Published(where, published.updated, records, None, (*missing, "notes"))


def _git_quiet(root: Path, *args: str) -> bytes | None:
    """git's output, or None when it fails (a question whose answer is no)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],  # noqa: S607 - git from PATH, as a user runs it
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _git_bytes(root: Path, label: str, *args: str) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],  # noqa: S607 - git from PATH, as a user runs it
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"{label}: could not run git ({exc})") from None
    if result.returncode != 0:
        why = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {shown(why[0], 120)}" if why else ""
        raise UsageError(f"{label}: not a revision of this sheet's git repository{detail}")
    return result.stdout


def _git(root: Path, label: str, *args: str) -> str:
    return _git_bytes(root, label, *args).decode("utf-8").strip()


# --- comparing -----------------------------------------------------------------------------------


def content_records(content: Content) -> dict[str, dict[str, dict[str, Any]]]:
    """The sheet's records as the downloads publish them, by kind; notes as their fields."""
    no_link = lambda _id: ""  # noqa: E731 - permalinks are not compared
    return {
        "figures": {r["id"]: r for r in exports.figure_records(content, no_link)},
        "statements": {r["id"]: r for r in exports.statement_records(content, no_link)},
        "events": {r["id"]: r for r in exports.event_records(content, no_link)},
        "notes": {
            n.id: {
                **n.model_dump(mode="json"),
                "source_publisher": content.sources[n.source].publisher,
            }
            for n in content.notes.values()
        },
    }


def unlogged_changes(content: Content, published: Published) -> list[Problem]:
    """A warning at each published record that changed, or went, with no new entry naming it."""
    new_entries = [
        change
        for change in content.changes.values()
        if (
            change.id not in published.logged_before
            if published.logged_before is not None
            else change.date >= published.updated
        )
    ]
    logged = {i for change in new_entries for i in change.ids}
    removed = {r.id for change in new_entries for r in change.removed}
    current = content_records(content)
    everything_now = {i for records in current.values() for i in records}
    problems = []
    for kind, records in published.records.items():
        if kind not in COMPARED:
            continue
        for record_id, old in records.items():
            if record_id not in everything_now:
                if record_id not in removed:
                    problems.append(_removed_problem(published, kind, record_id))
                continue
            new = current[kind].get(record_id)
            if new is None or record_id in logged or _inputs_logged(content, record_id, logged):
                continue
            found = _changed(kind, old, new)
            if found:
                problems.append(_changed_problem(content, published, kind, record_id, found, new))
    return problems


def _inputs_logged(content: Content, record_id: str, logged: set[str]) -> bool:
    """A derived figure follows its inputs: an entry naming one covers it."""
    derived = content.derived.get(record_id)
    return derived is not None and any(i.id in logged for i in derived.inputs)


def _changed(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The compared columns whose values differ; a column the old record lacks is skipped."""
    return [
        column
        for column in COMPARED[kind]
        if column in old and column in new and _norm(old[column]) != _norm(new[column])
    ]


def _changed_problem(
    content: Content,
    published: Published,
    kind: str,
    record_id: str,
    changed: list[str],
    now: dict[str, Any],
) -> Problem:
    columns = COMPARED[kind]
    what = list(dict.fromkeys(columns[c][0] for c in changed))
    column = changed[0]
    was = published.records[kind][record_id].get(column)
    return problem(
        content,
        record_id,
        f"{record_id}.{columns[column][1]}",
        f"{' and '.join(what)} changed since the published {kind} of "
        f"{_when(published)} ({column} was {_shown_value(was)}, now "
        f"{_shown_value(now.get(column))}) and no entry in changes.yml {_newer(published)} "
        "names it; log the change",
        "warning",
    )


def _removed_problem(published: Published, kind: str, record_id: str) -> Problem:
    return Problem(
        "content/changes.yml",
        1,
        1,
        "changes",
        f"the {NAMES[kind]} {shown(record_id)} of the published {kind} of {_when(published)} is "
        f"no longer in the sheet, and no entry {_newer(published)} lists it under `removed`; "
        "log the removal with what it said",
        "warning",
    )


def _when(published: Published) -> str:
    if published.logged_before is not None:
        return published.where
    return published.updated.isoformat()


def _newer(published: Published) -> str:
    if published.logged_before is not None:
        return f"new since {published.where}"
    return "dated on or after then"


def _norm(value: Any) -> Any:
    """Values as JSON reads them back: 5 and 5.0 are one value (compared exactly, so a number
    of any size is no crash), a list the same as a tuple."""
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    return value


def _shown_value(value: Any) -> str:
    """A value for the message: a number as written, text quoted (and cut short)."""
    if value is None:
        return "not given"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
        return text if len(text) <= 40 else shown(text)
    if isinstance(value, list):
        return shown(", ".join(str(v) for v in value))
    return shown(value)
