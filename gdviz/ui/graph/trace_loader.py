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

from PySide6.QtCore import Signal

from gdviz.engine import Session, Variable, trace_backprop, trace_forward, traverse_postorder
from gdviz.lesson.update_steps import explain_updates
from gdviz.ui.newest_job import NewestJobThread

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


class TraceLoader(NewestJobThread):
    """Computes traces in a thread of its own; ``loaded(Traces)`` arrives in the GUI thread."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__("gdviz-traces", parent)

    def request(self, prepare, context=None) -> int:
        """Trace what ``prepare()`` returns, replacing any request not yet started."""
        return self.submit(lambda serial: TraceJob(prepare, serial, context))

    def work(self, job) -> None:
        try:
            with MODEL_LOCK:
                loss, feed, *update_args = job.prepare()  # + (optimizer, variables)
                forward, backward, *updates = compute_traces(loss, feed, *update_args)
            self.loaded.emit(Traces(loss, forward, backward, job.serial, job.context,
                                    updates[0] if updates else ()))
        except Exception as e:  # reported; the thread serves on
            if isinstance(e, RuntimeError) and "already deleted" in str(e):
                raise  # the loader itself is gone: NewestJobThread ends the thread
            self.failed.emit(traceback.format_exc())
