"""The gradient registry: op type name -> ``f(op, grad)`` returning the input gradients.

A gradient function reads ``op.inputs`` (the input values of the latest run) and
``op.output`` and returns one gradient per input (a list), or the gradient itself for
an op with a single input, as in the tutorial. It may take a third argument,
``needed``: a tuple of booleans saying which inputs' gradients are wanted; it may
return ``None`` for the others (training skips the gradients nobody uses).
"""

from __future__ import annotations

import inspect

import numpy as np

from .errors import MissingGradientError

__all__ = ["RegisterGradient", "get_gradient", "unbroadcast"]

_gradient_registry: dict[str, "GradientFunction"] = {}
#: Bumped at every registration, so that compiled plans notice a new gradient.
registry_version = [0]


class GradientFunction:
    """A registered gradient function, and whether it accepts ``needed``."""

    __slots__ = ("function", "takes_needed")

    def __init__(self, function):
        self.function = function
        try:
            self.takes_needed = len(inspect.signature(function).parameters) >= 3
        except (TypeError, ValueError):
            self.takes_needed = False


class RegisterGradient:
    """Decorator registering the gradient function of an op type.

    ``op_type`` is the op's class name (``"matmul"``, as in the tutorial) or the class
    itself. Names are looked up at backprop time, so a user's own ``Operation``
    subclass in their script works without ``eval``.
    """

    def __init__(self, op_type):
        self._op_type = op_type if isinstance(op_type, str) else op_type.__name__

    def __call__(self, f):
        _gradient_registry[self._op_type] = GradientFunction(f)
        registry_version[0] += 1
        return f


def get_gradient(op) -> GradientFunction:
    """The gradient function registered for ``op``'s type, or a clear error."""
    try:
        return _gradient_registry[type(op).__name__]
    except KeyError:
        raise MissingGradientError(
            f"no gradient registered for op type '{type(op).__name__}' (node "
            f"'{op.name}'): decorate a function f(op, grad) with "
            f"@RegisterGradient(\"{type(op).__name__}\")"
        ) from None


_ONES_CACHE: dict[int, np.ndarray] = {}


def _ones(n: int) -> np.ndarray:
    """A read-only vector of n ones, kept for reuse (summing by dot product)."""
    ones = _ONES_CACHE.get(n)
    if ones is None:
        if len(_ONES_CACHE) > 64:
            _ONES_CACHE.clear()
        ones = _ONES_CACHE[n] = np.ones(n)
        ones.flags.writeable = False
    return ones


def unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``: the adjoint of numpy broadcasting.

    Every binary op's gradient goes through here, so that an input of shape (2,)
    added to an (N, 2) array gets an (2,) gradient (the sum over the N rows).
    """
    try:
        if grad.shape == shape:
            return grad
    except AttributeError:  # a Python number
        grad = np.asarray(grad)
        if grad.shape == shape:
            return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        # Summing over the leading axis with a dot product is much faster than
        # np.sum for the tall, narrow arrays gdviz trains on.
        if extra == 1 and grad.ndim == 2:
            grad = _ones(grad.shape[0]).dot(grad)
        else:
            grad = grad.sum(axis=tuple(range(extra)))
        if grad.shape == shape:
            return grad
    axes = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    if grad.shape != shape:
        grad = np.broadcast_to(grad, shape)
    return grad
