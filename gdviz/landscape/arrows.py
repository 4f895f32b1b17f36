"""Where each optimizer's next step goes, from the same gradient (issue 10, item 6; Qt-free).

At the current point the gradient g is one arrow; what the optimizer does with it is
another. Gradient descent steps −lr·g. TensorFlow 1's momentum first folds g into its
accumulator (accum ← μ·accum + g) and steps −lr·accum: the velocity of the earlier
steps carries it on. Adam updates its moments m ← β₁m + (1−β₁)g and
v ← β₂v + (1−β₂)g², and steps −lr_t·m/(√v + ε) with lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ):
every coordinate moves by about lr, whatever the size of its gradient.

The rules are gdviz.engine.optimizers' own, applied element-wise, so they serve two
coordinates, or a whole flat weight vector (which the projection mode then projects).
Every arrow is in weight units: the distance the step really moves the weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdviz.engine import AdamOptimizer, MomentumOptimizer

OPTIMIZER_KINDS = ("gd", "momentum", "adam")


def default_hyper(kind: str) -> dict:
    """The engine's own defaults for ``kind``'s hyper-parameters (besides the learning rate)."""
    if kind == "momentum":
        return {"momentum": MomentumOptimizer(1.0).momentum}
    if kind == "adam":
        adam = AdamOptimizer()
        return {"beta1": adam.beta1, "beta2": adam.beta2, "epsilon": adam.epsilon}
    return {}


@dataclass(frozen=True)
class OptimizerArrows:
    """The arrows at the current point, each an array shaped like the gradient given.

    ``negative_gradient`` is −g itself; ``gradient_step`` is gradient descent's −lr·g;
    ``momentum_step`` and ``adam_step`` are the next steps of those optimizers, or None
    when the optimizer is another (their state exists only while they train).
    """

    kind: str
    learning_rate: float
    negative_gradient: np.ndarray
    gradient_step: np.ndarray
    momentum_step: np.ndarray | None = None
    adam_step: np.ndarray | None = None

    def step(self) -> np.ndarray:
        """The step the optimizer that is training will take next."""
        return {"momentum": self.momentum_step, "adam": self.adam_step}.get(self.kind, self.gradient_step)


def momentum_step(grad, accum, learning_rate, momentum):
    """−lr·accum_new with accum_new = μ·accum + g (MomentumOptimizer._update)."""
    return -learning_rate * (momentum * accum + grad)


def adam_step(grad, m, v, learning_rate, iterations, beta1, beta2, epsilon):
    """Adam's next step after ``iterations`` steps taken (AdamOptimizer._update at t = iterations + 1)."""
    t = iterations + 1  # apply_gradients counts the step before _update reads lr_t
    corrected = learning_rate * math.sqrt(1 - beta2**t) / (1 - beta1**t)
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * (grad * grad)
    return -corrected * m_new / (np.sqrt(v_new) + epsilon)


def optimizer_arrows(kind, grad2, slots2=None, hyper=None, iterations=0) -> OptimizerArrows:
    """The optimizer's arrows for the chosen coordinates.

    Args:
        kind: "gd", "momentum" or "adam".
        grad2: the gradient in those coordinates (any shape; element-wise rules).
        slots2: the optimizer's state in the same coordinates: {"accum": ...} for
            momentum, {"m": ..., "v": ...} for Adam; None or missing means zeros (a fresh
            optimizer).
        hyper: {"learning_rate": lr, and "momentum", or "beta1", "beta2", "epsilon"};
            missing hyper-parameters take the engine's defaults.
        iterations: steps the optimizer has taken (Adam's t before this step).

    Returns:
        OptimizerArrows, all in weight units.
    """
    if kind not in OPTIMIZER_KINDS:
        raise ValueError(f"optimizer {kind!r} is not one of {', '.join(OPTIMIZER_KINDS)}")
    hyper = {**default_hyper(kind), **(hyper or {})}
    if "learning_rate" not in hyper:
        raise ValueError("optimizer_arrows needs the learning rate: hyper['learning_rate']")
    lr = float(hyper["learning_rate"])
    grad = np.asarray(grad2, dtype=np.float64)
    slots = slots2 or {}
    zeros = np.zeros_like(grad)
    arrows = {"negative_gradient": -grad, "gradient_step": -lr * grad}
    if kind == "momentum":
        accum = np.asarray(slots.get("accum", zeros), dtype=np.float64)
        arrows["momentum_step"] = momentum_step(grad, accum, lr, hyper["momentum"])
    elif kind == "adam":
        m = np.asarray(slots.get("m", zeros), dtype=np.float64)
        v = np.asarray(slots.get("v", zeros), dtype=np.float64)
        arrows["adam_step"] = adam_step(grad, m, v, lr, int(iterations), hyper["beta1"],
                                        hyper["beta2"], hyper["epsilon"])
    return OptimizerArrows(kind=kind, learning_rate=lr, **arrows)


def state_slots(optimizer_state, shapes, indices=None) -> dict:
    """The optimizer state's slots as flat vectors, optionally only at ``indices``.

    Args:
        optimizer_state: {"kind", "learning_rate", "iterations", "hyper", "slots":
            {variable_index: {"accum": array} or {"m": ..., "v": ...}}} or None.
        shapes: the weights' shapes, in order.
        indices: flat indices to keep (e.g. the two chosen coordinates).

    Returns:
        {slot name: flat array}; a Variable without slots contributes zeros.
    """
    if not optimizer_state:
        return {}
    per_variable = optimizer_state.get("slots") or {}
    names = sorted({name for slots in per_variable.values() for name in slots})
    flat = {}
    for name in names:
        parts = []
        for index, shape in enumerate(shapes):
            value = (per_variable.get(index) or {}).get(name)
            value = np.zeros(shape) if value is None else np.asarray(value, dtype=np.float64)
            if value.shape != tuple(shape):
                raise ValueError(f"optimizer slot {name!r} of Variable {index} has shape "
                                 f"{value.shape}, not the weight's {tuple(shape)}")
            parts.append(value.ravel())
        flat[name] = np.concatenate(parts)
        if indices is not None:
            flat[name] = flat[name][np.asarray(indices)]
    return flat


def arrows_from_state(optimizer_state, grad, shapes, indices=None, learning_rate=None):
    """``optimizer_arrows`` for an optimizer_state dict (None: gradient descent at
    ``learning_rate``) and a flat gradient, at ``indices`` or everywhere."""
    state = optimizer_state or {}
    kind = state.get("kind", "gd")
    lr = state.get("learning_rate", learning_rate)
    if lr is None:
        raise ValueError("no learning rate: give optimizer_state['learning_rate'] or learning_rate")
    grad = np.asarray(grad, dtype=np.float64)
    if indices is not None:
        grad = grad[np.asarray(indices)]
    hyper = {**(state.get("hyper") or {}), "learning_rate": lr}
    return optimizer_arrows(kind, grad, state_slots(state, shapes, indices), hyper,
                            state.get("iterations", 0))
