"""Reading session and dataset files in a thread of their own.

Parsing and checking a 100,000-point file takes a fraction of a second on a fast machine
and more on a slow one: File → Open hands the path to a ``FileReader`` and the window
keeps drawing and training meanwhile. The result arrives in the GUI thread as one
``ReadResult``; only the newest request's result counts (an older one is stale), and a
refused file carries its error so that the window can name it, with nothing changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gdviz.session import files

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


class FileReader(QObject):
    """Reads one file at a time off the GUI thread; ``done(ReadResult)`` arrives in the GUI thread."""

    done = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._condition = threading.Condition()
        self._path = None
        self._stop = False
        self.serial = 0
        self._thread = threading.Thread(target=self._run, name="gdviz-files", daemon=True)
        self._thread.start()

    def read(self, path) -> int:
        """Read ``path``, replacing any request not yet started. Returns its serial."""
        with self._condition:
            self.serial += 1
            self._path = (Path(path), self.serial)
            self._condition.notify()
            return self.serial

    def is_current(self, result: ReadResult) -> bool:
        return result.serial == self.serial

    def cancel(self) -> None:
        """Forget the request: its result is stale when it arrives."""
        with self._condition:
            self.serial += 1
            self._path = None

    def stop(self) -> None:
        self.cancel()
        with self._condition:
            self._stop = True
            self._condition.notify()
        self._thread.join(2.0)

    def _run(self):
        while True:
            with self._condition:
                while self._path is None and not self._stop:
                    self._condition.wait()
                if self._stop:
                    return
                (path, serial), self._path = self._path, None
            try:
                result = ReadResult(serial, path, content=read_file(path))
            except READ_ERRORS as e:
                result = ReadResult(serial, path, error=e)
            except Exception as e:  # a bug, not the file's fault: named all the same
                result = ReadResult(serial, path, error=ValueError(f"{type(e).__name__}: {e}"))
            with self._condition:
                if self._stop:
                    return
            try:
                self.done.emit(result)
            except RuntimeError:  # the window went while reading: nobody to tell
                return
