"""The operations. One op = one class, its gradient registered right below it.

``compute`` is plain numpy on the input values (always numpy arrays or numpy
scalars: Session.run converts what is fed and what a user's op returns). A gradient function has the
tutorial's signature ``f(op, grad)``: ``op.inputs`` are the input values of the
latest run, ``op.output`` its output, ``grad`` the gradient of the loss with respect
to that output; it returns one gradient per input. Every binary op sends its
gradients through ``unbroadcast``, so that each has its input's shape.

``grad_rules`` spell each input's local rule for the visualiser: ``G`` is the gradient
arriving at the op's output and ``{0}``, ``{1}`` the names of its inputs.

(The fast path is elsewhere: ``compiled.py`` runs training steps of these same ops
with preallocated buffers. Nothing here knows about it.)
"""

from __future__ import annotations

import numpy as np

from .graph import Node, Operation
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
    "absolute",
    "reduce_sum",
    "reduce_mean",
    "softmax",
    "softmax_cross_entropy",
    "stable_softmax",
]


# **** element-wise binary ops ****


class add(Operation):
    """x + y element-wise, with numpy broadcasting."""

    grad_rules = ("G (summed to {0}'s shape)", "G (summed to {1}'s shape)")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        return x_value + y_value


@RegisterGradient("add")
def _add_gradient(op, grad):
    a, b = op.inputs
    return [unbroadcast(grad, a.shape), unbroadcast(grad, b.shape)]


class subtract(Operation):
    """x - y element-wise, with broadcasting (the tutorial would write add(x, negative(y)))."""

    grad_rules = ("G", "−G")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        return x_value - y_value


@RegisterGradient("subtract")
def _subtract_gradient(op, grad):
    a, b = op.inputs
    return [unbroadcast(grad, a.shape), unbroadcast(-grad, b.shape)]


class multiply(Operation):
    """x * y element-wise, with broadcasting."""

    grad_rules = ("G ⊙ {1}", "G ⊙ {0}")

    def __init__(self, x, y, name=None):
        super().__init__([x, y], name)

    def compute(self, x_value, y_value):
        return x_value * y_value


@RegisterGradient("multiply")
def _multiply_gradient(op, grad):
    a, b = op.inputs
    return [unbroadcast(grad * b, a.shape), unbroadcast(grad * a, b.shape)]


class matmul(Operation):
    """Matrix product a · b (2-D, or with a 1-D vector on either side)."""

    grad_rules = ("G · {1}ᵀ", "{0}ᵀ · G")

    def __init__(self, a, b, name=None):
        super().__init__([a, b], name)

    def compute(self, a_value, b_value):
        return a_value.dot(b_value)


@RegisterGradient("matmul")
def _matmul_gradient(op, grad):
    a, b = op.inputs
    # A 1-D vector is a row on the left and a column on the right; the outer products
    # below put its gradient back in that shape.
    if a.ndim == 1 and b.ndim == 1:
        return [grad * b, grad * a]
    if a.ndim == 1:  # vector · matrix -> vector
        return [b.dot(grad), np.outer(a, grad)]
    if b.ndim == 1:  # matrix · vector -> vector
        return [np.outer(grad, b), a.T.dot(grad)]
    return [grad.dot(b.T), a.T.dot(grad)]


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


class absolute(Operation):
    """|x| element-wise (the L1 penalty's term)."""

    grad_rules = ("G ⊙ sign({0})",)

    def __init__(self, x, name=None):
        super().__init__([x], name)

    def compute(self, x_value):
        return np.absolute(x_value)


@RegisterGradient("absolute")
def _absolute_gradient(op, grad):
    # d|x|/dx is the sign of x; at the kink, x = 0, sign gives 0 (a subgradient).
    return grad * np.sign(op.inputs[0])


# **** reductions ****


def _expand(grad, shape, axis):
    """Repeat the gradient of a reduction over ``axis`` back to the input's shape."""
    out = np.empty(shape)
    if axis is None:  # every element went into the one result: each gets its gradient
        out[...] = grad
    else:  # put the reduced axes back, as length 1, and let numpy repeat along them
        kept = list(shape)
        for a in axis if isinstance(axis, tuple) else (axis,):
            kept[a] = 1
        out[...] = grad.reshape(kept)
    return out


class reduce_sum(Operation):
    """Sum of A's elements along ``axis`` (an int, a tuple, or None for all)."""

    grad_rules = ("G repeated along the summed axes",)

    def __init__(self, A, axis=None, name=None):
        super().__init__([A], name)
        self.axis = axis

    def compute(self, A_value):
        return A_value.sum(axis=self.axis)


@RegisterGradient("reduce_sum")
def _reduce_sum_gradient(op, grad):
    # Each element added into the sum once: its gradient is the sum's.
    return _expand(grad, op.inputs[0].shape, op.axis)


class reduce_mean(Operation):
    """Mean of A's elements along ``axis`` (an int, a tuple, or None for all)."""

    grad_rules = ("G / n repeated along the averaged axes",)

    def __init__(self, A, axis=None, name=None):
        super().__init__([A], name)
        self.axis = axis

    def compute(self, A_value):
        return A_value.mean(axis=self.axis)


@RegisterGradient("reduce_mean")
def _reduce_mean_gradient(op, grad):
    # The mean is the sum divided by n, the number of elements averaged.
    A = op.inputs[0]
    n = A.size / max(1, op.output.size)
    return _expand(grad / n, A.shape, op.axis)


# **** softmax and its cross-entropy ****


def stable_softmax(a, axis=-1):
    """e^a / Σ e^a along ``axis``, shifted by the maximum first.

    Softmax is unchanged by a shift, and after it the largest exponent is 0: exp
    never overflows (the tutorial's softmax([[1000, 0]]) is NaN; this one is [[1, 0]]).
    """
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _log_softmax(a, axis=-1):
    """log softmax(a), as z − log Σ e^z with z shifted by the maximum: never log(0)."""
    z = a - a.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


class softmax(Operation):
    """e^a / Σ e^a along ``axis`` (the last, by default), without overflow."""

    grad_rules = ("s ⊙ (G − Σ G ⊙ s), s = softmax({0})",)

    def __init__(self, a, axis=-1, name=None):
        super().__init__([a], name)
        self.axis = axis

    def compute(self, a_value):
        return stable_softmax(a_value, self.axis)


@RegisterGradient("softmax")
def _softmax_gradient(op, grad):
    # The Jacobian of softmax is diag(s) − s sᵀ; applied to G along the axis:
    s = op.output
    return s * (grad - (grad * s).sum(axis=op.axis, keepdims=True))


class softmax_cross_entropy(Operation):
    """−Σ labels · log softmax(logits) along the last axis, fused with log-sum-exp.

    Like TensorFlow's ``softmax_cross_entropy_with_logits``: one loss per row, never
    log(0), and the gradient with respect to the logits is softmax − labels.
    """

    grad_rules = ("G ⊙ (softmax({0}) − {1})", "−G ⊙ log softmax({0})")

    def __init__(self, logits, labels, name=None):
        super().__init__([logits, labels], name)

    def compute(self, logits_value, labels_value):
        return -(labels_value * _log_softmax(logits_value)).sum(axis=-1)


@RegisterGradient("softmax_cross_entropy")
def _softmax_cross_entropy_gradient(op, grad):
    logits, labels = op.inputs
    g = np.expand_dims(grad, -1)  # one gradient per row, for every class of that row
    # d/dz of −Σ y log softmax(z) is softmax(z) Σ y − y: softmax − labels for one-hot rows.
    label_mass = labels.sum(axis=-1, keepdims=True)
    grad_logits = g * (stable_softmax(logits) * label_mass - labels)
    grad_labels = -g * _log_softmax(logits)
    return [unbroadcast(grad_logits, logits.shape), unbroadcast(grad_labels, labels.shape)]


# **** operators: x + y builds add(x, y), so that graphs read as the maths does ****

Node.__add__ = lambda self, other: add(self, other)
Node.__radd__ = lambda self, other: add(other, self)
Node.__sub__ = lambda self, other: subtract(self, other)
Node.__rsub__ = lambda self, other: subtract(other, self)
Node.__mul__ = lambda self, other: multiply(self, other)
Node.__rmul__ = lambda self, other: multiply(other, self)
Node.__matmul__ = lambda self, other: matmul(self, other)
Node.__neg__ = lambda self: negative(self)
