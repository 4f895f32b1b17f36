"""What the optimizer does next with each Variable's gradient, with its numbers (Qt-free).

The backward pass ends with ∂J/∂W for every Variable W. The training step then hands
those gradients to the optimizer (``optimizer.apply_gradients(var_list, grad_table)``),
which moves each Variable. ``explain_updates`` works that update out ahead of time, one
``UpdateStep`` per Variable in the optimizer's order, without touching the optimizer or
the Variables: it repeats the optimizer's own floating-point operations, in the same
order and on copies, so the ``after`` it shows is the next step's weights exactly.

The three rules, as TensorFlow 1 (and ``gdviz.engine.optimizers``) has them:

- gradient descent: W ← W − η·g
- momentum: accum ← μ·accum + g, then W ← W − η·accum
- Adam: t ← t + 1, m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g²,
  lr_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ), then W ← W − lr_t·m/(√v + ε)

``explain_update`` writes one step as HTML for the player, numbers by ``trace_text``.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from gdviz.engine import AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer
from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.lesson.trace_text import TINY_SIZE, format_number, shape_text, short_value

__all__ = ["Quantity", "UpdateStep", "explain_updates", "explain_update", "OPTIMIZER_KINDS"]

# The optimizers explained, by exact class: a subclass may have a rule of its own.
OPTIMIZER_KINDS = {
    GradientDescentOptimizer: "gd",
    MomentumOptimizer: "momentum",
    AdamOptimizer: "adam",
}
# Shown translated: translate("UpdateSteps", TITLES[kind]), and so RULES.
TITLES = {"gd": QT_TRANSLATE_NOOP("UpdateSteps", "Gradient descent"),
          "momentum": QT_TRANSLATE_NOOP("UpdateSteps", "Momentum"),
          "adam": QT_TRANSLATE_NOOP("UpdateSteps", "Adam")}
RULES = {
    "gd": "W ← W − η·g",
    "momentum": QT_TRANSLATE_NOOP("UpdateSteps", "accum ← μ·accum + g, then W ← W − η·accum"),
    "adam": QT_TRANSLATE_NOOP("UpdateSteps", "m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², "
                                             "then W ← W − lr_t·m/(√v + ε)"),
}
# The quantities' names and formulas that are words (the rest are maths): shown translated.
QUANTITY_WORDS = (
    QT_TRANSLATE_NOOP("UpdateSteps", "accum before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "accum kept from the steps before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "m before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "m kept from the steps before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "v before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "v kept from the steps before"),
    QT_TRANSLATE_NOOP("UpdateSteps", "steps so far + 1"),
    QT_TRANSLATE_NOOP("UpdateSteps", "step"),
)


class Quantity(NamedTuple):
    """One number (or array) the update computes or reads, e.g. ("m", "β₁·m + (1−β₁)·g", m)."""

    name: str
    formula: str  # how it is computed, or where it comes from
    value: np.ndarray  # a copy


@dataclass(frozen=True)
class UpdateStep:
    """What the optimizer does to one Variable in the next training step.

    Attributes:
        index: the Variable's place in the optimizer's var_list (among those updated).
        variable: the Variable.
        name: its name.
        kind: "gd", "momentum" or "adam".
        constants: ((symbol, value), ...): the hyperparameters, e.g. (("η", 0.1),).
        quantities: ``Quantity`` per number the rule reads or computes, in order; the
            last is "step", what is subtracted from the Variable.
        before, after: the Variable's value before and after the update (copies).
    """

    index: int
    variable: object
    name: str
    kind: str
    constants: tuple
    quantities: tuple
    before: np.ndarray
    after: np.ndarray

    @property
    def node(self):
        """The graph node the step works on (the player highlights and follows it)."""
        return self.variable

    def value(self, name: str) -> np.ndarray:
        """The quantity called ``name`` (e.g. "m", "lr_t", "step")."""
        for quantity in self.quantities:
            if quantity.name == name:
                return quantity.value
        raise KeyError(f"the {self.kind} update has no quantity {name!r}; it has "
                       f"{', '.join(q.name for q in self.quantities)}")


# **** working the update out: the optimizers' operations, on copies ****


def explain_updates(optimizer, variables, grad_table, loss_name: str = "J") -> tuple:
    """The update ``optimizer.apply_gradients(variables, grad_table)`` would make next.

    Neither the optimizer's state (its iterations and slots) nor the Variables change.
    A Variable without a gradient is skipped, as the optimizer skips it.

    Args:
        optimizer: a GradientDescentOptimizer, MomentumOptimizer or AdamOptimizer.
        variables: the Variables it trains, in its order (a minimize op's var_list).
        grad_table: node -> gradient, e.g. a BackpropTrace's ``grad_table``.
        loss_name: the loss's name, for the formulas ("∂J/∂W").

    Returns:
        One ``UpdateStep`` per Variable with a gradient, in the order of ``variables``.

    Raises:
        TypeError: for an optimizer whose rule this module does not know.
    """
    kind = OPTIMIZER_KINDS.get(type(optimizer))
    if kind is None:
        raise TypeError(f"cannot explain the update of a {type(optimizer).__name__}: only "
                        f"{', '.join(c.__name__ for c in OPTIMIZER_KINDS)} are explained")
    explain = {"gd": _gradient_descent, "momentum": _momentum, "adam": _adam}[kind]
    t = optimizer.iterations + 1  # apply_gradients counts this step first
    steps = []
    for variable in variables:
        grad = grad_table.get(variable)
        if grad is None:
            continue
        before = np.array(variable.value, copy=True)
        after = before.copy()
        g = Quantity("g", f"∂{loss_name}/∂{variable.name}", np.array(grad, copy=True))
        # Overflow or NaN here is what the real step would meet too (a diverging run):
        # the explanation shows inf or nan rather than failing.
        with np.errstate(all="ignore"):
            constants, quantities = explain(optimizer, variable, grad, after, t)
        steps.append(UpdateStep(len(steps), variable, variable.name, kind, constants,
                                (g, *quantities), before, after))
    return tuple(steps)


def _slots_now(optimizer, variable) -> dict:
    """Copies of the optimizer's state for ``variable``: zeros before its first step.

    Reads the optimizer's table directly: ``optimizer.slots`` would create the entry,
    a change of the optimizer's state this module promises not to make.
    """
    slots = optimizer._slots.get(variable)
    return {name: (np.array(slots[name], copy=True) if slots is not None
                   else np.zeros_like(variable.value))
            for name in optimizer.slot_names}


# Each mirrors the optimizer's ``_update`` operation for operation (in-place where it
# works in place), on ``after``, a copy of the Variable's value.

def _gradient_descent(optimizer, variable, grad, after, t):
    lr = optimizer.learning_rate
    step = lr * grad
    after -= step
    return (("η", lr),), (Quantity("step", "η·g", step),)


def _momentum(optimizer, variable, grad, after, t):
    lr, mu = optimizer.learning_rate, optimizer.momentum
    accum_before = _slots_now(optimizer, variable)["accum"]
    accum = accum_before.copy()
    accum *= mu
    accum += grad
    step = lr * accum
    after -= step
    return (("η", lr), ("μ", mu)), (
        Quantity("accum before", "accum kept from the steps before", accum_before),
        Quantity("accum", "μ·accum + g", accum),
        Quantity("step", "η·accum", step),
    )


def _adam(optimizer, variable, grad, after, t):
    lr, b1, b2, eps = optimizer.learning_rate, optimizer.beta1, optimizer.beta2, optimizer.epsilon
    slots = _slots_now(optimizer, variable)
    m, v = slots["m"].copy(), slots["v"].copy()
    m *= b1
    m += (1 - b1) * grad
    v *= b2
    v += (1 - b2) * (grad * grad)
    lr_t = lr * math.sqrt(1 - b2**t) / (1 - b1**t)  # AdamOptimizer.corrected_rate at step t
    step = lr_t * m / (np.sqrt(v) + eps)
    after -= step
    return (("η", lr), ("β₁", b1), ("β₂", b2), ("ε", eps)), (
        Quantity("m before", "m kept from the steps before", slots["m"]),
        Quantity("v before", "v kept from the steps before", slots["v"]),
        Quantity("t", "steps so far + 1", np.asarray(t)),
        Quantity("m", "β₁·m + (1−β₁)·g", m),
        Quantity("v", "β₂·v + (1−β₂)·g²", v),
        Quantity("lr_t", "η·√(1−β₂ᵗ)/(1−β₁ᵗ)", np.asarray(lr_t)),
        Quantity("step", "lr_t·m/(√v + ε)", step),
    )


# **** the player's text ****


def title(kind: str) -> str:
    """The optimizer's name as shown: "Gradient descent", "Momentum", "Adam"."""
    return translate("UpdateSteps", TITLES[kind])


def _words(text: str) -> str:
    """A quantity's name or formula as shown (translated where it is words)."""
    return translate("UpdateSteps", text) if text in QUANTITY_WORDS else text


def value_html(value) -> str:
    """A value for the explanation: its numbers when tiny, else shape, norm and range."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 0 or a.size <= TINY_SIZE:
        return f"<code>{html.escape(short_value(a))}</code>"
    with np.errstate(all="ignore"):  # inf or nan in a diverged run: written as such
        norm, low, high = np.linalg.norm(a), a.min(), a.max()
    return translate("UpdateSteps", "({shape}, norm <code>{norm}</code>, from <code>{low}</code> "
                                    "to <code>{high}</code>)").format(
        shape=shape_text(a), norm=format_number(norm), low=format_number(low),
        high=format_number(high))


def explain_update(step: UpdateStep, count: int, position: int | None = None,
                   total: int | None = None) -> str:
    """What the optimizer does to one Variable, with its numbers (HTML).

    Args:
        step: the ``UpdateStep``.
        count: how many Variables the optimizer updates.
        position, total: the step's place in the whole walk-through (1-based), if shown.

    Returns:
        HTML: the rule, the hyperparameters, each quantity with its formula and value,
        the Variable before and after, and the change.
    """
    name = html.escape(step.name)
    constants = ", ".join(f"{symbol} = <code>{format_number(value)}</code>"
                          for symbol, value in step.constants)
    if position is not None and total:
        head = translate("UpdateSteps", "<b>Update {index} of {count}</b> (step {position} of "
                                        "{total}): {title} moves the Variable <b>{name}</b> with "
                                        "its gradient g: <code>{rule}</code>, with {constants}.")
    else:
        head = translate("UpdateSteps", "<b>Update {index} of {count}</b>: {title} moves the "
                                        "Variable <b>{name}</b> with its gradient g: "
                                        "<code>{rule}</code>, with {constants}.")
    lines = [
        head.format(index=step.index + 1, count=count, position=position, total=total,
                    title=title(step.kind), name=name,
                    rule=html.escape(translate("UpdateSteps", RULES[step.kind])),
                    constants=constants),
        translate("UpdateSteps", "&nbsp;&nbsp;• {name} before = {value}").format(
            name=name, value=value_html(step.before)),
    ]
    for quantity in step.quantities:
        lines.append(f"&nbsp;&nbsp;• {html.escape(_words(quantity.name))} = "
                     f"{html.escape(_words(quantity.formula))} = {value_html(quantity.value)}")
    lines.append(translate("UpdateSteps", "&nbsp;&nbsp;• {name} after = {name} − step = {value}")
                 .format(name=name, value=value_html(step.after)))
    with np.errstate(all="ignore"):
        change = step.after - step.before
    if value_html(step.before) == value_html(step.after):
        change_text = translate("UpdateSteps", "Change: {name} after − {name} before = {value} "
                                               "(smaller than the digits shown: before and after "
                                               "read the same).")
    else:
        change_text = translate("UpdateSteps", "Change: {name} after − {name} before = {value}.")
    lines.append(change_text.format(name=name, value=value_html(change)))
    if step.index + 1 == count:
        lines.append(translate("UpdateSteps", "<b>Done:</b> every Variable has moved; these are "
                                              "the weights the next training step starts from."))
    return "<br>".join(lines)
