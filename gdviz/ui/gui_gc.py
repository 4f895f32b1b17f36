"""Python's cycle collector runs in the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when a
generation fills up: gdviz's worker threads (reading a file, the boundary grid, the
training worker) allocate a lot, so a closed window's cycle was sometimes collected in
one of them. Its widgets were then destroyed outside the GUI thread: Qt's destructor
took a signal-slot lock and waited for the GIL, while the GUI thread, holding the GIL,
waited for that lock (a deadlock caught in the tests: a file-reading thread collecting
a closed window's menus while the GUI thread deleted another's actions).

``ensure(app)`` turns automatic collection off and collects on a timer in the GUI thread
instead, generation by generation (pyqtgraph's ``GarbageCollector`` does the same). Every owner of a worker thread calls it; the first
call for an application installs it, later ones do nothing. Reference counting, which
frees almost everything, is untouched: only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 250  # how often the GUI thread looks whether a generation is due
OBJECT_NAME = "gdvizGuiThreadCollector"


class GuiThreadCollector(QObject):
    """Collects cycles on a timer in the thread of ``parent`` (the application)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.thresholds = gc.get_threshold()
        self._long_lived = 0  # objects in the oldest generation after its last collection
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()
        parent.destroyed.connect(_enable_again)

    def collect_due(self) -> int:
        """Collect the youngest generation if anything was allocated since the last look,
        and an older one when as many younger collections have passed as Python's
        thresholds say. Returns how many unreachable objects were found.

        Unlike Python's own rule (a generation fills up), a cycle is found within a tick
        of the timer even when little else is allocated: a closed window's widgets are
        freed soon after it closes. As in Python, the whole heap (tens of milliseconds)
        is examined only once it has grown by a quarter since the last time."""
        counts, (_, t1, t2) = gc.get_count(), self.thresholds
        if counts[0] <= 0:
            return 0
        if counts[1] < t1:
            return gc.collect(0)
        if counts[2] < t2 or len(gc.get_objects(2)) - self._long_lived < self._long_lived // 4:
            return gc.collect(1)
        found = gc.collect(2)
        self._long_lived = len(gc.get_objects(2))
        return found


def _enable_again(*_):
    gc.enable()  # no application any more: whatever thread allocates collects again


def ensure(app: QCoreApplication | None = None) -> GuiThreadCollector | None:
    """Install the collector on ``app`` (the running application by default) once.

    Returns it, or None when there is no application yet or when called off the GUI
    thread (it must run where the widgets live)."""
    app = app or QCoreApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        return None
    collector = app.findChild(GuiThreadCollector, OBJECT_NAME)
    return collector if collector is not None else GuiThreadCollector(app)
