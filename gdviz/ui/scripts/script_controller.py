"""Running a learner's script from the GUI: a child process, polled by a timer, never waited on.

``ScriptController.run(path)`` starts a ``gdviz.scripts.runner.ScriptRun`` (the script
in a child process of its own) and polls it every POLL_MS from a QTimer: the GUI
thread only asks "has it ended?", which never blocks. ``finished(ScriptResult)`` comes
once, however the script ended: normally, with an exception, ``sys.exit``, a crash, its
time limit, or ``stop()`` (the Stop button), which kills the child at once. A new run
stops the one before. Closing the window stops the child too (``stop``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from gdviz.scripts.runner import ScriptRun

POLL_MS = 50
SCRIPT_TIMEOUT_S = 600.0  # a script still running after this long is stopped


class ScriptController(QObject):
    """One script at a time, in a child process.

    Signals:
        started(object): the script's path, as it starts.
        finished(object): its ScriptResult.
    """

    started = Signal(object)
    finished = Signal(object)

    def __init__(self, parent=None, timeout: float | None = SCRIPT_TIMEOUT_S):
        super().__init__(parent)
        self.setObjectName("scriptController")
        self.timeout = timeout
        self.run_ = None
        self.check = False
        self.last_result = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def run(self, path, check: bool = False, cwd=None) -> None:
        """Start ``path`` (stopping any script still running).

        Args:
            path: the script.
            check: also check the gradients of its main graph (``result.checks``).
            cwd: the folder it runs in (default: its own).
        """
        self.stop()
        self.check = check
        self.run_ = ScriptRun(path, timeout=self.timeout, check=check, cwd=cwd).start()
        self._timer.start()
        self.started.emit(Path(path))

    @property
    def running(self) -> bool:
        return self.run_ is not None and self._timer.isActive()

    def stop(self) -> None:
        """Kill the running script, if any (``finished`` says it was stopped)."""
        if self.running:
            self._end(self.run_.stop())

    def _poll(self) -> None:
        result = self.run_.poll()
        if result is not None:
            self._end(result)

    def _end(self, result) -> None:
        self._timer.stop()
        self.last_result = result
        self.finished.emit(result)
