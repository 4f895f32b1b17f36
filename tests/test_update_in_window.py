"""Issue 10, item 2 in the app: after the backward pass the player shows each Variable's
update with training's own optimizer state, and the values shown after the update are
the weights of the next training step."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from _window import dialogs, window  # noqa: F401 (fixtures)

TIMEOUT_MS = 15000


def _train_to(qtbot, window, step):
    window.training.play()
    qtbot.waitUntil(lambda: window.session.step >= step, timeout=TIMEOUT_MS)
    window.pause_training()


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_the_update_shown_is_the_next_training_step(window, qtbot, optimizer):
    config = replace(window.session.model_config, optimizer=optimizer, learning_rate=0.01)
    window.training.edit(window.session.choose_model(config))
    _train_to(qtbot, window, 5)
    window.backprop_this_step(quiet=True)
    step = window.backprop_step
    player = window.graph_panel.player
    updates = player.updates
    assert [u.name for u in updates] == ["W", "b"] and {u.kind for u in updates} == {optimizer}
    if optimizer == "momentum":  # training's accumulator, not a fresh one
        assert np.any(updates[0].value("accum before") != 0)
    if optimizer == "adam":
        assert updates[0].value("t") == step + 1  # Adam's t counts from the first step
        assert np.any(updates[0].value("m before") != 0)
    # Walk to the first update step: its explanation names the Variable and its numbers.
    player.seek(len(window.graph_panel.backward.steps) + 1)
    assert player.is_update_step() and "W" in player.explanation.text()
    window.training.step_once()
    qtbot.waitUntil(lambda: window.session.step == step + 1, timeout=TIMEOUT_MS)
    for update, trained in zip(updates, window.session.weight_list()):
        np.testing.assert_allclose(update.after, trained, rtol=1e-12, atol=1e-15)


def test_after_an_optimizer_change_the_update_starts_fresh(window, qtbot):
    config = replace(window.session.model_config, optimizer="momentum", learning_rate=0.01)
    window.training.edit(window.session.choose_model(config))
    _train_to(qtbot, window, 5)
    window.training.edit(window.session.choose_model(replace(config, optimizer="adam")))
    window.backprop_this_step(quiet=True)
    updates = window.graph_panel.player.updates
    assert updates[0].kind == "adam" and updates[0].value("t") == 1
    assert np.all(updates[0].value("m before") == 0)


def test_with_mini_batches_the_step_shown_is_the_batchs(window, qtbot):
    """10 of the tutorial's 50 points a step: the update shown is the real next one only
    if the graph was fed that step's batch."""
    config = replace(window.session.model_config, batch_size=10, learning_rate=0.01)
    window.training.edit(window.session.choose_model(config))
    _train_to(qtbot, window, 3)
    window.backprop_this_step(quiet=True)
    updates = window.graph_panel.player.updates
    step = window.backprop_step
    window.training.step_once()
    qtbot.waitUntil(lambda: window.session.step == step + 1, timeout=TIMEOUT_MS)
    for update, trained in zip(updates, window.session.weight_list()):
        np.testing.assert_allclose(update.after, trained, rtol=1e-12, atol=1e-15)  # the batch's step
