"""What the browser tests share: the browser's settings, and how a page visit is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
# WCAG 2.1 A and AA, and axe-core's best practices (landmarks, dialog names, headings...):
# what they find is fixed in the theme, never switched off here.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The rules of AXE_TAGS whose result depends on the colours shown: a page in its other colour
scheme has the same document (Material switches an attribute, and CSS which drawing is shown),
so it is checked by these alone."""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LOCAL_SCHEMES = {"data", "blob", "about"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Visit:
    """What a reader's browser reported on one page."""

    url: str
    status: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)
    in_flight: set[object] = field(default_factory=set, repr=False)


def is_local(url: str) -> bool:
    """True for loopback and for URLs that never touch the network (data:, blob:)."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOOPBACK


def is_embed(path: str) -> bool:
    """True for a chart's embed page (`embed/<chart-id>/`): a bare page for other sites'
    <iframe>s, without Material, that follows the system's colour scheme by CSS alone."""
    return path.startswith("embed/")


def name(path: str) -> str:
    """A page's path as messages show it."""
    return path or "home page"


def visit(context, url: str):
    """Open `url` in a new tab, wait until the network is quiet, and record what went wrong.

    Returns the open page (close it when done) and its Visit, which keeps recording.
    """
    page = context.new_page()
    result = Visit(url, 0)
    page.on("console", lambda m: result.console_errors.append(m.text) if m.type == "error" else 0)
    page.on("pageerror", lambda exc: result.console_errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda r: result.failed_requests.append(f"{r.url}: {r.failure}"))
    page.on(
        "response",
        lambda r: (
            result.failed_requests.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None
        ),
    )
    pending = result.in_flight
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    response = page.goto(url, wait_until="load")
    wait_until_quiet(page, pending)
    result.status = response.status if response else 0
    return page, result


QUIET_MS = 150
"""How long a page must make no request to count as loaded: its scripts' requests (Material's
search worker, lazy drawings) start within a frame or two of the load event. Playwright's
"networkidle" waits 500 ms, on each of about 70 visits a session."""


def wait_until_quiet(
    page, pending: set[object], quiet_ms: int = QUIET_MS, timeout_ms: int = 15_000
) -> None:
    """Return once `page` has had no request in flight for `quiet_ms` (`pending` is kept by the
    page's request events); fail after `timeout_ms`. Before closing a visited page, quiet_ms=0
    lets what it still loads finish, so closing it aborts no request (a failed request)."""
    quiet = waited = 0
    while quiet < quiet_ms or pending:
        if waited >= timeout_ms:
            raise AssertionError(f"{page.url}: requests still in flight after {timeout_ms} ms")
        page.wait_for_timeout(25)  # lets Playwright deliver the page's events
        waited += 25
        quiet = 0 if pending else quiet + 25


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations of WCAG 2.1 A and AA and of its best practices, on the page as it
    is now; or of `rules` alone (e.g. AXE_COLOUR_RULES)."""
    page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        "only => axe.run(document, {runOnly: only})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))})))",
        only,
    )


def describe_violations(violations: list[dict]) -> str:
    """axe-core's findings as lines a person can act on: rule, element, what is wrong."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
