"""The loss J for many weight vectors at once: the landscape's one expensive computation (Qt-free).

A landscape is J evaluated at thousands of weight vectors. Running the engine's graph
once per vector would cost thousands of Session.run calls; instead the weights are
stacked along a leading *batch* axis and the model's forward pass is written once
more in numpy with that axis: ``X @ W`` becomes a stacked product, ``+ b`` broadcasts
along it. The result equals the engine's J (``Model.evaluate``) to rounding, including
its infinities and NaNs: the perceptron's loss is the tutorial's literal
J = −Σ Σ c ⊙ log softmax(XW + b), and log 0 = −∞ there as in the engine.

Two economies keep a 64×64 surface of an MLP within a second:

- a weight given *without* the batch axis is shared by every vector, and the layers
  before the first batched weight are computed once (a surface over two weights of the
  last layer costs one layer, not the whole network);
- tanh and sigmoid are computed from one ``exp`` (numpy's own tanh is several times
  slower here); they agree with ``np.tanh`` to a few units in the last place, far
  inside the rtol 1e-10 that the landscape promises.

The batch is cut into chunks so that the temporaries stay under ``MAX_CHUNK_BYTES``.
The flat-vector helpers let the rest of the landscape treat the weights
[W1, b1, ..., Wk, bk] as one vector, and name each of its scalars ("W1[0,3]").
"""

from __future__ import annotations

import numpy as np

from gdviz.engine import stable_softmax

MAX_CHUNK_BYTES = 16 * 2**20  # temporaries of one chunk of the batch (64 MB was slower: out of cache)
LIVE_ARRAYS = 3  # hidden-layer arrays alive at once per vector (z, its activation, a product)
PENALTIES = ("none", "l2", "l1")


# **** flat vectors and names ****


def flatten(weights) -> np.ndarray:
    """The weights [W1, b1, ...] as one float64 vector (row-major, in order)."""
    return np.concatenate([np.asarray(w, dtype=np.float64).ravel() for w in weights])


def unflatten(vector, shapes) -> list:
    """The inverse of ``flatten``: arrays of ``shapes`` (copies) from ``vector``.

    A vector with leading batch axes (..., P) gives arrays of shapes (..., *shape).
    """
    vector = np.asarray(vector, dtype=np.float64)
    sizes = [int(np.prod(s, dtype=int)) for s in shapes]
    if vector.shape[-1] != sum(sizes):
        raise ValueError(f"a vector of {vector.shape[-1]} numbers cannot hold weights of shapes "
                         f"{[tuple(s) for s in shapes]} ({sum(sizes)} numbers)")
    lead = vector.shape[:-1]
    arrays, start = [], 0
    for shape, size in zip(shapes, sizes):
        arrays.append(vector[..., start:start + size].reshape(*lead, *shape).copy())
        start += size
    return arrays


def scalar_names(variable_names, shapes) -> list:
    """The name of every scalar weight, in ``flatten`` order: "W1[0,3]", "b2[1]"."""
    names = []
    for name, shape in zip(variable_names, shapes):
        for index in np.ndindex(*shape):
            names.append(f"{name}[{','.join(str(i) for i in index)}]")
    return names


def matrix_mask(shapes) -> np.ndarray:
    """True for the flat entries that belong to weight matrices (the penalty's), not biases."""
    return np.concatenate([np.full(int(np.prod(s, dtype=int)), len(s) == 2, dtype=bool)
                           for s in shapes])


# **** the penalty, read from configs that may not have one yet ****


def penalty_of(config) -> tuple:
    """(kind, λ) of ``config``'s weight penalty; ("none", 0.0) for a config without one."""
    kind = getattr(config, "penalty", "none") or "none"
    rate = float(getattr(config, "penalty_rate", 0.0) or 0.0)
    if kind not in PENALTIES:
        raise ValueError(f"penalty {kind!r} is not one of {', '.join(PENALTIES)}")
    return kind, rate


def _penalty(kind, rate, matrix, batched):
    """λ·ΣW² or λ·Σ|W| of one weight matrix, per vector of the batch when ``batched``."""
    axes = (-2, -1) if batched else None
    if kind == "l2":
        return rate * np.sum(matrix * matrix, axis=axes)
    return rate * np.sum(np.abs(matrix), axis=axes)


# **** activations, as the engine's ops compute them ****


def _tanh_inplace(z):
    """tanh(z) = 1 − 2 / (e^{2z} + 1), in place. e^{2z} overflows to inf for large z,
    which gives exactly 1, tanh's value there: the overflow is expected."""
    z *= 2.0
    with np.errstate(over="ignore"):
        np.exp(z, out=z)
    z += 1.0
    np.divide(2.0, z, out=z)
    np.subtract(1.0, z, out=z)
    return z


def _sigmoid_inplace(z):
    """σ(z) = 1 / (1 + e^{−z}), in place (the engine's (1 + tanh(z/2)) / 2, the same number)."""
    np.negative(z, out=z)
    with np.errstate(over="ignore"):
        np.exp(z, out=z)
    z += 1.0
    np.divide(1.0, z, out=z)
    return z


def _relu_inplace(z):
    return np.maximum(z, 0.0, out=z)


ACTIVATIONS = {"tanh": _tanh_inplace, "sigmoid": _sigmoid_inplace, "relu": _relu_inplace}


# **** the loss ****


def _columns(logits):
    """The logits class by class, each (..., N): the classes are few, and numpy's
    element-wise ops on these slices are much faster than its reductions over a short
    last axis."""
    return [logits[..., k] for k in range(logits.shape[-1])]


def _shifted_exponentials(columns):
    """z_k = a_k − max_k a_k and e^{z_k}, as the engine's stable softmax shifts them."""
    top = columns[0]
    for column in columns[1:]:
        top = np.maximum(top, column)
    shifted = [column - top for column in columns]
    return shifted, [np.exp(z) for z in shifted]


def _literal_cross_entropy(logits, one_hot):
    """Σ_k c_k log p_k per point with p = softmax: the tutorial's literal sum, so that
    p_k = 0 gives log 0 = −∞, and 0·log 0 = NaN, exactly where the engine's does."""
    _, exps = _shifted_exponentials(_columns(logits))
    total = sum(exps[1:], exps[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        return sum(one_hot[:, k] * np.log(e / total) for k, e in enumerate(exps))


def _fused_cross_entropy(logits, one_hot):
    """The engine's softmax_cross_entropy per point: −Σ_k c_k (z_k − log Σ_j e^{z_j})."""
    shifted, exps = _shifted_exponentials(_columns(logits))
    log_total = np.log(sum(exps[1:], exps[0]))
    return -sum(one_hot[:, k] * (z - log_total) for k, z in enumerate(shifted))


def _reduce(per_point, reduction):
    return per_point.sum(axis=-1) if reduction == "sum" else per_point.mean(axis=-1)


class LossFunction:
    """J of one model (kind, activation, reduction, penalty) on fixed points, batched.

    Args:
        config: a ModelConfig, or any object with ``kind``, ``activation``,
            ``reduction`` and optionally ``penalty``/``penalty_rate``.
        X: what the model's X placeholder is fed (N, d): the points, featurized.
        one_hot: the labels (N, C).
    """

    def __init__(self, config, X, one_hot):
        self.perceptron = config.kind == "perceptron"
        self.activation = ACTIVATIONS[config.activation]
        self.reduction = config.reduction
        self.penalty, self.penalty_rate = penalty_of(config)
        self.X = np.asarray(X, dtype=np.float64)
        self.one_hot = np.asarray(one_hot, dtype=np.float64)
        if self.X.ndim != 2 or self.one_hot.ndim != 2 or len(self.X) != len(self.one_hot):
            raise ValueError(f"points {self.X.shape} and one-hot labels {self.one_hot.shape} "
                             "must be (N, d) and (N, classes) with the same N")

    def __call__(self, weight_batches, progress=None) -> np.ndarray:
        """J for every weight vector of the batch.

        Args:
            weight_batches: [W1, b1, ..., Wk, bk]; each either with a leading batch axis
                (B, *shape) or without it (shared by all B vectors).
            progress: optional ``progress(fraction)`` called after each chunk; it may
                raise to stop the computation.

        Returns:
            (B,) float64 array of J (inf or NaN where the engine's J is).
        """
        weights = [np.asarray(w, dtype=np.float64) for w in weight_batches]
        batched = self._batched_flags(weights)
        size = max((len(w) for w, b in zip(weights, batched) if b), default=1)
        first = next((k for k in range(len(weights) // 2) if batched[2 * k] or batched[2 * k + 1]),
                     len(weights) // 2)
        prefix = self._forward_shared(weights, first)  # the layers every vector shares
        widths = [w.shape[-1] for w in weights[::2]]
        per_vector = LIVE_ARRAYS * 8 * len(self.X) * max(widths + [1])
        chunk = max(1, MAX_CHUNK_BYTES // per_vector)
        # One buffer per layer, reused by every chunk: a fresh array per product would
        # be paged in afresh each time (the products are that cheap).
        buffers = [np.empty((min(chunk, size), len(self.X), width)) for width in widths]
        out = np.empty(size)
        for start in range(0, size, chunk):
            stop = min(size, start + chunk)
            part = [w[start:stop] if b else w for w, b in zip(weights, batched)]
            out[start:stop] = self._rest(part, batched, first, prefix, buffers, stop - start)
            if progress is not None:
                progress(stop / size)
        return out

    def _batched_flags(self, weights):
        if len(weights) % 2 or not weights:
            raise ValueError(f"{len(weights)} weight arrays given: expected pairs W, b per layer")
        flags, sizes = [], set()
        for index, w in enumerate(weights):
            base = 2 if index % 2 == 0 else 1
            if w.ndim not in (base, base + 1):
                kind = "a matrix W" if base == 2 else "a vector b"
                raise ValueError(f"weight {index} has shape {w.shape}: expected {kind}, "
                                 "optionally with a leading batch axis")
            flags.append(w.ndim == base + 1)
            if flags[-1]:
                sizes.add(len(w))
        if len(sizes) > 1:
            raise ValueError(f"batched weights disagree on the batch size: {sorted(sizes)}")
        d = self.X.shape[1]
        for k in range(0, len(weights), 2):
            rows, cols = weights[k].shape[-2:]
            if rows != d or weights[k + 1].shape[-1] != cols:
                raise ValueError(f"layer {k // 2 + 1}: W {weights[k].shape[-2:]} and "
                                 f"b {weights[k + 1].shape[-1:]} do not fit an input of width {d}")
            d = cols
        if d != self.one_hot.shape[1]:
            raise ValueError(f"the model outputs {d} classes, the labels have {self.one_hot.shape[1]}")
        return flags

    def _forward_shared(self, weights, first):
        h, penalty = self.X, 0.0
        for k in range(first):
            h = h @ weights[2 * k] + weights[2 * k + 1]
            if not self._is_last(k, weights):
                h = self.activation(h)
            penalty = penalty + self._penalty_of(weights[2 * k], False)
        return h, penalty

    def _rest(self, part, batched, first, prefix, buffers, size):
        h, penalty = prefix
        for k in range(first, len(part) // 2):
            W, b = part[2 * k], part[2 * k + 1]
            h = self._affine(h, W, b, batched[2 * k + 1], buffers[k][:size])
            if not self._is_last(k, part):
                h = self.activation(h)
            penalty = penalty + self._penalty_of(W, batched[2 * k])
        if h.ndim == 2:  # nothing batched: one vector, repeated
            h = np.broadcast_to(h, (size, *h.shape))
        if self.perceptron:
            J = -_reduce(_literal_cross_entropy(h, self.one_hot), self.reduction)
        else:
            J = _reduce(_fused_cross_entropy(h, self.one_hot), self.reduction)
        return J + penalty

    @staticmethod
    def _affine(h, W, b, b_batched, out):
        """h·W + b into ``out`` (B, N, k). Stacked products: numpy's loop of small
        products beats one tall product (B·N, d)·(d, k) here; a shared h or W broadcasts."""
        if h.ndim == 2 and W.ndim == 2:  # only b is batched
            out[...] = h @ W
        else:
            np.matmul(h, W, out=out)
        out += b[:, None, :] if b_batched else b
        return out

    def _penalty_of(self, W, batched):
        if self.penalty == "none" or self.penalty_rate == 0.0:
            return 0.0
        return _penalty(self.penalty, self.penalty_rate, W, batched)

    @staticmethod
    def _is_last(k, weights):
        return k == len(weights) // 2 - 1


def batched_loss(model_or_config, weight_batches, X, one_hot, progress=None) -> np.ndarray:
    """J of ``model_or_config`` for every weight vector in ``weight_batches``.

    Args:
        model_or_config: a Model (its ``config`` is used) or a config.
        weight_batches: [W1, b1, ...], each (B, *shape) or shared (*shape).
        X: what the X placeholder is fed (the featurized training points).
        one_hot: their one-hot labels.
        progress: optional ``progress(fraction)`` after each chunk.

    Returns:
        (B,) array of J, equal to the engine's J to rounding.
    """
    config = getattr(model_or_config, "config", model_or_config)
    return LossFunction(config, X, one_hot)(weight_batches, progress)
