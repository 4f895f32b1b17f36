"""Issue 11, item 3: the training timeline (every step's weights, a scrubber, branching)."""

from __future__ import annotations

import numpy as np
import pytest

from _window import dialogs, window  # noqa: F401 (fixtures)
from gdviz.training.datasets import make_dataset
from gdviz.training.models import ModelConfig
from gdviz.training.process import TrainingLoop
from gdviz.training.protocol import Commands, SetWeights, Start, TakeSteps
from gdviz.training.trainer import Trainer
from gdviz.training.weight_history import WeightHistory, at_step, flat_weights, until

TIMEOUT_MS = 15000


def test_every_step_is_kept_at_first_then_thinned_within_bounds():
    history = WeightHistory(max_rows=100)
    for step in range(50):
        history.append(step, np.full(3, step))
    steps, rows = history.arrays()
    assert list(steps) == list(range(50)) and np.array_equal(rows[:, 0], steps)
    for step in range(50, 10_000):
        history.offer(step, lambda s=step: np.full(3, s))
    steps, rows = history.arrays()
    assert len(steps) <= 100 and steps[0] == 0 and np.all(np.diff(steps) > 0)
    assert np.array_equal(rows[:, 0], steps)  # each row is its own step's
    wide = WeightHistory(max_rows=2000, max_bytes=80_000)
    for step in range(5000):
        wide.append(step, np.zeros(1000))
    assert len(wide) * 1000 * 8 <= 80_000
    assert at_step(history.arrays(), 10**6)[0] == steps[-1] and at_step((np.zeros(0), np.zeros((0, 3))), 5) is None
    assert until(history.arrays(), 10)[0].max() <= 10


@pytest.mark.parametrize("capacity", [5, 163])
def test_a_history_whose_bound_is_an_odd_number_of_rows_thins_too(capacity):
    # A 4×64 MLP has 12,802 weights: the byte bound keeps 163 rows, an odd number, and the
    # first thinning (at step 163 of its training) must not fail.
    history = WeightHistory(max_rows=capacity)
    for step in range(20 * capacity):
        history.offer(step, lambda s=step: np.full(2, s))
    steps, rows = history.arrays()
    assert 0 < len(steps) <= capacity and steps[0] == 0 and np.all(np.diff(steps) > 0)
    assert np.array_equal(rows[:, 0], steps)
    assert WeightHistory()._capacity(12_802) == 163  # the case met in the app


def test_the_training_process_records_every_steps_weights():
    sent = []
    loop = TrainingLoop(sent.append, 60.0)
    loop.handle(Commands(1, (Start(ModelConfig(), make_dataset()),)))
    start = flat_weights(loop.trainer.model.get_weights())
    loop.handle(Commands(2, (TakeSteps(7),)))
    steps, rows = loop.weights.arrays()
    assert list(steps) == list(range(8)) and np.array_equal(rows[0], start)
    np.testing.assert_array_equal(rows[-1], flat_weights(loop.trainer.model.get_weights()))
    # Weights set at an earlier step cut the history there.
    loop.handle(Commands(3, (SetWeights(tuple(loop.trainer.model.get_weights()), 3),)))
    assert list(loop.weights.arrays()[0]) == [0, 1, 2, 3]


def _take_steps(qtbot, window, n):
    target = window.session.step + n
    for _ in range(n):
        window.training.step_once()
    qtbot.waitUntil(lambda: window.session.step >= target, timeout=TIMEOUT_MS)


def test_continue_from_here_gives_the_weights_of_retraining_to_that_step(window, qtbot):
    session = window.session
    start = session.weight_list() or None
    _take_steps(qtbot, window, 30)
    timeline = window.timeline
    qtbot.waitUntil(lambda: timeline.slider.maximum() == 30, timeout=TIMEOUT_MS)  # 31 steps' weights
    timeline.slider.setValue(12)  # the scrubber, as a drag would set it
    assert timeline.step == 12 and not window.training.is_playing()
    assert all(c.isVisible() for c in timeline.cursors) and timeline.cursors[0].value() == 12
    qtbot.waitUntil(lambda: window.backprop_step == 12, timeout=TIMEOUT_MS)  # the graph shows step 13
    timeline.branch_button.click()
    qtbot.waitUntil(lambda: session.step == 12, timeout=TIMEOUT_MS)
    fresh = Trainer(session.model_config, session.dataset, start)
    fresh.train(12)
    for ours, theirs in zip(session.weight_list(), fresh.model.get_weights()):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10)
    assert session.progress.loss_curve[0].max() <= 12
    _take_steps(qtbot, window, 3)
    fresh.train(3)
    for ours, theirs in zip(session.weight_list(), fresh.model.get_weights()):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10)
    window.undo()  # the branch undone: back to step 30
    qtbot.waitUntil(lambda: session.step == 30, timeout=TIMEOUT_MS)


def test_the_scrubber_shows_a_past_boundary_and_now_returns(window, qtbot):
    _take_steps(qtbot, window, 20)
    qtbot.waitUntil(lambda: window.timeline.slider.maximum() == 20, timeout=TIMEOUT_MS)
    view = window.training.boundary_view
    drawn = []
    original = view.set_probabilities
    view.set_probabilities = lambda *a, **k: (drawn.append(a[0].shape), original(*a, **k))
    window.timeline.slider.setValue(2)
    qtbot.waitUntil(lambda: bool(drawn), timeout=TIMEOUT_MS)  # computed off the GUI thread
    window.timeline.now_button.click()
    assert window.timeline.step is None and not window.timeline.cursors[0].isVisible()
    assert "now" in window.timeline.label.text()


@pytest.mark.parametrize("optimizer", ["momentum"])
def test_a_past_step_of_a_stateful_optimizer_shows_the_backward_pass_alone(window, qtbot, optimizer):
    from dataclasses import replace

    window.training.edit(window.session.choose_model(replace(window.session.model_config, optimizer=optimizer)))
    _take_steps(qtbot, window, 10)
    qtbot.waitUntil(lambda: len(window.session.progress.weight_history[0]) == 11, timeout=TIMEOUT_MS)
    window.timeline.show_step(4)
    window.timeline.backprop()
    assert window.backprop_step == 4 and window.graph_panel.player.updates == ()


def test_an_empty_history_can_be_set():
    history = WeightHistory()
    history.set(np.zeros(0), np.zeros((0, 0)))
    assert len(history) == 0 and history.last_step is None


def test_a_step_taken_while_paused_is_on_the_timeline_as_soon_as_it_is_shown(window, qtbot):
    # Throttled only while training plays: a picture taken right after a step (the
    # command line's --screenshot) must not show the timeline one refresh behind.
    target = window.session.step + 3
    for _ in range(3):
        window.training.step_once()
    qtbot.waitUntil(lambda: window.training.last_frame is not None
                    and window.training.last_frame.snapshot.step >= target, timeout=TIMEOUT_MS)
    assert window.timeline.label.text() == f"step {target:,} (now)"
    assert window.timeline.slider.maximum() == target  # every step's row is there
