"""The training worker: a thin QThread that drives the training process.

The Trainer runs in a child process (``gdviz.training.process``): in the GUI's process
its many small numpy calls held the GIL and starved painting. As in Qt for Python's
Mandelbrot example, the GUI hands commands over under a lock and wakes this
thread, which forwards them to the child. The worker never touches a widget and has no
slots: every public method only writes to the hand-off. The messages are the typed ones of ``gdviz.training.protocol``.

Three parts, so that the jobs overlap on two cores: the child trains and, at most
``max_fps`` times a second (with a credit from this side), sends a snapshot; this
QThread keeps the newest and hands it to a grid thread (``grid_thread.GridThread``),
which evaluates the boundary grid with a Model of its own and emits the Frame.

Nothing here waits on the child: sends never block, at most ``MAX_BATCHES_IN_FLIGHT``
batches go out unanswered, and later commands wait in the hand-off, where a repeated
command replaces its predecessor (a drag's datasets become the newest one). A child
that dies is replaced, resumes from the state it last reported and replays the
commands it had not confirmed.

Frames are coalesced: while the grid thread is busy, or ``MAX_FRAMES_IN_FLIGHT``
frames wait in the GUI's event queue (acknowledged by ``frame_consumed``), no frame is
made; the next carries the newest state and the whole (thinned) curves.
"""

from __future__ import annotations

import os
import select
import threading
import time
import traceback
from collections import deque
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QThread, Signal

from gdviz.training import cores
from gdviz.training.datasets import Dataset
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.training.process import TrainingProcess, divergence_message  # noqa: F401 (re-exported)
from gdviz.training.process_handle import given_up_message, not_started_message, restarted_message
from gdviz.training.protocol import (  # TrainingState is re-exported
    Applied, Commands, Credit, CurveBuffer, Diverged, Failed, Randomise, Reset, SetConfig, SetDataset, SetPace,
    SetPlaying, SetTrainOnly, SetWeights, SnapshotMessage, Start, TakeSteps, TrainingState, coalesce)
from gdviz.ui.training.grid_thread import Frame, GridJob, GridThread, read_only  # Frame is re-exported
from gdviz.ui import gui_gc

MAX_FRAMES_PER_SECOND = 60
MAX_FRAMES_IN_FLIGHT = 2
MAX_BATCHES_IN_FLIGHT = 2  # command batches sent to the training process and not yet applied
IDLE_WAIT_SECONDS = 0.05  # nothing to do: how long to wait when nothing arrives
STOP_TIMEOUT_MS = 1000
SYNC_TIMEOUT_SECONDS = 1.0
PROCESS_START_SECONDS = 10.0  # a sync also waits for a training process to start (~0.3 s)
MAX_RESTARTS = 3  # a training process that ends is replaced at most this often...
RESTART_WINDOW_SECONDS = 5.0  # ...within this long (a crash loop); then the worker gives up and says so
DEFAULT_GRID_SIZE = 120


class TrainingWorker(QThread):
    """Drives the training process; the GUI steers it through the methods below.

    Args:
        config, dataset: the model to train and the points.
        extent, grid_size: (xmin, xmax, ymin, ymax) of the boundary grid, its points a side.
        max_fps: at most this many frames a second.
    """

    frame_ready = Signal(object)  # Frame
    diverged = Signal(int, str)  # step, message
    failed = Signal(str)  # what went wrong, with the traceback

    def __init__(self, config: ModelConfig, dataset: Dataset, extent, grid_size=DEFAULT_GRID_SIZE,
                 max_fps=MAX_FRAMES_PER_SECOND, parent=None):
        super().__init__(parent)
        gui_gc.ensure()  # cycles are collected in the GUI thread, never in this one
        self.setObjectName("trainingWorker")
        self._condition = threading.Condition()
        # The hand-off, under the lock: commands in the order posted (``coalesce``d).
        self._pending = [Start(config, dataset)]
        self._posted = 1  # serials of commands posted and of the batches applied
        self._applied = 0
        self._grid = None  # a new (extent, grid_size) for the thread to take
        self._abort = False
        self._in_flight = 0
        self._state = None  # TrainingState, as the training process last reported it
        self._unanswered = deque()  # Commands sent that the training process has not applied
        self._process_id = None
        self._starting = True  # a training process is starting and has not answered yet
        self._max_fps = max_fps
        # Any thread wakes the worker by writing a byte to this pipe (it waits on the pipe
        # and the child); the thread opens it and closes it, under the lock.
        self._wake_read = self._wake_write = None
        self._grid_thread = GridThread(self._publish_frame, self.failed.emit, self._wake)
        # Only the worker thread touches what follows.
        self._process = None
        self._restarts = deque()  # when the training process was last replaced (monotonic s)
        self._extent, self._grid_size = tuple(extent), grid_size
        self.pace = None  # steps a second while playing (None: as fast as it goes)
        self._latest = None  # the newest SnapshotMessage not yet drawn
        self._curves = {}  # the curves as received so far (the child sends new rows)
        self._drawn = None  # the newest one drawn (redrawn when the grid changes)
        self._latest_applied = 0  # the command serial the newest snapshot reflects
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

    def _post(self, command) -> int:
        with self._condition:
            merged = coalesce(self._pending[-1], command) if self._pending else None
            if merged is None:
                self._pending.append(command)
            else:
                self._pending[-1] = merged
            self._posted += 1
            serial = self._posted
            self._condition.notify_all()
        self._wake()
        return serial

    def restart(self, config: ModelConfig, dataset: Dataset, weights=None, step: int = 0,
                curves=None) -> int:
        """Train ``config`` on ``dataset`` afresh: from its starting weights, or from
        ``weights`` at ``step`` with ``curves`` (loss, accuracy, test loss histories).

        Returns:
            The serial of the restart: frames with ``applied`` below it show the run before.
        """
        config.validate()
        serial = self._post(Start(config, dataset))
        if weights is not None or curves is not None:
            if weights is None:
                weights = initial_weights(config, dataset.n_classes)
            serial = self._post(SetWeights(tuple(np.array(w, dtype=float) for w in weights), step,
                                           None if curves is None else tuple(curves)))
        return serial

    def play(self):
        """Train continuously."""
        self._post(SetPlaying(True))

    def pause(self, wait: bool = True) -> bool:
        """Stop training after the current step. With ``wait``, return once it has
        stopped (True) or after 1 s (False)."""
        self._post(SetPlaying(False))
        return self.sync() if wait else True

    def set_pace(self, steps_per_second: float | None) -> None:
        """Play at most this many steps a second (None: as fast as it goes)."""
        self.pace = steps_per_second
        self._post(SetPace(steps_per_second))

    def set_train_only(self, indices) -> None:
        """Train only the weights at these flat indices (None: all of them)."""
        self._post(SetTrainOnly(None if indices is None else tuple(indices)))

    def step_once(self):
        """Take one step (and stay paused)."""
        self._post(SetPlaying(False))
        self._post(TakeSteps(1))

    def reset(self):
        """Retrain from scratch: the config's starting weights, step 0."""
        self._post(Reset())

    def randomise_weights(self, seed: int | None = None):
        """Start from fresh random weights."""
        self._post(Randomise(seed))

    def set_model_config(self, config: ModelConfig):
        """A new config: a new learning rate or optimizer keeps training, a new model resets."""
        config.validate()
        self._post(SetConfig(config))

    def set_dataset(self, dataset: Dataset):
        """Train on these points from now on (an edit keeps the weights)."""
        self._post(SetDataset(dataset))

    def set_grid(self, extent, grid_size: int):
        """The boundary grid: its extent (xmin, xmax, ymin, ymax) and resolution."""
        with self._condition:
            self._grid = (tuple(extent), int(grid_size))
        self._wake()

    def set_weights(self, weights, step: int | None = None):
        """Continue from these weights (copied)."""
        self._post(SetWeights(tuple(np.array(w, dtype=float) for w in weights), step))

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

    @property
    def commands_in_flight(self) -> int:
        """Command batches sent to the training process and not yet applied (at most
        MAX_BATCHES_IN_FLIGHT; later commands wait, and coalesce, in the hand-off)."""
        with self._condition:
            return len(self._unanswered)

    @property
    def posted(self) -> int:
        """The serial of the last command posted: a frame whose ``applied`` is lower was
        made before it (its ``playing``, say, may be about to change)."""
        with self._condition:
            return self._posted

    @property
    def process_id(self) -> int | None:
        """The pid of the training process now running; None while there is none."""
        with self._condition:
            return self._process_id

    def sync(self, timeout: float = SYNC_TIMEOUT_SECONDS) -> bool:
        """Wait until the training process has applied every command posted so far."""
        if not self.isRunning():
            return False
        deadline = time.monotonic() + timeout
        with self._condition:
            if self._starting:
                deadline += PROCESS_START_SECONDS
            target = self._posted
            while self._applied < target and not self._abort:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
        return True

    def state(self) -> TrainingState | None:
        """Where training stands (copies), as the training process last reported it."""
        with self._condition:
            return self._state

    def stop(self) -> bool:
        """Stop the threads and end the training process, whatever state it is in (busy,
        frozen, dead); True if all ended within STOP_TIMEOUT_MS."""
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
                self._take_grid()
                self._forward_commands()
                self._wait_for_the_process_or_a_wake()
                for message in self._process.receive():
                    self._receive(message)
                if self._process.gone and not self._replace_process():
                    break
                self._submit_frame()
        except Exception:  # a bug here must not leave the GUI waiting in silence
            self.failed.emit("The training worker stopped:\n" + traceback.format_exc())
        finally:
            cores.gui_off_training_core(self, None, playing=False)
            self._grid_thread.stop()
            if self._process is not None:
                self._process.stop()
            with self._condition:
                # Closed under the lock, so that no late _wake writes to a reused descriptor.
                os.close(self._wake_read)
                os.close(self._wake_write)
                self._wake_read = self._wake_write = None
                self._process_id = None

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
            self._process_id, self._starting = self._process.pid, True
        return True

    def _wait_for_the_process_or_a_wake(self):
        process = self._process
        writers = [process] if process.wants_to_write else []
        readable, writable, _ = select.select([process, self._wake_read], writers, [], IDLE_WAIT_SECONDS)
        if self._wake_read in readable:
            os.read(self._wake_read, 4096)
        if writable:
            process.flush()

    def _replace_process(self) -> bool:
        """The child has gone. Returns True if another has taken its place."""
        process, self._process = self._process, None
        code = process.stop()
        with self._condition:
            self._process_id = None
        if self._aborted():
            return False
        if code >= 0 and not process.answered:  # it never started: another would fail the same way
            self.failed.emit(not_started_message(code, process.error_tail.strip()))
            return False
        now = time.monotonic()
        while self._restarts and now - self._restarts[0] > RESTART_WINDOW_SECONDS:
            self._restarts.popleft()
        if len(self._restarts) >= MAX_RESTARTS:
            self.failed.emit(given_up_message(code, MAX_RESTARTS, RESTART_WINDOW_SECONDS))
            return False
        self._restarts.append(now)
        state = self._resume()
        self.failed.emit(restarted_message(code, None if state is None else state.step,
                                           state is not None and state.playing))
        return self._start_process()

    def _resume(self) -> TrainingState | None:
        """Put in front of the hand-off what a new child needs to go on where the last one
        stood: its last reported state, then the commands it had not applied."""
        with self._condition:
            state = self._state
            resume = [] if state is None else [
                Start(state.config, state.dataset),
                SetWeights(state.weights, state.step),
                SetPace(self.pace), SetPlaying(state.playing),
            ]
            for batch in self._unanswered:
                resume.extend(batch.commands)
            self._unanswered.clear()
            self._pending[:0] = resume
        return state

    def _take_grid(self):
        with self._condition:
            grid, self._grid = self._grid, None
        if grid is not None:  # the grid is drawn here, not trained
            self._extent, self._grid_size = grid
            if self._latest is None:
                self._latest = self._drawn

    def _forward_commands(self):
        with self._condition:
            if not self._pending or len(self._unanswered) >= MAX_BATCHES_IN_FLIGHT:
                return  # later commands wait (and coalesce) until the child catches up
            batch = Commands(self._posted, tuple(self._pending))
            self._pending = []
            self._unanswered.append(batch)
        self._process.send(batch)

    def _receive(self, message):
        match message:
            case SnapshotMessage(snapshot=snapshot):
                self._process.send(Credit())
                # While training plays, this process's threads keep off its core.
                cores.gui_off_training_core(self, self._process.cores, message.playing)
                message = self._whole_curves(message)
                read_only(*snapshot.weights, *message.loss_curve, *message.accuracy_curve,
                           *message.test_loss_curve)
                self._latest = message
                with self._condition:
                    self._latest_applied = self._applied
                    # The newest weights, so that state() follows training while it plays.
                    if self._state is not None:
                        self._state = replace(
                            self._state, config=message.config, weights=snapshot.weights, step=snapshot.step,
                            playing=message.playing, optimizer_state=message.optimizer_state)
            case Applied(serial, state):
                with self._condition:
                    while self._unanswered and self._unanswered[0].serial <= serial:
                        self._unanswered.popleft()
                    if state is not None:
                        self._state = replace(state, weights=read_only(*state.weights))
                    self._applied = max(self._applied, serial)
                    self._starting = False
                    self._condition.notify_all()
            case Diverged(step, text, rate, cause):  # said again here, in the user's language
                self.diverged.emit(step, text if rate is None else divergence_message(step, rate, cause))
            case Failed(text):
                self.failed.emit(text)
            case _:
                self.failed.emit(self.tr("The training process sent a message gdviz does not know: "
                                         "{message!r}").format(message=message))

    def _whole_curves(self, message: SnapshotMessage) -> SnapshotMessage:
        """The message with its curves' new rows put together with those received before."""
        whole = {}
        for name in ("loss_curve", "accuracy_curve", "test_loss_curve", "weight_history"):
            rows, buffer = getattr(message, name), self._curves.setdefault(name, CurveBuffer())
            whole[name] = buffer.add(rows) if rows is not None else None
        return replace(message, **whole)

    def _submit_frame(self):
        if self._latest is None:
            return
        with self._condition:
            if self._in_flight >= MAX_FRAMES_IN_FLIGHT:
                return
        with self._condition:
            applied = self._latest_applied
        job = GridJob(self._latest, self._extent, self._grid_size, self._serial + 1, applied)
        if not self._grid_thread.submit(job):
            return  # busy: it wakes this thread when done, and the newest snapshot goes next
        self._serial += 1
        self._drawn, self._latest = self._latest, None

    def _publish_frame(self, frame):
        # Called in the grid thread: the queued signal carries the frame to the GUI.
        with self._condition:
            if self._abort:
                return
            self._in_flight += 1
        self.frame_ready.emit(frame)
