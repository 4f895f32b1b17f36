"""The training worker: a thin QThread that drives the training process.

The Trainer runs in a child process (``gdviz.training.process``): the engine trains
in many small numpy calls and so holds the GIL most of the time, which, in the GUI's
own process, starved pyqtgraph's painting (Python too) and was starved by it. As in
Qt for Python's Mandelbrot example, the GUI hands commands over under a lock and
wakes this thread; the thread forwards them to the child, which applies them between
steps. The worker never touches a widget and has no slots: every public method only
writes to the hand-off.

Three parts, so that the jobs overlap on two cores:

- the child trains, back to back, and at most ``max_fps`` times a second (on a
  drift-free schedule, and only with a credit from this side) sends a snapshot;
- this QThread keeps the newest snapshot and hands it to
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
import threading
import time
import traceback
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QThread, Signal

from gdviz.training.boundary import boundary_segments, heatmap_rgbx
from gdviz.training.datasets import Dataset
from gdviz.training.models import Model, ModelConfig, architecture_key
from gdviz.training.trainer import Snapshot
from gdviz.training.process import TrainingProcess, divergence_message  # noqa: F401 (re-exported)

MAX_FRAMES_PER_SECOND = 60
MAX_FRAMES_IN_FLIGHT = 2
IDLE_WAIT_SECONDS = 0.05  # nothing to do: how long to wait when nothing arrives
STOP_TIMEOUT_MS = 1000
SYNC_TIMEOUT_SECONDS = 1.0
# The first sync also waits for the training process to start (an interpreter and
# numpy: a few tenths of a second, more on a busy machine).
PROCESS_START_SECONDS = 10.0
DEFAULT_GRID_SIZE = 120


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
    heatmap: np.ndarray | None = None  # heatmap_rgbx(probabilities), made off the GUI thread
    boundary: np.ndarray | None = None  # boundary_segments(probabilities, extent), likewise


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
                self._done()

    def _make_frame(self, snapshot, config, n_classes, extent, grid_size, **rest):
        key = (architecture_key(config), n_classes)
        if key != self._model_key:
            # float32: the grid costs half as much, and a drawn boundary does not need more.
            self._model = Model(config, n_classes, snapshot.weights, dtype=np.float32)
            self._model_key = key
        else:
            self._model.set_weights(snapshot.weights)
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
        heatmap = heatmap_rgbx(probabilities)
        boundary = boundary_segments(probabilities, extent)
        _read_only(probabilities, heatmap, boundary)
        return Frame(snapshot=snapshot, config=config, probabilities=probabilities,
                     extent=extent, heatmap=heatmap, boundary=boundary, **rest)


class TrainingWorker(QThread):
    """Drives the training process; the GUI steers it through the methods below.

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
        self._pending = [("start", (config, dataset))]
        self._posted = 1  # serials of command batches posted and applied
        self._applied = 0
        self._abort = False
        self._in_flight = 0
        self._state = None
        self._max_fps = max_fps
        # Any thread wakes the worker by writing a byte to this pipe (it waits on the pipe
        # and the child); the thread opens it and closes it, under the lock.
        self._wake_read = self._wake_write = None
        self._grid_thread = _GridThread(self._publish_frame, self.failed.emit, self._wake)
        # Only the worker thread touches what follows.
        self._process = None
        self._config, self._dataset = config, dataset
        self._sent_datasets = []  # (serial, dataset) of batches the child has not confirmed
        self._extent, self._grid_size = tuple(extent), grid_size
        self._latest = None  # the newest snapshot message not yet drawn
        self._drawn = None  # the newest one drawn (redrawn when the grid changes)
        self._serial = 0

    # **** the hand-off: called from the GUI thread ****

    def _wake(self):
        with self._condition:
            if self._wake_write is None:
                return  # not running: the worker reads the hand-off when it starts
            try:
                os.write(self._wake_write, b"!")
            except BlockingIOError:
                pass  # the pipe is full: the worker wakes anyway

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
        self._wake()

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
        self._wake()

    @property
    def frames_in_flight(self) -> int:
        """Frames emitted that the GUI has not yet acknowledged with ``frame_consumed``."""
        with self._condition:
            return self._in_flight

    def sync(self, timeout: float = SYNC_TIMEOUT_SECONDS) -> bool:
        """Wait until the training process has applied every command posted so far."""
        if not self.isRunning():
            return False
        deadline = time.monotonic() + timeout
        with self._condition:
            if not self._applied:
                deadline += PROCESS_START_SECONDS
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
        """Stop the threads and the training process; True if all ended within STOP_TIMEOUT_MS."""
        with self._condition:
            self._abort = True
            self._condition.notify_all()
        self._wake()
        self._grid_thread.stop()
        finished = self.wait(STOP_TIMEOUT_MS) if self.isRunning() else True
        if self._grid_thread.is_alive():
            self._grid_thread.join(STOP_TIMEOUT_MS / 1000)
        return bool(finished) and not self._grid_thread.is_alive()

    # **** the thread ****

    def run(self):
        with self._condition:
            self._wake_read, self._wake_write = os.pipe()
            os.set_blocking(self._wake_write, False)
        self._grid_thread.start()
        try:
            while not self._aborted():
                if self._process is None and not self._start_process():
                    break
                self._forward_commands()
                ready = self._process.wait_for_message([self._wake_read], IDLE_WAIT_SECONDS)
                if self._wake_read in ready:
                    os.read(self._wake_read, 4096)
                try:
                    while self._process.connection.poll(0):
                        self._receive(self._process.receive())
                except (EOFError, OSError):
                    if not self._process_ended():
                        break
                    continue
                self._submit_frame()
        finally:
            self._grid_thread.stop()
            if self._process is not None:
                self._process.stop()
            with self._condition:
                # Closed under the lock, so that no late _wake writes to a reused descriptor.
                os.close(self._wake_read)
                os.close(self._wake_write)
                self._wake_read = self._wake_write = None

    def _aborted(self) -> bool:
        with self._condition:
            return self._abort

    def _start_process(self) -> bool:
        try:
            self._process = TrainingProcess(self._max_fps)
        except OSError:
            self.failed.emit("Could not start the training process:\n" + traceback.format_exc())
            return False
        with self._condition:
            # A new child knows nothing: begin with what the last one trained, then
            # whatever the GUI has asked since.
            if self._applied:
                resume = [("start", (self._config, self._dataset))]
                if self._state is not None and self._state.weights:
                    resume.append(("weights", (list(self._state.weights), self._state.step)))
                self._pending[:0] = resume
        return True

    def _process_ended(self) -> bool:
        """The child has gone. Returns True if another should be started."""
        answered, code = self._process.answered, self._process.exit_code
        self._process.stop(0.0)
        self._process = None
        if self._aborted():
            return False
        if not answered:  # it never started: another would fail the same way
            self.failed.emit(f"The training process could not start (exit code {code}); "
                             "its error is on the console.")
            return False
        self.failed.emit(f"The training process ended unexpectedly (exit code {code}); "
                         "it has been restarted from the last weights it reported.")
        return True

    def _forward_commands(self):
        with self._condition:
            commands, self._pending = self._pending, []
            serial = self._posted
        if not commands:
            return
        to_child = []
        for name, value in commands:
            if name == "grid":  # the grid is drawn here, not trained
                self._extent, self._grid_size = value
                if self._latest is None:
                    self._latest = self._drawn
            else:
                if name == "start":
                    self._config, self._dataset = value
                elif name == "dataset":
                    self._dataset = value
                elif name == "config":
                    self._config = value
                to_child.append((name, value))
        self._sent_datasets.append((serial, self._dataset))
        self._process.send(("commands", serial, to_child))

    def _receive(self, message):
        kind = message[0]
        if kind == "snapshot":
            self._process.send(("credit",))
            snapshot = message[1]["snapshot"]
            _read_only(*snapshot.weights)
            self._latest = message[1]
            with self._condition:
                # The newest weights, so that state() follows training while it plays.
                if self._state is not None:
                    self._state = replace(self._state, config=message[1]["config"],
                                          weights=snapshot.weights, step=snapshot.step)
        elif kind == "applied":
            _, serial, config, weights, step = message
            while self._sent_datasets and self._sent_datasets[0][0] < serial:
                self._sent_datasets.pop(0)
            dataset = self._sent_datasets[0][1] if self._sent_datasets else self._dataset
            with self._condition:
                if weights is not None:
                    self._state = TrainingState(config, dataset, _read_only(*weights), step)
                self._applied = max(self._applied, serial)
                self._condition.notify_all()
        elif kind == "diverged":
            self.diverged.emit(message[1], message[2])
        elif kind == "failed":
            self.failed.emit(message[1])

    def _submit_frame(self):
        if self._latest is None:
            return
        with self._condition:
            if self._in_flight >= MAX_FRAMES_IN_FLIGHT:
                return
        message = self._latest
        job = dict(
            message,
            snapshot=message["snapshot"],
            extent=self._extent,
            grid_size=self._grid_size,
            loss_curve=_read_only(*message["loss_curve"]),
            accuracy_curve=_read_only(*message["accuracy_curve"]),
            test_loss_curve=_read_only(*message["test_loss_curve"]),
            serial=self._serial + 1,
        )
        if not self._grid_thread.submit(job):
            return  # busy: it wakes this thread when done, and the newest snapshot goes next
        self._serial += 1
        self._latest = None
        self._drawn = message

    def _publish_frame(self, frame):
        # Called in the grid thread: the queued signal carries the frame to the GUI.
        with self._condition:
            if self._abort:
                return
            self._in_flight += 1
        self.frame_ready.emit(frame)
