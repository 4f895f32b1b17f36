"""The weights of every step, for the training timeline (Qt-free).

A ``WeightHistory`` keeps (step, flat weights) rows: every step at first, then, when
full, every other row is dropped and from then on only every ``stride``-th step is
kept, as the curves' ``History`` does. Its size is bounded in rows and in bytes, so a
wide network keeps fewer rows rather than more memory.
"""

from __future__ import annotations

import numpy as np

MAX_ROWS = 2000  # every step of the first 1,000 at least (the thinning halves a full buffer)
MAX_BYTES = 16 * 1024 * 1024  # a 4×64 MLP (13,000 weights) keeps about 160 rows


def flat_weights(weights) -> np.ndarray:
    """[W1, b1, ...] as one vector, in that order."""
    return np.concatenate([np.ravel(w) for w in weights]) if len(weights) else np.zeros(0)


def unflat_weights(vector, like) -> list:
    """A vector back into arrays shaped like ``like`` (a weight list)."""
    out, start = [], 0
    for w in like:
        size = int(np.size(w))
        out.append(np.array(vector[start:start + size], dtype=float).reshape(np.shape(w)))
        start += size
    return out


class WeightHistory:
    """Rows of (step, weights), thinned so that they never exceed MAX_ROWS or MAX_BYTES."""

    def __init__(self, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES):
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.clear()

    def __len__(self):
        return self._count

    def clear(self) -> None:
        self.generation = getattr(self, "generation", 0) + 1  # rows before it mean nothing now
        self._steps = np.zeros(0)
        self._rows = np.zeros((0, 0))
        self._count = 0
        self._stride = 1
        self._offered = 0

    def _capacity(self, width: int) -> int:
        return max(2, min(self.max_rows, self.max_bytes // max(1, 8 * width)))

    def offer(self, step: int, make_weights) -> None:
        """``append(step, make_weights())``, calling it only if the row is to be kept (a
        training step offers its weights; most are thinned away on a long run)."""
        if self._count and self._offered % self._stride:
            self._offered += 1
            return
        self.append(step, make_weights())

    def append(self, step: int, weights: np.ndarray) -> None:
        """Offer the weights after ``step`` steps (a flat vector); kept if on the stride."""
        weights = np.asarray(weights, dtype=float).ravel()
        if self._count and weights.size != self._rows.shape[1]:
            self.clear()  # another model: its history starts here
        if not self._count and self._rows.shape[1:] != (weights.size,):
            capacity = self._capacity(weights.size)
            self._steps, self._rows = np.empty(capacity), np.empty((capacity, weights.size))
        self._offered += 1
        if (self._offered - 1) % self._stride:
            return
        if self._count == len(self._steps):
            self.generation += 1  # the rows move: a reader starts again
            half = (self._count + 1) // 2  # rows 0, 2, 4, …: an odd capacity keeps its last
            self._steps[:half] = self._steps[: self._count: 2]
            self._rows[:half] = self._rows[: self._count: 2]
            self._count = half
            self._stride *= 2
        self._steps[self._count] = step
        self._rows[self._count] = weights
        self._count += 1

    def arrays(self) -> tuple:
        """Copies of (steps, rows): rows[i] is the flat weights after steps[i] steps."""
        return self._steps[: self._count].copy(), self._rows[: self._count].copy()

    def since(self, count: int, generation: int) -> tuple:
        """(start, steps, rows) a reader that has ``count`` rows of ``generation`` lacks:
        only the new rows (copies), or all of them (start 0) after a thinning or a clear."""
        if generation != self.generation or count > self._count:
            count = 0
        return count, self._steps[count: self._count].copy(), self._rows[count: self._count].copy()

    def set(self, steps, rows) -> None:
        """Go on from these rows (e.g. a branch's history up to its step)."""
        steps, rows = np.asarray(steps, dtype=float), np.asarray(rows, dtype=float)
        self.clear()
        if not len(steps):
            return
        for step, row in zip(steps, rows.reshape(len(steps), -1)):
            self.append(int(step), row)

    @property
    def last_step(self) -> int | None:
        return int(self._steps[self._count - 1]) if self._count else None


def at_step(history: tuple, step: int):
    """(step kept, flat weights) of the row of ``history`` (steps, rows) nearest ``step``
    at or before it; None if it holds none."""
    steps, rows = history
    if not len(steps):
        return None
    i = int(np.searchsorted(steps, step, side="right")) - 1
    i = max(i, 0)
    return int(steps[i]), rows[i]


def until(history: tuple, step: int) -> tuple:
    """The rows of ``history`` at or before ``step``."""
    steps, rows = history
    keep = steps <= step
    return steps[keep], rows[keep]
