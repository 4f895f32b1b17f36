"""Optimizers with TensorFlow 1 semantics: ``optimizer.minimize(loss)`` returns an op.

Running that op (``session.run(train_op, feed_dict)``) is one training step: the
session evaluates the loss first (the op reads it), then the op backpropagates and
updates, in place, every Variable the loss depends on. After the run, ``loss.output``
holds the loss before the update.

Each optimizer states its rule once, in ``_update``; the compiled executor runs the
same rule on the same state (``slots``) with preallocated buffers.
``learning_rate`` is read at every step, so it can be changed between steps without
resetting the optimizer's state; ``reset()`` forgets momentum and Adam's moments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .backprop import compute_gradients
from .graph import Node, Operation, Variable, get_default_graph, traverse_postorder

__all__ = [
    "Optimizer",
    "OptimizerState",
    "GradientDescentOptimizer",
    "MomentumOptimizer",
    "AdamOptimizer",
    "MinimizationOperation",
]


@dataclass(frozen=True)
class OptimizerState:
    """What an optimizer has accumulated, as copies: its class's name, the steps taken
    (Adam's t) and each Variable's slots ({} for one without), in ``var_list`` order.
    The training process sends it with every frame, so that the app can show the very
    update the next step makes (momentum's accumulator, Adam's moments)."""

    kind: str
    iterations: int
    slots: tuple


class MinimizationOperation(Operation):
    """The op ``minimize`` returns. It reads the loss but is not one of its consumers,
    so that it never shows in the loss's backward pass or the graph view."""

    kind = "optimizer"

    def __init__(self, optimizer: "Optimizer", loss: Node, var_list):
        # Not Operation.__init__: that would make this op a consumer of the loss.
        Node.__init__(self, None, default_name=f"{type(optimizer).__name__}_minimize")
        self.input_nodes = [loss]
        self.optimizer = optimizer
        self.loss = loss
        self.var_list = tuple(var_list)
        get_default_graph().operations.append(self)

    def compute(self, loss_value):
        # The tutorial's step: backpropagate from the loss, then move every Variable.
        grad_table = compute_gradients(self.loss, self.var_list)
        self.optimizer.apply_gradients(self.var_list, grad_table)
        return None


class Optimizer:
    """Base class: subclasses implement ``_update(variable, grad, slots)``.

    Args:
        learning_rate: a positive, finite number.
    """

    def __init__(self, learning_rate: float):
        self.learning_rate = learning_rate
        self.reset()

    @property
    def learning_rate(self) -> float:
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        value = float(value)
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"the learning rate must be a positive, finite number, not {value}")
        self._learning_rate = value

    def minimize(self, loss: Node, var_list=None) -> MinimizationOperation:
        """The op that takes one step downhill on ``loss``.

        Args:
            loss: the node to minimise.
            var_list: the Variables to train; by default every Variable the loss
                depends on.
        """
        if var_list is None:
            var_list = [n for n in traverse_postorder(loss) if isinstance(n, Variable)]
        self.reset()
        return MinimizationOperation(self, loss, var_list)

    def reset(self) -> None:
        """Forget any state accumulated by earlier steps."""
        self.iterations = 0  # steps taken: Adam's t
        self._slots = {}

    def slots(self, variable: Variable) -> dict:
        """The optimizer's state arrays for ``variable`` (e.g. momentum's accumulator)."""
        slots = self._slots.get(variable)
        if slots is None:
            slots = self._slots[variable] = {
                name: np.zeros_like(variable.value) for name in self.slot_names}
        return slots

    slot_names: tuple = ()  # the state each Variable has, e.g. ("m", "v") for Adam

    def state(self, variables) -> OptimizerState:
        """Copies of the state this optimizer has for ``variables`` (creates none)."""
        return OptimizerState(type(self).__name__, self.iterations, tuple(
            {name: a.copy() for name, a in self._slots.get(v, {}).items()} for v in variables))

    def load_state(self, variables, state: OptimizerState) -> None:
        """Go on from ``state`` (from ``state(variables)`` of an optimizer of this class).

        Raises:
            ValueError: the state is another optimizer's, or does not fit ``variables``.
        """
        if state.kind != type(self).__name__ or len(state.slots) != len(variables):
            raise ValueError(f"a {state.kind} state for {len(state.slots)} Variables does not fit "
                             f"this {type(self).__name__} of {len(variables)}")
        slots = {}
        for variable, named in zip(variables, state.slots):
            if named:
                if set(named) != set(self.slot_names) or any(
                        np.shape(a) != variable.value.shape for a in named.values()):
                    raise ValueError(f"the state of '{variable.name}' does not fit it")
                slots[variable] = {n: np.array(a, dtype=variable.value.dtype) for n, a in named.items()}
        self.iterations, self._slots = int(state.iterations), slots

    def apply_gradients(self, variables, grad_table) -> None:
        """One step: every Variable with a gradient moves by ``_update``."""
        self.iterations += 1
        for variable in variables:
            grad = grad_table.get(variable)
            if grad is not None:
                self._update(variable, grad, self.slots(variable) if self.slot_names else None)

    def _update(self, variable: Variable, grad, slots: dict) -> None:
        raise NotImplementedError


class GradientDescentOptimizer(Optimizer):
    """The tutorial's rule: value ← value − learning_rate · gradient."""

    def _update(self, variable, grad, slots):
        variable.value -= self.learning_rate * grad


class MomentumOptimizer(Optimizer):
    """TensorFlow 1's momentum: accum ← momentum · accum + g; value ← value − lr · accum."""

    slot_names = ("accum",)

    def __init__(self, learning_rate: float, momentum: float = 0.9):
        super().__init__(learning_rate)
        self.momentum = momentum

    def _update(self, variable, grad, slots):
        accum = slots["accum"]
        accum *= self.momentum
        accum += grad
        variable.value -= self.learning_rate * accum


class AdamOptimizer(Optimizer):
    """TensorFlow 1's Adam (Kingma and Ba, with the bias correction folded into lr_t)."""

    slot_names = ("m", "v")

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, epsilon: float = 1e-8):
        super().__init__(learning_rate)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def corrected_rate(self) -> float:
        """lr_t = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ) at step t = ``iterations``."""
        t = self.iterations
        return self.learning_rate * math.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)

    def _update(self, variable, grad, slots):
        m, v = slots["m"], slots["v"]
        m *= self.beta1
        m += (1 - self.beta1) * grad
        v *= self.beta2
        v += (1 - self.beta2) * (grad * grad)
        variable.value -= self.corrected_rate() * m / (np.sqrt(v) + self.epsilon)
