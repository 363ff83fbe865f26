"""The folders a build replaces whole (docs_dir, site_dir): which ones it may replace, and how.

A build only replaces a folder that is missing, empty, or was made by factsheet: every folder
it makes holds a marker file. Anything else is refused before any work, and nothing is
touched. The swap never leaves a moment without the folder where the system allows it.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import UsageError

MARKER = ".factsheet-output"
"""A dotfile: MkDocs skips dotfiles in docs_dir, so it never reaches a page or the search."""
MARKER_TEXT = (
    "This folder was made by `factsheet build`, which replaces it whole on every build.\n"
    "Keep nothing of your own here.\n"
)
STAGING_PREFIX = ".factsheet-build-"

# What every site and generated folder that factsheet built before markers existed holds:
# MkDocs' own files plus the generator's data downloads. Used only to let an upgrade replace
# an earlier build's output, and only if the new build makes every file that folder holds.
_EARLIER_BUILD = {
    "docs_dir": ("index.md", "data/figures.json", "assets/factsheet.css"),
    "site_dir": (
        "index.html",
        "404.html",
        "sitemap.xml",
        "search/search_index.json",
        "data/figures.json",
    ),
}


def mark(folder: Path) -> None:
    """Sign a freshly made output folder as factsheet's, so the next build may replace it."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def claim(folder: Path, key: str, shown: str) -> bool:
    """Check that a build may replace `folder`; True if it is an earlier build without a marker,
    which `confirm_earlier_build` must check against the new output before the swap."""
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(
            f"mkdocs.yml: {key} '{shown}' is a file, not a folder; a build replaces {key} "
            f"whole, so nothing was touched. Set {key} to a new folder, such as 'site'."
        )
    if not any(folder.iterdir()) or _is_regular_file(folder / MARKER):
        return False
    if all((folder / name).is_file() for name in _EARLIER_BUILD[key]):
        return True
    raise _not_ours(key, shown, f"holds files factsheet did not make (it has no {MARKER} file)")


def confirm_earlier_build(old: Path, new: Path, key: str, shown: str) -> None:
    """Replace an unmarked earlier build only if the new build makes every file it holds:
    then nothing of anyone's own is lost."""
    extra = sorted(
        p.relative_to(old).as_posix()
        for p in old.rglob("*")
        if not p.is_dir() and not (new / p.relative_to(old)).is_file()
    )
    if extra:
        listed = ", ".join(extra[:3]) + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
        raise _not_ours(
            key,
            shown,
            f"looks like an earlier build but holds files this build does not make: {listed}",
        )


def _not_ours(key: str, shown: str, why: str) -> UsageError:
    return UsageError(
        f"mkdocs.yml: {key} '{shown}' {why}. A build replaces "
        f"{key} whole, so nothing was touched. Point {key} at a new or empty folder, or, if "
        f"'{shown}' holds only an earlier build, delete it (rm -r '{shown}') and build again."
    )


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def remove_leftovers(root: Path, targets: list[Path]) -> list[Path]:
    """Delete what builds killed mid-way left behind: staging folders in `root` and the
    `.NAME.old-PID` folders of a two-rename swap. Call only while holding the build lock: then
    no other build is running, so every such folder is stale."""
    found = [*root.glob(f"{STAGING_PREFIX}*")]
    for target in targets:
        found += [
            p
            for p in target.parent.glob(f".{glob.escape(target.name)}.old-*")
            if re.fullmatch(rf"\.{re.escape(target.name)}\.old-\d+", p.name)
        ]
    removed = []
    for path in found:
        if path.is_dir() and not path.is_symlink():  # never follow a link out of the sheet
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def swap(new: Path, target: Path) -> None:
    """Put folder `new` at `target`, replacing what was there.

    On Linux the two folders trade places in one step (renameat2 RENAME_EXCHANGE), so
    `target` exists at every instant; elsewhere, or on file systems without it, two renames.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old folder
        return
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically trade two existing paths; False when not possible here (then nothing moved)."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOENT, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # `b` does not exist yet, or the kernel or file system cannot exchange
    raise OSError(code, os.strerror(code), str(b))


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (AttributeError, OSError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function
