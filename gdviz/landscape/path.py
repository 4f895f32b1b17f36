"""The descent path: recorded weight vectors, bounded and thinned, with their shadow on a plane (Qt-free).

Training can run for a million steps; the path keeps at most ``capacity`` rows. When
full, every other row is dropped and from then on only every ``stride``-th offered
row is kept (as the trainer's History does): the path keeps its shape at any length,
and the newest point is always shown (``latest``).

For the projection mode each row also has coordinates on a plane (origin and two
directions): computed for every row when the plane changes, then one row at a time.
"""

from __future__ import annotations

import numpy as np

PATH_CAPACITY = 5000


class WeightPath:
    """Rows of flat weight vectors (steps), at most ``capacity`` of them."""

    def __init__(self, capacity: int = PATH_CAPACITY):
        self.capacity = capacity
        self._rows = None
        self._steps = np.empty(capacity, dtype=np.int64)
        self._coords = np.empty((capacity, 2))
        self._count = 0
        self._stride = 1
        self._offered = 0
        self._plane = None  # (origin · directionsᵀ, directions) when a plane is set
        self.latest = None  # the newest row offered, kept or not

    def __len__(self):
        return self._count

    def clear(self) -> None:
        self._count, self._stride, self._offered = 0, 1, 0
        self.latest = None

    def append(self, flat, step: int = 0) -> None:
        """Offer a row; kept if it falls on the current stride."""
        flat = np.asarray(flat, dtype=np.float64)
        if self._rows is None or self._rows.shape[1] != flat.size:
            self._rows = np.empty((self.capacity, flat.size))
            self._count, self._stride, self._offered = 0, 1, 0
        self.latest = flat
        self._offered += 1
        if (self._offered - 1) % self._stride:
            return
        if self._count == self.capacity:
            half = self._count // 2
            for array in (self._rows, self._steps, self._coords):
                array[:half] = array[: self._count : 2]
            self._count = half
            self._stride *= 2
        self._rows[self._count] = flat
        self._steps[self._count] = step
        if self._plane is not None:
            self._coords[self._count] = self._project(flat)
        self._count += 1

    def rows(self) -> np.ndarray:
        """The kept rows (a view: copy it before handing it to another thread)."""
        return self._rows[: self._count] if self._rows is not None else np.zeros((0, 0))

    def steps(self) -> np.ndarray:
        return self._steps[: self._count]

    def set_plane(self, origin, directions) -> None:
        """Project every row (and from now on each new one) onto origin + span(directions)."""
        directions = np.asarray(directions, dtype=np.float64)
        self._plane = (directions @ np.asarray(origin, dtype=np.float64), directions)
        if self._count:
            # rows · dᵀ − origin · dᵀ: no (rows − origin) temporary of the whole path.
            self._coords[: self._count] = self.rows() @ directions.T - self._plane[0]

    def clear_plane(self) -> None:
        self._plane = None

    def coords(self) -> np.ndarray:
        """(K, 2) coordinates of the kept rows on the plane (set_plane first)."""
        return self._coords[: self._count]

    def _project(self, flat):
        shift, directions = self._plane
        return directions @ flat - shift

    def project_latest(self):
        """The newest row's coordinates on the plane, or None."""
        if self._plane is None or self.latest is None:
            return None
        return self._project(self.latest)
