"""The optimizer's update in the backprop player: after the backward pass, one step per
Variable shows what the optimizer does with its gradient, with the numbers of the next
training step; stepping is exact both ways, and a trace without updates plays as before."""

from dataclasses import replace

import numpy as np
import pytest

from gdviz.engine import Session
from gdviz.lesson.trace_text import short_value
from gdviz.lesson.update_steps import UpdateStep
from gdviz.training.models import Model, ModelConfig
from gdviz.ui.graph.graph_panel import GraphPanel
from gdviz.ui.graph.trace_loader import TraceLoader, compute_traces

WARM_UP_STEPS = 3  # real steps first: Adam's moments and t are not at their start


def points(n=30, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    return X, np.eye(2)[(X[:, 0] - X[:, 1] > 0).astype(int)]


def trained(config):
    model = Model(config, 2)
    model.session = Session(compiled=False)  # the core: the next step bit for bit
    feed = model.feed(*points())
    for _ in range(WARM_UP_STEPS):
        model.train_step(feed)
    return model, feed


@pytest.fixture
def adam(qtbot):
    """A panel showing a perceptron's backprop and Adam's update, and the model."""
    model, feed = trained(ModelConfig(kind="perceptron", optimizer="adam", learning_rate=0.05))
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.resize(1300, 800)
    panel.load(model.loss, feed, model.optimizer, model.variables)
    return panel, model, feed


def current_nodes(panel):
    return [n for n in panel.view.nodes() if panel.view.node_item(n).state == "current"]


def test_the_update_steps_follow_the_backward_pass(adam):
    panel, model, _ = adam
    player = panel.player
    backward = len(panel.backward.steps)
    assert player.step_count == backward + 2  # W, then b: the optimizer's var_list order
    player.seek(backward)
    assert not player.is_update_step() and player.update_step_at(backward) is None
    assert "next, Adam moves each Variable with its gradient: 2 update steps (<b>W</b>, <b>b</b>)" \
        in player.explanation.text()
    assert player.queue_names() == []
    for k, variable in enumerate(model.variables, start=1):
        player.step_forward()
        assert player.is_update_step()
        update = player.update_step_at(backward + k)
        assert isinstance(update, UpdateStep) and update is player.current_step()
        assert update.variable is variable
        assert current_nodes(panel) == [variable]  # the Variable lights up on the graph
        assert f"<b>Update {k} of 2</b> (step {backward + k} of {backward + 2})" \
            in player.explanation.text()
        assert player.step_label.text() == f"step {backward + k} / {backward + 2}"
        assert player.slider.value() == backward + k
        assert player.slider.maximum() == backward + 2
        assert panel.inspected_node() is variable
    assert not player.forward_button.isEnabled()


def test_the_numbers_shown_after_the_update_are_the_next_training_steps_weights(adam):
    panel, model, feed = adam
    player = panel.player
    player.to_end()
    shown = {u.name: u for u in player.updates}
    texts = {}
    for position in range(len(panel.backward.steps) + 1, player.step_count + 1):
        player.seek(position)
        texts[player.current_step().name] = player.explanation.text()
    t = model.optimizer.iterations + 1
    model.train_step(feed)  # the real step, taken by the training code
    lr_t = model.optimizer.corrected_rate()
    assert model.optimizer.iterations == t == WARM_UP_STEPS + 1
    for variable in model.variables:
        update, text = shown[variable.name], texts[variable.name]
        np.testing.assert_array_equal(update.after, variable.value)
        slots = model.optimizer.slots(variable)
        # What a learner reads: W after, m, v and lr_t, as the optimizer now holds them.
        assert f"{variable.name} after = {variable.name} − step = <code>{short_value(variable.value)}</code>" in text
        assert f"m = β₁·m + (1−β₁)·g = <code>{short_value(slots['m'])}</code>" in text
        assert f"v = β₂·v + (1−β₂)·g² = <code>{short_value(slots['v'])}</code>" in text
        assert f"lr_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ) = <code>{short_value(lr_t)}</code>" in text
        assert f"t = steps so far + 1 = <code>{t}</code>" in text
        assert short_value(update.before) in text


def test_loading_the_updates_changes_neither_the_optimizer_nor_the_weights(qtbot):
    model, feed = trained(ModelConfig(kind="mlp", hidden=(3,), optimizer="momentum"))
    weights = model.get_weights()
    accums = [model.optimizer.slots(v)["accum"].copy() for v in model.variables]
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.load(model.loss, feed, model.optimizer, model.variables)
    panel.player.to_end()
    assert model.optimizer.iterations == WARM_UP_STEPS
    for variable, w, a in zip(model.variables, weights, accums):
        np.testing.assert_array_equal(variable.value, w)
        np.testing.assert_array_equal(model.optimizer.slots(variable)["accum"], a)
    model.train_step(feed)
    for update, variable in zip(panel.updates, model.variables):
        np.testing.assert_array_equal(update.after, variable.value)
    # W1 is 2×3: summarised by shape, norm and range, never a misleading 0.
    panel.player.seek(len(panel.backward.steps) + 1)
    text = panel.player.explanation.text()
    assert "accum = μ·accum + g = (2×3, norm <code>" in text
    assert "Momentum moves the Variable <b>W1</b>" in text


def test_stepping_back_and_forth_through_the_updates_is_exact(adam):
    panel, _, _ = adam
    player = panel.player
    snapshots = []
    for position in range(player.step_count + 1):
        player.seek(position)
        snapshots.append(player.state_snapshot())
    assert len({repr(s) for s in snapshots}) == len(snapshots)  # every step shows something new
    for position in (player.step_count, 0, player.step_count - 1, 3, player.step_count - 2,
                     player.step_count):
        player.seek(position)
        assert player.state_snapshot() == snapshots[position], position
    player.to_end()
    for position in range(player.step_count, 0, -1):
        player.step_back()
        assert player.state_snapshot() == snapshots[position - 1], position - 1


def test_the_graph_shows_each_updated_variable_and_what_is_left(adam):
    panel, model, _ = adam
    W, b = model.variables
    player = panel.player
    player.seek(len(panel.backward.steps) + 1)
    view = panel.view
    assert player.queue_names() == ["b"]
    assert player.state_snapshot()["queue_title"] == "Still to update:"
    assert "being updated" in player.legend.text()
    assert view.node_item(b).state == "queued"
    assert view.node_item(W).badge_text() == f"new value: ‖·‖={short_value(np.linalg.norm(player.updates[0].after))}"
    assert view.node_item(b).badge_text().startswith("∂J/∂b")
    assert "after the optimizer's update" in panel.tooltip_for(W)
    assert "after the optimizer's update" not in panel.tooltip_for(b)
    # Every gradient is still shown: the backward pass is done.
    for node in panel.backward.grad_table:
        np.testing.assert_array_equal(player.gradient_at(node), panel.backward.grad_table[node])
    player.step_forward()
    assert view.node_item(W).state == "done" and view.node_item(b).state == "current"
    assert view.node_item(b).badge_text() == f"new value: {short_value(player.updates[1].after)}"
    assert player.queue_names() == [] and "Done:" in player.explanation.text()
    player.step_back()
    player.step_back()
    assert player.state_snapshot()["queue_title"] == "Queue (front first):"
    assert "gradient done" in player.legend.text()


def test_a_trace_without_updates_plays_as_before(qtbot):
    model, feed = trained(ModelConfig(kind="perceptron", optimizer="adam"))
    forward, backward = compute_traces(model.loss, feed)  # no optimizer: two traces
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.show_traces(model.loss, forward, backward)
    player = panel.player
    assert player.updates == () and player.step_count == len(backward.steps)
    player.to_end()
    assert not player.is_update_step() and player.update_step_at(player.step_count + 1) is None
    assert player.slider.maximum() == len(backward.steps)
    assert "what gradient descent subtracts (times the learning rate)" in player.explanation.text()
    assert player.updated_value_at(model.variables[0]) is None


def test_the_forward_pass_is_not_followed_by_updates(adam):
    panel, _, _ = adam
    player = panel.player
    player.set_mode("forward")
    assert player.step_count == len(panel.forward.steps)
    player.to_end()
    assert not player.is_update_step()
    assert player.state_snapshot()["queue_title"] == "Still to evaluate:"
    player.set_mode("backward")
    assert player.step_count == len(panel.backward.steps) + 2


def test_the_trace_loader_brings_the_updates_when_given_the_optimizer(qtbot):
    model, feed = trained(ModelConfig(kind="perceptron", optimizer="gd"))
    loader = TraceLoader()
    try:
        with qtbot.waitSignal(loader.loaded, timeout=10000) as blocker:
            loader.request(lambda: (model.loss, feed, model.optimizer, model.variables))
        traces = blocker.args[0]
        assert [u.name for u in traces.updates] == ["W", "b"]
        assert [u.kind for u in traces.updates] == ["gd", "gd"]
        with qtbot.waitSignal(loader.loaded, timeout=10000) as blocker:
            loader.request(lambda: (model.loss, feed))
        assert blocker.args[0].updates == ()
    finally:
        loader.stop()
    panel = GraphPanel()
    qtbot.addWidget(panel)
    panel.show_traces(traces.loss, traces.forward, traces.backward, traces.updates)
    panel.player.to_end()
    model.train_step(feed)
    for variable in model.variables:
        np.testing.assert_array_equal(panel.player.updated_value_at(variable), variable.value)


def test_a_variable_list_defaults_to_every_variable_of_the_loss():
    model, feed = trained(replace(ModelConfig(kind="mlp", hidden=(2,)), optimizer="adam"))
    _, _, updates = compute_traces(model.loss, feed, model.optimizer)
    assert {u.name for u in updates} == {v.name for v in model.variables}
