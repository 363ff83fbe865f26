"""Entries in the sheet's cache folder, `.cache/factsheet/`, never trusted.

The folder may hold anything: a build killed mid-write, a disk that filled, a person's edit, a
link committed to the sheet's repository. So an entry is written as a header carrying the
SHA-256 of its bytes, then the bytes, into a temporary file that is renamed into place; on
read, an entry whose header or hash does not match, or that is not a regular file, is treated
as missing (and removed): the caller makes it again, nothing damaged is ever published.
Entries are opened without following a link, and `guard` refuses a cache that holds a link
(or anything but files and folders) before any build reads or writes it: a link could point a
write at any file the build's user may write.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..errors import UsageError

MAGIC = b"factsheet-cache 1 sha256="
"""The start of every entry's header; the header ends with a new line."""
_HEADER = len(MAGIC) + 64 + 1


def read(path: Path) -> bytes | None:
    """The bytes stored at `path` by `write`, or None when they are missing or damaged in any
    way (and then the entry is removed, so that `write` can put a good one there)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None  # missing, a link, or unreadable
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file")
        with os.fdopen(os.dup(fd), "rb") as file:
            stored = file.read()
    except OSError:
        stored = b""
    finally:
        os.close(fd)
    head, data = stored[:_HEADER], stored[_HEADER:]
    if head == MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n":
        return data
    discard(path)
    return None


def write(path: Path, data: bytes) -> bool:
    """Store `data` at `path` whole or not at all (a parallel reader never sees half an entry).
    False when it could not be stored: a cache that cannot be written only costs a later build
    the work again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)  # a folder where an entry belongs: built past
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def discard(path: Path) -> None:
    """Remove the entry at `path`, whatever it is (a link itself, not what it points to)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def prune(folder: Path, keep: set[str]) -> None:
    """Remove every entry of `folder` whose name is not in `keep`: what the build that just
    ran did not use is what an earlier content, code or language made."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name not in keep:
            discard(folder / name)


def guard(root: Path, folder: Path, shown: str) -> None:
    """Make `folder` (the sheet's cache, inside `root`) safe to read and write, or refuse.

    A symbolic link at the folder, on the way to it, or anywhere in it, and any entry that
    is neither a regular file nor a folder (a FIFO, a socket, a device), is refused with a
    UsageError naming it: nothing is written through it. Anything else wrong (the folder, or
    a folder on the way, is a file) is removed: the cache holds nothing that cannot be made
    again.
    """
    here = root
    for part in folder.relative_to(root).parts:
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return  # made when first written
        except OSError as exc:
            raise UsageError(f"{shown}: cannot read the cache folder: {exc.strerror}") from None
        if stat.S_ISLNK(mode):
            raise UsageError(_refusal(root, here, "a symbolic link"))
        if not stat.S_ISDIR(mode):
            if not stat.S_ISREG(mode):
                raise UsageError(_refusal(root, here, "neither a file nor a folder"))
            here.unlink()  # a file where the cache's folder belongs: built past
            return
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                raise UsageError(_refusal(root, path, "a symbolic link"))
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise UsageError(_refusal(root, path, "neither a file nor a folder"))


def _refusal(root: Path, path: Path, what: str) -> str:
    shown = path.relative_to(root).as_posix()
    return (
        f"{shown} is {what}; the cache may hold only files and folders factsheet made, and a "
        f"build never writes through a link: remove {shown} (or the whole cache folder, which "
        "is made again)"
    )
