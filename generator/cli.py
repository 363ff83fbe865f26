"""The `factsheet` command: the click wiring of each verb over the library, nothing more.

A verb's work is a library function (`build.build`, `check.check`, `serve.serve`, ...); a
failure is an exception (`errors.FactsheetError` and its kinds, each with an `exit_code`),
turned into lines and an exit code in one place, `reports_errors`. Errors the user can fix
print as one line each, with no traceback (`--debug` shows one). Exit codes: 0 success, 1 a
content or build problem (or a failed check), 2 a usage problem, 3 an internal error (a bug
of ours), 130 interrupted.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .errors import CheckFailed, ContentError, FactsheetError, UsageError
from .project import ENGINE_NAMES, ENGINES, Project

INTERNAL_ERROR = 3
"""The exit code of an error that is a bug of ours, not of the user's input."""

ROOT_OPTION = click.option(
    "--root",
    "-r",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The fact sheet's folder (where mkdocs.yml and content/ are).",
)
DEBUG_OPTION = click.option("--debug", is_flag=True, help="Show a traceback on errors.")


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Print FactsheetErrors as plain lines and exit with their code: the one place a verb
    turns into an exit code."""

    @wraps(func)
    def wrapper(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FactsheetError as exc:
            if debug and not isinstance(exc, CheckFailed):
                traceback.print_exc()
            if isinstance(exc, ContentError):
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
                errors = sum(1 for p in exc.problems if p.level == "error")
                click.echo(f"{errors} error(s); nothing was written.", err=True)
            elif isinstance(exc, CheckFailed):
                if str(exc):  # the verdict; `check` printed its report already
                    click.echo(str(exc), err=True)
            else:
                click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as exc:  # a bug of ours: say so plainly, keep the traceback for --debug
            if debug:
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factsheet")
def main() -> None:
    """Build fact-sheet websites from YAML files of figures and statements."""


@main.command()
@ROOT_OPTION
@click.option("--site-url", help="The URL the site is published at (overrides mkdocs.yml).")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help="The site engine (overrides `engine:` in mkdocs.yml; default mkdocs).",
)
@DEBUG_OPTION
@reports_errors
def build(root: Path, site_url: str | None, engine: str | None) -> None:
    """Validate content/, render site_src/ to Markdown, and build site/ with MkDocs or Zensical."""
    from .build import build as run_build

    project = Project.load(root, site_url, engine)
    report = run_build(project)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    done = "Kept (nothing changed since the last build)" if report.kept else "Built"
    click.echo(
        f"{done} {report.pages} pages in{'' if report.kept else 'to'} "
        f"{project.display(project.site_dir)}/"
        f" (generator {report.generate_seconds:.2f} s, {ENGINE_NAMES[project.engine]}"
        f" {report.engine_seconds:.2f} s;"
        f" charts: {report.charts_rendered} rendered, {report.charts_cached} from cache)."
    )


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The sheet's language (a BCP 47 tag with a catalog: en, de, uk, fr): its starter "
    "texts and everything the generator writes.",
)
@DEBUG_OPTION
@reports_errors
def new(directory: Path, language: str) -> None:
    """Create a small fact sheet in DIRECTORY that builds at once and passes `check --strict`."""
    from .scaffold import scaffold

    for path in scaffold(directory, language):
        click.echo(f"  {directory / path}")
    click.echo(f"Created a fact sheet in {directory}/. Next: cd {directory} && factsheet build")


@main.command()
@ROOT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@DEBUG_OPTION
@reports_errors
def serve(root: Path, host: str, port: int) -> None:
    """Live preview: rebuild and reload the page on every save.

    Every save under content/, site_src/ or mkdocs.yml rebuilds the site and reloads the open
    page. A bad edit is shown in the terminal and on the page, while the last good version keeps
    serving; saving the fix recovers. Nothing is written to site/.
    """
    from .serve import serve as run_serve

    run_serve(root, host, port)


@main.command()
@ROOT_OPTION
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge staleness as of this date (YYYY-MM-DD) instead of today.",
)
@click.option(
    "--against",
    metavar="PATH|URL",
    help="Warn of every figure, statement or event changed since this published "
    "data/figures.json (a file, or an http(s) URL fetched once; statements.json and "
    "events.json beside it too) that no entry in content/changes.yml names.",
)
@click.option(
    "--against-rev",
    metavar="REV",
    help="The same against the sheet at a git revision (a release tag, a branch, a "
    "commit), notes included; read from git, with no checkout.",
)
@click.option(
    "--fail-unlogged",
    is_flag=True,
    help="Fail (exit 1) on a change --against finds with no log entry, even without --strict "
    "(for a deploy, which stale figures should not stop).",
)
@DEBUG_OPTION
@reports_errors
def check(
    root: Path,
    strict: bool,
    today: datetime | None,
    against: str | None,
    against_rev: str | None,
    fail_unlogged: bool,
) -> None:
    """Check content/ and the pages it makes, writing nothing.

    Runs every rule `build` runs on content/ (YAML, fields, references, ranges, duplicate
    ids, derived figures, charts), then renders the pages in memory as `build` does (a
    record no page shows, a template naming what content lacks), drawing no chart and running
    no MkDocs. Warns of unused sources and of figures older than sheet.stale_after_days.
    With --against or --against-rev, warns of every published figure, statement, event (and,
    from a revision, note) that changed or went with no new entry in content/changes.yml
    naming it; with --against, each edition's downloads published beside it (`<tag>/data/`)
    must give the source edition's values (an error otherwise). Warnings fail only with
    --strict. Exit 1 when the check fails; 2 when what to compare with cannot be read.
    """
    from .changes import read_published, read_revision
    from .check import check as run_check

    if against and against_rev:
        raise UsageError("give --against or --against-rev, not both")
    project = Project.load(root)
    published = None
    if against:
        published = read_published(against)
    elif against_rev:
        published = read_revision(project.root, against_rev)
    if published and published.not_compared:
        kinds = ", ".join(published.not_compared)
        click.echo(f"note: {kinds} not compared (not published in {published.where})", err=True)
    report = run_check(project, today.date() if today else date.today(), published)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary(strict, fail_unlogged))
    if report.fails(strict, fail_unlogged):
        raise CheckFailed()


@main.group()
def editions() -> None:
    """Work on the sheet's other editions (`sheet.editions`, content/editions/<tag>/)."""


@editions.command("review")
@click.argument("tag")
@click.argument("ids", nargs=-1)
@ROOT_OPTION
@DEBUG_OPTION
@reports_errors
def editions_review(tag: str, ids: tuple[str, ...], root: Path) -> None:
    """Mark translations in edition TAG as reviewed against the source's words as they are now.

    Writes `reviewed: <hash>` into the overlay entry of each id named (`sheet` for the
    sheet's own words), or of every translated record when none is named; `check` reports a
    translation stale once its source's words change. Nothing else in the files changes.
    """
    from .editions.review import review

    project = Project.load(root)
    changed = review(project.root, tag, list(ids))
    for display in changed:
        click.echo(f"Marked reviewed in {display}")
    if not changed:
        click.echo("Already reviewed: nothing changed.")


@main.command()
@ROOT_OPTION
@click.option("--check", "verify", is_flag=True, help="Write nothing; exit 1 if out of date.")
@DEBUG_OPTION
@reports_errors
def schema(root: Path, verify: bool) -> None:
    """Write the JSON Schema editors check content with.

    Writes schemas/content.schema.json, generated from the content models; the content files
    point at it, so editors with a YAML language server check and complete fields as you type.
    """
    from .schema import SCHEMA_PATH, schema_is_current, write_schema

    project = Project.load(root)
    if verify:
        if not schema_is_current(project.root):
            raise CheckFailed(f"{SCHEMA_PATH} is out of date; run `factsheet schema`.")
        click.echo(f"{SCHEMA_PATH} is up to date.")
        return
    path, changed = write_schema(project.root)
    click.echo(f"{'Wrote' if changed else 'Up to date:'} {project.display(path)}")
