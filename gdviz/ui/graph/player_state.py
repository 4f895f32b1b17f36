"""What the backprop player shows after ``position`` steps: a pure function of the
trace and the position (no Qt). Stepping back recomputes from the data, so it is exact.

Each function returns ``PlayerState``: the node and edge states, the text under each
node, the numbers on the edges, the edges a pulse runs along, the queue strip, the
explanation (HTML) and the phase, which picks the legend and the queue's title.

The backward walk-through may go on past the backward pass: one step per Variable for
the optimizer's update (``UpdateStep``s, ``lesson.update_steps``), after the last
backward step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdviz.i18n import QT_TRANSLATE_NOOP, translate
from gdviz.lesson.trace_text import (
    badge_value,
    edge_value,
    explain_backprop_step,
    explain_forward_step,
    full_value,
    rule_text,
)
from gdviz.lesson.update_steps import explain_update, title

# Shown translated: ``legend(phase)`` and ``queue_title(phase)``.
_HOW = QT_TRANSLATE_NOOP("PlayerState", "wheel zooms · drag pans · double-click fits")
LEGENDS = {
    "backward": QT_TRANSLATE_NOOP("PlayerState",
                                  "<span style='color:#e8590c'>■</span> current step &nbsp; "
                                  "<span style='color:#1c7ed6'>■</span> in the queue &nbsp; "
                                  "<span style='color:#2f9e44'>■</span> gradient done &nbsp; "
                                  "on edges: the gradient flowing back"),
    "update": QT_TRANSLATE_NOOP("PlayerState",
                                "<span style='color:#e8590c'>■</span> being updated &nbsp; "
                                "<span style='color:#1c7ed6'>■</span> still to update &nbsp; "
                                "<span style='color:#2f9e44'>■</span> gradient done (or updated) "
                                "&nbsp; under an updated Variable: its new value"),
    "forward": QT_TRANSLATE_NOOP("PlayerState",
                                 "<span style='color:#e8590c'>■</span> being evaluated &nbsp; "
                                 "<span style='color:#2f9e44'>■</span> value computed &nbsp; "
                                 "under each node: its value"),
}
QUEUE_TITLES = {"backward": QT_TRANSLATE_NOOP("PlayerState", "Queue (front first):"),
                "update": QT_TRANSLATE_NOOP("PlayerState", "Still to update:"),
                "forward": QT_TRANSLATE_NOOP("PlayerState", "Still to evaluate:")}


def legend(phase: str) -> str:
    """The legend under the explanation (HTML), in the chosen language."""
    return (translate("PlayerState", LEGENDS[phase]) + " &nbsp;·&nbsp; "
            + translate("PlayerState", _HOW))


def queue_title(phase: str) -> str:
    """The queue strip's title, in the chosen language."""
    return translate("PlayerState", QUEUE_TITLES[phase])


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
    phase: str = "backward"  # "backward", "update" or "forward"


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
            translate("PlayerState", "{gradient} flowing back from {consumer} (input {slot}): "
                                     "{rule}").format(gradient=f"∂{loss_name}/∂{f.node.name}",
                                                      consumer=f.consumer.name, slot=f.slot,
                                                      rule=rule_text(f))
            + f"\n{full_value(f.grad)}" for f in flows)
        labels.append((key, text, tooltip))
    return labels


def backward_state(trace, position: int, all_flow_labels, grads, values, updates=()) -> PlayerState:
    """The backward pass after ``position`` steps, then the optimizer's update steps.

    Args:
        trace: the ``BackpropTrace`` (None: nothing loaded).
        position: steps applied; beyond the trace's steps, update steps applied.
        all_flow_labels: ``flow_labels`` of each step of the trace.
        grads, values: node -> gradient and node -> value in the run (the explanation's).
        updates: the ``UpdateStep``s that follow the backward pass (may be empty).
    """
    if trace is None:
        return PlayerState(text=translate("PlayerState", "Load a graph to play its backward pass."))
    count = len(trace.steps)
    if position > count and updates:
        return update_state(trace, updates, position - count, all_flow_labels)
    loss = trace.loss
    steps = trace.steps[:position]
    state = PlayerState()
    _mark_backward(state, loss, steps, all_flow_labels, show_current=True)
    if steps:
        state.queue = list(steps[-1].queue)
        state.active = [key for key, _, _ in all_flow_labels[steps[-1].index]]
        state.text = explain_backprop_step(steps[-1], count, loss, grads, values)
        if position == count:
            state.text += "<br>" + _done_text(count, loss.name, updates)
    else:
        state.queue = [loss]
        state.text = translate(
            "PlayerState", "The backward pass starts at the loss <b>{loss}</b> and does a "
            "breadth-first search towards the inputs. Each node's gradient is the sum, over its "
            "consumers, of the consumer's gradient G times the consumer's local derivative. A "
            "node enters the queue once all its consumers are done. Press <b>Next ▶</b> (or .) "
            "to begin.").format(loss=loss.name)
    for node in state.queue:
        state.node_states[node] = "queued"
    return state


def _mark_backward(state, loss, steps, all_flow_labels, show_current) -> None:
    """The nodes and edges the backward ``steps`` have reached, with their gradients."""
    for i, step in enumerate(steps):
        current = show_current and i == len(steps) - 1
        state.node_states[step.node] = "current" if current else "done"
        state.badges[step.node] = f"∂{loss.name}/∂{step.node.name}: {badge_value(step.total)}"
        for key, text, tooltip in all_flow_labels[step.index]:
            state.edge_states[key] = "active" if current else "flowed"
            state.labels[key] = (text, tooltip)


def _done_text(count: int, loss_name: str, updates) -> str:
    """The end of the backward pass: what comes next (the optimizer's updates, if any)."""
    if not updates:
        text = translate("PlayerState", "<b>Done:</b> all {count} nodes have their gradient "
                                        "∂{loss}/∂node; the Variables' gradients are what gradient "
                                        "descent subtracts (times the learning rate).")
    elif len(updates) == 1:
        text = translate("PlayerState", "<b>Done:</b> all {count} nodes have their gradient "
                                        "∂{loss}/∂node; next, {optimizer} moves each Variable with "
                                        "its gradient: 1 update step ({names}).")
    else:
        text = translate("PlayerState", "<b>Done:</b> all {count} nodes have their gradient "
                                        "∂{loss}/∂node; next, {optimizer} moves each Variable with "
                                        "its gradient: {steps} update steps ({names}).")
    names = ", ".join(f"<b>{u.name}</b>" for u in updates)
    return text.format(count=count, loss=loss_name, names=names, steps=len(updates),
                       optimizer=title(updates[0].kind) if updates else "")


def update_state(trace, updates, applied: int, all_flow_labels) -> PlayerState:
    """The backward pass done, then ``applied`` of the optimizer's update steps.

    The Variable being updated is the current node; those updated show their new value,
    those still to update are on the strip.
    """
    state = PlayerState(phase="update")
    _mark_backward(state, trace.loss, trace.steps, all_flow_labels, show_current=False)
    applied = min(applied, len(updates))
    for i, update in enumerate(updates[:applied]):
        state.node_states[update.node] = "current" if i == applied - 1 else "done"
        state.badges[update.node] = translate("PlayerState", "new value: {value}").format(
            value=badge_value(update.after))
    state.queue = [u.node for u in updates[applied:]]
    for node in state.queue:
        state.node_states[node] = "queued"
    position = len(trace.steps) + applied
    state.text = explain_update(updates[applied - 1], len(updates), position,
                                len(trace.steps) + len(updates))
    return state


def forward_state(trace, position: int, values) -> PlayerState:
    """The forward pass after ``position`` steps (``trace``: a ``ForwardTrace`` or None)."""
    if trace is None:
        return PlayerState(text=translate("PlayerState", "Load a graph to play its forward pass."),
                           phase="forward")
    steps = trace.steps[:position]
    state = PlayerState(phase="forward")
    for i, step in enumerate(steps):
        current = i == len(steps) - 1
        state.node_states[step.node] = "current" if current else "done"
        state.badges[step.node] = translate("PlayerState", "value: {value}").format(
            value=badge_value(step.value))
        for input_node in dict.fromkeys(step.node.input_nodes):
            state.edge_states[(input_node, step.node)] = "active" if current else "flowed"
    state.queue = [s.node for s in trace.steps[position:]]
    if steps:
        last = steps[-1]
        state.active = [(n, last.node) for n in dict.fromkeys(last.node.input_nodes)]
        state.text = explain_forward_step(last, len(trace.steps), values)
    else:
        state.text = translate(
            "PlayerState", "The forward pass evaluates every node that <b>{node}</b> depends on, "
            "in post-order: inputs before the nodes that consume them (Session.run). Press "
            "<b>Next ▶</b> (or .) to begin.").format(node=trace.fetch.name)
    return state
