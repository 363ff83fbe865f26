"""The result of `make mutation`, read from mutmut's `mutants/` folder: the summary per module,
and every mutant that no unit test kills and that `tests/equivalent_mutants.txt` does not list
as equivalent (with its diff, to write the test that kills it). Exit 1 when there is one.

`--write` also records the run in `tests/mutation_summary.json`, which `make test` checks
against the equivalent list (tests/test_mutation.py). `make mutation` passes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EQUIVALENT = REPO / "tests" / "equivalent_mutants.txt"
SUMMARY = REPO / "tests" / "mutation_summary.json"
KILLED = {"killed", "timeout", "caught by type check"}
"""What counts as killed: a test failed, or the mutant made the tests hang (a loop that never
ends is caught too)."""


def modules() -> list[str]:
    """The files `make mutation` mutates: [tool.mutmut] only_mutate in pyproject.toml."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mutmut"]["only_mutate"])


def equivalent() -> dict[str, str]:
    """Mutant name -> why it cannot change any output, from the committed list (comments and
    blank lines skipped)."""
    listed: dict[str, str] = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            listed[name] = reason.strip()
    return listed


def results(module: str) -> dict[str, str]:
    """Mutant name -> status for one module of the last run, in mutmut's words ('killed',
    'survived', 'no tests', 'timeout', …)."""
    from mutmut.stats import status_by_exit_code

    meta = REPO / "mutants" / f"{module}.meta"
    codes: dict[str, int] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def changed_lines(name: str) -> list[str]:
    """The lines a mutant removes and adds ('-…', '+…'), from mutmut's own diff."""
    import os

    from mutmut.mutation.diff_apply import get_diff_for_mutant

    here = os.getcwd()
    os.chdir(REPO)  # mutmut finds mutants/ from the working directory
    try:
        diff = get_diff_for_mutant(name)
    finally:
        os.chdir(here)
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="record tests/mutation_summary.json")
    args = parser.parse_args()
    listed = equivalent()
    summary: dict[str, dict[str, object]] = {}
    unexplained: list[tuple[str, str]] = []
    print(f"{'module':<24}{'mutants':>8}{'killed':>8}{'survived':>10}{'no tests':>10}{'equiv.':>8}")
    for module in modules():
        status = results(module)
        alive = {n: s for n, s in status.items() if s not in KILLED}
        counts = Counter("killed" if s in KILLED else s for s in status.values())
        equivalent_here = {n: listed[n] for n in alive if n in listed}
        print(
            f"{module:<24}{len(status):>8}{counts['killed']:>8}{counts['survived']:>10}"
            f"{counts['no tests']:>10}{len(equivalent_here):>8}"
        )
        summary[module] = {
            "mutants": len(status),
            "killed": counts["killed"],
            "alive": {n: {"status": s, "diff": changed_lines(n)} for n, s in sorted(alive.items())},
        }
        unexplained += [(n, s) for n, s in sorted(alive.items()) if n not in listed]
    if args.write:
        SUMMARY.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", "utf-8")
    for name, status in unexplained:
        print(f"\n{name}: {status}, not in {EQUIVALENT.relative_to(REPO)}")
        module = next(m for m in summary if name in summary[m]["alive"])  # type: ignore[operator]
        print("\n".join(summary[module]["alive"][name]["diff"]))  # type: ignore[index]
    print(f"\n{len(unexplained)} mutants alive outside the equivalent list")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
