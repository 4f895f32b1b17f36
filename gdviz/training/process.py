"""Training in a child process (Qt-free): the Trainer gets a Python interpreter, and a GIL, of its own.

The engine trains in many small numpy calls, so a training thread holds the GIL most
of the time; in the GUI's process it and pyqtgraph's painting (Python too) starved
each other. Here the Trainer runs in a child process started with ``subprocess``
(fork + exec at once: nothing of Qt is ever forked, and unlike multiprocessing's
'spawn' the child does not re-import the parent's ``__main__``, which may load Qt).

The two ends exchange the typed messages of ``gdviz.training.protocol`` over a socket
pair. The child (``TrainingLoop``, ``serve``) reads and writes with a plain blocking
``multiprocessing.connection.Connection``. The parent (``TrainingProcess``, in
``process_handle``) never blocks: its socket is non-blocking, what does not fit waits in an outgoing queue until
the socket is writable, and messages are read as their bytes arrive. A child that is
frozen (SIGSTOP), busy or dead can therefore not hold up the GUI's worker thread, and
``TrainingProcess.stop`` ends it whatever state it is in.
"""

from __future__ import annotations

import sys
import time
import traceback
from dataclasses import replace
from multiprocessing.connection import Connection

import numpy as np

from gdviz.training.protocol import (
    Applied, Commands, Credit, CurveSender, Diverged, Failed, Randomise, Reset, SetConfig, SetDataset,
    SetPace, SetPlaying, SetTrainOnly, SetWeights, SnapshotMessage, Start, Stop, TakeSteps, TrainingState)
from gdviz.training.allocator import tune_allocator  # noqa: F401 (the child calls it; re-exported)
from gdviz.training.cores import ShareWatch
from gdviz.training.process_handle import TrainingProcess  # noqa: F401 (the parent's end, re-exported)
from gdviz.training.trainer import Trainer, divergence_message
from gdviz.training.weight_history import WeightHistory, flat_weights, until

CHUNK_SECONDS = 0.005  # how long the child trains before it reads its connection again
IDLE_WAIT_SECONDS = 0.05  # paused: how long to block when nothing arrives
RATE_WINDOW_SECONDS = 0.5  # steps per second are measured over about this long
INITIAL_CREDITS = 2  # snapshots the child may send before the parent has taken one


class TrainingLoop:
    """The child's side: a Trainer steered by commands, reporting through ``send``.

    Args:
        send: called with each message for the parent.
        max_fps: at most this many snapshots a second.
        clock: seconds as a float, monotonic; the pacing reads nothing else, so a test
            can drive it with a clock of its own.
    """

    def __init__(self, send, max_fps: float, clock=time.perf_counter):
        self._send = send
        self._clock = clock
        self._frame_interval = 1.0 / max_fps
        self._next_frame = clock()
        self._credits = INITIAL_CREDITS
        self.trainer: Trainer | None = None
        self._config = self._dataset = None
        self.playing = False
        self._steps_to_take = 0
        self._dirty = False
        self._rate = 0.0
        self._rate_mark = (clock(), 0)
        self._curves = CurveSender()
        self.weights = WeightHistory()  # every step's weights (thinned): the timeline
        self.pace = None  # steps a second while playing; None: as fast as it goes
        self.train_only = None  # flat indices of the only weights trained; None: all
        self._next_step = clock()  # at a pace: when the next step is due
        self._one_step_old_ok = False  # a snapshot may show the state before the last step

    @property
    def busy(self) -> bool:
        """True while there is training to do now (playing and a step due, or steps owed)."""
        if self.trainer is None:
            return False
        if self._steps_to_take > 0:
            return True
        return self.playing and (self.pace is None or self._clock() >= self._next_step)

    def seconds_until_step(self) -> float | None:
        """Playing at a pace: how long until the next step is due; None otherwise."""
        if self.trainer is None or not self.playing or self.pace is None:
            return None
        return max(0.0, self._next_step - self._clock())

    def seconds_until_due(self) -> float | None:
        """How long until a snapshot is due and may be sent; None if none is due."""
        if not (self._dirty and self._credits and self.trainer is not None):
            return None
        return max(0.0, self._next_frame - self._clock())

    def state(self) -> TrainingState | None:
        """Where training stands (copies); None until a config and a dataset make a trainer."""
        t = self.trainer
        if t is None:
            return None
        return TrainingState(t.config, t.dataset, tuple(t.model.get_weights()), t.step, self.playing,
                             t.model.optimizer.state(t.model.variables))

    def handle(self, message) -> bool:
        """Act on one message from the parent. Returns False on Stop."""
        match message:
            case Stop():
                return False
            case Credit():
                self._credits += 1
            case Commands(serial, commands):
                self._curves.forget()  # a command may replace the curves: send them whole
                self._one_step_old_ok = False  # the next snapshot shows exactly what the commands did
                for command in commands:
                    try:
                        self._apply(command)
                    except Exception:  # reported; the loop keeps serving
                        self.playing, self._steps_to_take = False, 0
                        self._send(Failed(traceback.format_exc()))
                    self._dirty = True
                self._follow_weights()
                self._send(Applied(serial, self.state()))
            case _:
                raise TypeError(f"unknown message {message!r} from the parent")
        return True

    def _apply(self, command) -> None:
        match command:
            case Start(config, dataset):
                self._config, self._dataset = config, dataset
                self.trainer = Trainer(config, dataset)
            case SetDataset(dataset):
                self._dataset = dataset
                if self.trainer is None:  # the first config or dataset failed: try again
                    self.trainer = Trainer(self._config, dataset)
                else:
                    self.trainer.set_dataset(dataset)
            case SetConfig(config):
                self._config = config
                if self.trainer is None:
                    self.trainer = Trainer(config, self._dataset)
                else:
                    self.trainer.set_config(config)
            case SetPace(steps_per_second) if self.trainer is None:
                self.pace = steps_per_second
            case _ if self.trainer is None:
                return  # nothing to act on until a config and a dataset make a trainer
            case Reset():
                self.trainer.reset()
            case Randomise(seed):
                self.trainer.randomise_weights(seed)
            case SetWeights(weights, step, curves):
                self.trainer.set_weights(weights, step)
                if curves is not None:
                    self.trainer.set_histories(*curves[:3])
                    if len(curves) > 3:
                        self.weights.set(*curves[3])
            case SetPlaying(playing):
                self.playing = playing
                self._rate_mark = (self._clock(), self.trainer.step)
                self._next_step = self._clock()  # the first step at once
            case SetPace(steps_per_second):
                self.pace = steps_per_second
                self._next_step = self._clock()
            case SetTrainOnly(indices):
                self.train_only = None if indices is None else tuple(int(i) for i in indices)
                self.trainer.model.optimizer.reset()  # its state was the other run's
            case TakeSteps(n):
                # Taken now, so that they come before whatever was posted after them.
                for _ in range(n):
                    if not self._step():
                        break
            case _:
                raise TypeError(f"unknown command {command!r}")

    def train_chunk(self) -> None:
        """Train for up to CHUNK_SECONDS (less if a snapshot falls due sooner)."""
        trainer = self.trainer
        before = trainer.step
        now = self._clock()
        end = min(now + CHUNK_SECONDS, max(self._next_frame, now))
        try:
            while True:
                if self._steps_to_take:
                    self._steps_to_take -= 1
                elif not self.playing:
                    break
                elif self.pace is not None:
                    now = self._clock()
                    if now < self._next_step:
                        break
                    # On a drift-free schedule, but a late step does not make a burst.
                    interval = 1.0 / self.pace
                    self._next_step = max(self._next_step + interval, now - interval)
                if not self._step() or self._clock() >= end:
                    break
        except Exception:
            self.playing, self._steps_to_take = False, 0
            self._send(Failed(traceback.format_exc()))
        self._update_rate()
        if trainer.step != before or trainer.diverged_at is not None:
            self._dirty = True
            self._one_step_old_ok = self.playing and self.pace is None

    def _step(self) -> bool:
        """One training step; False (and paused) if it diverged or had no points."""
        if self._train_step():
            t = self.trainer
            self.weights.offer(t.step, lambda: flat_weights([v.value for v in t.model.variables]))
            return True
        self._steps_to_take = 0
        self.playing = False
        diverged_at = self.trainer.diverged_at
        if diverged_at is not None:
            rate, cause = self.trainer.model.learning_rate, self.trainer.divergence_cause
            self._send(Diverged(diverged_at, divergence_message(diverged_at, rate, cause), rate, cause))
        return False

    def _follow_weights(self) -> None:
        """After commands: a fresh start begins the weight history at its step 0 weights;
        weights set at an earlier step cut it there (a branch sends its own history)."""
        t = self.trainer
        if t is None:
            return
        last = self.weights.last_step
        if t.step == 0 or last is None or t.step < last:
            if t.step == 0 or last is None:
                self.weights.clear()
            else:
                self.weights.set(*until(self.weights.arrays(), t.step))
            if self.weights.last_step != t.step:
                self.weights.append(t.step, flat_weights(t.model.get_weights()))

    def _train_step(self) -> bool:
        """``trainer.train(1)``; with ``train_only``, every other weight is put back, so the
        step is exact descent on the surface of those weights (an optimizer's rule is
        element by element: their own updates are untouched)."""
        if self.train_only is None:
            return bool(self.trainer.train(1))
        variables = self.trainer.model.variables
        before = [v.value.copy() for v in variables]
        if sum(b.size for b in before) <= max(self.train_only):
            self.train_only = None  # another model since: its indices mean nothing now
            return bool(self.trainer.train(1))
        taken = self.trainer.train(1)
        start = 0
        for variable, old in zip(variables, before):
            keep = np.ones(old.size, dtype=bool)
            keep[[i - start for i in self.train_only if start <= i < start + old.size]] = False
            variable.value.reshape(-1)[keep] = old.reshape(-1)[keep]
            start += old.size
        return bool(taken)

    def _update_rate(self):
        now = self._clock()
        t0, step0 = self._rate_mark
        if not self.playing:
            self._rate = 0.0
        elif now - t0 >= RATE_WINDOW_SECONDS:
            self._rate = (self.trainer.step - step0) / (now - t0)
            self._rate_mark = (now, self.trainer.step)

    def send_snapshot_if_due(self) -> None:
        """Send the newest state if it changed, a credit is left and the display wants one."""
        due = self.seconds_until_due()
        if due is None or due > 0:
            return
        t = self.trainer
        # At full speed, the state one step back costs nothing (the last step measured it)
        # and looks the same; at a pace, paused, or after a command, the state now. Not for
        # an optimizer with slots (momentum, Adam): they are the last step's, not its start's.
        optimizer_state = t.model.optimizer.state(t.model.variables)
        snapshot = None
        if self._one_step_old_ok and self.playing and not any(optimizer_state.slots):
            snapshot = t.snapshot_before_last_step()
            if snapshot is not None:  # the optimizer as it stood before that step
                optimizer_state = replace(optimizer_state, iterations=max(0, optimizer_state.iterations - 1))
        snapshot = snapshot or t.snapshot()
        step, curves = snapshot.step, self._curves  # the curves end at the snapshot's step
        self._send(SnapshotMessage(
            snapshot=snapshot,
            config=t.config,
            n_classes=t.dataset.n_classes,
            loss_curve=curves.rows("loss", t.loss_history.arrays(), step),
            accuracy_curve=curves.rows("accuracy", t.accuracy_history.arrays(), step),
            test_loss_curve=curves.rows("test_loss", t.test_loss_history.arrays(), step),
            weight_history=curves.history_rows(self.weights, step),
            steps_per_second=self._rate,
            playing=self.playing,
            optimizer_state=optimizer_state,
        ))
        self._credits -= 1
        self._dirty = False
        now = self._clock()
        # Drift-free: snapshots keep to the 1/max_fps grid, but never burst.
        self._next_frame = max(self._next_frame + self._frame_interval, now - self._frame_interval)


def serve(conn: Connection, max_fps: float) -> None:
    """The child's main loop: read messages between chunks of training, send snapshots."""
    loop = TrainingLoop(conn.send, max_fps)
    watch = ShareWatch()  # frees this process from its core if something else holds it
    while True:
        watch.busy(loop.busy)
        if loop.busy:
            timeout = 0.0
        else:
            waits = [w for w in (loop.seconds_until_due(), loop.seconds_until_step()) if w is not None]
            timeout = min(waits) if waits else IDLE_WAIT_SECONDS
        if conn.poll(timeout):
            while True:
                if not loop.handle(conn.recv()):
                    return
                if not conn.poll(0):
                    break
        if loop.busy:
            loop.train_chunk()
        loop.send_snapshot_if_due()


def main(argv=None) -> int:
    """Entry point of the child: ``python -m gdviz.training.process FD MAX_FPS``."""
    argv = sys.argv[1:] if argv is None else argv
    tune_allocator()
    conn = Connection(int(argv[0]))
    try:
        serve(conn, float(argv[1]))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent has gone: nothing is left to train for
    return 0


if __name__ == "__main__":
    sys.exit(main())
