"""Check backprop against central finite differences, as torch.autograd.gradcheck does.

The app uses it too (to show a learner that the gradients are right), so it lives in
the package rather than in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backprop import compute_gradients
from .graph import Constant, Node, Variable, placeholder
from .session import Session

__all__ = ["check_gradients", "GradientCheck"]


@dataclass(frozen=True)
class GradientCheck:
    """The outcome for one node: analytic and numeric gradients and their worst gap."""

    node: Node
    analytic: np.ndarray
    numeric: np.ndarray
    max_abs_error: float
    ok: bool

    def __str__(self):
        verdict = "ok" if self.ok else "MISMATCH"
        return f"{self.node.name}: max |analytic - numeric| = {self.max_abs_error:.3g} ({verdict})"


def check_gradients(loss: Node, wrt, feed_dict=None, eps: float = 1e-6,
                    atol: float = 1e-5, rtol: float = 1e-3, raise_on_error: bool = True):
    """Compare ``compute_gradients(loss)`` with central differences, in float64.

    Args:
        loss: a scalar node.
        wrt: the Variables, constants and placeholders to check.
        feed_dict: the placeholders' values.
        eps: the finite-difference step.
        atol, rtol: an element passes if |analytic - numeric| <= atol + rtol * |numeric|.
        raise_on_error: raise AssertionError naming the first mismatching node.

    Returns:
        A list of GradientCheck, one per node of ``wrt``.
    """
    feed = {k: np.array(v, dtype=float) for k, v in (feed_dict or {}).items()}
    session = Session()
    session.run(loss, feed)
    grad_table = compute_gradients(loss)
    if np.size(loss.output) != 1:
        raise ValueError(f"check_gradients needs a scalar loss; '{loss.name}' has shape {np.shape(loss.output)}")

    results = []
    for node in wrt:
        value = _value_of(node, feed)
        analytic = np.broadcast_to(grad_table.get(node, np.zeros_like(value)), value.shape)
        numeric = np.zeros_like(value)
        flat = value.reshape(-1)  # a view: writing it perturbs the node's value
        for i in range(flat.size):
            original = flat[i]
            flat[i] = original + eps
            plus = float(session.run(loss, feed))
            flat[i] = original - eps
            minus = float(session.run(loss, feed))
            flat[i] = original
            numeric.reshape(-1)[i] = (plus - minus) / (2 * eps)
        gap = np.abs(analytic - numeric)
        ok = bool(np.all(gap <= atol + rtol * np.abs(numeric)))
        results.append(GradientCheck(node, np.array(analytic), numeric,
                                     float(gap.max(initial=0.0)), ok))
    session.run(loss, feed)  # leave the latest run's values as they were
    if raise_on_error:
        for result in results:
            if not result.ok:
                raise AssertionError(
                    f"gradient check failed for '{result.node.name}': max abs error "
                    f"{result.max_abs_error:.3g}\nanalytic:\n{result.analytic}\n"
                    f"numeric:\n{result.numeric}"
                )
    return results


def _value_of(node, feed):
    """The node's value as a writable float array that the session will read."""
    if isinstance(node, placeholder):
        return feed[node]
    if isinstance(node, Variable):
        node.value = np.array(node.value, dtype=float)
        return node.value
    if isinstance(node, Constant):
        node.value = np.array(node.value, dtype=float)  # writable copy
        return node.value
    raise TypeError(f"can only check gradients with respect to leaves, not {node!r}")
