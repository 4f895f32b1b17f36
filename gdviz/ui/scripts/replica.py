"""A script's graph, rebuilt from its description so that the graph view can draw it (Qt-free).

The script ran in a child process; the app holds only a ``GraphData`` (names, kinds,
op types, inputs, values and the recorded backward pass). The graph view and the
backprop player draw engine nodes and play engine traces, so the simplest faithful
way to show the script's graph is a *replica*: a fresh Graph whose nodes carry the
recorded names, kinds and op types, wired as the script wired them, and traces
rebuilt from the recorded values and gradients. Nothing is computed again: a
replica op's ``compute`` gives back the recorded value, and the backward pass is the
one the script's own gradients produced (a wrong gradient shows as it was).

An op class of the replica is named after the recorded op type (``matmul``, or the
script's own ``cube``), so the view writes the same words; it is made once per name
and registers no gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdviz.engine import (
    BackpropStep,
    BackpropTrace,
    Constant,
    EdgeFlow,
    ForwardStep,
    ForwardTrace,
    Graph,
    Operation,
    Variable,
    placeholder,
)
from gdviz.engine import ops as engine_ops
from gdviz.i18n import translate

SKIPPED_KINDS = ("optimizer",)  # a minimisation op is not drawn: nothing consumes it
_replica_classes: dict = {}


class ReplicaOp(Operation):
    """An op of a replica: it gives back the value the script's run recorded."""

    recorded = None
    user_op = False

    def compute(self, *input_values):
        if self.recorded is None:
            raise ValueError(translate("ScriptReplica", "{name} was not computed when the script ran")
                             .format(name=self.name))
        return self.recorded


def replica_class(op_type: str) -> type:
    """The ReplicaOp subclass called ``op_type`` (its rules in symbols, if the engine has it)."""
    cls = _replica_classes.get(op_type)
    if cls is None:
        engine_class = getattr(engine_ops, op_type, None)
        rules = getattr(engine_class, "grad_rules", ()) if isinstance(engine_class, type) else ()
        cls = _replica_classes[op_type] = type(op_type, (ReplicaOp,), {"grad_rules": rules})
    return cls


@dataclass(frozen=True)
class Replica:
    """A script's graph, rebuilt: ``nodes[i]`` is the replica of ``data.nodes[i]`` (None
    for a node that is not drawn), ``loss`` the node the traces start from."""

    data: object  # the GraphData
    graph: Graph
    nodes: tuple
    loss: object
    forward: ForwardTrace | None
    backward: BackpropTrace | None

    def node(self, name: str):
        """The replica node called ``name`` (None if there is none)."""
        for node in self.nodes:
            if node is not None and node.name == name:
                return node
        return None


def build_replica(data) -> Replica:
    """Rebuild ``data`` (a gdviz.scripts.description.GraphData) as engine nodes and traces."""
    with Graph() as graph:
        nodes = []
        for node_data in data.nodes:
            nodes.append(_replica_node(node_data, nodes))
    loss = None if data.loss_id is None else nodes[data.loss_id]
    forward = _forward_trace(data, nodes, loss) if data.forward_order else None
    backward = _backward_trace(data, nodes, loss) if data.backward else None
    return Replica(data, graph, tuple(nodes), loss, forward, backward)


def _replica_node(node_data, made):
    value = node_data.value
    if node_data.kind in SKIPPED_KINDS:
        return None
    if node_data.kind == "placeholder":
        return placeholder(name=node_data.name)
    if node_data.kind == "Variable":
        return Variable(value, name=node_data.name)
    if node_data.kind == "constant":
        return Constant(0.0 if value is None else value, name=node_data.name)
    inputs = [made[i] for i in node_data.input_ids]
    op = replica_class(node_data.op_type)(inputs, name=node_data.name)
    op.recorded = value
    op.user_op = node_data.user_op
    return op


def _forward_trace(data, nodes, loss) -> ForwardTrace:
    steps = []
    for index, node_id in enumerate(data.forward_order):
        node_data = data.nodes[node_id]
        inputs = tuple(np.array(data.nodes[i].value, copy=True) for i in node_data.input_ids)
        steps.append(ForwardStep(index, nodes[node_id], np.array(node_data.value, copy=True), inputs))
    return ForwardTrace(loss, tuple(steps))


def _backward_trace(data, nodes, loss) -> BackpropTrace:
    steps = tuple(
        BackpropStep(
            step.index,
            nodes[step.node_id],
            tuple(EdgeFlow(nodes[f.consumer_id], nodes[f.node_id], f.slot, f.grad, f.rule)
                  for f in step.flows),
            step.total,
            tuple(nodes[i] for i in step.enqueued_ids),
            tuple(nodes[i] for i in step.queue_ids),
        )
        for step in data.backward
    )
    return BackpropTrace(loss, steps, {step.node: step.total for step in steps})
