"""The boundary grid thread: turns the newest training snapshot into a Frame, off the GUI thread.

It owns its own Model graph (a graph belongs to one thread) and evaluates the class
probabilities on the boundary grid in one batched run, mostly inside numpy with the
GIL released; then it makes the heatmap colours and boundary segments, so that the
GUI only uploads. It takes one job at a time: while it is busy, the training worker
keeps only the newest snapshot, and that goes next.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
import time
import traceback
from dataclasses import dataclass

import numpy as np

from gdviz.training.boundary import boundary_segments, heatmap_rgb32
from gdviz.training.models import Model, ModelConfig, architecture_key
from gdviz.training.protocol import SnapshotMessage
from gdviz.training.trainer import Snapshot


GRID_BUDGET_S = 0.001  # while playing, one grid evaluation should take at most this long
MIN_GRID_SIZE = 40
# Weights that moved less than this (relative) since the last picture keep it: the
# boundary would not move by a pixel.
MOVE_TOLERANCE = 1e-4


@dataclass(frozen=True)
class Frame:
    """What the GUI draws after some training. Every array is a read-only copy.

    ``probabilities`` has shape (ny, nx, n_classes): row i is y = ys[i], column j is
    x = xs[j] of the grid spanning ``extent`` (xmin, xmax, ymin, ymax). The curves are
    (steps, values) pairs.
    """

    snapshot: Snapshot
    config: ModelConfig
    probabilities: np.ndarray
    extent: tuple
    loss_curve: tuple
    accuracy_curve: tuple
    test_loss_curve: tuple
    steps_per_second: float
    playing: bool
    serial: int  # increases with every frame
    applied: int = 0  # the worker's command serial this frame reflects (see TrainingWorker.post)
    heatmap: np.ndarray | None = None  # heatmap_rgb32(probabilities), made off the GUI thread
    boundary: np.ndarray | None = None  # boundary_segments(probabilities, extent), likewise
    optimizer_state: object = None  # the optimizer's state at the snapshot (OptimizerState)
    weight_history: tuple | None = None  # (steps, flat weight rows): the timeline's


def use_one_blas_thread() -> bool:
    """Make numpy's OpenBLAS use one thread for the calling thread's products.

    The grid's products are just big enough for OpenBLAS to fan out to its own
    threads, which then spin waiting for more work and take the core that training
    needs (measured: a spinning BLAS thread at 75 % of a core, training at 30 %).
    ``openblas_set_num_threads_local`` (OpenBLAS >= 0.3.27) limits only this thread.

    Returns:
        True if the limit was set; False if numpy's BLAS is not an OpenBLAS with that
        function (then nothing changes).
    """
    libs_dir = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in sorted(glob.glob(os.path.join(libs_dir, "*openblas*"))):
        try:
            set_local = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        set_local.argtypes = [ctypes.c_int]
        set_local(1)
        return True
    return False


def read_only(*arrays):
    """Mark the arrays read-only (they are shared between threads); returns them."""
    for a in arrays:
        a.flags.writeable = False
    return arrays


def _moved_less_than(before, after, tolerance) -> bool:
    """True if no weight moved by more than ``tolerance`` (relative to its size)."""
    return all(np.max(np.abs(np.asarray(a) - b) / (1.0 + np.abs(b)), initial=0.0) < tolerance
               for a, b in zip(after, before))


@dataclass(frozen=True)
class GridJob:
    """A snapshot to draw on the boundary grid, and the serial its Frame will carry."""

    message: SnapshotMessage
    extent: tuple
    grid_size: int
    serial: int
    applied: int = 0  # the last command batch the snapshot reflects


class GridThread(threading.Thread):
    """Evaluates the boundary grid for the latest job and publishes the Frame."""

    def __init__(self, publish, report_error, done):
        super().__init__(name="gdviz-boundary-grid", daemon=True)
        self._publish = publish
        self._report_error = report_error
        self._done = done  # called after each job: the worker may have a newer one
        self._condition = threading.Condition()
        self._job = None
        self._busy = False
        self._abort = False
        self._model = None
        self._model_key = None
        self._grid_key = None
        self._grid_points = None
        self._last = None  # (key, weights, probabilities, heatmap, boundary, size) last drawn
        self._playing_size = 10**6  # the grid's resolution while training plays

    def submit(self, job) -> bool:
        """Hand over a job unless one is pending or running. Returns True if taken."""
        with self._condition:
            if self._busy or self._abort:
                return False
            self._job, self._busy = job, True
            self._condition.notify()
            return True

    def stop(self):
        with self._condition:
            self._abort = True
            self._condition.notify()

    @property
    def idle(self) -> bool:
        with self._condition:
            return not self._busy

    def run(self):
        use_one_blas_thread()
        while True:
            with self._condition:
                while self._job is None and not self._abort:
                    self._condition.wait()
                if self._abort:
                    return
                job, self._job = self._job, None
            try:
                frame = self._make_frame(job)
                if frame is not None:
                    self._publish(frame)
            except Exception:  # reported to the GUI; the thread keeps serving
                self._report_error(traceback.format_exc())
            finally:
                with self._condition:
                    self._busy = False
                self._done()

    def _make_frame(self, job: GridJob):
        message, extent = job.message, job.extent
        snapshot, config, n_classes = message.snapshot, message.config, message.n_classes
        key = (architecture_key(config), n_classes)
        # The frame budget. Weights that moved too little to change a pixel are not
        # evaluated again: the frame carries the last picture (the GUI sees it is the
        # same and uploads nothing). While training plays, the grid is as coarse as keeps
        # an evaluation within GRID_BUDGET_S (the view scales it up, smoothly); paused,
        # it is the full grid.
        previous = self._last
        if (previous is not None and previous[0] == (key, extent) and message.playing
                and _moved_less_than(previous[1], snapshot.weights, MOVE_TOLERANCE)):
            _, _, probabilities, heatmap, boundary, grid_size = previous
            return self._frame(job, message, probabilities, heatmap, boundary, extent)
        grid_size = job.grid_size if not message.playing else min(job.grid_size, self._playing_size)
        if key != self._model_key:
            # float32: the grid costs half as much, and a drawn boundary does not need more.
            self._model = Model(config, n_classes, snapshot.weights, dtype=np.float32)
            self._model_key = key
        else:
            self._model.set_weights(snapshot.weights)
        started = time.perf_counter()
        if (extent, grid_size) != self._grid_key:
            xmin, xmax, ymin, ymax = extent
            xs = np.linspace(xmin, xmax, grid_size)
            ys = np.linspace(ymin, ymax, grid_size)
            gx, gy = np.meshgrid(xs, ys)
            self._grid_points = np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32)
            self._grid_key = (extent, grid_size)
        with np.errstate(all="ignore"):
            p = self._model.predict(self._grid_points)
        if not np.all(np.isfinite(p)):
            return None  # finite weights can still saturate; nothing non-finite is drawn
        probabilities = p.reshape(grid_size, grid_size, n_classes).astype(np.float32)
        # The view's numpy work happens here, off the GUI thread: it only uploads.
        heatmap = heatmap_rgb32(probabilities)
        boundary = boundary_segments(probabilities, extent)
        read_only(probabilities, heatmap, boundary)
        if message.playing:  # coarser if it took too long, finer again if there is room
            took = time.perf_counter() - started
            if took > GRID_BUDGET_S and grid_size > MIN_GRID_SIZE:
                self._playing_size = max(MIN_GRID_SIZE, int(grid_size * 0.7))
            elif took < GRID_BUDGET_S / 3:
                self._playing_size = min(job.grid_size, int(grid_size * 1.3) + 1)
        weights = tuple(np.array(w) for w in snapshot.weights)
        self._last = ((key, extent), weights, probabilities, heatmap, boundary, grid_size)
        return self._frame(job, message, probabilities, heatmap, boundary, extent)

    @staticmethod
    def _frame(job, message, probabilities, heatmap, boundary, extent):
        return Frame(snapshot=message.snapshot, config=message.config, probabilities=probabilities,
                     extent=extent, loss_curve=message.loss_curve, accuracy_curve=message.accuracy_curve,
                     test_loss_curve=message.test_loss_curve,
                     steps_per_second=message.steps_per_second, playing=message.playing,
                     serial=job.serial, applied=job.applied, heatmap=heatmap, boundary=boundary,
                     optimizer_state=message.optimizer_state, weight_history=message.weight_history)
