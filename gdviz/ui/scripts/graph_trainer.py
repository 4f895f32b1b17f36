"""Training a learner's own graph: its minimisation op, run in a QThread of its own.

``gdviz.show(J)`` on a graph with ``GradientDescentOptimizer(...).minimize(J)`` lets
Play and Step train it: one step is ``session.run(min_op, feed_dict)``, exactly what the
learner's script does. The steps run in this thread, never the GUI's; the GUI hands
commands (play, pause, step) under a lock and wakes the thread, which reads them
between steps. The thread sends ``TrainFrame``s (the step and the loss curve so far,
copies) at most FRAME_INTERVAL_S apart and only when the GUI has taken the previous
one (``frame_taken``): a GUI that falls behind gets fewer frames, never a queue. A
frame with ``paused`` set comes after every pause or step: the GUI then redraws the
graph. ``stop()`` sets the stop flag, wakes the thread and waits for it.

Each step holds ``MODEL_LOCK`` (gdviz.ui.graph.trace_loader): the traces and the
boundary grid, computed in other threads, read the Variables between steps.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QThread, Signal

from gdviz.engine import Session
from gdviz.ui.graph.trace_loader import MODEL_LOCK
from gdviz.ui import gui_gc

FRAME_INTERVAL_S = 1 / 30  # at most this many frames a second while playing
MAX_CURVE_POINTS = 5_000  # the curve keeps every other point beyond this


@dataclass(frozen=True)
class TrainFrame:
    """What the GUI shows of training: the step, the loss curve, whether it is paused."""

    step: int
    steps: np.ndarray
    losses: np.ndarray
    paused: bool


def find_minimization(loss):
    """The graph's minimisation op for ``loss`` (the last one), or None."""
    from gdviz.engine import MinimizationOperation

    graph = getattr(loss, "graph", None)
    ops = [op for op in getattr(graph, "operations", ())
           if isinstance(op, MinimizationOperation) and op.loss is loss]
    return ops[-1] if ops else None


class GraphTrainer(QThread):
    """Runs ``min_op`` on ``feed_dict`` when told to.

    Signals:
        framed(TrainFrame): the newest step and curve (see the module's docstring).
        failed(str): a step raised (training pauses).
    """

    framed = Signal(object)
    failed = Signal(str)

    def __init__(self, loss, min_op, feed_dict=None, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self.loss, self.min_op = loss, min_op
        self.feed = dict(feed_dict or {})
        self._condition = threading.Condition()
        self._playing = False
        self._steps_wanted = 0
        self._stop = False
        self._frame_in_flight = False
        self.step = 0
        self._curve_steps, self._curve_losses = [], []

    # **** commands from the GUI ****

    def play(self) -> None:
        with self._condition:
            self._playing = True
            self._condition.notify()
        if not self.isRunning():
            self.start()

    def pause(self) -> None:
        with self._condition:
            self._playing = False
            self._steps_wanted = 0
            self._condition.notify()

    def step_once(self) -> None:
        """One step (and a paused frame after it)."""
        with self._condition:
            self._playing = False
            self._steps_wanted += 1
            self._condition.notify()
        if not self.isRunning():
            self.start()

    @property
    def playing(self) -> bool:
        with self._condition:
            return self._playing

    def frame_taken(self) -> None:
        """The GUI has shown the last frame: the next may come."""
        with self._condition:
            self._frame_in_flight = False
            self._condition.notify()

    def stop(self) -> None:
        """End the thread (between two steps) and wait for it."""
        with self._condition:
            self._stop = True
            self._condition.notify()
        self.wait()

    # **** the thread ****

    def run(self) -> None:
        session = Session()
        last_frame = 0.0
        while True:
            with self._condition:
                while not (self._stop or self._playing or self._steps_wanted):
                    self._condition.wait()
                if self._stop:
                    return
                stepping = not self._playing
                if stepping:
                    self._steps_wanted -= 1
            try:
                with MODEL_LOCK, np.errstate(all="ignore"):
                    loss = float(np.sum(session.run(self.loss, self.feed)))
                    session.run(self.min_op, self.feed)
            except Exception as error:  # the learner's op may fail in any way
                self.pause()
                self.failed.emit(self.tr("training step {step} failed: {error}").format(
                    step=self.step + 1, error=f"{type(error).__name__}: {error}"))
                continue
            self._record(loss)
            now = time.monotonic()
            with self._condition:
                paused = not self._playing and not self._steps_wanted
                due = paused or (not self._frame_in_flight and now - last_frame >= FRAME_INTERVAL_S)
                if due:
                    self._frame_in_flight = True
            if due:
                last_frame = now
                self.framed.emit(TrainFrame(self.step, np.array(self._curve_steps, dtype=float),
                                            np.array(self._curve_losses, dtype=float), paused))

    def _record(self, loss: float) -> None:
        """The loss before step ``self.step`` (the curve's point), then one step more."""
        self._curve_steps.append(self.step)
        self._curve_losses.append(loss)
        self.step += 1
        if len(self._curve_steps) > MAX_CURVE_POINTS:
            del self._curve_steps[1::2], self._curve_losses[1::2]
