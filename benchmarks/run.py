"""Benchmark: factsheet against the plain MkDocs way (the peer), as a user runs each.

    .venv/bin/python benchmarks/run.py [--json PATH] [--scales 1,10,100] [--runs N]

The peer (benchmarks/peer/) is what a competent MkDocs user would build instead: MkDocs and
Material at our versions, mkdocs-macros reading the same content/*.yml into Jinja pages with
the same records per page, and mkdocs-charts-plugin drawing Vega-Lite in the reader's browser.
It runs from its own virtual environment (.venv-peer, which `make bench` sets up).

For the real sheet, and copies grown to 10 and 100 times its content (synthetic.py), each case
is timed as pairs of new processes, `factsheet build` against `mkdocs build`, alternating which
goes first, on the same content at the same moment, so that a busy machine slows both:

- clean: no cache and no earlier output;
- warm: nothing changed since the last build;
- one charted figure edited, and one uncharted figure edited (a new value every run).

Like with like: the peer builds one language, so these cases build the sheet's source edition
alone on both sides (its other editions are removed from the copy). At 1x a row of its own
builds every edition: factsheet as the sheet declares them, the peer as a plain MkDocs user
would, one `mkdocs build` per language config (mkdocs.yml, then mkdocs.uk.yml into site/uk/;
the peer has no translations, so its second site carries the same English pages).

The headline is the median of the paired ratios factsheet / peer (wall time), with peak memory
(maximum resident set size of each child process, from wait4). Also reported: CPU time, and
factsheet's own split into generator and MkDocs stages, read from its report line. Prints
Markdown tables and writes the figures as JSON (benchmarks/results/latest.json unless --json).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic  # noqa: E402
import weight  # noqa: E402

from tests.support import copy_sheet  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PEER = Path(__file__).resolve().parent / "peer"
PEER_FILES = ("mkdocs.yml", "mkdocs.uk.yml", "main.py", "docs", "includes")
"""What a copy of the peer needs: its config, macros, pages and blocks (not its site/)."""
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
RUNS = {1: 5, 10: 3, 100: 3}
RELOAD_RUNS = 7
"""Saves per figure timed in the live preview (reload.py), on the real sheet only."""
"""Pairs per case and scale: enough for a median within about ten minutes on two cores."""
CASES = {
    "clean": "clean",
    "warm": "warm, nothing changed",
    "charted": "one charted figure edited",
    "uncharted": "one uncharted figure edited",
    "editions": "clean, every edition (uk too; the peer: one mkdocs build per language)",
}

RELOAD_CASES = {
    "uncharted": "live preview, save to reload: uncharted figure",
    "charted": "live preview, save to reload: charted figure",
}
"""The live preview's rows (reload.py): the peer's `mkdocs serve` is not timed."""

_REPORT = re.compile(
    r"generator (?P<generator>[\d.]+) s, MkDocs (?P<mkdocs>[\d.]+) s; "
    r"charts: (?P<drawn>\d+) rendered, (?P<cached>\d+) from cache"
)
"""factsheet build's closing line; its stage figures are kept when it still reads so."""


@dataclass(frozen=True)
class Run:
    """One new process: wall and CPU seconds, peak memory, and what it printed."""

    wall: float
    cpu: float
    max_rss_mib: float
    output: str


@dataclass(frozen=True)
class Tool:
    """A build command as its user runs it, in its own folder, and what `clean` removes."""

    name: str
    command: list[str]
    cwd: Path
    outputs: tuple[Path, ...]
    env: tuple[tuple[str, str], ...] = ()
    """Environment variables set for the command, over this process's."""

    def clean(self) -> None:
        for folder in self.outputs:
            shutil.rmtree(folder, ignore_errors=True)

    def run(self) -> Run:
        """Run once in a new process; wait4 gives this child's own CPU time and peak memory."""
        with tempfile.TemporaryFile() as out:
            started = time.perf_counter()
            proc = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                stdout=out,
                stderr=out,
                env={**os.environ, **dict(self.env)},
            )
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            output = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise SystemExit(f"{self.name} failed in {self.cwd}:\n{output[-3000:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def paired(
    ours: Tool, peer: Tool, runs: int, before: Callable[[int], None]
) -> list[tuple[Run, Run]]:
    """`runs` pairs (ours, peer); `before(run)` prepares each pair, and the first to go
    alternates, so neither always runs on a machine the other has just warmed or loaded."""
    pairs = []
    for run in range(runs):
        before(run)
        if run % 2 == 0:
            a = ours.run()
            b = peer.run()
        else:
            b = peer.run()
            a = ours.run()
        pairs.append((a, b))
    return pairs


def summarise(pairs: list[tuple[Run, Run]]) -> dict[str, Any]:
    """Medians of each tool's runs, and the medians of the ratios taken pair by pair."""

    def of(runs: list[Run]) -> dict[str, Any]:
        return {
            "wall_s": median(r.wall for r in runs),
            "wall_range_s": [min(r.wall for r in runs), max(r.wall for r in runs)],
            "cpu_s": median(r.cpu for r in runs),
            "max_rss_mib": median(r.max_rss_mib for r in runs),
        }

    ours, peer = [a for a, _ in pairs], [b for _, b in pairs]
    result = {
        "runs": len(pairs),
        "factsheet": of(ours),
        "peer": of(peer),
        "ratio": {
            "wall": median(a.wall / b.wall for a, b in pairs),
            "cpu": median(a.cpu / b.cpu for a, b in pairs),
            "max_rss": median(a.max_rss_mib / b.max_rss_mib for a, b in pairs),
        },
    }
    stages = [m.groupdict() for m in (_REPORT.search(a.output) for a in ours) if m]
    if len(stages) == len(ours):
        result["factsheet"]["stages"] = {
            key: median(float(s[key]) for s in stages) for key in stages[0]
        }
    return result


_ID = re.compile(r'\sid="([^"]+)"')


def page_records(site: Path, record_ids: set[str]) -> dict[str, frozenset[str]]:
    """For each built page, the content records it shows: the element ids that are record ids.
    Not the charts' embed pages (`embed/<id>/`), which the peer has no counterpart of and which
    hold no record's id; nor the sheet's other editions (`uk/`, each a site with a 404 page of
    its own, which no page's folder has), the same records in other words, which the peer does
    not make."""
    return {
        page.relative_to(site).parent.as_posix(): frozenset(
            set(_ID.findall(page.read_text(encoding="utf-8"))) & record_ids
        )
        for page in sorted(site.rglob("index.html"))
        if page.parent.name != "search"
        and page.relative_to(site).parts[0] != "embed"
        and not (site / page.relative_to(site).parts[0] / "404.html").is_file()
    }


def record_ids(content_dir: Path) -> set[str]:
    """Every id in the content: figures, derived, statements, events, notes, sources, charts."""
    ids: set[str] = set()
    for path in sorted(content_dir.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for kind, items in data.items():
            if kind != "sheet":
                ids.update(item["id"] for item in items or [])
    return ids


def same_pages(ours: dict[str, frozenset[str]], peer: dict[str, frozenset[str]]) -> list[str]:
    """How the two sites differ in what records each page shows ([] when they do not).

    Pages are matched by their records, not their names: each page of one site must show
    exactly the records of one page of the other."""
    unmatched = list(peer.values())
    problems = []
    for name, records in ours.items():
        if records in unmatched:
            unmatched.remove(records)
        else:
            problems.append(f"factsheet's page {name or 'home'} has no peer page with its records")
    problems += [f"a peer page shows {sorted(r)[:5]} as no factsheet page does" for r in unmatched]
    return problems


_FIGURE = re.compile(r"^(\s*)- id: (\S+)\s*$")
_VALUE = re.compile(r"^(\s+value:\s*)(\d+)\s*$")


def set_value(text: str, figure_id: str, value: int) -> str:
    """`text` (a figures file) with the whole-number `value:` of figure `figure_id` replaced."""
    lines = text.splitlines(keepends=True)
    inside = False
    for i, line in enumerate(lines):
        start = _FIGURE.match(line)
        if start:
            inside = start.group(2) == figure_id
        elif inside and (match := _VALUE.match(line)):
            lines[i] = f"{match.group(1)}{value}\n"
            return "".join(lines)
    raise ValueError(f"no whole-number value for figure {figure_id}")


def edit_targets(content_dir: Path) -> dict[str, tuple[Path, str, int]]:
    """A figure drawn in a chart and one that is not, each with a whole-number value to raise.

    A raised value keeps every check passing, except for figures that are the part of a whole
    (deaths of casualties) or the whole a chart stacks its parts to, which are left alone. Only
    the real files are edited, not copies.
    """
    charted: set[str] = set()
    parts: set[str] = set()
    wholes: set[str] = set()
    figures: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted(content_dir.glob("*.yml")):
        if path.name.startswith(synthetic.PREFIX):
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for chart in data.get("charts") or []:
            charted.update(chart.get("figures") or [])
            wholes.update([chart["whole"]] if chart.get("whole") else [])
        parts.update((data.get("sheet") or {}).get("parts") or {})
        figures += [(path, f) for f in data.get("figures") or []]
    targets: dict[str, tuple[Path, str, int]] = {}
    for path, figure in figures:
        value = figure.get("value")
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or figure.get("measure") in parts
            or figure["id"] in wholes
        ):
            continue
        case = "charted" if figure["id"] in charted else "uncharted"
        targets.setdefault(case, (path, figure["id"], value))
    missing = {"charted", "uncharted"} - set(targets)
    if missing:
        raise SystemExit(f"no figure with a whole-number value to edit for: {', '.join(missing)}")
    return targets


def editor(path: Path, figure_id: str, value: int) -> Callable[[int], None]:
    """Before run n, raise the figure to a value no earlier run had, so that no cache keyed by
    content can answer from an earlier build: 1.2 million -> 1.3, 1.4, ... million."""
    step = 10 ** max(len(str(value)) - 2, 0)
    text = path.read_text(encoding="utf-8")

    def edit(run: int) -> None:
        path.write_text(set_value(text, figure_id, value + (run + 1) * step), encoding="utf-8")

    return edit


_EDITIONS_LINE = re.compile(r"^[ \t]*editions:.*\n", re.M)


def one_edition(root: Path) -> None:
    """Make the sheet at `root` one edition, its source's: the language the peer builds.

    Its `editions:` line goes, with the overlays (content/editions/) and the editions' own
    page templates (site_src/editions/) that only a declared edition reads."""
    sheet_file = root / "content" / "sheet.yml"
    text = sheet_file.read_text(encoding="utf-8")
    sheet_file.write_text(_EDITIONS_LINE.sub("", text, count=1), encoding="utf-8")
    for folder in (root / "content" / "editions", root / "site_src" / "editions"):
        shutil.rmtree(folder, ignore_errors=True)


def peer_every_edition(peer_dir: Path) -> Tool:
    """The peer built as a plain MkDocs user builds a site in two languages: one
    `mkdocs build` per language config, one after the other, in one shell (wait4 counts the
    shell's children: CPU summed, peak memory the larger)."""
    mkdocs = shlex.quote(str(PEER_MKDOCS))
    return Tool(
        "mkdocs build, each language",
        ["/bin/sh", "-c", f"{mkdocs} build -q && {mkdocs} build -q -f mkdocs.uk.yml"],
        peer_dir,
        (peer_dir / "site",),
    )


def lay_out(root: Path, scale: int, editions: bool = False) -> tuple[Tool, Tool, dict[str, int]]:
    """The sheet (grown to `scale`) at `root`, the peer beside it reading the same content;
    the sheet in its source's language alone unless `editions`, and then the peer in each."""
    copy_sheet(root)
    if not editions:
        one_edition(root)
    peer_dir = root / "benchmarks" / "peer"
    for part in PEER_FILES:
        src = PEER / part
        if src.is_dir():
            shutil.copytree(src, peer_dir / part)
        else:
            peer_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, peer_dir / part)
    if scale > 1:
        synthetic.grow_peer(peer_dir, root, scale)
        synthetic.grow(root, scale)
    ours = factsheet_tool(root)
    peer = (
        peer_every_edition(peer_dir)
        if editions
        else Tool("mkdocs build", [str(PEER_MKDOCS), "build"], peer_dir, (peer_dir / "site",))
    )
    return ours, peer, synthetic.count(root)


PEER_MKDOCS = REPO / ".venv-peer" / "bin" / "mkdocs"


def factsheet_tool(root: Path) -> Tool:
    """`factsheet build` in the sheet at `root`, with a user cache folder of its own beside the
    sheet (XDG_CACHE_HOME; inside the sheet it would not be used): the compiled templates an
    edit's build reads there are the bench's own, and a clean build removes them with the
    sheet's cache and output, so that it starts with no cache of ours at all."""
    user_cache = root.with_name(root.name + "-user-cache")
    return Tool(
        "factsheet build",
        [str(REPO / ".venv" / "bin" / "factsheet"), "build"],
        root,
        (root / ".cache", root / "build", root / "site", user_cache),
        (("XDG_CACHE_HOME", str(user_cache)),),
    )


def compile_generator() -> None:
    """Write the generator's bytecode (`__pycache__`) before timing, as pip does when it
    installs a package, the peer's MkDocs included. The generator is installed editable, whose
    modules Python compiles at their first import, or at every import where
    PYTHONDONTWRITEBYTECODE is set (it is on the machine the bench runs on): about 0.15 s of
    CPU in every factsheet process that the peer never pays."""
    compileall.compile_dir(str(REPO / "generator"), quiet=1)


def check_peer(ours: Tool, peer: Tool, root: Path, editions: bool = False) -> None:
    """Stop unless the peer built every page without a macro error and with our records (and,
    with `editions`, its second language's site in site/uk/)."""
    site = peer.cwd / "site"
    if editions and not (site / "uk" / "index.html").is_file():
        raise SystemExit("the peer's second language config built no site/uk/")
    broken = [p for p in site.rglob("*.html") if "Macro Rendering Error" in p.read_text("utf-8")]
    if broken:
        raise SystemExit(f"the peer built error pages: {broken[:3]}")
    ids = record_ids(root / "content")
    problems = same_pages(page_records(root / "site", ids), page_records(site, ids))
    if problems:
        raise SystemExit("the peer's pages differ from factsheet's:\n" + "\n".join(problems[:10]))


def bench_scale(
    root: Path,
    scale: int,
    runs: int,
    log: Callable[[str], None],
    result: dict[str, Any],
    save: Callable[[], None],
) -> None:
    """Every case at one scale, into `result`; `save` after each case, so that an interrupted
    run keeps the figures it has."""
    ours, peer, counts = lay_out(root, scale)
    log(
        f"{scale}x: {counts['figures']} figures, {counts['statements']} statements, "
        f"{counts['pages']} pages"
    )
    result["content"] = counts

    def clean(run: int) -> None:
        ours.clean()
        peer.clean()

    for case, before in (
        ("clean", clean),
        ("warm", lambda run: None),
        *((case, editor(*target)) for case, target in edit_targets(root / "content").items()),
    ):
        log(f"{scale}x: {CASES[case]}, {runs} pairs")
        result[case] = summarise(paired(ours, peer, runs, before))
        if case == "clean":
            check_peer(ours, peer, root)
        save()
    if scale == 1:
        both, peer_both, _ = lay_out(root.with_name(root.name + "-editions"), scale, editions=True)
        log(f"{scale}x: {CASES['editions']}, {runs} pairs")

        def clean_both(run: int) -> None:
            both.clean()
            peer_both.clean()

        result["editions"] = summarise(paired(both, peer_both, runs, clean_both))
        check_peer(both, peer_both, both.cwd, editions=True)
        save()


def _s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def table(results: dict[str, Any]) -> str:
    """The headline: paired ratios factsheet / peer, with each side's medians."""
    lines = [
        "| scale | case | factsheet (s) | peer (s) | factsheet / peer | CPU time ratio | "
        "peak memory (MiB) | memory ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, r in results["scales"].items():
        for case, name in CASES.items():
            if case not in r:
                continue
            m = r[case]
            f, p = m["factsheet"], m["peer"]
            lines.append(
                f"| {scale}x | {name} | {_s(f['wall_s'])} | {_s(p['wall_s'])} | "
                f"**{m['ratio']['wall']:.2f}** | {m['ratio']['cpu']:.2f} | "
                f"{f['max_rss_mib']:.0f} / {p['max_rss_mib']:.0f} | {m['ratio']['max_rss']:.2f} |"
            )
    for case, name in RELOAD_CASES.items():
        m = results.get("reload", {}).get(case)
        if m:
            lines.append(f"| 1x | {name} | {_s(m['median_s'])} | – | – | – | – | – |")
    return "\n".join(lines)


def detail(results: dict[str, Any]) -> str:
    """CPU time and factsheet's own stages, for the profile behind the headline."""
    lines = [
        "| scale | case | CPU factsheet / peer (s) | CPU ratio | generator (s) | "
        "MkDocs stage (s) | charts drawn | wall ranges factsheet; peer (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, r in results["scales"].items():
        for case, name in CASES.items():
            if case not in r:
                continue
            m = r[case]
            f, p = m["factsheet"], m["peer"]
            st = f.get("stages", {})
            stages = (
                f"{_s(st['generator'])} | {_s(st['mkdocs'])} | {st['drawn']:.0f}"
                if st
                else "– | – | –"
            )
            fr, pr = f["wall_range_s"], p["wall_range_s"]
            lines.append(
                f"| {scale}x | {name} | {_s(f['cpu_s'])} / {_s(p['cpu_s'])} | "
                f"{m['ratio']['cpu']:.2f} | {stages} | "
                f"{_s(fr[0])}–{_s(fr[1])}; {_s(pr[0])}–{_s(pr[1])} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    parser.add_argument("--scales", default="1,10,100", help="content sizes, e.g. 1,10,100")
    parser.add_argument("--runs", type=int, help="pairs per case (default: by size)")
    args = parser.parse_args(argv)
    if not PEER_MKDOCS.exists():
        raise SystemExit(f"{PEER_MKDOCS} is missing: run `make bench`, which installs the peer")
    scales = [int(s) for s in args.scales.split(",")]
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
        "command": "benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "scales": {},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:
        results["seconds_so_far"] = time.perf_counter() - started
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    compile_generator()
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        for scale in scales:
            runs = args.runs or RUNS.get(scale, 3)
            root = Path(tmp) / f"x{scale}"
            results["scales"][str(scale)] = {}
            bench_scale(root, scale, runs, log, results["scales"][str(scale)], save)
            if scale == 1:
                log("page weights, first visit")
                pages = weight.measure_pages(root / "site", weight.pages_of(root / "site"))
                results["home_page"] = pages["index.html"]
                results["page_weights"] = {p: m["gzip_bytes"] for p, m in pages.items()}
                log(f"live preview: save to reload, {RELOAD_RUNS} saves of each figure")
                import reload  # here: it imports this module

                # The real sheet as it is: the edits above raised its figures.
                results["reload"] = reload.measure(REPO, RELOAD_RUNS, say=log)
                save()
            shutil.rmtree(root, ignore_errors=True)
            for left in ("-editions", "-user-cache", "-editions-user-cache"):
                shutil.rmtree(root.with_name(root.name + left), ignore_errors=True)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["total_seconds"] = time.perf_counter() - started
    print(table(results))
    print(
        "\nMedians of paired runs (new processes, alternating which goes first); the ratios are"
        "\ntaken pair by pair: wall time, CPU time (user + system), and peak resident set size"
        "\nof each build process.\n"
    )
    print(detail(results))
    home = results.get("home_page")
    if home:
        print(
            f"\nfactsheet's home page, first visit ({home['method']}): "
            f"{home['gzip_bytes'] / 1000:.1f} KB gzip, {home['raw_bytes'] / 1000:.1f} KB raw"
        )
    weights = results.get("page_weights")
    if weights:
        heaviest = max(weights, key=lambda page: weights[page])
        print(
            f"heaviest first visit: {heaviest}, {weights[heaviest] / 1000:.1f} KB gzip; "
            f"{sum(w > weight.BUDGET_BYTES for w in weights.values())} of {len(weights)} pages "
            f"over {weight.BUDGET_BYTES / 1000:.0f} KB"
        )
    print(f"\nTotal time: {results['total_seconds']:.0f} s")
    save()
    print(f"Figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
