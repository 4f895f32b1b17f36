"""The operations. One op = one class, its gradient registered right below it.

Gradient functions follow the tutorial's signature ``f(op, grad)``: ``op.inputs`` are
the input values of the latest run, ``op.output`` its output, ``grad`` the gradient of
the loss with respect to that output. The optional third argument ``needed`` says which
input gradients are wanted (training skips the others). Every binary op sends its
gradients through ``unbroadcast`` so that each has its input's shape.

``grad_rules`` spell each input's local rule for the visualiser: ``G`` is the gradient
arriving at the op's output and ``{0}``, ``{1}`` the names of its inputs.
"""

from __future__ import annotations

import numpy as np

from .graph import Operation
from .registry import RegisterGradient, unbroadcast

__all__ = [
    "add",
    "subtract",
    "multiply",
    "matmul",
    "negative",
    "log",
    "exp",
    "square",
    "sigmoid",
    "tanh",
    "relu",
    "reduce_sum",
    "reduce_mean",
    "softmax",
    "softmax_cross_entropy",
]


# **** fast paths for tall, narrow arrays ****
# Op inputs are always numpy arrays or numpy scalars (Session.run converts anything
# else), so ``compute`` may read ``.shape`` and ``.size``; gradients may be Python
# numbers (a user's gradient function), so helpers used on them allow for that.
# gdviz trains on N points x 2..4 classes. For such arrays numpy's axis reductions
# carry a fixed cost of microseconds, and broadcasting along a last axis of 2 runs an
# inner loop of length 2: summing by a dot product with ones, taking maxima column by
# column and broadcasting one column at a time are several times faster.

_SMALL_AXIS = 8
_COLUMNWISE_MIN = 2048  # elements; below this one broadcast call beats a loop over columns
_COLUMN_OF_ONES = {k: np.ones((k, 1)) for k in range(1, _SMALL_AXIS + 1)}
_ONES = {k: np.ones(k) for k in range(1, _SMALL_AXIS + 1)}


def _is_narrow(a) -> bool:
    return a.ndim == 2 and a.shape[1] <= _SMALL_AXIS


def _last_axis_sum(a):
    """Sum over the last axis, keeping it (shape (..., 1))."""
    if _is_narrow(a):
        return a.dot(_COLUMN_OF_ONES[a.shape[1]])
    return a.sum(axis=-1, keepdims=True)


def _last_axis_max(a):
    """Maximum over the last axis, keeping it (shape (..., 1))."""
    if _is_narrow(a) and a.shape[1] > 1:
        m = np.maximum(a[:, 0], a[:, 1])
        for j in range(2, a.shape[1]):
            np.maximum(m, a[:, j], out=m)
        return m[:, None]
    return a.max(axis=-1, keepdims=True)



# The maximum over every element (called with axis None), without np.max's wrapper.
_maximum_reduce = np.maximum.reduce


def _binary(ufunc, x, y, out=None):
    """``ufunc(x, y)`` with broadcasting, one column at a time where that is faster.

    Covers (N, k) with (k,), (1, k) or (N, 1), in either order; anything else is
    plain numpy broadcasting.
    """
    try:
        if x.size < _COLUMNWISE_MIN and y.size < _COLUMNWISE_MIN:
            return ufunc(x, y) if out is None else ufunc(x, y, out=out)
    except AttributeError:  # a Python number
        return ufunc(x, y) if out is None else ufunc(x, y, out=out)
    if type(x) is np.ndarray and type(y) is np.ndarray and x.shape != y.shape:
        big, small, flipped = (x, y, False) if x.ndim >= y.ndim and x.size >= y.size else (y, x, True)
        if _is_narrow(big) and big.size >= _COLUMNWISE_MIN:
            n, k = big.shape
            if small.shape in ((k,), (1, k)):
                pick = small.reshape(k).__getitem__
            elif small.shape == (n, 1):
                column = small[:, 0]
                pick = lambda j: column  # noqa: E731
            else:
                return ufunc(x, y, out=out)
            if out is None:
                out = np.empty(big.shape, dtype=np.result_type(x, y))
            for j in range(k):
                if flipped:
                    ufunc(pick(j), big[:, j], out=out[:, j])
                else:
                    ufunc(big[:, j], pick(j), out=out[:, j])
            return out
    return ufunc(x, y, out=out)


def _normalise_axis(axis, ndim):
    """``axis`` as a tuple of non-negative ints (``None``: every axis)."""
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, tuple | list) else (axis,)
    return tuple(a % ndim if ndim else 0 for a in axes)


# **** element-wise binary ops ****


class add(Operation):
    """x + y element-wise, with numpy broadcasting."""

    grad_rules = ("G (summed to {0}'s shape)", "G (summed to {1}'s shape)")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        if x_value.size < _COLUMNWISE_MIN and y_value.size < _COLUMNWISE_MIN:
            return x_value + y_value
        return _binary(np.add, x_value, y_value)


@RegisterGradient("add")
def _add_gradient(op, grad, needed=(True, True)):
    a, b = op.inputs
    return [
        unbroadcast(grad, a.shape) if needed[0] else None,
        unbroadcast(grad, b.shape) if needed[1] else None,
    ]


class subtract(Operation):
    """x - y element-wise, with broadcasting (the tutorial would write add(x, negative(y)))."""

    grad_rules = ("G", "−G")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        if x_value.size < _COLUMNWISE_MIN and y_value.size < _COLUMNWISE_MIN:
            return x_value - y_value
        return _binary(np.subtract, x_value, y_value)


@RegisterGradient("subtract")
def _subtract_gradient(op, grad, needed=(True, True)):
    a, b = op.inputs
    return [
        unbroadcast(grad, a.shape) if needed[0] else None,
        unbroadcast(-grad, b.shape) if needed[1] else None,
    ]


class multiply(Operation):
    """x * y element-wise, with broadcasting."""

    grad_rules = ("G ⊙ {1}", "G ⊙ {0}")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        if x_value.size < _COLUMNWISE_MIN and y_value.size < _COLUMNWISE_MIN:
            return x_value * y_value
        return _binary(np.multiply, x_value, y_value)


@RegisterGradient("multiply")
def _multiply_gradient(op, grad, needed=(True, True)):
    a, b = op.inputs
    return [
        unbroadcast(_binary(np.multiply, grad, b), a.shape) if needed[0] else None,
        unbroadcast(_binary(np.multiply, grad, a), b.shape) if needed[1] else None,
    ]


class matmul(Operation):
    """Matrix product a · b (2-D, or with a 1-D vector on either side)."""

    grad_rules = ("G · {1}ᵀ", "{0}ᵀ · G")

    def __init__(self, a, b, name=None):
        super().__init__([a, b], name)

    def compute(self, a_value, b_value):
        return a_value.dot(b_value)


@RegisterGradient("matmul")
def _matmul_gradient(op, grad, needed=(True, True)):
    a, b = op.inputs
    if a.ndim == 2 and b.ndim == 2:
        ga = grad.dot(b.T) if needed[0] else None
        gb = a.T.dot(grad) if needed[1] else None
    elif a.ndim == 2:  # matrix · vector -> vector
        ga = np.outer(grad, b) if needed[0] else None
        gb = a.T.dot(grad) if needed[1] else None
    elif b.ndim == 2:  # vector · matrix -> vector
        ga = b.dot(grad) if needed[0] else None
        gb = np.outer(a, grad) if needed[1] else None
    else:  # vector · vector -> scalar
        ga = grad * b if needed[0] else None
        gb = grad * a if needed[1] else None
    return [ga, gb]


# **** element-wise unary ops ****


class negative(Operation):
    """-x element-wise."""

    grad_rules = ("−G",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return -x_value


@RegisterGradient("negative")
def _negative_gradient(op, grad):
    return -grad


class log(Operation):
    """Natural logarithm element-wise."""

    grad_rules = ("G / {0}",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return np.log(x_value)


@RegisterGradient("log")
def _log_gradient(op, grad):
    return grad / op.inputs[0]


class exp(Operation):
    """e to the x, element-wise."""

    grad_rules = ("G ⊙ exp({0})",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return np.exp(x_value)


@RegisterGradient("exp")
def _exp_gradient(op, grad):
    return grad * op.output


class square(Operation):
    """x² element-wise."""

    grad_rules = ("2 {0} ⊙ G",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return x_value * x_value


@RegisterGradient("square")
def _square_gradient(op, grad):
    return 2.0 * op.inputs[0] * grad


class sigmoid(Operation):
    """1 / (1 + e^-x) element-wise, computed as (1 + tanh(x/2)) / 2 so it never overflows."""

    grad_rules = ("G ⊙ σ({0}) ⊙ (1 − σ({0}))",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return 0.5 * (np.tanh(0.5 * x_value) + 1.0)


@RegisterGradient("sigmoid")
def _sigmoid_gradient(op, grad):
    s = op.output
    return grad * s * (1.0 - s)


class tanh(Operation):
    """Hyperbolic tangent element-wise."""

    grad_rules = ("G ⊙ (1 − tanh²({0}))",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return np.tanh(x_value)


@RegisterGradient("tanh")
def _tanh_gradient(op, grad):
    t = op.output
    return grad * (1.0 - t * t)


class relu(Operation):
    """max(x, 0) element-wise."""

    grad_rules = ("G ⊙ [{0} > 0]",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return np.maximum(x_value, 0.0)


@RegisterGradient("relu")
def _relu_gradient(op, grad):
    return grad * (op.inputs[0] > 0)


# **** reductions ****


class reduce_sum(Operation):
    """Sum of A's elements along ``axis`` (an int, a tuple, or None for all)."""

    grad_rules = ("G repeated along the summed axes",)

    def __init__(self, A, axis=None, name=None):
        super().__init__([A], name)
        self.axis = axis

    def compute(self, A_value):
        if self.axis is None:
            return np.add.reduce(A_value, axis=None)  # np.sum's wrapper costs more than this
        if (
            A_value.ndim == 2
            and A_value.shape[1] <= _SMALL_AXIS
            and self.axis in (1, -1)
        ):
            return A_value.dot(_ONES[A_value.shape[1]])
        return np.sum(A_value, axis=self.axis)


def _expand_to(grad, shape, axis):
    """Repeat the gradient of a reduction over ``axis`` back to the input's shape."""
    if axis is None:  # every element summed: G everywhere
        out = np.empty(shape)
        out.fill(grad)
        return out
    if shape and axis in (-1, len(shape) - 1):
        # The last axis summed: repeat each element k times in order, then reshape.
        try:
            out = grad.repeat(shape[-1])  # arrays and numpy scalars alike
        except AttributeError:  # a Python number
            out = np.repeat(grad, shape[-1])
        return out if len(shape) == 1 else out.reshape(shape)
    reduced = _normalise_axis(axis, len(shape))
    kept = tuple(1 if i in reduced else size for i, size in enumerate(shape))
    out = np.empty(shape)
    out[...] = np.reshape(grad, kept)
    return out


@RegisterGradient("reduce_sum")
def _reduce_sum_gradient(op, grad):
    return _expand_to(grad, op.inputs[0].shape, op.axis)


class reduce_mean(Operation):
    """Mean of A's elements along ``axis`` (an int, a tuple, or None for all)."""

    grad_rules = ("G / n repeated along the averaged axes",)

    def __init__(self, A, axis=None, name=None):
        super().__init__([A], name)
        self.axis = axis

    def compute(self, A_value):
        return np.mean(A_value, axis=self.axis)


@RegisterGradient("reduce_mean")
def _reduce_mean_gradient(op, grad):
    shape = np.shape(op.inputs[0])
    count = np.prod([shape[a] for a in _normalise_axis(op.axis, len(shape))])
    return _expand_to(np.asarray(grad) / count, shape, op.axis)


# **** softmax and its cross-entropy ****


class softmax(Operation):
    """e^a / Σ e^a along ``axis`` (the last, by default), without overflow."""

    grad_rules = ("s ⊙ (G − Σ G ⊙ s), s = softmax({0})",)

    def __init__(self, a, axis=-1, name=None):
        super().__init__([a], name)
        self.axis = axis

    def compute(self, a_value):
        # Subtracting the maximum first keeps exp from overflowing: softmax is
        # unchanged by a shift, and the largest exponent becomes 0.
        if self.axis in (-1, a_value.ndim - 1):
            if 0 < a_value.size < _COLUMNWISE_MIN and a_value.ndim == 2:
                # The common small case, in as few numpy calls as possible: when every
                # |value| < 700 no exp overflows and none underflows to 0
                # (e^-700 > 1e-305), so no shift is needed. Otherwise, shift each
                # row by its maximum.
                if float(_maximum_reduce(np.abs(a_value), None)) < 700.0:
                    e = np.exp(a_value)
                else:
                    e = a_value - _last_axis_max(a_value)
                    np.exp(e, out=e)
                e /= e.dot(_COLUMN_OF_ONES[a_value.shape[1]]) if a_value.shape[1] <= _SMALL_AXIS else e.sum(axis=1, keepdims=True)
                return e
            e = _binary(np.subtract, a_value, _last_axis_max(a_value))
            np.exp(e, out=e)
            return _binary(np.divide, e, _last_axis_sum(e), out=e)
        e = a_value - a_value.max(axis=self.axis, keepdims=True)
        np.exp(e, out=e)
        e /= e.sum(axis=self.axis, keepdims=True)
        return e


@RegisterGradient("softmax")
def _softmax_gradient(op, grad):
    s = op.output
    gs = grad * s
    if op.axis in (-1, s.ndim - 1):
        if s.size < _COLUMNWISE_MIN and s.ndim == 2 and s.shape[1] <= _SMALL_AXIS:
            gs -= s * gs.dot(_COLUMN_OF_ONES[s.shape[1]])
        else:
            gs -= _binary(np.multiply, s, _last_axis_sum(gs))
    else:
        gs -= s * gs.sum(axis=op.axis, keepdims=True)
    return gs


class softmax_cross_entropy(Operation):
    """−Σ labels · log softmax(logits) along the last axis, fused with log-sum-exp.

    Like TensorFlow's ``softmax_cross_entropy_with_logits``: one loss per row, never
    log(0), and the gradient with respect to the logits is softmax − labels.
    """

    grad_rules = ("G ⊙ (softmax({0}) − {1})", "−G ⊙ log softmax({0})")

    def __init__(self, logits, labels, name=None):
        super().__init__([logits, labels], name)

    def compute(self, logits_value, labels_value):
        z = _binary(np.subtract, logits_value, _last_axis_max(logits_value))
        e = np.exp(z)
        sums = _last_axis_sum(e)
        self._log_softmax = _binary(np.subtract, z, np.log(sums), out=z)
        self._softmax = _binary(np.divide, e, sums, out=e)
        return -_last_axis_sum(_binary(np.multiply, labels_value, self._log_softmax))[..., 0]


@RegisterGradient("softmax_cross_entropy")
def _softmax_cross_entropy_gradient(op, grad, needed=(True, True)):
    logits, labels = op.inputs
    g = np.expand_dims(grad, -1)
    grad_logits = grad_labels = None
    if needed[0]:
        # d/dz of -Σ y log softmax(z) is softmax(z) Σ y - y: softmax - labels for one-hot rows.
        label_mass = _last_axis_sum(np.broadcast_to(labels, np.shape(logits)))
        scaled = _binary(np.multiply, op._softmax, label_mass)
        grad_logits = unbroadcast(_binary(np.multiply, g, _binary(np.subtract, scaled, labels)), np.shape(logits))
    if needed[1]:
        grad_labels = unbroadcast(_binary(np.multiply, -g, op._log_softmax), np.shape(labels))
    return [grad_logits, grad_labels]
