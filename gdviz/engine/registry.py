"""The gradient registry: op type name -> ``f(op, grad)`` returning the input gradients.

A gradient function has the tutorial's one signature ``f(op, grad)``. It reads
``op.inputs`` (the input values of the latest run) and ``op.output``, and returns one
gradient per input (a list), or the gradient itself for an op with one input.
"""

from __future__ import annotations

import numpy as np

from .errors import MissingGradientError

__all__ = ["RegisterGradient", "get_gradient", "unbroadcast"]

_gradient_registry: dict = {}
#: Counts registrations, so that a compiled executor notices a rule registered later.
registry_version = [0]


class RegisterGradient:
    """Decorator registering the gradient function of an op type.

    ``op_type`` is the op's class name (``"matmul"``, as in the tutorial) or the class
    itself. Names are looked up at backprop time, so a user's own ``Operation``
    subclass in their script works without ``eval``.
    """

    def __init__(self, op_type):
        self._op_type = op_type if isinstance(op_type, str) else op_type.__name__

    def __call__(self, f):
        _gradient_registry[self._op_type] = f
        registry_version[0] += 1
        return f


def get_gradient(op):
    """The gradient function registered for ``op``'s type, or a clear error."""
    try:
        return _gradient_registry[type(op).__name__]
    except KeyError:
        raise MissingGradientError(
            f"no gradient registered for op type '{op.op_type}' (node "
            f"'{op.name}'): decorate a function f(op, grad) with "
            f"@RegisterGradient(\"{op.op_type}\")"
        ) from None


def unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``: the adjoint of numpy's broadcasting.

    An input of shape (2,) added to an (N, 2) array was used N times, so its gradient
    is the sum over the N rows. Every binary op's gradient goes through here.
    """
    if np.shape(grad) == shape:
        return grad  # nothing was broadcast
    while grad.ndim > len(shape):  # axes numpy prepended
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):  # axes of length 1 that numpy stretched
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad
