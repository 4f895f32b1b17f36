"""Each point's own loss and the selected point's pull, computed off the GUI thread.

A ``PullThread`` runs ``gdviz.lesson.point_pull`` in a thread of its own, on a Model of
its own (a graph belongs to one thread), one job at a time: the newest request replaces
any that waits, as the boundary grid's thread and the trace loader do. Results come back
through a queued signal, carrying copies. ``stop()`` sets the stop flag, wakes the thread
and waits for it, whether it waits, computes or has never had a job.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from gdviz.lesson.point_pull import PointPull, own_losses, point_pull
from gdviz.training.datasets import Dataset
from gdviz.training.models import Model, ModelConfig
from gdviz.ui import gui_gc

STOP_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class PullJob:
    """What to compute: the losses of ``dataset``'s points at ``weights`` and, if
    ``index`` is a point, its pull. ``losses``: compute every point's own loss (the halos)."""

    config: ModelConfig
    n_classes: int
    weights: tuple
    dataset: Dataset
    index: int | None
    losses: bool = True
    serial: int = 0


@dataclass(frozen=True)
class PullResult:
    """``own_losses`` (len(dataset),) or None, and ``pull`` (a PointPull) or None."""

    dataset: Dataset
    own_losses: np.ndarray | None
    pull: PointPull | None
    serial: int


def compute_pull(job: PullJob, model: Model) -> PullResult:
    """The job's numbers on ``model`` (its weights are set to the job's)."""
    model.set_weights(job.weights)
    losses = own_losses(model, job.dataset) if job.losses else None
    pull = None
    if job.index is not None and 0 <= job.index < len(job.dataset) and np.any(job.dataset.train_mask):
        pull = point_pull(model, job.dataset, job.index)
    return PullResult(job.dataset, losses, pull, job.serial)


class PullThread(QObject):
    """Computes PullJobs in a thread of its own; ``computed(PullResult)`` arrives in the GUI thread."""

    computed = Signal(object)
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self._condition = threading.Condition()
        self._job = None
        self._stop = False
        self._model = None  # (config, n_classes, Model): rebuilt when the model changes
        self.serial = 0
        self._thread = threading.Thread(target=self._run, name="gdviz-point-pull", daemon=True)
        self._thread.start()

    def request(self, job: PullJob) -> int:
        """Compute ``job`` next, replacing any job not yet started; returns its serial."""
        with self._condition:
            self.serial += 1
            self._job = PullJob(job.config, job.n_classes, tuple(np.array(w) for w in job.weights),
                                job.dataset, job.index, job.losses, self.serial)
            self._condition.notify()
            return self.serial

    def stop(self) -> bool:
        """Stop the thread; True once it has ended (within STOP_TIMEOUT_S)."""
        with self._condition:
            self._stop = True
            self._job = None
            self._condition.notify()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(STOP_TIMEOUT_S)
        return not self._thread.is_alive()

    def _model_for(self, job: PullJob) -> Model:
        if self._model is None or self._model[:2] != (job.config, job.n_classes):
            self._model = (job.config, job.n_classes, Model(job.config, job.n_classes, job.weights))
        return self._model[2]

    def _run(self):
        while True:
            with self._condition:
                while self._job is None and not self._stop:
                    self._condition.wait()
                if self._stop:
                    return
                job, self._job = self._job, None
            try:
                result = compute_pull(job, self._model_for(job))
            except Exception:  # reported; the thread serves on
                self.failed.emit(traceback.format_exc())
                continue
            with self._condition:
                if self._stop:
                    return
            self.computed.emit(result)
