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

import traceback
from dataclasses import dataclass

from PySide6.QtCore import Signal

from gdviz.ui.newest_job import NewestJobThread

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


class JobThread(NewestJobThread):
    """Runs requested functions in one thread, newest first.

    Signals:
        done(JobResult): a function returned.
        failed(JobFailure): a function raised.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, parent=None):
        super().__init__(f"gdviz-{name}", parent)
        self.setObjectName(name)

    def request(self, fn) -> int:
        """Run ``fn()`` in the thread, instead of any request still waiting. Returns its serial."""
        return self.submit(lambda serial: (serial, fn))

    def stop(self) -> bool:
        """Forget any waiting request, let a running one finish, end the thread."""
        return super().stop(STOP_WAIT_S)

    def work(self, job) -> None:
        serial, fn = job
        try:
            result = JobResult(serial, fn())
        except Exception as error:  # reported in the window; the thread serves on
            result = JobFailure(serial, f"{type(error).__name__}: {error}", traceback.format_exc())
        if not self.stopping:
            (self.done if isinstance(result, JobResult) else self.failed).emit(result)
