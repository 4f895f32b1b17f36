"""Does a graph look like a 2-D classifier? And its class probabilities on a grid (Qt-free).

A graph is shown with a decision-boundary view when it classifies points of the plane
the way the tutorial's perceptron does: a placeholder fed an N×2 array (the points)
and a ``softmax`` op, on the way to the loss, whose output is N×k (a probability per
class). The boundary is drawn by running that op on a grid of points fed to the same
placeholder, so the op may depend on that placeholder alone (besides Variables and
constants): a graph whose probabilities also read labels or a second input cannot be
evaluated on a grid and gets no boundary view.

The points' classes come from a placeholder fed one-hot rows (N×k, like the tutorial's
``c``); without one, each point takes the class the model gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import Session, traverse_postorder

PROBABILITY_OPS = ("softmax",)  # op types whose rows are class probabilities
GRID_SIZE = 90  # grid points along each axis
EXTENT_PADDING = 0.15  # of the points' spread, around them


@dataclass(frozen=True)
class Classifier:
    """The pieces of a 2-D classifier graph (see the module's docstring)."""

    points: object  # the placeholder fed the N×2 points
    probabilities: object  # the softmax op
    X: np.ndarray  # the points fed to it (a copy)
    labels: np.ndarray  # a class per point
    n_classes: int
    extent: tuple  # (xmin, xmax, ymin, ymax) the grid spans


def find_classifier(loss, feed_dict) -> Classifier | None:
    """The classifier in ``loss``'s graph, or None if the graph does not look like one."""
    feed = feed_dict or {}
    ancestors = traverse_postorder(loss)
    candidates = [n for n in ancestors if n.op_type in PROBABILITY_OPS]
    for probabilities in reversed(candidates):  # the last softmax is the output layer's
        placeholders = [n for n in traverse_postorder(probabilities) if n.kind == "placeholder"]
        if len(placeholders) != 1:
            continue
        points = placeholders[0]
        X = np.asarray(feed.get(points, ()), dtype=float)
        if X.ndim != 2 or X.shape[1] != 2 or len(X) == 0:
            continue
        with np.errstate(all="ignore"):
            values = np.asarray(Session(compiled=False).run(probabilities, {points: X}))
        if values.ndim != 2 or values.shape[0] != len(X) or values.shape[1] < 2:
            continue
        k = values.shape[1]
        labels = _labels(feed, points, len(X), k)
        if labels is None:
            labels = np.argmax(values, axis=1)
        return Classifier(points, probabilities, X.copy(), labels, k, padded_extent(X))
    return None


def _labels(feed, points, n, k):
    """Classes from a placeholder fed one-hot N×k rows, if there is one."""
    for node, value in feed.items():
        if node is points or getattr(node, "kind", None) != "placeholder":
            continue
        value = np.asarray(value, dtype=float)
        if value.shape == (n, k):
            return np.argmax(value, axis=1)
    return None


def padded_extent(X: np.ndarray) -> tuple:
    """A box around the points, with room around them."""
    low, high = X.min(axis=0), X.max(axis=0)
    pad = EXTENT_PADDING * np.maximum(high - low, 1e-3)
    return (float(low[0] - pad[0]), float(high[0] + pad[0]),
            float(low[1] - pad[1]), float(high[1] + pad[1]))


def probability_grid(classifier: Classifier, size: int = GRID_SIZE) -> np.ndarray:
    """The classifier's probabilities on a size×size grid over its extent: (ny, nx, k)."""
    xmin, xmax, ymin, ymax = classifier.extent
    xs, ys = np.linspace(xmin, xmax, size), np.linspace(ymin, ymax, size)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    with np.errstate(all="ignore"):
        values = Session(compiled=False).run(classifier.probabilities, {classifier.points: grid})
    return np.array(values, dtype=float).reshape(size, size, -1)
