"""The landscape's pictures: J over two weights, over a plane, along a line (Qt-free).

Every J here is exact: the engine's J for those weights, computed in one batch
(``batched.LossFunction``). Three views of the same mountain:

- **two parameters**: J as two chosen weights vary, every other weight held where it
  is. The grid's node ``n // 2`` of each axis is the current value itself, so the
  current point sits exactly on the grid.
- **all parameters**: the weights move in a space of hundreds of dimensions; the
  path they took mostly lies near a plane. ``principal_plane`` finds it (PCA of the
  recorded weight vectors, by SVD), ``plane_surface`` draws J on the plane through the
  current point spanned by its two directions. The path is projected onto it: a
  picture of the path's shadow, not of the path.
- **along the gradient**: J(w − t·g) for a range of t, whose slope at t = 0 is −|g|²,
  and where the learning rate's step (t = lr) lands.

The gradient always comes from the engine (``compute_gradients`` after a run of the
model's loss), never from differences of J.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import compute_gradients
from gdviz.landscape.batched import LossFunction, flatten, matrix_mask, penalty_of, unflatten

DEFAULT_GRID = 64
PENALTY_MATCH_RTOL = 1e-9  # engine J vs the landscape's J: equal means the model has the penalty


def input_matrix(model, points) -> np.ndarray:
    """What the model's X placeholder is fed for ``points`` (featurized when the model says how)."""
    featurize = getattr(model, "input_matrix", None)
    return np.asarray(points if featurize is None else featurize(points), dtype=np.float64)


def grid_axis(center: float, span: float, n: int) -> np.ndarray:
    """n values from center − span to about center + span, node n // 2 exactly ``center``."""
    half = n // 2
    return center + span * (np.arange(n) - half) / max(half, 1)


# **** the gradient, from the engine ****


@dataclass(frozen=True)
class PointValue:
    """J and its gradient (flat, ``flatten`` order) at one weight vector, from the engine."""

    weights: np.ndarray
    J: float
    gradient: np.ndarray


def _penalty_gradient(config, weights) -> np.ndarray:
    kind, rate = penalty_of(config)
    flat = flatten(weights)
    mask = matrix_mask([np.shape(w) for w in weights])
    if kind == "l2":
        return np.where(mask, 2.0 * rate * flat, 0.0)
    if kind == "l1":
        return np.where(mask, rate * np.sign(flat), 0.0)
    return np.zeros_like(flat)


def point_value(model, weights, X, one_hot) -> PointValue:
    """J and ∂J/∂w at ``weights``: one run of the model's loss, then compute_gradients.

    ``model`` is the landscape's own Model (its Variables are set to ``weights``); the
    points ``X`` are featurized as the model feeds them. If the config asks for a
    penalty that the model's graph does not have yet, its exact gradient is added.

    Raises:
        ValueError: if the weights do not fit the model (the message names the shapes).
    """
    model.set_weights(weights)
    inputs = input_matrix(model, X)
    with np.errstate(all="ignore"):  # an infinite J is a value to show, not an error
        J = float(model.session.run(model.loss, model.feed(inputs, one_hot)))
        table = compute_gradients(model.loss, model.variables)
    gradient = flatten([table[v] for v in model.variables])
    kind, rate = penalty_of(model.config)
    if kind != "none" and rate != 0.0:
        full = float(LossFunction(model.config, inputs, one_hot)(weights)[0])
        if not np.isclose(J, full, rtol=PENALTY_MATCH_RTOL, atol=0.0):
            # The graph's J lacks the penalty (a model from before penalties existed).
            J, gradient = full, gradient + _penalty_gradient(model.config, weights)
    return PointValue(flatten(weights), J, gradient)


# **** two parameters ****


@dataclass(frozen=True)
class TwoParameterSurface:
    """J over weights ``i`` (x axis) and ``j`` (y axis); ``J[row, col]`` is at (xs[col], ys[row])."""

    i: int
    j: int
    xs: np.ndarray
    ys: np.ndarray
    J: np.ndarray
    current: tuple  # (w_i, w_j), the grid's node (n // 2, n // 2)
    J_current: float
    gradient: tuple  # (∂J/∂w_i, ∂J/∂w_j) from the engine
    point: PointValue


def two_parameter_surface(model, weights, X, one_hot, i, j, span, n=DEFAULT_GRID,
                          progress=None) -> TwoParameterSurface:
    """J as flat weights ``i`` and ``j`` move by up to ±``span``, the others held.

    Args:
        model: the landscape's Model (same architecture as the weights).
        weights: [W1, b1, ...] at the current point.
        X, one_hot: the training points and their one-hot labels.
        i, j: flat indices (``flatten`` order) of the two weights, i != j.
        span: half the width of each axis, in weight units.
        n: nodes per axis.
        progress: optional ``progress(fraction)`` per chunk of the batch.
    """
    point = point_value(model, weights, X, one_hot)
    size = point.weights.size
    if not (0 <= i < size and 0 <= j < size) or i == j:
        raise ValueError(f"choose two different weights among the {size}: not {i} and {j}")
    if not (np.isfinite(span) and span > 0):
        raise ValueError(f"the surface's span must be a positive number, not {span}")
    xs = grid_axis(point.weights[i], span, n)
    ys = grid_axis(point.weights[j], span, n)
    shapes = [np.shape(w) for w in weights]
    batches = _vary_two(point.weights, shapes, i, j, xs, ys)
    loss = LossFunction(model.config, input_matrix(model, X), one_hot)
    J = loss(batches, progress).reshape(n, n)
    return TwoParameterSurface(i=i, j=j, xs=xs, ys=ys, J=J, current=(xs[n // 2], ys[n // 2]),
                               J_current=point.J, gradient=(point.gradient[i], point.gradient[j]),
                               point=point)


def _vary_two(flat, shapes, i, j, xs, ys):
    """Weight batches for the grid: only the (at most two) arrays holding i and j are
    batched; the others are shared, so the layers below them are computed once."""
    owners = np.repeat(np.arange(len(shapes)), [int(np.prod(s, dtype=int)) for s in shapes])
    arrays = unflatten(flat, shapes)
    offsets = np.concatenate([[0], np.cumsum([int(np.prod(s, dtype=int)) for s in shapes])])
    gx, gy = np.meshgrid(xs, ys)  # row = y
    for index, values in ((i, gx.ravel()), (j, gy.ravel())):
        k = owners[index]
        if arrays[k].ndim == len(shapes[k]):  # not batched yet
            arrays[k] = np.repeat(arrays[k][None], values.size, axis=0)
        arrays[k].reshape(values.size, -1)[:, index - offsets[k]] = values
    return arrays


# **** all parameters: the path's principal plane ****


@dataclass(frozen=True)
class PrincipalPlane:
    """The plane that best fits a path: its centre, unit ``directions`` (2, P), the path's
    coordinates (K, 2) in it, and the share of the path's variance each direction holds."""

    centre: np.ndarray
    directions: np.ndarray
    coords: np.ndarray
    explained: np.ndarray


def principal_plane(path) -> PrincipalPlane:
    """PCA of a path's weight vectors (rows = steps), by SVD.

    A path that lies in a plane is reproduced exactly: centre + coords @ directions gives
    its rows back. Directions are signed so that the path runs towards +x (and +y).
    A path with fewer than two independent moves gets its missing directions completed
    by fixed orthonormal vectors.
    """
    path = np.asarray(path, dtype=np.float64)
    if path.ndim != 2 or len(path) < 1:
        raise ValueError(f"a path is a (steps, weights) array, not shape {path.shape}")
    centre = path.mean(axis=0)
    _, s, vt = np.linalg.svd(path - centre, full_matrices=False)
    rank = int(np.sum(s > s[0] * 1e-12)) if s.size and s[0] > 0 else 0
    directions = _complete(vt[:min(rank, 2)], path.shape[1])
    coords = (path - centre) @ directions.T
    for axis in range(2):  # a sign that makes the path run forwards
        if coords[-1, axis] < coords[0, axis]:
            directions[axis] *= -1
            coords[:, axis] *= -1
    variance = s**2
    explained = np.zeros(2)
    if variance.sum() > 0:
        explained[:min(2, s.size)] = (variance / variance.sum())[:2]
    return PrincipalPlane(centre, directions, coords, explained)


def _complete(rows, size, seed=0) -> np.ndarray:
    """Two orthonormal rows: ``rows`` (0, 1 or 2 of them), completed by Gram-Schmidt."""
    if size < 2:
        raise ValueError("a plane needs at least two weights")
    basis = [np.asarray(r, dtype=np.float64) for r in rows]
    rng = np.random.default_rng(seed)
    while len(basis) < 2:
        v = rng.standard_normal(size)
        for b in basis:
            v -= (v @ b) * b
        norm = np.linalg.norm(v)
        if norm > 1e-8:
            basis.append(v / norm)
    return np.array(basis[:2])


def plane_directions(path, gradient=None) -> np.ndarray:
    """Two directions for the projection mode: the path's principal plane when the path
    moved in two independent directions, otherwise the gradient's direction completed."""
    path = np.asarray(path, dtype=np.float64)
    if len(path) >= 3:
        plane = principal_plane(path)
        if plane.explained[1] > 0:
            return plane.directions
    if gradient is not None and np.linalg.norm(gradient) > 0:
        g = np.asarray(gradient, dtype=np.float64)
        return _complete([-g / np.linalg.norm(g)], g.size)
    return _complete([], path.shape[-1])


@dataclass(frozen=True)
class PlaneSurface:
    """J on the plane origin + α·d₁ + β·d₂; ``J[row, col]`` is at (alphas[col], betas[row])."""

    origin: np.ndarray
    directions: np.ndarray
    alphas: np.ndarray
    betas: np.ndarray
    J: np.ndarray
    J_current: float
    gradient: tuple  # (d₁·∇J, d₂·∇J): the gradient's shadow on the plane
    point: PointValue


def plane_surface(model, weights_current, directions, X, one_hot, extent, n=DEFAULT_GRID,
                  progress=None) -> PlaneSurface:
    """J on the plane through the current weights spanned by ``directions`` (2, P).

    Args:
        extent: ±half-width of both axes, or (αmin, αmax, βmin, βmax); a symmetric
            extent puts the current point on node (n // 2, n // 2).
    """
    point = point_value(model, weights_current, X, one_hot)
    directions = np.asarray(directions, dtype=np.float64)
    if directions.shape != (2, point.weights.size):
        raise ValueError(f"directions of shape {directions.shape} do not span a plane in the "
                         f"{point.weights.size} weights: expected (2, {point.weights.size})")
    if np.isscalar(extent):
        alphas, betas = grid_axis(0.0, extent, n), grid_axis(0.0, extent, n)
    else:
        a0, a1, b0, b1 = extent
        alphas, betas = np.linspace(a0, a1, n), np.linspace(b0, b1, n)
    ga, gb = np.meshgrid(alphas, betas)
    flat = point.weights + ga.reshape(-1, 1) * directions[0] + gb.reshape(-1, 1) * directions[1]
    shapes = [np.shape(w) for w in weights_current]
    loss = LossFunction(model.config, input_matrix(model, X), one_hot)
    J = loss(unflatten(flat, shapes), progress).reshape(n, n)
    gradient = tuple(directions @ point.gradient)
    return PlaneSurface(point.weights, directions, alphas, betas, J, point.J, gradient, point)


def project(path, origin, directions) -> np.ndarray:
    """(K, 2) coordinates of the path's rows on the plane through ``origin``."""
    return (np.asarray(path, dtype=np.float64) - origin) @ np.asarray(directions).T


# **** along the gradient ****


@dataclass(frozen=True)
class LineProfile:
    """J(w − t·g) for each t; the tangent at t = 0 has slope −|g|²; t = lr is the step."""

    ts: np.ndarray
    J: np.ndarray
    J0: float
    slope: float
    learning_rate: float
    J_step: float


def line_profile(model, weights, grad, ts, X, one_hot, learning_rate, progress=None) -> LineProfile:
    """The mountain in one dimension: J along the gradient's line through ``weights``.

    Args:
        grad: the flat gradient at ``weights`` (e.g. ``point_value(...).gradient``).
        ts: the step lengths t (in units of the gradient: w − t·g).
        learning_rate: gradient descent's step lands at t = lr.
    """
    flat = flatten(weights)
    grad = np.asarray(grad, dtype=np.float64).ravel()
    if grad.shape != flat.shape:
        raise ValueError(f"a gradient of {grad.size} numbers for {flat.size} weights")
    ts = np.asarray(ts, dtype=np.float64).ravel()
    everywhere = np.concatenate([ts, [0.0, learning_rate]])
    batch = flat - everywhere[:, None] * grad
    loss = LossFunction(model.config, input_matrix(model, X), one_hot)
    J = loss(unflatten(batch, [np.shape(w) for w in weights]), progress)
    return LineProfile(ts=ts, J=J[:-2], J0=float(J[-2]), slope=-float(grad @ grad),
                       learning_rate=float(learning_rate), J_step=float(J[-1]))
