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
(and per set of nodes the gradients are wanted for) and kept: the plan. The values
come from a RunRecord: by default the calling thread's latest run of the graph.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import NamedTuple
from weakref import WeakKeyDictionary

import numpy as np

from .errors import EngineError, ShapeError
from .graph import Node, Operation, RunRecord, traverse_postorder
from .registry import get_gradient

__all__ = [
    "compute_gradients",
    "trace_backprop",
    "EdgeFlow",
    "BackpropStep",
    "BackpropTrace",
]


# **** the plan: the breadth-first order, worked out once ****


class PlanStep(NamedTuple):
    """One dequeue of the breadth-first pass, worked out from the graph alone."""

    node: Node
    contributions: tuple  # ((consumer, slot), ...): the edges whose gradients sum here
    enqueued: tuple  # nodes this step let into the queue
    queue: tuple  # the queue after this step
    needed: tuple  # for an op: which of its inputs want a gradient


_plans: WeakKeyDictionary = WeakKeyDictionary()  # loss -> {wrt: plan}


def backward_plan(loss: Node, wrt=None) -> tuple:
    """The breadth-first steps from ``loss``, only through nodes that lead to ``wrt``.

    With ``wrt=None`` every ancestor of the loss gets a gradient (what the visualiser
    shows); with a set of Variables only the nodes on a path from one of them to the
    loss do (what training needs).
    """
    key = None if wrt is None else frozenset(wrt)
    cache = _plans.get(loss)
    if cache is None:
        cache = _plans[loss] = {}
    plan = cache.get(key)
    if plan is None:
        plan = cache[key] = _make_plan(loss, key)
    return plan


def _make_plan(loss: Node, key) -> tuple:
    """Kahn's algorithm on the reversed graph, breadth-first from the loss: a node is
    dequeued only once all of its consumers that lead to the loss have been, so its
    gradient is complete when it is read."""
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
        steps.append(PlanStep(node, contributions, tuple(enqueued), tuple(queue), needed))
    return tuple(steps)


# **** running it ****


def compute_gradients(loss: Node, wrt=None, record: RunRecord | None = None) -> dict:
    """The gradient of ``loss`` with respect to every node it depends on.

    Uses the values of the latest ``Session.run`` of the loss, as in the tutorial.

    Args:
        loss: the node to differentiate (usually a scalar).
        wrt: optional nodes; if given, only the nodes on a path from one of them to
            the loss get a gradient (faster: this is what training uses).
        record: the run whose values to use; by default this thread's latest run.

    Returns:
        grad_table: node -> gradient of the loss with respect to the node's output,
        of the node's output's shape.
    """
    return _run_backward(loss, backward_plan(loss, wrt), record)


def _run_backward(loss: Node, plan, record=None, trace=None) -> dict:
    record = record or loss.graph.latest_run
    if record is None or record.values.get(loss) is None:
        raise EngineError(f"'{loss.name}' has not been run: run it with Session.run first, "
                          f"since the gradients use the values of the latest run")
    if loss.graph.latest_run is not record:
        loss.graph.latest_run = record  # the gradient functions read op.inputs from it
    grad_table = {}
    input_grads = {}  # op -> the gradients it sent to each of its inputs
    for step in plan:
        node, contributions, _, _, needed = step
        if len(contributions) == 1:  # one consumer: its gradient along the edge is the node's
            consumer, slot = contributions[0]
            total = input_grads[consumer][slot]
        elif contributions:  # several: the sum of what flows back along each edge
            flows = [input_grads[consumer][slot] for consumer, slot in contributions]
            total = sum(flows[1:], flows[0])
        else:  # the loss: the gradient of the loss with respect to itself is 1
            total = np.ones(record.values[node].shape)
        grad_table[node] = total
        if any(needed):  # an op with an input on the way to what is wanted
            grads = get_gradient(node)(node, total)
            if len(needed) == 1:
                grads = [grads]  # the tutorial's one-input gradients return the gradient itself
            _check_input_gradients(node, grads, record, needed)
            input_grads[node] = grads
        if trace is not None:
            trace.append(_record(step, total, input_grads, len(trace)))
    return grad_table


def _check_input_gradients(op: Operation, grads, record, needed) -> None:
    """The backward pass's invariant: one gradient per input, each of its input's shape."""
    if len(grads) != len(needed):
        raise EngineError(
            f"the gradient of '{op.name}' ({op.op_type}) returned {len(grads)} "
            f"gradients for {len(needed)} inputs"
        )
    values = record.values
    for slot, (wanted, input_node) in enumerate(zip(needed, op.input_nodes)):
        # getattr: a user's gradient may be a Python number, whose shape is ().
        if wanted and getattr(grads[slot], "shape", ()) != values[input_node].shape:
            raise ShapeError(
                f"the gradient of '{op.name}' ({op.op_type}) with respect to input "
                f"{slot} ('{input_node.name}') has shape {np.shape(grads[slot])}, but that "
                f"input has shape {values[input_node].shape}: reduce it to the input's "
                f"shape (gdviz.engine.unbroadcast)"
            )


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


def _record(step: PlanStep, total, input_grads, index) -> BackpropStep:
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


def trace_backprop(loss: Node, wrt=None, record: RunRecord | None = None) -> BackpropTrace:
    """``compute_gradients``, recording every step for the visualiser.

    The trace is what this call computed (the gradients are copied as they are
    produced), not a replay; ``trace.grad_table`` equals what compute_gradients
    returns for the same values.
    """
    steps = []
    grad_table = _run_backward(loss, backward_plan(loss, wrt), record, steps)
    table = {node: np.array(g, copy=True) for node, g in grad_table.items()}
    return BackpropTrace(loss, tuple(steps), table)
