"""The backprop player: the trace's order, its numbers on the edges, exact stepping back,
keys, play, and the forward pass."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdviz.engine import Graph, Variable, add, compute_gradients, matmul, placeholder
from gdviz.engine import reduce_sum, sigmoid
from gdviz.lesson.trace_text import edge_value, short_value
from gdviz.lesson.tutorial import build_tutorial_graph, tutorial_points
from gdviz.ui.graph.backprop_player import BASE_INTERVAL_MS
from gdviz.ui.graph.graph_panel import GraphPanel


@pytest.fixture
def panel(qtbot):
    t = build_tutorial_graph()
    X, c = tutorial_points()
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1300, 800)
    panel.load(t.J, {t.X: X, t.c: c})
    panel.tutorial = t
    return panel


def current_node(panel):
    states = {n: panel.view.node_item(n).state for n in panel.view.nodes()}
    current = [n for n, s in states.items() if s == "current"]
    assert len(current) <= 1
    return current[0] if current else None


def expected_labels(trace, k):
    """Edge -> label text after k steps, from the trace itself."""
    labels = {}
    for step in trace.steps[:k]:
        for flow in step.flows:
            key = (flow.node, flow.consumer)
            text = edge_value(flow.grad)
            labels[key] = labels[key] + "\n+ " + text if key in labels else text
    return labels


def test_steps_follow_the_traces_breadth_first_order(panel):
    trace = panel.backward
    player = panel.player
    assert player.step_count == len(trace.steps) == 12
    assert current_node(panel) is None
    assert player.queue_names() == ["J"]
    for step in trace.steps:
        player.step_forward()
        assert current_node(panel) is step.node
        assert player.queue_names() == [n.name for n in step.queue]
        assert f"Step {step.index + 1} of 12" in player.explanation.text()
    assert [n.name for n in trace.order][:4] == ["J", "reduce_sum_1", "reduce_sum", "multiply"]


def test_edge_labels_after_each_step_are_the_traces_values(panel):
    trace = panel.backward
    view = panel.view
    for k in range(len(trace.steps) + 1):
        panel.player.seek(k)
        expected = expected_labels(trace, k)
        shown = {e: view.edge_label(*e) for e in view.edges() if view.edge_label(*e)}
        # Every number written on an edge is the trace's; earlier steps' labels may be
        # left out where there is no free spot, but never the current step's.
        assert shown.items() <= expected.items(), f"after step {k}"
        if k:
            for flow in trace.steps[k - 1].flows:
                key = (flow.node, flow.consumer)
                assert shown[key] == expected[key], f"after step {k}"
        # Hovering any edge that carried a gradient shows it in full.
        for key in expected:
            assert view.edge_item(*key).toolTip().startswith(f"∂J/∂{key[0].name}")
    # The tutorial's b gets [Σ G over rows] from add: the label is that vector.
    t = panel.tutorial
    add_node = t.b.consumers[0]
    panel.player.seek(next(s.index for s in trace.steps if s.node is t.b) + 1)
    assert view.edge_label(t.b, add_node) == edge_value(trace.grad_table[t.b])


def test_stepping_back_restores_the_previous_state_exactly(panel):
    player = panel.player
    for k in range(player.step_count):
        before = player.state_snapshot()
        player.step_forward()
        after = player.state_snapshot()
        assert after != before
        player.step_back()
        assert player.state_snapshot() == before, f"step back from {k + 1}"
        player.step_forward()


def test_the_end_shows_compute_gradients_table(panel):
    panel.player.to_end()
    t = panel.tutorial
    table = compute_gradients(t.J)
    for node in panel.view.nodes():
        np.testing.assert_allclose(panel.player.gradient_at(node), table[node])
        assert panel.view.node_item(node).state == "done" or node is panel.backward.order[-1]


def test_keys_step_play_and_jump(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    # Asked again until granted: another test's window may still be going away.
    qtbot.waitUntil(lambda: panel.activateWindow() or panel.isActiveWindow(), timeout=3000)
    player = panel.player
    # The walk-through's own keys, window-wide: . and , step, Home and End jump, P plays.
    for widget in (panel.view.viewport(), panel.player.mode_box, panel):
        widget.setFocus()
        start = player.position
        qtbot.keyClick(widget, Qt.Key_Period)
        qtbot.keyClick(widget, Qt.Key_Period)
        assert player.position == start + 2
        qtbot.keyClick(widget, Qt.Key_Comma)
        assert player.position == start + 1
    qtbot.keyClick(panel, Qt.Key_End)
    assert player.position == player.step_count
    qtbot.keyClick(panel, Qt.Key_Home)
    assert player.position == 0
    qtbot.keyClick(panel, Qt.Key_P)
    assert player.is_playing()
    qtbot.keyClick(panel, Qt.Key_P)
    assert not player.is_playing()
    # The arrows and Space are not the walk-through's: they never move it.
    qtbot.keyClick(panel.view.viewport(), Qt.Key_Right)
    qtbot.keyClick(panel, Qt.Key_Space)
    assert player.position == 0 and not player.is_playing()


def test_play_runs_to_the_end_at_the_chosen_speed(panel, qtbot):
    player = panel.player
    player.set_speed(0.25)
    assert player.interval_ms() == BASE_INTERVAL_MS * 4
    player.set_speed(8)
    assert player.interval_ms() == BASE_INTERVAL_MS // 8
    assert player.speed_box.currentText() == "8×"
    qtbot.mouseClick(player.play_button, Qt.LeftButton)
    assert player.is_playing()
    qtbot.waitUntil(lambda: player.position == player.step_count, timeout=5000)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=1000)


def test_buttons_step_and_restart(panel, qtbot):
    player = panel.player
    qtbot.mouseClick(player.forward_button, Qt.LeftButton)
    qtbot.mouseClick(player.forward_button, Qt.LeftButton)
    qtbot.mouseClick(player.back_button, Qt.LeftButton)
    assert player.position == 1
    qtbot.mouseClick(player.end_button, Qt.LeftButton)
    assert player.position == player.step_count
    assert not player.end_button.isEnabled()
    qtbot.mouseClick(player.restart_button, Qt.LeftButton)
    assert player.position == 0
    assert all(panel.view.edge_label(*e) == "" for e in panel.view.edges())


def test_explanation_sums_several_consumers_term_by_term(qtbot):
    # y feeds both sigmoid and add: its gradient is the sum of two contributions.
    with Graph():
        x = placeholder(name="x")
        W = Variable([[0.5], [-1.0]], name="W")
        y = matmul(x, W, name="y")
        J = reduce_sum(add(sigmoid(y, name="s"), y, name="sum"), name="J")
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.load(J, {x: np.array([[1.0, 2.0]])})
    step = next(s for s in panel.backward.steps if s.node is y)
    panel.player.seek(step.index + 1)
    text = panel.player.explanation.text()
    assert len(step.flows) == 2
    terms = [short_value(f.grad) for f in step.flows]
    assert f"{terms[0]}</code> + <code>{terms[1]}" in text
    assert short_value(step.total) in text
    assert float(step.total.sum()) == pytest.approx(sum(float(f.grad.sum()) for f in step.flows))
    assert "G ⊙ σ(y) ⊙ (1 − σ(y))" in text
    # Both edges into y carry their own contribution.
    assert {panel.view.edge_label(y, f.consumer) for f in step.flows} == \
        {edge_value(f.grad) for f in step.flows}


def test_forward_pass_shows_each_value_as_it_is_computed(panel):
    player = panel.player
    player.set_mode("forward")
    assert panel.player.mode_box.currentIndex() == 1
    trace = panel.forward
    assert player.step_count == len(trace.steps)
    for step in trace.steps:
        player.step_forward()
        assert current_node(panel) is step.node
        badge = panel.view.node_item(step.node).badge_text()
        assert badge == f"value: {short_value(step.value)}" or "‖·‖" in badge
        np.testing.assert_array_equal(player.value_at(step.node), step.value)
        assert f"evaluate <b>{step.node.name}</b>" in player.explanation.text()
    t = panel.tutorial
    assert panel.view.node_item(t.J).badge_text() == f"value: {short_value(trace.steps[-1].value)}"
    # No gradient is shown in forward mode, and no edge carries one.
    assert player.gradient_at(t.W) is None
    assert all(panel.view.edge_label(*e) == "" for e in panel.view.edges())
    player.step_back()
    assert player.value_at(t.J) is None


def test_forward_explanation_names_the_inputs_values(panel):
    t = panel.tutorial
    player = panel.player
    player.set_mode("forward")
    step = next(s for s in panel.forward.steps if s.node is t.b.consumers[0])
    player.seek(step.index + 1)
    values = {s.node: s.value for s in panel.forward.steps}
    text = player.explanation.text()
    assert f"b = <code>{short_value(values[t.b])}</code>" in text
    assert "matmul = (100×2, norm" in text
