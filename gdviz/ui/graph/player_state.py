"""What the backprop player shows after ``position`` steps: a pure function of the
trace and the position (no Qt). Stepping back recomputes from the data, so it is exact.

Each function returns ``PlayerState``: the node and edge states, the text under each
node, the numbers on the edges, the edges a pulse runs along, the queue strip and the
explanation (HTML).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdviz.lesson.trace_text import (
    badge_value,
    edge_value,
    explain_backprop_step,
    explain_forward_step,
    full_value,
)


@dataclass
class PlayerState:
    """Everything one position of the player shows (see ``GraphView.apply_state``)."""

    node_states: dict = field(default_factory=dict)
    badges: dict = field(default_factory=dict)
    edge_states: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    active: list = field(default_factory=list)  # the edges the pulse runs along
    queue: list = field(default_factory=list)  # the nodes on the queue strip, front first
    text: str = ""


def flow_labels(step, loss_name: str) -> list:
    """(edge, label text, tooltip) for each edge a backward step sends a gradient along."""
    by_edge = {}
    for flow in step.flows:
        by_edge.setdefault((flow.node, flow.consumer), []).append(flow)
    labels = []
    for key, flows in by_edge.items():
        # Folded onto a few short lines: the label sits beside its edge.
        text = "\n+ ".join(edge_value(f.grad) for f in flows)
        tooltip = "\n\n".join(
            f"∂{loss_name}/∂{f.node.name} flowing back from {f.consumer.name} "
            f"(input {f.slot}): {f.rule}\n{full_value(f.grad)}" for f in flows)
        labels.append((key, text, tooltip))
    return labels


def backward_state(trace, position: int, all_flow_labels, grads, values) -> PlayerState:
    """The backward pass after ``position`` steps.

    Args:
        trace: the ``BackpropTrace`` (None: nothing loaded).
        position: steps applied.
        all_flow_labels: ``flow_labels`` of each step of the trace.
        grads, values: node -> gradient and node -> value in the run (the explanation's).
    """
    if trace is None:
        return PlayerState(text="Load a graph to play its backward pass.")
    loss = trace.loss
    steps = trace.steps[:position]
    state = PlayerState()
    for i, step in enumerate(steps):
        current = i == len(steps) - 1
        state.node_states[step.node] = "current" if current else "done"
        state.badges[step.node] = f"∂{loss.name}/∂{step.node.name}: {badge_value(step.total)}"
        for key, text, tooltip in all_flow_labels[step.index]:
            state.edge_states[key] = "active" if current else "flowed"
            state.labels[key] = (text, tooltip)
    if steps:
        state.queue = list(steps[-1].queue)
        state.active = [key for key, _, _ in all_flow_labels[steps[-1].index]]
        state.text = explain_backprop_step(steps[-1], len(trace.steps), loss, grads, values)
        if position == len(trace.steps):
            state.text += (f"<br><b>Done:</b> all {len(trace.steps)} nodes have their "
                           f"gradient ∂{loss.name}/∂node; the Variables' gradients are what "
                           f"gradient descent subtracts (times the learning rate).")
    else:
        state.queue = [loss]
        state.text = (f"The backward pass starts at the loss <b>{loss.name}</b> and does a "
                      f"breadth-first search towards the inputs. Each node's gradient is the "
                      f"sum, over its consumers, of the consumer's gradient G times the "
                      f"consumer's local derivative. A node enters the queue once all its "
                      f"consumers are done. Press <b>Next ▶</b> (or .) to begin.")
    for node in state.queue:
        state.node_states[node] = "queued"
    return state


def forward_state(trace, position: int, values) -> PlayerState:
    """The forward pass after ``position`` steps (``trace``: a ``ForwardTrace`` or None)."""
    if trace is None:
        return PlayerState(text="Load a graph to play its forward pass.")
    steps = trace.steps[:position]
    state = PlayerState()
    for i, step in enumerate(steps):
        current = i == len(steps) - 1
        state.node_states[step.node] = "current" if current else "done"
        state.badges[step.node] = f"value: {badge_value(step.value)}"
        for input_node in dict.fromkeys(step.node.input_nodes):
            state.edge_states[(input_node, step.node)] = "active" if current else "flowed"
    state.queue = [s.node for s in trace.steps[position:]]
    if steps:
        last = steps[-1]
        state.active = [(n, last.node) for n in dict.fromkeys(last.node.input_nodes)]
        state.text = explain_forward_step(last, len(trace.steps), values)
    else:
        state.text = (f"The forward pass evaluates every node that <b>{trace.fetch.name}</b> "
                      f"depends on, in post-order: inputs before the nodes that consume them "
                      f"(Session.run). Press <b>Next ▶</b> (or .) to begin.")
    return state
