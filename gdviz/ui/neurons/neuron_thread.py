"""The neuron view's worker: every unit's heatmap, computed off the GUI thread.

The pattern of Qt's Mandelbrot example, as the landscape's thread: the GUI hands the
newest request over under a mutex and wakes the thread; the thread takes it, computes
the units' outputs and their colours, and emits a self-contained result (copies, read
only) carrying the request's serial, so that the view drops a result that a newer
request has overtaken. A request waiting when another comes is replaced: the newest
wins. ``stop()`` sets the abort flag, wakes the thread and waits for it.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QMutex, QMutexLocker, QThread, QWaitCondition, Signal

from gdviz.lesson.neurons import output_ranges, unit_outputs
from gdviz.ui.neurons.unit_colours import NeuronColours, edge_strengths, unit_images
from gdviz.ui.training.grid_thread import read_only, use_one_blas_thread


@dataclass(frozen=True, eq=False)
class NeuronRequest:
    """The pictures to compute: the model, copies of its weights, the plane and the colours."""

    serial: int
    config: object
    weights: tuple
    extent: tuple
    resolution: int
    colours: NeuronColours


@dataclass(frozen=True, eq=False)
class NeuronResult:
    """The computed pictures of one request. Every array is a read-only copy.

    ``images``: per layer (units, res, res, 4) uint8, row 0 at the top of the plane;
    ``ranges``: per layer (units, 2), each unit's (min, max) over the plane;
    ``strengths``: per weight matrix, each weight's size relative to the largest.
    """

    serial: int
    weights: tuple
    images: list
    ranges: list
    strengths: list
    computed_by: int = field(default_factory=threading.get_ident)  # the computing thread


class NeuronThread(QThread):
    """Computes the newest NeuronRequest; emits ``resultReady`` or ``failed``."""

    resultReady = Signal(object)  # NeuronResult
    failed = Signal(int, str)  # serial, what went wrong

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("neuronThread")
        self._mutex = QMutex()
        self._wake = QWaitCondition()
        self._request = None
        self._abort = False

    # **** the GUI's side ****

    def request(self, request: NeuronRequest) -> None:
        """Compute ``request`` next, replacing one that waits (not one under way)."""
        with QMutexLocker(self._mutex):
            if self._abort:
                return
            self._request = request
            self._wake.wakeOne()
        if not self.isRunning():
            self.start(QThread.LowPriority)

    def stop(self) -> None:
        """Drop what waits, end the thread; returns when it has ended."""
        with QMutexLocker(self._mutex):
            self._abort = True
            self._request = None
            self._wake.wakeOne()
        self.wait()

    def abort_requested(self) -> bool:
        """True once ``stop`` was called (a long computation may check it)."""
        with QMutexLocker(self._mutex):
            return self._abort

    # **** the thread's side ****

    def run(self):
        use_one_blas_thread()
        while True:
            with QMutexLocker(self._mutex):
                while self._request is None and not self._abort:
                    self._wake.wait(self._mutex)
                if self._abort:
                    return
                request, self._request = self._request, None
            try:
                result = compute(request)
            except Exception:  # reported to the view, which says so; the thread keeps serving
                self.failed.emit(request.serial, traceback.format_exc(limit=4))
                continue
            with QMutexLocker(self._mutex):
                if self._abort:
                    return
            self.resultReady.emit(result)


def compute(request: NeuronRequest) -> NeuronResult:
    """The pictures of ``request`` (in the calling thread)."""
    outputs = unit_outputs(request.config, request.weights, request.extent, request.resolution)
    images = unit_images(request.config, outputs, request.colours)
    ranges = output_ranges(outputs)
    strengths = edge_strengths(request.weights)
    read_only(*images, *ranges, *strengths)
    weights = tuple(np.array(w) for w in request.weights)
    read_only(*weights)
    return NeuronResult(request.serial, weights, images, ranges, strengths)
