"""One build of a fact sheet at a time: an advisory lock on a file in the sheet's cache.

The kernel releases a `flock` when its process ends, however it ends, so a build killed with
SIGKILL never leaves a lock that blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError

TIMEOUT_VARIABLE = "FACTSHEET_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 300.0
"""Seconds a build waits for another build of the same sheet; a real build takes seconds."""


def timeout_from_environment() -> float:
    value = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        seconds = float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise UsageError(f"{TIMEOUT_VARIABLE} must be a number of seconds, not {value[:20]!r}")
    return seconds


@contextmanager
def held(path: Path, timeout: float, shown: str) -> Iterator[None]:
    """Hold the lock at `path`; wait up to `timeout` seconds for another holder, saying so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        if not _take(fd):
            holder = _holder(fd)
            print(
                f"Waiting for another build of this sheet{holder} to finish"
                f" (up to {timeout:g} s)...",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + timeout
            while not _take(fd):
                if time.monotonic() >= deadline:
                    raise UsageError(
                        f"another build of this sheet{holder} still holds {shown} after "
                        f"{timeout:g} s; let it finish or stop it, then build again "
                        f"({TIMEOUT_VARIABLE} sets how long to wait)"
                    )
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _take(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """' (process N)' from the lock file, to help find the other build; '' if unknown."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (process {text})" if text.isdigit() else ""
