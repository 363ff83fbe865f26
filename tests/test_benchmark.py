"""The benchmark's parts: the synthetic content, the peer site it is compared with, and the
pairing of runs. (Speed itself is measured by `make bench`, never by a test.)

The peer's pages are rendered here with plain Jinja through a stand-in for mkdocs-macros'
`env` (the peer's own packages live in .venv-peer, which tests do not need): its main.py,
blocks and pages are the real ones. The peer is written for the war sheet: the tests that
compare it with factsheet on that sheet are in tests/sheet/test_war_sheet_benchmark.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml

from tests.support import REPO


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


synthetic = _load("benchmark_synthetic", REPO / "benchmarks" / "synthetic.py")
bench = _load("benchmark_run", REPO / "benchmarks" / "run.py")
PEER = REPO / "benchmarks" / "peer"


class MacrosEnv:
    """What the peer's main.py uses of mkdocs-macros' `env`, rendering pages as it does:
    each page's Markdown, front matter removed, as a Jinja template with the variables."""

    def __init__(self, project_dir: Path) -> None:
        self.project_dir = str(project_dir)
        config = (project_dir / "mkdocs.yml").read_text(encoding="utf-8")
        self.conf = yaml.load(config, Loader=_MkDocsConfig)
        self.variables: dict[str, Any] = {}
        self.jinja = jinja2.Environment(
            loader=jinja2.FileSystemLoader(project_dir / "includes"), undefined=jinja2.Undefined
        )
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=""))

    def filter(self, function: Any) -> Any:
        self.jinja.filters[function.__name__] = function
        return function

    def macro(self, function: Any) -> Any:
        self.jinja.globals[function.__name__] = function
        return function

    def render(self, page: Path) -> str:
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=page.name))
        text = re.sub(r"\A---\n.*?\n---\n", "", page.read_text(encoding="utf-8"), flags=re.S)
        return self.jinja.from_string(text).render(**self.variables)


class _MkDocsConfig(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` tags name code this test does not need."""


_MkDocsConfig.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def peer_pages(peer: Path) -> dict[str, str]:
    """Every page of the peer at `peer`, rendered by its macros, by file name."""
    env = MacrosEnv(peer)
    _load("peer_main", peer / "main.py").define_env(env)
    return {page.name: env.render(page) for page in sorted((peer / "docs").glob("*.md"))}


_CHART = re.compile(r"```\{\.vegalite #([^}\s]+)\}")


def peer_records(pages: dict[str, str], ids: set[str]) -> dict[str, frozenset[str]]:
    """The records each peer page shows: element ids, and chart ids on their fences."""
    return {
        name: frozenset((set(bench._ID.findall(text)) | set(_CHART.findall(text))) & ids)
        for name, text in pages.items()
    }


def copy_peer(root: Path) -> Path:
    """The peer beside a sheet at `root`, reading its content/ as the benchmark lays it out."""
    peer = root / "benchmarks" / "peer"
    for part in bench.PEER_FILES:
        src = PEER / part
        if src.is_dir():
            shutil.copytree(src, peer / part)
        else:
            peer.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, peer / part)
    return peer


def test_pages_are_matched_by_their_records_and_a_moved_record_is_reported():
    ours = {"": frozenset(), "a": frozenset({"f1", "f2"}), "b": frozenset({"s1"})}
    same = {"index.md": frozenset(), "x.md": frozenset({"s1"}), "y.md": frozenset({"f2", "f1"})}
    moved = {"index.md": frozenset(), "x.md": frozenset({"s1", "f2"}), "y.md": frozenset({"f1"})}

    assert bench.same_pages(ours, same) == []
    assert bench.same_pages(ours, moved) == [
        "factsheet's page a has no peer page with its records",
        "factsheet's page b has no peer page with its records",
        "a peer page shows ['f2', 's1'] as no factsheet page does",
        "a peer page shows ['f1'] as no factsheet page does",
    ]


FIGURES = """\
figures:
  - id: first
    value: 100
    unit: people

  - id: second
    low: 5
    high: 7

  - id: third
    value: 1200000
"""


def test_set_value_edits_only_the_named_figures_value():
    edited = bench.set_value(FIGURES, "third", 1300000)

    assert edited == FIGURES.replace("value: 1200000", "value: 1300000")
    assert bench.set_value(FIGURES, "first", 7).splitlines()[2] == "    value: 7"
    with pytest.raises(ValueError, match="second"):
        bench.set_value(FIGURES, "second", 6)


def test_edits_raise_a_charted_and_an_uncharted_figure_to_new_values_each_run(tmp_path: Path):
    (tmp_path / "sheet.yml").write_text("sheet:\n  parts: {deaths: casualties}\n", encoding="utf-8")
    (tmp_path / "charts.yml").write_text(
        "charts:\n  - id: c\n    figures: [dead, drawn]\n"
        "  - id: stack\n    figures: [drawn]\n    whole: total\n",
        encoding="utf-8",
    )
    figures = tmp_path / "figures.yml"
    figures.write_text(
        "figures:\n"
        "  - id: dead\n    measure: deaths\n    value: 300\n"
        "  - id: drawn\n    measure: casualties\n    value: 1200000\n"
        "  - id: ranged\n    measure: casualties\n    low: 1\n    high: 2\n"
        "  - id: total\n    measure: casualties\n    value: 1250000\n"
        "  - id: plain\n    measure: casualties\n    value: 415000\n",
        encoding="utf-8",
    )

    targets = bench.edit_targets(tmp_path)

    assert targets == {
        "charted": (figures, "drawn", 1200000),
        "uncharted": (figures, "plain", 415000),
    }
    edit = bench.editor(*targets["charted"])
    edit(0)
    assert "value: 1300000" in figures.read_text(encoding="utf-8")
    edit(1)
    assert "value: 1400000" in figures.read_text(encoding="utf-8")
    assert "value: 415000" in figures.read_text(encoding="utf-8")


class FakeTool:
    def __init__(self, name: str, log: list[str], walls: list[float]) -> None:
        self.name, self.log, self.walls = name, log, walls

    def run(self) -> Any:
        self.log.append(self.name)
        wall = self.walls.pop(0)
        return bench.Run(wall=wall, cpu=wall / 2, max_rss_mib=wall * 10, output="")


def test_pairs_alternate_which_tool_goes_first_and_ratios_are_taken_pair_by_pair():
    log: list[str] = []
    ours = FakeTool("ours", log, [2.0, 9.0, 4.0])
    peer = FakeTool("peer", log, [1.0, 3.0, 1.0])
    prepared: list[int] = []

    pairs = bench.paired(ours, peer, 3, prepared.append)
    result = bench.summarise(pairs)

    assert prepared == [0, 1, 2]
    assert log == ["ours", "peer", "peer", "ours", "ours", "peer"]
    # pair ratios 2/1, 9/3, 4/1 = 2, 3, 4: median 3; the medians' ratio would be 4/1.
    assert result["ratio"]["wall"] == 3.0
    assert result["factsheet"]["wall_s"] == 4.0
    assert result["peer"]["wall_s"] == 1.0
    assert result["factsheet"]["wall_range_s"] == [2.0, 9.0]
    assert result["factsheet"]["max_rss_mib"] == 40.0
    assert result["runs"] == 3


def test_copies_rename_ids_references_and_texts_and_keep_the_home_page_as_it_was():
    records = {
        "sources": [{"id": "src", "via": ["outlet"]}],
        "figures": [
            {
                "id": "f",
                "label": "Deaths",
                "topic": "t",
                "source": "src",
                "via": None,
                "headline": True,
            }
        ],
        "derived": [{"id": "d", "topic": "t", "inputs": ["f"]}],
        "statements": [{"id": "s", "topic": "t", "source": "src"}],
        "events": [{"id": "e", "source": "src"}],
        "notes": [{"id": "n", "about": ["f", "s"], "claim_source": "src", "source": "src"}],
    }

    copy = synthetic.copy_records(records, 7)

    assert copy["sources"] == [{"id": "src-x007", "via": ["outlet-x007"]}]
    assert copy["figures"] == [
        {
            "id": "f-x007",
            "label": "Deaths (copy 7)",
            "topic": "t-x007",
            "source": "src-x007",
            "via": None,
            "headline": False,
        }
    ]
    assert copy["derived"][0]["inputs"] == ["f-x007"]
    assert copy["notes"][0]["about"] == ["f-x007", "s-x007"]
    assert records["figures"][0]["id"] == "f", "the real records are left as they were"


STAGES = (
    "Built 4 pages into site/ (generator 0.50 s, MkDocs 0.25 s; charts: 1 rendered, 0 from cache)."
)


def test_make_bench_runs_every_case_and_tables_them_with_the_live_preview(
    rich: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """A smoke run of run.py's main at one scale, one pair per case: stand-in build commands
    (a Python that prints factsheet's report line) in place of the two tools, and stand-ins
    for the page weights and the live preview, which the browser tests run for real."""
    with (rich / "content" / "figures.yml").open("a", encoding="utf-8") as figures:
        figures.write(EXTRA_FIGURE)
    said = [sys.executable, "-c", f"print({STAGES!r})"]

    def lay_out(root: Path, scale: int, editions: bool = False) -> tuple[Any, Any, dict[str, int]]:
        shutil.copytree(rich, root)
        ours = bench.Tool("factsheet build", said, root, (root / "site",))
        peer = bench.Tool("mkdocs build", [sys.executable, "-c", "pass"], root, ())
        return ours, peer, {"figures": 9, "statements": 1, "pages": 4}

    reload_stub = ModuleType("reload")
    reload_stub.measure = lambda root, runs, say: {  # type: ignore[attr-defined]
        "uncharted": {"median_s": 0.5, "range_s": [0.4, 0.6]},
        "charted": {"median_s": 0.75, "range_s": [0.7, 0.8]},
    }
    monkeypatch.setitem(sys.modules, "reload", reload_stub)
    monkeypatch.setattr(bench, "lay_out", lay_out)
    monkeypatch.setattr(bench, "check_peer", lambda ours, peer, root, editions=False: None)
    monkeypatch.setattr(bench, "PEER_MKDOCS", Path(sys.executable))
    monkeypatch.setattr(
        bench.weight,
        "measure_pages",
        lambda site, pages: {
            "index.html": {"method": "static", "gzip_bytes": 98_700, "raw_bytes": 417_700},
            "figures/index.html": {"gzip_bytes": 101_000},
        },
    )
    monkeypatch.setattr(bench.weight, "pages_of", lambda site: ["index.html"])

    assert bench.main(["--scales", "1", "--runs", "1", "--json", str(tmp_path / "r.json")]) == 0

    printed = capsys.readouterr().out
    assert "| 1x | clean | " in printed
    assert "| 1x | one uncharted figure edited | " in printed
    assert "| 1x | clean, every edition (uk too; the peer: one mkdocs build per language) | " in (
        printed
    )
    assert "| 1x | live preview, save to reload: uncharted figure | 0.50 | – |" in printed
    assert "| 1x | live preview, save to reload: charted figure | 0.75 | – |" in printed
    assert "| 0.50 | 0.25 | 1 |" in printed  # the generator's and MkDocs' seconds, charts drawn
    assert "heaviest first visit: figures/index.html, 101.0 KB gzip; 1 of 2 pages over 100 KB" in (
        printed
    )
    results = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(results["scales"]["1"]) == {
        "content",
        "clean",
        "warm",
        "charted",
        "uncharted",
        "editions",
    }
    assert results["reload"]["charted"]["median_s"] == 0.75


EXTRA_FIGURE = """
  - id: ferry-crossings
    label: crossings by ferry
    says: The Gazette reports
    topic: traffic
    measure: ferries
    value: 42000
    unit: people
    period: {start: 2021-01-01, end: 2021-12-31}
    source: gazette-2022
"""
"""A figure no chart draws, for the rich fixture, which draws every whole-number figure it has
(the benchmark edits one of each kind)."""


def test_the_preview_timer_writes_a_new_value_near_the_real_one_at_each_save(tmp_path: Path):
    reload = _load("benchmark_reload", REPO / "benchmarks" / "reload.py")
    figures = tmp_path / "figures.yml"
    figures.write_text(FIGURES, encoding="utf-8")
    edit = reload._editor(figures, "third", 1200000)

    written = []
    for run in range(5):
        edit(run)
        written.append(yaml.safe_load(figures.read_text(encoding="utf-8"))["figures"][2]["value"])

    assert written == [1300000, 1100000, 1400000, 1000000, 1500000]


def test_the_records_of_each_page_are_read_from_the_source_edition_only(built_editions: Path):
    """Every page's folder has a sitemap.xml (for its hreflang links), so an edition is told
    by its 404 page: the benchmark read no English page at all when it looked for sitemaps."""
    site = built_editions / "site"
    pages = bench.page_records(site, bench.record_ids(built_editions / "content"))
    assert sorted(pages) == [".", "figures", "sources", "timeline"]
    assert "crossings-by-bank" in pages["figures"] and "gazette-2022" in pages["sources"]


SHEET_WITH_EDITIONS = """\
sheet:
  title: A sheet
  language: en
  # The other editions: their words are in content/editions/.
  editions: [uk, fr]
  stale_after_days: 180
"""


def test_the_bench_builds_one_edition_on_both_sides_unless_told_every_edition(tmp_path: Path):
    root = tmp_path / "sheet"
    (root / "content" / "editions" / "uk").mkdir(parents=True)
    (root / "site_src" / "editions" / "uk").mkdir(parents=True)
    (root / "site_src" / "pages").mkdir(parents=True)
    (root / "content" / "sheet.yml").write_text(SHEET_WITH_EDITIONS, encoding="utf-8")

    bench.one_edition(root)

    assert (root / "content" / "sheet.yml").read_text(encoding="utf-8") == (
        "sheet:\n"
        "  title: A sheet\n"
        "  language: en\n"
        "  # The other editions: their words are in content/editions/.\n"
        "  stale_after_days: 180\n"
    )
    assert not (root / "content" / "editions").exists()
    assert not (root / "site_src" / "editions").exists()
    assert (root / "site_src" / "pages").is_dir()


def test_the_peer_builds_each_language_with_a_config_of_its_own(tmp_path: Path):
    uk = yaml.load((PEER / "mkdocs.uk.yml").read_text(encoding="utf-8"), Loader=_MkDocsConfig)
    peer = bench.peer_every_edition(tmp_path)

    assert uk == {
        "INHERIT": "mkdocs.yml",
        "site_url": "https://example.github.io/factsheet-peer/uk/",
        "site_dir": "site/uk",
        "theme": {"language": "uk"},
    }
    assert peer.command[:2] == ["/bin/sh", "-c"]
    assert " build -q && " in peer.command[2]
    assert peer.command[2].endswith(" build -q -f mkdocs.uk.yml")
    assert peer.outputs == (tmp_path / "site",)


def test_factsheet_keeps_its_compiled_templates_beside_the_sheet_and_clean_removes_them(
    tmp_path: Path,
):
    root = tmp_path / "x1"
    ours = bench.factsheet_tool(root)

    assert dict(ours.env) == {"XDG_CACHE_HOME": str(tmp_path / "x1-user-cache")}
    assert tmp_path / "x1-user-cache" in ours.outputs
    (tmp_path / "x1-user-cache" / "factsheet").mkdir(parents=True)
    ours.clean()
    assert not (tmp_path / "x1-user-cache").exists()
    said = bench.Tool(
        "env",
        [sys.executable, "-c", "import os; print(os.environ['XDG_CACHE_HOME'])"],
        tmp_path,
        (),
        ours.env,
    ).run()
    assert said.output.strip() == str(tmp_path / "x1-user-cache")
