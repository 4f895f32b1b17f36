"""Work off the GUI thread, newest request first: a thread of its own and one signal back.

The learner's graph window has three kinds of heavy work, each a plain function: the
traces of the graph (every value and gradient copied), the decision boundary's grid
(the graph run on thousands of points) and the gradient check (the graph run hundreds
of times). A ``JobThread`` runs one kind: ``request(fn)`` replaces any request that has
not started yet (only the newest picture matters), the thread runs ``fn()`` and
``done`` carries its result back to the GUI thread (a queued signal: the QObject lives
there, the emit comes from the worker). The worker never touches a widget; ``stop()``
sets the stop flag, wakes the thread and waits for it, and the window calls it on close.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

STOP_WAIT_S = 10.0  # a job running when the window closes is waited for this long at most


@dataclass(frozen=True)
class JobResult:
    serial: int
    value: object


@dataclass(frozen=True)
class JobFailure:
    serial: int
    message: str  # the exception, one line
    details: str  # the traceback


class JobThread(QObject):
    """Runs requested functions in one thread, newest first.

    Signals:
        done(JobResult): a function returned.
        failed(JobFailure): a function raised.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self._condition = threading.Condition()
        self._job = None
        self._running = False
        self._stop = False
        self.serial = 0
        self._thread = threading.Thread(target=self._run, name=f"gdviz-{name}", daemon=True)
        self._thread.start()

    def request(self, fn) -> int:
        """Run ``fn()`` in the thread, instead of any request still waiting. Returns its serial."""
        with self._condition:
            self.serial += 1
            self._job = (self.serial, fn)
            self._condition.notify()
            return self.serial

    @property
    def busy(self) -> bool:
        """A request waits or runs."""
        with self._condition:
            return self._job is not None or self._running

    def stop(self) -> None:
        """Forget any waiting request, let a running one finish, end the thread."""
        with self._condition:
            self._stop = True
            self._job = None
            self._condition.notify()
        self._thread.join(STOP_WAIT_S)

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._job is None and not self._stop:
                    self._condition.wait()
                if self._stop:
                    return
                (serial, fn), self._job = self._job, None
                self._running = True
            try:
                result = JobResult(serial, fn())
            except Exception as error:  # reported in the window; the thread serves on
                result = JobFailure(serial, f"{type(error).__name__}: {error}", traceback.format_exc())
            with self._condition:
                self._running = False
                if self._stop:
                    return
            (self.done if isinstance(result, JobResult) else self.failed).emit(result)
