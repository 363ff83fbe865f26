"""Benchmark: what a build costs, how the cost grows with content, what a reader downloads.

    .venv/bin/python benchmarks/run.py [--json PATH] [--scales 1,10,100] [--runs N]

Copies the real fact sheet to a temporary folder (and grows copies of it to 10 and 100 times
its content, see synthetic.py), then times, each as the median of several runs with its range:

- a clean build in a new process, no caches: the generator's stage and MkDocs' stage;
- a rebuild with nothing changed, and after one figure's value is edited (in one process,
  as `factsheet serve` rebuilds);
- the floor: MkDocs alone building the already generated Markdown;

and weighs the home page's first visit. Prints a table and the targets, and writes the same
figures as JSON (benchmarks/results/latest.json unless --json says otherwise).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import synthetic  # noqa: E402
import weight  # noqa: E402

from generator import charts, engine  # noqa: E402
from generator.build import build, source_date_epoch  # noqa: E402
from generator.load import content_files  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.validation import load_and_validate  # noqa: E402
from tests.support import copy_sheet  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
RUNS = {1: 7, 10: 5, 100: 3}
"""Timed runs per scale: enough for a median and a range within ten minutes on two cores."""

TARGETS = {
    "warm_ratio": 0.10,
    "edit_seconds": 1.0,
    "growth_100x": 120.0,
    "home_page_bytes": 400 * 1000,
}


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": len(values),
    }


def clean(project: Project) -> None:
    """No caches and no earlier output: what a fresh checkout builds from."""
    for folder in (project.cache_dir, project.docs_dir, project.site_dir):
        shutil.rmtree(folder, ignore_errors=True)


_CHART_SECONDS: list[float] = []


def _time_charts() -> None:
    """Count the chart step apart: charts are drawn by their own module, with their own cache."""
    inner = charts.render_charts
    if getattr(inner, "timed", False):
        return

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            _CHART_SECONDS.append(time.perf_counter() - started)

    timed.timed = True  # type: ignore[attr-defined]
    charts.render_charts = timed


def timed_build(project: Project) -> dict[str, float]:
    """One build: the generator's stage (charts included, and apart) and MkDocs' stage."""
    _time_charts()
    before = len(_CHART_SECONDS)
    report = build(project)
    return {
        "generator": report.generate_seconds,
        "charts": sum(_CHART_SECONDS[before:]),
        "mkdocs": report.engine_seconds,
    }


def summarise(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Median and range of each stage, and of the ratios computed run by run."""

    def of(key: Callable[[dict[str, float]], float]) -> dict[str, float]:
        return spread([key(r) for r in runs])

    return {
        "generator": of(lambda r: r["generator"]),
        "charts": of(lambda r: r["charts"]),
        "generator_without_charts": of(lambda r: r["generator"] - r["charts"]),
        "mkdocs": of(lambda r: r["mkdocs"]),
        "ratio": of(lambda r: r["generator"] / r["mkdocs"]),
        "ratio_without_charts": of(lambda r: (r["generator"] - r["charts"]) / r["mkdocs"]),
    }


def clean_builds(project: Project, runs: int) -> dict[str, object]:
    """Builds as `factsheet build` runs them from a fresh checkout: new process, no caches."""
    results, process = [], []
    for _ in range(runs):
        clean(project)
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--clean-build", str(project.root)],
            capture_output=True,
            text=True,
            cwd=project.root,
        )
        process.append(time.perf_counter() - started)
        if out.returncode != 0:
            raise SystemExit(f"clean build of {project.root} failed:\n{out.stderr}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {**summarise(results), "process": spread(process)}


def rebuilds(project: Project, runs: int, before: Callable[[int], None]) -> dict[str, object]:
    """`runs` builds in this process, each after `before(run)` changed (or did not) content."""
    results = []
    for run in range(runs):
        before(run)
        results.append(timed_build(project))
    return summarise(results)


_VALUE = re.compile(r"^(\s+value:\s*)(\d+)\s*$", re.MULTILINE)


def figure_editor(project: Project) -> Callable[[int], None]:
    """Changes one figure's value by one, then back, so every run has an edit to rebuild."""
    for path in content_files(project.content_dir):
        text = path.read_text(encoding="utf-8")
        match = _VALUE.search(text)
        if match and "figures:" in text and not path.name.startswith(synthetic.PREFIX):
            break
    else:
        raise SystemExit("no figure with a whole-number `value:` to edit")
    original = int(match.group(2))
    edited = original + original // 10 + 1  # enough to change how it reads: 1.2 -> 1.3 million

    def edit(run: int) -> None:
        value = edited if run % 2 == 0 else original
        path.write_text(_VALUE.sub(rf"\g<1>{value}", text, count=1), encoding="utf-8")

    return edit


def floor(project: Project, runs: int) -> dict[str, object]:
    """MkDocs alone, building the Markdown the last build generated."""
    epoch = source_date_epoch(load_and_validate(project.root))
    work = Path(tempfile.mkdtemp(prefix="floor-", dir=project.root))
    docs = work / "docs"
    shutil.copytree(project.docs_dir, docs)
    times = []
    try:
        for _ in range(runs):
            site = work / "site"
            shutil.rmtree(site, ignore_errors=True)
            started = time.perf_counter()
            engine.build_site(project, docs, site, epoch)
            times.append(time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"mkdocs": spread(times)}


def bench_scale(root: Path, scale: int, runs: int, log: Callable[[str], None]) -> dict:
    copy_sheet(root)
    if scale > 1:
        synthetic.grow(root, scale)
    counts = synthetic.count(root)
    project = Project.load(root)
    log(
        f"{scale}x: {counts['figures']} figures, {counts['statements']} statements, "
        f"{counts['pages']} pages; clean builds"
    )
    result: dict[str, object] = {"content": counts}
    result["clean"] = clean_builds(project, runs)
    log(f"{scale}x: rebuilds")
    build(project)  # this process's first build pays for imports; not timed
    result["no_change"] = rebuilds(project, runs, lambda run: None)
    result["edit_one_figure"] = rebuilds(project, runs, figure_editor(project))
    log(f"{scale}x: MkDocs alone")
    result["floor"] = floor(project, runs)
    warm, alone = result["no_change"], result["floor"]["mkdocs"]["median"]  # type: ignore[index]
    result["generator_over_floor"] = {
        "with_charts": warm["generator"]["median"] / alone,  # type: ignore[index]
        "without_charts": warm["generator_without_charts"]["median"] / alone,  # type: ignore[index]
    }
    return result


def check_targets(results: dict) -> list[dict[str, object]]:
    scales = results["scales"]
    real = scales.get("1")
    checks = []

    def check(target: str, value: str, met: bool, **more: str) -> None:
        checks.append({"target": target, "value": value, "met": met, **more})

    if real:
        warm = real["no_change"]
        check(
            "generator's warm stage <= 10% of MkDocs' stage (real content)",
            f"{warm['ratio']['median']:.0%}",
            warm["ratio"]["median"] <= TARGETS["warm_ratio"],
            without_charts=f"{warm['ratio_without_charts']['median']:.0%}",
        )
        edit = real["edit_one_figure"]
        check(
            "one figure edited: < 1 s of generator work (real content)",
            f"{edit['generator']['median']:.2f} s",
            edit["generator"]["median"] < TARGETS["edit_seconds"],
            without_charts=f"{edit['generator_without_charts']['median']:.2f} s",
        )
    if real and "100" in scales:
        for label, key in (("warm", "no_change"), ("clean", "clean")):
            big, small = scales["100"][key], real[key]
            growth = big["generator"]["median"] / small["generator"]["median"]
            bare = (
                big["generator_without_charts"]["median"]
                / small["generator_without_charts"]["median"]
            )
            check(
                f"100x content: generator ({label}) at most 120x the time",
                f"{growth:.0f}x",
                growth <= TARGETS["growth_100x"],
                without_charts=f"{bare:.0f}x",
            )
    home = results.get("home_page")
    if home:
        check(
            "home page first visit <= 400 KB (gzip, as served)",
            f"{home['gzip_bytes'] / 1000:.0f} KB gzip ({home['raw_bytes'] / 1000:.0f} KB raw)",
            home["gzip_bytes"] <= TARGETS["home_page_bytes"],
        )
    return checks


def _t(s: dict[str, float]) -> str:
    unit, k = ("ms", 1000) if s["max"] < 1 else ("s", 1)
    fmt = ".0f" if unit == "ms" else ".2f"
    return f"{s['median'] * k:{fmt}} ({s['min'] * k:{fmt}}–{s['max'] * k:{fmt}}) {unit}"


def table(results: dict) -> str:
    head = ("size", "build", "generator", "of which charts", "MkDocs", "gen/MkDocs")
    rows = [head]
    sizes = []
    for scale, r in results["scales"].items():
        c = r["content"]
        sizes.append(
            f"{scale}x = {c['pages']} pages, {c['figures']} figures, {c['derived']} derived, "
            f"{c['statements']} statements, {c['events']} events, {c['notes']} notes, "
            f"{c['sources']} sources"
        )
        labels = [f"{scale}x"]
        for key, name in (
            ("clean", "clean, new process"),
            ("no_change", "nothing changed"),
            ("edit_one_figure", "one figure edited"),
        ):
            m = r[key]
            ratio = f"{m['ratio']['median']:.0%} ({m['ratio_without_charts']['median']:.0%})"
            label = labels.pop(0) if labels else ""
            rows.append((label, name, _t(m["generator"]), _t(m["charts"]), _t(m["mkdocs"]), ratio))
        floor_ratio = r["generator_over_floor"]
        rows.append(
            (
                "",
                "MkDocs alone (floor)",
                "",
                "",
                _t(r["floor"]["mkdocs"]),
                f"{floor_ratio['with_charts']:.0%} ({floor_ratio['without_charts']:.0%})",
            )
        )
        rows.append(("", "clean: whole process", _t(r["clean"]["process"]), "", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = "\n".join(["Content:", *(f"  {size}" for size in sizes), "", *lines])
    out += (
        "\nMedian (min–max) of the runs. gen/MkDocs: the generator's stage over MkDocs' in the"
        "\nsame build, run by run, then the median; in brackets without charts. On the floor row:"
        "\nthe warm (nothing changed) generator over MkDocs alone building the same Markdown."
    )
    home = results.get("home_page")
    if home:
        out += (
            f"\n\nHome page, first visit ({home['method']}): "
            f"{home['gzip_bytes'] / 1000:.1f} KB gzip, {home['raw_bytes'] / 1000:.1f} KB raw"
        )
        for kind, k in home["by_kind"].items():
            out += (
                f"\n  {kind:<7} {k['files']:>2} file(s) {k['gzip'] / 1000:7.1f} KB gzip"
                f" {k['raw'] / 1000:7.1f} KB raw"
            )
        if home["offsite_requests"]:
            out += f"\n  requests to other hosts: {', '.join(home['offsite_requests'])}"
    out += "\n\nTargets:"
    for check in results["targets"]:
        out += f"\n  [{'met' if check['met'] else 'MISSED'}] {check['target']}: {check['value']}"
        if "without_charts" in check:
            out += f" ({check['without_charts']} without charts)"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    parser.add_argument("--scales", default="1,10,100", help="content sizes, e.g. 1,10,100")
    parser.add_argument("--runs", type=int, help="timed runs per measurement (default: by size)")
    parser.add_argument("--clean-build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.clean_build:  # the child process of a clean build
        print(json.dumps(timed_build(Project.load(args.clean_build))))
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "command": "benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "scales": {},
    }
    with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
        for scale in scales:
            runs = args.runs or RUNS.get(scale, 3)
            root = Path(tmp) / f"x{scale}"
            results["scales"][str(scale)] = bench_scale(root, scale, runs, log)
            if scale == 1:
                log("home page weight")
                results["home_page"] = weight.measure(Project.load(root).site_dir)
            shutil.rmtree(root, ignore_errors=True)
    results["targets"] = check_targets(results)
    results["total_seconds"] = time.perf_counter() - started
    print(table(results))
    print(f"\nTotal time: {results['total_seconds']:.0f} s")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"Figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
