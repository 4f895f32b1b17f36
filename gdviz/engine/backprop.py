"""Backpropagation: a breadth-first search from the loss, as the tutorial tells it.

Each node's gradient is the sum, over its consumers, of the gradient that flows along
the edge consumer -> node (the consumer's gradient times its local derivative).

The tutorial's version reads a consumer's gradient before it may have been computed
(``add(x, sigmoid(x))`` fails) and reads consumers that never reach the loss (a
prediction op sharing W fails). Here a node enters the queue only once every consumer
of it that leads to the loss is done: Kahn's algorithm on the reversed graph,
restricted to the loss's ancestors. Consumers off the path to the loss contribute
nothing. The queue is still breadth-first, which is what the visualiser animates.

The order depends only on the graph's structure, so it is worked out once per loss
(and per set of nodes the gradients are wanted for) and kept: the plan.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .errors import EngineError, ShapeError
from .graph import Node, Operation
from .registry import _gradient_registry, get_gradient, registry_version
from .session import traverse_postorder

__all__ = [
    "compute_gradients",
    "trace_backprop",
    "EdgeFlow",
    "BackpropStep",
    "BackpropTrace",
]


# **** the plan: the breadth-first order, worked out once ****


class _PlanStep(NamedTuple):
    """One step of the plan (a named tuple: the hot loop unpacks it)."""

    node: Node
    contributions: tuple  # ((consumer, slot), ...): the edges whose gradients sum here
    enqueued: tuple  # nodes this step let into the queue
    queue: tuple  # the queue after this step
    needed: tuple  # for an op: which of its inputs want a gradient
    backprop: bool  # whether this node passes gradients on to its inputs
    op_type: str  # the registry's key for the node's gradient
    check_slots: tuple  # the inputs whose gradients are computed, to check shapes


def _backward_plan(loss: Node, wrt=None) -> tuple:
    """The breadth-first steps from ``loss``, only through nodes that lead to ``wrt``.

    With ``wrt=None`` every ancestor of the loss gets a gradient (what the visualiser
    shows); with a set of Variables only the nodes on a path from one of them to the
    loss do (what training needs).
    """
    key = None if wrt is None else frozenset(wrt)
    cache = loss._backward_plans
    if key in cache:
        return cache[key]
    cache[key] = plan = _make_plan(loss, key)
    return plan


def _make_plan(loss: Node, key) -> tuple:

    ancestors = traverse_postorder(loss)
    on_path = set(ancestors)
    if key is not None:
        # Keep the ancestors that are wrt nodes or descend from one (post-order
        # visits inputs first, so one pass suffices).
        leads_from_wrt = set()
        for node in ancestors:
            if node in key or any(n in leads_from_wrt for n in node.input_nodes):
                leads_from_wrt.add(node)
        active = leads_from_wrt | {loss}
    else:
        active = on_path

    # pending[n]: consumers of n, on the path to the loss, not yet done.
    pending = {n: len({c for c in n.consumers if c in on_path}) for n in active}
    queue = deque([loss])
    steps = []
    while queue:
        node = queue.popleft()
        contributions = tuple(
            (consumer, slot)
            for consumer in dict.fromkeys(node.consumers)  # distinct, in order
            if consumer in on_path
            for slot, input_node in enumerate(consumer.input_nodes)
            if input_node is node
        )
        enqueued = []
        for input_node in dict.fromkeys(node.input_nodes):
            if input_node in active:
                pending[input_node] -= 1
                if pending[input_node] == 0:
                    queue.append(input_node)
                    enqueued.append(input_node)
        needed = tuple(n in active for n in node.input_nodes)
        backprop = isinstance(node, Operation) and any(needed)
        check_slots = tuple(i for i, wanted in enumerate(needed) if wanted)
        steps.append(
            _PlanStep(node, contributions, tuple(enqueued), tuple(queue), needed,
                      backprop, node.op_type, check_slots)
        )
    return tuple(steps)


# **** running it ****


def _check_input_gradients(op: Operation, grads, check_slots) -> None:
    """The backward pass's invariant: one gradient per input, each of its input's shape."""
    inputs = op.inputs
    if len(grads) != len(inputs):
        raise EngineError(
            f"the gradient of '{op.name}' ({op.op_type}) returned {len(grads)} "
            f"gradients for {len(inputs)} inputs"
        )
    for slot in check_slots:
        if np.shape(grads[slot]) != np.shape(inputs[slot]):
            raise ShapeError(
                f"the gradient of '{op.name}' ({op.op_type}) with respect to input "
                f"{slot} ('{op.input_nodes[slot].name}') has shape "
                f"{np.shape(grads[slot])}, but that input has shape "
                f"{np.shape(inputs[slot])}: reduce it to the input's shape "
                f"(gdviz.engine.unbroadcast)"
            )


_ONE = np.float64(1.0)


def _run_backward(loss: Node, plan, recorder=None) -> dict:
    """Execute the plan on the values of the latest run, checking every gradient's
    shape; return the grad_table (and record the steps into ``recorder``)."""
    if loss.output is None:
        raise EngineError(
            f"'{loss.name}' has not been run: run it with Session.run first, since "
            f"the gradients use the values of the latest run"
        )
    registry = _gradient_registry
    grad_table = {}
    input_grads = {}
    for step in plan:
        node, contributions, _, _, needed, backprop, op_type, check_slots = step
        if len(contributions) == 1:
            consumer, slot = contributions[0]
            total = input_grads[consumer][slot]
        elif contributions:
            total = None
            for consumer, slot in contributions:
                g = input_grads[consumer][slot]
                total = g if total is None else total + g
        else:  # the loss: the gradient of the loss with respect to itself is 1
            shape = np.shape(node.output)
            total = _ONE if shape == () else np.ones(shape)
        grad_table[node] = total
        if backprop:
            gradient = registry.get(op_type) or get_gradient(node)  # the latter raises
            if gradient.takes_needed:
                grads = gradient.function(node, total, needed)
            else:
                grads = gradient.function(node, total)
            if len(needed) == 1:
                grads = (grads,)
            _check_input_gradients(node, grads, check_slots)
            input_grads[node] = grads
        if recorder is not None:
            recorder.append(_record(step, total, input_grads, len(recorder)))
    return grad_table


# **** the training fast path ****
# Training runs the same plan thousands of times with the same shapes. Once a step has
# been checked by _run_backward, _run_backward_unchecked runs the plan compiled into
# flat tuples, with the gradient functions looked up once: the per-step bookkeeping
# is what bounds the speed for small data.

_CALL_NEEDED, _CALL_UNARY, _CALL_PLAIN = 1, 2, 3


def _compile(plan) -> tuple:
    compiled = []
    for step in plan:
        contributions = step.contributions
        first = contributions[0] if contributions else (None, 0)
        function, mode = None, 0
        if step.backprop:
            gradient = get_gradient(step.node)
            function = gradient.function
            if len(step.needed) == 1:
                mode = _CALL_UNARY
                if gradient.takes_needed:
                    function = _unary_with_needed(function, step.needed)
            else:
                mode = _CALL_NEEDED if gradient.takes_needed else _CALL_PLAIN
        compiled.append((step.node, first, contributions[1:], function, step.needed, mode))
    return (registry_version[0], tuple(compiled))


def _unary_with_needed(function, needed):
    return lambda op, grad: function(op, grad, needed)


def _run_backward_unchecked(compiled) -> dict:
    """``_run_backward`` of a ``_compile``d plan, already checked: no shape checks,
    no trace. The caller recompiles when ``registry_version`` changes."""
    grad_table = {}
    input_grads = {}
    for node, (consumer, slot), more, function, needed, mode in compiled[1]:
        if consumer is None:  # the loss
            shape = node.output.shape
            total = _ONE if shape == () else np.ones(shape)
        else:
            total = input_grads[consumer][slot]
            for consumer, slot in more:
                total = total + input_grads[consumer][slot]
        grad_table[node] = total
        if mode == _CALL_NEEDED:
            input_grads[node] = function(node, total, needed)
        elif mode == _CALL_UNARY:
            input_grads[node] = (function(node, total),)
        elif mode == _CALL_PLAIN:
            input_grads[node] = function(node, total)
    return grad_table


def compute_gradients(loss: Node, wrt=None) -> dict:
    """The gradient of ``loss`` with respect to every node it depends on.

    Uses the values of the latest ``Session.run`` of the loss, as in the tutorial.

    Args:
        loss: the node to differentiate (usually a scalar).
        wrt: optional nodes; if given, only the nodes on a path from one of them to
            the loss get a gradient (faster: this is what training uses).

    Returns:
        grad_table: node -> gradient of the loss with respect to the node's output,
        of the node's output's shape.
    """
    return _run_backward(loss, _backward_plan(loss, wrt))


# **** the trace the visualiser plays ****


@dataclass(frozen=True)
class EdgeFlow:
    """The gradient flowing along the edge consumer -> node (against the data)."""

    consumer: Node
    node: Node
    slot: int  # which input of the consumer the node is
    grad: np.ndarray  # a copy
    rule: str  # the local rule in symbols, e.g. "G · Wᵀ"


@dataclass(frozen=True)
class BackpropStep:
    """One dequeue of the breadth-first pass."""

    index: int
    node: Node
    flows: tuple  # EdgeFlow per (consumer, slot), in consumer order
    total: np.ndarray  # the node's summed gradient (a copy)
    enqueued: tuple  # nodes let into the queue by this step
    queue: tuple  # the queue's contents after the step, front first


@dataclass(frozen=True)
class BackpropTrace:
    """Every step of one backward pass, in order, and the gradient table it produced."""

    loss: Node
    steps: tuple
    grad_table: dict  # node -> gradient (copies)

    @property
    def order(self):
        """The nodes in the order they were dequeued."""
        return [step.node for step in self.steps]


def rule_text(consumer: Operation, slot: int) -> str:
    """The local-derivative rule of ``consumer`` for input ``slot``, with input names."""
    rules = getattr(consumer, "grad_rules", ())
    if slot < len(rules):
        names = [n.name for n in consumer.input_nodes]
        try:
            return rules[slot].format(*names)
        except (IndexError, KeyError):
            return rules[slot]
    return f"registered gradient of {consumer.op_type}"


def _record(step: _PlanStep, total, input_grads, index) -> BackpropStep:
    flows = tuple(
        EdgeFlow(
            consumer,
            step.node,
            slot,
            np.array(input_grads[consumer][slot], copy=True),
            rule_text(consumer, slot),
        )
        for consumer, slot in step.contributions
    )
    return BackpropStep(
        index, step.node, flows, np.array(total, copy=True), step.enqueued, step.queue
    )


def trace_backprop(loss: Node, wrt=None) -> BackpropTrace:
    """``compute_gradients``, recording every step for the visualiser.

    The trace is what this call computed (the gradients are copied as they are
    produced), not a replay; ``trace.grad_table`` equals what compute_gradients
    returns for the same values.
    """
    steps = []
    grad_table = _run_backward(loss, _backward_plan(loss, wrt), steps)
    table = {node: np.array(g, copy=True) for node, g in grad_table.items()}
    return BackpropTrace(loss, tuple(steps), table)
