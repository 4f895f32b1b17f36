"""What the training worker (GUI process) and the training process say to each other (Qt-free).

Every message is a frozen dataclass; each side dispatches on its type (``match``),
so a reader can follow a dragged point from the worker's hand-off to the Trainer and
back as one ``SetDataset``.

parent -> child
    ``Commands(serial, commands)``  apply in order, then answer ``Applied(serial, state)``
    ``Credit()``                    the parent took a snapshot: one more may come
    ``Stop()``                      end now
child -> parent
    ``Applied(serial, state)``      every batch up to ``serial`` is applied; ``state`` is where
                                    training now stands (None while there is no trainer)
    ``SnapshotMessage(...)``        at most ``max_fps`` a second, one per credit
    ``Diverged(step, message, learning_rate, cause)``  the child's message is English (it has
                                    no translator); the parent says it again in its language
    ``Failed(text)``                a command or a step raised; the child keeps serving

The commands inside ``Commands`` are ``Start``, ``SetDataset``, ``SetConfig``, ``Reset``,
``Randomise``, ``SetWeights``, ``SetPlaying``, ``SetPace``, ``SetTrainOnly`` and ``TakeSteps``.

On the wire a message is pickled and framed exactly as
``multiprocessing.connection.Connection`` frames it (a 4-byte big-endian length, or -1
and an 8-byte one), so the child reads and writes with a plain blocking Connection
while the parent, which must never block, frames bytes itself (``encode``,
``FrameReader``).
"""

from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass

import numpy as np

from gdviz.training.datasets import Dataset
from gdviz.training.models import ModelConfig
from gdviz.training.trainer import Snapshot

# **** where training stands ****


@dataclass(frozen=True)
class TrainingState:
    """Where training stands, as copies: what the backprop player needs to replay a step,
    and what a replacement training process resumes from."""

    config: ModelConfig
    dataset: Dataset
    weights: tuple
    step: int
    playing: bool = False
    optimizer_state: object = None  # gdviz.engine.OptimizerState of the next step


# **** commands: applied in order by the training process ****


@dataclass(frozen=True)
class Start:
    """Train ``config`` on ``dataset`` from the config's starting weights."""

    config: ModelConfig
    dataset: Dataset


@dataclass(frozen=True)
class SetDataset:
    """Train on these points from now on (an edit keeps the weights)."""

    dataset: Dataset


@dataclass(frozen=True)
class SetConfig:
    """A new learning rate or optimizer keeps training; a new model resets it."""

    config: ModelConfig


@dataclass(frozen=True)
class Reset:
    """Back to the config's starting weights, step 0."""


@dataclass(frozen=True)
class Randomise:
    """Fresh random weights from ``seed`` (None: a new random seed)."""

    seed: int | None = None


@dataclass(frozen=True)
class SetWeights:
    """Continue from these weights; ``step`` None keeps the step count. ``curves``, if
    given, are the (loss, accuracy, test loss) histories as (K, 2) arrays of (step,
    value) rows to go on from (an undone restart puts the earlier run's back), and
    optionally a fourth: the weight history as (steps, rows) (a branched timeline)."""

    weights: tuple
    step: int | None = None
    curves: tuple | None = None


@dataclass(frozen=True)
class SetPlaying:
    playing: bool


@dataclass(frozen=True)
class SetPace:
    """Play at most ``steps_per_second`` steps a second (None: as fast as it goes)."""

    steps_per_second: float | None


@dataclass(frozen=True)
class SetTrainOnly:
    """Train only the weights at these flat indices (in [W1, b1, ...] order, as the
    landscape numbers them), the others held where they are; None: train them all."""

    indices: tuple | None


@dataclass(frozen=True)
class TakeSteps:
    """Take ``n`` steps now, before any command that follows."""

    n: int


def coalesce(earlier, later):
    """One command with the effect of ``earlier`` followed by ``later``; None if there is none.

    A drag posts a dataset per mouse move: while the training process is busy they
    become the newest one.
    """
    if type(earlier) is not type(later) or isinstance(later, Start):
        return None
    if isinstance(later, TakeSteps):
        return TakeSteps(earlier.n + later.n)
    return later  # setting twice is setting to the latter; resetting twice is resetting once


# **** parent -> child ****


@dataclass(frozen=True)
class Commands:
    """A batch of commands; the child answers ``Applied`` with the same serial."""

    serial: int
    commands: tuple


@dataclass(frozen=True)
class Credit:
    """The parent has taken a snapshot: the child may send one more."""


@dataclass(frozen=True)
class Stop:
    """End the training process."""


# **** child -> parent ****


@dataclass(frozen=True)
class Applied:
    """Every command batch up to ``serial`` is applied; ``state`` is where training stands."""

    serial: int
    state: TrainingState | None


@dataclass(frozen=True)
class CurveRows:
    """A curve's rows from index ``start`` on: the receiver keeps its first ``start`` rows
    and appends these (``start`` 0 replaces the whole curve).

    A curve of 2,000 (step, value) rows sent whole 60 times a second is 6 MB a second to
    pickle, copy and unpickle for a few new rows each time: the sender sends what is new.
    """

    start: int
    steps: np.ndarray
    values: np.ndarray

    def onto(self, curve: tuple | None) -> tuple:
        """The whole curve (steps, values) after these rows, from the receiver's ``curve``
        (copied: ``CurveBuffer`` grows in place instead)."""
        if self.start == 0:
            return self.steps, self.values
        if curve is None or len(curve[0]) < self.start:
            raise ValueError(f"rows from {self.start} on do not fit a curve of "
                             f"{0 if curve is None else len(curve[0])} rows")
        steps, values = curve
        return (np.concatenate((steps[: self.start], self.steps)),
                np.concatenate((values[: self.start], self.values)))


class CurveBuffer:
    """The receiver's side of ``CurveRows``: the rows grow in place in a buffer with room
    to spare, and what it hands out are read-only views of the rows so far, which later
    rows never change (they go past the end; a replaced curve gets a new buffer)."""

    def __init__(self):
        self._steps = self._values = None
        self._count = 0

    def add(self, rows: CurveRows) -> tuple:
        """The whole curve (steps, values) after ``rows``."""
        n = len(rows.steps)
        if self._steps is None or rows.start != self._count or rows.start == 0:
            if rows.start and self._steps is not None and rows.start <= self._count:
                head = (self._steps[: rows.start], self._values[: rows.start])  # rows kept
            elif rows.start:
                raise ValueError(f"rows from {rows.start} on do not fit a curve of {self._count} rows")
            else:
                head = (rows.steps[:0], rows.values[:0])
            self._new_buffer(head, rows.start + n, rows.values.shape[1:])
        elif self._count + n > len(self._steps):
            self._new_buffer((self._steps[: self._count], self._values[: self._count]),
                             self._count + n, rows.values.shape[1:])
        self._steps[self._count: self._count + n] = rows.steps
        self._values[self._count: self._count + n] = rows.values
        self._count += n
        steps, values = self._steps[: self._count], self._values[: self._count]
        steps.flags.writeable = values.flags.writeable = False
        return steps, values

    def _new_buffer(self, head, need, row_shape) -> None:
        capacity = max(64, 2 * need)
        steps, values = np.empty(capacity), np.empty((capacity, *row_shape))
        k = len(head[0])
        steps[:k], values[:k] = head
        self._steps, self._values, self._count = steps, values, k


def _up_to(until: int | None, steps, values) -> tuple:
    """The rows of (steps, values) at steps up to ``until`` (all of them for None)."""
    if until is None:
        return steps, values
    n = int(np.searchsorted(steps, until, side="right"))
    return steps[:n], values[:n]


class CurveSender:
    """What of each curve the receiver already has: ``rows(name, (steps, values))`` gives
    the new rows, or the whole curve after ``forget()`` (any command may have replaced the
    curves) or when the curve was thinned (its row at the last sent index changed)."""

    def __init__(self):
        self._sent = {}  # name -> (rows sent, the step of the last of them)
        self._history = None  # (rows, generation) of the weight history sent

    def forget(self) -> None:
        self._sent.clear()
        self._history = None

    def history_rows(self, history, until: int | None = None) -> CurveRows:
        """The new rows of a ``WeightHistory`` (which counts its thinnings), without
        copying the rows the receiver has: a history of 2,000 weight vectors copied whole
        60 times a second would cost the training process more than its steps. Rows of
        steps after ``until`` are held back (for a snapshot of that step)."""
        count, generation = self._history or (0, None)
        start, steps, rows = history.since(count, generation)
        steps, rows = _up_to(until, steps, rows)
        self._history = (start + len(steps), history.generation)
        return CurveRows(start, steps, rows)

    def rows(self, name: str, curve: tuple, until: int | None = None) -> CurveRows:
        """The rows of ``curve`` (steps, values) the receiver lacks, up to step ``until``."""
        steps, values = _up_to(until, *curve)
        count, last = self._sent.get(name, (0, None))
        if count == 0 or len(steps) < count or steps[count - 1] != last:
            count = 0
        self._sent[name] = (len(steps), steps[-1] if len(steps) else None)
        return CurveRows(count, steps[count:], values[count:])


@dataclass(frozen=True)
class SnapshotMessage:
    """The newest training state, for a frame. On the wire the curves are ``CurveRows``;
    the worker puts them together into whole (steps, values) pairs."""

    snapshot: Snapshot
    config: ModelConfig
    n_classes: int
    loss_curve: tuple
    accuracy_curve: tuple
    test_loss_curve: tuple
    steps_per_second: float
    playing: bool
    optimizer_state: object = None  # gdviz.engine.OptimizerState: what the next step's update uses
    weight_history: object = None  # CurveRows of (step, flat weights) rows: the timeline's


@dataclass(frozen=True)
class Diverged:
    """Training stopped at ``step`` on a non-finite loss or weight. ``message`` is in English;
    ``learning_rate`` and ``cause`` let the parent make it again in the user's language
    (``divergence_message``)."""

    step: int
    message: str
    learning_rate: float | None = None
    cause: str | None = None


@dataclass(frozen=True)
class Failed:
    """A command or a step raised: ``text`` has the traceback. The child serves on."""

    text: str


# **** framing ****

_LENGTH = struct.Struct("!i")  # as multiprocessing.connection.Connection frames a message
_LONG_LENGTH = struct.Struct("!Q")  # after a length of -1: messages of 2 GiB or more


def encode(message) -> bytes:
    """``message`` pickled and framed, ready to write to the socket."""
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    if len(payload) > 0x7FFFFFFF:
        return _LENGTH.pack(-1) + _LONG_LENGTH.pack(len(payload)) + payload
    return _LENGTH.pack(len(payload)) + payload


class FrameReader:
    """Collects bytes as they arrive and hands back the messages completed by them."""

    def __init__(self):
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list:
        """Add ``data``; returns the messages it completes (often none, sometimes several)."""
        buffer = self._buffer
        buffer += data
        messages = []
        while len(buffer) >= _LENGTH.size:
            (size,), start = _LENGTH.unpack_from(buffer), _LENGTH.size
            if size == -1:
                if len(buffer) < start + _LONG_LENGTH.size:
                    break
                (size,), start = _LONG_LENGTH.unpack_from(buffer, start), start + _LONG_LENGTH.size
            if len(buffer) < start + size:
                break
            messages.append(pickle.loads(buffer[start:start + size]))
            del buffer[:start + size]
        return messages
