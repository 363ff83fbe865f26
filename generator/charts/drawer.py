"""vl-convert in a process of its own, so that drawing takes the second core.

vl-convert holds Python's lock (the GIL) for the whole of each call, its engine's start (about
a second) included, so a thread cannot draw while the build goes on. A child process can: on
a clean build it starts the engine while the content is read (`Drawer.ahead`), draws the SVGs
the pages need (their sizes go into the pages), then rasterises the PNGs and the social image
while the pages, downloads and feed are written. The build waits for it (`finish`) only
before the site engine runs, which must find every file in place.

The child imports vl-convert alone and reads one job a line (JSON), answering each in order
with one line; images and the drawings they are made from go through files, so neither side
ever waits on a full pipe. A job that fails comes back as an error, raised in the build.
"""

from __future__ import annotations

import json
import subprocess
import sys
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..errors import BuildFailed
from .offline import check_offline
from .specs import VEGA_LITE

__all__ = ["Drawer", "DrawingFailed"]

STARTED: list[int] = []
"""The process id of every child started in this process: tests check that a build with
every drawing cached starts none."""

_CHILD = r"""
import json, os, sys
import vl_convert as vlc

def version(wanted):
    return wanted if wanted in vlc.get_vegalite_versions() else None

def run(job):
    op = job["op"]
    if op == "svg":
        return vlc.vegalite_to_svg(
            job["spec"], vl_version=version(job["version"]), allowed_base_urls=[])
    if op == "warm":
        vlc.vegalite_to_svg(
            {"mark": "point", "data": {"values": [{}]}}, vl_version=version(job["version"]))
        return None
    if op == "png":
        with open(job["svg"], encoding="utf-8") as source:
            drawing = source.read()
        os.remove(job["svg"])
        image = vlc.svg_to_png(drawing, scale=job["scale"])
    elif op == "vega-png":
        image = vlc.vega_to_png(job["spec"], scale=job["scale"], allowed_base_urls=[])
    else:
        raise ValueError("unknown job " + repr(op))
    with open(job["out"], "wb") as out:
        out.write(bytes(image))
    return None

for line in sys.stdin:
    try:
        answer = {"ok": run(json.loads(line))}
    except Exception as exc:
        answer = {"error": type(exc).__name__ + ": " + str(exc)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
"""


class DrawingFailed(BuildFailed):
    """vl-convert could not draw a chart or an image (or its process died)."""


Then = Callable[[Any], None]


class Drawer:
    """A child process drawing with vl-convert; jobs are answered in the order sent."""

    def __init__(self) -> None:
        self._procs: list[subprocess.Popen[str]] = []
        """The child, once started (at most one)."""
        self._waiting: list[tuple[str, Then | None]] = []
        """Each job sent and not answered yet: what it was, and what to do with its answer."""
        self._done: list[Callable[[], None]] = []
        """What to do once every job is answered (cache the images the child wrote)."""
        # A build that fails before `finish` (a content error) leaves no process behind.
        weakref.finalize(self, _stop, self._procs)

    @classmethod
    def ahead(cls, cache_dir: Path) -> Drawer:
        """A drawer whose engine starts now, when the chart cache holds no drawing (a clean
        build, which will draw every chart): it starts while the content is read. Otherwise
        one that starts only if a drawing turns out to be missing."""
        drawer = cls()
        if not any(cache_dir.glob("*.svg")):
            drawer._send({"op": "warm", "version": _version()}, "starting vl-convert", None)
        return drawer

    def svg(self, spec: dict[str, Any]) -> str:
        """The SVG of a Vega-Lite spec, refused if it would make a browser fetch anything;
        waits for it (the page needs the drawing's size)."""
        drawn: list[str] = []
        self._send({"op": "svg", "spec": spec, "version": _version()}, "a chart", drawn.append)
        while not drawn:
            self._answer()
        check_offline(drawn[0])
        return drawn[0]

    def png(self, svg: str, scale: float, out: Path, then: Callable[[bytes], None]) -> None:
        """Rasterise `svg` into `out` while the build goes on; `then(png)` once `finish` has
        it. The drawing goes to the child as a dotfile beside `out`, which it removes."""
        source = out.with_name(f".{out.name}.svg")
        source.write_text(svg, encoding="utf-8")
        job = {"op": "png", "svg": str(source), "scale": scale, "out": str(out)}
        self._send(job, f"the image {out.name}", None)
        self._done.append(lambda: then(out.read_bytes()))

    def vega_png(
        self, spec: dict[str, Any], scale: float, out: Path, then: Callable[[bytes], None]
    ) -> None:
        """The PNG of a Vega spec into `out`, while the build goes on; `then(png)` at
        `finish`."""
        self._send(
            {"op": "vega-png", "spec": spec, "scale": scale, "out": str(out)},
            f"the image {out.name}",
            None,
        )
        self._done.append(lambda: then(out.read_bytes()))

    def finish(self) -> None:
        """Wait for every job, then hand each image to its `then`; DrawingFailed for a job
        that failed (which stops the child). The child stays for more jobs (the preview
        keeps one between rebuilds: its engine starts once) until `close`."""
        while self._waiting:
            self._answer()
        done, self._done = self._done, []
        for then in done:
            then()

    def close(self) -> None:
        """Stop the child (if any), dropping what it has not done."""
        _stop(self._procs, kill=bool(self._waiting))
        self._waiting.clear()
        self._done.clear()

    @property
    def _proc(self) -> subprocess.Popen[str] | None:
        return self._procs[0] if self._procs else None

    def _start(self) -> subprocess.Popen[str]:
        if not self._procs:
            proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            self._procs.append(proc)
            STARTED.append(proc.pid)
        return self._procs[0]

    def _send(self, job: dict[str, Any], what: str, then: Then | None) -> None:
        proc = self._start()
        stdin: IO[str] | None = proc.stdin
        try:
            assert stdin is not None
            stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died() from None
        self._waiting.append((what, then))

    def _answer(self) -> None:
        """Read the next answer and act on it."""
        proc = self._proc
        line = proc.stdout.readline() if proc is not None and proc.stdout else ""
        if not line:
            raise self._died()
        what, then = self._waiting.pop(0)
        answer = json.loads(line)
        if "error" in answer:
            self.close()
            raise DrawingFailed(
                f"vl-convert could not draw {what or 'an image'}: {answer['error']}"
            )
        if then is not None:
            then(answer["ok"])

    def _died(self) -> DrawingFailed:
        code = self._proc.poll() if self._proc else None
        self.close()
        return DrawingFailed(f"the chart drawing process stopped (exit status {code})")


def _version() -> str:
    """The Vega-Lite version the specs are written for ('6.4'); the child draws with its
    latest when vl-convert does not have it."""
    return ".".join(VEGA_LITE.split(".")[:2])


def _stop(procs: list[subprocess.Popen[str]], kill: bool = True) -> None:
    """End the child: its input closed, it stops once its jobs are done, or at once (`kill`,
    when what it is doing is no longer wanted)."""
    while procs:
        proc = procs.pop()
        try:
            if kill:
                proc.kill()
            if proc.stdin:
                proc.stdin.close()
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdout:
                proc.stdout.close()
