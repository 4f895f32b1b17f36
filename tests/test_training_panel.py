"""The training panel end to end: drag, add, delete, undo/redo, divergence, shutdown."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QThread
from PySide6.QtWidgets import QApplication

from _mouse import click, drag, hover, quick_gestures, view_pos
from gdviz.training.datasets import DATASET_NAMES, DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.ui.training.training_panel import TrainingPanel

MLP = ModelConfig(kind="mlp", hidden=(8, 8), optimizer="adam", learning_rate=0.05)


@pytest.fixture
def make_panel(qtbot):
    restore = quick_gestures()
    panels = []

    def make(dataset=None, config=None):
        panel = TrainingPanel(dataset, config, grid_size=40)
        qtbot.addWidget(panel)
        panel.resize(700, 700)
        panel.show()
        qtbot.waitExposed(panel)
        panel.boundary_view.scene().minDragTime = 0
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()
        assert not panel.worker.isRunning()
    restore()


def _wait_step(qtbot, panel, at_least):
    qtbot.wait_until(lambda: panel.last_frame is not None and panel.last_frame.snapshot.step >= at_least,
                     timeout=10_000)


def _boundary(panel):
    x, y = panel.boundary_view.boundary.getData()
    return np.column_stack([x, y])


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_training_lowers_the_loss_on_every_dataset(qtbot, make_panel, name):
    panel = make_panel(make_dataset(DatasetConfig(name=name, n_points=80)), MLP)
    statuses = []
    panel.status_changed.connect(statuses.append)
    panel.play()
    _wait_step(qtbot, panel, 150)
    panel.pause()
    qtbot.wait_until(lambda: not panel.last_frame.playing, timeout=5000)  # the paused frame
    steps, losses = panel.last_frame.loss_curve
    assert losses[-1] < 0.7 * losses[0]
    assert statuses[-1].step == panel.last_frame.snapshot.step
    assert "step" in panel.status_label.text() and "steps/s" in panel.status_label.text()


def test_drag_moves_the_point_and_the_boundary_follows(qtbot, make_panel):
    # Every wait is for a condition, never for a time: the test holds on a busy machine.
    panel = make_panel()
    view = panel.boundary_view
    index = int(np.argmax(panel.dataset().X.sum(axis=1)))  # a blue point far up-right
    start = tuple(panel.dataset().X[index])
    panel.step_once()
    _wait_step(qtbot, panel, 1)
    before = _boundary(panel)
    target = (-4.0, -4.5)  # deep among the red points
    drag(view, view_pos(view, *start), view_pos(view, *target))
    qtbot.wait_until(lambda: panel.undo_stack.count() == 1, timeout=5000)  # one undoable move
    moved = panel.dataset().X[index].copy()
    assert moved == pytest.approx(target, abs=0.1)
    assert panel.worker.sync(timeout=10)
    np.testing.assert_allclose(panel.worker.state().dataset.X[index], moved)  # the worker has it
    panel.play()
    _wait_step(qtbot, panel, 300)
    assert panel.pause()
    np.testing.assert_allclose(panel.current_state()[1].X[index], moved)  # and trains on it
    qtbot.wait_until(lambda: _boundary(panel).shape != before.shape or not np.allclose(_boundary(panel), before),
                     timeout=5000)


def test_add_delete_undo_redo(qtbot, make_panel):
    panel = make_panel()
    view = panel.boundary_view
    n = len(panel.dataset())
    click(view, view_pos(view, 4.0, -4.0))
    qtbot.wait(5)
    click(view, view_pos(view, -4.0, 4.0), modifiers=Qt.KeyboardModifier.ShiftModifier)
    d = panel.dataset()
    assert len(d) == n + 2 and list(d.labels[-2:]) == [0, 1]
    assert d.X[-1] == pytest.approx((-4.0, 4.0), abs=0.1)
    # Right-click removes the point under the mouse; so does Delete over a point.
    qtbot.wait(5)
    click(view, view_pos(view, *d.X[0]), button=Qt.MouseButton.RightButton)
    assert len(panel.dataset()) == n + 1
    hover(view, view_pos(view, *panel.dataset().X[-1]))
    panel.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(panel.dataset()) == n
    assert panel.undo_stack.count() == 4
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(panel.dataset()) == n + 2
    np.testing.assert_array_equal(panel.dataset().X, d.X)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(panel.dataset()) == n + 1
    for _ in range(3):
        panel.undo_stack.undo()
    assert len(panel.dataset()) == n
    assert panel.worker.sync() and len(panel.worker.state().dataset) == n


def test_learning_rate_100_with_sum_is_reported_and_nothing_non_finite_is_drawn(qtbot, make_panel):
    panel = make_panel(config=ModelConfig(reduction="sum", learning_rate=100.0))
    with qtbot.waitSignal(panel.warning_raised, timeout=5000,
                          check_params_cb=lambda message: "stopped at step" in message):
        panel.play()
    assert panel.warning_label.isVisible() and "learning rate" in panel.warning_label.text()
    qtbot.wait_until(lambda: panel.last_frame is not None and panel.last_frame.snapshot.diverged_at is not None,
                     timeout=5000)
    assert not panel.is_playing()
    drawn = [*_boundary(panel).ravel()]
    for curve in (panel.train_loss_curve, panel.test_loss_curve, panel.accuracy_curve):
        x, y = curve.getData()
        drawn += [] if y is None else list(y)
    assert np.all(np.isfinite(drawn))
    assert np.all(np.isfinite(panel.last_frame.probabilities))
    panel.set_learning_rate(0.1)  # training goes on from the restored weights
    assert not panel.warning_label.isVisible()


def test_frame_slot_runs_in_the_gui_thread(qtbot, make_panel):
    panel = make_panel()
    threads = []
    original = panel.boundary_view.set_probabilities

    def recording(*args):
        threads.append(QThread.currentThread())
        return original(*args)

    panel.boundary_view.set_probabilities = recording
    panel.play()
    qtbot.wait_until(lambda: len(threads) >= 3, timeout=5000)
    assert all(t == QApplication.instance().thread() for t in threads)


def test_closing_during_training_leaves_no_running_thread(qtbot):
    panel = TrainingPanel(make_dataset(DatasetConfig(n_points=1000)), MLP)
    panel.show()
    panel.play()
    qtbot.wait_until(lambda: panel.last_frame is not None, timeout=5000)
    worker = panel.worker
    assert worker.isRunning()
    panel.close()
    assert not worker.isRunning()
    panel.deleteLater()
    qtbot.wait(50)


def test_pause_and_current_state_hand_over_copies(qtbot, make_panel):
    panel = make_panel()
    panel.play()
    _wait_step(qtbot, panel, 20)
    assert panel.pause()
    config, dataset, weights, step = panel.current_state()
    assert config == panel.model_config() and step >= 20
    weights[0][:] = 0.0
    assert not np.all(panel.current_state()[2][0] == 0.0)
    qtbot.wait(100)
    assert panel.current_state()[3] == step  # paused stays put
    # Weights change only through the session (an undoable edit), never behind its back.
    panel.edit(panel.session.restart(weights, "New weights"))
    np.testing.assert_array_equal(panel.current_state()[2][0], 0.0)
    np.testing.assert_array_equal(panel.session.weight_list()[0], 0.0)
    panel.undo_stack.undo()
    assert panel.session.step == step and panel.current_state()[3] == step


def test_reset_and_model_change_restart_learning_rate_does_not(qtbot, make_panel):
    panel = make_panel()
    for _ in range(5):
        panel.step_once()
    panel.set_learning_rate(0.05)
    assert panel.current_state()[3] == 5
    panel.reset()
    assert panel.current_state()[3] == 0
    panel.step_once()
    panel.set_model_config(MLP)
    assert panel.current_state()[3] == 0
    panel.set_dataset(make_dataset(DatasetConfig(name="blobs4")))
    # Every one of them is an edit of the session, on the one undo stack.
    assert [panel.undo_stack.text(i) for i in range(panel.undo_stack.count())] == [
        "Change how the model trains", "Reset training", "Change the model", "Dataset: blobs4"]
    panel.step_once()
    qtbot.wait_until(lambda: panel.last_frame is not None and panel.last_frame.probabilities.shape[-1] == 4,
                     timeout=5000)


def test_a_frame_from_before_play_does_not_say_training_stopped(qtbot, make_panel):
    """Play, then a frame the training process made before it read the Play arrives (it
    says "not playing"): the panel still plays. A frame after the last command decides."""
    from dataclasses import replace

    panel = make_panel()
    panel.step_once()
    _wait_step(qtbot, panel, 1)
    before_play = panel.last_frame
    assert not before_play.playing and not panel.is_playing()
    panel.play()
    panel.worker.frame_ready.emit(replace(before_play, serial=before_play.serial + 1))  # late
    assert panel.is_playing()
    panel.worker.frame_ready.emit(replace(before_play, serial=before_play.serial + 2,
                                          applied=panel.worker.posted))  # after the Play: it decides
    assert not panel.is_playing()
    panel.pause()
