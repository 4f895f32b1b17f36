"""Traces computed off the GUI thread: the graph view follows edits without freezing.

Loading a step into the graph panel runs the model once and copies every node's value
and every edge's gradient (``trace_forward``, ``trace_backprop``): with 100,000 points
that is a tenth of a second or more, too long for the GUI thread after every edit.
A ``TraceLoader`` does it in a thread of its own, one request at a time, the newest
request replacing any that waits (like the boundary grid's thread), and hands the
traces back through a queued signal. The engine keeps each thread's run apart (a run
record per thread), and the lock keeps one loader or the GUI at a time on a model.

Given the optimizer (and the Variables it trains), the traces also carry the update it
would make next, one ``UpdateStep`` per Variable (``lesson.update_steps``): the player
shows it after the backward pass.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from gdviz.engine import Session, Variable, trace_backprop, trace_forward, traverse_postorder
from gdviz.lesson.update_steps import explain_updates

# Held while a model's Variables are set and its traces taken (here or in the GUI thread).
MODEL_LOCK = threading.Lock()


@dataclass(frozen=True)
class TraceJob:
    """What to trace: ``prepare()`` sets the model up (weights) and returns (loss, feed),
    or (loss, feed, optimizer, variables) for the optimizer's update steps too."""

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
    updates: tuple = ()  # UpdateStep per Variable, when the optimizer was given


def compute_traces(loss, feed_dict, optimizer=None, variables=None):
    """The forward and backward traces of one run of ``loss`` (in the calling thread).

    Args:
        loss: the node to run and differentiate.
        feed_dict: placeholder -> value.
        optimizer: if given, the update it would make next is worked out too, from the
            backward trace's gradients (the optimizer and the Variables are not changed).
        variables: the Variables the optimizer trains, in its order (a minimize op's
            var_list); by default every Variable the loss depends on, as ``minimize``.

    Returns:
        (forward, backward), or (forward, backward, updates) when ``optimizer`` is given.
    """
    forward = trace_forward(loss, feed_dict, session=Session())
    backward = trace_backprop(loss)
    if optimizer is None:
        return forward, backward
    if variables is None:
        variables = [n for n in traverse_postorder(loss) if isinstance(n, Variable)]
    return forward, backward, explain_updates(optimizer, variables, backward.grad_table, loss.name)


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
                    loss, feed, *update_args = job.prepare()  # + (optimizer, variables)
                    forward, backward, *updates = compute_traces(loss, feed, *update_args)
                self.loaded.emit(Traces(loss, forward, backward, job.serial, job.context,
                                        updates[0] if updates else ()))
            except Exception:  # reported; the thread serves on
                self.failed.emit(traceback.format_exc())
