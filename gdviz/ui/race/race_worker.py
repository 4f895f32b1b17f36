"""The race worker: a thin QThread that runs a ``Race`` and reports coalesced snapshots.

The thread builds the race itself (one Model per entrant and a first measure of the
loss: for a big model on many points, too much for the GUI thread), sends the
snapshot of the start, and waits to be played. As in Qt for Python's Mandelbrot
example, the GUI steers the thread through a hand-off under a lock (play, pause, the
steps limit, stop) and wakes it; the thread reads the hand-off between rounds of the
race (one step of every entrant), so a pause or a stop takes effect within one round. The thread never touches a widget: it
emits ``RaceSnapshot``s, which are immutable.

Snapshots are coalesced: at most ``max_fps`` a second, and none while
``MAX_SNAPSHOTS_IN_FLIGHT`` wait in the GUI's event queue unacknowledged (the GUI
calls ``snapshot_consumed``). The race goes on meanwhile and the next snapshot carries
its newest state, so however fast the race runs the queue cannot grow. The snapshot of
where the race paused or ended is always sent.
"""

from __future__ import annotations

import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QThread, Signal

from gdviz.training.datasets import Dataset
from gdviz.training.race import Race
from gdviz.ui.training.grid_thread import use_one_blas_thread
from gdviz.ui import gui_gc

MAX_SNAPSHOTS_PER_SECOND = 20
MAX_SNAPSHOTS_IN_FLIGHT = 2
STOP_TIMEOUT_MS = 2000
PAUSE_TIMEOUT_SECONDS = 1.0


class RaceWorker(QThread):
    """Builds a ``Race`` and runs it up to ``max_steps`` rounds while playing.

    Args:
        entrants, dataset, weights: as ``Race`` takes them; the race is built in the
            thread, and only the thread touches it.
        max_steps: the steps limit (rounds: one step of every entrant each).
        max_fps: at most this many snapshots a second.
    """

    snapshot_ready = Signal(object)  # RaceSnapshot
    race_over = Signal()  # the steps limit is reached, or no entrant can go on
    failed = Signal(str)  # what went wrong, with the traceback

    def __init__(self, entrants, dataset: Dataset, weights, max_steps: int,
                 max_fps: float = MAX_SNAPSHOTS_PER_SECOND, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self.setObjectName("raceWorker")
        self._problem = (tuple(entrants), dataset, [np.array(w, dtype=float) for w in weights])
        self._interval = 1.0 / max_fps
        self._condition = threading.Condition()
        # The hand-off, under the lock.
        self._max_steps = int(max_steps)
        self._playing = False
        self._abort = False
        self._idle = True
        self._in_flight = 0
        self.emitted = 0  # snapshots sent so far (for tests and curious readers)

    # **** the GUI's side: each only writes to the hand-off ****

    def play(self) -> None:
        """Run the race (starting the thread the first time)."""
        with self._condition:
            self._playing = True
            self._idle = False
            self._condition.notify_all()
        if not self.isRunning():
            self.start()

    def pause(self, wait: bool = False) -> bool:
        """Stop taking steps. With ``wait``, return once the thread has stopped
        (True) or after PAUSE_TIMEOUT_SECONDS (False)."""
        with self._condition:
            self._playing = False
            self._condition.notify_all()
            if wait and self.isRunning():
                return self._condition.wait_for(lambda: self._idle or self._abort, PAUSE_TIMEOUT_SECONDS)
        return True

    def set_max_steps(self, max_steps: int) -> None:
        """A new steps limit, read before the next round."""
        with self._condition:
            self._max_steps = int(max_steps)
            self._condition.notify_all()

    def snapshot_consumed(self) -> None:
        """The GUI has handled a snapshot: another may be sent."""
        with self._condition:
            self._in_flight = max(0, self._in_flight - 1)

    @property
    def playing(self) -> bool:
        with self._condition:
            return self._playing

    @property
    def idle(self) -> bool:
        """True when the thread takes no steps (paused, over, or not started)."""
        with self._condition:
            return self._idle

    def stop(self) -> bool:
        """End the thread whatever it is doing; True if it ended within STOP_TIMEOUT_MS."""
        with self._condition:
            self._abort = True
            self._playing = False
            self._condition.notify_all()
        return bool(self.wait(STOP_TIMEOUT_MS)) if self.isRunning() else True

    # **** the thread ****

    def run(self):
        use_one_blas_thread()  # small products: OpenBLAS's own threads would only spin
        try:
            self._run()
        except Exception:  # a bug in the race must not leave the GUI waiting in silence
            with self._condition:
                self._playing, self._idle = False, True
                self._condition.notify_all()
            self.failed.emit(self.tr("The race stopped:\n{traceback}").format(traceback=traceback.format_exc()))

    def _run(self):
        race = Race(*self._problem)
        last_sent = -float("inf")
        unsent = True  # steps taken since the last snapshot (or none sent yet)
        while True:
            with self._condition:
                limit = self._max_steps
                go = self._playing and race.rounds < limit and race.running
                if not go:
                    self._playing = False
            if not go:
                if unsent:  # where the race paused or ended, always sent
                    self._send(race)
                    unsent = False
                if race.rounds >= limit or not race.running:
                    self.race_over.emit()
                with self._condition:
                    self._idle = True
                    self._condition.notify_all()
                    self._condition.wait_for(lambda: self._abort or self._playing)
                    if self._abort:
                        return
                continue
            race.step(1)
            unsent = True
            now = time.monotonic()
            if now - last_sent >= self._interval and self._may_send():
                self._send(race)
                last_sent, unsent = now, False

    def _may_send(self) -> bool:
        with self._condition:
            return self._in_flight < MAX_SNAPSHOTS_IN_FLIGHT and not self._abort

    def _send(self, race: Race):
        snapshot = race.snapshot()
        with self._condition:
            if self._abort:
                return
            self._in_flight += 1
            self.emitted += 1
        self.snapshot_ready.emit(snapshot)
