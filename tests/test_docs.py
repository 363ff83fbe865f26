"""The README documents every command and option, and pre-commit runs `make lint`'s checks.

Like sqlite-utils' tests/test_docs.py: the command-line interface is walked, not listed, so a
new command or option fails here until the README's Commands section says what it does.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import click
import jinja2
import jinja2.defaults
import jinja2.nodes
import pytest
import yaml

from generator import render
from generator.cli import main
from generator.content import Content
from generator.enumerations import enumerations
from generator.generate import render_in_memory
from generator.project import Project
from generator.render import inline_md
from generator.schema import content_schema
from generator.validation import load_and_validate
from tests.readme import with_enumerations
from tests.support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands_section(readme: str) -> str:
    """The text under `## Commands`, up to the next `## ` heading."""
    found = re.search(r"^## Commands\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL)
    assert found, "the README has no `## Commands` section"
    return found.group(1)


def command_parts(section: str) -> dict[str, str]:
    """{'build': the text under "### `factsheet build …`", …}; '' holds the text before them."""
    pieces = re.split(r"^### `factsheet ([a-z-]+)[^`]*`\n", section, flags=re.MULTILINE)
    return {"": pieces[0], **dict(zip(pieces[1::2], pieces[2::2], strict=True))}


def long_flags(command: click.Command) -> list[str]:
    """Every long option of `command` (`--site-url`, and `--no-x` of a `--x/--no-x` pair)."""
    return [
        flag
        for param in command.params
        if isinstance(param, click.Option)
        for flag in (*param.opts, *param.secondary_opts)
        if flag.startswith("--")
    ]


def undocumented(group: click.Group, section: str) -> list[str]:
    """What the README's Commands `section` leaves out: 'factsheet NAME' for a command with no
    heading of its own, 'factsheet NAME --flag' for an option its part never writes in code."""
    parts = command_parts(section)
    missing = [f"factsheet {flag}" for flag in long_flags(group) if not _written(flag, parts[""])]
    for name, command in sorted(group.commands.items()):
        if name not in parts:
            missing.append(f"factsheet {name}")
            continue
        missing += [
            f"factsheet {name} {flag}"
            for flag in long_flags(command)
            if not _written(flag, parts[name])
        ]
    return missing


def _written(flag: str, text: str) -> bool:
    """`flag` is a word of a code span in `text` (`--port PORT`, `factsheet --version`), not
    just the start of a longer flag (`--checked` does not write `--check`)."""
    return re.search(rf"`[^`\n]*(?<![\w-]){re.escape(flag)}(?![\w-])[^`\n]*`", text) is not None


def test_the_readme_documents_every_command_and_option() -> None:
    assert undocumented(main, commands_section(README)) == []


def test_the_readme_documents_only_commands_that_exist() -> None:
    documented = set(command_parts(commands_section(README))) - {""}
    assert documented == set(main.commands)


def test_a_command_or_option_left_out_of_the_readme_is_named() -> None:
    @click.group()
    @click.option("--verbose", is_flag=True)
    def tool(verbose: bool) -> None:
        """A stand-in for `factsheet`."""

    @tool.command()
    @click.option("--fast/--no-fast", default=False)
    @click.option("--check", is_flag=True)
    @click.option("-q", "--quiet", is_flag=True)
    def build(fast: bool, check: bool, quiet: bool) -> None:
        """Build."""

    @tool.command()
    def serve() -> None:
        """Serve."""

    section = (
        "Every command takes `--verbose`.\n\n"
        "### `factsheet build [--fast]`\n\n"
        "- `--fast`, `--checked`: a longer flag documents no shorter one.\n"
        "- --quiet, outside code, documents nothing; `-q` is not the long flag.\n"
    )
    assert undocumented(tool, section) == [
        "factsheet build --no-fast",
        "factsheet build --check",
        "factsheet build --quiet",
        "factsheet serve",
    ]


def _hooks() -> list[dict[str, object]]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks: list[dict[str, object]] = config["repos"][0]["hooks"]
    return hooks


def _lint_commands() -> list[str]:
    """The commands of the Makefile's `lint` target, with $(BIN) written out."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no lint target"
    return [line.strip().replace("$(BIN)/", ".venv/bin/") for line in recipe.group(1).splitlines()]


def test_make_lint_type_checks_the_generator() -> None:
    assert ".venv/bin/mypy generator" in _lint_commands()


def test_pre_commit_runs_every_check_of_make_lint() -> None:
    entries = {hook["entry"] for hook in _hooks()}
    assert [command for command in _lint_commands() if command not in entries] == []


def test_every_pre_commit_hook_runs_a_tool_the_project_installs() -> None:
    """Each hook runs a program from .venv (set up by `make`), one the project itself declares,
    so a hook never depends on what happens to be on the PATH or on a download. Whether it is
    installed yet is not asked: the suite runs without the lint tools (#25)."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    test_extra = pyproject["project"]["optional-dependencies"]["test"]
    declared = {re.match(r"[A-Za-z0-9_.-]+", req).group().lower() for req in test_extra}
    declared |= set(pyproject["project"]["scripts"])
    assert "pre-commit" in declared
    for hook in _hooks():
        assert hook["language"] == "system", hook["id"]
        program = shlex.split(str(hook["entry"]))[0]
        assert program.startswith(".venv/bin/"), hook["id"]
        assert program.removeprefix(".venv/bin/") in declared, hook["id"]


def test_the_readme_says_how_to_install_the_hooks() -> None:
    assert ".venv/bin/pre-commit install" in README


def _inline_markdown_descriptions(node: object) -> set[str]:
    """The descriptions of every field the schema marks as inline Markdown."""
    if isinstance(node, list):
        return set().union(*map(_inline_markdown_descriptions, node))
    if not isinstance(node, dict):
        return set()
    found = {node["description"]} if node.get("x-markdown") == "inline" else set()
    return found.union(*map(_inline_markdown_descriptions, node.values()))


def test_the_schema_tells_editors_which_links_inline_markdown_keeps() -> None:
    """Editors show this text as the field's help; it promised site-relative links, which the
    renderer turns into plain text."""
    descriptions = _inline_markdown_descriptions(content_schema())
    (general,) = [text for text in descriptions if text.startswith("Inline Markdown")]
    assert inline_md("[about](/about/)") == "about"
    assert inline_md("[top](#top)") == "top"
    assert [text for text in descriptions if "relative" in text] == []
    assert "a link must be an absolute http(s) or mailto address" in general
    assert inline_md("[me](mailto:me@example.org)").startswith('<a href="mailto:me@example.org"')


def test_the_readme_names_every_module_of_the_generator() -> None:
    """'How the parts fit' matches the code module for module: a new module needs its line."""
    modules = {
        p.name
        for p in (REPO / "generator").rglob("*.py")
        if p.name not in {"__init__.py", "__main__.py"}
    }
    missing = sorted(m for m in modules if f"`{m}`" not in README)
    assert not missing, f"modules the README does not name: {missing}"


TEMPLATES_DOC = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")


def template_api(starter: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """What a page template can use, found on the real objects: the globals and filters of
    the environment a build renders pages with (Jinja's own aside), `content`'s public
    attributes, and the macros of the generator's blocks, parsed by Jinja."""
    made: list[jinja2.Environment] = []

    def recording(*args: Any, **kwargs: Any) -> jinja2.Environment:
        made.append(plain_environment(*args, **kwargs))
        return made[-1]

    plain_environment = render.environment
    monkeypatch.setattr(render, "environment", recording)
    render_in_memory(Project.load(starter), load_and_validate(starter))
    (env,) = made
    blocks = (render.THEME / "partials" / "blocks.md.j2").read_text(encoding="utf-8")
    fields = {f.name for f in dataclasses.fields(Content)}
    return {
        "global": set(env.globals) - set(jinja2.defaults.DEFAULT_NAMESPACE),
        "filter": set(env.filters) - set(jinja2.defaults.DEFAULT_FILTERS),
        "content": {n for n in (*dir(Content), *fields) if not n.startswith("_")},
        "block": {m.name for m in jinja2.Environment().parse(blocks).find_all(jinja2.nodes.Macro)},
    }


def undocumented_names(api: dict[str, set[str]], doc: str) -> list[str]:
    """'kind name' for each name no heading of `doc` writes in code: a `### \\`name…\\``
    heading documents a global, `| name` a filter, `content.name` a method, `b.name` a block."""
    spans = [
        span
        for line in doc.splitlines()
        if line.startswith("#")
        for span in re.findall(r"`([^`]+)`", line)
    ]
    forms = {"global": "{}", "filter": "| {}", "content": "content.{}", "block": "b.{}"}
    return sorted(
        f"{kind} {name}"
        for kind, names in api.items()
        for name in names
        if not any(
            re.search(rf"(?<![\w.]){re.escape(forms[kind].format(name))}\b", s) for s in spans
        )
    )


def test_the_template_reference_documents_everything_a_template_can_use(
    starter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = template_api(starter, monkeypatch)
    assert {"content", "chart", "anchor", "once"} <= api["global"]
    assert {"md", "shown", "when"} <= api["filter"] and "upper" not in api["filter"]
    assert {"by_topic", "timeline", "sheet"} <= api["content"]
    assert {"figure", "note_box", "source_entry"} <= api["block"]
    assert undocumented_names(api, TEMPLATES_DOC) == []


def test_a_template_name_left_out_of_the_reference_is_named() -> None:
    api = {
        "global": {"chart", "t"},
        "filter": {"md", "shown"},
        "content": {"by_topic", "timeline"},
        "block": {"figure", "event"},
    }
    doc = (
        "### `chart(id, anchor=True)`\n\n"
        "### `| md`\n\nNot in a heading: `| shown`, `t(key)`.\n\n"
        "### `content.timeline()`\n\n### `content.by_topics(x)`\n\n"
        "### `b.figure(q)` and `b.events(e)`\n"
    )
    assert undocumented_names(api, doc) == [
        "block event",
        "content by_topic",
        "filter shown",
        "global t",
    ]


def test_the_readme_links_the_template_reference() -> None:
    assert "(docs/templates.md)" in README


def test_the_readme_lists_every_enumeration_of_the_models() -> None:
    """Regenerate with `python -m tests.readme --update` when a model gains a value."""
    assert with_enumerations(README) == README


def test_the_enumerations_are_read_from_the_models() -> None:
    found = {e.where: e.values for e in enumerations()}
    assert found["derived[].op"] == ("ratio", "share", "per-day", "per-period", "difference")
    kinds = ("range-bar", "bar", "timeline", "line", "column", "stacked-bar")
    assert found["charts[].kind"] == kinds
    assert found["sources[].kind"] == (
        "report", "news", "article", "official", "speech", "social", "broadcast", "dataset",
        "reference",
    )  # fmt: skip
    assert found["changes[].kind"] == ("correction", "update", "clarification")
    assert "up to about" in found["figures[].qualifier"]
    assert "per-day" not in found["figures[].unit, derived[].unit (built-in)"]
    assert "km-per-day" in found["figures[].unit, derived[].unit (built-in)"]


def test_a_value_a_model_gains_is_missing_from_the_readme(monkeypatch: pytest.MonkeyPatch) -> None:
    from typing import Literal

    from generator import models

    monkeypatch.setattr(
        models.Chart.model_fields["kind"], "annotation", Literal["range-bar", "bar", "area"]
    )
    assert "`area`" in with_enumerations(README)
    assert with_enumerations(README) != README
