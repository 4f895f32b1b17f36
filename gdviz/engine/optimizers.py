"""Optimizers with TensorFlow 1 semantics: ``optimizer.minimize(loss)`` returns an op.

Running that op (``session.run(train_op, feed_dict)``) is one training step: the
session evaluates the loss first (the op reads it), then the op backpropagates and
updates, in place, every Variable the loss depends on. After the run, ``loss.output``
holds the loss before the update.

``learning_rate`` is read at every step, so it can be changed between steps without
resetting the optimizer's state; ``reset()`` forgets momentum and Adam's moments.
"""

from __future__ import annotations

import numpy as np

from .backprop import _backward_plan, _compile, _run_backward, _run_backward_unchecked
from .registry import registry_version
from .graph import Node, Operation, Variable, get_default_graph
from .session import traverse_postorder

__all__ = [
    "Optimizer",
    "GradientDescentOptimizer",
    "MomentumOptimizer",
    "AdamOptimizer",
    "MinimizationOperation",
]


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
        self._backward = None
        self._checked_shapes = None
        self._compiled = (None, ())
        get_default_graph().operations.append(self)

    def compute(self, loss_value):
        if self._backward is None:
            self._backward = _backward_plan(self.loss, self.var_list)
            self._leaves = [n for n in traverse_postorder(self.loss) if not n.input_nodes]
        # The first step with given input shapes runs the checked backward pass; the
        # gradients' shapes follow from the inputs', so later ones run unchecked.
        try:
            shapes = [leaf.output.shape for leaf in self._leaves]
        except AttributeError:  # a Variable holding a Python number
            shapes = [np.shape(leaf.output) for leaf in self._leaves]
        compiled = self._compiled
        if shapes == self._checked_shapes and compiled[0] == registry_version[0]:
            grad_table = _run_backward_unchecked(compiled)
        else:
            grad_table = _run_backward(self.loss, self._backward)
            self._checked_shapes = shapes
            self._compiled = _compile(self._backward)
        self.optimizer._apply(self.var_list, grad_table)
        return None


class Optimizer:
    """Base class: subclasses implement ``_update(variable, grad)``."""

    def __init__(self, learning_rate: float):
        self.learning_rate = learning_rate

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

    def _apply(self, variables, grad_table) -> None:
        for variable in variables:
            grad = grad_table.get(variable)
            if grad is not None:
                self._update(variable, grad)

    def _update(self, variable: Variable, grad) -> None:
        raise NotImplementedError


class GradientDescentOptimizer(Optimizer):
    """value -= learning_rate * gradient."""

    def _apply(self, variables, grad_table):
        learning_rate = self.learning_rate
        for variable in variables:
            grad = grad_table.get(variable)
            if grad is not None:
                variable.value -= learning_rate * grad

    def _update(self, variable, grad):
        variable.value -= self.learning_rate * grad


class MomentumOptimizer(Optimizer):
    """TensorFlow 1's momentum: accum = momentum * accum + g; value -= lr * accum."""

    def __init__(self, learning_rate: float, momentum: float = 0.9):
        super().__init__(learning_rate)
        self.momentum = momentum

    def reset(self):
        self._accumulators = {}

    def _update(self, variable, grad):
        accum = self._accumulators.get(variable)
        if accum is None:
            accum = self._accumulators[variable] = np.zeros_like(variable.value)
        accum *= self.momentum
        accum += grad
        variable.value -= self.learning_rate * accum


class AdamOptimizer(Optimizer):
    """TensorFlow 1's Adam (Kingma and Ba, with the bias correction folded into lr_t)."""

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, epsilon: float = 1e-8):
        super().__init__(learning_rate)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def reset(self):
        self._moments = {}
        self._t = 0

    def _apply(self, variables, grad_table):
        self._t += 1
        t = self._t
        self._lr_t = self.learning_rate * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        super()._apply(variables, grad_table)

    def _update(self, variable, grad):
        moments = self._moments.get(variable)
        if moments is None:
            moments = self._moments[variable] = (
                np.zeros_like(variable.value),
                np.zeros_like(variable.value),
            )
        m, v = moments
        m *= self.beta1
        m += (1 - self.beta1) * grad
        v *= self.beta2
        v += (1 - self.beta2) * np.square(grad)
        variable.value -= self._lr_t * m / (np.sqrt(v) + self.epsilon)
