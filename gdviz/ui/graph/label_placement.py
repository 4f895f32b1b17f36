"""Where the numbers on the graph's edges go: a free spot near their edge (no Qt).

Columns sit close together so that a whole graph fits the view with readable text; the
gap between two columns is too narrow for a gradient such as ``[0.1234, -1.58e-05]``.
A label therefore goes to the first spot, searched outwards from the middle of its
edge, where it covers no node, no text under a node and no label placed before it.
Labels are placed in order of priority. A label that must be shown (the current
step's) that finds no spot near its edge takes the nearest free spot anywhere in the
area, joined to its edge by a leader line; any other label that finds no spot is left
out (its numbers are in the edge's tooltip, the explanation and the inspector) rather
than drawn over a node.

Rectangles are ``(left, top, width, height)`` tuples in scene units.
"""

from __future__ import annotations

import math

__all__ = ["place_labels", "intersects"]

CELL = 64.0  # width of the buckets that obstacles are sorted into along x
CLEARANCE = 3.0  # kept free between a label and what it must not cover
MAX_SHIFT = 140.0  # how far a label may move up or down from its edge (about two rows)


def intersects(a, b, clearance: float = 0.0) -> bool:
    """Whether rectangles ``a`` and ``b`` come closer than ``clearance``."""
    return (a[0] < b[0] + b[2] + clearance and b[0] < a[0] + a[2] + clearance
            and a[1] < b[1] + b[3] + clearance and b[1] < a[1] + a[3] + clearance)


def _inside(rect, area) -> bool:
    return (rect[0] >= area[0] and rect[1] >= area[1]
            and rect[0] + rect[2] <= area[0] + area[2] and rect[1] + rect[3] <= area[1] + area[3])


class _Buckets:
    """Rectangles sorted into columns of CELL along x: a candidate is checked only
    against those near it."""

    def __init__(self, rects=()):
        self._cells = {}
        for rect in rects:
            self.add(rect)

    def _span(self, rect):
        return range(math.floor(rect[0] / CELL), math.floor((rect[0] + rect[2]) / CELL) + 1)

    def add(self, rect) -> None:
        for cell in self._span(rect):
            self._cells.setdefault(cell, []).append(rect)

    def hits(self, rect) -> bool:
        for cell in self._span(rect):
            for other in self._cells.get(cell, ()):
                if intersects(rect, other, CLEARANCE):
                    return True
        return False


def _candidates(size, anchors):
    """Rectangles of ``size`` around each anchor in turn: on the edge, then moved up and
    down by half its height at a time."""
    w, h = size
    step = h / 2 + CLEARANCE
    for x, y in anchors:
        yield (x - w / 2, y - h / 2, w, h)
        for k in range(1, int(MAX_SHIFT // step) + 1):
            for sign in (-1, 1):
                yield (x - w / 2, y - h / 2 + sign * k * step, w, h)


def _anywhere(size, anchor, area):
    """Rectangles of ``size`` on a grid over ``area``, nearest to ``anchor`` first."""
    w, h = size
    columns = max(1, int((area[2] - w) // (w / 2)) + 1)
    rows = max(1, int((area[3] - h) // (h / 2)) + 1)
    spots = [(area[0] + i * w / 2, area[1] + j * h / 2, w, h)
             for i in range(columns) for j in range(rows)]
    spots.sort(key=lambda r: (r[0] + w / 2 - anchor[0]) ** 2 + (r[1] + h / 2 - anchor[1]) ** 2)
    return spots


def place_labels(requests, obstacles, area) -> list:
    """A free rectangle for each label, or None where there is none.

    Args:
        requests: ``(size, anchors, required)`` per label, in order of priority:
            ``size`` is (width, height), ``anchors`` the points of its edge to try, best
            first; a ``required`` label may go anywhere in ``area`` if nothing near its
            edge is free.
        obstacles: rectangles no label may cover (nodes, the text under them).
        area: the rectangle every label must stay inside (what the view shows).

    Returns:
        One rectangle or None per request, in the same order.
    """
    blocked = _Buckets(obstacles)
    placed = []
    for size, anchors, required in requests:
        spot = next((rect for rect in _candidates(size, anchors)
                     if _inside(rect, area) and not blocked.hits(rect)), None)
        if spot is None and required and anchors:
            spot = next((rect for rect in _anywhere(size, anchors[0], area)
                         if _inside(rect, area) and not blocked.hits(rect)), None)
        if spot is not None:
            blocked.add(spot)
        placed.append(spot)
    return placed
