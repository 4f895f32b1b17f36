"""The neuron view's worker: every unit's heatmap, computed off the GUI thread.

A ``NewestJobThread`` (the app's one "newest request wins" thread): the GUI hands the
newest request over; the thread computes the units' outputs and their colours and emits
a self-contained result (copies, read only) carrying the request's serial, so that the
view drops a result that a newer request has overtaken. A request waiting when another
comes is replaced. ``stop()`` ends the thread after what it is computing.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import Signal

from gdviz.lesson.neurons import output_ranges, unit_outputs
from gdviz.ui.neurons.unit_colours import NeuronColours, edge_strengths, unit_images
from gdviz.ui.newest_job import NewestJobThread
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


class NeuronThread(NewestJobThread):
    """Computes the newest NeuronRequest; emits ``resultReady`` or ``failed``."""

    resultReady = Signal(object)  # NeuronResult
    failed = Signal(int, str)  # serial, what went wrong

    def __init__(self, parent=None):
        super().__init__("neuronThread", parent)
        self._blas_limited = False

    def request(self, request: NeuronRequest) -> None:
        """Compute ``request`` next, replacing one that waits (not one under way)."""
        self.submit(lambda _serial: request)

    def abort_requested(self) -> bool:
        """True once ``stop`` was called (a long computation may check it)."""
        return self.stopping

    def is_alive(self) -> bool:
        """The thread runs (until ``stop``)."""
        return self._thread.is_alive()

    def work(self, request: NeuronRequest) -> None:
        if not self._blas_limited:
            self._blas_limited = use_one_blas_thread()
        try:
            result = compute(request)
        except Exception:  # reported to the view, which says so; the thread keeps serving
            self.failed.emit(request.serial, traceback.format_exc(limit=4))
            return
        if not self.stopping:  # closed meanwhile: nobody is waiting for it
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
