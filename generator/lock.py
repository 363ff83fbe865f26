"""One build of a fact sheet at a time: an advisory lock on a file in the sheet's cache.

The kernel releases a `flock` when its process ends, however it ends, so a build killed with
SIGKILL never leaves a lock that blocks the next one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
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
    """Hold the lock at `path`; wait up to `timeout` seconds for another holder, saying so.

    The lock is opened without following a link, and only a regular file is used: a link
    committed to the sheet's repository must not make a build write its PID into another
    file (UsageError, nothing written). A folder where the lock belongs is removed: the cache
    is made of what factsheet can make again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        what = "a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise UsageError(f"{shown}: cannot open the build lock: {what}; remove it") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"{shown}: the build lock is not a regular file; remove it")
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
