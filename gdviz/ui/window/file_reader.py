"""Reading session and dataset files in a thread of their own.

Parsing and checking a 100,000-point file takes a fraction of a second on a fast machine
and more on a slow one: File → Open hands the path to a ``FileReader`` and the window
keeps drawing and training meanwhile. The result arrives in the GUI thread as one
``ReadResult``; only the newest request's result counts (an older one is stale), and a
refused file carries its error so that the window can name it, with nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal

from gdviz.session import files
from gdviz.ui.newest_job import NewestJobThread

READ_ERRORS = (files.FileFormatError, OSError, ValueError)


@dataclass(frozen=True)
class ReadResult:
    """What reading ``path`` gave: a ``files.Session`` or a ``Dataset``, or the error."""

    serial: int
    path: Path
    content: object = None
    error: Exception | None = None


def read_file(path: Path):
    """A session for a .gdviz file, else a dataset (.csv, .json). Raises READ_ERRORS."""
    if path.suffix.lower() == files.SESSION_SUFFIX:
        return files.load_session(path)
    return files.load_dataset(path)


class FileReader(NewestJobThread):
    """Reads one file at a time off the GUI thread; ``done(ReadResult)`` arrives in the GUI thread."""

    done = Signal(object)

    def __init__(self, parent=None):
        super().__init__("gdviz-files", parent)

    def read(self, path) -> int:
        """Read ``path``, replacing any request not yet started. Returns its serial."""
        return self.submit(lambda serial: (Path(path), serial))

    def is_current(self, result: ReadResult) -> bool:
        return result.serial == self.serial

    def work(self, job) -> None:
        path, serial = job
        try:
            result = ReadResult(serial, path, content=read_file(path))
        except READ_ERRORS as e:
            result = ReadResult(serial, path, error=e)
        except Exception as e:  # a bug, not the file's fault: named all the same
            result = ReadResult(serial, path, error=ValueError(f"{type(e).__name__}: {e}"))
        if not self.stopping:
            self.done.emit(result)
