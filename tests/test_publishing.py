"""Publishing on GitHub Pages: the built site works under a sub-path, 404 page included, and
asks nothing of any host but its own.

The server behaves like GitHub Pages for a project site: `site/` is served under
`/factsheet/` (the path of mkdocs.yml's site_url), and unknown paths get `site/404.html`
with status 404.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from generator.exports import DOWNLOADS
from generator.project import Project
from tests.browser.site_server import SUB_PATH as PREFIX
from tests.browser.site_server import serve
from tests.support import REPO, run

# Elements and attributes whose URL the browser fetches by itself (as opposed to <a href>).
LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
}
# <link rel> values that make the browser fetch (or connect to) the linked URL.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+["']([^"']+)""")


class Page(HTMLParser):
    """The URLs a page names, split into what a browser loads and what a reader may follow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []
        self.config: dict = {}
        self.meta: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        for attr, value in a.items():
            if (tag, attr) in LOADED:
                urls = [u.split()[0] for u in value.split(",") if u.strip()]
                self.loaded += urls if attr == "srcset" else [value]
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            (self.loaded if rels & FETCHING_RELS else self.links).append(a["href"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name") or ""] = a.get("content", "")
        if "style" in a:
            self.styles.append(a["style"])
        if tag == "style" or (tag == "script" and a.get("id") == "__config"):
            self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "script":
            self.config = json.loads(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def css_urls(css: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]


def off_site(url: str) -> bool:
    """True for a URL that names a host (or a scheme other than data:): a request elsewhere."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


@pytest.fixture(scope="module")
def served(built_rich: Path) -> Iterator[str]:
    """The rich fixture's site as GitHub Pages serves it ('http://127.0.0.1:40123/factsheet/')."""
    with serve(built_rich / "site") as base:
        yield base


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, following redirects; errors are answers too."""
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def crawl(origin: str, starts: list[str], site_url: str) -> tuple[dict[str, int], list[str]]:
    """Follow every internal link and asset from `starts`.

    Returns {url: status} for everything fetched, and the broken fragments ('page#id' where
    the page has no such id). URLs under the published site_url are mapped to `origin`, so
    canonical links and og:image are checked too.
    """
    status: dict[str, int] = {}
    pages: dict[str, Page] = {}
    fragments: list[tuple[str, str, str]] = []
    queue = list(starts)
    while queue:
        url = queue.pop()
        if url in status:
            continue
        code, kind, body = fetch(url)
        status[url] = code
        found: list[str] = []
        if kind == "text/html":
            page = pages[url] = parse(body.decode("utf-8"))
            found = page.loaded + page.links
            found += [
                page.meta[k] for k in ("og:image", "og:url", "twitter:image") if k in page.meta
            ]
            if page.config:  # Material's search: its worker script and the index it loads
                base = urljoin(url, page.config["base"].rstrip("/") + "/")
                found += [page.config["search"], urljoin(base, "search/search_index.json")]
            found += [u for style in page.styles for u in css_urls(style)]
        elif kind == "text/css":
            found = css_urls(body.decode("utf-8"))
        for ref in found:
            if site_url and ref.startswith(site_url):
                ref = origin + ref[len(site_url) :]
            target, fragment = urldefrag(urljoin(url, ref))
            if not target.startswith(origin.split(PREFIX)[0]) or ref.startswith("data:"):
                continue  # another host (a source's page): not ours to fetch, and no network
            if fragment:
                fragments.append((url, target, fragment))
            queue.append(target)
    broken = [
        f"{page} links to {target}#{fragment}"
        for page, target, fragment in fragments
        if target in pages and fragment not in pages[target].ids
    ]
    return status, broken


def assert_every_link_answers_200(served: str, root: Path) -> None:
    """Every internal link and asset of the site of the sheet at `root`, served at `served`,
    answers 200, and every fragment names an id of its page."""
    site = root / "site"
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"]
    starts = [served + posixpath.dirname(p) + ("/" if "/" in p else "") for p in pages]
    status, broken_fragments = crawl(served, starts, Project.load(root).site_url)

    broken = {url: code for url, code in status.items() if code != 200}
    assert broken == {}
    assert broken_fragments == []
    fetched = set(status)
    assert f"{served}assets/social.png" in fetched
    assert f"{served}search/search_index.json" in fetched
    assert any(u.endswith(".css") for u in fetched) and any(u.endswith(".js") for u in fetched)
    assert {f"{served}{p}" for p in DOWNLOADS.values()} <= fetched


def assert_the_404_page_works(served: str, root: Path, deep: str) -> None:
    """An unknown address answers the site's 404 page, whose links and assets load even
    from a `deep` address ('figures/no/such/thing.html')."""
    for missing in ("no-such-page/", deep):
        code, kind, body = fetch(served + missing)
        assert (code, kind) == (404, "text/html")
        assert b"404" in body

    status, broken_fragments = crawl(served, [served + deep], Project.load(root).site_url)
    assert status.pop(served + deep) == 404
    assert {url: code for url, code in status.items() if code != 200} == {}
    assert any(url.endswith(".css") for url in status)  # its styles are found from deep paths
    assert served in status  # and its navigation leads home
    assert broken_fragments == []


def test_every_internal_link_and_asset_answers_200_under_a_sub_path(served: str, built_rich: Path):
    assert_every_link_answers_200(served, built_rich)


def test_the_404_page_answers_404_and_its_links_and_assets_load(served: str, built_rich: Path):
    assert_the_404_page_works(served, built_rich, "figures/no/such/thing.html")


def test_the_site_is_built_for_the_url_given_on_the_command_line(rich: Path):
    sheet = rich
    result = run(sheet, "build", "--site-url", "https://owner.github.io/other-repo")
    assert result.exit_code == 0, result.output
    home = (sheet / "site" / "index.html").read_text(encoding="utf-8")
    missing = (sheet / "site" / "404.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://owner.github.io/other-repo/">' in home
    assert 'href="/other-repo/assets/stylesheets/' in missing
    assert "example.github.io" not in home + missing
    figures = json.loads((sheet / "site" / "data" / "figures.json").read_text(encoding="utf-8"))
    assert all(
        f["permalink"].startswith("https://owner.github.io/other-repo/") for f in figures["figures"]
    )


# --- private by default -----------------------------------------------------------------------


def requests_elsewhere(site: Path) -> list[str]:
    """What any page, style sheet or drawing of `site` would fetch from another host."""
    offenders = []
    for html in sorted(site.rglob("*.html")):
        page = parse(html.read_text(encoding="utf-8"))
        urls = page.loaded + [u for style in page.styles for u in css_urls(style)]
        offenders += [f"{html.relative_to(site)}: {u}" for u in urls if off_site(u)]
    for css in sorted(site.rglob("*.css")):
        offenders += [
            f"{css.relative_to(site)}: {u}"
            for u in css_urls(css.read_text(encoding="utf-8"))
            if off_site(u)
        ]
    for svg in sorted(site.rglob("*.svg")):
        drawing = parse(svg.read_text(encoding="utf-8"))
        urls = drawing.loaded + [u for style in drawing.styles for u in css_urls(style)]
        offenders += [f"{svg.relative_to(site)}: {u}" for u in urls if off_site(u)]
    return offenders


def assert_no_web_fonts_analytics_or_cdn(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    page = parse(home)
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    assert "googletagmanager" not in home and "analytics" not in json.dumps(page.config)
    assert page.loaded, "the test must see the page's own assets"
    assert all(not off_site(u) for u in page.loaded)
    assert "https://" in " ".join(page.links)  # links to sources are allowed: they are only links


def test_no_page_loads_anything_from_another_host(built_rich: Path):
    assert requests_elsewhere(built_rich / "site") == []


def test_no_web_fonts_analytics_or_cdn_are_configured(built_rich: Path):
    assert_no_web_fonts_analytics_or_cdn(built_rich / "site")


def test_the_offsite_check_catches_what_a_browser_would_fetch():
    page = parse(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://example.org/">'
        '<script src="//cdn.example.net/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.net/b.png 2x">'
        '<a href="https://www.csis.org/report">source</a>'
        '<div style="background: url(https://t.example.net/p.gif)"></div>'
    )
    urls = page.loaded + [u for s in page.styles for u in css_urls(s)]
    assert [u for u in urls if off_site(u)] == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.net/x.js",
        "https://img.example.net/b.png",
        "https://t.example.net/p.gif",
    ]
    assert css_urls(
        '@import "https://x.example/a.css"; b{background:url(data:image/png;base64,AA)}'
    ) == [
        "https://x.example/a.css",
        "data:image/png;base64,AA",
    ]
    assert not off_site("data:image/png;base64,AA") and not off_site("../assets/x.css")


# --- the publishing workflow ------------------------------------------------------------------

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
ZIZMOR = Path(sys.executable).parent / "zizmor"

# The workflow as it was: deploys on every push, tests nothing, unpinned, broad permissions.
UNGATED = """\
on: {push: {branches: [main]}}
permissions: {contents: read, pages: write, id-token: write}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - id: pages
        uses: actions/configure-pages@v6
      - run: make site SITE_URL="${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v5
        with: {path: site}
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@v5
"""


def zizmor(workflow: Path) -> list[dict]:
    """zizmor's findings on one workflow: every audit, offline, no config file to silence any."""
    if not ZIZMOR.is_file():
        pytest.fail(f"{ZIZMOR} is missing: install the test extra (`make test` does)")
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--persona=pedantic", "--format=json"]
        + [str(workflow)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def uses(step: dict, action: str) -> bool:
    return str(step.get("uses", "")).startswith(action + "@")


def gate_problems(workflow: dict) -> list[str]:
    """Why a red build could still publish: [] when the job that deploys runs only after a job
    that runs `make lint` and `make test`, in that order and before the site is uploaded."""
    jobs: dict[str, dict] = workflow["jobs"]

    def needs(name: str) -> set[str]:
        direct = jobs[name].get("needs", [])
        direct = [direct] if isinstance(direct, str) else direct
        return set(direct).union(*(needs(n) for n in direct)) if direct else set()

    def job_with(action: str) -> str:
        found = [n for n, j in jobs.items() if any(uses(s, action) for s in j.get("steps", []))]
        assert len(found) == 1, f"{action} is used in {found}"
        return found[0]

    deploy, upload = job_with("actions/deploy-pages"), job_with("actions/upload-pages-artifact")
    if upload != deploy and upload not in needs(deploy):
        return [f"{deploy} does not need {upload}, the job that uploads the site"]
    problems = []
    for name in needs(deploy) | {deploy}:
        condition = str(jobs[name].get("if", ""))
        if "always()" in condition or "failure()" in condition or "cancelled()" in condition:
            problems.append(f"{name} runs even when a job it needs failed: if: {condition}")
    for name in needs(upload) | {upload}:
        steps = jobs[name].get("steps", [])
        runs = [str(s.get("run", "")).strip() for s in steps]
        if "make lint" not in runs or "make test" not in runs:
            continue
        lint, test = runs.index("make lint"), runs.index("make test")
        last = (
            len(steps)
            if name != upload
            else [uses(s, "actions/upload-pages-artifact") for s in steps].index(True)
        )
        lenient = [s for s in (steps[lint], steps[test]) if s.get("continue-on-error")]
        if lint < test < last and not lenient and not jobs[name].get("continue-on-error"):
            return [*problems, *skip_problems(steps, lint, test)]
    return [*problems, f"no job before {upload} runs `make lint` then `make test`"]


TESTED = "steps.tested.outputs.cache-hit != 'true'"
"""The only condition under which lint and tests may be skipped: this code's pass is found."""
TESTED_KEY = "factsheet-tested-${{ runner.os }}-${{ steps.code.outputs.hash }}"


def skip_problems(steps: list[dict], lint: int, test: int) -> list[str]:
    """Why lint or tests could be skipped for code that never passed them: [] when they run
    always, or unless the record that this very code (by hash) passed is found, a record
    saved after `make test`, under the same condition, and nowhere else."""
    conditions = {str(steps[i].get("if", "")) for i in (lint, test)}
    if conditions == {""}:
        return []
    if conditions != {TESTED}:
        return [f"lint or tests are skipped if: {sorted(conditions)}"]
    ids = [s.get("id") for s in steps]
    if "tested" not in ids or "code" not in ids:
        return ["lint and tests are skipped on a step this workflow does not define"]
    lookup = steps[ids.index("tested")]
    saves = [i for i, s in enumerate(steps) if uses(s, "actions/cache/save")]
    problems = []
    if not uses(lookup, "actions/cache/restore") or lookup.get("with", {}).get("key") != (
        TESTED_KEY
    ):
        problems.append("the record of a pass is not looked up by the code's hash")
    if not ids.index("code") < ids.index("tested") < lint:
        problems.append("the code's hash or its lookup comes after lint")
    good_saves = [
        i
        for i in saves
        if steps[i].get("with", {}).get("key") == TESTED_KEY
        and i > test
        and steps[i].get("if") == TESTED
    ]
    if not good_saves or len(good_saves) != len(
        [i for i in saves if steps[i].get("with", {}).get("key") == TESTED_KEY]
    ):
        problems.append("the record of a pass is saved other than after `make test`")
    return problems


def test_the_site_is_published_only_after_lint_and_tests_pass():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert gate_problems(workflow) == []
    jobs = workflow["jobs"]
    assert jobs["deploy"]["needs"] == ["build", "sheet"] and "needs" not in jobs["build"]


def test_the_gate_check_sees_a_workflow_that_publishes_untested_builds():
    workflow = yaml.safe_load(UNGATED)
    assert gate_problems(workflow) == ["no job before build runs `make lint` then `make test`"]
    steps = workflow["jobs"]["build"]["steps"]
    steps[3:3] = [{"run": "make test"}, {"run": "make lint"}]  # both, in the wrong order
    assert gate_problems(workflow) == ["no job before build runs `make lint` then `make test`"]
    steps[3:5] = [{"run": "make lint"}, {"run": "make test", "continue-on-error": True}]
    assert gate_problems(workflow) == ["no job before build runs `make lint` then `make test`"]
    steps[4] = {"run": "make test"}
    assert gate_problems(workflow) == []
    workflow["jobs"]["deploy"]["if"] = "${{ always() }}"
    assert gate_problems(workflow) == [
        "deploy runs even when a job it needs failed: if: ${{ always() }}"
    ]


def test_zizmor_finds_nothing_in_the_publishing_workflow():
    assert "zizmor: ignore" not in WORKFLOW.read_text(encoding="utf-8")
    assert [f"{f['ident']}: {f['desc']}" for f in zizmor(WORKFLOW)] == []


def test_zizmor_finds_what_the_old_workflow_did_wrong(tmp_path: Path):
    old = tmp_path / "pages.yml"
    old.write_text(UNGATED, encoding="utf-8")
    found = {f["ident"] for f in zizmor(old)}
    assert {"unpinned-uses", "artipacked", "template-injection", "excessive-permissions"} <= found


def test_ci_lints_before_it_tests():
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert "make lint" in lines and "make test" in lines
    assert lines.index("make lint") < lines.index("make test")


def test_the_deployment_stops_at_a_change_no_log_entry_names():
    """Issue 22: the build job compares the content with what the site publishes now, before
    it uploads anything, and fails on an unlogged change (not on stale figures)."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    check = next(i for i, r in enumerate(runs) if "factsheet check --against" in r)
    upload = [uses(s, "actions/upload-pages-artifact") for s in steps].index(True)
    assert check < upload and not steps[check].get("continue-on-error")
    assert '--against "${published}" --fail-unlogged' in runs[check]
    assert 'published="${BASE_URL}/data/figures.json"' in runs[check]
    assert "--strict" not in runs[check]


def test_the_deploy_starts_from_the_last_deploys_build_cache():
    """The Pages build restores `.cache/factsheet` (actions/cache, pinned to a commit) before it
    builds, under a key of its own per run; any earlier entry may be restored, since the
    build's entries are named by the hash of what decides them and checked on read."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [s.get("uses", "").split("@")[0] or s.get("name") for s in steps]
    cache = steps[names.index("actions/cache")]

    assert names.index("actions/cache") < names.index("Build the site")
    assert re.fullmatch(r"actions/cache@[0-9a-f]{40}", cache["uses"])
    assert cache["with"] == {
        "path": ".cache/factsheet",
        "key": "factsheet-build-${{ runner.os }}-${{ github.sha }}",
        "restore-keys": "factsheet-build-${{ runner.os }}-",
    }


def _build_steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def test_lint_and_tests_are_skipped_only_for_code_whose_pass_is_recorded():
    steps = _build_steps()
    runs = [str(s.get("run", "")).strip() for s in steps]
    lint, test = runs.index("make lint"), runs.index("make test")
    assert skip_problems(steps, lint, test) == []

    skipped_always = [dict(s) for s in steps]
    skipped_always[test]["if"] = "github.event_name == 'push'"
    assert skip_problems(skipped_always, lint, test) == [
        "lint or tests are skipped if: [\"github.event_name == 'push'\", "
        "\"steps.tested.outputs.cache-hit != 'true'\"]"
    ]
    by_commit = [dict(s) for s in steps]
    tested = [s.get("id") for s in steps].index("tested")
    by_commit[tested] = {
        **steps[tested],
        "with": {**steps[tested]["with"], "key": "t-${{ github.sha }}"},
    }
    assert skip_problems(by_commit, lint, test) == [
        "the record of a pass is not looked up by the code's hash"
    ]
    saved_first = [dict(s) for s in steps]
    save = [uses(s, "actions/cache/save") for s in steps].index(True)
    saved_first.insert(lint, saved_first.pop(save))  # recorded before lint and tests ran
    runs = [str(s.get("run", "")).strip() for s in saved_first]
    assert skip_problems(saved_first, runs.index("make lint"), runs.index("make test")) == [
        "the record of a pass is saved other than after `make test`"
    ]


def test_the_codes_hash_changes_with_any_tracked_file_but_those_in_content(tmp_path: Path):
    """The `code` step's own script, run in a repository: an edited figure keeps the hash
    (so the pass of the code is found), an edited template or workflow changes it."""
    script = next(s["run"] for s in _build_steps() if s.get("id") == "code")
    repo = tmp_path / "repo"
    for name, text in {
        "content/figures.yml": "figures: []\n",
        "content/editions/uk/figures.yml": "figures: []\n",
        "site_src/pages/index.md.j2": "# Home\n",
        "generator/numbers.py": "X = 1\n",
    }.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")

    def commit_and_hash() -> str:
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], check=True)
        out = tmp_path / "output"
        out.write_text("", encoding="utf-8")
        env = {"GITHUB_OUTPUT": str(out), "PATH": "/usr/bin:/bin"}
        subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=repo, env=env, check=True)
        (line,) = out.read_text(encoding="utf-8").splitlines()
        assert re.fullmatch(r"hash=[0-9a-f]{64}", line), line
        return line

    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    first = commit_and_hash()
    (repo / "content/figures.yml").write_text("figures: [{id: a}]\n", encoding="utf-8")
    (repo / "content/editions/uk/figures.yml").write_text("figures: [{id: a}]\n", "utf-8")
    after_content = commit_and_hash()
    (repo / "site_src/pages/index.md.j2").write_text("# Home page\n", encoding="utf-8")
    after_template = commit_and_hash()
    (repo / "generator/numbers.py").write_text("X = 2\n", encoding="utf-8")
    after_code = commit_and_hash()

    assert after_content == first
    assert len({first, after_template, after_code}) == 3


def test_a_content_only_deploy_checks_the_sheet_and_waits_for_its_tests():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    checked = runs.index("make .venv/.installed\n.venv/bin/factsheet check\n")
    upload = [uses(s, "actions/upload-pages-artifact") for s in steps].index(True)
    sheet_runs = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["sheet"]["steps"])

    assert checked < upload and "if" not in steps[checked]
    assert "pytest tests/sheet" in sheet_runs
    assert "sheet" in workflow["jobs"]["deploy"]["needs"]


def _make_dry_run(*args: str) -> list[str]:
    """The commands `make -n -B` would run (none is run)."""
    out = subprocess.run(
        ["make", "-n", "-B", *args], cwd=REPO, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def test_make_sets_the_environment_up_with_uv_when_told_and_with_pip_otherwise():
    with_uv = _make_dry_run(".venv/.installed-test", "UV=uv")
    with_pip = _make_dry_run(".venv/.installed-test", "UV=")

    assert "uv pip install --quiet --python .venv/bin/python -e ." in with_uv
    assert "uv pip install --quiet --python .venv/bin/python -e '.[test]'" in with_uv
    assert any(
        "|| uv venv --quiet --python " in line and line.endswith(" .venv") for line in with_uv
    )
    assert not any("-m pip" in line for line in with_uv)
    assert ".venv/bin/python -m pip install --quiet -e ." in with_pip
    assert ".venv/bin/python -m pip install --quiet -e '.[test]'" in with_pip


def test_every_job_that_installs_takes_uv_pinned_by_hash_before_it():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    pinned = (REPO / ".github" / "uv-requirements.txt").read_text(encoding="utf-8")

    assert workflow["env"] == {"UV": "uv"}
    assert re.search(r"^uv==[\d.]+ --hash=sha256:[0-9a-f]{64}$", pinned, re.M)
    for name, job in workflow["jobs"].items():
        runs = [str(s.get("run", "")) for s in job["steps"]]
        makes = [i for i, r in enumerate(runs) if re.search(r"^make ", r, re.M)]
        if not makes:
            continue
        install = runs.index(
            "python -m pip install --quiet --require-hashes -r .github/uv-requirements.txt"
        )
        assert install < makes[0], name
