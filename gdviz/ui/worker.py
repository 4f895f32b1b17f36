"""The training worker: a thin QThread around gdviz.trainer.Trainer.

As in Qt for Python's Mandelbrot example, the GUI hands commands over under a lock
and wakes the thread; the thread reads them between steps, trains, and publishes
self-contained ``Frame``s (copies) through a signal. The worker never touches a
widget and has no slots: every public method only writes to the hand-off.

Two threads do the work, so that the two jobs overlap on two cores:

- the QThread trains, back to back, and at most ``max_fps`` times a second (on a
  drift-free schedule) hands the latest Snapshot to
- a grid thread, which owns its own Model graph (a graph belongs to one thread) and
  evaluates the class probabilities on the boundary grid in one batched run, mostly
  inside numpy with the GIL released, then emits the Frame.

Frames are coalesced: while the grid thread is busy, or while ``MAX_FRAMES_IN_FLIGHT``
frames wait in the GUI's event queue (the GUI acknowledges each with
``frame_consumed``), no new frame is made; training goes on and the next frame
carries the newest state and the whole (thinned) history. So the event queue cannot
grow however fast training runs.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QThread, Signal

from ..datasets import Dataset
from ..models import Model, ModelConfig, architecture_key
from ..trainer import Snapshot, Trainer

MAX_FRAMES_PER_SECOND = 60
MAX_FRAMES_IN_FLIGHT = 2
CHUNK_SECONDS = 0.005  # how long the thread trains before it reads the hand-off again
IDLE_WAIT_SECONDS = 0.05  # paused: how long to sleep when nothing arrives
STOP_TIMEOUT_MS = 1000
DEFAULT_GRID_SIZE = 120
RATE_WINDOW_SECONDS = 0.5  # steps per second are measured over about this long
# While training runs, a thread waiting for the GIL gets it after at most this long
# (Python's default is 5 ms). The GUI thread goes back and forth between Python and
# Qt hundreds of times per paint; at 5 ms a wait, one frame could take 100 ms.
GIL_SWITCH_INTERVAL = 0.0005


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


@dataclass(frozen=True)
class TrainingState:
    """Where training stands, as copies: what the backprop player needs to replay a step."""

    config: ModelConfig
    dataset: Dataset
    weights: tuple
    step: int


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


def _read_only(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


class _GridThread(threading.Thread):
    """Evaluates the boundary grid for the latest job and publishes the Frame."""

    def __init__(self, publish, report_error):
        super().__init__(name="gdviz-boundary-grid", daemon=True)
        self._publish = publish
        self._report_error = report_error
        self._condition = threading.Condition()
        self._job = None
        self._busy = False
        self._abort = False
        self._model = None
        self._model_key = None
        self._grid_key = None
        self._grid_points = None

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
                frame = self._make_frame(**job)
                if frame is not None:
                    self._publish(frame)
            except Exception:  # reported to the GUI; the thread keeps serving
                self._report_error(traceback.format_exc())
            finally:
                with self._condition:
                    self._busy = False

    def _make_frame(self, snapshot, config, n_classes, extent, grid_size, **rest):
        key = (architecture_key(config), n_classes)
        if key != self._model_key:
            self._model = Model(config, n_classes, snapshot.weights)
            self._model_key = key
        else:
            self._model.set_weights(snapshot.weights)
        if (extent, grid_size) != self._grid_key:
            xmin, xmax, ymin, ymax = extent
            xs = np.linspace(xmin, xmax, grid_size)
            ys = np.linspace(ymin, ymax, grid_size)
            gx, gy = np.meshgrid(xs, ys)
            self._grid_points = np.column_stack([gx.ravel(), gy.ravel()])
            self._grid_key = (extent, grid_size)
        with np.errstate(all="ignore"):
            p = self._model.predict(self._grid_points)
        if not np.all(np.isfinite(p)):
            return None  # finite weights can still saturate; nothing non-finite is drawn
        probabilities = p.reshape(grid_size, grid_size, n_classes).astype(np.float32)
        _read_only(probabilities)
        return Frame(snapshot=snapshot, config=config, probabilities=probabilities,
                     extent=extent, **rest)


class TrainingWorker(QThread):
    """Trains in its own thread; the GUI steers it through the methods below.

    Args:
        config: the model to train.
        dataset: the points.
        extent: (xmin, xmax, ymin, ymax) of the boundary grid.
        grid_size: the grid has grid_size × grid_size points.
        max_fps: at most this many frames a second.
    """

    frame_ready = Signal(object)  # Frame
    diverged = Signal(int, str)  # step, message
    failed = Signal(str)  # what went wrong, with the traceback

    def __init__(self, config: ModelConfig, dataset: Dataset, extent, grid_size=DEFAULT_GRID_SIZE,
                 max_fps=MAX_FRAMES_PER_SECOND, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingWorker")
        self._condition = threading.Condition()
        # Commands in the order posted: (name, value). A repeated command replaces its
        # predecessor when nothing came between (a drag posts many datasets).
        self._pending = [("start", None)]
        self._posted = 1  # serials of command batches posted and applied
        self._applied = 0
        self._abort = False
        self._in_flight = 0
        self._state = None
        self._frame_interval = 1.0 / max_fps
        self._grid_thread = _GridThread(self._publish_frame, self.failed.emit)
        # Only the worker thread touches what follows.
        self._trainer = None
        self._dataset, self._config = dataset, config
        self._playing = False
        self._steps_to_take = 0
        self._extent, self._grid_size = tuple(extent), grid_size
        self._serial = 0
        self._rate = 0.0
        self._rate_mark = (time.perf_counter(), 0)

    # **** the hand-off: called from the GUI thread ****

    def _post(self, name, value=None):
        with self._condition:
            last = self._pending[-1][0] if self._pending else None
            if name == last == "steps":
                self._pending[-1] = ("steps", self._pending[-1][1] + value)
            elif name == last:
                self._pending[-1] = (name, value)
            else:
                self._pending.append((name, value))
            self._posted += 1
            self._condition.notify_all()

    def play(self):
        """Train continuously."""
        self._post("playing", True)

    def pause(self, wait: bool = True) -> bool:
        """Stop training after the current step. With ``wait``, return once it has
        stopped (True) or after 1 s (False)."""
        self._post("playing", False)
        return self.sync() if wait else True

    def step_once(self):
        """Take one step (and stay paused)."""
        self._post("playing", False)
        self._post("steps", 1)

    def reset(self):
        """Retrain from scratch: the config's starting weights, step 0."""
        self._post("reset")

    def randomise_weights(self, seed: int | None = None):
        """Start from fresh random weights."""
        self._post("randomise", seed)

    def set_model_config(self, config: ModelConfig):
        """A new config: a new learning rate or optimizer keeps training, a new model resets."""
        config.validate()
        self._post("config", config)

    def set_dataset(self, dataset: Dataset):
        """Train on these points from now on (an edit keeps the weights)."""
        self._post("dataset", dataset)

    def set_grid(self, extent, grid_size: int):
        """The boundary grid: its extent (xmin, xmax, ymin, ymax) and resolution."""
        self._post("grid", (tuple(extent), int(grid_size)))

    def set_weights(self, weights, step: int | None = None):
        """Continue from these weights (copied)."""
        self._post("weights", ([np.array(w, dtype=float) for w in weights], step))

    def frame_consumed(self):
        """The GUI has drawn a frame: another may be sent."""
        with self._condition:
            self._in_flight = max(0, self._in_flight - 1)

    def sync(self, timeout: float = 1.0) -> bool:
        """Wait until the worker has applied every command posted so far."""
        if not self.isRunning():
            return False
        deadline = time.monotonic() + timeout
        with self._condition:
            target = self._posted
            while self._applied < target and not self._abort:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
        return True

    def state(self) -> TrainingState | None:
        """Copies of config, dataset, weights and step as of the latest applied commands."""
        with self._condition:
            return self._state

    def stop(self) -> bool:
        """Stop both threads; returns True if they ended within STOP_TIMEOUT_MS."""
        with self._condition:
            self._abort = True
            self._condition.notify_all()
        self._grid_thread.stop()
        finished = self.wait(STOP_TIMEOUT_MS) if self.isRunning() else True
        if self._grid_thread.is_alive():
            self._grid_thread.join(STOP_TIMEOUT_MS / 1000)
        return bool(finished) and not self._grid_thread.is_alive()

    # **** the thread ****

    def run(self):
        previous_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(previous_interval, GIL_SWITCH_INTERVAL))
        try:
            self._run()
        finally:
            sys.setswitchinterval(previous_interval)

    def _run(self):
        use_one_blas_thread()
        self._grid_thread.start()
        next_frame = time.perf_counter()
        dirty = True
        while True:
            with self._condition:
                if self._abort:
                    break
                commands, self._pending = self._pending, []
                serial = self._posted
            try:
                for name, value in commands:
                    self._apply(name, value)
                    dirty = True
                if self._trainer is not None and (self._playing or self._steps_to_take):
                    dirty |= self._train_chunk(next_frame)
            except Exception:
                self._playing, self._steps_to_take = False, 0
                self.failed.emit(traceback.format_exc())
            with self._condition:
                if commands or dirty:
                    self._record_state()
                if not self._steps_to_take:  # a single step counts as applied once taken
                    self._applied = max(self._applied, serial)
                self._condition.notify_all()
            now = time.perf_counter()
            if dirty and self._trainer is not None and now >= next_frame:
                if self._submit_frame():
                    dirty = False
                    # Drift-free: frames keep to the 1/max_fps grid, but never burst.
                    next_frame = max(next_frame + self._frame_interval, now - self._frame_interval)
            if not (self._playing or self._steps_to_take):
                with self._condition:
                    if not self._pending and not self._abort:
                        self._condition.wait(0.002 if dirty else IDLE_WAIT_SECONDS)

    def _apply(self, name, value):
        if name == "start":
            self._trainer = Trainer(self._config, self._dataset)
        elif name == "grid":
            self._extent, self._grid_size = value
        elif name in ("dataset", "config"):
            if name == "dataset":
                self._dataset = value
            else:
                self._config = value
            if self._trainer is None:  # the first config or dataset failed: try again
                self._trainer = Trainer(self._config, self._dataset)
            elif name == "dataset":
                self._trainer.set_dataset(value)
            else:
                self._trainer.set_config(value)
        elif self._trainer is None:
            return
        elif name == "reset":
            self._trainer.reset()
        elif name == "randomise":
            self._trainer.randomise_weights(value)
        elif name == "weights":
            self._trainer.set_weights(*value)
        elif name == "playing":
            self._playing = value
            self._rate_mark = (time.perf_counter(), self._trainer.step)
        elif name == "steps":
            # Taken now, so that they come before whatever was posted after them.
            for _ in range(value):
                if not self._step():
                    break

    def _train_chunk(self, next_frame) -> bool:
        trainer = self._trainer
        before = trainer.step
        end = min(time.perf_counter() + CHUNK_SECONDS, max(next_frame, time.perf_counter()))
        while True:
            if self._steps_to_take:
                self._steps_to_take -= 1
            elif not self._playing:
                break
            if not self._step():
                break
            if time.perf_counter() >= end:
                break
        self._update_rate()
        return trainer.step != before or trainer.diverged_at is not None

    def _step(self) -> bool:
        """One training step; False (and paused) if it diverged or had no points."""
        taken = self._trainer.train(1)
        if taken:
            return True
        self._steps_to_take = 0
        self._playing = False
        diverged_at = self._trainer.diverged_at
        if diverged_at is not None:
            self.diverged.emit(diverged_at, divergence_message(diverged_at, self._trainer.model.learning_rate))
        return False

    def _update_rate(self):
        now = time.perf_counter()
        t0, step0 = self._rate_mark
        if not self._playing:
            self._rate = 0.0
        elif now - t0 >= RATE_WINDOW_SECONDS:
            self._rate = (self._trainer.step - step0) / (now - t0)
            self._rate_mark = (now, self._trainer.step)

    def _record_state(self):
        t = self._trainer
        if t is not None:
            self._state = TrainingState(t.config, t.dataset, tuple(t.model.get_weights()), t.step)

    def _submit_frame(self) -> bool:
        with self._condition:
            if self._in_flight >= MAX_FRAMES_IN_FLIGHT:
                return False
        if not self._grid_thread.idle:
            return False
        t = self._trainer
        job = dict(
            snapshot=t.snapshot(),
            config=t.config,
            n_classes=t.dataset.n_classes,
            extent=self._extent,
            grid_size=self._grid_size,
            loss_curve=_read_only(*t.loss_history.arrays()),
            accuracy_curve=_read_only(*t.accuracy_history.arrays()),
            test_loss_curve=_read_only(*t.test_loss_history.arrays()),
            steps_per_second=self._rate,
            playing=self._playing,
            serial=self._serial + 1,
        )
        if not self._grid_thread.submit(job):
            return False
        self._serial += 1
        return True

    def _publish_frame(self, frame):
        # Called in the grid thread: the queued signal carries the frame to the GUI.
        with self._condition:
            if self._abort:
                return
            self._in_flight += 1
        self.frame_ready.emit(frame)


def divergence_message(step: int, learning_rate: float) -> str:
    """What the UI says when training diverged."""
    return (
        f"Training diverged at step {step}: the loss or a weight became infinite or NaN. "
        f"Lower the learning rate (now {learning_rate:g}); the last finite weights are restored."
    )
