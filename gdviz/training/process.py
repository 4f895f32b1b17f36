"""Training in a child process (Qt-free): the Trainer gets a Python interpreter, and a GIL, of its own.

The engine trains in many small numpy calls, so a training thread holds the GIL most
of the time; in the GUI's process it and pyqtgraph's painting (Python too) starved
each other. Here the Trainer runs in a child process started with ``subprocess``
(fork + exec at once: nothing of Qt is ever forked, and unlike multiprocessing's
'spawn' the child does not re-import the parent's ``__main__``, which may load Qt).

The two ends exchange the typed messages of ``gdviz.training.protocol`` over a socket
pair. The child (``TrainingLoop``, ``serve``) reads and writes with a plain blocking
``multiprocessing.connection.Connection``. The parent (``TrainingProcess``) never
blocks: its socket is non-blocking, what does not fit waits in an outgoing queue until
the socket is writable, and messages are read as their bytes arrive. A child that is
frozen (SIGSTOP), busy or dead can therefore not hold up the GUI's worker thread, and
``TrainingProcess.stop`` ends it whatever state it is in.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import Connection

import numpy as np

from gdviz.training.protocol import (
    Applied, Commands, Credit, CurveSender, Diverged, Failed, FrameReader, Randomise, Reset, SetConfig,
    SetDataset, SetPace, SetPlaying, SetTrainOnly, SetWeights, SnapshotMessage, Start, Stop, TakeSteps,
    TrainingState, encode)
from gdviz.training.allocator import tune_allocator  # noqa: F401 (the child calls it; re-exported)
from gdviz.training.trainer import Trainer, divergence_message

CHUNK_SECONDS = 0.005  # how long the child trains before it reads its connection again
IDLE_WAIT_SECONDS = 0.05  # paused: how long to block when nothing arrives
RATE_WINDOW_SECONDS = 0.5  # steps per second are measured over about this long
INITIAL_CREDITS = 2  # snapshots the child may send before the parent has taken one
STOP_GRACE_SECONDS = 0.4  # after Stop, how long the child gets before it is terminated
TERMINATE_GRACE_SECONDS = 0.2  # after SIGTERM, how long before SIGKILL
ERROR_TAIL_CHARS = 2000  # how much of the child's stderr a failure message quotes
# The child: ``python -m gdviz.training.process FD MAX_FPS`` (a test may start another).
CHILD_COMMAND = ("-m", "gdviz.training.process")
# Room for both directions at once (two snapshots with their curves, a burst of dragged
# datasets): fewer round trips through the parent's outgoing queue.
SOCKET_BUFFER_BYTES = 4 * 1024 * 1024


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
        self.pace = None  # steps a second while playing; None: as fast as it goes
        self.train_only = None  # flat indices of the only weights trained; None: all
        self._next_step = clock()  # at a pace: when the next step is due

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
                for command in commands:
                    try:
                        self._apply(command)
                    except Exception:  # reported; the loop keeps serving
                        self.playing, self._steps_to_take = False, 0
                        self._send(Failed(traceback.format_exc()))
                    self._dirty = True
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
                    self.trainer.set_histories(*curves)
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

    def _step(self) -> bool:
        """One training step; False (and paused) if it diverged or had no points."""
        if self._train_step():
            return True
        self._steps_to_take = 0
        self.playing = False
        diverged_at = self.trainer.diverged_at
        if diverged_at is not None:
            message = divergence_message(diverged_at, self.trainer.model.learning_rate,
                                         self.trainer.divergence_cause)
            self._send(Diverged(diverged_at, message))
        return False

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
        self._send(SnapshotMessage(
            snapshot=t.snapshot(),
            config=t.config,
            n_classes=t.dataset.n_classes,
            loss_curve=self._curves.rows("loss", t.loss_history.arrays()),
            accuracy_curve=self._curves.rows("accuracy", t.accuracy_history.arrays()),
            test_loss_curve=self._curves.rows("test_loss", t.test_loss_history.arrays()),
            steps_per_second=self._rate,
            playing=self.playing,
            optimizer_state=t.model.optimizer.state(t.model.variables),
        ))
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


class TrainingProcess:
    """The parent's handle on one child: start it, talk to it without ever blocking, end it.

    Args:
        max_fps: at most this many snapshots a second.

    Raises:
        OSError: the child could not be started.
    """

    def __init__(self, max_fps: float):
        parent_end, child_end = socket.socketpair()
        for end in (parent_end, child_end):
            for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
                end.setsockopt(socket.SOL_SOCKET, option, SOCKET_BUFFER_BYTES)
        parent_end.setblocking(False)
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        # One process, one core: OpenBLAS's own threads would only compete with the GUI's.
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        # stderr goes to a file, never to a pipe that could fill up and stop the child;
        # stop() passes it on to ours and keeps its end for a failure message.
        self._errors = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                [sys.executable, *CHILD_COMMAND, str(child_end.fileno()), str(max_fps)],
                pass_fds=(child_end.fileno(),), env=env, stdin=subprocess.DEVNULL, stderr=self._errors)
        except OSError:
            parent_end.close()
            self._errors.close()
            raise
        finally:
            child_end.close()
        self._socket = parent_end
        self._reader = FrameReader()
        self._outgoing = bytearray()  # framed messages the socket has not taken yet
        self.answered = False  # True once the child has sent anything: it runs
        self.gone = False  # True once its end of the socket has closed: it has ended
        self.error_tail = ""  # the end of what it wrote to stderr, once stop() has run

    @property
    def pid(self) -> int:
        return self._process.pid

    def fileno(self) -> int:
        """The socket, for select(): readable when a message (or the end) arrives."""
        return self._socket.fileno()

    @property
    def wants_to_write(self) -> bool:
        """True while queued bytes wait for the socket to become writable (then ``flush``)."""
        return bool(self._outgoing)

    def send(self, message) -> None:
        """Queue ``message`` and write as much as the socket takes now; never blocks."""
        if not self.gone:
            self._outgoing += encode(message)
            self.flush()

    def flush(self) -> None:
        """Write queued bytes until the socket is full or nothing is left; never blocks."""
        try:
            while self._outgoing:
                del self._outgoing[:self._socket.send(self._outgoing)]
        except BlockingIOError:
            pass  # the child is not reading now: the rest waits for the socket to be writable
        except OSError:  # BrokenPipeError, ConnectionResetError: the child has ended
            self._ended()

    def receive(self) -> list:
        """The messages that have arrived in full (often none); never blocks."""
        messages = []
        while not self.gone:
            try:
                data = self._socket.recv(SOCKET_BUFFER_BYTES)
            except BlockingIOError:
                break
            except OSError:
                data = b""
            if not data:
                self._ended()
                break
            self.answered = True
            messages += self._reader.feed(data)
        return messages

    def _ended(self):
        self.gone = True
        self._outgoing.clear()

    def stop(self, grace: float = STOP_GRACE_SECONDS) -> int:
        """End the child whatever state it is in and reap it; safe to call more than once.

        The child is asked (``Stop``) and given ``grace`` seconds, as is a child that has
        closed its end and is ending by itself; one that is not reading gets no grace.
        Then SIGTERM, with SIGCONT in case it was frozen with SIGSTOP; then SIGKILL,
        which ends even a frozen process.

        Returns:
            Its exit code; negative: killed by that signal.
        """
        if self._process.poll() is None:
            self.send(Stop())
            if not self._wait(0.0 if self.wants_to_write else grace):
                self._process.terminate()
                self._process.send_signal(signal.SIGCONT)
                if not self._wait(TERMINATE_GRACE_SECONDS):
                    self._process.kill()
                    self._process.wait()
        if not self._errors.closed:
            self._socket.close()
            self._ended()
            self.error_tail = self._read_errors()
        return self._process.returncode

    def _wait(self, timeout: float) -> bool:
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def _read_errors(self) -> str:
        with self._errors as errors:
            errors.seek(0, os.SEEK_END)
            errors.seek(max(0, errors.tell() - 4 * ERROR_TAIL_CHARS))
            text = errors.read().decode(errors="replace")[-ERROR_TAIL_CHARS:]
        if text:
            sys.stderr.write(text if text.endswith("\n") else text + "\n")
        return text


if __name__ == "__main__":
    sys.exit(main())
