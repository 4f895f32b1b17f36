"""Training in a child process (Qt-free): the Trainer gets a Python interpreter, and a GIL, of its own.

The engine trains in many small numpy calls, so a training thread holds the GIL most
of the time; in the GUI's process it and pyqtgraph's painting (Python too) starved
each other. Here the Trainer runs in a child process started with ``subprocess``
(fork + exec at once: nothing of Qt is ever forked, and unlike multiprocessing's
'spawn' the child does not re-import the parent's ``__main__``, which may load Qt).

Both ends speak over one ``multiprocessing.connection.Connection`` (pickled tuples):

parent -> child
    ("commands", serial, [(name, value), ...])  apply in order, then reply "applied"
    ("credit",)                                   the parent took a snapshot: one more may come
    ("stop",)                                     end now
child -> parent
    ("applied", serial, config, weights, step)    every command up to ``serial`` is applied
    ("snapshot", dict)                            at most ``max_fps`` a second, one per credit
    ("diverged", step, message)
    ("failed", traceback text)                    the child keeps serving

Commands are those of ``gdviz.ui.training.worker.TrainingWorker``: start, dataset, config, reset,
randomise, weights, playing, steps.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import subprocess
import sys
import time
import traceback
from multiprocessing.connection import Connection, wait

from gdviz.training.trainer import Trainer

CHUNK_SECONDS = 0.005  # how long the child trains before it reads its connection again
IDLE_WAIT_SECONDS = 0.05  # paused: how long to block when nothing arrives
RATE_WINDOW_SECONDS = 0.5  # steps per second are measured over about this long
INITIAL_CREDITS = 2  # snapshots the child may send before the parent has taken one
STOP_GRACE_SECONDS = 0.4  # after "stop", how long the child gets before it is terminated
# glibc gives memory at the top of the heap back to the system once this much is free,
# and asks for this much extra when the heap grows. Its defaults (128 KiB) make every
# training step shrink and regrow the heap: page faults cost a third of the step time.
MALLOC_TOP_PAD_BYTES = 4 * 1024 * 1024
MALLOC_TRIM_THRESHOLD_BYTES = 8 * 1024 * 1024
# Room for both directions at once (two snapshots with their curves, a burst of dragged
# datasets), so that neither end blocks in send() while the other is sending too.
SOCKET_BUFFER_BYTES = 4 * 1024 * 1024


def tune_allocator() -> bool:
    """Keep a few MiB of freed heap instead of returning it after every training step.

    Returns:
        True if glibc's ``mallopt`` took the settings; False elsewhere (nothing changes).
    """
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    m_trim_threshold, m_top_pad = -1, -2  # from glibc's malloc.h
    return bool(mallopt(m_top_pad, MALLOC_TOP_PAD_BYTES)) and bool(
        mallopt(m_trim_threshold, MALLOC_TRIM_THRESHOLD_BYTES))


def divergence_message(step: int, learning_rate: float) -> str:
    """What the UI says when training diverged."""
    return (
        f"Training diverged at step {step}: the loss or a weight became infinite or NaN. "
        f"Lower the learning rate (now {learning_rate:g}); the last finite weights are restored."
    )


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

    @property
    def busy(self) -> bool:
        """True while there is training to do (playing, or single steps owed)."""
        return self.trainer is not None and (self.playing or self._steps_to_take > 0)

    def seconds_until_due(self) -> float | None:
        """How long until a snapshot is due and may be sent; None if none is due."""
        if not (self._dirty and self._credits and self.trainer is not None):
            return None
        return max(0.0, self._next_frame - self._clock())

    def handle(self, message) -> bool:
        """Act on one message from the parent. Returns False on "stop"."""
        kind = message[0]
        if kind == "stop":
            return False
        if kind == "credit":
            self._credits += 1
        elif kind == "commands":
            _, serial, commands = message
            for name, value in commands:
                try:
                    self._apply(name, value)
                except Exception:  # reported; the loop keeps serving
                    self.playing, self._steps_to_take = False, 0
                    self._send(("failed", traceback.format_exc()))
                self._dirty = True
            t = self.trainer
            if t is None:
                self._send(("applied", serial, self._config, None, 0))
            else:
                self._send(("applied", serial, t.config, tuple(t.model.get_weights()), t.step))
        else:
            raise ValueError(f"unknown message {kind!r} from the parent")
        return True

    def _apply(self, name, value):
        if name == "start":
            self._config, self._dataset = value
            self.trainer = Trainer(self._config, self._dataset)
        elif name in ("dataset", "config"):
            if name == "dataset":
                self._dataset = value
            else:
                self._config = value
            if self.trainer is None:  # the first config or dataset failed: try again
                self.trainer = Trainer(self._config, self._dataset)
            elif name == "dataset":
                self.trainer.set_dataset(value)
            else:
                self.trainer.set_config(value)
        elif self.trainer is None:
            return
        elif name == "reset":
            self.trainer.reset()
        elif name == "randomise":
            self.trainer.randomise_weights(value)
        elif name == "weights":
            self.trainer.set_weights(*value)
        elif name == "playing":
            self.playing = value
            self._rate_mark = (self._clock(), self.trainer.step)
        elif name == "steps":
            # Taken now, so that they come before whatever was posted after them.
            for _ in range(value):
                if not self._step():
                    break
        else:
            raise ValueError(f"unknown command {name!r}")

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
                if not self._step() or self._clock() >= end:
                    break
        except Exception:
            self.playing, self._steps_to_take = False, 0
            self._send(("failed", traceback.format_exc()))
        self._update_rate()
        if trainer.step != before or trainer.diverged_at is not None:
            self._dirty = True

    def _step(self) -> bool:
        """One training step; False (and paused) if it diverged or had no points."""
        if self.trainer.train(1):
            return True
        self._steps_to_take = 0
        self.playing = False
        diverged_at = self.trainer.diverged_at
        if diverged_at is not None:
            message = divergence_message(diverged_at, self.trainer.model.learning_rate)
            self._send(("diverged", diverged_at, message))
        return False

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
        self._send(("snapshot", dict(
            snapshot=t.snapshot(),
            config=t.config,
            n_classes=t.dataset.n_classes,
            loss_curve=t.loss_history.arrays(),
            accuracy_curve=t.accuracy_history.arrays(),
            test_loss_curve=t.test_loss_history.arrays(),
            steps_per_second=self._rate,
            playing=self.playing,
        )))
        self._credits -= 1
        self._dirty = False
        now = self._clock()
        # Drift-free: snapshots keep to the 1/max_fps grid, but never burst.
        self._next_frame = max(self._next_frame + self._frame_interval, now - self._frame_interval)


def serve(conn: Connection, max_fps: float) -> None:
    """The child's main loop: read messages between chunks of training, send snapshots."""
    loop = TrainingLoop(conn.send, max_fps)
    while True:
        if loop.busy:
            timeout = 0.0
        else:
            due = loop.seconds_until_due()
            timeout = IDLE_WAIT_SECONDS if due is None else due
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


class TrainingProcess:
    """The parent's handle on one child: start it, talk to it, end it.

    Args:
        max_fps: at most this many snapshots a second.
    """

    def __init__(self, max_fps: float):
        parent_end, child_end = socket.socketpair()
        for end in (parent_end, child_end):
            for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
                end.setsockopt(socket.SOL_SOCKET, option, SOCKET_BUFFER_BYTES)
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        # One process, one core: OpenBLAS's own threads would only compete with the GUI's.
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "gdviz.training.process", str(child_end.fileno()), str(max_fps)],
                pass_fds=(child_end.fileno(),), env=env, stdin=subprocess.DEVNULL)
        finally:
            child_end.close()
        self.connection = Connection(parent_end.detach())
        self.answered = False  # True once the child has sent anything: it runs

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def exit_code(self) -> int | None:
        return self._process.poll()

    def send(self, message) -> None:
        self.connection.send(message)

    def receive(self):
        """The next message from the child (blocks until one arrives; EOFError if it has gone)."""
        message = self.connection.recv()
        self.answered = True
        return message

    def wait_for_message(self, other_handles, timeout: float) -> list:
        """Block until a message or another handle is ready (or timeout); returns the ready ones."""
        return wait([self.connection, *other_handles], timeout)

    def stop(self, timeout: float = STOP_GRACE_SECONDS) -> None:
        """Ask the child to end; terminate it if it does not within ``timeout``, then kill it."""
        try:
            self.connection.send(("stop",))
        except OSError:
            pass  # already gone
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.terminate()
            try:
                self._process.wait(0.2)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self.connection.close()


if __name__ == "__main__":
    sys.exit(main())
