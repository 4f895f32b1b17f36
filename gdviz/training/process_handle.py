"""The parent's end of the training process (Qt-free): start it, talk to it, end it.

The child is ``python -m gdviz.training.process`` (``TrainingLoop``, ``serve``), started
with ``subprocess`` (fork + exec at once: nothing of Qt is ever forked). This end never
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

from gdviz.i18n import translate
from gdviz.training.cores import CorePlan
from gdviz.training.protocol import FrameReader, Stop, encode

STOP_GRACE_SECONDS = 0.4  # after Stop, how long the child gets before it is terminated
TERMINATE_GRACE_SECONDS = 0.2  # after SIGTERM, how long before SIGKILL
ERROR_TAIL_CHARS = 2000  # how much of the child's stderr a failure message quotes
# The child: ``python -m gdviz.training.process FD MAX_FPS`` (a test may start another).
CHILD_COMMAND = ("-m", "gdviz.training.process")
# Room for both directions at once (two snapshots with their curves, a burst of dragged
# datasets): fewer round trips through the parent's outgoing queue.
SOCKET_BUFFER_BYTES = 4 * 1024 * 1024


def how_it_ended(exit_code: int) -> str:
    """A process's exit code in words: "exit code 1", "killed by SIGKILL"."""
    if exit_code >= 0:
        return translate("TrainingProcess", "exit code {code}").format(code=exit_code)
    try:
        name = signal.Signals(-exit_code).name
    except ValueError:
        return translate("TrainingProcess", "killed by signal {number}").format(number=-exit_code)
    return translate("TrainingProcess", "killed by {signal}").format(signal=name)


# What the worker says when the child ends (the panel's warning bar shows it).

def not_started_message(exit_code: int, said: str) -> str:
    """The child ended before it answered; ``said`` is what it wrote on stderr."""
    how = how_it_ended(exit_code)
    if said:
        return translate("TrainingProcess", "The training process could not start ({how}, before it "
                         "answered). It wrote:\n{said}").format(how=how, said=said)
    return translate("TrainingProcess", "The training process could not start ({how}, before it "
                     "answered). It wrote nothing.").format(how=how)


def given_up_message(exit_code: int, restarts: int, seconds: float) -> str:
    """The child ended once more after ``restarts`` restarts within ``seconds``."""
    return translate(
        "TrainingProcess",
        "The training process ended again ({how}): {restarts} restarts within {seconds:.0f} s, "
        "so gdviz has stopped restarting it. Save your session and restart gdviz to train again.",
    ).format(how=how_it_ended(exit_code), restarts=restarts, seconds=seconds)


def restarted_message(exit_code: int, step: int | None, playing: bool) -> str:
    """The child ended and another took its place, at ``step`` (None: from the start)."""
    how = how_it_ended(exit_code)
    if step is None:
        return translate("TrainingProcess", "The training process ended unexpectedly ({how}); "
                         "it has been restarted from the start.").format(how=how)
    if playing:
        return translate("TrainingProcess", "The training process ended unexpectedly ({how}); "
                         "it has been restarted from step {step}, still training.").format(how=how, step=step)
    return translate("TrainingProcess", "The training process ended unexpectedly ({how}); "
                     "it has been restarted from step {step}.").format(how=how, step=step)


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
        self.cores = CorePlan()  # training on a core of its own (gdviz.training.cores)
        env.update(self.cores.environment())
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
        self.cores.pin_training_process(self._process.pid)
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
