"""Atomic saving: a file is either wholly replaced or left as it was (Qt-free).

The text goes to a hidden temporary file beside the target, ``.NAME.XXXXXXXX.tmp``, is
fsynced and then renamed over the target with ``os.replace``. Any failure removes the
temporary file. Only a process killed mid-write can leave one behind, so each save first
removes such leftovers of earlier saves into the same folder once they are older than
``STALE_AFTER_S``: no save still running is that slow.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from gdviz.i18n import translate

STALE_AFTER_S = 15 * 60
# What ``tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")`` makes for the files gdviz saves:
# its 8 random characters are lowercase letters, digits and "_".
_TEMPORARY = re.compile(r"\..+\.(gdviz|csv|json)\.[a-z0-9_]{8}\.tmp")


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that either all of it lands or nothing changes.

    Args:
        path: the file to write; a symlink is followed and its target replaced.
        text: the whole new content.

    Raises:
        OSError: the folder is not writable, the disk is full, ...; the message names
            ``path``, the old file is intact and no temporary file is left.
    """
    path = Path(os.path.realpath(path))
    try:
        remove_stale_temporaries(path.parent)
        _write_and_replace(path, text)
        _fsync_folder(path.parent)
    except OSError as e:
        raise _naming(e, path) from e


def _write_and_replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the rename makes them visible
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644  # mkstemp's 0600 would hide a shared file from other users
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)  # still there only if something above failed
        except FileNotFoundError:
            pass


def _naming(error: OSError, path: Path) -> OSError:
    """``error`` (same class, same errno) with a message naming the file being saved."""
    if error.errno is None:
        return OSError(translate("FileChecks", "cannot save {path}: {error}").format(path=path, error=error))
    return OSError(error.errno, error.strerror or str(error), str(path))


def remove_stale_temporaries(folder, now: float | None = None) -> list:
    """Remove what saves killed mid-write left in ``folder``: gdviz's temporary files older
    than STALE_AFTER_S.

    Args:
        folder: the folder a save is about to write into.
        now: the time to measure age from (``time.time()`` by default).

    Returns:
        The names removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed  # the save itself will report an unusable folder
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER_S:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            pass  # another save removed it, or it is not ours to remove: not this save's problem
    return removed


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX); Windows
    # cannot open a folder, and the file itself is already safe, so skip it there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
