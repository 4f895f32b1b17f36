"""Traces computed off the GUI thread: the graph view follows edits without freezing.

Loading a step into the graph panel runs the model once and copies every node's value
and every edge's gradient (``trace_forward``, ``trace_backprop``): with 100,000 points
that is a tenth of a second or more, too long for the GUI thread after every edit.
A ``TraceLoader`` does it in a thread of its own, one request at a time, the newest
request replacing any that waits (like the boundary grid's thread), and hands the
traces back through a queued signal. The engine keeps each thread's run apart (a run
record per thread), and the lock keeps one loader or the GUI at a time on a model.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from gdviz.engine import Session, trace_backprop, trace_forward

# Held while a model's Variables are set and its traces taken (here or in the GUI thread).
MODEL_LOCK = threading.Lock()


@dataclass(frozen=True)
class TraceJob:
    """What to trace: ``prepare()`` sets the model up (weights) and returns (loss, feed)."""

    prepare: object
    serial: int
    context: object = None  # handed back with the traces (e.g. the step)


@dataclass(frozen=True)
class Traces:
    loss: object
    forward: object
    backward: object
    serial: int
    context: object = None


def compute_traces(loss, feed_dict):
    """The forward and backward traces of one run of ``loss`` (in the calling thread)."""
    forward = trace_forward(loss, feed_dict, session=Session())
    return forward, trace_backprop(loss)


class TraceLoader(QObject):
    """Computes traces in a thread of its own; ``loaded(Traces)`` arrives in the GUI thread."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._condition = threading.Condition()
        self._job = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="gdviz-traces", daemon=True)
        self._thread.start()
        self.serial = 0

    def request(self, prepare, context=None) -> int:
        """Trace what ``prepare()`` returns, replacing any request not yet started."""
        with self._condition:
            self.serial += 1
            self._job = TraceJob(prepare, self.serial, context)
            self._condition.notify()
            return self.serial

    def cancel(self) -> None:
        """Forget any request: traces still on their way are stale when they arrive."""
        with self._condition:
            self.serial += 1
            self._job = None

    def stop(self) -> None:
        with self._condition:
            self._stop = True
            self._condition.notify()
        self._thread.join(2.0)

    def _run(self):
        while True:
            with self._condition:
                while self._job is None and not self._stop:
                    self._condition.wait()
                if self._stop:
                    return
                job, self._job = self._job, None
            try:
                with MODEL_LOCK:
                    loss, feed = job.prepare()
                    forward, backward = compute_traces(loss, feed)
                self.loaded.emit(Traces(loss, forward, backward, job.serial, job.context))
            except Exception:  # reported; the thread serves on
                self.failed.emit(traceback.format_exc())
