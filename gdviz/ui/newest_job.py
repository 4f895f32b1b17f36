"""A thread of its own for work the GUI must not wait on, where only the newest request counts.

Reading a file, tracing a step for the graph, drawing a past step's boundary: each is
asked for again and again (every edit, every scrubber move), takes longer than a frame,
and is stale as soon as a newer request comes. ``NewestJobThread`` holds at most one
waiting job (a newer one replaces it), numbers the requests (``serial``) so that a
result can be recognised as stale when it arrives, and stops cleanly. Subclasses
implement ``work(job)``, which runs in the thread and reports through Qt signals
(queued to the GUI thread).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from gdviz.ui import gui_gc

STOP_TIMEOUT_S = 2.0


class NewestJobThread(QObject):
    """Runs ``work(job)`` for the newest ``submit``ted job, one at a time, in a thread.

    Args:
        name: the thread's name (seen in debuggers and profilers).
    """

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self._condition = threading.Condition()
        self._job = None
        self._running = False
        self._stopping = False
        self.serial = 0  # of the newest request; a result of an older one is stale
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, make_job) -> int:
        """Queue ``make_job(serial)``'s job, replacing any not yet started. Returns the serial."""
        with self._condition:
            self.serial += 1
            self._job = make_job(self.serial)
            self._condition.notify()
            return self.serial

    def cancel(self) -> None:
        """Forget any waiting job: whatever is on its way is stale when it arrives."""
        with self._condition:
            self.serial += 1
            self._job = None

    def is_current(self, serial: int) -> bool:
        return serial == self.serial

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def busy(self) -> bool:
        """A job waits or runs."""
        with self._condition:
            return self._job is not None or self._running

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """End the thread after the job it is doing (waiting at most ``timeout`` s for it).
        True once it has ended."""
        with self._condition:
            self.serial += 1
            self._stopping, self._job = True, None
            self._condition.notify()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self):
        while True:
            with self._condition:
                while self._job is None and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                job, self._job = self._job, None
                self._running = True
            try:
                self.work(job)
            except RuntimeError as e:  # a signal of an object Qt has deleted: nobody to tell
                if "already deleted" in str(e):
                    return
                raise
            finally:
                with self._condition:
                    self._running = False

    def work(self, job) -> None:
        raise NotImplementedError


def stop_with_owner(owner, stop, shutdown) -> None:
    """Tie a worker thread's end to the widget that owns it: ``stop()`` when the widget is
    deleted without being closed, and ``shutdown()`` (the widget's own) when the
    application quits, so that no thread outlives what it computes for."""
    from PySide6.QtCore import QCoreApplication

    owner.destroyed.connect(lambda *_: stop())
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(shutdown)
