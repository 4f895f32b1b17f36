"""A graph a learner's script built, as plain data that can cross a process boundary (Qt-free).

The child process that ran the script (``gdviz.scripts.child``) still holds the live
graph; the app must not. So the child describes it: every node (an id, its name, kind,
op type, the ids of its inputs, its value's shape and the value itself), the forward
order, the backward pass as ``trace_backprop`` played it (each step with the gradients
that flowed), and whether an optimizer minimises it. Node ids are positions in
``GraphData.nodes``; every array is a copy. Nothing here refers to an engine object.

Which node is "the loss" is a guess, made in this order: the loss a minimisation op
minimises (the last such op), else the last operation whose value is a single number,
else the last operation. Its value comes from running it again, after the script ended,
with the last ``feed_dict`` the script ran that graph with: the values are those of the
script's final weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import (
    FeedError,
    MinimizationOperation,
    Operation,
    Session,
    trace_backprop,
    trace_forward,
)
from gdviz.i18n import QT_TRANSLATE_NOOP

ENGINE_MODULE_PREFIX = "gdviz."  # op classes defined here are the engine's, others the user's
# Why a node was taken as the loss (GraphData.loss_reason, in English; the window
# translates it: gdviz.scripts.messages.loss_reason_text).
MINIMISED_BY = QT_TRANSLATE_NOOP("LossReason", "minimised by {optimizer}")
LAST_SCALAR = QT_TRANSLATE_NOOP("LossReason", "the last operation whose value is one number")
LAST_OPERATION = QT_TRANSLATE_NOOP("LossReason", "the last operation (none gives one number)")
NO_OPERATION = QT_TRANSLATE_NOOP("LossReason", "the graph has no operation")


# **** the data ****


@dataclass(frozen=True)
class NodeData:
    """One node. ``value`` is its output in the description's run (None if it was not run)."""

    id: int
    name: str
    kind: str  # "placeholder", "Variable", "constant", "operation" or "optimizer"
    op_type: str  # the class name, e.g. "matmul"
    input_ids: tuple
    shape: tuple | None
    value: np.ndarray | None
    user_op: bool = False  # an Operation class the script defined itself


@dataclass(frozen=True)
class FlowData:
    """The gradient flowing back along the edge consumer -> node."""

    consumer_id: int
    node_id: int
    slot: int
    grad: np.ndarray
    rule: str


@dataclass(frozen=True)
class BackwardStepData:
    """One dequeue of the breadth-first backward pass (see gdviz.engine.BackpropStep)."""

    index: int
    node_id: int
    flows: tuple  # FlowData
    total: np.ndarray  # the node's summed gradient
    enqueued_ids: tuple
    queue_ids: tuple


@dataclass(frozen=True)
class GraphData:
    """One graph of the script, self-contained.

    ``loss_id`` is None when the graph has no operation; ``problem`` says why the
    forward or backward pass could not be traced (then ``backward`` is empty), else None.
    """

    number: int  # the order the script made its graphs in, from 0
    nodes: tuple  # NodeData, ids are positions
    forward_order: tuple  # node ids, in the order Session.run evaluates the loss
    backward: tuple  # BackwardStepData
    loss_id: int | None
    loss_value: np.ndarray | None
    loss_reason: str  # why this node was taken as the loss
    minimized: bool
    optimizer: str | None  # e.g. "GradientDescentOptimizer"
    learning_rate: float | None
    problem: str | None = None

    def node(self, name: str) -> NodeData:
        """The node called ``name``; KeyError if there is none."""
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(f"no node named {name!r} in this graph")

    @property
    def loss(self) -> NodeData | None:
        return None if self.loss_id is None else self.nodes[self.loss_id]

    @property
    def gradients(self) -> dict:
        """node name -> the loss's gradient with respect to it, from the backward trace."""
        return {self.nodes[step.node_id].name: step.total for step in self.backward}


# **** choosing the loss and running it again ****


@dataclass
class LossChoice:
    """The loss of a live graph, the feed_dict that evaluates it, and why it was chosen."""

    node: Operation | None
    feed: dict
    reason: str
    minimization: MinimizationOperation | None = None


def evaluate(node, feeds):
    """Run ``node`` with the newest feed that has every placeholder it needs.

    Returns:
        (value, feed); (None, {}) if no feed fits.

    Raises:
        EngineError (other than a missing feed): the node cannot be computed.
    """
    for feed in [*reversed(feeds), {}]:
        try:
            with np.errstate(all="ignore"):  # a script's log(0) is its own business
                return Session(compiled=False).run(node, feed), feed
        except FeedError:
            continue
    return None, {}


def choose_loss(graph, feeds) -> LossChoice:
    """The graph's loss: the last minimised loss, else the last scalar op, else the last op.

    Args:
        graph: a live gdviz.engine Graph.
        feeds: the feed_dicts the script ran this graph with, oldest first.
    """
    minimizations = [op for op in graph.operations if isinstance(op, MinimizationOperation)]
    if minimizations:
        last = minimizations[-1]
        _, feed = _try_evaluate(last.loss, feeds)
        reason = MINIMISED_BY.format(optimizer=type(last.optimizer).__name__)
        return LossChoice(last.loss, feed, reason, last)
    ops = [op for op in graph.operations if not isinstance(op, MinimizationOperation)]
    for op in reversed(ops):
        value, feed = _try_evaluate(op, feeds)
        if value is not None and np.size(value) == 1:
            return LossChoice(op, feed, LAST_SCALAR)
    if ops:
        _, feed = _try_evaluate(ops[-1], feeds)
        return LossChoice(ops[-1], feed, LAST_OPERATION)
    return LossChoice(None, {}, NO_OPERATION)


def _try_evaluate(node, feeds):
    try:
        return evaluate(node, feeds)
    except Exception:  # the script's op may fail in any way; describe() says how
        return None, {}


# **** describing ****


def describe(graph, number: int, feeds, choice: LossChoice | None = None) -> GraphData:
    """A self-contained description of ``graph``, traced from its loss.

    Args:
        graph: a live Graph.
        number: the order the script made it in.
        feeds: the feed_dicts the script ran it with, oldest first.
        choice: the loss, if already chosen (``choose_loss``).
    """
    choice = choice or choose_loss(graph, feeds)
    nodes = list(graph.nodes)
    ids = {node: i for i, node in enumerate(nodes)}
    values, forward, backward, problem = {}, (), (), None
    loss_value = None
    if choice.node is not None:
        try:
            with np.errstate(all="ignore"):
                trace = trace_forward(choice.node, choice.feed)
            values = {step.node: step.value for step in trace.steps}
            forward = tuple(ids[step.node] for step in trace.steps)
            loss_value = np.array(values[choice.node], copy=True)
            with np.errstate(all="ignore"):
                backward = _backward_data(trace_backprop(choice.node), ids)
        except Exception as error:  # a script's op without a gradient, a bad shape...
            problem = f"{type(error).__name__}: {error}"
    optimizer = choice.minimization.optimizer if choice.minimization else None
    return GraphData(
        number=number,
        nodes=tuple(_node_data(node, i, ids, values, choice.feed) for i, node in enumerate(nodes)),
        forward_order=forward,
        backward=backward,
        loss_id=ids.get(choice.node),
        loss_value=loss_value,
        loss_reason=choice.reason,
        minimized=choice.minimization is not None,
        optimizer=None if optimizer is None else type(optimizer).__name__,
        learning_rate=None if optimizer is None else float(optimizer.learning_rate),
        problem=problem,
    )


def _node_data(node, i, ids, values, feed) -> NodeData:
    value = values.get(node)
    if value is None:  # not on the loss's path: a leaf still has a value of its own
        value = feed.get(node) if node.kind == "placeholder" else getattr(node, "value", None)
    value = None if value is None else np.array(value, copy=True)
    return NodeData(
        id=i,
        name=node.name,
        kind=node.kind,
        op_type=node.op_type,
        input_ids=tuple(ids[n] for n in node.input_nodes),
        shape=None if value is None else value.shape,
        value=value,
        user_op=isinstance(node, Operation) and is_user_op(type(node)),
    )


def is_user_op(op_class) -> bool:
    """True for an Operation class that gdviz does not define (the script's own)."""
    return not op_class.__module__.startswith(ENGINE_MODULE_PREFIX)


def _backward_data(trace, ids) -> tuple:
    return tuple(
        BackwardStepData(
            index=step.index,
            node_id=ids[step.node],
            flows=tuple(FlowData(ids[f.consumer], ids[f.node], f.slot, f.grad, f.rule)
                        for f in step.flows),
            total=step.total,
            enqueued_ids=tuple(ids[n] for n in step.enqueued),
            queue_ids=tuple(ids[n] for n in step.queue),
        )
        for step in trace.steps
    )

